# Pattern: Deep Learning with Python's GAN: a model class with no call(), compiled with no arguments (Keras's default optimizer, never applied), whose train_step runs the generator on tf.random.normal noise and the discriminator on tf.concat of fake and real images: fit builds no optimizer, so the summary has no optimizer line
import numpy as np
import tensorflow as tf
import keras


class GAN(keras.Model):
    def __init__(self, discriminator, generator, latent_dim):
        super().__init__()
        self.discriminator = discriminator
        self.generator = generator
        self.latent_dim = latent_dim

    def train_step(self, real_images):
        batch_size = tf.shape(real_images)[0]
        noise = tf.random.normal(shape=(batch_size, self.latent_dim))
        generated = self.generator(noise)
        predictions = self.discriminator(tf.concat([generated, real_images], axis=0))
        return {"d_score": tf.reduce_mean(predictions)}


latent_dim = 3
discriminator = keras.Sequential([keras.Input(shape=(6,)), keras.layers.Dense(4, activation="relu"),
                                  keras.layers.Dense(1)], name="discriminator")
generator = keras.Sequential([keras.Input(shape=(latent_dim,)), keras.layers.Dense(6)], name="generator")
gan = GAN(discriminator, generator, latent_dim)
gan.compile()
gan.fit(np.zeros((8, 6), "float32"), epochs=1, batch_size=4, verbose=0)
