# Pattern: a Dense-like Layer subclass creating its weights in build(input_shape) with add_weight, used in a functional model
import keras
from keras import ops


class SimpleDense(keras.layers.Layer):
    def __init__(self, units, activation=None):
        super().__init__()
        self.units = units
        self.activation = activation

    def build(self, input_shape):
        input_dim = input_shape[-1]
        self.W = self.add_weight(shape=(input_dim, self.units), initializer="random_normal")
        self.b = self.add_weight(shape=(self.units,), initializer="zeros")

    def call(self, inputs):
        y = ops.matmul(inputs, self.W) + self.b
        if self.activation is not None:
            y = self.activation(y)
        return y


inputs = keras.Input(shape=(20,))
x = SimpleDense(32, activation=keras.activations.relu)(inputs)
x = SimpleDense(16, activation=keras.activations.relu)(x)
outputs = keras.layers.Dense(1)(x)
model = keras.Model(inputs, outputs)
