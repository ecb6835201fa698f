# Pattern: the README's example: a custom layer with add_weight, then slicing and scaling its output
import keras
from keras import layers, ops


class Linear(keras.layers.Layer):
    def __init__(self, units=32):
        super().__init__()
        self.units = units

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], self.units), initializer="random_normal")
        self.b = self.add_weight(shape=(self.units,), initializer="zeros")

    def call(self, inputs):
        return ops.matmul(inputs, self.w) + self.b

inputs = keras.Input(shape=(16,))
x = Linear(32)(inputs)
x = x[:, :8] * 0.5
outputs = layers.Dense(4)(x)
model = keras.Model(inputs, outputs)
