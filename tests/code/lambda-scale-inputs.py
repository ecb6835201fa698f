# Pattern: layers.Lambda with an inline lambda to scale inputs inside a functional model
import keras
from keras import layers

inputs = keras.Input(shape=(28, 28, 1))
x = layers.Lambda(lambda t: t / 255.0)(inputs)
x = layers.Conv2D(8, 3, activation="relu")(x)
x = layers.Flatten()(x)
outputs = layers.Dense(10, activation="softmax")(x)
model = keras.Model(inputs, outputs)
