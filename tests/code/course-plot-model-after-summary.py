# Pattern: tf.keras.utils.plot_model(model, to_file=..., show_shapes=True) right after model.summary() in a course notebook turned script, guarded by try/except ImportError (pydot or graphviz may be missing), to a temporary folder
import os
import tempfile

import tensorflow as tf

inputs = tf.keras.Input(shape=(784,), name="digits")
x = tf.keras.layers.Dense(64, activation="relu", name="dense_1")(inputs)
x = tf.keras.layers.Dense(64, activation="relu", name="dense_2")(x)
outputs = tf.keras.layers.Dense(10, activation="softmax", name="predictions")(x)
model = tf.keras.Model(inputs=inputs, outputs=outputs, name="mnist_model")
model.summary()
try:
    tf.keras.utils.plot_model(model, to_file=os.path.join(tempfile.mkdtemp(), "model.png"), show_shapes=True)
except ImportError:
    print("plot_model needs pydot and graphviz")
