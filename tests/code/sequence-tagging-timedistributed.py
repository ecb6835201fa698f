# Sequence tagging over padded sentences: Embedding(mask_zero=True), a Bidirectional LSTM
# returning sequences and TimeDistributed(Dense): each takes the mask (its call has `mask`),
# as tf.keras NER tutorials write it.
from tensorflow import keras
from tensorflow.keras import layers

vocab_size, num_tags, max_len = 8000, 17, 50
words = keras.Input(shape=(max_len,), name="words")
x = layers.Embedding(input_dim=vocab_size, output_dim=64, mask_zero=True)(words)
x = layers.SpatialDropout1D(0.1)(x)
x = layers.Bidirectional(layers.LSTM(units=50, return_sequences=True, recurrent_dropout=0.1))(x)
tags = layers.TimeDistributed(layers.Dense(num_tags, activation="softmax"))(x)
model = keras.Model(words, tags)
