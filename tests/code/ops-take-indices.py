# Pattern: keras.ops.take and take_along_axis in functional code: every other time step (ops.arange indices), a fixed list of features, a flattened pick (axis=None), the argmax's value picked along the last axis
import keras
from keras import layers, ops

inputs = keras.Input(shape=(10, 8))
steps = ops.take(inputs, ops.arange(0, 10, 2), axis=1)
features = ops.take(steps, [0, 3, 5], axis=-1)
flat = ops.take(inputs, [[1, 2], [3, 4]])
best = ops.expand_dims(ops.argmax(inputs, axis=-1), -1)
picked = ops.take_along_axis(inputs, best, axis=-1)
x = layers.Flatten()(features)
y = layers.Flatten()(picked)
z = layers.Flatten()(flat)
outputs = layers.Dense(2)(layers.Concatenate()([x, y, z]))
model = keras.Model(inputs, outputs)
