# A Sequential built by model.build(), one layer kept in a variable, and a model of that layer's output (layer.output, get_layer(index=...)).
import tensorflow as tf

hidden = tf.keras.layers.Dense(64, activation="relu")
model = tf.keras.Sequential([tf.keras.layers.Dense(128, activation="relu"), hidden, tf.keras.layers.Dense(10)])
model.build((None, 784))
embedding = tf.keras.Model(model.inputs, [hidden.output, model.get_layer(index=slice(layers.Dense(3))).output])
embedding.summary()
