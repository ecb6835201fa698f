# Pattern: a multi-task functional model whose outputs are a dict {"age": ..., "gender": ...} of named Dense heads on a shared CNN trunk, compiled with per-output losses
import keras
from keras import layers

inputs = keras.Input(shape=(64, 64, 3), name="face")
x = layers.Conv2D(32, 3, activation="relu")(inputs)
x = layers.MaxPooling2D()(x)
x = layers.Conv2D(64, 3, activation="relu")(x)
x = layers.GlobalAveragePooling2D()(x)
age = layers.Dense(1, name="age")(x)
gender = layers.Dense(1, activation="sigmoid", name="gender")(x)
model = keras.Model(inputs=inputs, outputs={"age": age, "gender": gender})
model.compile(optimizer="adam", loss={"age": "mse", "gender": "binary_crossentropy"})
model.summary()
