# Pattern: tf.keras.utils.plot_model(model, to_file=..., show_shapes=True) right after model.summary() in a course notebook turned script (pydot is not installed here: Keras's plot_model raises ImportError)
import tensorflow as tf

inputs = tf.keras.Input(shape=(784,), name="digits")
x = tf.keras.layers.Dense(64, activation="relu", name="dense_1")(inputs)
x = tf.keras.layers.Dense(64, activation="relu", name="dense_2")(x)
outputs = tf.keras.layers.Dense(10, activation="softmax", name="predictions")(x)
model = tf.keras.Model(inputs=inputs, outputs=outputs, name="mnist_model")
model.summary()
tf.keras.utils.plot_model(model, to_file="model.png", show_shapes=True)
