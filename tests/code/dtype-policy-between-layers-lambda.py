# Pattern: the global policy set between layers, as a Policy object: the layer made before keeps the one before (float32, or --dtype's); a Lambda casting to int32 (Keras gives a Lambda's output in its compute dtype) and a layer class with compute_output_shape after it
import keras
from keras import layers, ops


class Halve(layers.Layer):
    def call(self, x):
        return x / 2

    def compute_output_shape(self, input_shape):
        return input_shape


inputs = keras.Input(shape=(4,))
first = layers.Dense(3)
keras.mixed_precision.set_global_policy(keras.mixed_precision.Policy("float64"))
x = layers.Dense(3)(first(inputs))
y = layers.Lambda(lambda t: ops.cast(t, "int32"))(x)
z = Halve()(x)
model = keras.Model(inputs, [x, y, z])
