# Pattern: a Sequential without an input, compiled with the default optimizer (rmsprop) and fit: built on the data, its optimizer built too
import numpy as np
import keras
from keras import layers
model = keras.Sequential([layers.Dense(4), layers.Dense(1)])
model.compile(loss="mse")
model.fit(np.zeros((10, 3)), np.zeros((10, 1)), epochs=1, verbose=0)
