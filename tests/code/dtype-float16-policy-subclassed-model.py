# Pattern: set_global_policy("float16"), then a subclassed model holding a Dense of the policy and a float32 one, built by a call on zeros
import keras
from keras import layers

keras.mixed_precision.set_global_policy("float16")


class Net(keras.Model):
    def __init__(self):
        super().__init__()
        self.a = layers.Dense(8)
        self.b = layers.Dense(2, dtype="float32")

    def call(self, x):
        return self.b(self.a(x))


model = Net()
model(keras.ops.zeros((1, 5)))
