# Pattern: GAN as a keras.Model subclass holding a discriminator and a generator Sequential (keras-io DCGAN), the GAN itself never built
import keras
from keras import layers

latent_dim = 32

discriminator = keras.Sequential(
    [keras.Input(shape=(28, 28, 1)), layers.Conv2D(32, 3, strides=2, padding="same"), layers.LeakyReLU(0.2),
     layers.GlobalMaxPooling2D(), layers.Dense(1)],
    name="discriminator",
)
generator = keras.Sequential(
    [keras.Input(shape=(latent_dim,)), layers.Dense(7 * 7 * 32), layers.LeakyReLU(0.2), layers.Reshape((7, 7, 32)),
     layers.Conv2DTranspose(32, 4, strides=2, padding="same"), layers.LeakyReLU(0.2),
     layers.Conv2DTranspose(32, 4, strides=2, padding="same"), layers.LeakyReLU(0.2),
     layers.Conv2D(1, 7, padding="same", activation="sigmoid")],
    name="generator",
)


class GAN(keras.Model):
    def __init__(self, discriminator, generator, latent_dim):
        super().__init__()
        self.discriminator = discriminator
        self.generator = generator
        self.latent_dim = latent_dim
        self.seed_generator = keras.random.SeedGenerator(1337)

    def compile(self, d_optimizer, g_optimizer, loss_fn):
        super().compile()
        self.d_optimizer = d_optimizer
        self.g_optimizer = g_optimizer
        self.loss_fn = loss_fn


gan = GAN(discriminator=discriminator, generator=generator, latent_dim=latent_dim)
