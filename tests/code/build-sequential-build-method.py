# Pattern: Sequential without input shape, then model.build(input_shape=(None, n)) (DLwP "working with Keras")
import keras
from keras import layers

model = keras.Sequential([
    layers.Dense(48, activation="relu"),
    layers.Dense(10, activation="softmax")
])
model.build(input_shape=(None, 3))
model.summary()
