# Pattern: a gated layer whose build(self) takes no shape (Keras calls it without one), and a head with activation=keras.ops.tanh given as a function
import keras
from keras import layers, ops


class GatedUnit(layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self):
        self.linear = layers.Dense(self.units)
        self.gate = layers.Dense(self.units, activation="sigmoid")

    def call(self, inputs):
        return self.linear(inputs) * self.gate(inputs)


features = keras.Input(shape=(12,))
x = GatedUnit(8)(features)
action = layers.Dense(2, activation=ops.tanh)(x)
model = keras.Model(features, action)
