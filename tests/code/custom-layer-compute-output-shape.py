# Pattern: a custom layer with compute_output_shape and get_config, and one called twice on tensors of one shape (shared)
import keras
from keras import layers, ops


class Split(layers.Layer):
    def __init__(self, parts=2, **kwargs):
        super().__init__(**kwargs)
        self.parts = parts

    def call(self, x):
        size = x.shape[-1] // self.parts
        return [x[..., i * size:(i + 1) * size] for i in range(self.parts)]

    def compute_output_shape(self, input_shape):
        size = input_shape[-1] // self.parts
        return [(*input_shape[:-1], size)] * self.parts

    def get_config(self):
        config = super().get_config()
        config.update({"parts": self.parts})
        return config


class Gate(layers.Layer):
    def __init__(self, units):
        super().__init__()
        self.units = units
        self.proj = layers.Dense(units, activation="sigmoid")

    def call(self, x):
        return self.proj(x) * x


left_in = keras.Input(shape=(12,))
right_in = keras.Input(shape=(12,))
a, b = Split()(left_in)
gate = Gate(12)
left = gate(left_in)
right = gate(right_in)
merged = layers.Concatenate()([left, right, a, b])
model = keras.Model([left_in, right_in], merged)
