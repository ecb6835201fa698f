# Pattern: fit(..., validation_split=0.5) on a single row: Keras refuses to split it into a training and a validation set
import numpy as np
import keras
from keras import layers

x = np.zeros((1, 4))
y = np.zeros((1,))
model = keras.Sequential([layers.Dense(2), layers.Dense(1)])
model.compile(optimizer="sgd", loss="mse")
model.fit(x, y, validation_split=0.5, epochs=1, verbose=0)
