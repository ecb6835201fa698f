# Masking in a functional model: its not_equal and any operations, and the mask passed on by
# the first GRU (return_sequences) to the second, both listing `any` in Connected to.
import keras
from keras import layers

inputs = keras.Input(shape=(None, 5))
masked = layers.Masking(mask_value=-1.0)(inputs)
x = layers.GRU(16, return_sequences=True)(masked)
x = layers.GRU(8)(x)
outputs = layers.Dense(3, activation="softmax")(x)
model = keras.Model(inputs, outputs, name="masked_gru")
