# Pattern: a residual block as a Layer subclass (Conv2D/BatchNormalization attributes, projection shortcut when strides > 1), stacked in a functional model
import keras
from keras import layers


class ResidualBlock(layers.Layer):
    def __init__(self, filters, strides=1, **kwargs):
        super().__init__(**kwargs)
        self.conv1 = layers.Conv2D(filters, 3, strides=strides, padding="same", use_bias=False)
        self.bn1 = layers.BatchNormalization()
        self.conv2 = layers.Conv2D(filters, 3, padding="same", use_bias=False)
        self.bn2 = layers.BatchNormalization()
        self.shortcut = None
        if strides > 1:
            self.shortcut = layers.Conv2D(filters, 1, strides=strides, use_bias=False)

    def call(self, inputs, training=False):
        x = self.conv1(inputs)
        x = self.bn1(x, training=training)
        x = keras.activations.relu(x)
        x = self.conv2(x)
        x = self.bn2(x, training=training)
        skip = inputs if self.shortcut is None else self.shortcut(inputs)
        return keras.activations.relu(x + skip)


inputs = keras.Input(shape=(32, 32, 16))
x = ResidualBlock(16)(inputs)
x = ResidualBlock(32, strides=2)(x)
x = layers.GlobalAveragePooling2D()(x)
outputs = layers.Dense(10)(x)
model = keras.Model(inputs, outputs)
