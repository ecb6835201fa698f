# Pattern: custom layers that create weights in build() with self.add_weight (trainable and not), from input_shape[-1]
import keras
from keras import layers, ops


class Linear(keras.layers.Layer):
    def __init__(self, units=32):
        super().__init__()
        self.units = units

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], self.units), initializer="random_normal", trainable=True)
        self.b = self.add_weight(shape=(self.units,), initializer="zeros", trainable=True)

    def call(self, inputs):
        return ops.matmul(inputs, self.w) + self.b


class RunningTotal(keras.layers.Layer):
    def build(self, input_shape):
        self.total = self.add_weight(shape=(input_shape[-1],), initializer="zeros", trainable=False, name="total")

    def call(self, inputs):
        return inputs + self.total


class Scale(keras.layers.Layer):
    def build(self, input_shape):
        self.scale = self.add_weight(shape=(), initializer="ones", name="scale")

    def call(self, inputs):
        return inputs * self.scale


inputs = keras.Input(shape=(16,))
x = Linear(32)(inputs)
x = layers.ReLU()(x)
x = RunningTotal()(x)
x = Scale()(x)
outputs = Linear(4)(x)
model = keras.Model(inputs, outputs)
