"""An estimate of the memory one training step takes (`summarize --batch-size N --memory`):
Keras's summary says nothing of it before a run. Each term is a rule on the analysis's
shapes and weights, written here and in the README; `scripts/benchmark_memory.py`
compares the peak with what one real training step allocates on Keras's torch backend.

- weights: every variable, in its own dtype (the totals' bytes: a mixed policy keeps
  float32 variables), and, under a mixed policy, the compute-dtype copy of each weight
  the layer's call casts (keras/src/layers/layer.py: autocast) and keeps for the backward pass;
- gradients: one per trainable weight, in its variable's dtype;
- optimizer state: every variable the optimizer builds (--optimizer; Adam by default, as
  compile() would get it), as the Optimizer params line counts them (report/optimizer.py:
  its slots per trainable weight, in its dtype, and its scalars);
- activations: every layer call's output and the gradient the backward pass computes for
  it (torchinfo's "forward/backward pass size"), in its compute dtype, × batch; a
  reshape (Flatten, Reshape) is a view of its input and counts 0; a max pooling also
  keeps the int64 index of each output's maximum (torch's max_pool backward); a
  recurrent layer also keeps its cell's tensors at every step (below);
- inputs and targets: the model's inputs (float32, as Keras feeds them) and one target
  per output (float32, the outputs' shape, as for a loss such as mse), × batch;
- update temporaries: what the optimizer's update makes while it runs on torch, once
  backward has freed the activations (report/optimizer_update.py, per optimizer: Adam's
  foreach mul, sqrt and add alive together, keras/src/backend/torch/optimizers/torch_adam.py);
- peak: weights + gradients + optimizer state + the larger of (activations + inputs and
  targets) and the update temporaries.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from convcalc.errors import SpecError
from convcalc.layers.base import COMPUTE_BITS
from convcalc.report import optimizer as optimizers
from convcalc.report.optimizer_update import update_temporaries

DEFAULT_BATCH = 32  # Keras's Model.fit batch_size when none is given
DEFAULT_OPTIMIZER = "adam"  # without --optimizer: the estimate is Adam's
VIEWS = ("Flatten", "Reshape")  # their output is a view of their input: no new memory
MAX_POOLS = ("MaxPooling1D", "MaxPooling2D", "MaxPooling3D")  # keep an int64 index per output value
INDEX_BYTES = 8
# tensors of `units` values a recurrent cell's call makes per step, per sample (Keras's
# implementation 2, with bias): keras/src/layers/rnn/simple_rnn.py (matmul, bias, matmul,
# sum, activation), gru.py (matmul, bias, matmul, bias: 3 units wide each; z, r, h: 11),
# lstm.py (matmul, sum, matmul, bias: 4 units wide each; the gates, carry and output: 9)
CELL_TENSORS = {"SimpleRNNCell": 5, "GRUCell": 23, "LSTMCell": 25}


@dataclass
class Term:
    name: str
    bytes: int | None  # None: not known (a size the shapes leave free)
    rule: str
    left_out: list = field(default_factory=list)  # layers whose size is unknown


@dataclass
class TrainingMemory:
    batch_size: int
    batch_note: str  # where the batch size comes from
    optimizer: str  # as written, its arguments that are not Keras's defaults (optimizer.described)
    terms: list  # Term, in the order printed
    choice: object = None  # the optimizer.OptimizerChoice
    temporaries: object = None  # the optimizer_update.Temporaries

    @property
    def peak(self):
        values = {t.name: t.bytes or 0 for t in self.terms}
        step = values["Activations"] + values["Inputs and targets"]
        return (values["Weights"] + values["Gradients"] + values["Optimizer state"]
                + max(step, values["Update temporaries"]))


def output_bytes_per_value(layer):
    """Bytes of one value of a layer's output: its compute dtype's (an input: float32;
    a nested model: its outputs' layers')."""
    if layer.class_name == "InputLayer":
        return 4
    model = layer.model
    if model is not None and model.outputs:
        sizes = {output_bytes_per_value(t.layer) for t in model.outputs}
        return max(sizes)
    return COMPUTE_BITS[getattr(layer.rule, "dtype_policy", None)] / 8


def _layer_calls(model, times=1):
    """(layer, node, times it runs) of every layer that computes, nested models' included
    (a nested model called twice runs its layers twice)."""
    for layer in model.layers:
        if layer.class_name == "InputLayer":
            continue
        if layer.model is not None:
            yield from _layer_calls(layer.model, times * max(1, len(layer.nodes)))
            continue
        for node in layer.nodes:
            yield layer, node, times


def _elements(shapes):
    if any(None in shape[1:] for shape in shapes):
        return None
    return sum(math.prod(shape[1:]) for shape in shapes)


def cell_tensors(layer, node):
    """Values per sample a recurrent layer's cell makes over its steps (0 for others)."""
    cell = getattr(layer.rule, "cell", None)
    per_step = CELL_TENSORS.get(type(cell).__name__)
    if per_step is None or not node.input_tensors:
        return 0
    steps = node.input_tensors[0].shape[1]
    return None if steps is None else steps * per_step * cell.units


def activation_bytes_kept(layer, node):
    """Bytes per sample a call keeps for the backward pass: its outputs and their
    gradients (2 ×), a max pooling's indices and a recurrent cell's tensors; None if a
    size is unknown."""
    if layer.class_name in VIEWS:
        return 0
    outputs = _elements([t.shape for t in node.outputs])
    cells = cell_tensors(layer, node)
    if outputs is None or cells is None:
        return None
    return int((2 * outputs + cells) * output_bytes_per_value(layer)) + pool_index_bytes(layer, outputs)


def pool_index_bytes(layer, outputs):
    return INDEX_BYTES * outputs if layer.class_name in MAX_POOLS else 0


def optimizer_choice(optimizer=None):
    """The OptimizerChoice of --optimizer (as written, or already read); Adam without one."""
    if optimizer is None or isinstance(optimizer, str):
        return optimizers.parse_optimizer(optimizer or DEFAULT_OPTIMIZER)
    return optimizer


def batch_size_of(model, batch_size):
    """(batch, where it comes from): --batch-size, else the model's own, else fit's default."""
    if batch_size is not None:
        return batch_size, "--batch-size"
    fixed = {t.shape[0] for t in model.inputs if t.shape and t.shape[0] is not None}
    if len(fixed) == 1:
        return fixed.pop(), "the model's batch size"
    return DEFAULT_BATCH, "Keras's fit default"


def model_weights(summary):
    """(params, bytes) of the model's own variables: trainable and non-trainable (what
    Total params counts before an optimizer is built; its state is a term of its own)."""
    return (summary.trainable.params + summary.non_trainable.params,
            int(summary.trainable.bytes + summary.non_trainable.bytes))


def estimate(summary, batch_size=None, optimizer=None) -> TrainingMemory:
    """The training-memory terms of a summarized (built) model."""
    model = summary.model
    if not model.built:
        raise SpecError(f"the model '{model.name}' is not built (it has no input shape): --memory needs its shapes",
                        hint="give it an input shape: keras.Input(shape=...) first")
    choice = optimizer_choice(optimizer)
    batch, note = batch_size_of(model, batch_size)
    temporaries = update_temporaries(choice, optimizers.trainable_variables(model))
    return TrainingMemory(batch, note, optimizers.described(choice), [
        _weights_term(summary),
        Term("Gradients", int(summary.trainable.bytes), "one per trainable weight"),
        Term("Optimizer state", int(optimizers.optimizer_totals(choice, model)[1]),
             "every variable the optimizer builds (as Optimizer params counts them)"),
        _activations_term(model, batch),
        _inputs_term(model, batch),
        Term("Update temporaries", temporaries.bytes, temporaries.rule),
    ], choice, temporaries)


def _weights_term(summary):
    """Every variable, and under a mixed policy the compute-dtype copies its layers cast."""
    copies = sum(weight.size * COMPUTE_BITS[layer.rule.dtype_policy] // 8
                 for layer, weight, _ in summary.model.leaf_weights()
                 if str(getattr(layer.rule, "dtype_policy", None)).startswith("mixed"))
    return Term("Weights", model_weights(summary)[1] + copies,
                "every variable in its dtype" + (", and the compute-dtype copies a mixed policy casts" if copies else ""))


def _activations_term(model, batch):
    kept, left_out = 0, []
    for layer, node, times in _layer_calls(model):
        value = activation_bytes_kept(layer, node)
        if value is None:
            left_out.append(layer.name)
        else:
            kept += value * times
    return Term("Activations", kept * batch, f"every layer's output and its gradient, × {batch}", left_out)


def _inputs_term(model, batch):
    fed = [(t.layer.name, _elements([t.shape])) for t in model.inputs + model.outputs]
    return Term("Inputs and targets", sum(4 * n for _, n in fed if n is not None) * batch,
                f"the inputs and one float32 target per output, × {batch}",
                list(dict.fromkeys(name for name, n in fed if n is None)))


def layer_bytes(layer, batch, optimizer=None, variables=None):
    """A layer's share of the estimate (--columns memory): its weights, their gradients and
    the optimizer's slots for them (its scalars and update temporaries are the model's),
    and what its calls keep for the backward pass × batch. `variables`: {(id(layer),
    id(weight)): optimizer.Variable} of the model's trainable weights (Keras's paths)."""
    choice = optimizer_choice(optimizer)
    total, trained = 0, []
    for owner, weight, trainable in layer.leaf_weights():
        size = weight.size * (weight.bits or owner.rule.weight_bits) / 8
        total += size * (2 if trainable else 1)
        if trainable:
            trained.append(variables[id(owner), id(weight)] if variables else optimizers.Variable(
                f"{owner.name}/{weight.name}", tuple(weight.shape), weight.bits or owner.rule.weight_bits,
                getattr(weight, "overwrite_with_gradient", False)))
    total += optimizers.variables_bytes(optimizers.slot_variables(choice, trained))
    model = layer.model
    calls = _layer_calls(model, max(1, len(layer.nodes))) if model is not None else (
        (layer, node, 1) for node in layer.nodes if layer.class_name != "InputLayer")
    for owner, node, times in calls:
        value = activation_bytes_kept(owner, node)
        if value is None:
            return None
        total += value * times * batch
    return int(total)


def derivation(summary, memory: TrainingMemory):
    """[(term, [lines])]: each term's rule with the model's numbers (convcalc explain --memory)."""
    model, batch = summary.model, memory.batch_size
    trainable = int(summary.trainable.bytes)
    values = {t.name: t for t in memory.terms}
    weights = values["Weights"]
    params, own = model_weights(summary)
    lines = [("Weights", [f"every variable in its dtype: {params:,} params = {own:,} B"
                          " (as Total params)"]
              + ([f"a mixed policy's compute-dtype copies, kept for backward: + {weights.bytes - own:,} B"]
                 if weights.bytes != own else [])),
             ("Gradients", [f"one per trainable weight, in its dtype: {summary.trainable.params:,} params = {trainable:,} B"]),
             ("Optimizer state", state_lines(model, memory))]
    per_layer = []
    for layer, node, times in _layer_calls(model):
        value = activation_bytes_kept(layer, node)
        if layer.class_name in VIEWS:
            per_layer.append(f"{layer.name}: 0 (a view of its input)")
            continue
        if value is None:
            per_layer.append(f"{layer.name}: unknown (a size its shapes leave free)")
            continue
        cells = cell_tensors(layer, node)
        cell_text = f" + {cells:,} of its cell's steps" if cells else ""
        outputs = _elements([t.shape for t in node.outputs])
        bits = output_bytes_per_value(layer)
        index = pool_index_bytes(layer, outputs)
        index_text = f" + {outputs:,} int64 indices × {INDEX_BYTES} B" if index else ""
        again = f" × {times} calls" if times > 1 else ""
        per_layer.append(f"{layer.name}: (2 × {outputs:,}{cell_text}) values × {bits:g} B{index_text}{again}"
                         f" = {value * times:,} B")
    lines.append(("Activations", [f"per sample, every layer call's output and its gradient:"] + [f"  {t}" for t in per_layer]
                  + [f"× batch {batch} = {values['Activations'].bytes:,} B"]))
    fed = [(_elements([t.shape]), t.layer.name) for t in model.inputs + model.outputs]
    lines.append(("Inputs and targets", [f"the inputs and one target per output, float32: "
                                         + (" + ".join(f"{n:,}" for n, _ in fed if n is not None) or "0")
                                         + f" values × 4 B × batch {batch} = {values['Inputs and targets'].bytes:,} B"]))
    lines.append(("Update temporaries", ["after backward freed the activations (report/optimizer_update.py):"]
                  + [f"  {line}" for line in memory.temporaries.lines]))
    lines.append(("Estimated peak", ["weights + gradients + optimizer state + max(activations + inputs and targets, "
                                     f"update temporaries) = {memory.peak:,} B"]))
    return lines


def state_lines(model, memory):
    """The optimizer state's derivation: its slots on the trainable variables, its scalars."""
    choice, variables = memory.choice, optimizers.trainable_variables(model)
    made = optimizers.optimizer_variables(choice, variables)
    slots = optimizers.slot_variables(choice, variables)
    slot_bytes, all_bytes = optimizers.variables_bytes(slots), optimizers.variables_bytes(made)
    params = sum(math.prod(shape) for shape, _ in slots)
    return [f"{memory.optimizer} built on {len(variables):,} trainable variables (keras/src/optimizers/, "
            f"its build): {len(slots):,} slot variables, {params:,} params = {_size(slot_bytes)} B",
            f"its scalars (iterations, learning rate, ...): {len(made) - len(slots)} variables = "
            f"{_size(all_bytes - slot_bytes)} B",
            f"in all, as Optimizer params counts them: {_size(all_bytes)} B"]


def _size(value):
    """Bytes with thousands separators (a sub-byte total keeps its fraction)."""
    return f"{int(value):,}" if value == int(value) else f"{value:,}"
