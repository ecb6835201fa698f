# Pattern: layers.RNN over an LSTMCell and over a list of GRUCells (stacked cells)
import keras
from keras import layers

inputs = keras.Input(shape=(None, 10))
x = layers.RNN(layers.LSTMCell(24), return_sequences=True)(inputs)
x = layers.RNN([layers.GRUCell(16), layers.GRUCell(8)])(x)
outputs = layers.Dense(1)(x)
model = keras.Model(inputs, outputs)
