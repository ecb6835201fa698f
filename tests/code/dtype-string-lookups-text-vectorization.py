# Pattern: string Inputs: StringLookup in "int" mode into an Embedding, StringLookup in "multi_hot" mode, TextVectorization with a vocabulary in "int" and "count" modes, concatenated into a head
import keras
from keras import layers

city = keras.Input(shape=(1,), dtype="string", name="city")
tags = keras.Input(shape=(3,), dtype="string", name="tags")
review = keras.Input(shape=(), dtype="string", name="review")

city_ids = layers.StringLookup(vocabulary=["paris", "rome", "oslo"])(city)
city_vectors = layers.Flatten()(layers.Embedding(5, 4)(city_ids))
tag_hot = layers.StringLookup(vocabulary=["new", "used", "cheap", "rare"], output_mode="multi_hot")(tags)
words = ["the", "food", "was", "good", "bad", "service"]
review_ids = layers.TextVectorization(vocabulary=words, output_sequence_length=6)(review)
review_vectors = layers.GlobalAveragePooling1D()(layers.Embedding(8, 4)(review_ids))
review_counts = layers.TextVectorization(vocabulary=words, output_mode="count")(review)
x = layers.concatenate([city_vectors, tag_hot, review_vectors, review_counts])
outputs = layers.Dense(1, activation="sigmoid")(x)
model = keras.Model([city, tags, review], outputs)
