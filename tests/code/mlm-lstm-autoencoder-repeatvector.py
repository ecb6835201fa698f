# Pattern: an LSTM sequence autoencoder as blog tutorials write it: LSTM(100, activation="relu", input_shape=(n_in, 1)), RepeatVector(n_in), LSTM(return_sequences=True), TimeDistributed(Dense(1))
from numpy import array
from keras.models import Sequential
from keras.layers import LSTM, Dense, RepeatVector, TimeDistributed

sequence = array([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9])
n_in = len(sequence)
sequence = sequence.reshape((1, n_in, 1))

model = Sequential()
model.add(LSTM(100, activation="relu", input_shape=(n_in, 1)))
model.add(RepeatVector(n_in))
model.add(LSTM(100, activation="relu", return_sequences=True))
model.add(TimeDistributed(Dense(1)))
model.compile(optimizer="adam", loss="mse")
model.summary()
