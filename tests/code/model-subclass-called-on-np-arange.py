# Pattern: a model class over node ids, built by a call on np.arange(n) (graph models index their nodes so)
import numpy as np
import keras
from keras import layers
class Net(keras.Model):
    def __init__(self):
        super().__init__()
        self.embed = layers.Embedding(100, 8)
        self.out = layers.Dense(3)
    def call(self, ids):
        return self.out(self.embed(ids))
model = Net()
model(np.arange(16))
