# Pattern: the older pretrained-embedding idiom: Embedding(vocab_size, dim, embeddings_initializer=keras.initializers.Constant(embedding_matrix), trainable=False) with the matrix from np.zeros, in a Sequential with keras.Input
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

vocab_size = 5000
embedding_dim = 50
max_length = 80
embedding_matrix = np.zeros((vocab_size, embedding_dim))

model = keras.Sequential([
    keras.Input(shape=(max_length,)),
    layers.Embedding(vocab_size, embedding_dim, embeddings_initializer=keras.initializers.Constant(embedding_matrix), trainable=False),
    layers.Bidirectional(layers.LSTM(32)),
    layers.Dense(1, activation="sigmoid"),
])
model.summary()
