"""Analytic rules, one per Keras layer class, grouped by family as Keras groups them."""

from convcalc.layers import (  # noqa: F401
    conv,
    core,
    merging,
    normalization,
    pooling,
    regularization,
    reshaping,
)
from convcalc.layers.registry import RULES

__all__ = ["RULES"]
