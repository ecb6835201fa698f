# Pattern: model.pop() to drop a classifier head, then model.add a new head
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(12,)),
    layers.Dense(24, activation="relu"),
    layers.Dense(24, activation="relu"),
    layers.Dense(5, activation="softmax"),
])
model.pop()
model.add(layers.Dense(2, activation="softmax", name="new_head"))
