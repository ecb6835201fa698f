# Pattern: two layers given the same explicit name in one functional model (copy-pasted name="fc"), which Keras refuses when the Model is made
import keras
from keras import layers

inputs = keras.Input(shape=(16,))
x = layers.Dense(32, activation="relu", name="fc")(inputs)
x = layers.Dense(32, activation="relu", name="fc")(x)
outputs = layers.Dense(1, name="out")(x)
model = keras.Model(inputs, outputs)
model.summary()
