# Pattern: a Layer subclass whose weights are made in __init__ from an input_dim argument (Keras "making new layers" guide), plus a non-trainable weight
import tensorflow as tf
from tensorflow import keras


class Linear(keras.layers.Layer):
    def __init__(self, units=32, input_dim=32):
        super().__init__()
        self.w = self.add_weight(shape=(input_dim, units), initializer="random_normal", trainable=True)
        self.b = self.add_weight(shape=(units,), initializer="zeros", trainable=True)
        self.total = self.add_weight(shape=(units,), initializer="zeros", trainable=False)

    def call(self, inputs):
        return tf.matmul(inputs, self.w) + self.b


inputs = keras.Input(shape=(6,))
x = Linear(10, 6)(inputs)
outputs = keras.layers.Dense(2, activation="softmax")(x)
model = keras.Model(inputs, outputs)
