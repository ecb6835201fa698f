# Pattern: Sequential with keras.Input then Embedding(mask_zero=True) and LSTM (Sequential lists no mask operation)
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(None,), dtype="int32"),
    layers.Embedding(input_dim=2500, output_dim=16, mask_zero=True),
    layers.LSTM(16),
    layers.Dense(1, activation="sigmoid"),
])
