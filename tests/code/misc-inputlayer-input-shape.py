# Pattern: Keras 2-era InputLayer(input_shape=...) added first to a Sequential
from tensorflow import keras

model = keras.Sequential()
model.add(keras.layers.InputLayer(input_shape=(15,)))
model.add(keras.layers.Dense(30, activation="relu"))
model.add(keras.layers.Dense(3, activation="softmax"))
