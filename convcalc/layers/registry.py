"""Which rule computes which Keras class.

The rules live in one module per family (conv.py, recurrent.py, ...). A model imports only
the families it uses: `RULES` knows each class's module from `rule_index.json`, written by
`scripts/gen_coverage.py` from the rules themselves (tests/test_lazy_rules.py checks it),
and imports a family the first time one of its classes is looked up. A small spec's summary
then pays for two or three families, not for all sixteen.
"""

from __future__ import annotations

import importlib
import json
import pathlib
from collections.abc import Mapping

# The modules of convcalc/layers/ that hold rules (the others are their helpers).
FAMILIES = (
    "activations", "application_layers", "attention", "conv", "core", "image_preprocessing", "merging",
    "normalization", "operations", "operations_tensor", "pooling", "preprocessing", "recurrent",
    "regularization", "reshaping", "wrappers",
)
INDEX = pathlib.Path(__file__).with_name("rule_index.json")
# A keras.ops operation's class name in the graph: ops.Add (Keras's class Add, not the
# layer keras.layers.Add); convcalc/layers/operations.py.
OPERATION_PREFIX = "ops."


class _Rules(Mapping):
    """Class name -> rule class, importing a family's module when one of its classes is
    first looked up; names, membership and length need no import."""

    def __init__(self):
        self._rules: dict[str, type] = {}  # the rules of the families imported so far
        self._modules: dict[str, str] | None = None

    def _index(self):
        if self._modules is None:
            self._modules = json.loads(INDEX.read_text(encoding="utf-8"))
        return self._modules

    def __getitem__(self, name):
        rule = self._rules.get(name)
        if rule is None:
            importlib.import_module(f"{__package__}.{self._index()[name]}")
            rule = self._rules[name]
        return rule

    def __contains__(self, name):  # Mapping's own would import the family
        return name in self._rules or name in self._index()

    def __iter__(self):
        return iter(self._index())

    def __len__(self):
        return len(self._index())

    def add(self, name, cls):
        self._rules[name] = cls

    def load_all(self):
        """Every family imported: {class name: module} as the rules themselves say."""
        for family in FAMILIES:
            importlib.import_module(f"{__package__}.{family}")
        return {name: rule.__module__.rsplit(".", 1)[1] for name, rule in self._rules.items()}


RULES = _Rules()


def register(cls):
    """Class decorator: the rule's class name is the Keras class it stands for."""
    RULES.add(cls.__name__, cls)
    return cls


def register_operation(cls):
    """Class decorator for a keras.ops operation's rule: its class name is the Keras
    operation class it stands for, which the graph names OPERATION_PREFIX + it."""
    RULES.add(OPERATION_PREFIX + cls.__name__, cls)
    return cls


def keras_class(class_name):
    """The class Keras prints in a summary, and names a layer after, for a rule's class
    name: the rule class's own name (ops.Add's: Add)."""
    return RULES[class_name].__name__
