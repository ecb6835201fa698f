# Pattern: a single-feature Normalization(input_shape=[1,], axis=None) then Dense(units=1) (TF regression tutorial, linear model)
import tensorflow as tf
from tensorflow.keras import layers

horsepower_normalizer = layers.Normalization(input_shape=[1,], axis=None)

horsepower_model = tf.keras.Sequential([
    horsepower_normalizer,
    layers.Dense(units=1)
])
