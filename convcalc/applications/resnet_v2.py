"""keras/src/applications/resnet_v2.py: resnet.ResNet with pre-activation (preact=True), as
Keras builds ResNet50V2/101V2/152V2."""

from __future__ import annotations

from convcalc.applications import resnet

__all__ = ("ResNet50V2", "ResNet101V2", "ResNet152V2")


def _resnet_v2(blocks, *args):
    return resnet.ResNet(resnet.stack_fn(resnet.stack_residual_blocks_v2, blocks, (2, 2, 2, 1)), True, True, *args)


def ResNet50V2(include_top=True, weights="imagenet", input_tensor=None, input_shape=None, pooling=None,
               classes=1000, classifier_activation="softmax", name="resnet50v2"):
    return _resnet_v2((3, 4, 6, 3), include_top, weights, input_tensor, input_shape, pooling, classes,
                      classifier_activation, name)


def ResNet101V2(include_top=True, weights="imagenet", input_tensor=None, input_shape=None, pooling=None,
                classes=1000, classifier_activation="softmax", name="resnet101v2"):
    return _resnet_v2((3, 4, 23, 3), include_top, weights, input_tensor, input_shape, pooling, classes,
                      classifier_activation, name)


def ResNet152V2(include_top=True, weights="imagenet", input_tensor=None, input_shape=None, pooling=None,
                classes=1000, classifier_activation="softmax", name="resnet152v2"):
    return _resnet_v2((3, 8, 36, 3), include_top, weights, input_tensor, input_shape, pooling, classes,
                      classifier_activation, name)
