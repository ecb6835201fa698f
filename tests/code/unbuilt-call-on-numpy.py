# An unbuilt Sequential built by a call on a numpy array of a literal shape: model(np.zeros((1, 784))).
import numpy as np
import tensorflow as tf

model = tf.keras.Sequential([
    tf.keras.layers.Dense(64, activation="relu"),
    tf.keras.layers.Dense(10),
])
predictions = model(np.zeros((1, 784))).numpy()
model.summary()
