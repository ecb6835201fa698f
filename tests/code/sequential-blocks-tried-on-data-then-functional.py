# Pattern: the pix2pix tutorial's way: block functions returning Sequentials (Conv2D, BatchNormalization, LeakyReLU) tried on one image with tf.expand_dims(image, 0), one more tried on np.stack of images (data convcalc does not compute), then a U-Net-like functional model of fresh blocks: each Sequential's build takes an InputLayer's and a Functional's auto-name, which the model's name shows
import numpy as np
import tensorflow as tf


def downsample(filters, size, apply_batchnorm=True):
    initializer = tf.random_normal_initializer(0.0, 0.02)
    result = tf.keras.Sequential()
    result.add(tf.keras.layers.Conv2D(filters, size, strides=2, padding="same",
                                      kernel_initializer=initializer, use_bias=False))
    if apply_batchnorm:
        result.add(tf.keras.layers.BatchNormalization())
    result.add(tf.keras.layers.LeakyReLU())
    return result


image = np.random.rand(32, 32, 3).astype("float32")
tried = downsample(3, 4)
print(tried(tf.expand_dims(image, 0)).shape)
downsample(3, 4)(np.stack([image, image]))

inputs = tf.keras.layers.Input(shape=[32, 32, 3])
x = inputs
skips = []
for block in [downsample(8, 4, apply_batchnorm=False), downsample(16, 4), downsample(16, 4)]:
    x = block(x)
    skips.append(x)
x = tf.keras.layers.Concatenate()([tf.keras.layers.UpSampling2D()(x), skips[-2]])
outputs = tf.keras.layers.Conv2DTranspose(3, 4, strides=4, padding="same", activation="tanh")(x)
generator = tf.keras.Model(inputs=inputs, outputs=outputs)
