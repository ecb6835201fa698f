# Pattern: Bidirectional(LSTM(return_state=True)) returning five tensors, forward and backward states concatenated
import keras
from keras import layers

inputs = keras.Input(shape=(40, 8))
outputs_seq, fh, fc, bh, bc = layers.Bidirectional(layers.LSTM(16, return_sequences=True, return_state=True))(inputs)
state_h = layers.Concatenate()([fh, bh])
state_c = layers.Concatenate()([fc, bc])
x = layers.Concatenate()([state_h, state_c])
outputs = layers.Dense(3, activation="softmax")(x)
model = keras.Model(inputs, outputs)
