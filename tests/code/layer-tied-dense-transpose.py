# Pattern: a tied-weights layer (DenseTranspose): a user layer holding the Dense the model calls, reading its kernel; the shared variables counted once
import keras
from keras import layers, ops
class Tied(layers.Layer):
    def __init__(self, dense, **kw):
        super().__init__(**kw)
        self.dense = dense
    def build(self, input_shape):
        self.bias = self.add_weight(shape=(self.dense.kernel.shape[0],), initializer="zeros")
    def call(self, x):
        return ops.matmul(x, ops.transpose(self.dense.kernel)) + self.bias
inp = keras.Input((10,))
enc = layers.Dense(3)
h = enc(inp)
out = Tied(enc)(h)
model = keras.Model(inp, out)
