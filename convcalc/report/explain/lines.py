"""One call's derivations as text: what its rule derives (layers/base.py's shape_formula,
param_formula, macs and field_step, on the call's Call), the output shape after the last
output line, a frozen layer's note after its params, and a params formula that misses the
layer's weights recorded (the reader gets the weights listed instead)."""

from __future__ import annotations

from convcalc.layers.base import shapes_text, weight_listing
from convcalc.layers.operation_utils import number

ARROW = "  →  "


def with_shape(lines, output_shapes):
    """The derivation lines, the last one ending in the output shape."""
    shape = shapes_text(output_shapes)
    if not lines:
        return [shape]
    return lines[:-1] + [lines[-1] + ARROW + shape]


def frozen_lines(layer):
    """A frozen layer's note: its params all count as non-trainable."""
    if not layer.trainable and layer.params:
        return [f"trainable: false, so all {number(layer.params)} are non-trainable"]
    return []


def param_lines(layer, call):
    """(lines, mismatch): the rule's params derivation if its total is the layer's own
    weight count. If not, the formula is wrong: the reader gets the weights listed (right,
    if plain) and the mismatch is returned, which explain_model hands on, so that tests
    fail on it instead of passing over a silent fallback."""
    lines, total = layer.rule.param_formula(call)
    weights = sum(w.size for w in call.weights)
    mismatch = None
    if total != weights:
        mismatch = (f"{layer.name} ({layer.class_name}): the formula gives "
                    f"{number(total)}, the weights hold {number(weights)}")
        lines = weight_listing(layer.class_name, call.weights)
    return list(lines) + frozen_lines(layer), mismatch
