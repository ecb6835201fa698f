"""keras/src/applications/imagenet_utils.py, the parts that decide a model's shape, and
the argument checks every application repeats."""

from __future__ import annotations

from convcalc.applications.tracer import error, layers
from convcalc.errors import shown
from convcalc.layers import arguments

POOLINGS = (None, "avg", "max")


def check_arguments(include_top, weights, input_tensor, pooling, classes):
    """What every application checks first (VGG16's opening lines), and the arguments a
    spec cannot give. convcalc never loads weights: `weights` only decides, as in Keras,
    which arguments are allowed (and EfficientNet's preprocessing)."""
    arguments.boolean(include_top, "include_top")
    if weights not in ("imagenet", None):
        raise error(
            f"'weights' must be imagenet or null; got {shown(weights)}",
            hint="convcalc never loads weights: a weights file gives the same figures as null",
        )
    if input_tensor is not None:
        raise error("'input_tensor' cannot be given in a spec", hint="give `input_shape`, or apply the layer with `inputs:`")
    if pooling not in POOLINGS:  # Keras silently adds no pooling for any other value
        raise error(f"'pooling' must be avg, max or null; got {shown(pooling)}")
    if include_top and not (arguments.is_int(classes) and classes > 0):  # else Keras ignores it
        raise error(f"'classes' must be a positive integer; got {shown(classes)}")
    if weights == "imagenet" and include_top and classes != 1000:
        raise error(
            "If using `weights='imagenet'` with `include_top=True`, "
            f"`classes` should be 1000.  Received classes={classes}",
            hint="give `weights: null` to train a head of another size",
        )


def obtain_input_shape(input_shape, default_size, min_size, data_format, require_flatten, weights=None):
    """Keras's obtain_input_shape (channels last): the model's input shape, or its error."""
    if input_shape is not None:
        input_shape = tuple(arguments.shape(input_shape, "'input_shape'"))
    if weights != "imagenet" and input_shape and len(input_shape) == 3:
        default_shape = (default_size, default_size, input_shape[-1])
    else:
        default_shape = (default_size, default_size, 3)
    if weights == "imagenet" and require_flatten:
        if input_shape is not None and input_shape != default_shape:
            raise error(
                "When setting `include_top=True` and loading `imagenet` weights, "
                f"`input_shape` should be {default_shape}.  Received: input_shape={input_shape}",
                hint="give `weights: null` for another input shape, or `include_top: false`",
            )
        return default_shape
    if input_shape:
        if len(input_shape) != 3:
            raise error("`input_shape` must be a tuple of three integers.", hint="for example: input_shape: [150, 150, 3]")
        if input_shape[-1] != 3 and weights == "imagenet":
            raise error(
                f"The input must have 3 channels; Received `input_shape={input_shape}`",
                hint="give `weights: null` for another number of channels",
            )
        if any(size is not None and size < min_size for size in input_shape[:2]):
            raise error(f"Input size must be at least {min_size}x{min_size}; Received: input_shape={input_shape}")
    elif require_flatten:
        input_shape = default_shape
    else:
        input_shape = (None, None, 3)
    if require_flatten and None in input_shape:
        raise error(
            "If `include_top` is True, you should specify a static `input_shape`. "
            f"Received: input_shape={input_shape}"
        )
    return input_shape


def correct_pad(inputs, kernel_size):
    """The zero padding before a strided convolution that keeps Keras's pretrained alignment."""
    input_size = inputs.shape[1:3]
    if isinstance(kernel_size, int):
        kernel_size = (kernel_size, kernel_size)
    if input_size[0] is None:
        adjust = (1, 1)
    elif input_size[1] is None:  # Keras fails on it (None % 2): only a free height is allowed
        raise error(
            f"the input's width must be known when its height is ({input_size[0]}): Keras's "
            f"correct_pad computes the padding of a strided convolution from both; got {inputs.shape}",
            hint="give both sides, or leave both free (null)",
        )
    else:
        adjust = (1 - input_size[0] % 2, 1 - input_size[1] % 2)
    correct = (kernel_size[0] // 2, kernel_size[1] // 2)
    return ((correct[0] - adjust[0], correct[0]), (correct[1] - adjust[1], correct[1]))


def validate_activation(classifier_activation, weights):
    """Pretrained weights allow only softmax or no activation on the classifier."""
    if weights is not None and classifier_activation not in ("softmax", None, "linear"):
        raise error(
            "Only `None` and `softmax` activations are allowed for the `classifier_activation` "
            "argument when using pretrained weights, with `include_top=True`; Received: "
            f"classifier_activation={classifier_activation}",
            hint="give `weights: null` for another activation",
        )


def pool(x, pooling, avg_name=None, max_name=None):
    """The headless model's optional pooling, as every application ends (`include_top=False`)."""
    if pooling == "avg":
        return layers.GlobalAveragePooling2D(name=avg_name)(x)
    if pooling == "max":
        return layers.GlobalMaxPooling2D(name=max_name)(x)
    return x


def image_input(include_top, weights, input_tensor, input_shape, pooling, classes, default_size, min_size):
    """How most applications open: the common checks, then the Input of the shape
    obtain_input_shape gives (channels last)."""
    check_arguments(include_top, weights, input_tensor, pooling, classes)
    input_shape = obtain_input_shape(
        input_shape, default_size=default_size, min_size=min_size, data_format="channels_last",
        require_flatten=include_top, weights=weights,
    )
    return layers.Input(shape=input_shape)


def classifier(x, include_top, weights, pooling, classes, classifier_activation, avg_name=None, max_name=None,
               top_pool_name="avg_pool"):
    """How most applications close: with the top, a global average pooling "avg_pool" (or
    top_pool_name: None for an auto-named one) and the "predictions" Dense; without it, the
    optional pooling (named as `pool` names it)."""
    if include_top:
        x = layers.GlobalAveragePooling2D(name=top_pool_name)(x)
        validate_activation(classifier_activation, weights)
        return layers.Dense(classes, activation=classifier_activation, name="predictions")(x)
    return pool(x, pooling, avg_name=avg_name, max_name=max_name)


def variant(class_name, default_name, build, *fixed):
    """One of a family's applications with keras.applications' usual signature (VGG16's):
    build(*fixed, include_top, ..., name), `fixed` being what sets it apart (ResNet50's
    blocks per stage, ...), where Keras writes each variant out in full."""

    def application(include_top=True, weights="imagenet", input_tensor=None, input_shape=None, pooling=None,
                    classes=1000, classifier_activation="softmax", name=default_name):
        return build(*fixed, include_top, weights, input_tensor, input_shape, pooling, classes,
                     classifier_activation, name)

    application.__name__ = application.__qualname__ = class_name
    application.__module__ = build.__module__  # the family's, where Keras defines it
    return application
