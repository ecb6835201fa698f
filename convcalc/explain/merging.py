"""Merging layers: element-wise merges (Add, ...) and Concatenate. Their field is the
widest of their inputs'."""

from __future__ import annotations

from convcalc.explain.base import Explainer, shapes_text
from convcalc.layers.field import combine
from convcalc.explain.registry import explains
from convcalc.layers.operation_utils import number, sum_text


class MergeField(Explainer):
    def params(self):
        return ["0  (merging has no weights)"]

    def field(self, in_fields):
        f = combine(in_fields)
        if f is None:
            return None, ["not tracked (nor is one of its inputs')"]
        return f, ["the widest of its inputs' fields"]

    def macs(self):
        return 0, ["0  (element-wise, or a copy: no multiplications by weights)"]


@explains("Merge")
class ElementWiseExplainer(MergeField):
    def output(self):
        op = self.layer.class_name.lower()
        shapes = {tuple(s) for s in self.input_shapes}
        if len(shapes) == 1:
            return self.result([f"{op}, element by element, of {len(self.input_shapes)} inputs of one shape"])
        return self.result([f"{op}, element by element, of {shapes_text(self.input_shapes)} (broadcast)"])


@explains("Concatenate")
class ConcatenateExplainer(MergeField):
    def output(self):
        axis = self.rule.axis
        sizes = [s[axis] for s in self.input_shapes]
        if None in sizes:
            return self.result([f"axis {number(axis)}: None (a size is unknown)"])
        return self.result([f"axis {number(axis)}: {sum_text(sizes)[1]}"])
