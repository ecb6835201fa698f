# Pattern: text generation model with a state Input: GRU(return_state=True) called with initial_state, tuple inputs/outputs (DLwP 3rd edition)
import keras
from keras import layers

vocabulary_size = 70
embedding_dim = 32
hidden_dim = 96

inputs = keras.Input(shape=(1,), dtype="int", name="token_ids")
input_state = keras.Input(shape=(hidden_dim,), name="state")

x = layers.Embedding(vocabulary_size, embedding_dim)(inputs)
x, output_state = layers.GRU(hidden_dim, return_state=True)(x, initial_state=input_state)
outputs = layers.Dense(vocabulary_size, activation="softmax")(x)
generation_model = keras.Model(inputs=(inputs, input_state), outputs=(outputs, output_state))
