# Pattern: a Sequential started from a list with input_shape on the first layer, then more layers added with model.add(), and one layer named and fetched back with get_layer
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([
    layers.Conv2D(16, 3, activation="relu", input_shape=(48, 48, 1)),
    layers.MaxPooling2D(),
    layers.Conv2D(32, 3, activation="relu"),
    layers.MaxPooling2D(),
])
model.add(layers.Flatten())
model.add(layers.Dense(64, activation="relu", name="features"))
model.add(layers.Dense(7, activation="softmax"))
features = model.get_layer("features")
print(features.units)
model.summary()
