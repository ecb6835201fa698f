"""Analytic rules, one per Keras layer class, grouped by family as Keras groups them."""

from convcalc.layers import conv, core, normalization, pooling, regularization, reshaping  # noqa: F401
from convcalc.layers.registry import RULES

__all__ = ["RULES"]
