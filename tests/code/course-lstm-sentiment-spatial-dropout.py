# Pattern: a sentiment LSTM with keras.Input(shape=(max_len,)), Embedding, SpatialDropout1D and LSTM(dropout=, recurrent_dropout=)
import keras
from keras import layers

max_words = 5000
max_len = 120

model = keras.Sequential()
model.add(keras.Input(shape=(max_len,)))
model.add(layers.Embedding(max_words, 100))
model.add(layers.SpatialDropout1D(0.2))
model.add(layers.LSTM(100, dropout=0.2, recurrent_dropout=0.2))
model.add(layers.Dense(3, activation="softmax"))
model.compile(loss="categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
model.summary()
