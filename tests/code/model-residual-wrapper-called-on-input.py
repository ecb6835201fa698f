# Pattern: a residual wrapper Model around a Sequential without an input, called symbolically inside a functional model
import keras
from keras import layers
class Res(keras.Model):
    def __init__(self, model):
        super().__init__()
        self.model = model
    def call(self, inputs):
        return inputs + self.model(inputs)
res = Res(keras.Sequential([layers.LSTM(16, return_sequences=True), layers.Dense(7)]))
x = keras.Input((24, 7))
model = keras.Model(x, res(x))
