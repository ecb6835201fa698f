# Pattern: a functional model with a branch computed but not used by the outputs (an auxiliary head left out of Model(...)): Keras lists only the layers between the inputs and the outputs
import keras
from keras import layers

inputs = keras.Input(shape=(32,))
x = layers.Dense(64, activation="relu")(inputs)
aux = layers.Dense(8, activation="relu", name="aux_hidden")(x)
aux_out = layers.Dense(1, name="aux_out")(aux)
x = layers.Dense(32, activation="relu")(x)
outputs = layers.Dense(3, activation="softmax")(x)
model = keras.Model(inputs, outputs)
model.summary()
