# Pattern: the TF regression tutorial's DNN: a Normalization(axis=-1) adapted on a numpy array, passed to build_and_compile_model(norm) that returns keras.Sequential([norm, Dense, Dense, Dense(1)])
import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

train_features = np.random.rand(300, 9).astype("float32")

normalizer = tf.keras.layers.Normalization(axis=-1)
normalizer.adapt(np.array(train_features))


def build_and_compile_model(norm):
    model = keras.Sequential([
        norm,
        layers.Dense(64, activation="relu"),
        layers.Dense(64, activation="relu"),
        layers.Dense(1),
    ])
    model.compile(loss="mean_absolute_error", optimizer=tf.keras.optimizers.Adam(0.001))
    return model


dnn_model = build_and_compile_model(normalizer)
dnn_model.summary()
