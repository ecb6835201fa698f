# Pattern: keras-io's DCGAN/WGAN: a model class holding a discriminator and a generator, with compile(d_optimizer, g_optimizer, loss_fn) and train_step but no call(), fit on numpy images: Keras lists its two Sequentials (built with their Inputs) and the optimizers the fit built
import numpy as np
import keras
from keras import layers

latent_dim = 8
discriminator = keras.Sequential([keras.Input((8, 8, 1)), layers.Flatten(), layers.Dense(1)], name="discriminator")
generator = keras.Sequential([keras.Input((latent_dim,)), layers.Dense(64), layers.Reshape((8, 8, 1))], name="generator")


class GAN(keras.Model):
    def __init__(self, discriminator, generator, latent_dim):
        super().__init__()
        self.discriminator = discriminator
        self.generator = generator
        self.latent_dim = latent_dim

    def compile(self, d_optimizer, g_optimizer, loss_fn):
        super().compile()
        self.d_optimizer = d_optimizer
        self.g_optimizer = g_optimizer
        self.loss_fn = loss_fn

    def train_step(self, real_images):
        return {"d_loss": keras.ops.convert_to_tensor(0.0)}


gan = GAN(discriminator=discriminator, generator=generator, latent_dim=latent_dim)
gan.compile(d_optimizer=keras.optimizers.Adam(1e-4), g_optimizer=keras.optimizers.Adam(1e-4),
            loss_fn=keras.losses.BinaryCrossentropy())
gan.fit(np.zeros((16, 8, 8, 1), "float32"), epochs=1, verbose=0)
