# Pattern: tf.* functions applied directly to Keras symbolic tensors (tf.keras 2 habit; Keras 3 refuses this)
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

inputs = keras.Input(shape=(8, 8, 16))
x = layers.Conv2D(32, 3, padding="same")(inputs)
x = tf.reshape(x, [-1, 8 * 8, 32])
x = tf.reduce_mean(x, axis=1)
outputs = layers.Dense(10)(x)
model = keras.Model(inputs, outputs)
