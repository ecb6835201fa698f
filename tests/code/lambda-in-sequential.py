# Pattern: Lambda layers in a Sequential model (scaling pixels, adding a channel axis) as older tutorials write them
from tensorflow import keras
from tensorflow.keras import layers
import tensorflow as tf

model = keras.Sequential([
    keras.Input(shape=(28, 28)),
    layers.Lambda(lambda x: x / 255.0),
    layers.Lambda(lambda x: tf.expand_dims(x, axis=-1)),
    layers.Conv2D(16, 3, activation="relu"),
    layers.MaxPooling2D(),
    layers.Flatten(),
    layers.Dense(10, activation="softmax"),
])
