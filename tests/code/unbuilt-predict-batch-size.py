# An unbuilt Sequential built by model.predict(x, batch_size=8) on keras.random.normal data: built on a batch of 8.
import keras
from keras import layers

x = keras.random.normal((20, 16))
model = keras.Sequential([layers.Dense(8), layers.ReLU(), layers.Dense(2)])
out = model.predict(x, batch_size=8, verbose=0)
model.summary()
