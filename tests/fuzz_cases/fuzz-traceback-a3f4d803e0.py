# Pattern: tf.keras Layer subclass with tf ops in call() and an explicit compute_output_shape, super(Cls, self).__init__(**kwargs)
import tensorflow as tf


class L2Normalize(tf.keras.layers.Layer):
    def __init__(self, axis=-1, **kwargs):
        super(L2NoneNormalize, self).__init__(**kwargs)
        self.axis = axis

    def call(self, inputs):
        return tf.math.l2_normalize(inputs, axis=self.axis)
    def compute_output_shape(self, input_shape):
        return input_shape


inputs = tf.keras.Input(shape=(100,))
x = tf.keras.layers.Dense(64, activation="relu")(inputs)
x = tf.keras.layers.Dense(32)(x)
embeddings = L2Normalize(name="embedding")(x)
model = tf.keras.Model(inputs, embeddings)
