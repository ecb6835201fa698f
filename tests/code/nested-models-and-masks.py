# Masks and nested models: a nested Sequential called on a masked tensor lists the mask (its
# call takes `mask`; not with training=False, a keyword of its own) and drops it; one with
# Embedding(mask_zero) inside makes its not_equal there (when it builds, on its first call),
# and its output carries no mask out; a later one's not_equal is numbered after it.
import keras
from keras import layers

tokens = keras.Input(shape=(None,), dtype="int32")
embedded = layers.Embedding(1000, 16, mask_zero=True)(tokens)
recurrent = keras.Sequential([keras.Input(shape=(None, 16)), layers.LSTM(8, return_sequences=True)])
x = layers.LSTM(4)(recurrent(embedded))
frozen = layers.LSTM(4)(recurrent(embedded, training=False))
embedder = keras.Sequential([layers.Embedding(1000, 16, mask_zero=True), layers.Dropout(0.2)])
y = layers.LSTM(4)(embedder(tokens))
model = keras.Model(tokens, layers.Concatenate()([x, y, frozen]))
after = keras.Sequential([keras.Input(shape=(None,), dtype="int32"), layers.Embedding(10, 2, mask_zero=True)])
z = layers.LSTM(4)(layers.Embedding(10, 2, mask_zero=True)(tokens))
model = keras.Model(tokens, layers.Concatenate()([x, y, frozen, layers.LSTM(4)(after(tokens)), z]))
