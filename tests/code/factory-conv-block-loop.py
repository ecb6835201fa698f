# Pattern: helper conv_block(x, filters) returning a tensor, called in a for loop over filter sizes
import tensorflow as tf
from tensorflow.keras import layers


def conv_block(x, filters, kernel_size=3):
    x = layers.Conv2D(filters, kernel_size, padding="same", use_bias=False)(x)
    x = layers.BatchNormalization()(x)
    x = layers.Activation("relu")(x)
    return layers.MaxPooling2D()(x)


inputs = tf.keras.Input(shape=(64, 64, 3))
x = inputs
for filters in [16, 32, 64]:
    x = conv_block(x, filters)
x = layers.Flatten()(x)
outputs = layers.Dense(2, activation="softmax")(x)
model = tf.keras.Model(inputs, outputs)
