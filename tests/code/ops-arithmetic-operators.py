# Pattern: Python operators on symbolic tensors (x * 0.5, a + b, a - b, a * b) to combine branches
import keras
from keras import layers

inputs = keras.Input(shape=(40,))
a = layers.Dense(32, activation="relu")(inputs)
b = layers.Dense(32, activation="sigmoid")(inputs)
gated = a * b
mixed = gated + a * 0.5
diff = mixed - b
outputs = layers.Dense(1)(diff)
model = keras.Model(inputs, outputs)
