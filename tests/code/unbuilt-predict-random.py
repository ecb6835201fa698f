# An unbuilt Sequential built by model.predict on np.random.rand(100, 784): Keras builds it on its first batch (32 rows).
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([layers.Dense(32, activation="relu"), layers.Dense(1, activation="sigmoid")])
model.compile(optimizer="adam", loss="binary_crossentropy")
scores = model.predict(np.random.rand(100, 784), verbose=0)
model.summary()
