# An unbuilt Sequential built by model.evaluate on 100 rows: batch_size 32 does not divide them, so Keras builds it on a free batch axis (None).
import numpy as np
from tensorflow import keras

x_val = np.random.rand(100, 12)
y_val = np.zeros((100, 3))
model = keras.Sequential([keras.layers.Dense(24, activation="tanh"), keras.layers.Dense(3)])
model.compile(optimizer="sgd", loss="mse")
model.evaluate(x_val, y_val, verbose=0)
model.summary()
