# Pattern: Dense applied straight to a 3D sequence tensor (per time step, no TimeDistributed) after an LSTM with return_sequences=True, then Flatten
import keras
from keras import layers

inputs = keras.Input(shape=(20, 6))
x = layers.LSTM(32, return_sequences=True)(inputs)
x = layers.Dense(16, activation="relu")(x)
x = layers.Flatten()(x)
outputs = layers.Dense(3, activation="softmax")(x)
model = keras.Model(inputs, outputs)
model.summary()
