# Pattern: a Conv2D stack on channels-first images (data_format="channels_first" on each layer, input_shape=(3, 32, 32))
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([
    layers.Conv2D(32, 3, activation="relu", data_format="channels_first", input_shape=(3, 32, 32)),
    layers.MaxPooling2D(2, data_format="channels_first"),
    layers.Conv2D(64, 3, activation="relu", data_format="channels_first"),
    layers.GlobalAveragePooling2D(data_format="channels_first"),
    layers.Dense(10),
])
model.summary()
