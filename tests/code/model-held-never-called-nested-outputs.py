# Pattern: a subclassed model holding a model of several (nested) outputs, never called: Keras prints its output_shape
import keras
from keras import layers
i = keras.Input((16,))
a = layers.Dense(2)(i)
b = layers.Dense(1)(i)
c = layers.Flatten()(layers.Dense(1)(i))
enc = keras.Model(i, {"mean": a, "v": [b, c]}, name="enc")

class Wrap(keras.Model):
    def __init__(self, e, **kw):
        super().__init__(**kw)
        self.e = e
        self.d = layers.Dense(3)

model = Wrap(enc)
