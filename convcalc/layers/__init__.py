"""Analytic rules, one per Keras layer class, grouped by family as Keras groups them.

`RULES` imports a family's module the first time one of its classes is looked up
(convcalc/layers/registry.py)."""

from convcalc.layers.registry import RULES

__all__ = ["RULES"]
