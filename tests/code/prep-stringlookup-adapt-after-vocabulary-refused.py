# Pattern: a StringLookup given a vocabulary and then adapted: Keras refuses it (a static vocabulary cannot be adapted)
import keras
from keras import layers

lookup = layers.StringLookup(vocabulary=["a", "b", "c"], output_mode="one_hot")
lookup.adapt(["a", "b", "b", "d"])

inputs = keras.Input(shape=(1,), dtype="string")
outputs = layers.Dense(2)(lookup(inputs))
model = keras.Model(inputs, outputs)
