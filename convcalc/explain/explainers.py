"""Every family's explainer, imported so that each registers itself; explainer_for
picks the one of a layer's rule."""

from __future__ import annotations

from convcalc.explain import (  # noqa: F401 (each module registers its explainers)
    base,
    nested,
)
from convcalc.explain.registry import explainer_class


def explainer_for(layer, node=None):
    """The explainer of one call of a layer (its last call by default)."""
    return explainer_class(layer.rule)(layer, node if node is not None else layer.nodes[-1])
