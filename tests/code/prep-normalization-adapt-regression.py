# Pattern: layers.Normalization(axis=-1) adapted on a numpy array, first in a Sequential regression model (TF regression tutorial)
import numpy as np
import tensorflow as tf
from tensorflow.keras import layers

train_features = np.random.rand(50, 9).astype("float32")

normalizer = tf.keras.layers.Normalization(axis=-1)
normalizer.adapt(train_features)

dnn_model = tf.keras.Sequential([
    normalizer,
    layers.Dense(32, activation='relu'),
    layers.Dense(32, activation='relu'),
    layers.Dense(1)
])
