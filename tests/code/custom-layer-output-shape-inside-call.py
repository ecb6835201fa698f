# Pattern: a user layer with build() and compute_output_shape, called inside another layer's call (its call runs there, building its sublayers)
import keras
from keras import layers, ops


class Projection(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.norm = layers.LayerNormalization()

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], self.units), initializer="glorot_uniform")

    def call(self, inputs):
        return ops.matmul(self.norm(inputs), self.w)

    def compute_output_shape(self, input_shape):
        return (*input_shape[:-1], self.units)


class Expert(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.inner = Projection(units)

    def call(self, inputs):
        return ops.relu(self.inner(inputs))


inputs = keras.Input(shape=(3, 4))
direct = Projection(8)(inputs)  # called on the model's tensor: compute_output_shape, the LayerNormalization unbuilt
nested = Expert(16)(inputs)
model = keras.Model(inputs, [direct, nested])
