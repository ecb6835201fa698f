"""Summary rows: what Keras's model.summary() reports, as data (no formatting).

Mirrors keras/src/utils/summary_utils.py: which layers are listed, the
"sequential-like" test that picks the 3- or 4-column layout, each row's
"Connected to" references, and the parameter totals with their sizes.
"""

from __future__ import annotations

from dataclasses import dataclass

from convcalc.engine import AnalyzedModel


@dataclass
class SummaryRow:
    name: str
    class_name: str
    output_shapes: list  # one shape per output tensor
    params: int
    trainable_params: int
    non_trainable_params: int
    connected_to: list  # (layer name, node index, tensor index) per input tensor
    has_weights: bool
    trainable: bool


@dataclass
class Totals:
    params: int
    bytes: float


@dataclass
class Summary:
    model_name: str
    api: str
    sequential_like: bool
    rows: list
    total: Totals
    trainable: Totals
    non_trainable: Totals


def is_sequential_like(model: AnalyzedModel):
    """Keras's test: one node per depth, each with one input, and no layer called twice."""
    if model.api == "sequential":
        return True
    nodes = []
    for depth_nodes in model.nodes_by_depth.values():
        if len(depth_nodes) > 1 or (len(depth_nodes) == 1 and len(depth_nodes[0].input_tensors) > 1):
            return False
        nodes += depth_nodes
    return all(sum(node in nodes for node in layer.nodes) <= 1 for layer in model.layers)


def _connections(layer, relevant_nodes):
    return [
        (tensor.layer.name, tensor.node.node_index, tensor.tensor_index)
        for node in layer.nodes
        if node in relevant_nodes
        for tensor in node.input_tensors
    ]


def summarize(model: AnalyzedModel) -> Summary:
    relevant = {node for nodes in model.nodes_by_depth.values() for node in nodes}
    listed = [l for l in model.layers if model.api != "sequential" or l.class_name != "InputLayer"]
    rows = [
        SummaryRow(
            name=layer.name,
            class_name=layer.class_name,
            output_shapes=layer.output_shapes,
            params=layer.params,
            trainable_params=layer.trainable_params,
            non_trainable_params=layer.non_trainable_params,
            connected_to=_connections(layer, relevant),
            has_weights=bool(layer.weights),
            trainable=layer.trainable,
        )
        for layer in listed
    ]
    trainable = Totals(0, 0.0)
    non_trainable = Totals(0, 0.0)
    for layer, weight in model.weights():
        bucket = trainable if layer.is_trainable(weight) else non_trainable
        bucket.params += weight.size
        bucket.bytes += weight.size * layer.rule.weight_bits / 8
    total = Totals(trainable.params + non_trainable.params, trainable.bytes + non_trainable.bytes)
    return Summary(model.name, model.api, is_sequential_like(model), rows, total, trainable, non_trainable)
