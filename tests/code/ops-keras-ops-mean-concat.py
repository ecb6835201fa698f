# Pattern: keras.ops functions on symbolic tensors in functional code (ops.mean, ops.max, ops.concatenate)
import keras
from keras import layers, ops

inputs = keras.Input(shape=(20, 12))
h = layers.Dense(16, activation="relu")(inputs)
avg = ops.mean(h, axis=1)
mx = ops.max(h, axis=1)
pooled = ops.concatenate([avg, mx], axis=-1)
outputs = layers.Dense(1)(pooled)
model = keras.Model(inputs, outputs)
