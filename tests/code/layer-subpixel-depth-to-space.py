# Pattern: keras-io's super-resolution (ESPCN) upscaling: a layer class whose call is tf.nn.depth_to_space (pixel shuffle), after convolutions of channels * factor**2, and keras.ops.depth_to_space/space_to_depth in functional code
import tensorflow as tf
import keras
from keras import layers, ops


class DepthToSpace(layers.Layer):
    def __init__(self, block_size, **kwargs):
        super().__init__(**kwargs)
        self.block_size = block_size

    def call(self, x):
        return tf.nn.depth_to_space(x, self.block_size)


upscale_factor = 3
channels = 1
inputs = keras.Input(shape=(None, None, channels))
x = layers.Conv2D(64, 5, padding="same", activation="relu")(inputs)
x = layers.Conv2D(32, 3, padding="same", activation="relu")(x)
x = layers.Conv2D(channels * (upscale_factor ** 2), 3, padding="same")(x)
x = DepthToSpace(upscale_factor)(x)
x = ops.space_to_depth(x, 3)
outputs = ops.depth_to_space(x, block_size=3)
model = keras.Model(inputs, outputs)
