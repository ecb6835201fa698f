# Pattern: Embedding given input_shape=(maxlen,) in a Sequential, GlobalAveragePooling1D, Dense(16, relu), Dense(1, sigmoid) (an IMDB course model)
from tensorflow import keras

vocab_size = 20000
maxlen = 200
embedding_dim = 32

model = keras.Sequential([
    keras.layers.Embedding(vocab_size, embedding_dim, input_shape=(maxlen,)),
    keras.layers.GlobalAveragePooling1D(),
    keras.layers.Dense(16, activation="relu"),
    keras.layers.Dense(1, activation="sigmoid"),
])
model.summary()
