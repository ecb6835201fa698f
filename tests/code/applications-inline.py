# An application called where it is made, through tf.keras: a VGG19 base trained from
# scratch (weights=None), average-pooled, beside a small convolutional branch. VGG19's
# unnamed pooling layer takes the name global_average_pooling2d when VGG19 is built,
# so the branch's pooling is global_average_pooling2d_1.
import tensorflow as tf
from tensorflow.keras import layers

inputs = tf.keras.Input(shape=(96, 128, 3))
features = tf.keras.applications.VGG19(include_top=False, weights=None, pooling="avg")(inputs)
edges = layers.Conv2D(8, 3, activation="relu")(inputs)
edges = layers.GlobalAveragePooling2D()(edges)
x = layers.Concatenate()([features, edges])
outputs = layers.Dense(10, activation="softmax")(x)
model = tf.keras.Model(inputs, outputs)
