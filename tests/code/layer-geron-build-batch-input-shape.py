# Pattern: Géron's MyDense: build(self, batch_input_shape) with add_weight(name=, shape=[batch_input_shape[-1], self.units], initializer="glorot_normal") and super().build(batch_input_shape), keras.activations.get in __init__
import tensorflow as tf
from tensorflow import keras


class MyDense(keras.layers.Layer):
    def __init__(self, units, activation=None, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.activation = keras.activations.get(activation)

    def build(self, batch_input_shape):
        self.kernel = self.add_weight(name="kernel", shape=[batch_input_shape[-1], self.units], initializer="glorot_normal")
        self.bias = self.add_weight(name="bias", shape=[self.units], initializer="zeros")
        super().build(batch_input_shape)

    def call(self, X):
        return self.activation(X @ self.kernel + self.bias)

    def get_config(self):
        base_config = super().get_config()
        return {**base_config, "units": self.units, "activation": keras.activations.serialize(self.activation)}


model = keras.models.Sequential([
    MyDense(30, activation="relu", input_shape=[8]),
    MyDense(1),
])
model.summary()
