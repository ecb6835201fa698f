# Pattern: a stateful LSTM with a fixed batch given as batch_input_shape=(batch_size, timesteps, 1) on the first layer (Keras 2 habit), Dense(1) after
from tensorflow import keras
from tensorflow.keras import layers

batch_size = 16
timesteps = 10

model = keras.Sequential()
model.add(layers.LSTM(32, stateful=True, return_sequences=True, batch_input_shape=(batch_size, timesteps, 1)))
model.add(layers.LSTM(16, stateful=True))
model.add(layers.Dense(1))
model.compile(loss="mse", optimizer="adam")
model.summary()
