"""Flatten and Reshape (a product of the sizes: the values only move), ZeroPadding
(before + n + after), UpSampling (n × size: the jump shrinks)."""

from __future__ import annotations

from fractions import Fraction

from convcalc.explain.base import SPATIAL_AXES, Explainer, factors_text, merge_axes
from convcalc.layers.field import Field
from convcalc.explain.registry import explains
from convcalc.layers.operation_utils import number, padded_length, product


class MovesValues(Explainer):
    """No weights, no arithmetic: each value keeps its field, but not its place on the
    input's grid (a window after it cannot be traced)."""

    def params(self):
        return ["0  (no weights: the values only move)"]

    def field(self, in_fields):
        f = in_fields[0]
        if f is None:
            return None, ["not tracked (nor is its input's)"]
        if f.is_whole:
            return f, ["unchanged"]
        if f.size is not None and all(s == 1 for s in f.size) and len(self.output_shape) > 2:
            fresh = Field.at_input(self.output_shape)
            return fresh, ["each value still sees only itself: a new grid, of the reshaped input"]
        if self.output_shape == self.input_shape:
            return self.keep_field(in_fields, "the same layout")
        channels_first = self.rule.config.get("data_format") == "channels_first"
        positions = self.input_shape[2:] if channels_first else self.input_shape[1:-1]
        if len(positions) != len(f.size):
            return Field(f.size, None, f.input_size), ["each value keeps its field, off the input's grid"]
        return f.off_grid(positions), ["each value keeps its field, off the input's grid"]

    def macs(self):
        return 0, ["0  (the values only move)"]


@explains("Flatten")
class FlattenExplainer(MovesValues):
    def output(self):
        rest = self.input_shape[1:]
        if len(rest) == 1:
            return self.unchanged()
        return self.result([product(rest)[1]])


@explains("Reshape")
class ReshapeExplainer(MovesValues):
    def output(self):
        rest, target = self.input_shape[1:], self.rule.target_shape
        size, text = product(rest)
        lines = [f"{text} values" if len(rest) > 1 else f"{number(size)} values"]
        if -1 in target and size is not None:
            known = [d for d in target if d != -1]
            if not known:
                lines.append(f"−1: all {number(size)}")
            else:
                divisor = factors_text(known) if len(known) == 1 else f"({factors_text(known)})"
                lines.append(f"−1: {number(size)} / {divisor} = {number(size // max(1, _prod(known)))}")
        return self.result(lines)


def _prod(values):
    n = 1
    for v in values:
        n *= v
    return n


@explains("BaseZeroPadding")
class ZeroPaddingExplainer(Explainer):
    def output(self):
        first = 1 if self.rule.data_format == "channels_last" else 2
        per_axis = [[padded_length(self.input_shape[first + i], before, after)[1]]
                    for i, (before, after) in enumerate(self.rule.padding)]
        return self.result(merge_axes(per_axis, SPATIAL_AXES[len(self.rule.padding)]))

    def params(self):
        return ["0  (no weights: zeros are added around the borders)"]

    def field(self, in_fields):
        return self.keep_field(in_fields, "zeros around the borders")

    def macs(self):
        return 0, ["0"]


@explains("UpSampling1D", "UpSampling2D", "UpSampling3D")
class UpSamplingExplainer(Explainer):
    def factors(self):
        first = 1 if getattr(self.rule, "data_format", "channels_last") == "channels_last" else 2
        axes = range(first, first + len(self.input_shape) - 2)
        return [(self.input_shape[a], self.output_shape[a]) for a in axes]

    def output(self):
        per_axis = []
        for n, out in self.factors():
            per_axis.append([f"{n} × {out // n} = {out}" if n and out else "None"])
        return self.result(merge_axes(per_axis, SPATIAL_AXES.get(len(per_axis), [])))

    def params(self):
        return ["0  (no weights: each value is repeated)"]

    def field(self, in_fields):
        f = in_fields[0]
        if f is None or not f.on_grid or any(not n or not out for n, out in self.factors()):
            return super().field(in_fields)
        jumps = tuple(Fraction(j) / (out // n) for j, (n, out) in zip(f.jump, self.factors()))
        return Field(f.size, jumps, f.input_size), ["each value repeated: the jump shrinks by the factor"]

    def macs(self):
        return 0, ["0"]
