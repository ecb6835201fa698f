# Pattern: tf.math / tf.nn functions on functional tensors (worked in tf.keras 2; Keras 3 refuses)
import tensorflow as tf

inputs = tf.keras.Input(shape=(32,))
x = tf.keras.layers.Dense(16)(inputs)
x = tf.nn.relu(x)
x = tf.math.l2_normalize(x, axis=1)
model = tf.keras.Model(inputs=inputs, outputs=x)
