# Pattern: a normalizing-flow model class: numpy checkerboard masks held as an attribute, indexed in a loop over coupling models, tf.exp of their outputs; built by a call on numpy data
import numpy as np
import tensorflow as tf
import keras
from keras import layers


def coupling(dim, hidden=16):
    x = keras.Input(shape=(dim,))
    h = layers.Dense(hidden, activation="relu")(x)
    h = layers.Dense(hidden, activation="relu")(h)
    return keras.Model(x, [layers.Dense(dim, activation="tanh")(h), layers.Dense(dim)(h)])


class Flow(keras.Model):
    def __init__(self, steps, dim=2):
        super().__init__()
        self.steps = steps
        self.masks = np.array([[1, 0], [0, 1]] * (steps // 2), dtype="float32")
        self.couplings = [coupling(dim) for _ in range(steps)]

    def call(self, x):
        for i in range(self.steps)[::-1]:
            kept = x * self.masks[i]
            changed = 1 - self.masks[i]
            scale, shift = self.couplings[i](kept)
            x = kept + changed * (x * tf.exp(scale) + shift)
        return x


model = Flow(4)
model(np.zeros((16, 2), dtype="float32"))
