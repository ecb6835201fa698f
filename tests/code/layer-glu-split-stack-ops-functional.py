# Pattern: keras.ops.split and ops.stack on functional tensors: a gated linear unit (a, b = ops.split(x, 2, axis=-1); a * ops.sigmoid(b)) and two branches stacked on a new axis
import keras
from keras import layers
from keras import ops

inputs = keras.Input(shape=(40, 16))
x = layers.Conv1D(64, 3, padding="same")(inputs)
a, b = ops.split(x, 2, axis=-1)
x = a * ops.sigmoid(b)
left = layers.Dense(8)(x)
right = layers.Dense(8)(x)
stacked = ops.stack([left, right], axis=1)
x = layers.Flatten()(stacked)
outputs = layers.Dense(1)(x)
model = keras.Model(inputs, outputs)
model.summary()
