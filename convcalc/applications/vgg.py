"""keras/src/applications/vgg16.py and vgg19.py: one builder, the convolutions per block apart."""

from __future__ import annotations

from convcalc.applications import imagenet_utils
from convcalc.applications.tracer import Functional, layers

__all__ = ("VGG16", "VGG19")


def _vgg(convs_per_block, include_top, weights, input_tensor, input_shape, pooling, classes,
         classifier_activation, name):
    img_input = imagenet_utils.image_input(include_top, weights, input_tensor, input_shape, pooling, classes,
                                           default_size=224, min_size=32)
    x = img_input
    for block, (filters, convs) in enumerate(zip((64, 128, 256, 512, 512), convs_per_block), start=1):
        for conv in range(1, convs + 1):
            x = layers.Conv2D(filters, (3, 3), activation="relu", padding="same", name=f"block{block}_conv{conv}")(x)
        x = layers.MaxPooling2D((2, 2), strides=(2, 2), name=f"block{block}_pool")(x)
    if include_top:
        x = layers.Flatten(name="flatten")(x)
        x = layers.Dense(4096, activation="relu", name="fc1")(x)
        x = layers.Dense(4096, activation="relu", name="fc2")(x)
        imagenet_utils.validate_activation(classifier_activation, weights)
        x = layers.Dense(classes, activation=classifier_activation, name="predictions")(x)
    else:
        x = imagenet_utils.pool(x, pooling)
    return Functional(img_input, x, name=name)


VGG16 = imagenet_utils.variant("VGG16", "vgg16", _vgg, (2, 2, 3, 3, 3))
VGG19 = imagenet_utils.variant("VGG19", "vgg19", _vgg, (2, 2, 4, 4, 4))
