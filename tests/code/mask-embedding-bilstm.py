# Pattern: Embedding(mask_zero=True) into stacked Bidirectional LSTMs on a variable-length int input (keras-io bidirectional LSTM IMDB)
import keras
from keras import layers

max_features = 10000

inputs = keras.Input(shape=(None,), dtype="int32")
x = layers.Embedding(max_features, 64, mask_zero=True)(inputs)
x = layers.Bidirectional(layers.LSTM(32, return_sequences=True))(x)
x = layers.Bidirectional(layers.LSTM(32))(x)
outputs = layers.Dense(1, activation="sigmoid")(x)
model = keras.Model(inputs, outputs)
