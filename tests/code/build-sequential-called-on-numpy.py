# Pattern: Sequential without input shape built by calling it on a numpy batch
import numpy as np
import keras
from keras import layers

model = keras.Sequential([
    layers.Dense(16, activation="relu"),
    layers.Dense(8, activation="relu"),
    layers.Dense(2),
])
predictions = model(np.zeros((3, 20)))
