# Pattern: a subclassed model whose build() builds the layers it holds (self.d.build(input_shape)), sized from a built layer's kernel; model.build((None, n))
import keras
from keras import layers, ops
class M(keras.Model):
    def __init__(self):
        super().__init__()
        self.d = layers.Dense(4)
        self.e = layers.Dense(2)
    def build(self, input_shape):
        self.d.build(input_shape)
        self.e.build((None, self.d.kernel.shape[1]))
        self.built = True
    def call(self, x):
        return self.e(self.d(x))
model = M()
model.build((None, 8))
