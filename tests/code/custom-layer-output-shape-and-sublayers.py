# Pattern: a user layer with compute_output_shape and sublayers but no build(): Keras traces call to build them
import keras
from keras import layers, ops


class Projection(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.dense = layers.Dense(units, activation="relu")

    def call(self, inputs):
        return ops.gelu(self.dense(inputs))

    def compute_output_shape(self, input_shape):
        return (*input_shape[:-1], self.units)


class Scaled(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.dense = layers.Dense(units)

    def build(self, input_shape):  # build given: Keras does not trace call, the Dense stays unbuilt
        self.scale = self.add_weight(shape=(input_shape[-1],), initializer="ones")

    def call(self, inputs):
        return self.dense(inputs * self.scale)

    def compute_output_shape(self, input_shape):
        return (*input_shape[:-1], self.units)


inputs = keras.Input(shape=(5, 4))
x = Projection(8)(inputs)
x = Scaled(6)(x)
outputs = layers.Dense(2)(ops.mean(x, axis=1))
model = keras.Model(inputs, outputs)
