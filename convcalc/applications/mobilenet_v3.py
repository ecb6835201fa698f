"""keras/src/applications/mobilenet_v3.py: MobileNetV3Small and MobileNetV3Large, one
builder with their stacks of inverted residual blocks as data."""

from __future__ import annotations

from convcalc.applications import imagenet_utils
from convcalc.applications.mobilenet import check_alpha
from convcalc.applications.mobilenet_v2 import make_divisible as _depth
from convcalc.applications.tracer import Functional, error, layers
from convcalc.errors import shown
from convcalc.layers import arguments

__all__ = ("MobileNetV3Small", "MobileNetV3Large")

# Each stack's blocks: (expansion, filters before alpha, kernel size, stride, squeeze and
# excitation, activation); a kernel size of None is the model's (5, or 3 if minimalistic),
# an activation of None the model's (hard swish, or relu if minimalistic); squeeze and
# excitation, when True, at the model's ratio (none if minimalistic).
SMALL = (
    (1, 16, 3, 2, True, "relu"), (72.0 / 16, 24, 3, 2, False, "relu"), (88.0 / 24, 24, 3, 1, False, "relu"),
    (4, 40, None, 2, True, None), (6, 40, None, 1, True, None), (6, 40, None, 1, True, None),
    (3, 48, None, 1, True, None), (3, 48, None, 1, True, None), (6, 96, None, 2, True, None),
    (6, 96, None, 1, True, None), (6, 96, None, 1, True, None),
)
LARGE = (
    (1, 16, 3, 1, False, "relu"), (4, 24, 3, 2, False, "relu"), (3, 24, 3, 1, False, "relu"),
    (3, 40, None, 2, True, "relu"), (3, 40, None, 1, True, "relu"), (3, 40, None, 1, True, "relu"),
    (6, 80, 3, 2, False, None), (2.5, 80, 3, 1, False, None), (2.3, 80, 3, 1, False, None),
    (2.3, 80, 3, 1, False, None), (6, 112, 3, 1, True, None), (6, 112, 3, 1, True, None),
    (6, 160, None, 2, True, None), (6, 160, None, 1, True, None), (6, 160, None, 1, True, None),
)


def MobileNetV3(stack, last_point_ch, input_shape=None, alpha=1.0, model_type="large", minimalistic=False,
                include_top=True, weights="imagenet", input_tensor=None, classes=1000, pooling=None,
                dropout_rate=0.2, classifier_activation="softmax", include_preprocessing=True, name=None):
    imagenet_utils.check_arguments(include_top, weights, input_tensor, pooling, classes)
    check_alpha(alpha)
    minimalistic = arguments.boolean(minimalistic, "minimalistic")
    include_preprocessing = arguments.boolean(include_preprocessing, "include_preprocessing")
    if input_shape is None:
        input_shape = (None, None, 3)
    input_shape = arguments.shape(input_shape, "'input_shape'")
    if len(input_shape) != 3:  # Keras indexes it, and its convolutions want images
        raise error(f"`input_shape` must be a tuple of three integers; got {shown(input_shape)}",
                    hint="for example: input_shape: [224, 224, 3]")
    rows, cols = input_shape[0], input_shape[1]
    if rows and cols and (rows < 32 or cols < 32):
        raise error(f"Input size must be at least 32x32; Received `input_shape={input_shape}`")
    if weights == "imagenet" and ((not minimalistic and alpha not in (0.75, 1.0)) or (minimalistic and alpha != 1.0)):
        raise error(
            "If imagenet weights are being loaded, alpha can be one of `0.75`, `1.0` for non minimalistic "
            "or `1.0` for minimalistic only.",
            hint="give `weights: null` for another alpha",
        )
    img_input = layers.Input(shape=input_shape)

    if minimalistic:
        kernel, activation, se_ratio = 3, relu, None
    else:
        kernel, activation, se_ratio = 5, hard_swish, 0.25

    x = img_input
    if include_preprocessing:
        x = layers.Rescaling(scale=1.0 / 127.5, offset=-1.0)(x)
    x = layers.Conv2D(16, kernel_size=3, strides=(2, 2), padding="same", use_bias=False, name="conv")(x)
    x = layers.BatchNormalization(axis=-1, epsilon=1e-3, momentum=0.999, name="conv_bn")(x)
    x = activation(x)

    for block_id, (expansion, filters, kernel_size, stride, squeeze, block_activation) in enumerate(stack):
        x = _inverted_res_block(
            x, expansion, _depth(filters * alpha), kernel_size or kernel, stride, se_ratio if squeeze else None,
            relu if block_activation == "relu" else activation, block_id,
        )

    last_conv_ch = _depth(x.shape[-1] * 6)
    if alpha > 1.0:
        last_point_ch = _depth(last_point_ch * alpha)
    x = layers.Conv2D(last_conv_ch, kernel_size=1, padding="same", use_bias=False, name="conv_1")(x)
    x = layers.BatchNormalization(axis=-1, epsilon=1e-3, momentum=0.999, name="conv_1_bn")(x)
    x = activation(x)
    if include_top:
        x = layers.GlobalAveragePooling2D(keepdims=True)(x)
        x = layers.Conv2D(last_point_ch, kernel_size=1, padding="same", use_bias=True, name="conv_2")(x)
        x = activation(x)
        if not arguments.is_number(dropout_rate):
            raise error(f"'dropout_rate' must be a number; got {shown(dropout_rate)}")
        if dropout_rate > 0:
            x = layers.Dropout(dropout_rate)(x)
        x = layers.Conv2D(classes, kernel_size=1, padding="same", name="logits")(x)
        x = layers.Flatten()(x)
        imagenet_utils.validate_activation(classifier_activation, weights)
        x = layers.Activation(activation=classifier_activation, name="predictions")(x)
    else:
        x = imagenet_utils.pool(x, pooling, avg_name="avg_pool", max_name="max_pool")
    return Functional(img_input, x, name=name)


def _variant(class_name, stack, last_point_ch, model_type):
    """MobileNetV3Small or MobileNetV3Large: the builder with its stack."""

    def application(input_shape=None, alpha=1.0, minimalistic=False, include_top=True, weights="imagenet",
                    input_tensor=None, classes=1000, pooling=None, dropout_rate=0.2,
                    classifier_activation="softmax", include_preprocessing=True, name=class_name):
        return MobileNetV3(
            stack, last_point_ch, input_shape, alpha, model_type, minimalistic, include_top, weights, input_tensor,
            classes, pooling, dropout_rate, classifier_activation, include_preprocessing, name=name,
        )

    application.__name__ = application.__qualname__ = class_name
    return application


MobileNetV3Small = _variant("MobileNetV3Small", SMALL, 1024, "small")
MobileNetV3Large = _variant("MobileNetV3Large", LARGE, 1280, "large")


def relu(x):
    return layers.ReLU()(x)


def hard_sigmoid(x):
    return layers.ReLU(6.0)(x + 3.0) * (1.0 / 6.0)


def hard_swish(x):
    return layers.Activation("hard_swish")(x)


def _se_block(inputs, filters, se_ratio, prefix):
    x = layers.GlobalAveragePooling2D(keepdims=True, name=f"{prefix}squeeze_excite_avg_pool")(inputs)
    x = layers.Conv2D(_depth(filters * se_ratio), kernel_size=1, padding="same", name=f"{prefix}squeeze_excite_conv")(x)
    x = layers.ReLU(name=f"{prefix}squeeze_excite_relu")(x)
    x = layers.Conv2D(filters, kernel_size=1, padding="same", name=f"{prefix}squeeze_excite_conv_1")(x)
    x = hard_sigmoid(x)
    return layers.Multiply(name=f"{prefix}squeeze_excite_mul")([inputs, x])


def _inverted_res_block(x, expansion, filters, kernel_size, stride, se_ratio, activation, block_id):
    shortcut = x
    prefix = "expanded_conv_"
    infilters = x.shape[-1]
    if block_id:
        prefix = f"expanded_conv_{block_id}_"
        x = layers.Conv2D(_depth(infilters * expansion), kernel_size=1, padding="same", use_bias=False, name=f"{prefix}expand")(x)
        x = layers.BatchNormalization(axis=-1, epsilon=1e-3, momentum=0.999, name=f"{prefix}expand_bn")(x)
        x = activation(x)
    if stride == 2:
        x = layers.ZeroPadding2D(padding=imagenet_utils.correct_pad(x, kernel_size), name=f"{prefix}depthwise_pad")(x)
    x = layers.DepthwiseConv2D(
        kernel_size, strides=stride, padding="same" if stride == 1 else "valid", use_bias=False, name=f"{prefix}depthwise",
    )(x)
    x = layers.BatchNormalization(axis=-1, epsilon=1e-3, momentum=0.999, name=f"{prefix}depthwise_bn")(x)
    x = activation(x)
    if se_ratio:
        x = _se_block(x, _depth(infilters * expansion), se_ratio, prefix)
    x = layers.Conv2D(filters, kernel_size=1, padding="same", use_bias=False, name=f"{prefix}project")(x)
    x = layers.BatchNormalization(axis=-1, epsilon=1e-3, momentum=0.999, name=f"{prefix}project_bn")(x)
    if stride == 1 and infilters == filters:
        x = layers.Add(name=f"{prefix}add")([shortcut, x])
    return x
