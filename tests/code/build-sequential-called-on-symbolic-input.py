# Pattern: Sequential block without input shape, built by being called on keras.Input inside a functional model (the last model bound)
import keras
from keras import layers

feature_block = keras.Sequential([
    layers.Dense(32, activation="relu"),
    layers.Dense(16, activation="relu"),
])

inputs = keras.Input(shape=(9,))
features = feature_block(inputs)
head = keras.Model(inputs, layers.Dense(1)(features))
head.summary()
