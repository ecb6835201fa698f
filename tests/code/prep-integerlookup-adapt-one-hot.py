# Pattern: keras-io structured data: IntegerLookup(output_mode="one_hot") adapted on a column of integer codes (a numpy array), its vocabulary_size() printed, then a classifier head
import numpy as np
import keras
from keras import layers

codes = np.array([[3], [7], [3], [0], [12], [7], [7], [5]])
lookup = layers.IntegerLookup(output_mode="one_hot", mask_token=0)
lookup.adapt(codes)
print(lookup.vocabulary_size())

inputs = keras.Input(shape=(1,), dtype="int64")
encoded = lookup(inputs)
hidden = layers.Dense(lookup.vocabulary_size() * 2, activation="relu")(encoded)
outputs = layers.Dense(3, activation="softmax")(hidden)
model = keras.Model(inputs, outputs)
