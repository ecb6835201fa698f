# Pattern: shared layer arguments in a dict (conv_args = dict(...)) passed with ** to several Conv2D
import keras
from keras import layers

conv_args = dict(kernel_size=3, padding="same", activation="relu", kernel_initializer="he_normal")

inputs = keras.Input(shape=(48, 48, 3))
x = layers.Conv2D(16, **conv_args)(inputs)
x = layers.Conv2D(16, **conv_args)(x)
x = layers.MaxPooling2D()(x)
x = layers.Conv2D(32, **conv_args)(x)
x = layers.Conv2D(32, strides=2, **conv_args)(x)
x = layers.GlobalAveragePooling2D()(x)
outputs = layers.Dense(4, activation="softmax")(x)
model = keras.Model(inputs, outputs)
