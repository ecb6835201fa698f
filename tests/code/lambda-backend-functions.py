# Pattern: Lambda over keras.ops functions with output_shape given, and a Lambda with arguments=
import keras
from keras import layers, ops


def scaled_sum(x, factor):
    return ops.sum(x, axis=1) * factor


inputs = keras.Input(shape=(12, 6))
x = layers.Dense(10)(inputs)
pooled = layers.Lambda(scaled_sum, arguments={"factor": 0.1})(x)
normed = layers.Lambda(lambda t: t / ops.norm(t, axis=-1, keepdims=True), output_shape=(10,))(pooled)
outputs = layers.Dense(1)(normed)
model = keras.Model(inputs, outputs)
