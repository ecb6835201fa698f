# Pattern: a user wrapper layer (weight normalization) that builds the layer it holds with self.layer.build(input_shape), adds its own weight of the held layer's filters, and whose compute_output_shape returns self.layer.compute_output_shape(input_shape)
import keras
from keras import layers


class WeightNormalization(layers.Layer):
    def __init__(self, layer, **kwargs):
        super().__init__(**kwargs)
        self.layer = layer

    def build(self, input_shape):
        self.layer.build(input_shape)
        self.g = self.add_weight(name="g", shape=(self.layer.filters,), initializer="ones", trainable=True)

    def call(self, inputs):
        return self.layer(inputs)

    def compute_output_shape(self, input_shape):
        return self.layer.compute_output_shape(input_shape)


inputs = keras.Input(shape=(32, 3))
x = WeightNormalization(layers.Conv1D(8, 3, dilation_rate=2, padding="causal"))(inputs)
x = WeightNormalization(layers.Conv1D(8, 3, strides=2))(x)
outputs = layers.GlobalAveragePooling1D()(x)
model = keras.Model(inputs, outputs)
