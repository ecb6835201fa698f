"""How a fresh Keras session names what it creates, for the two Keras whose summaries
convcalc prints: Keras 3 (the default) and tf-keras 2 (`--style keras2`).

Both name a layer after its class in snake case, counted per prefix from 0 with no
suffix for the first (conv2d, conv2d_1, ...). They differ only in what is listed here.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field


@functools.cache  # a model names many layers of few classes
def to_snake_case(name):
    """keras.src.utils.naming.to_snake_case (tf-keras's generic_utils has the same)."""
    name = re.sub(r"\W+", "", name)
    name = re.sub("(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub("([a-z])([A-Z])", r"\1_\2", name).lower()


@dataclass(frozen=True)
class Naming:
    # class name -> (prefix, first number): a class not named after itself, or counted
    # from 1 (tf-keras's Input() is input_1, input_2, ...)
    prefixes: dict = field(default_factory=dict)
    # Keras 3 builds a Functional inside a Sequential model (it takes a name); tf-keras not
    sequential_makes_functional: bool = True
    # Keras 3 auto-names a Sequential model's implicit input (input_layer, ...); tf-keras
    # names it after the first layer (conv2d_input), which takes no number
    sequential_input_numbered: bool = True
    # Keras 3 counts the names of the layers a build makes (MultiHeadAttention's Softmax
    # and Dropout); tf-keras builds them inside its graph of symbolic calls, whose names
    # are counted apart from the model's
    names_built_layers: bool = True
    # A call on named tensors (layer(query=q, value=v, key=k)): Keras 3's node lists them
    # with the names sorted (tree.flatten); tf-keras's takes the first argument of the
    # call as its `inputs`, first, then the others in the order they were given
    named_inputs_sorted: bool = True
    # Keras 3 counts weights as trainable by each variable's own flag, set when it is
    # created: a layer frozen by its `trainable` argument freezes the weights it creates,
    # not those of the layers it holds (an RNN's cell, a wrapped layer, MultiHeadAttention's
    # projections); its own row counts none trainable, the model's totals count them by
    # their flags. tf-keras counts by layer: a frozen layer freezes all it holds
    trainable_by_variable: bool = True
    # Keras 3 records a keras.ops operation on a symbolic tensor (x + 3.0) as a node of its
    # own, listed as `add (Add)`; tf-keras wraps the TensorFlow function in a TFOpLambda
    # layer (tf.__operators__.add), which convcalc does not model
    records_operations: bool = True
    # Keras 3 records masks in its graph: the keras.ops operations a compute_mask applies
    # (Embedding's not_equal) are nodes, and a mask passed as a call's `mask` is listed in
    # Connected to; tf-keras keeps masks out of its graph (convcalc/layers/masks.py)
    mask_operations: bool = True
    # keras.applications as convcalc ports them (Keras 3's); tf-keras's take no `name`
    # argument and name DenseNet's layers conv1/conv, conv2_block1_0/bn, ...
    keras3_applications: bool = True


KERAS3 = Naming()
KERAS2 = Naming(
    prefixes={"InputLayer": ("input", 1), "Functional": ("model", 0)},
    sequential_makes_functional=False,
    sequential_input_numbered=False,
    names_built_layers=False,
    named_inputs_sorted=False,
    trainable_by_variable=False,
    records_operations=False,
    mask_operations=False,
    keras3_applications=False,
)
NAMINGS = {"keras3": KERAS3, "keras2": KERAS2}


class Names:
    """One fresh session's counters: auto("Conv2D") -> conv2d, conv2d_1, ..."""

    def __init__(self, naming: Naming = KERAS3):
        self.naming = naming
        self.uids = {}

    def auto(self, class_name):
        prefix, first = self.naming.prefixes.get(class_name, (to_snake_case(class_name), 0))
        number = self.uids.get(prefix, first)
        self.uids[prefix] = number + 1
        return f"{prefix}_{number}" if number else prefix
