"""Pooling: windowed Max/AveragePooling (like a convolution without weights), and
global pooling (one value per channel: the whole input)."""

from __future__ import annotations

from convcalc.explain.base import Explainer, factors_text, spatial_axes
from convcalc.explain.registry import explains
from convcalc.explain.window import WindowExplainer
from convcalc.layers.operation_utils import number


@explains("BasePooling")
class PoolingExplainer(WindowExplainer):
    def window(self):
        r = self.rule
        return r.pool_size, r.strides, (1,) * len(r.pool_size), r.padding, r.data_format

    def params(self):
        return ["0  (pooling has no weights: it takes the max or the average of each window)"]

    def macs(self):
        return 0, ["0  (a max or an average: no multiplications by weights)"]


@explains("BaseGlobalPooling")
class GlobalPoolingExplainer(Explainer):
    def output(self):
        kind = "max" if "Max" in self.layer.class_name else "average"
        spatial = [self.input_shape[i] for i in spatial_axes(self.input_shape, self.rule.data_format)]
        positions = factors_text(spatial)
        if len(spatial) > 1 and None not in spatial:
            n = 1
            for s in spatial:
                n *= s
            positions += f" = {number(n)}"
        keep = ", kept as axes of size 1" if self.rule.keepdims else ""
        return self.result([f"the {kind} over the {positions} positions, per channel{keep}"])

    def params(self):
        return ["0  (pooling has no weights)"]

    def field(self, in_fields):
        f = in_fields[0]
        if f is None:
            return None, ["not tracked (nor is its input's)"]
        spatial = [self.input_shape[i] for i in spatial_axes(self.input_shape, self.rule.data_format)]
        covered = f.covering(spatial)
        if covered.is_whole:
            return covered, ["one value per channel from every position: the whole input"]
        return covered, [f"one value per channel from every position: {self.covering_text(f, spatial)}"]

    @staticmethod
    def covering_text(f, positions):
        """'(3 − 1) × 4 + 18 = 26' per axis (what n positions see together)."""
        texts = [f"({n} − 1) × {j} + {r} = {(n - 1) * j + r}" for n, j, r in zip(positions, f.jump, f.size)]
        return texts[0] if len(set(texts)) == 1 else "; ".join(texts)

    def macs(self):
        return 0, ["0  (a max or an average: no multiplications by weights)"]
