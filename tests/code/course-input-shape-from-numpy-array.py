# Pattern: the input size read from a numpy array made in the file: X = np.random.rand(500, 20); Dense(64, input_shape=(X.shape[1],))
import numpy as np
from tensorflow import keras

X = np.random.rand(500, 20)
y = np.random.randint(0, 2, size=(500,))

model = keras.Sequential()
model.add(keras.layers.Dense(64, activation="relu", input_shape=(X.shape[1],)))
model.add(keras.layers.Dense(32, activation="relu"))
model.add(keras.layers.Dense(1, activation="sigmoid"))
model.compile(optimizer="adam", loss="binary_crossentropy")
model.summary()
