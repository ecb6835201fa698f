# Pattern: custom layers inside a Sequential model that starts with keras.Input
from tensorflow import keras
from tensorflow.keras import layers


class Residual(layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.dense = layers.Dense(units, activation="relu")
        self.norm = layers.LayerNormalization()

    def call(self, x):
        return self.norm(x + self.dense(x))


class Squash(layers.Layer):
    def call(self, x):
        return keras.ops.tanh(x) * 0.5


model = keras.Sequential([
    keras.Input(shape=(20,)),
    layers.Dense(16),
    Residual(16, name="block_1"),
    Residual(16),
    Squash(),
    layers.Dense(1),
])
