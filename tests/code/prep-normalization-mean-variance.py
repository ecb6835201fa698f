# Pattern: Normalization with mean= and variance= given, on a functional Input, beside augmentation layers
import keras
from keras import layers

inputs = keras.Input(shape=(32, 32, 3))
x = layers.Normalization(mean=[0.49, 0.48, 0.45], variance=[0.06, 0.06, 0.07])(inputs)
x = layers.RandomCrop(28, 28)(x)
x = layers.RandomContrast(0.2)(x)
x = layers.Conv2D(16, 3, activation="relu")(x)
x = layers.Flatten()(x)
outputs = layers.Dense(10)(x)
model = keras.Model(inputs, outputs)
