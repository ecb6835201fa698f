# An unbuilt Sequential (no input shape anywhere), as the Keras guide "The Sequential model" shows it before any call: its summary lists the layers unbuilt.
import keras
from keras import layers

model = keras.Sequential(
    [
        layers.Dense(2, activation="relu", name="layer1"),
        layers.Dense(3, activation="relu", name="layer2"),
        layers.Dense(4, name="layer3"),
    ]
)
model.summary()
