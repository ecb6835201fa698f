# Pattern: a patch-based vision model in TensorFlow ops: a Patches layer with tf.image.extract_patches and tf.reshape, a Sequential of user mixing blocks (list comprehension) called on a tensor, tf.linalg.matrix_transpose for token mixing, a gate from tf.split(num_or_size_splits=2)
import tensorflow as tf
import keras
from keras import layers

image_size, patch_size, width, blocks = 32, 4, 64, 3
num_patches = (image_size // patch_size) ** 2


class Patches(layers.Layer):
    def __init__(self, patch_size, **kwargs):
        super().__init__(**kwargs)
        self.patch_size = patch_size

    def call(self, images):
        batch = tf.shape(images)[0]
        patches = tf.image.extract_patches(
            images=images,
            sizes=[1, self.patch_size, self.patch_size, 1],
            strides=[1, self.patch_size, self.patch_size, 1],
            rates=[1, 1, 1, 1],
            padding="VALID",
        )
        return tf.reshape(patches, [batch, num_patches, patches.shape[-1]])


class MixingBlock(layers.Layer):
    def __init__(self, patches, width, **kwargs):
        super().__init__(**kwargs)
        self.norm = layers.LayerNormalization(epsilon=1e-6)
        self.token_mix = keras.Sequential([layers.Dense(patches), layers.Activation("gelu")])
        self.channel_mix = layers.Dense(width * 2)
        self.project = layers.Dense(width)

    def call(self, x):
        y = tf.linalg.matrix_transpose(self.norm(x))
        x = x + tf.linalg.matrix_transpose(self.token_mix(y))
        u, v = tf.split(self.channel_mix(x), num_or_size_splits=2, axis=2)
        return x + self.project(u * tf.nn.sigmoid(v))


mixer = keras.Sequential([MixingBlock(num_patches, width) for _ in range(blocks)])
images = keras.Input(shape=(image_size, image_size, 3))
x = layers.Dense(width)(Patches(patch_size)(images))
x = mixer(x)
x = layers.GlobalAveragePooling1D()(x)
model = keras.Model(images, layers.Dense(10)(x))
