# Pattern: keras-io's Zero-DCE: a model class whose compile(learning_rate, **kwargs) calls super().compile(**kwargs) and then assigns self.optimizer = keras.optimizers.Adam(...), a custom train_step applying it with GradientTape, fit on numpy images: Keras lists the Adam's variables the fit built
import numpy as np
import tensorflow as tf
import keras
from keras import layers


class ZeroLike(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.net = keras.Sequential([
            keras.Input((16, 16, 3)),
            layers.Conv2D(4, 3, padding="same", activation="relu"),
            layers.Conv2D(3, 3, padding="same", activation="tanh"),
        ])

    def compile(self, learning_rate, **kwargs):
        super().compile(**kwargs)
        self.optimizer = keras.optimizers.Adam(learning_rate=learning_rate)

    def call(self, data):
        return self.net(data)

    def train_step(self, data):
        with tf.GradientTape() as tape:
            output = self.net(data)
            loss = tf.reduce_mean(tf.square(output - data))
        gradients = tape.gradient(loss, self.net.trainable_weights)
        self.optimizer.apply_gradients(zip(gradients, self.net.trainable_weights))
        return {"total_loss": loss}


model = ZeroLike()
model.compile(learning_rate=1e-4)
model.fit(np.zeros((4, 16, 16, 3), "float32"), epochs=1, verbose=0)
