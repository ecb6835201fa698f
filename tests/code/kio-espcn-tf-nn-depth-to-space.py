# Pattern: the 2020 ESPCN: tf.nn.depth_to_space applied straight to a functional tensor (tf.keras 2 accepted it; Keras 3 refuses a tf op on a KerasTensor)
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

upscale_factor = 3
channels = 1
conv_args = {"activation": "relu", "kernel_initializer": "Orthogonal", "padding": "same"}
inputs = keras.Input(shape=(None, None, channels))
x = layers.Conv2D(64, 5, **conv_args)(inputs)
x = layers.Conv2D(32, 3, **conv_args)(x)
x = layers.Conv2D(channels * (upscale_factor ** 2), 3, **conv_args)(x)
outputs = tf.nn.depth_to_space(x, upscale_factor)
model = keras.Model(inputs, outputs)
model.summary()
