"""convcalc's own summary columns (Keras has none of them), off by default:
`convcalc summarize --columns macs,flops,receptive_field,activation_memory,kernel,params_percent,input_shape`.

- macs: multiply-adds per sample, as each layer's rule counts them (one MAC = one
  multiplication and its addition; bias additions, activations, normalization, pooling,
  merges and reshapes count 0): what fvcore, ptflops and thop call FLOPs;
- flops: 2 × MACs (a multiplication and an addition are two FLOPs), the convention of
  PyTorch's FlopCounterMode and Lightning;
- receptive_field: how many input positions one output position sees per spatial axis,
  and the jump between neighbouring outputs (each rule's field_step, layers/field.py);
- activation_memory: the layer's output per sample: elements × bytes of the dtype it
  computes in (its dtype policy's: float16 under mixed_float16; an input is float32);
- kernel: the shapes of the layer's kernels (weights named kernel, depthwise_kernel, ...),
  and a grouped convolution's groups;
- params_percent: the layer's share of the model's total params (torchinfo's Param %);
- input_shape: the shapes of the layer's (last call's) inputs (torchinfo's Input Shape);
- memory: the layer's share of the training-memory estimate (report/memory.py): its
  weights, gradients and optimizer slots, and what its calls keep for backward × batch.

Values only: the renderers write them (render/keras_table.py, render/json_out.py).
"""

from __future__ import annotations

import math
from fractions import Fraction

from convcalc.errors import SpecError, did_you_mean, shown
from convcalc.report.layer_calls import FieldMap, chain_macs, layer_macs
from convcalc.report.memory import batch_size_of, layer_bytes, optimizer_choice, output_bytes_per_value

COLUMNS = {
    "macs": "MACs",
    "flops": "FLOPs (2×MACs)",
    "receptive_field": "Receptive field",
    "activation_memory": "Activations",
    "kernel": "Kernel",
    "params_percent": "Param %",
    "input_shape": "Input Shape",
    "memory": "Train memory",
}
SUMMED = ("macs", "flops", "activation_memory", "memory")  # the columns with a totals line


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


def activation_bytes(layer):
    """Bytes of the layer's (last call's) outputs for one sample; None if a size is unknown."""
    elements = 0
    for shape in layer.output_shapes:
        if None in shape[1:]:
            return None
        elements += math.prod(shape[1:])
    return int(elements * Fraction(output_bytes_per_value(layer)))  # exact: sizes past a float


class Kernels(list):
    """A layer's kernel shapes, and its groups (Conv's `groups`: 1 unless grouped)."""

    groups = 1


def kernel_shapes(layer):
    kernels = Kernels()
    if layer.model is not None:
        return kernels
    kernels += [w.shape for w in layer.weights if w.name.rpartition("/")[2].endswith("kernel")]
    kernels.groups = getattr(layer.rule, "groups", 1) if kernels else 1
    return kernels


def input_shapes(layer):
    """The shapes of the layer's last call's inputs ([] for an InputLayer, or unbuilt)."""
    if not layer.nodes:
        return []
    return [t.shape for t in layer.nodes[-1].input_tensors]


class Measures:
    """The extra columns' values of a model's layers."""

    def __init__(self, model, columns, batch_size=None, optimizer=None):
        self.model, self.columns = model, columns
        if "memory" in columns:  # the training-memory estimate's share: the optimizer's slots per weight
            from convcalc.report.optimizer import trainable_variables_by_weight

            self.batch_size = batch_size_of(model, batch_size)[0]
            self.optimizer = optimizer_choice(optimizer)
            self.variables = {(id(layer), id(weight)): variable
                              for layer, weight, variable in trainable_variables_by_weight(model)}
        self.total_params = sum(weight.size for _, weight, _ in model.leaf_weights())
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

    def flops(self, layer):
        macs = self.macs(layer)
        return None if macs is None else 2 * macs

    def memory(self, layer):
        return layer_bytes(layer, self.batch_size, self.optimizer, self.variables)

    def params_percent(self, layer):
        """Percent of the model's total params (None when the model has none)."""
        if not self.total_params:
            return None
        params = layer.params if layer.built else 0
        return 100 * params / self.total_params

    def values(self, layer):
        """{column: value} of one layer: MACs and FLOPs (int or None), Field (or None),
        bytes (int or None), kernel shapes (Kernels), percent (float or None), input shapes."""
        values = {}
        for column in self.columns:
            if column in ("macs", "flops", "params_percent", "memory"):
                values[column] = getattr(self, column)(layer)
            elif column == "input_shape":
                values[column] = input_shapes(layer)
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
        for column in SUMMED:
            if column not in self.columns:
                continue
            measure = activation_bytes if column == "activation_memory" else getattr(self, column)
            layers = self.model.layers if column != "memory" else self.model.listed_layers
            values = [(layer.name, measure(layer)) for layer in layers]
            totals[column] = (sum(v for _, v in values if v is not None),
                              [name for name, v in values if v is None])
        return totals
