# Pattern: SimpleRNN(return_sequences=True) with TimeDistributed(Dense) per-step outputs
import keras
from keras import layers

inputs = keras.Input(shape=(25, 3))
x = layers.SimpleRNN(20, return_sequences=True)(inputs)
x = layers.SimpleRNN(20, return_sequences=True)(x)
outputs = layers.TimeDistributed(layers.Dense(4, activation="softmax"))(x)
model = keras.Model(inputs, outputs)
