# Pattern: a functional model compiled with SGD(0.01, momentum=0.9) given positionally, one train_on_batch step
import numpy as np
import keras
from keras import layers
inp = keras.Input((5,))
model = keras.Model(inp, layers.Dense(3)(inp))
model.compile(keras.optimizers.SGD(0.01, momentum=0.9), loss="mse")
model.train_on_batch(np.zeros((4, 5)), np.zeros((4, 3)))
