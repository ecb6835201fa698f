# Pattern: TF time-series tutorial: unbuilt Sequential Conv1D model called on an example batch (tf.zeros) to build it
import tensorflow as tf

CONV_WIDTH = 3
num_features = 19

conv_model = tf.keras.Sequential([
    tf.keras.layers.Conv1D(filters=16, kernel_size=(CONV_WIDTH,), activation='relu'),
    tf.keras.layers.Dense(units=16, activation='relu'),
    tf.keras.layers.Dense(units=1),
])

example_inputs = tf.zeros((32, CONV_WIDTH, num_features))
print('Output shape:', conv_model(example_inputs).shape)
