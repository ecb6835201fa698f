# Pattern: layer sizes computed from a tensor's static shape (x.shape[-1], int(... * ratio)) in a squeeze-and-excitation block
import keras
from keras import layers


def squeeze_excite(inputs, ratio=0.25):
    channels = inputs.shape[-1]
    se = layers.GlobalAveragePooling2D(keepdims=True)(inputs)
    se = layers.Conv2D(max(1, int(channels * ratio)), 1, activation="relu")(se)
    se = layers.Conv2D(channels, 1, activation="sigmoid")(se)
    return layers.multiply([inputs, se])


inputs = keras.Input(shape=(56, 56, 24))
x = squeeze_excite(inputs)
x = layers.Conv2D(x.shape[-1] * 2, 3, strides=2, padding="same")(x)
x = squeeze_excite(x, ratio=0.125)
height, width = x.shape[1], x.shape[2]
x = layers.Reshape((height * width, x.shape[-1]))(x)
x = layers.GlobalAveragePooling1D()(x)
outputs = layers.Dense(5)(x)
model = keras.Model(inputs, outputs)
