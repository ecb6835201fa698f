# Pattern: Hands-On ML's simple GAN: generator and discriminator Sequentials without input shapes, the generator first called on tf.random.normal(shape=[batch_size, codings_size]) (built on that batch of 32), the gan Sequential of both built from it, the discriminator trained with train_on_batch on a batch of real and fake images
import numpy as np
import tensorflow as tf

codings_size, batch_size = 10, 32
generator = tf.keras.Sequential([
    tf.keras.layers.Dense(16, activation="relu"),
    tf.keras.layers.Dense(28 * 28, activation="sigmoid"),
    tf.keras.layers.Reshape([28, 28]),
])
discriminator = tf.keras.Sequential([
    tf.keras.layers.Flatten(),
    tf.keras.layers.Dense(16, activation="relu"),
    tf.keras.layers.Dense(1, activation="sigmoid"),
])
noise = tf.random.normal(shape=[batch_size, codings_size])
generated_images = generator(noise)
gan = tf.keras.Sequential([generator, discriminator])
discriminator.compile(loss="binary_crossentropy", optimizer="rmsprop")
discriminator.trainable = False
gan.compile(loss="binary_crossentropy", optimizer="rmsprop")
discriminator.trainable = True
discriminator.train_on_batch(np.zeros((2 * batch_size, 28, 28)), np.zeros((2 * batch_size, 1)))
