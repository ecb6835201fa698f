# Pattern: TensorFlow's denoising autoencoder tutorial: a model class holding an encoder Sequential (with Input) and a decoder Sequential (without), fit on data noised with tf.random.normal and tf.clip_by_value, then the decoder attribute summarized: the fit built it
import numpy as np
import tensorflow as tf
from tensorflow.keras import layers, losses
from tensorflow.keras.models import Model

x_train = np.random.rand(8, 16, 16).astype("float32")[..., tf.newaxis]
noisy = x_train + 0.2 * tf.random.normal(shape=x_train.shape)
noisy = tf.clip_by_value(noisy, clip_value_min=0.0, clip_value_max=1.0)


class Denoise(Model):
    def __init__(self):
        super().__init__()
        self.encoder = tf.keras.Sequential([
            layers.Input(shape=(16, 16, 1)),
            layers.Conv2D(8, (3, 3), activation="relu", padding="same", strides=2),
            layers.Conv2D(4, (3, 3), activation="relu", padding="same", strides=2),
        ])
        self.decoder = tf.keras.Sequential([
            layers.Conv2DTranspose(4, kernel_size=3, strides=2, activation="relu", padding="same"),
            layers.Conv2DTranspose(8, kernel_size=3, strides=2, activation="relu", padding="same"),
            layers.Conv2D(1, kernel_size=(3, 3), activation="sigmoid", padding="same"),
        ])

    def call(self, x):
        return self.decoder(self.encoder(x))


autoencoder = Denoise()
autoencoder.compile(optimizer="adam", loss=losses.MeanSquaredError())
autoencoder.fit(noisy, x_train, epochs=1, shuffle=True, verbose=0)
decoder = autoencoder.decoder
