# Pattern: x = x + layers.Dense(...)(x) residual MLP in a loop, with ops.relu between
import keras
from keras import layers, ops

inputs = keras.Input(shape=(24,))
x = layers.Dense(48)(inputs)
for _ in range(3):
    x = x + layers.Dense(48)(ops.relu(x))
x = layers.LayerNormalization()(x)
outputs = layers.Dense(5)(x)
model = keras.Model(inputs, outputs)
