"""Analytic rules, one per Keras layer class, grouped by family as Keras groups them."""

from convcalc.layers import (  # noqa: F401
    activations,
    attention,
    conv,
    core,
    image_preprocessing,
    merging,
    normalization,
    pooling,
    preprocessing,
    recurrent,
    regularization,
    reshaping,
    wrappers,
)
from convcalc.layers.registry import RULES

__all__ = ["RULES"]
