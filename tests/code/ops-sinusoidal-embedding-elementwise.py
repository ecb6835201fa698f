# Pattern: a diffusion model's sinusoidal noise embedding: a function of tf.sin/tf.cos/tf.exp/tf.concat wrapped in a Lambda; keras.ops element-wise functions (sin, cos, softplus, rsqrt, log1p) on a functional model's tensors, recorded as rows
import math
import tensorflow as tf
import keras
from keras import layers, ops

embedding_dims, max_frequency = 32, 1000.0


def sinusoidal_embedding(x):
    frequencies = tf.exp(tf.linspace(tf.math.log(1.0), tf.math.log(max_frequency), embedding_dims // 2))
    angular_speeds = 2.0 * math.pi * frequencies
    return tf.concat([tf.sin(angular_speeds * x), tf.cos(angular_speeds * x)], axis=3)


noise_variances = keras.Input(shape=(1, 1, 1))
e = layers.Lambda(sinusoidal_embedding)(noise_variances)
e = layers.UpSampling2D(size=8, interpolation="nearest")(e)
images = keras.Input(shape=(8, 8, 3))
x = layers.Conv2D(embedding_dims, 1)(images)
x = layers.Concatenate()([x, e])
waves = ops.sin(x) + ops.cos(x)
x = layers.Dense(4)(ops.softplus(waves) * ops.rsqrt(ops.log1p(ops.abs(x)) + 1.0))
model = keras.Model([noise_variances, images], x)
