# Pattern: model and layer names with spaces and capitals as tutorials write them (name="My First CNN", name="Conv 1"), in a Sequential with keras.Input
import keras
from keras import layers

model = keras.Sequential(
    [
        keras.Input(shape=(28, 28, 1)),
        layers.Conv2D(8, 3, activation="relu", name="Conv 1"),
        layers.MaxPooling2D(name="Pool 1"),
        layers.Flatten(name="Flatten"),
        layers.Dense(10, activation="softmax", name="Output Layer"),
    ],
    name="My First CNN",
)
model.summary()
