# Pattern: keras.ops.expand_dims / ops.squeeze around a Conv1D on a flat feature vector
import keras
from keras import layers, ops

inputs = keras.Input(shape=(64,))
x = ops.expand_dims(inputs, axis=-1)
x = layers.Conv1D(8, 5, padding="same", activation="relu")(x)
x = layers.Conv1D(1, 1)(x)
x = ops.squeeze(x, axis=-1)
outputs = layers.Dense(3, activation="softmax")(x)
model = keras.Model(inputs, outputs)
