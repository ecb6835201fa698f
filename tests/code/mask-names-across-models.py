# The mask's operations take auto-names across models: a Sequential with Embedding(mask_zero)
# takes not_equal when it builds (and lists no operation), again at each model.add that
# rebuilds it; the functional model's Masking and Embedding come after.
import keras
from keras import layers

first = keras.Sequential([
    keras.Input(shape=(None,), dtype="int32"),
    layers.Embedding(5000, 32, mask_zero=True),
    layers.LSTM(16),
    layers.Dense(1, activation="sigmoid"),
])

second = keras.Sequential()
second.add(keras.Input(shape=(None, 3)))
second.add(layers.Masking())
second.add(layers.LSTM(8))
second.add(layers.Dense(1))

tokens = keras.Input(shape=(None,), dtype="int32")
x = layers.Embedding(5000, 32, mask_zero=True)(tokens)
x = layers.LSTM(16, return_sequences=True)(x)
x = layers.Reshape((-1, 16))(x)
x = layers.Masking()(x)
x = layers.GlobalAveragePooling1D()(x)
model = keras.Model(tokens, layers.Dense(1, activation="sigmoid")(x))
