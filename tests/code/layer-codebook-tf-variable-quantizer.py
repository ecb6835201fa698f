# Pattern: a vector-quantizer layer whose codebook is a raw tf.Variable made from an initializer in __init__ (Keras 3 tracks no tf.Variable: no weights), nearest codes by tf.argmin/tf.one_hot, tf.matmul(..., transpose_b=True), a straight-through tf.stop_gradient; between a conv encoder and decoder
import tensorflow as tf
import keras
from keras import layers


class Quantizer(layers.Layer):
    def __init__(self, codes, dim, **kwargs):
        super().__init__(**kwargs)
        self.codes, self.dim = codes, dim
        init = tf.random_uniform_initializer()
        self.codebook = tf.Variable(initial_value=init(shape=(dim, codes), dtype="float32"), trainable=True)

    def call(self, x):
        shape = tf.shape(x)
        flat = tf.reshape(x, [-1, self.dim])
        similarity = tf.matmul(flat, self.codebook)
        distances = tf.reduce_sum(flat ** 2, axis=1, keepdims=True) + tf.reduce_sum(self.codebook ** 2, axis=0) \
            - 2 * similarity
        nearest = tf.one_hot(tf.argmin(distances, axis=1), self.codes)
        quantized = tf.reshape(tf.matmul(nearest, self.codebook, transpose_b=True), shape)
        return x + tf.stop_gradient(quantized - x)


images = keras.Input(shape=(28, 28, 1))
z = layers.Conv2D(16, 3, strides=2, padding="same", activation="relu")(images)
z = layers.Conv2D(8, 1)(z)
z = Quantizer(32, 8)(z)
out = layers.Conv2DTranspose(1, 3, strides=2, padding="same")(z)
model = keras.Model(images, out)
