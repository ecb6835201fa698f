# Pattern: keras-io pretrained word embeddings: an embedding_matrix made with np.zeros((num_tokens, embedding_dim)) (filled from GloVe in the real script), Embedding(embeddings_initializer=keras.initializers.Constant(embedding_matrix), trainable=False), a Conv1D/MaxPooling1D text classifier
import numpy as np
import keras
from keras import layers

num_tokens = 20002
embedding_dim = 100
embedding_matrix = np.zeros((num_tokens, embedding_dim))

embedding_layer = layers.Embedding(num_tokens, embedding_dim, trainable=False)
embedding_layer.build((1,))
embedding_layer.set_weights([embedding_matrix])

int_sequences_input = keras.Input(shape=(None,), dtype="int32")
embedded_sequences = embedding_layer(int_sequences_input)
x = layers.Conv1D(128, 5, activation="relu")(embedded_sequences)
x = layers.MaxPooling1D(5)(x)
x = layers.Conv1D(128, 5, activation="relu")(x)
x = layers.MaxPooling1D(5)(x)
x = layers.Conv1D(128, 5, activation="relu")(x)
x = layers.GlobalMaxPooling1D()(x)
x = layers.Dense(128, activation="relu")(x)
x = layers.Dropout(0.5)(x)
preds = layers.Dense(20, activation="softmax")(x)
model = keras.Model(int_sequences_input, preds)
model.summary()
