# Pattern: a ConvBNReLU Layer subclass (Conv2D/BatchNormalization/ReLU attributes, call(x, training=False)) stacked in a Sequential that starts with keras.Input, with MaxPooling2D between
import keras
from keras import layers


class ConvBNReLU(layers.Layer):
    def __init__(self, filters, kernel_size=3, strides=1, **kwargs):
        super().__init__(**kwargs)
        self.conv = layers.Conv2D(filters, kernel_size, strides=strides, padding="same", use_bias=False)
        self.bn = layers.BatchNormalization()
        self.relu = layers.ReLU()

    def call(self, x, training=False):
        x = self.conv(x)
        x = self.bn(x, training=training)
        return self.relu(x)


model = keras.Sequential([
    keras.Input(shape=(32, 32, 3)),
    ConvBNReLU(32),
    ConvBNReLU(32),
    layers.MaxPooling2D(),
    ConvBNReLU(64, strides=2),
    layers.GlobalAveragePooling2D(),
    layers.Dense(10),
])
model.summary()
