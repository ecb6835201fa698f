# Pattern: an unbuilt Sequential of preprocessing layers (no input shape) called on a functional Input, which builds it
import keras
from keras import layers

augment = keras.Sequential([
    layers.RandomFlip("horizontal"),
    layers.RandomZoom(0.1),
    layers.Rescaling(1.0 / 255),
], name="augment")

inputs = keras.Input(shape=(64, 64, 3))
x = augment(inputs)
x = layers.Conv2D(16, 3, activation="relu")(x)
x = layers.MaxPooling2D()(x)
x = layers.Flatten()(x)
outputs = layers.Dense(2)(x)
model = keras.Model(inputs, outputs)
