"""The analysis read through its rules: each call of an analyzed layer as its rule sees
it (a layers.base.Call), and the model-level walks `convcalc explain` and `summarize
--columns` share: every tensor's receptive field, each layer's MACs."""

from __future__ import annotations

from convcalc.layers.base import Call


def call_of(layer, node=None):
    """The Call of one call (node) of an analyzed layer: its last by default."""
    node = node if node is not None else layer.nodes[-1]
    inputs = getattr(layer.call, "inputs", None)
    flattened = None
    if node.input_tensors and node.input_tensors[0].layer.class_name == "Flatten":
        flattened = node.input_tensors[0].node.input_tensors[0].shape
    return Call(
        layer.class_name,
        [t.shape for t in node.input_tensors],
        [t.shape for t in node.outputs],
        layer.weights,
        tuple(sorted(inputs)) if isinstance(inputs, dict) else None,
        flattened,
    )
