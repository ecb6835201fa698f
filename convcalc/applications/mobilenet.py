"""keras/src/applications/mobilenet.py: MobileNet, its width (alpha) and depth multiplier."""

from __future__ import annotations

from convcalc.applications import imagenet_utils
from convcalc.applications.tracer import Functional, error, layers
from convcalc.errors import shown
from convcalc.layers import arguments

__all__ = ("MobileNet",)


def check_alpha(alpha, name="alpha"):
    """A width multiplier: Keras multiplies filter counts by it (a string would repeat)."""
    if not arguments.is_number(alpha):
        raise error(f"'{name}' must be a number; got {shown(alpha)}", hint="for example: alpha: 0.75")
    return alpha


def square_default_size(input_shape, sizes):
    """MobileNet's and MobileNetV2's default size: the input's side when it is square and
    one of the sizes pretrained weights exist for, else 224 (read before the shape is checked)."""
    if input_shape is None:
        return 224
    if not isinstance(input_shape, (list, tuple)) or len(input_shape) < 2:  # Keras indexes it
        arguments.shape(input_shape, "'input_shape'")
        raise error(f"`input_shape` must be a tuple of three integers; got {shown(input_shape)}")
    rows, cols = input_shape[0], input_shape[1]
    return rows if rows == cols and rows in sizes else 224


def pretrained_rows(input_shape, sizes, weights, alpha, alphas, message):
    """The input's rows as the model's name gives them: with imagenet weights (only for the
    alphas they exist for) the size of the weights Keras loads, 224 unless the input is square
    and one of the sizes."""
    rows, cols = input_shape[0], input_shape[1]
    if weights != "imagenet":
        return rows
    if alpha not in alphas:
        raise error(message, hint="give `weights: null` for another alpha")
    return rows if rows == cols and rows in sizes else 224


def MobileNet(input_shape=None, alpha=1.0, depth_multiplier=1, dropout=1e-3, include_top=True,
              weights="imagenet", input_tensor=None, pooling=None, classes=1000,
              classifier_activation="softmax", name=None):
    imagenet_utils.check_arguments(include_top, weights, input_tensor, pooling, classes)
    check_alpha(alpha)
    sizes = (128, 160, 192, 224)
    input_shape = imagenet_utils.obtain_input_shape(
        input_shape, default_size=square_default_size(input_shape, sizes), min_size=32,
        data_format="channels_last", require_flatten=include_top, weights=weights,
    )
    if weights == "imagenet" and depth_multiplier != 1:
        raise error(
            f"If imagenet weights are being loaded, depth multiplier must be 1.  Received depth_multiplier={depth_multiplier}",
            hint="give `weights: null` for another depth multiplier",
        )
    rows = pretrained_rows(
        input_shape, sizes, weights, alpha, (0.25, 0.50, 0.75, 1.0),
        "If imagenet weights are being loaded, alpha can be one of`0.25`, `0.50`, `0.75` "
        f"or `1.0` only.  Received alpha={alpha}",
    )
    img_input = layers.Input(shape=input_shape)

    x = _conv_block(img_input, 32, alpha, strides=(2, 2))
    for block_id, (filters, strides) in enumerate(
        ((64, 1), (128, 2), (128, 1), (256, 2), (256, 1), (512, 2), (512, 1), (512, 1), (512, 1),
         (512, 1), (512, 1), (1024, 2), (1024, 1)), start=1,
    ):
        x = _depthwise_conv_block(x, filters, alpha, depth_multiplier, strides=(strides, strides), block_id=block_id)

    if include_top:
        x = layers.GlobalAveragePooling2D(keepdims=True)(x)
        x = layers.Dropout(dropout, name="dropout")(x)
        x = layers.Conv2D(classes, (1, 1), padding="same", name="conv_preds")(x)
        x = layers.Reshape((classes,), name="reshape_2")(x)
        imagenet_utils.validate_activation(classifier_activation, weights)
        x = layers.Activation(activation=classifier_activation, name="predictions")(x)
    else:
        x = imagenet_utils.pool(x, pooling)
    if name is None:
        name = f"mobilenet_{alpha:0.2f}_{rows}"
    return Functional(img_input, x, name=name)


def _conv_block(inputs, filters, alpha, kernel=(3, 3), strides=(1, 1)):
    x = layers.Conv2D(int(filters * alpha), kernel, padding="same", use_bias=False, strides=strides, name="conv1")(inputs)
    x = layers.BatchNormalization(axis=-1, name="conv1_bn")(x)
    return layers.ReLU(6.0, name="conv1_relu")(x)


def _depthwise_conv_block(inputs, pointwise_conv_filters, alpha, depth_multiplier=1, strides=(1, 1), block_id=1):
    pointwise_conv_filters = int(pointwise_conv_filters * alpha)
    if strides == (1, 1):
        x = inputs
    else:
        x = layers.ZeroPadding2D(((0, 1), (0, 1)), name=f"conv_pad_{block_id}")(inputs)
    x = layers.DepthwiseConv2D(
        (3, 3), padding="same" if strides == (1, 1) else "valid", depth_multiplier=depth_multiplier,
        strides=strides, use_bias=False, name=f"conv_dw_{block_id}",
    )(x)
    x = layers.BatchNormalization(axis=-1, name=f"conv_dw_{block_id}_bn")(x)
    x = layers.ReLU(6.0, name=f"conv_dw_{block_id}_relu")(x)
    x = layers.Conv2D(
        pointwise_conv_filters, (1, 1), padding="same", use_bias=False, strides=(1, 1), name=f"conv_pw_{block_id}",
    )(x)
    x = layers.BatchNormalization(axis=-1, name=f"conv_pw_{block_id}_bn")(x)
    return layers.ReLU(6.0, name=f"conv_pw_{block_id}_relu")(x)
