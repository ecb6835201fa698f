# An unbuilt Sequential (Flatten first, as the classification tutorial without input_shape) built by a call on tf.ones((2, 28, 28)).
import tensorflow as tf
from tensorflow import keras

model = keras.Sequential([
    keras.layers.Flatten(),
    keras.layers.Dense(128, activation="relu"),
    keras.layers.Dense(10),
])
logits = model(tf.ones((2, 28, 28)), training=False)
model.summary()
