# Pattern: recurrent-layer options that change or keep the weights: GRU(reset_after=False) (Keras 2's older GRU), LSTM(use_bias=False, go_backwards=True), SimpleRNN(unroll=True) on a fixed length
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([
    keras.Input(shape=(30, 12)),
    layers.GRU(64, return_sequences=True, reset_after=False),
    layers.LSTM(32, return_sequences=True, use_bias=False, go_backwards=True),
    layers.SimpleRNN(16, unroll=True),
    layers.Dense(1),
])
model.summary()
