# Pattern: squeeze-and-excitation as a Layer subclass (GlobalAveragePooling2D keepdims, two Dense, multiply) after Conv2D blocks
import tensorflow as tf
from tensorflow.keras import layers


class SqueezeExcite(layers.Layer):
    def __init__(self, channels, ratio=4, **kwargs):
        super().__init__(**kwargs)
        self.pool = layers.GlobalAveragePooling2D(keepdims=True)
        self.reduce = layers.Dense(channels // ratio, activation="relu")
        self.expand = layers.Dense(channels, activation="sigmoid")

    def call(self, inputs):
        w = self.pool(inputs)
        w = self.reduce(w)
        w = self.expand(w)
        return inputs * w


inputs = tf.keras.Input(shape=(56, 56, 3))
x = layers.Conv2D(32, 3, padding="same", activation="relu")(inputs)
x = SqueezeExcite(32)(x)
x = layers.MaxPooling2D()(x)
x = layers.Conv2D(64, 3, padding="same", activation="relu")(x)
x = SqueezeExcite(64, ratio=8)(x)
x = layers.GlobalAveragePooling2D()(x)
outputs = layers.Dense(10, activation="softmax")(x)
model = tf.keras.Model(inputs=inputs, outputs=outputs)
