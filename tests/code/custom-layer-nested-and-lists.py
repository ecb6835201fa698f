# Pattern: a custom layer holding a list of custom layers and a dict of layers, built from a loop in __init__
import keras
from keras import layers


class ConvBlock(layers.Layer):
    def __init__(self, filters, **kwargs):
        super().__init__(**kwargs)
        self.conv = layers.Conv2D(filters, 3, padding="same")
        self.bn = layers.BatchNormalization()
        self.act = layers.Activation("relu")

    def call(self, x, training=False):
        return self.act(self.bn(self.conv(x), training=training))


class Encoder(layers.Layer):
    def __init__(self, widths, **kwargs):
        super().__init__(**kwargs)
        self.blocks = [ConvBlock(w) for w in widths]
        self.pools = {"max": layers.MaxPooling2D(), "avg": layers.AveragePooling2D(2)}

    def call(self, x):
        for i, block in enumerate(self.blocks):
            x = block(x)
            x = self.pools["max" if i % 2 == 0 else "avg"](x)
        return x


inputs = keras.Input(shape=(64, 64, 3))
features = Encoder([16, 32, 64])(inputs)
x = layers.GlobalAveragePooling2D()(features)
outputs = layers.Dense(10)(x)
model = keras.Model(inputs, outputs, name="encoder_classifier")
