# Pattern: ops.reshape(x, (-1, 7 * 7 * 32)) with -1 for the batch in functional code, then ops.gelu and ops.silu between Dense layers
import keras
from keras import layers
from keras import ops

inputs = keras.Input(shape=(28, 28, 1))
x = layers.Conv2D(32, 3, strides=2, padding="same")(inputs)
x = layers.Conv2D(32, 3, strides=2, padding="same")(x)
x = ops.reshape(x, (-1, 7 * 7 * 32))
x = ops.gelu(layers.Dense(64)(x))
x = ops.silu(layers.Dense(32)(x))
outputs = layers.Dense(10, activation="softmax")(x)
model = keras.Model(inputs, outputs)
model.summary()
