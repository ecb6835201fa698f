"""Which explainer explains which rule: keyed by the name of a rule class, found by
walking the rule's MRO, so that one explainer covers a family (BaseConv: Conv1D/2D/3D)
and a class without one of its own gets its nearest ancestor's (at worst Layer's: the
generic explainer, which lists each weight's shape product).

Keyed by name, not by class object, so that this package imports no rule module and
can name classes that other rule families may or may not define yet.
"""

from __future__ import annotations

EXPLAINERS: dict[str, type] = {}


def explains(*rule_class_names):
    """Class decorator: the explainer of the rule classes (and their subclasses) named."""

    def register(cls):
        for name in rule_class_names:
            EXPLAINERS[name] = cls
        return cls

    return register


def explainer_class(rule):
    """The explainer of the nearest class in the rule's MRO that has one."""
    for cls in type(rule).__mro__:
        if cls.__name__ in EXPLAINERS:
            return EXPLAINERS[cls.__name__]
    return EXPLAINERS["Layer"]
