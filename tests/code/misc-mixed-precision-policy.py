# Pattern: keras.mixed_precision.set_global_policy("mixed_float16") before building, float32 output activation
import keras
from keras import layers

keras.mixed_precision.set_global_policy("mixed_float16")

inputs = keras.Input(shape=(64,), name="digits")
x = layers.Dense(128, activation="relu")(inputs)
x = layers.Dense(128, activation="relu")(x)
x = layers.Dense(10)(x)
outputs = layers.Activation("softmax", dtype="float32", name="predictions")(x)
model = keras.Model(inputs=inputs, outputs=outputs)
