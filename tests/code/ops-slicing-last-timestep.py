# Pattern: slicing symbolic tensors in functional code: x[:, -1, :] and x[..., :4]
import keras
from keras import layers

inputs = keras.Input(shape=(30, 10))
seq = layers.LSTM(24, return_sequences=True)(inputs)
last = seq[:, -1, :]
first_features = inputs[..., :4]
summary = layers.Flatten()(first_features)
merged = layers.Concatenate()([last, summary])
outputs = layers.Dense(2)(merged)
model = keras.Model(inputs, outputs)
