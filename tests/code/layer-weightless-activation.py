# Pattern: a weightless custom activation Layer subclass (x * sigmoid(x)) used between Dense layers
import keras
from keras import layers, ops


class Swish(layers.Layer):
    def call(self, inputs):
        return inputs * ops.sigmoid(inputs)


inputs = keras.Input(shape=(30,))
x = layers.Dense(64)(inputs)
x = Swish()(x)
x = layers.Dense(64)(x)
x = Swish(name="swish_out")(x)
outputs = layers.Dense(1)(x)
model = keras.Model(inputs, outputs)
