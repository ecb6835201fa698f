"""convcalc's own summary columns (Keras has none of them), off by default:
`convcalc summarize --columns macs,receptive_field,activation_memory,kernel`.

- macs: multiply-adds per sample, as each layer's rule counts them (one MAC = one
  multiplication and its addition; bias additions, activations, normalization, pooling,
  merges and reshapes count 0);
- receptive_field: how many input positions one output position sees per spatial axis,
  and the jump between neighbouring outputs (each rule's field_step, layers/field.py);
- activation_memory: the layer's output per sample: elements × bytes of the dtype it
  computes in (its dtype policy's: float16 under mixed_float16; an input is float32);
- kernel: the shapes of the layer's kernels (weights named kernel, depthwise_kernel, ...).

Values only: the renderers write them (render/keras_table.py, render/json_out.py).
"""

from __future__ import annotations

import math
from fractions import Fraction

from convcalc.errors import SpecError, did_you_mean, shown
from convcalc.report.layer_calls import FieldMap, chain_macs, layer_macs
from convcalc.layers.base import COMPUTE_BITS

COLUMNS = {
    "macs": "MACs",
    "receptive_field": "Receptive field",
    "activation_memory": "Activations",
    "kernel": "Kernel",
}


def parse_columns(text):
    """'macs, kernel' -> ['macs', 'kernel'] (Keras's column order kept by the caller)."""
    names = [name.strip() for name in (text or "").split(",") if name.strip()]
    for name in names:
        if name not in COLUMNS:
            raise SpecError(
                f"--columns: unknown column {shown(name)}.{did_you_mean(name, list(COLUMNS))}",
                hint="the columns are: " + ", ".join(COLUMNS),
            )
    return list(dict.fromkeys(names))


def output_bytes_per_value(layer):
    """Bytes of one value of a layer's output: its compute dtype's (an input: float32;
    a nested model: its outputs' layers')."""
    if layer.class_name == "InputLayer":
        return 4
    model = layer.model
    if model is not None and model.outputs:
        sizes = {output_bytes_per_value(t.layer) for t in model.outputs}
        return max(sizes)
    return Fraction(COMPUTE_BITS[getattr(layer.rule, "dtype_policy", None)], 8)  # exact: sizes past a float


def activation_bytes(layer):
    """Bytes of the layer's (last call's) outputs for one sample; None if a size is unknown."""
    elements = 0
    for shape in layer.output_shapes:
        if None in shape[1:]:
            return None
        elements += math.prod(shape[1:])
    return int(elements * output_bytes_per_value(layer))


def kernel_shapes(layer):
    if layer.model is not None:
        return []
    return [w.shape for w in layer.weights if w.name.rpartition("/")[2].endswith("kernel")]


class Measures:
    """The extra columns' values of a model's layers."""

    def __init__(self, model, columns):
        self.model, self.columns = model, columns
        self.fields = FieldMap(model) if "receptive_field" in columns else None
        self.chained = {}  # a Pipeline's layers: MACs on the shapes they see in turn

    def macs(self, layer):
        if layer.class_name == "InputLayer":
            return 0
        if layer in self.chained:
            return self.chained[layer]
        if layer.model is not None and not layer.model.inputs and layer.nodes and layer.nodes[-1].input_tensors:
            self.chained.update(chain_macs(layer))
        return layer_macs(layer)[0] if layer.nodes else None

    def values(self, layer):
        """{column: value} of one layer: MACs (int or None), Field (or None), bytes (int
        or None), kernel shapes (a list)."""
        values = {}
        for column in self.columns:
            if column == "macs":
                values[column] = self.macs(layer)
            elif column == "receptive_field":
                values[column] = self.fields.node_field(layer.nodes[-1]) if layer.nodes else None
            elif column == "activation_memory":
                values[column] = activation_bytes(layer)
            else:
                values[column] = kernel_shapes(layer)
        return values

    def totals(self):
        """{column: (total, layers left out)} of the summable columns, over the whole
        model (as Keras's totals: whatever the listed range)."""
        totals = {}
        for column in ("macs", "activation_memory"):
            if column not in self.columns:
                continue
            measure = self.macs if column == "macs" else activation_bytes
            values = [(layer.name, measure(layer)) for layer in self.model.layers]
            totals[column] = (sum(v for _, v in values if v is not None),
                              [name for name, v in values if v is None])
        return totals
