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
    depth: int = 0  # nesting level of a nested model's layer (expand_nested)


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


def _rows(layers, relevant, expand_nested, depth=0):
    """One row per listed layer; with expand_nested, a nested model's rows follow its own."""
    rows = []
    for layer in layers:
        rows.append(
            SummaryRow(
                name=layer.name,
                class_name=layer.class_name,
                output_shapes=layer.output_shapes,
                params=layer.params,
                trainable_params=layer.trainable_params,
                non_trainable_params=layer.non_trainable_params,
                connected_to=_connections(layer, relevant),
                has_weights=bool(layer.leaf_weights()),
                trainable=layer.trainable,
                depth=depth,
            )
        )
        if expand_nested and layer.model is not None:
            rows += _rows(layer.model.listed_layers, relevant, expand_nested, depth + 1)
    return rows


def summarize(model: AnalyzedModel, expand_nested=False) -> Summary:
    relevant = {node for nodes in model.nodes_by_depth.values() for node in nodes}
    rows = _rows(model.listed_layers, relevant, expand_nested)
    trainable = Totals(0, 0.0)
    non_trainable = Totals(0, 0.0)
    for layer, weight, is_trainable in model.leaf_weights():
        bucket = trainable if is_trainable else non_trainable
        bucket.params += weight.size
        bucket.bytes += weight.size * layer.rule.weight_bits / 8
    total = Totals(trainable.params + non_trainable.params, trainable.bytes + non_trainable.bytes)
    return Summary(model.name, model.api, is_sequential_like(model), rows, total, trainable, non_trainable)
