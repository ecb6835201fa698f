# Pattern: a PReLU layer object given as a layer's activation (unbuilt, its alphas not counted), then PReLU layers of their own
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(16, 16, 3)),
    layers.Conv2D(8, 3, activation=layers.PReLU(shared_axes=[1, 2])),
    layers.Conv2D(8, 3),
    layers.PReLU(shared_axes=[1, 2]),
    layers.Flatten(),
    layers.Dense(10, activation=layers.PReLU()),
    layers.PReLU(),
])
model.summary()
