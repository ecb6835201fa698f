# Pattern: layers.Masking(mask_value=0.0, input_shape=(None, features)) first in a Sequential LSTM model
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential()
model.add(layers.Masking(mask_value=0.0, input_shape=(None, 6)))
model.add(layers.LSTM(20))
model.add(layers.Dense(1))
