# Pattern: a TimeDistributed wrapper and the layer it wraps both held by a subclassed model, built by a call on data
import keras
from keras import layers
class M(keras.Model):
    def __init__(self):
        super().__init__()
        self.inner = layers.Dense(4)
        self.td = layers.TimeDistributed(self.inner)
    def call(self, x):
        return self.td(x)
model = M()
model(keras.ops.zeros((2, 5, 6)))
