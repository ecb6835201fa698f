# Pattern: convolution options that change the weight count: Conv2D(groups=4), Conv2D(dilation_rate=2), SeparableConv2D(depth_multiplier=2), Conv1D(groups=2) in a functional model
import keras
from keras import layers

inputs = keras.Input(shape=(64, 64, 16))
x = layers.Conv2D(32, 3, groups=4, padding="same", activation="relu")(inputs)
x = layers.Conv2D(32, 3, dilation_rate=2, padding="same", activation="relu")(x)
x = layers.SeparableConv2D(64, 3, depth_multiplier=2, padding="same")(x)
x = layers.GlobalAveragePooling2D(keepdims=True)(x)
x = layers.Reshape((8, 8))(x)
x = layers.Conv1D(8, 3, groups=2)(x)
x = layers.Flatten()(x)
outputs = layers.Dense(4)(x)
model = keras.Model(inputs, outputs)
model.summary()
