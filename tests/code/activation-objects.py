# Activations given as objects: a layer (LeakyReLU, ReLU, ELU, Softmax), keras.activations functions and tf.nn.relu (Hands-On ML 3, ch. 11)
import keras
import tensorflow as tf

leaky_relu = tf.keras.layers.LeakyReLU(negative_slope=0.2)  # defaults to negative_slope=0.3
model = tf.keras.Sequential([
    tf.keras.Input(shape=(28, 28)),
    tf.keras.layers.Flatten(),
    tf.keras.layers.Dense(50, activation=leaky_relu, kernel_initializer="he_normal"),
    tf.keras.layers.Dense(40, activation=keras.layers.ReLU()),
    tf.keras.layers.Dense(30, activation=tf.keras.layers.ELU(alpha=0.5)),
    tf.keras.layers.Dense(20, activation=tf.nn.relu),
    tf.keras.layers.Dense(20, activation=keras.activations.selu, kernel_initializer="lecun_normal"),
    tf.keras.layers.Dense(20, activation=tf.keras.activations.swish),
    tf.keras.layers.Dense(10, kernel_initializer="he_normal"),  # no activation
    tf.keras.layers.LeakyReLU(negative_slope=0.2),  # activation as a separate layer
    tf.keras.layers.Dense(10, activation=tf.keras.layers.Softmax()),
])
