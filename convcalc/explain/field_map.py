"""FieldMap: every tensor's receptive field in an analyzed model, carried through its
graph call by call. Apart from field.py (the Field arithmetic, which the family
explainers use) because it asks each call's explainer: it sits above the dispatcher,
so that no family module imports, even lazily, the module that imports them all.
"""

from __future__ import annotations

from convcalc.explain.explainers import explainer_for
from convcalc.layers.field import Field


class FieldMap:
    """Every tensor's field in an analyzed model (nested models' tensors included), and
    each call's derivation lines."""

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
                    out, lines = explainer_for(node.layer, node).field(ins)
                    outs = [out] * len(node.outputs)
                    self.lines[node] = lines
                for tensor, field in zip(node.outputs, outs):
                    self.fields[tensor] = field
