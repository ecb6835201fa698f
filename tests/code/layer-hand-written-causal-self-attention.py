# Pattern: a hand-written causal self-attention layer with TensorFlow ops in call: tf.matmul(q, k, transpose_b=True), tf.cast(tf.shape(k)[-1], tf.float32), a causal mask from tf.range, tf.nn.softmax; positions from tf.range(start=0, limit=tf.shape(x)[-1]) in an embedding layer
import tensorflow as tf
import keras
from keras import layers


class CausalSelfAttention(layers.Layer):
    def __init__(self, width, heads, **kwargs):
        super().__init__(**kwargs)
        self.width, self.heads = width, heads
        self.depth = width // heads
        self.qkv = [layers.Dense(width) for _ in range(3)]
        self.merge = layers.Dense(width)

    @staticmethod
    def causal_mask(rows, cols, dtype):
        i = tf.range(rows)[:, None]
        j = tf.range(cols)
        return tf.cast(i >= j - cols + rows, dtype)

    def split(self, x, batch):
        x = tf.reshape(x, (batch, -1, self.heads, self.depth))
        return tf.transpose(x, perm=[0, 2, 1, 3])

    def call(self, x):
        batch = tf.shape(x)[0]
        q, k, v = (self.split(dense(x), batch) for dense in self.qkv)
        scores = tf.matmul(q, k, transpose_b=True) / tf.math.sqrt(tf.cast(tf.shape(k)[-1], tf.float32))
        shape = tf.shape(scores)
        mask = tf.reshape(self.causal_mask(shape[2], shape[3], scores.dtype), [1, 1, shape[2], shape[3]])
        weights = tf.nn.softmax(scores * mask - 1e4 * (1 - mask), axis=-1)
        out = tf.transpose(tf.matmul(weights, v), perm=[0, 2, 1, 3])
        return self.merge(tf.reshape(out, (batch, -1, self.width)))


class TokensAndPositions(layers.Layer):
    def __init__(self, length, vocabulary, width):
        super().__init__()
        self.tokens = layers.Embedding(vocabulary, width)
        self.positions = layers.Embedding(length, width)

    def call(self, x):
        positions = tf.range(start=0, limit=tf.shape(x)[-1], delta=1)
        return self.tokens(x) + self.positions(positions)


tokens = keras.Input(shape=(64,), dtype="int32")
x = TokensAndPositions(64, 5000, 32)(tokens)
x = CausalSelfAttention(32, 4)(x)
model = keras.Model(tokens, layers.Dense(5000)(x))
