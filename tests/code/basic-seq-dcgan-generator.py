# Pattern: DCGAN generator: Dense(use_bias=False, input_shape=), LeakyReLU, Reshape, Conv2DTranspose stack built by model.add
import tensorflow as tf
from tensorflow.keras import layers

generator = tf.keras.Sequential()
generator.add(layers.Dense(4 * 4 * 128, use_bias=False, input_shape=(64,)))
generator.add(layers.BatchNormalization())
generator.add(layers.LeakyReLU())
generator.add(layers.Reshape((4, 4, 128)))
generator.add(layers.Conv2DTranspose(64, (5, 5), strides=(1, 1), padding='same', use_bias=False))
generator.add(layers.BatchNormalization())
generator.add(layers.LeakyReLU())
generator.add(layers.Conv2DTranspose(32, (5, 5), strides=(2, 2), padding='same', use_bias=False))
generator.add(layers.BatchNormalization())
generator.add(layers.LeakyReLU())
generator.add(layers.Conv2DTranspose(3, (5, 5), strides=(2, 2), padding='same', use_bias=False, activation='tanh'))
