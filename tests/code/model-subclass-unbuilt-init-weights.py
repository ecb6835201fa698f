# Pattern: an unbuilt subclassed model whose user layer makes a weight in __init__: the row is "0 (unbuilt)", the totals count it
import keras
from keras import layers, ops


class Gain(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.gain = self.add_weight(shape=(units,), initializer="ones", trainable=False, name="gain")
        self.bias = self.add_weight(shape=(units,), initializer="zeros", name="bias")
        self.dense = layers.Dense(units)

    def call(self, inputs):
        return self.dense(inputs) * self.gain + self.bias


class Scorer(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.gain = Gain(6)
        self.head = layers.Dense(1)

    def call(self, inputs):
        return self.head(ops.relu(self.gain(inputs)))


model = Scorer()
