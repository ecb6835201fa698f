# Pattern: end-to-end text model: string keras.Input, TextVectorization with a given vocabulary, Embedding, pooling
import keras
from keras import layers

vocabulary = ["the", "movie", "was", "good", "bad", "great", "awful", "plot", "acting"]

vectorize_layer = layers.TextVectorization(
    max_tokens=20,
    output_mode="int",
    output_sequence_length=16,
    vocabulary=vocabulary,
)

inputs = keras.Input(shape=(1,), dtype="string")
x = vectorize_layer(inputs)
x = layers.Embedding(20, 8)(x)
x = layers.GlobalAveragePooling1D()(x)
outputs = layers.Dense(1, activation="sigmoid")(x)
model = keras.Model(inputs, outputs)
