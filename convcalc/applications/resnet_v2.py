"""keras/src/applications/resnet_v2.py: resnet.ResNet with pre-activation (preact=True), as
Keras builds ResNet50V2/101V2/152V2."""

from __future__ import annotations

from convcalc.applications import imagenet_utils, resnet

__all__ = ("ResNet50V2", "ResNet101V2", "ResNet152V2")


def _resnet_v2(blocks, *args):
    return resnet.ResNet(resnet.stack_fn(resnet.stack_residual_blocks_v2, blocks, (2, 2, 2, 1)), True, True, *args)



ResNet50V2 = imagenet_utils.variant("ResNet50V2", "resnet50v2", _resnet_v2, (3, 4, 6, 3))
ResNet101V2 = imagenet_utils.variant("ResNet101V2", "resnet101v2", _resnet_v2, (3, 4, 23, 3))
ResNet152V2 = imagenet_utils.variant("ResNet152V2", "resnet152v2", _resnet_v2, (3, 8, 36, 3))
