# Pattern: a custom layer that makes its sublayers in build(), and a frozen custom layer (layer.trainable = False)
import keras
from keras import layers


class Projection(layers.Layer):
    def __init__(self, factor=2, **kwargs):
        super().__init__(**kwargs)
        self.factor = factor

    def build(self, input_shape):
        self.up = layers.Dense(input_shape[-1] * self.factor, activation="gelu")
        self.down = layers.Dense(input_shape[-1])
        super().build(input_shape)

    def call(self, x):
        return self.down(self.up(x))


inputs = keras.Input(shape=(10, 8))
pretrained = Projection(name="pretrained")
x = pretrained(inputs)
pretrained.trainable = False
x = Projection(factor=4)(x)
x = layers.Flatten()(x)
outputs = layers.Dense(3)(x)
model = keras.Model(inputs, outputs)
