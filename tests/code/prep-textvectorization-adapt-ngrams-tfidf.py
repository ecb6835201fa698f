# Pattern: Deep Learning with Python's bag-of-bigrams: TextVectorization(ngrams=2, max_tokens=..., output_mode="tf_idf") adapted on a list of sentences (case and punctuation stripped), then Dense layers
import keras
from keras import layers

sentences = [
    "The cat sat on the mat.",
    "The dog ate my homework!",
    "A cat, a dog, and a bird?",
    "THE END",
]
text_vectorization = layers.TextVectorization(ngrams=2, max_tokens=12, output_mode="tf_idf")
text_vectorization.adapt(sentences)

inputs = keras.Input(shape=(), dtype="string")
x = text_vectorization(inputs)
x = layers.Dense(8, activation="relu")(x)
outputs = layers.Dense(1, activation="sigmoid")(x)
model = keras.Model(inputs, outputs)
