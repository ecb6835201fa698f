# Pattern: a layer class whose call picks rows of a table with tf.gather (a learned position table, indexed by tf.range of the sequence length), added to its input
import tensorflow as tf
import keras
from keras import layers


class PositionTable(layers.Layer):
    def __init__(self, max_len, dim, **kwargs):
        super().__init__(**kwargs)
        self.table = self.add_weight(shape=(max_len, dim), initializer="zeros", name="table")

    def call(self, x):
        length = tf.shape(x)[1]
        positions = tf.gather(self.table, tf.range(length))
        return x + positions


inputs = keras.Input(shape=(20, 16))
x = PositionTable(64, 16)(inputs)
outputs = layers.Dense(4)(x)
model = keras.Model(inputs, outputs)
