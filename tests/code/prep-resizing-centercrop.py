# Pattern: Resizing, CenterCrop and Rescaling(offset=) preprocessing inside a functional model
import keras
from keras import layers

inputs = keras.Input(shape=(None, None, 3))
x = layers.Resizing(72, 72)(inputs)
x = layers.CenterCrop(64, 64)(x)
x = layers.Rescaling(1.0 / 127.5, offset=-1.0)(x)
x = layers.Conv2D(16, 3, activation="relu")(x)
x = layers.GlobalAveragePooling2D()(x)
outputs = layers.Dense(3)(x)
model = keras.Model(inputs, outputs)
