# Pattern: Dense(x.shape[-1]) and a projection sized from an input's shape, for a skip connection
import keras
from keras import layers

inputs = keras.Input(shape=(18,))
x = layers.Dense(64, activation="relu")(inputs)
x = layers.Dense(inputs.shape[-1])(x)
x = layers.add([x, inputs])
y = layers.Dense(x.shape[-1] * 2, activation="relu")(x)
outputs = layers.Dense(1)(y)
model = keras.Model(inputs, outputs)
