# Pattern: hand-written dot-product attention in functional code with ops.matmul, ops.transpose, ops.softmax
import keras
from keras import layers, ops

seq_len, d_model = 16, 32

inputs = keras.Input(shape=(seq_len, d_model))
q = layers.Dense(d_model)(inputs)
k = layers.Dense(d_model)(inputs)
v = layers.Dense(d_model)(inputs)
scores = ops.matmul(q, ops.transpose(k, axes=(0, 2, 1))) / (d_model ** 0.5)
weights = ops.softmax(scores, axis=-1)
attended = ops.matmul(weights, v)
x = layers.LayerNormalization()(attended + inputs)
x = layers.GlobalAveragePooling1D()(x)
outputs = layers.Dense(4)(x)
model = keras.Model(inputs, outputs)
