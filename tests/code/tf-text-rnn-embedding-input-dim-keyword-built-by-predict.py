# Pattern: the TF text-classification tutorials' Sequential: Embedding(input_dim=VOCAB, output_dim=64, mask_zero=True) as the first layer (its input_dim is the vocabulary's size, not an input shape), a Bidirectional LSTM, then built by predict on a padded batch of token ids
import numpy as np
import tensorflow as tf

VOCAB_SIZE = 1000
model = tf.keras.Sequential([
    tf.keras.layers.Embedding(input_dim=VOCAB_SIZE, output_dim=64, mask_zero=True),
    tf.keras.layers.Bidirectional(tf.keras.layers.LSTM(64)),
    tf.keras.layers.Dense(64, activation="relu"),
    tf.keras.layers.Dense(1),
])
predictions = model.predict(np.zeros((1, 20)))
