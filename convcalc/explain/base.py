"""The generic explainer, which every family's explainer refines.

An explainer looks at one call (node) of an analyzed layer and writes, as a student
would, the derivation of its output shape, of its parameter count, of its receptive
field and of its MACs (multiply-adds), with the numbers filled in. The generic one knows
nothing of the layer's arithmetic: it states the shapes and lists each weight's shape
product, so that every layer with a rule has an explanation.
"""

from __future__ import annotations

from convcalc.explain.registry import explains
from convcalc.layers.base import format_shape
from convcalc.layers.operation_utils import number, plural, product, sum_text

ARROW = "  →  "
SPATIAL_AXES = {1: ["length"], 2: ["height", "width"], 3: ["depth", "height", "width"]}


def shapes_text(shapes):
    """One output: (None, 8, 8, 5); several: [(None, 32), (None, 32)]."""
    if len(shapes) == 1:
        return format_shape(shapes[0])
    return "[" + ", ".join(format_shape(s) for s in shapes) + "]"


def factors_text(factors):
    """'3 × 3 × 1' (no result)."""
    return " × ".join(number(f) for f in factors)


def kernel_text(kernel_size):
    """'3×3 kernel'; a 1-D kernel: '3-wide kernel'."""
    if len(kernel_size) == 1:
        return f"{kernel_size[0]}-wide kernel"
    return "×".join(str(k) for k in kernel_size) + " kernel"


def for_each(n, word, words=None):
    """'for each of 5 filters'; 'for the one filter'."""
    return f"for the one {word}" if n == 1 else f"for each of {plural(n, word, words)}"


def merge_axes(per_axis, names):
    """Lines for each spatial axis: once if every axis has the same derivation, else
    each prefixed with its axis's name ('height: ...')."""
    if not per_axis:
        return []
    if all(lines == per_axis[0] for lines in per_axis):
        return list(per_axis[0])
    return [f"{name}: {line}" for name, lines in zip(names, per_axis) for line in lines]


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
    def axis_lines(self):
        """The rule's own per-axis formulas (rules of spatial layers give them), merged."""
        if not self.single_input:
            return []
        try:
            formulas = self.rule.axis_formulas(self.input_shape)
        except Exception:  # noqa: BLE001 (a rule's helper on an input it was not written for)
            return []
        if not formulas:
            return []
        names = SPATIAL_AXES.get(len(formulas)) or [f"axis {axis}" for axis in formulas]
        return merge_axes([[text] for text in formulas.values()], names)

    def output(self):
        """Lines deriving the output shape; the last ends in '  →  (shape)'."""
        lines = self.axis_lines()
        if lines:
            return self.result(lines)
        if self.single_input and self.output_shapes == self.input_shapes:
            return self.unchanged()
        inputs = shapes_text(self.input_shapes)
        return self.result([f"{self.layer.class_name} of {inputs}"])

    def params(self):
        """Lines deriving the parameter count (generic: each weight's shape product)."""
        return self.weight_lines() + self.frozen_lines()

    def weight_lines(self, weights=None):
        weights = self.weights if weights is None else weights
        if not weights:
            return [f"0  ({self.layer.class_name} has no weights)"]
        lines = [f"{w.name}: {product(w.shape)[1]}" + ("  (non-trainable)" if not w.trainable else "")
                 for w in weights]
        if len(weights) > 1:
            lines.append("total: " + sum_text(w.size for w in weights)[1])
        return lines

    def field(self, in_fields):
        """(Field or None, lines): the output's receptive field from the inputs'."""
        if self.single_input and self.output_shapes == self.input_shapes and not self.weights:
            return self.keep_field(in_fields)
        return None, [f"not tracked through {self.layer.class_name}"]

    def keep_field(self, in_fields, why="position by position"):
        (f,) = in_fields[:1] or [None]
        if f is None:
            return None, ["not tracked (nor is its input's)"]
        return f, [f"{why}: unchanged"]

    def whole_field(self, in_field, why):
        return in_field.whole(), [why]

    def macs(self):
        """(MACs per sample or None, lines). Generic: 0 without weights, else unknown."""
        if not self.weights:
            return 0, ["0  (no weights to multiply by)"]
        return None, [f"not counted: convcalc has no MAC rule for {self.layer.class_name}"]
