# Pattern: a feature extractor made from a model's layers: Model(inputs=model.input, outputs=model.layers[-2].output)
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(16,)),
    layers.Dense(32, activation="relu"),
    layers.Dense(8, activation="relu", name="embedding"),
    layers.Dense(2, activation="softmax"),
])

feature_extractor = keras.Model(inputs=model.inputs, outputs=model.layers[-2].output)
