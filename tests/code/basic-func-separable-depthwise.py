# Pattern: functional model with SeparableConv2D, DepthwiseConv2D and a 1x1 Conv2D projection
import keras
from keras import layers

inputs = keras.Input(shape=(96, 96, 3))
x = layers.Conv2D(16, 3, strides=2, padding="same", activation="relu")(inputs)
x = layers.DepthwiseConv2D(3, padding="same")(x)
x = layers.Conv2D(32, 1, activation="relu")(x)
x = layers.SeparableConv2D(64, 3, padding="same", activation="relu")(x)
x = layers.SeparableConv2D(64, 3, strides=2, padding="same", activation="relu")(x)
x = layers.GlobalAveragePooling2D()(x)
outputs = layers.Dense(2, activation="softmax")(x)
model = keras.Model(inputs, outputs)
