# Pattern: Hands-On ML's custom functions: Dense layers given an activation, an initializer, a regularizer and a constraint that are Python functions of the code's (my_softplus, my_glorot_initializer, my_l1_regularizer, my_positive_weights), in a Sequential with an Input
import tensorflow as tf


def my_softplus(z):
    return tf.math.log(1.0 + tf.exp(z))


def my_glorot_initializer(shape, dtype=tf.float32):
    stddev = tf.sqrt(2.0 / (shape[0] + shape[1]))
    return tf.random.normal(shape, stddev=stddev, dtype=dtype)


def my_l1_regularizer(weights):
    return tf.reduce_sum(tf.abs(0.01 * weights))


def my_positive_weights(weights):
    return tf.where(weights < 0.0, tf.zeros_like(weights), weights)


model = tf.keras.Sequential([
    tf.keras.Input(shape=[8]),
    tf.keras.layers.Dense(30, activation="relu", kernel_initializer="he_normal"),
    tf.keras.layers.Dense(1, activation=my_softplus, kernel_initializer=my_glorot_initializer,
                          kernel_regularizer=my_l1_regularizer, kernel_constraint=my_positive_weights),
])
