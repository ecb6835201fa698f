# Pattern: keras.backend.clear_session() between two models resets the auto-names (dense, dense_1, ...)
import keras
import tensorflow as tf
from keras import layers

first = keras.Sequential([keras.Input(shape=(8,)), layers.Dense(4), layers.Dense(2)])
first.summary()

keras.backend.clear_session()
second = keras.Sequential([keras.Input(shape=(8,)), layers.Dense(16), layers.Dense(1)])

tf.keras.backend.clear_session()
third = keras.Sequential([keras.Input(shape=(4,)), layers.Dense(3)])

keras.utils.clear_session()
model = keras.Sequential([keras.Input(shape=(8,)), layers.Dense(5), layers.Dense(5)])
model.summary()
