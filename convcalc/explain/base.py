"""The generic explainer, which every family's explainer refines.

An explainer looks at one call (node) of an analyzed layer and writes, as a student
would, the derivation of its output shape, of its parameter count, of its receptive
field and of its MACs (multiply-adds), with the numbers filled in. The generic one knows
nothing of the layer's arithmetic: it states the shapes and lists each weight's shape
product, so that every layer with a rule has an explanation.
"""

from __future__ import annotations

from convcalc.explain.registry import explains
from convcalc.layer_calls import call_of
from convcalc.layers.base import shapes_text, weight_listing
from convcalc.layers.field import kept
from convcalc.layers.operation_utils import SPATIAL_AXES, factors_text, for_each, kernel_text, merge_axes, number  # noqa: F401

ARROW = "  →  "


def spatial_axes(shape, data_format="channels_last"):
    """Indices of a tensor's spatial axes (between the batch and the channels)."""
    first = 1 if data_format == "channels_last" else 2
    return list(range(first, first + len(shape) - 2))


@explains("Layer")
class Explainer:
    """The generic explainer: shapes stated, weights listed, field and MACs unknown
    (none for a layer without weights)."""

    def __init__(self, layer, node):
        self.layer, self.node, self.rule = layer, node, layer.rule
        self.input_shapes = [t.shape for t in node.input_tensors]
        self.output_shapes = [t.shape for t in node.outputs]
        self.mismatch = None  # set by adds_up when a formula misses the layer's weights
        self.call = call_of(layer, node)

    # -- helpers ------------------------------------------------------------------
    @property
    def input_shape(self):
        return self.input_shapes[0]

    @property
    def output_shape(self):
        return self.output_shapes[0]

    @property
    def single_input(self):
        return len(self.input_shapes) == 1

    @property
    def weights(self):
        return self.layer.weights

    def result(self, lines):
        """The derivation lines, the last one ending in the output shape."""
        shape = shapes_text(self.output_shapes)
        if not lines:
            return [shape]
        return lines[:-1] + [lines[-1] + ARROW + shape]

    def weight(self, suffix):
        """The weight whose name is `suffix` or ends in '/suffix'; None if none."""
        for w in self.weights:
            if w.name == suffix or w.name.endswith("/" + suffix):
                return w
        return None

    def frozen_lines(self):
        """A frozen layer's note: its params all count as non-trainable."""
        if not self.layer.trainable and self.layer.params:
            return [f"trainable: false, so all {number(self.layer.params)} are non-trainable"]
        return []

    def adds_up(self, lines, total):
        """The derivation `lines` if their `total` is the layer's own weight count. If not,
        the formula is wrong: the reader gets the generic listing (right, if plain) and
        the mismatch is recorded in self.mismatch, which explain_model hands on, so that
        tests fail on it instead of passing over a silent fallback."""
        weights = sum(w.size for w in self.weights)
        if total != weights:
            self.mismatch = (f"{self.layer.name} ({self.layer.class_name}): the formula gives "
                             f"{number(total)}, the weights hold {number(weights)}")
            return self.weight_lines() + self.frozen_lines()
        return lines + self.frozen_lines()

    def unchanged(self):
        """The output derivation of a layer that keeps its input's shape."""
        return self.result(["same shape as its input"])

    # -- the four derivations ---------------------------------------------------------
    def output(self):
        """Lines deriving the output shape; the last ends in '  →  (shape)'."""
        return self.result(self.rule.shape_formula(self.call))

    def params(self):
        """Lines deriving the parameter count."""
        return self.adds_up(*self.rule.param_formula(self.call))

    def weight_lines(self, weights=None):
        return weight_listing(self.layer.class_name, self.weights if weights is None else weights)

    def field(self, in_fields):
        """(Field or None, lines): the output's receptive field from the inputs'."""
        return self.rule.field_step(self.call, in_fields)

    def keep_field(self, in_fields, why="position by position"):
        return kept(in_fields, why)

    def whole_field(self, in_field, why):
        return in_field.whole(), [why]

    def macs(self):
        """(MACs per sample or None, lines)."""
        return self.rule.macs(self.call)
