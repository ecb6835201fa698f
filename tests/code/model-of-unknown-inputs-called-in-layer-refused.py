# Pattern: a functional model made of tensors from a module convcalc does not read, called inside a layer class's call: reported with its line, never a traceback (Keras cannot import the module either)
import keras
from missing_module import shared_input

inner = keras.Model(shared_input, shared_input)


class Wrapper(keras.layers.Layer):
    def call(self, tensor):
        return inner(tensor)


inputs = keras.Input((3,))
model = keras.Model(inputs, Wrapper()(inputs))
