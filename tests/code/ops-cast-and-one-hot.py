# Pattern: keras.ops.cast and ops.one_hot on an integer input in functional code
import keras
from keras import layers, ops

num_tokens = 12

inputs = keras.Input(shape=(10,), dtype="int32")
x = ops.one_hot(inputs, num_tokens)
x = ops.cast(x, "float32")
x = layers.Flatten()(x)
x = layers.Dense(32, activation="relu")(x)
outputs = layers.Dense(1)(x)
model = keras.Model(inputs, outputs)
