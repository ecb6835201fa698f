# Pattern: TensorFlow's regression tutorial: a Sequential without an input shape, returned by a build-and-compile function and built by fit(x, y, validation_split=0.2, ...) on a numpy table: Keras trains on the first 80% of the rows, which the batch axis shows when the batch size divides them
import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

features = np.random.rand(40, 7).astype("float32")
targets = np.random.rand(40).astype("float32")


def build_and_compile_model():
    model = keras.Sequential([
        layers.Dense(32, activation="relu"),
        layers.Dense(32, activation="relu"),
        layers.Dense(1),
    ])
    model.compile(loss="mean_absolute_error", optimizer=tf.keras.optimizers.Adam(0.001))
    return model


dnn_model = build_and_compile_model()
history = dnn_model.fit(features, targets, validation_split=0.2, verbose=0, epochs=1)
