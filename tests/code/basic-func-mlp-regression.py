# Pattern: functional MLP for regression, keras.Input(shape=(n,)) and keras.Model(inputs=, outputs=)
import keras
from keras import layers

n_features = 13

inputs = keras.Input(shape=(n_features,))
x = layers.Dense(48, activation="relu")(inputs)
x = layers.Dense(48, activation="relu")(x)
outputs = layers.Dense(1)(x)
model = keras.Model(inputs=inputs, outputs=outputs)
model.compile(optimizer="rmsprop", loss="mse", metrics=["mae"])
