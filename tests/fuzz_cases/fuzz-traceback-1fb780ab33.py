# Pattern: a user layer whose call cannot run on its input but has compute_output_shape: Keras's build trace only warns, the shape is compute_output_shape's
import keras
from keras import layers, ops


class Expert(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.dense = layers.Dense(4)

    def call(self, inputs):
        return ops.transpose(self.dense(inputs), 2.5)

    def compute_output_shape(self, input_shape):
        return (*input_shape[:-1], 4)


inputs = keras.Input(shape=(6,))
model = keras.Model(inputs, Expert()(inputs))
