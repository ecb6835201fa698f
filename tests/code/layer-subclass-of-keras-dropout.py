# Pattern: Hands-On ML's MC Dropout: classes derived from keras.layers.Dropout and AlphaDropout whose call only returns super().call(inputs, training=True), put in place of a model's dropout layers by a comprehension over its layers (isinstance), the rest of the layers reused
import tensorflow as tf


class MCDropout(tf.keras.layers.Dropout):
    def call(self, inputs, training=None):
        return super().call(inputs, training=True)


class MCAlphaDropout(tf.keras.layers.AlphaDropout):
    def call(self, inputs):
        return super().call(inputs, training=True)


model = tf.keras.Sequential([
    tf.keras.layers.Input(shape=[12]),
    tf.keras.layers.Dropout(rate=0.2),
    tf.keras.layers.Dense(16, activation="relu", kernel_initializer="he_normal"),
    tf.keras.layers.Dropout(rate=0.2),
    tf.keras.layers.Dense(8, activation="selu"),
    tf.keras.layers.AlphaDropout(rate=0.1),
    tf.keras.layers.Dense(3, activation="softmax"),
])
mc_model = tf.keras.Sequential([
    MCDropout(layer.rate) if isinstance(layer, tf.keras.layers.Dropout)
    else MCAlphaDropout(layer.rate) if isinstance(layer, tf.keras.layers.AlphaDropout)
    else layer
    for layer in model.layers
])
