# An unbuilt Sequential built up with model.add() in a loop, never given an input shape (a Dropout and a frozen layer among them).
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential(name="mlp")
for units in (128, 64):
    model.add(layers.Dense(units, activation="relu"))
    model.add(layers.Dropout(0.2))
model.add(layers.Dense(10, activation="softmax"))
model.layers[0].trainable = False
model.summary()
