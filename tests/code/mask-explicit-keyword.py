# A mask given as the call's `mask=` keyword (an Input of its own), and a mask lost by a layer
# that does not support masking (Conv1D): the LSTM after it gets none.
import keras
from keras import layers

values = keras.Input(shape=(None, 4))
valid = keras.Input(shape=(None,), dtype="bool")
x = layers.LSTM(8, return_sequences=True)(values, mask=valid)
tokens = keras.Input(shape=(20,), dtype="int32")
e = layers.Embedding(100, 4, mask_zero=True)(tokens)
c = layers.Conv1D(4, 3, padding="same")(e)
y = layers.LSTM(8, return_sequences=True)(c)
model = keras.Model([values, valid, tokens], [layers.Dense(1)(x), y])
