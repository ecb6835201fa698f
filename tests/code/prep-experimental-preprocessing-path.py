# Pattern: 2021-era tf.keras.layers.experimental.preprocessing.* paths (gone in Keras 3: Keras refuses)
import tensorflow as tf
from tensorflow.keras import layers

resize_and_rescale = tf.keras.Sequential([
    layers.experimental.preprocessing.Resizing(64, 64),
    layers.experimental.preprocessing.Rescaling(1./255)
])

model = tf.keras.Sequential([
    tf.keras.Input(shape=(80, 80, 3)),
    resize_and_rescale,
    layers.Conv2D(8, 3, activation='relu'),
    layers.Flatten(),
    layers.Dense(2)
])
