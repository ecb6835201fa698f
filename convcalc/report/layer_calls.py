"""The analysis read through its rules: each call of an analyzed layer as its rule sees
it (a layers.base.Call), and the model-level walks that `convcalc explain` and
`summarize --columns` share: every tensor's receptive field, carried through the graph
call by call (FieldMap), and each layer's MACs (a nested model's and a Pipeline's: the
sum of its layers')."""

from __future__ import annotations

from convcalc.layers.base import Call
from convcalc.layers.field import Field
from convcalc.layers.operation_utils import sum_text


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


class FieldMap:
    """Every tensor's field in an analyzed model (nested models' tensors included), and
    each call's derivation lines, from each rule's field_step."""

    def __init__(self, model):
        self.fields = {}  # Tensor -> Field or None (not tracked)
        self.lines = {}  # Node -> [formula lines]
        self.propagate(model)

    def of(self, tensor):
        return self.fields.get(tensor)

    def node_field(self, node):
        """The field of a call's (first) output."""
        return self.of(node.outputs[0]) if node.outputs else None

    def propagate(self, model, input_fields=None):
        for i, tensor in enumerate(model.inputs):
            self.fields[tensor] = input_fields[i] if input_fields else Field.at_input(tensor.shape)
        for depth in sorted(model.nodes_by_depth, reverse=True):
            for node in model.nodes_by_depth[depth]:
                if not node.input_tensors:  # an InputLayer's node
                    continue
                ins = [self.fields.get(t) for t in node.input_tensors]
                inner = node.layer.model
                if inner is not None and inner.inputs:  # a nested model: through its own graph
                    self.propagate(inner, ins)
                    outs = [self.fields.get(t) for t in inner.outputs]
                    self.lines[node] = ["through the nested model's layers"]
                else:
                    out, lines = node.layer.rule.field_step(call_of(node.layer, node), ins)
                    outs = [out] * len(node.outputs)
                    self.lines[node] = lines
                for tensor, field in zip(node.outputs, outs):
                    self.fields[tensor] = field


def layer_macs(layer, node=None):
    """(MACs per sample or None, lines) of a layer's call; a nested model's (or a
    Pipeline's) are the sum of its layers' (their last calls)."""
    if layer.model is not None and not layer.model.inputs and layer.nodes[-1].input_tensors:
        values = [value for _, value in chain_macs(layer)]  # a Pipeline: its layers one after another
        if None in values:
            return None, ["unknown: one of its layers' is"]
        return sum(values), [f"its layers': {sum_text(values)[1]}"]
    if layer.model is not None:
        values = [layer_macs(inner)[0] for inner in layer.model.layers if inner.class_name != "InputLayer"]
        if None in values:
            return None, ["unknown: one of its layers' is"]
        return sum(values), [f"its layers': {sum(values):,}"]
    node = node if node is not None else layer.nodes[-1]
    if not node.input_tensors:  # a layer a Pipeline holds: its input is not recorded
        try:
            return layer.rule.macs(call_of(layer, node))
        except (IndexError, TypeError):  # the count needs the input's shape
            return None, ["unknown: its input's shape is not recorded"]
    return layer.rule.macs(call_of(layer, node))


def chain_macs(layer):
    """[(inner layer, MACs)] of a layer that runs its layers one after another on its
    input (Pipeline): each sees the previous one's output."""
    shape = layer.nodes[-1].input_tensors[0].shape
    result = []
    for inner in layer.model.layers:
        outputs = [t.shape for t in inner.nodes[-1].outputs]
        try:
            result.append((inner, inner.rule.macs(Call(inner.class_name, [shape], outputs, inner.weights))[0]))
        except (IndexError, TypeError):
            result.append((inner, None))
        shape = outputs[0]
    return result
