# Pattern: stacked LSTMs in a Sequential, first one with input_shape=(timesteps, features) and return_sequences=True
from keras.models import Sequential
from keras.layers import LSTM, Dense, Dropout

timesteps = 30
features = 5

model = Sequential()
model.add(LSTM(50, return_sequences=True, input_shape=(timesteps, features)))
model.add(Dropout(0.2))
model.add(LSTM(50, return_sequences=True))
model.add(Dropout(0.2))
model.add(LSTM(50))
model.add(Dropout(0.2))
model.add(Dense(1))
