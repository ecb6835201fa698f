# Pattern: TensorFlow functions inside Lambda layers (tf.image.resize, tf.reduce_mean, tf.expand_dims), which Keras 3 traces on the TensorFlow backend
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

inputs = keras.Input(shape=(28, 28, 1))
x = layers.Lambda(lambda t: tf.image.resize(t, (32, 32)))(inputs)
x = layers.Conv2D(16, 3, activation="relu")(x)
x = layers.Lambda(lambda t: tf.reduce_mean(t, axis=[1, 2]))(x)
x = layers.Lambda(lambda t: tf.expand_dims(t, -1))(x)
x = layers.Conv1D(4, 3)(x)
x = layers.Flatten()(x)
outputs = layers.Dense(10)(x)
model = keras.Model(inputs, outputs)
model.summary()
