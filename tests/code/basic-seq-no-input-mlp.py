# Pattern: Sequential MLP with no input shape anywhere (never built: Keras prints it unbuilt)
import keras
from keras import layers

model = keras.Sequential([
    layers.Dense(80, activation="relu"),
    layers.Dense(80, activation="relu"),
    layers.Dense(40, activation="softmax"),
])
model.compile(optimizer="rmsprop", loss="categorical_crossentropy", metrics=["accuracy"])
