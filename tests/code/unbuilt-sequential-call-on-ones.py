# An unbuilt Sequential built by a call on data (the Keras guide's x = ops.ones((3, 3)); y = model(x)): built with the data's batch size.
import keras
from keras import layers, ops

model = keras.Sequential(
    [
        layers.Dense(2, activation="relu", name="layer1"),
        layers.Dense(3, activation="relu", name="layer2"),
        layers.Dense(4, name="layer3"),
    ]
)
x = ops.ones((3, 3))
y = model(x)
model.summary()
