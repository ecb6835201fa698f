# Pattern: subclassed Model holding encoder/decoder Sequentials (TF autoencoder tutorial), built with build()
import tensorflow as tf
from tensorflow.keras import layers
from tensorflow.keras.models import Model

latent_dim = 16
shape = (28, 28)


class Autoencoder(Model):
    def __init__(self, latent_dim, shape):
        super(Autoencoder, self).__init__()
        self.latent_dim = latent_dim
        self.shape = shape
        self.encoder = tf.keras.Sequential([
            layers.Flatten(),
            layers.Dense(latent_dim, activation='relu'),
        ])
        self.decoder = tf.keras.Sequential([
            layers.Dense(28 * 28, activation='sigmoid'),
            layers.Reshape(shape)
        ])

    def call(self, x):
        encoded = self.encoder(x)
        decoded = self.decoder(encoded)
        return decoded


autoencoder = Autoencoder(latent_dim, shape)
autoencoder.build((None, 28, 28))
