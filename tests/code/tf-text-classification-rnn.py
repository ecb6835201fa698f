# The TensorFlow "Text classification with an RNN" tutorial: Embedding(mask_zero=True) and two
# stacked Bidirectional LSTMs in a Sequential model (the encoder layer left out: it is adapted to data).
import tensorflow as tf

VOCAB_SIZE = 1000
model = tf.keras.Sequential([
    tf.keras.Input(shape=(None,), dtype="int64"),
    tf.keras.layers.Embedding(VOCAB_SIZE, 64, mask_zero=True),
    tf.keras.layers.Bidirectional(tf.keras.layers.LSTM(64, return_sequences=True)),
    tf.keras.layers.Bidirectional(tf.keras.layers.LSTM(32)),
    tf.keras.layers.Dense(64, activation="relu"),
    tf.keras.layers.Dropout(0.5),
    tf.keras.layers.Dense(1),
])
