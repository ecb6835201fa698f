# Pattern: an embedding head normalized by hand with keras.ops on tensors: x / ops.sqrt(ops.sum(ops.square(x), axis=-1, keepdims=True) + 1e-8), and ops.clip / ops.abs before it
import keras
from keras import layers
from keras import ops

inputs = keras.Input(shape=(128,))
x = layers.Dense(64)(inputs)
x = ops.clip(x, -5.0, 5.0)
x = ops.abs(x) + x
norm = ops.sqrt(ops.sum(ops.square(x), axis=-1, keepdims=True) + 1e-8)
outputs = x / norm
model = keras.Model(inputs, outputs, name="embedding_head")
model.summary()
