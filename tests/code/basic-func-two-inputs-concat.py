# Pattern: functional model with two named inputs merged by layers.concatenate (keras functional API guide)
import keras
from keras import layers

image_input = keras.Input(shape=(32, 32, 3), name="image")
meta_input = keras.Input(shape=(6,), name="metadata")

x = layers.Conv2D(16, 3, activation="relu")(image_input)
x = layers.MaxPooling2D(2)(x)
x = layers.Conv2D(32, 3, activation="relu")(x)
x = layers.GlobalMaxPooling2D()(x)

m = layers.Dense(8, activation="relu")(meta_input)

merged = layers.concatenate([x, m])
merged = layers.Dense(32, activation="relu")(merged)
output = layers.Dense(1, name="score")(merged)

model = keras.Model(inputs=[image_input, meta_input], outputs=output)
