"""BatchNormalization: a trainable scale (gamma) and offset (beta) per feature, and the
moving mean and variance, which the layer updates itself: non-trainable."""

from __future__ import annotations

from convcalc.explain.core import ValueByValueExplainer
from convcalc.explain.registry import explains
from convcalc.layers.operation_utils import number, plural, sum_text


@explains("BatchNormalization")
class BatchNormalizationExplainer(ValueByValueExplainer):
    def params(self):
        r = self.rule
        features = self.input_shape[r.axis]
        per = plural(features, "feature") if r.axis not in (-1, len(self.input_shape) - 1) \
            else plural(features, "channel")
        names = (["gamma"] if r.scale else []) + (["beta"] if r.center else [])
        what = {("gamma",): "a scale", ("beta",): "an offset", ("gamma", "beta"): "a scale and an offset"}
        trainable = len(names) * features
        non_trainable = 2 * features
        if names:
            count = f"{features}" if len(names) == 1 else f"2 × {number(features)} = {number(trainable)}"
            lines = [f"trainable: {' + '.join(names)} = {count}  ({what[tuple(names)]} for each of {per})"]
        else:
            lines = ["trainable: 0  (center and scale are off)"]
        lines += [
            f"non-trainable: moving_mean + moving_variance = 2 × {number(features)} = {number(non_trainable)}"
            "  (running statistics: the layer updates them, not the optimizer)",
            "total: " + sum_text([trainable, non_trainable])[1],
        ]
        return self.adds_up(lines, trainable + non_trainable)
