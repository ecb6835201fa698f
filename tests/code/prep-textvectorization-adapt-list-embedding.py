# Pattern: a TextVectorization(max_tokens=, output_sequence_length=) adapted on a small list of sentences, then Embedding(max_tokens, 16) sized by the constant, in a Sequential started by a string keras.Input
import keras
from keras import layers

max_tokens = 1000
sentences = ["the cat sat", "the dog ran fast", "a bird sang"]
vectorizer = layers.TextVectorization(max_tokens=max_tokens, output_sequence_length=10)
vectorizer.adapt(sentences)

model = keras.Sequential([
    keras.Input(shape=(1,), dtype="string"),
    vectorizer,
    layers.Embedding(max_tokens, 16),
    layers.GlobalAveragePooling1D(),
    layers.Dense(1, activation="sigmoid"),
])
model.summary()
