# Pattern: input_shape = x_train.shape[1:] where x_train is np.zeros((n, 28, 28, 1)) made in the file, and num_classes from a constant
import numpy as np
import keras
from keras import layers

x_train = np.zeros((100, 28, 28, 1), dtype="float32")
num_classes = 10
input_shape = x_train.shape[1:]

model = keras.Sequential([
    keras.Input(shape=input_shape),
    layers.Conv2D(32, kernel_size=(3, 3), activation="relu"),
    layers.MaxPooling2D(pool_size=(2, 2)),
    layers.Flatten(),
    layers.Dense(num_classes, activation="softmax"),
])
model.summary()
