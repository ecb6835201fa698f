"""A nested model used as a layer: its params are its layers'; its field and MACs come
from its own graph (convcalc/report/layer_calls.py)."""

from __future__ import annotations

from convcalc.layers.operation_utils import number, sum_text

MAX_LISTED = 12  # layers named one by one; more are summed by class


def nested_output(layer):
    return [f"the output of its {len(layer.model.listed_layers)} layers"]


def nested_params(layer):
    layers = [l for l in layer.model.layers if l.params]
    if not layers:
        return ["0  (none of its layers has weights)"]
    if len(layers) <= MAX_LISTED:
        parts = [(l.name, l.params) for l in layers]
        lead = "its layers'"
    else:  # an application's hundreds of layers: by class
        by_class = {}
        for l in layers:
            by_class.setdefault(l.class_name, []).append(l.params)
        parts = [(f"{len(p)} {name}", sum(p)) for name, p in by_class.items()]
        lead = "its layers' by class"
    return [f"{lead}: " + sum_text(p for _, p in parts)[1]
            + "  (" + ", ".join(f"{label} {number(p)}" for label, p in parts) + ")"]
