# Pattern: weather forecasting LSTM with recurrent_dropout then Dropout and Dense(1) (DLwP timeseries chapter)
import keras
from keras import layers

sequence_length = 120
num_features = 14

inputs = keras.Input(shape=(sequence_length, num_features))
x = layers.LSTM(32, recurrent_dropout=0.25)(inputs)
x = layers.Dropout(0.5)(x)
outputs = layers.Dense(1)(x)
model = keras.Model(inputs, outputs)
