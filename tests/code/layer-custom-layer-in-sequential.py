# Pattern: a custom Layer subclass used inside a Sequential with keras.Input first
import keras
from keras import layers, ops


class Standardize(layers.Layer):
    def call(self, x):
        mean = ops.mean(x, axis=-1, keepdims=True)
        std = ops.std(x, axis=-1, keepdims=True)
        return (x - mean) / (std + 1e-6)


model = keras.Sequential([
    keras.Input(shape=(16,)),
    Standardize(),
    layers.Dense(32, activation="relu"),
    layers.Dense(3),
])
