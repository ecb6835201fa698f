# Pattern: a Sequential compiled with keras.optimizers.Adam(learning_rate=...) and fit on numpy data: Keras's summary then counts the optimizer's variables
import numpy as np
import keras
from keras import layers
model = keras.Sequential([keras.Input((8,)), layers.Dense(4, activation="relu"), layers.Dense(1)])
model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3), loss="mse")
model.fit(np.zeros((16, 8)), np.zeros((16, 1)), epochs=1, verbose=0)
