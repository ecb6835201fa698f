"""Which rule computes which Keras class."""

from __future__ import annotations

RULES: dict[str, type] = {}


def register(cls):
    """Class decorator: the rule's class name is the Keras class it stands for."""
    RULES[cls.__name__] = cls
    return cls
