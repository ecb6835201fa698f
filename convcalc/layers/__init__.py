"""Analytic rules, one per Keras layer class, grouped by family as Keras groups them."""

from convcalc.layers import (  # noqa: F401
    activations,
    application_layers,
    attention,
    conv,
    core,
    image_preprocessing,
    merging,
    normalization,
    operations,
    operations_tensor,
    pooling,
    preprocessing,
    recurrent,
    regularization,
    reshaping,
    wrappers,
)
from convcalc.layers.registry import RULES

__all__ = ["RULES"]
