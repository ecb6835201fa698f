# Pattern: Hashing(num_bins=) on a string feature, then Embedding and Flatten
import keras
from keras import layers

inputs = keras.Input(shape=(1,), dtype="string", name="zip_code")
x = layers.Hashing(num_bins=64)(inputs)
x = layers.Embedding(64, 4)(x)
x = layers.Flatten()(x)
outputs = layers.Dense(1)(x)
model = keras.Model(inputs, outputs)
