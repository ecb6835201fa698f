# Pattern: learned positions added in functional code outside any layer: positions = ops.arange(0, maxlen), a position Embedding called on them and added to the token embeddings
import keras
from keras import layers
from keras import ops

maxlen = 64
vocab_size = 5000
embed_dim = 32

inputs = keras.Input(shape=(maxlen,))
token_emb = layers.Embedding(vocab_size, embed_dim)(inputs)
positions = ops.arange(0, maxlen, 1)
pos_emb = layers.Embedding(maxlen, embed_dim)(positions)
x = token_emb + pos_emb
x = layers.GlobalAveragePooling1D()(x)
outputs = layers.Dense(2, activation="softmax")(x)
model = keras.Model(inputs, outputs)
model.summary()
