# Pattern: Embedding with mask_zero=True and input_length-free fixed-size Input, GlobalAveragePooling1D consuming the mask
import keras
from keras import layers

sequence_length = 80

inputs = keras.Input(shape=(sequence_length,), dtype="int64")
embedded = layers.Embedding(input_dim=4000, output_dim=24, mask_zero=True)(inputs)
x = layers.GlobalAveragePooling1D()(embedded)
x = layers.Dense(24, activation="relu")(x)
outputs = layers.Dense(5, activation="softmax")(x)
model = keras.Model(inputs, outputs)
