# Pattern: TF 2.0-era tutorial activations given as tf.nn functions (activation=tf.nn.relu, tf.nn.softmax)
import tensorflow as tf
from tensorflow import keras

model = keras.Sequential([
    keras.layers.Flatten(input_shape=(28, 28)),
    keras.layers.Dense(64, activation=tf.nn.relu),
    keras.layers.Dense(10, activation=tf.nn.softmax)
])
