# Pattern: a list comprehension of column slices x[:, i:i+1], one Dense tower per column, then concatenate
import keras
from keras import layers

num_columns = 4

inputs = keras.Input(shape=(num_columns,))
towers = [layers.Dense(8, activation="relu")(inputs[:, i:i + 1]) for i in range(num_columns)]
x = layers.concatenate(towers)
outputs = layers.Dense(1, activation="sigmoid")(x)
model = keras.Model(inputs, outputs)
