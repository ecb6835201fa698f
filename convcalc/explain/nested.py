"""A nested model used as a layer: its params are its layers'; its field and MACs come
from its own graph."""

from __future__ import annotations

from convcalc.explain.base import Explainer
from convcalc.explain.registry import explains
from convcalc.layers.operation_utils import number, sum_text


@explains("NestedModel")
class NestedModelExplainer(Explainer):
    def output(self):
        return self.result([f"the output of its {len(self.layer.model.listed_layers)} layers"])

    def params(self):
        layers = [l for l in self.layer.model.layers if l.params]
        if not layers:
            return ["0  (none of its layers has weights)"]
        lines = ["its layers': " + sum_text(l.params for l in layers)[1]
                 + "  (" + ", ".join(f"{l.name} {number(l.params)}" for l in layers) + ")"]
        return lines + self.frozen_lines()
