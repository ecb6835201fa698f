# Pattern: TensorFlow's text classification tutorial: TextVectorization(standardize=a function of tf.strings calls, max_tokens, output_sequence_length) adapted on the training text, then Embedding(max_features + 1), pooling and a Dense head in a Sequential
import re
import string

import tensorflow as tf
from tensorflow.keras import layers


def custom_standardization(input_data):
    lowercase = tf.strings.lower(input_data)
    stripped_html = tf.strings.regex_replace(lowercase, "<br />", " ")
    return tf.strings.regex_replace(stripped_html, "[%s]" % re.escape(string.punctuation), "")


max_features = 1000
sequence_length = 40
train_text = ["A great movie!<br />Loved it", "Terrible plot, bad acting", "Not bad at all"]

vectorize_layer = layers.TextVectorization(standardize=custom_standardization, max_tokens=max_features,
                                           output_mode="int", output_sequence_length=sequence_length)
vectorize_layer.adapt(train_text)

model = tf.keras.Sequential([
    tf.keras.Input(shape=(1,), dtype=tf.string),
    vectorize_layer,
    layers.Embedding(max_features + 1, 16),
    layers.Dropout(0.2),
    layers.GlobalAveragePooling1D(),
    layers.Dropout(0.2),
    layers.Dense(1, activation="sigmoid"),
])
