# Pattern: keras-io structured data: a StringLookup adapted on a list of strings, Embedding(input_dim=lookup.vocabulary_size(), ...) sized from it, on a string Input
import keras
from keras import layers

values = ["red", "green", "blue", "green", "red", "yellow"]
lookup = layers.StringLookup(output_mode="int")
lookup.adapt(values)

inputs = keras.Input(shape=(1,), dtype="string", name="color")
indices = lookup(inputs)
x = layers.Embedding(input_dim=lookup.vocabulary_size(), output_dim=4)(indices)
x = layers.Flatten()(x)
outputs = layers.Dense(1, activation="sigmoid")(x)
model = keras.Model(inputs, outputs)
model.summary()
