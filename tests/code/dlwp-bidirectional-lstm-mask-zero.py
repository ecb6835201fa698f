# DLwP chapter 11: a bag of token ids embedded with mask_zero=True, a Bidirectional LSTM that
# takes the mask (not_equal in Connected to), dropout and a sigmoid head.
from tensorflow import keras
from tensorflow.keras import layers

max_tokens = 20000
inputs = keras.Input(shape=(None,), dtype="int64")
embedded = layers.Embedding(input_dim=max_tokens, output_dim=256, mask_zero=True)(inputs)
x = layers.Bidirectional(layers.LSTM(32))(embedded)
x = layers.Dropout(0.5)(x)
outputs = layers.Dense(1, activation="sigmoid")(x)
model = keras.Model(inputs, outputs)
model.compile(optimizer="rmsprop", loss="binary_crossentropy", metrics=["accuracy"])
