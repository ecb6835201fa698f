# Pattern: subclassed tf.keras.Model (layers in __init__, call) built with model.build((None, H, W, C)) (TF advanced quickstart)
import tensorflow as tf
from tensorflow.keras.layers import Dense, Flatten, Conv2D
from tensorflow.keras import Model


class MyModel(Model):
    def __init__(self):
        super().__init__()
        self.conv1 = Conv2D(16, 3, activation='relu')
        self.flatten = Flatten()
        self.d1 = Dense(64, activation='relu')
        self.d2 = Dense(10)

    def call(self, x):
        x = self.conv1(x)
        x = self.flatten(x)
        x = self.d1(x)
        return self.d2(x)


model = MyModel()
model.build((None, 28, 28, 1))
