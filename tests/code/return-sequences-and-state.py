# return_sequences=True with return_state=True: the sequence and both states used apart, by
# index as well as by unpacking.
import keras
from keras import layers

inputs = keras.Input(shape=(12, 6))
lstm = layers.LSTM(16, return_sequences=True, return_state=True)
outputs = lstm(inputs)
sequence, state_h, state_c = outputs
pooled = layers.GlobalAveragePooling1D()(sequence)
merged = layers.Concatenate()([pooled, state_h, outputs[2]])
model = keras.Model(inputs, layers.Dense(4)(merged))
