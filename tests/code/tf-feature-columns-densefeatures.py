# Pattern: the 2019 structured-data tutorial: tf.feature_column numeric columns and tf.keras.layers.DenseFeatures(feature_columns) first in a Sequential (gone in Keras 3: Keras refuses)
import tensorflow as tf
from tensorflow.keras import layers

feature_columns = []
for header in ["age", "trestbps", "chol", "thalach"]:
    feature_columns.append(tf.feature_column.numeric_column(header))

feature_layer = tf.keras.layers.DenseFeatures(feature_columns)

model = tf.keras.Sequential([
    feature_layer,
    layers.Dense(128, activation="relu"),
    layers.Dense(1),
])
model.summary()
