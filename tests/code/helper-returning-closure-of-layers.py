# Pattern: a helper returning a closure that applies several layers (def dense_block(units): return lambda x: ...), and a list of such blocks applied in a for loop
import keras
from keras import layers


def dense_block(units, rate=0.2):
    return lambda x: layers.Dropout(rate)(layers.Dense(units, activation="relu")(x))


blocks = [dense_block(256), dense_block(128), dense_block(64, rate=0.1)]

inputs = keras.Input(shape=(100,))
x = inputs
for block in blocks:
    x = block(x)
outputs = layers.Dense(1)(x)
model = keras.Model(inputs, outputs)
model.summary()
