"""keras/src/applications/xception.py: the entry, middle and exit flows, their repeated
blocks written once."""

from __future__ import annotations

from convcalc.applications import imagenet_utils
from convcalc.applications.tracer import Functional, layers

__all__ = ("Xception",)

CHANNEL_AXIS = -1  # channels last


def sepconv_bn(x, filters, prefix, index):
    x = layers.SeparableConv2D(filters, (3, 3), padding="same", use_bias=False, name=f"{prefix}_sepconv{index}")(x)
    return layers.BatchNormalization(axis=CHANNEL_AXIS, name=f"{prefix}_sepconv{index}_bn")(x)


def strided_block(x, filters1, filters2, block, activate_first=True):
    """Blocks 2, 3, 4 and 13: two separable convolutions and a pooling, added to a strided
    1x1 convolution of the input (block 2 starts with no activation of its own)."""
    residual = layers.Conv2D(filters2, (1, 1), strides=(2, 2), padding="same", use_bias=False)(x)
    residual = layers.BatchNormalization(axis=CHANNEL_AXIS)(residual)

    prefix = f"block{block}"
    if activate_first:
        x = layers.Activation("relu", name=f"{prefix}_sepconv1_act")(x)
    x = sepconv_bn(x, filters1, prefix, 1)
    x = layers.Activation("relu", name=f"{prefix}_sepconv2_act")(x)
    x = sepconv_bn(x, filters2, prefix, 2)

    x = layers.MaxPooling2D((3, 3), strides=(2, 2), padding="same", name=f"{prefix}_pool")(x)
    return layers.add([x, residual])


def Xception(include_top=True, weights="imagenet", input_tensor=None, input_shape=None, pooling=None,
             classes=1000, classifier_activation="softmax", name="xception"):
    img_input = imagenet_utils.image_input(include_top, weights, input_tensor, input_shape, pooling, classes,
                                           default_size=299, min_size=71)

    x = layers.Conv2D(32, (3, 3), strides=(2, 2), use_bias=False, name="block1_conv1")(img_input)
    x = layers.BatchNormalization(axis=CHANNEL_AXIS, name="block1_conv1_bn")(x)
    x = layers.Activation("relu", name="block1_conv1_act")(x)
    x = layers.Conv2D(64, (3, 3), use_bias=False, name="block1_conv2")(x)
    x = layers.BatchNormalization(axis=CHANNEL_AXIS, name="block1_conv2_bn")(x)
    x = layers.Activation("relu", name="block1_conv2_act")(x)

    x = strided_block(x, 128, 128, 2, activate_first=False)
    x = strided_block(x, 256, 256, 3)
    x = strided_block(x, 728, 728, 4)

    for i in range(8):
        residual = x
        prefix = f"block{i + 5}"
        for index in (1, 2, 3):
            x = layers.Activation("relu", name=f"{prefix}_sepconv{index}_act")(x)
            x = sepconv_bn(x, 728, prefix, index)
        x = layers.add([x, residual])

    x = strided_block(x, 728, 1024, 13)

    for index, filters in ((1, 1536), (2, 2048)):
        x = sepconv_bn(x, filters, "block14", index)
        x = layers.Activation("relu", name=f"block14_sepconv{index}_act")(x)

    x = imagenet_utils.classifier(x, include_top, weights, pooling, classes, classifier_activation)
    return Functional(img_input, x, name=name)
