"""Which rule computes which Keras class."""

from __future__ import annotations

RULES: dict[str, type] = {}
# A keras.ops operation's class name in the graph: ops.Add (Keras's class Add, not the
# layer keras.layers.Add); convcalc/layers/operations.py.
OPERATION_PREFIX = "ops."


def register(cls):
    """Class decorator: the rule's class name is the Keras class it stands for."""
    RULES[cls.__name__] = cls
    return cls


def register_operation(cls):
    """Class decorator for a keras.ops operation's rule: its class name is the Keras
    operation class it stands for, which the graph names OPERATION_PREFIX + it."""
    RULES[OPERATION_PREFIX + cls.__name__] = cls
    return cls


def keras_class(class_name):
    """The class Keras prints in a summary, and names a layer after, for a rule's class
    name: the rule class's own name (ops.Add's: Add)."""
    return RULES[class_name].__name__
