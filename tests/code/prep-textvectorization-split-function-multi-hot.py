# Pattern: TextVectorization with split= a function of the code's (tf.strings.split on commas) and output_mode="multi_hot", pad_to_max_tokens=True, on a string Input in a functional model
import tensorflow as tf
import keras
from keras import layers


def split_tags(text):
    return tf.strings.split(text, sep=",")


tags = layers.TextVectorization(max_tokens=64, split=split_tags, output_mode="multi_hot", pad_to_max_tokens=True)
inputs = keras.Input(shape=(), dtype="string", name="tags")
x = tags(inputs)
x = layers.Dense(8, activation="relu")(x)
outputs = layers.Dense(1)(x)
model = keras.Model(inputs, outputs)
