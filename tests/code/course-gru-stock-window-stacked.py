# Pattern: a stock-price course model: window length in a variable, GRU(return_sequences=True, input_shape=(window, 1)), Dropout, GRU, Dense(1); data windows built with numpy in a function never called
import numpy as np
from tensorflow.keras.models import Sequential
from tensorflow.keras.layers import GRU, Dropout, Dense

window = 60


def make_windows(series):
    x = np.array([series[i - window:i] for i in range(window, len(series))])
    return x.reshape((x.shape[0], x.shape[1], 1))


regressor = Sequential()
regressor.add(GRU(units=50, return_sequences=True, input_shape=(window, 1)))
regressor.add(Dropout(0.2))
regressor.add(GRU(units=50, return_sequences=True))
regressor.add(Dropout(0.2))
regressor.add(GRU(units=50))
regressor.add(Dropout(0.2))
regressor.add(Dense(units=1))
regressor.compile(optimizer="adam", loss="mean_squared_error")
regressor.summary()
