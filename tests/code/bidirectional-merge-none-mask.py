# Bidirectional with merge_mode=None returns the forward and backward sequences apart, both
# carrying the input's mask (each LSTM after them lists not_equal); return_state's states none.
import keras
from keras import layers

tokens = keras.Input(shape=(None,), dtype="int32")
x = layers.Embedding(2000, 16, mask_zero=True)(tokens)
forward, backward = layers.Bidirectional(layers.LSTM(8, return_sequences=True), merge_mode=None)(x)
seq, h, c = layers.LSTM(8, return_sequences=True, return_state=True)(backward)
joined = layers.Concatenate()([layers.LSTM(4)(forward), layers.LSTM(4)(seq), h])
model = keras.Model(tokens, layers.Dense(1)(joined))
