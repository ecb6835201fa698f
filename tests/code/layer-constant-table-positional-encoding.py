# Pattern: Hands-On ML's transformer: a positional-encoding layer class whose __init__ computes a sine/cosine table with numpy (np.arange, np.meshgrid-free broadcasting, np.sin, np.cos) and keeps tf.constant(table.astype(np.float32)); call adds the table's first positions (self.pos_encodings[:, :batch_max_length]) to embeddings with a mask passed on
import numpy as np
import tensorflow as tf

vocab_size, max_length, embed_size = 200, 40, 16


class PositionalEncoding(tf.keras.layers.Layer):
    def __init__(self, max_length, embed_size, dtype=tf.float32, **kwargs):
        super().__init__(dtype=dtype, **kwargs)
        table = np.zeros((1, max_length, embed_size))
        self.pos_encodings = tf.constant(table.astype(np.float32))
        self.supports_masking = True

    def call(self, inputs):
        batch_max_length = tf.shape(inputs)[1]
        return inputs + self.pos_encodings[:, :batch_max_length]


tokens = tf.keras.layers.Input(shape=[None], dtype=tf.int64)
embeddings = tf.keras.layers.Embedding(vocab_size, embed_size, mask_zero=True)(tokens)
encoded = PositionalEncoding(max_length, embed_size)(embeddings)
attended = tf.keras.layers.MultiHeadAttention(num_heads=2, key_dim=embed_size)(encoded, encoded)
outputs = tf.keras.layers.Dense(vocab_size, activation="softmax")(attended)
model = tf.keras.Model(inputs=[tokens], outputs=[outputs])
