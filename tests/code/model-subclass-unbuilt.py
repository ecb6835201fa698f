# Pattern: subclassed Model instantiated and compiled but never built or called (as before a fit)
import keras
from keras import layers


class TinyNet(keras.Model):
    def __init__(self):
        super().__init__()
        self.d1 = layers.Dense(32, activation="relu")
        self.d2 = layers.Dense(1, activation="sigmoid")

    def call(self, x):
        return self.d2(self.d1(x))


model = TinyNet()
model.compile(optimizer="adam", loss="binary_crossentropy")
