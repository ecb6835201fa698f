# Layer factories: a partial of a partial, positional arguments in the partial, a partial of a function that builds a block
from functools import partial

import keras
from keras import layers

Conv = partial(layers.Conv2D, padding="same", use_bias=False)
Conv3x3 = partial(Conv, kernel_size=3)
Conv1x1 = partial(layers.Conv2D, 24, 1, name="bottleneck")  # filters and kernel_size given positionally


def conv_block(x, filters, activation="relu", conv=Conv3x3):
    x = conv(filters=filters)(x)
    x = layers.BatchNormalization()(x)
    return layers.Activation(activation)(x)


relu_block = partial(conv_block, activation="relu")
inputs = keras.Input(shape=(32, 32, 3))
x = relu_block(inputs, 16)
x = relu_block(x, 32, conv=partial(Conv3x3, strides=2))
x = Conv1x1()(x)
x = partial(conv_block, activation="swish")(x, filters=64)
x = layers.GlobalAveragePooling2D()(x)
outputs = partial(layers.Dense, activation="softmax")(10)(x)
model = keras.Model(inputs, outputs, name="partial_chains")
