# Pattern: Sequential with keras.Input(shape=(None,)), Embedding, two Bidirectional LSTMs (TF text RNN tutorial)
import tensorflow as tf

VOCAB = 1200

model = tf.keras.Sequential([
    tf.keras.Input(shape=(None,), dtype="int64"),
    tf.keras.layers.Embedding(VOCAB, 32),
    tf.keras.layers.Bidirectional(tf.keras.layers.LSTM(32, return_sequences=True)),
    tf.keras.layers.Bidirectional(tf.keras.layers.LSTM(16)),
    tf.keras.layers.Dense(32, activation='relu'),
    tf.keras.layers.Dropout(0.5),
    tf.keras.layers.Dense(1)
])
