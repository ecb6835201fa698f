"""keras/src/applications/convnext.py: one builder, the variants' depths and widths apart."""

from __future__ import annotations

from convcalc.applications import imagenet_utils
from convcalc.applications.tracer import Functional, Sequential, error, layers
from convcalc.layers import arguments

__all__ = ("ConvNeXtTiny", "ConvNeXtSmall", "ConvNeXtBase", "ConvNeXtLarge", "ConvNeXtXLarge")

MODEL_CONFIGS = {
    "tiny": {"depths": [3, 3, 9, 3], "projection_dims": [96, 192, 384, 768], "default_size": 224},
    "small": {"depths": [3, 3, 27, 3], "projection_dims": [96, 192, 384, 768], "default_size": 224},
    "base": {"depths": [3, 3, 27, 3], "projection_dims": [128, 256, 512, 1024], "default_size": 224},
    "large": {"depths": [3, 3, 27, 3], "projection_dims": [192, 384, 768, 1536], "default_size": 224},
    "xlarge": {"depths": [3, 3, 27, 3], "projection_dims": [256, 512, 1024, 2048], "default_size": 224},
}


def linspace(start, stop, num):
    """numpy.linspace(start, stop, num), as floats."""
    if num == 1:
        return [float(start)]
    step = (stop - start) / (num - 1)
    return [float(start + k * step) for k in range(num - 1)] + [float(stop)] if num else []


def ConvNeXtBlock(projection_dim, drop_path_rate=0.0, layer_scale_init_value=1e-6, name=None):
    """ConvNeXt block."""

    def apply(inputs):
        x = inputs
        x = layers.Conv2D(filters=projection_dim, kernel_size=7, padding="same", groups=projection_dim,
                          name=f"{name}_depthwise_conv")(x)
        x = layers.LayerNormalization(epsilon=1e-6, name=f"{name}_layernorm")(x)
        x = layers.Dense(4 * projection_dim, name=f"{name}_pointwise_conv_1")(x)
        x = layers.Activation("gelu", name=f"{name}_gelu")(x)
        x = layers.Dense(projection_dim, name=f"{name}_pointwise_conv_2")(x)
        if layer_scale_init_value is not None:
            x = layers.LayerScale(layer_scale_init_value, projection_dim, name=f"{name}_layer_scale")(x)
        if drop_path_rate:  # Keras: its StochasticDepth layer (no exported variant takes a rate)
            raise error("convcalc has no rule for ConvNeXt's StochasticDepth layer (drop_path_rate > 0)")
        layer = layers.Activation("linear", name=f"{name}_identity")
        return inputs + layer(x)

    return apply


def PreStem(name=None):
    """Normalizes inputs with ImageNet-1k mean and std."""

    def apply(x):
        return layers.Normalization(
            mean=[0.485 * 255, 0.456 * 255, 0.406 * 255],
            variance=[(0.229 * 255) ** 2, (0.224 * 255) ** 2, (0.225 * 255) ** 2],
            name=f"{name}_prestem_normalization",
        )(x)

    return apply


def Head(num_classes=1000, classifier_activation=None, name=None):
    """Implementation of classification head of ConvNeXt."""

    def apply(x):
        x = layers.GlobalAveragePooling2D(name=f"{name}_head_gap")(x)
        x = layers.LayerNormalization(epsilon=1e-6, name=f"{name}_head_layernorm")(x)
        return layers.Dense(num_classes, activation=classifier_activation, name=f"{name}_head_dense")(x)

    return apply


def ConvNeXt(depths, projection_dims, drop_path_rate=0.0, layer_scale_init_value=1e-6, default_size=224,
             name="convnext", include_preprocessing=True, include_top=True, weights=None, input_tensor=None,
             input_shape=None, pooling=None, classes=1000, classifier_activation="softmax", weights_name=None):
    inputs = imagenet_utils.image_input(include_top, weights, input_tensor, input_shape, pooling, classes,
                                        default_size=default_size, min_size=32)
    x = inputs
    if arguments.boolean(include_preprocessing, "include_preprocessing"):
        num_channels = inputs.shape[-1]
        if num_channels == 3:
            x = PreStem(name=name)(x)

    # Stem block.
    stem = Sequential(
        [
            layers.Conv2D(projection_dims[0], kernel_size=4, strides=4, name=f"{name}_stem_conv"),
            layers.LayerNormalization(epsilon=1e-6, name=f"{name}_stem_layernorm"),
        ],
        name=f"{name}_stem",
    )
    # Downsampling blocks.
    downsample_layers = [stem]
    num_downsample_layers = 3
    for i in range(num_downsample_layers):
        downsample_layers.append(Sequential(
            [
                layers.LayerNormalization(epsilon=1e-6, name=f"{name}_downsampling_layernorm_{i}"),
                layers.Conv2D(projection_dims[i + 1], kernel_size=2, strides=2, name=f"{name}_downsampling_conv_{i}"),
            ],
            name=f"{name}_downsampling_block_{i}",
        ))

    # Stochastic depth schedule.
    depth_drop_rates = linspace(0.0, drop_path_rate, sum(depths))

    # First apply downsampling blocks and then apply ConvNeXt stages.
    cur = 0
    num_convnext_blocks = 4
    for i in range(num_convnext_blocks):
        x = downsample_layers[i](x)
        for j in range(depths[i]):
            x = ConvNeXtBlock(projection_dim=projection_dims[i], drop_path_rate=depth_drop_rates[cur + j],
                              layer_scale_init_value=layer_scale_init_value, name=name + f"_stage_{i}_block_{j}")(x)
        cur += depths[i]

    if include_top:
        imagenet_utils.validate_activation(classifier_activation, weights)
        x = Head(num_classes=classes, classifier_activation=classifier_activation, name=name)(x)
    else:
        x = imagenet_utils.pool(x, pooling)
        x = layers.LayerNormalization(epsilon=1e-6)(x)
    model = Functional(inputs=inputs, outputs=x, name=name)

    # Validate weights before requesting them from the API
    if weights == "imagenet":
        expected_config = MODEL_CONFIGS[weights_name.split("convnext_")[-1]]
        if depths != expected_config["depths"] or projection_dims != expected_config["projection_dims"]:
            raise error(f"Architecture configuration does not match {weights_name} variant.")
        if weights_name not in name:
            raise error(
                f'Model name "{name}" does not match weights variant "{weights_name}". When using imagenet '
                f'weights, model name must contain the weights variant (e.g., "convnext_'
                f'{weights_name.split("convnext_")[-1]}").',
                hint="give `weights: null` for another name",
            )
    return model


def _variant(size):
    """One of Keras's ConvNeXt<Size> functions: the builder with its configuration."""
    config = MODEL_CONFIGS[size]

    def application(include_top=True, include_preprocessing=True, weights="imagenet", input_tensor=None,
                    input_shape=None, pooling=None, classes=1000, classifier_activation="softmax",
                    name=f"convnext_{size}"):
        return ConvNeXt(
            weights_name=f"convnext_{size}", depths=config["depths"], projection_dims=config["projection_dims"],
            drop_path_rate=0.0, layer_scale_init_value=1e-6, default_size=config["default_size"], name=name,
            include_top=include_top, include_preprocessing=include_preprocessing, weights=weights,
            input_tensor=input_tensor, input_shape=input_shape, pooling=pooling, classes=classes,
            classifier_activation=classifier_activation,
        )

    application.__name__ = application.__qualname__ = "ConvNeXt" + {"xlarge": "XLarge"}.get(size, size.title())
    return application


ConvNeXtTiny = _variant("tiny")
ConvNeXtSmall = _variant("small")
ConvNeXtBase = _variant("base")
ConvNeXtLarge = _variant("large")
ConvNeXtXLarge = _variant("xlarge")
