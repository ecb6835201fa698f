# Pattern: a Sequential of user layers (a list comprehension) without an input, called on a functional model's tensor: its build calls them on that shape
import keras
from keras import layers
class Block(layers.Layer):
    def __init__(self, units):
        super().__init__()
        self.d = layers.Dense(units)
    def call(self, x):
        return x + self.d(x)
blocks = keras.Sequential([Block(8) for _ in range(2)])
inp = keras.Input((5, 8))
x = blocks(inp)
model = keras.Model(inp, layers.Dense(2)(x))
