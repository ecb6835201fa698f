# Pattern: a decoder layer class (TensorFlow style) whose causal attention mask is tf.tile of a tf.cast comparison by multiples computed with tf.concat([tf.expand_dims(batch, -1), tf.constant([1, 1], dtype=tf.int32)]), combined with the padding mask of Embedding(mask_zero=True)
import tensorflow as tf
import keras
from keras import layers, ops


class CausalDecoderBlock(layers.Layer):
    def __init__(self, dim, heads, hidden, **kwargs):
        super().__init__(**kwargs)
        self.self_attention = layers.MultiHeadAttention(num_heads=heads, key_dim=dim)
        self.cross_attention = layers.MultiHeadAttention(num_heads=heads, key_dim=dim)
        self.feed_forward = keras.Sequential([layers.Dense(hidden, activation="relu"), layers.Dense(dim)])
        self.norms = [layers.LayerNormalization() for _ in range(3)]
        self.supports_masking = True

    def causal_mask(self, inputs):
        shape = tf.shape(inputs)
        batch, length = shape[0], shape[1]
        rows = tf.range(length)[:, tf.newaxis]
        cols = tf.range(length)
        mask = tf.cast(rows >= cols, dtype="int32")
        mask = tf.reshape(mask, (1, shape[1], shape[1]))
        repeats = tf.concat([tf.expand_dims(batch, -1), tf.constant([1, 1], dtype=tf.int32)], axis=0)
        return tf.tile(mask, repeats)

    def call(self, inputs, context, mask=None):
        causal = self.causal_mask(inputs)
        padding = None
        if mask is not None:
            padding = ops.minimum(ops.cast(mask[:, None, :], dtype="int32"), causal)
        x = self.norms[0](inputs + self.self_attention(query=inputs, value=inputs, key=inputs, attention_mask=causal))
        x = self.norms[1](x + self.cross_attention(query=x, value=context, key=context, attention_mask=padding))
        return self.norms[2](x + self.feed_forward(x))


tokens = keras.Input(shape=(None,), dtype="int64", name="target_tokens")
context = keras.Input(shape=(None, 24), name="encoded_source")
x = layers.Embedding(500, 24, mask_zero=True)(tokens)
x = CausalDecoderBlock(24, 3, 48)(x, context)
x = layers.Dropout(0.3)(x)
outputs = layers.Dense(500, activation="softmax")(x)
model = keras.Model([tokens, context], outputs)
