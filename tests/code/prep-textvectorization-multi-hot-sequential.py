# Pattern: TextVectorization(output_mode="multi_hot") adapted on a short list, inside a Sequential after a string Input
import tensorflow as tf
from tensorflow.keras import layers

texts = ["red apple", "green pear", "yellow banana and red cherry"]

text_vectorization = layers.TextVectorization(max_tokens=30, output_mode="multi_hot")
text_vectorization.adapt(texts)

model = tf.keras.Sequential([
    tf.keras.Input(shape=(1,), dtype=tf.string),
    text_vectorization,
    layers.Dense(16, activation="relu"),
    layers.Dropout(0.5),
    layers.Dense(1, activation="sigmoid"),
])
