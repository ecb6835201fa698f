"""keras/src/applications/efficientnet_v2.py: one builder, the variants' coefficients and
block tables apart (B0 to B3 share one table, scaled by their coefficients)."""

from __future__ import annotations

import math

from convcalc.applications import imagenet_utils
from convcalc.applications.tracer import Functional, error, layers
from convcalc.errors import shown
from convcalc.layers import arguments

__all__ = (
    "EfficientNetV2B0", "EfficientNetV2B1", "EfficientNetV2B2", "EfficientNetV2B3",
    "EfficientNetV2S", "EfficientNetV2M", "EfficientNetV2L",
)

BLOCK_FIELDS = ("kernel_size", "num_repeat", "input_filters", "output_filters", "expand_ratio", "se_ratio",
                "strides", "conv_type")
# Keras's DEFAULT_BLOCKS_ARGS, one row per stage in BLOCK_FIELDS order (conv_type 1: fused).
_B_BLOCKS = (
    (3, 1, 32, 16, 1, 0, 1, 1),
    (3, 2, 16, 32, 4, 0, 2, 1),
    (3, 2, 32, 48, 4, 0, 2, 1),
    (3, 3, 48, 96, 4, 0.25, 2, 0),
    (3, 5, 96, 112, 6, 0.25, 1, 0),
    (3, 8, 112, 192, 6, 0.25, 2, 0),
)
DEFAULT_BLOCKS_ARGS = {
    "efficientnetv2-s": (
        (3, 2, 24, 24, 1, 0.0, 1, 1),
        (3, 4, 24, 48, 4, 0.0, 2, 1),
        (3, 4, 48, 64, 4, 0, 2, 1),
        (3, 6, 64, 128, 4, 0.25, 2, 0),
        (3, 9, 128, 160, 6, 0.25, 1, 0),
        (3, 15, 160, 256, 6, 0.25, 2, 0),
    ),
    "efficientnetv2-m": (
        (3, 3, 24, 24, 1, 0, 1, 1),
        (3, 5, 24, 48, 4, 0, 2, 1),
        (3, 5, 48, 80, 4, 0, 2, 1),
        (3, 7, 80, 160, 4, 0.25, 2, 0),
        (3, 14, 160, 176, 6, 0.25, 1, 0),
        (3, 18, 176, 304, 6, 0.25, 2, 0),
        (3, 5, 304, 512, 6, 0.25, 1, 0),
    ),
    "efficientnetv2-l": (
        (3, 4, 32, 32, 1, 0, 1, 1),
        (3, 7, 32, 64, 4, 0, 2, 1),
        (3, 7, 64, 96, 4, 0, 2, 1),
        (3, 10, 96, 192, 4, 0.25, 2, 0),
        (3, 19, 192, 224, 6, 0.25, 1, 0),
        (3, 25, 224, 384, 6, 0.25, 2, 0),
        (3, 7, 384, 640, 6, 0.25, 1, 0),
    ),
    **{f"efficientnetv2-b{i}": _B_BLOCKS for i in range(4)},
}

CONV_KERNEL_INITIALIZER = {
    "class_name": "VarianceScaling",
    "config": {"scale": 2.0, "mode": "fan_out", "distribution": "truncated_normal"},
}
DENSE_KERNEL_INITIALIZER = {
    "class_name": "VarianceScaling",
    "config": {"scale": 1.0 / 3.0, "mode": "fan_out", "distribution": "uniform"},
}
ZERO_BIAS_INITIALIZER = {"class_name": "Constant", "config": {"value": 0.0}}  # initializers.Constant(0.0)
BN_AXIS = 3  # channels last


def round_filters(filters, width_coefficient, min_depth, depth_divisor):
    """Round number of filters based on depth multiplier."""
    filters *= width_coefficient
    minimum_depth = min_depth or depth_divisor
    new_filters = max(minimum_depth, int(filters + depth_divisor / 2) // depth_divisor * depth_divisor)
    return int(new_filters)


def round_repeats(repeats, depth_coefficient):
    """Round number of repeats based on depth multiplier."""
    return int(math.ceil(depth_coefficient * repeats))


def _conv(filters, kernel_size, strides, name, **kwargs):
    """The blocks' bias-free "same" convolution."""
    return layers.Conv2D(filters=filters, kernel_size=kernel_size, strides=strides,
                         kernel_initializer=CONV_KERNEL_INITIALIZER, padding="same", use_bias=False, name=name, **kwargs)


def _bn_activation(x, bn_momentum, activation, bn_name, activation_name=None):
    x = layers.BatchNormalization(axis=BN_AXIS, momentum=bn_momentum, name=bn_name)(x)
    return x if activation_name is None else layers.Activation(activation, name=activation_name)(x)


def _squeeze_excite(x, name, input_filters, filters, se_ratio, activation):
    if not 0 < se_ratio <= 1:
        return x
    filters_se = max(1, int(input_filters * se_ratio))
    se = layers.GlobalAveragePooling2D(name=f"{name}se_squeeze")(x)
    se = layers.Reshape((1, 1, filters), name=f"{name}se_reshape")(se)
    for units, se_activation, part in ((filters_se, activation, "reduce"), (filters, "sigmoid", "expand")):
        se = layers.Conv2D(units, 1, padding="same", activation=se_activation,
                           kernel_initializer=CONV_KERNEL_INITIALIZER, name=f"{name}se_{part}")(se)
    return layers.multiply([x, se], name=f"{name}se_excite")


def _residual(x, inputs, name, strides, input_filters, output_filters, survival_probability):
    if strides == 1 and input_filters == output_filters:
        if survival_probability:
            x = layers.Dropout(survival_probability, noise_shape=(None, 1, 1, 1), name=f"{name}drop")(x)
        x = layers.add([x, inputs], name=f"{name}add")
    return x


def MBConvBlock(input_filters, output_filters, expand_ratio=1, kernel_size=3, strides=1, se_ratio=0.0,
                bn_momentum=0.9, activation="swish", survival_probability=0.8, name=None):
    """MBConv block: Mobile Inverted Residual Bottleneck."""

    def apply(inputs):
        filters = input_filters * expand_ratio
        x = inputs
        if expand_ratio != 1:
            x = _conv(filters, 1, 1, f"{name}expand_conv", data_format="channels_last")(x)
            x = _bn_activation(x, bn_momentum, activation, f"{name}expand_bn", f"{name}expand_activation")
        x = layers.DepthwiseConv2D(kernel_size=kernel_size, strides=strides, depthwise_initializer=CONV_KERNEL_INITIALIZER,
                                   padding="same", data_format="channels_last", use_bias=False, name=f"{name}dwconv2")(x)
        x = _bn_activation(x, bn_momentum, activation, f"{name}bn", f"{name}activation")
        x = _squeeze_excite(x, name, input_filters, filters, se_ratio, activation)
        x = _conv(output_filters, 1, 1, f"{name}project_conv", data_format="channels_last")(x)
        x = _bn_activation(x, bn_momentum, activation, f"{name}project_bn")
        return _residual(x, inputs, name, strides, input_filters, output_filters, survival_probability)

    return apply


def FusedMBConvBlock(input_filters, output_filters, expand_ratio=1, kernel_size=3, strides=1, se_ratio=0.0,
                     bn_momentum=0.9, activation="swish", survival_probability=0.8, name=None):
    """Fuses the proj conv1x1 and depthwise_conv into a conv2d."""

    def apply(inputs):
        filters = input_filters * expand_ratio
        x = inputs
        if expand_ratio != 1:
            x = _conv(filters, kernel_size, strides, f"{name}expand_conv", data_format="channels_last")(x)
            x = _bn_activation(x, bn_momentum, activation, f"{name}expand_bn", f"{name}expand_activation")
        x = _squeeze_excite(x, name, input_filters, filters, se_ratio, activation)
        fused = expand_ratio == 1  # the projection is the block's only convolution
        x = _conv(output_filters, kernel_size if fused else 1, strides if fused else 1, f"{name}project_conv")(x)
        x = _bn_activation(x, bn_momentum, activation, f"{name}project_bn", f"{name}project_activation" if fused else None)
        return _residual(x, inputs, name, strides, input_filters, output_filters, survival_probability)

    return apply


def EfficientNetV2(width_coefficient, depth_coefficient, default_size, dropout_rate=0.2, drop_connect_rate=0.2,
                   depth_divisor=8, min_depth=8, bn_momentum=0.9, activation="swish", blocks_args="default",
                   name="efficientnetv2", include_top=True, weights="imagenet", input_tensor=None, input_shape=None,
                   pooling=None, classes=1000, classifier_activation="softmax", include_preprocessing=True):
    if blocks_args == "default":
        if name not in DEFAULT_BLOCKS_ARGS:  # Keras: KeyError, the model's name picks its block table
            raise error(
                f"EfficientNetV2 finds its blocks by the model's name, which must be one of "
                f"{', '.join(DEFAULT_BLOCKS_ARGS)}; got {shown(name)}",
                hint="leave out `name` (Keras looks the blocks up under it)",
            )
        blocks_args = DEFAULT_BLOCKS_ARGS[name]
    img_input = imagenet_utils.image_input(include_top, weights, input_tensor, input_shape, pooling, classes,
                                           default_size=default_size, min_size=32)
    x = img_input

    if arguments.boolean(include_preprocessing, "include_preprocessing"):
        # Apply original V1 preprocessing for Bx variants if number of channels allows it
        num_channels = img_input.shape[BN_AXIS]
        if name.split("-")[-1].startswith("b") and num_channels == 3:
            x = layers.Rescaling(scale=1.0 / 255)(x)
            mean = [0.485, 0.456, 0.406]
            variance = [0.229**2, 0.224**2, 0.225**2]
            x = layers.Normalization(mean=mean, variance=variance, axis=BN_AXIS)(x)
        else:
            x = layers.Rescaling(scale=1.0 / 128.0, offset=-1)(x)

    def rounded(filters):
        return round_filters(filters=filters, width_coefficient=width_coefficient, min_depth=min_depth,
                             depth_divisor=depth_divisor)

    # Build stem
    x = _conv(rounded(blocks_args[0][BLOCK_FIELDS.index("input_filters")]), 3, 2, "stem_conv")(x)
    x = _bn_activation(x, bn_momentum, activation, "stem_bn", "stem_activation")

    # Build blocks
    blocks_args = [dict(zip(BLOCK_FIELDS, row)) for row in blocks_args]
    b = 0
    blocks = float(sum(args["num_repeat"] for args in blocks_args))
    for i, args in enumerate(blocks_args):
        args["input_filters"] = rounded(args["input_filters"])
        args["output_filters"] = rounded(args["output_filters"])
        block = {0: MBConvBlock, 1: FusedMBConvBlock}[args.pop("conv_type")]
        repeats = round_repeats(repeats=args.pop("num_repeat"), depth_coefficient=depth_coefficient)
        for j in range(repeats):
            # The first block needs to take care of stride and filter size increase.
            if j > 0:
                args["strides"] = 1
                args["input_filters"] = args["output_filters"]
            x = block(activation=activation, bn_momentum=bn_momentum,
                      survival_probability=drop_connect_rate * b / blocks, name=f"block{i + 1}{chr(j + 97)}_",
                      **args)(x)
            b += 1

    # Build top
    x = _conv(rounded(1280), 1, 1, "top_conv", data_format="channels_last")(x)
    x = _bn_activation(x, bn_momentum, activation, "top_bn", "top_activation")

    if include_top:
        x = layers.GlobalAveragePooling2D(name="avg_pool")(x)
        if dropout_rate > 0:
            x = layers.Dropout(dropout_rate, name="top_dropout")(x)
        imagenet_utils.validate_activation(classifier_activation, weights)
        x = layers.Dense(classes, activation=classifier_activation, kernel_initializer=DENSE_KERNEL_INITIALIZER,
                         bias_initializer=ZERO_BIAS_INITIALIZER, name="predictions")(x)
    else:
        x = imagenet_utils.pool(x, pooling, avg_name="avg_pool", max_name="max_pool")
    return Functional(img_input, x, name=name)


def _variant(variant, width_coefficient, depth_coefficient, default_size):
    """One of Keras's EfficientNetV2<variant> functions: the builder with its coefficients."""

    def application(include_top=True, weights="imagenet", input_tensor=None, input_shape=None, pooling=None,
                    classes=1000, classifier_activation="softmax", include_preprocessing=True,
                    name=f"efficientnetv2-{variant.lower()}"):
        return EfficientNetV2(
            width_coefficient=width_coefficient, depth_coefficient=depth_coefficient, default_size=default_size,
            name=name, include_top=include_top, weights=weights, input_tensor=input_tensor,
            input_shape=input_shape, pooling=pooling, classes=classes,
            classifier_activation=classifier_activation, include_preprocessing=include_preprocessing,
        )

    application.__name__ = application.__qualname__ = f"EfficientNetV2{variant}"
    return application


EfficientNetV2B0 = _variant("B0", 1.0, 1.0, 224)
EfficientNetV2B1 = _variant("B1", 1.0, 1.1, 240)
EfficientNetV2B2 = _variant("B2", 1.1, 1.2, 260)
EfficientNetV2B3 = _variant("B3", 1.2, 1.4, 300)
EfficientNetV2S = _variant("S", 1.0, 1.0, 384)
EfficientNetV2M = _variant("M", 1.0, 1.0, 480)
EfficientNetV2L = _variant("L", 1.0, 1.0, 480)
