# Masking(mask_value=0.0) in a Sequential model (its docstring's pattern): the mask reaches the
# LSTM, but a Sequential summary lists layers only.
import keras
from keras import layers

timesteps, features = 10, 8
model = keras.Sequential()
model.add(keras.Input(shape=(timesteps, features)))
model.add(layers.Masking(mask_value=0.0))
model.add(layers.LSTM(32))
model.add(layers.Dense(1))
