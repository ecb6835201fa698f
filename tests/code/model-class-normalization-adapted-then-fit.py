# Pattern: Hands-On ML's wide-and-deep model class: Normalization layers adapted on the training data (64 rows) before the model is fit on batches of 32: the normalization rows keep the shape of their adapt build
import numpy as np
import tensorflow as tf


class WideAndDeepModel(tf.keras.Model):
    def __init__(self, units=30, activation="relu", **kwargs):
        super().__init__(**kwargs)
        self.norm_layer_wide = tf.keras.layers.Normalization()
        self.norm_layer_deep = tf.keras.layers.Normalization()
        self.hidden1 = tf.keras.layers.Dense(units, activation=activation)
        self.hidden2 = tf.keras.layers.Dense(units, activation=activation)
        self.main_output = tf.keras.layers.Dense(1)

    def call(self, inputs):
        input_wide, input_deep = inputs
        norm_wide = self.norm_layer_wide(input_wide)
        norm_deep = self.norm_layer_deep(input_deep)
        hidden1 = self.hidden1(norm_deep)
        hidden2 = self.hidden2(hidden1)
        concat = tf.keras.layers.concatenate([norm_wide, hidden2])
        return self.main_output(concat)


X_wide, X_deep = np.random.rand(64, 5), np.random.rand(64, 6)
y = np.random.rand(64, 1)
model = WideAndDeepModel(30, activation="relu", name="my_cool_model")
model.compile(loss="mse", optimizer="adam")
model.norm_layer_wide.adapt(X_wide)
model.norm_layer_deep.adapt(X_deep)
model.fit((X_wide, X_deep), y, epochs=1, verbose=0)
