# Pattern: the TF time-series tutorial's multi-step dense model: an unbuilt tf.keras.Sequential of Flatten, Dense, Dense and Reshape([1, -1]), built by calling it on a tf.zeros window batch
import tensorflow as tf

CONV_WIDTH = 3
num_features = 19

multi_step_dense = tf.keras.Sequential([
    tf.keras.layers.Flatten(),
    tf.keras.layers.Dense(units=32, activation="relu"),
    tf.keras.layers.Dense(units=32, activation="relu"),
    tf.keras.layers.Dense(units=1),
    tf.keras.layers.Reshape([1, -1]),
])

example_inputs = tf.zeros([32, CONV_WIDTH, num_features])
print("Output shape:", multi_step_dense(example_inputs).shape)
multi_step_dense.summary()
