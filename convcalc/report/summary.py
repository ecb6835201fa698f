"""Summary rows: what Keras's model.summary() reports, as data (no formatting).

Mirrors keras/src/utils/summary_utils.py: which layers are listed, the
"sequential-like" test that picks the 3- or 4-column layout, each row's
"Connected to" references, and the parameter totals with their sizes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from fractions import Fraction

from convcalc.analysis.engine import AnalyzedModel, param_counts
from convcalc.errors import SpecError, check_printable, shown
from convcalc.graph import Reference
from convcalc.layers.base import Layer
from convcalc.layers.registry import OPERATION_PREFIX


@dataclass(slots=True)
class SummaryRow:
    name: str
    class_name: str
    output_shapes: list  # one shape per output tensor
    params: int
    trainable_params: int
    non_trainable_params: int
    connected_to: list  # a graph.Reference (layer, call, output) per input tensor
    has_weights: bool
    trainable: bool
    depth: int = 0  # nesting level of a nested model's layer (expand_nested)
    calls: list = field(default_factory=list)  # each call's output shapes (tf-keras's "multiple")
    extra: dict = field(default_factory=dict)  # convcalc's own columns: {column: value} (columns.py)
    built: bool = True  # False: no weights yet (Keras prints `0 (unbuilt)`; no output_shapes: `?`)
    shapes_as_tuple: bool = False  # printed as one tuple of them (AnalyzedLayer.shapes_as_tuple)


@dataclass
class Totals:
    params: int
    bits: int  # exact, as Keras sums them (summary_utils.weight_memory_size)

    @property
    def bytes(self):
        """The bits in bytes, exact: a Fraction (Keras's bits / 8, before it rounds to a float)."""
        return Fraction(self.bits, 8)


@dataclass
class Summary:
    model_name: str
    api: str
    sequential_like: bool
    rows: list
    total: Totals
    trainable: Totals
    non_trainable: Totals
    model: AnalyzedModel | None = field(default=None, compare=False, repr=False)  # what it summarizes
    columns: list = field(default_factory=list)  # convcalc's own columns asked for (columns.py)
    column_totals: dict = field(default_factory=dict)  # {column: (total, layers left out)}
    optimizer: Totals | None = None  # the built optimizer's variables (--optimizer); in `total` too
    memory: object = None  # a report.memory.TrainingMemory (--memory), printed after the totals


def is_sequential_like(model: AnalyzedModel):
    """Keras's test: one node per depth, each with one input, and no layer called twice."""
    if model.api in ("sequential", "subclassed"):  # Keras lists a subclassed model's layers as a sequence
        return True
    nodes = set()
    for depth_nodes in model.nodes_by_depth.values():
        if len(depth_nodes) > 1 or (len(depth_nodes) == 1 and len(depth_nodes[0].all_inputs) > 1):
            return False
        nodes.update(depth_nodes)
    return all(sum(node in nodes for node in layer.nodes) <= 1 for layer in model.layers)


def _connections(layer, relevant_nodes):
    return [
        Reference(tensor.layer.name, tensor.node.node_index, tensor.tensor_index)
        for node in layer.nodes
        if node in relevant_nodes
        for tensor in node.all_inputs
    ]


def _rows(layers, relevant, levels, depth=0, frozen=False, measures=None):
    """One row per listed layer; down to `levels` levels (None: every level, as Keras's
    expand_nested), a nested model's rows follow its own (a frozen model's layers are
    frozen too: Keras sets their `trainable` when it is set)."""
    rows = []
    for layer in layers:
        weights = layer.leaf_weights()
        params, trainable_params, non_trainable_params = param_counts(weights)
        rows.append(
            SummaryRow(
                name=layer.name,
                class_name=layer.class_name,
                output_shapes=layer.output_shapes,
                params=params if layer.built else 0,  # Keras: count_params() of a built layer only
                trainable_params=trainable_params,
                non_trainable_params=non_trainable_params,
                connected_to=_connections(layer, relevant),
                has_weights=bool(weights),
                trainable=layer.trainable and not frozen,
                depth=depth,
                calls=[[t.shape for t in node.outputs] for node in layer.nodes],
                extra=measures.values(layer) if measures else {},
                built=layer.built,
                shapes_as_tuple=layer.shapes_as_tuple,
            )
        )
        inner = layer.model or layer.listing
        if inner is not None and (levels is None or depth + 1 < levels):
            rows += _rows([l for l in inner.listed_layers if not _is_operation(l)], relevant, levels, depth + 1,
                          frozen or not layer.trainable, measures)
    return rows


def _is_operation(layer):
    """A keras.ops operation of a model (a mask's too: layers/masks.py): a nested model's
    expanded rows leave it out, as its `layers` do (keras/src/models/functional.py)."""
    return type(layer.rule) is Layer or layer.rule.class_name.startswith(OPERATION_PREFIX)  # no import of ops


def layer_index_range(names, layer_range):
    """Keras's get_layer_index_bound_by_layer_name: [first, last + 1) of the layers from
    the first whose name matches START (re.match) to the last that matches END."""
    start, end = layer_range
    try:
        lower = [i for i, name in enumerate(names) if re.match(start, name)]
        upper = [i for i, name in enumerate(names) if re.match(end, name)]
    except re.error as error:
        raise SpecError(f"--layer-range: {shown(error.pattern)} is not a regular expression: {error}") from None
    if not lower or not upper:
        missing = start if not lower else end
        raise SpecError(
            f"--layer-range: no layer name matches {shown(missing)}",
            hint="the layers are: " + ", ".join(names),
        )
    if min(lower) > max(upper):
        return min(upper), max(lower) + 1
    return min(lower), max(upper) + 1


def summarize(model: AnalyzedModel, expand_nested=False, layer_range=None, columns=(), depth=None,
              batch_size=None, optimizer=None, quantize=None, trained_with=None) -> Summary:
    """The summary's rows and totals; `depth` N lists nested models' layers down to N
    levels (torchinfo's depth: 1 is the model's own layers; expand_nested is every level),
    indented as Keras's expand_nested indents them; `layer_range` (START, END) lists only the
    top-level layers from START to END, as Keras's layer_range (the totals stay whole);
    `columns`: convcalc's own columns to add (convcalc/report/columns.py; `batch_size`
    for its memory column); `optimizer`: the compiled optimizer (report/optimizer.py; or
    as written, "adam"), built as fit builds it; `quantize`: the model after
    model.quantize(MODE) (report/quantize.py); `trained_with`: the memory column's
    optimizer (the compiled one; default `optimizer`, else Adam)."""
    if quantize is not None:
        from convcalc.report.quantize import quantize_model

        quantize_model(model, quantize)
    relevant = {node for nodes in model.nodes_by_depth.values() for node in nodes}
    layers = model.listed_layers
    if layer_range is not None:
        first, stop = layer_index_range([l.name for l in layers], layer_range)
        layers = layers[first:stop]
    measures = None
    if columns:
        from convcalc.report.columns import Measures

        measures = Measures(model, list(columns), batch_size, trained_with or optimizer)
    rows = _rows(layers, relevant, None if expand_nested else (depth or 1), measures=measures)
    trainable = Totals(0, 0)
    non_trainable = Totals(0, 0)
    for layer, weight, is_trainable in model.leaf_weights():
        bucket = trainable if is_trainable else non_trainable
        bucket.params += weight.size
        bucket.bits += weight.size * (weight.bits or layer.rule.weight_bits)
    total = Totals(trainable.params + non_trainable.params, trainable.bits + non_trainable.bits)
    _check_printable(rows, total)
    optimizer_state = _optimizer_totals(optimizer, model, total)
    return Summary(model.name, model.api, is_sequential_like(model), rows, total, trainable, non_trainable, model,
                   list(columns), measures.totals() if measures else {}, optimizer_state)


def _optimizer_totals(optimizer, model, total):
    """The optimizer's Totals, added to `total` (summary_utils: Total params counts it)."""
    if optimizer is None:
        return None
    from convcalc.report.optimizer import optimizer_totals, parse_optimizer

    if isinstance(optimizer, str):
        optimizer = parse_optimizer(optimizer)

    params, size = optimizer_totals(optimizer, model)
    state = Totals(params, round(size * 8))  # its bytes, as bits (Totals sums bits exactly)
    total.params += state.params
    total.bits += state.bits
    return state


def _check_printable(rows, total):
    """Every figure of the summary can be written (errors.check_printable)."""
    for row in rows:
        check_printable(f"layer '{row.name}' ({row.class_name})", row.params, row.output_shapes)
    check_printable("the model", total.params, [])


def figures(summary: Summary):
    """The summary's figures as plain data, in the schema of `summarize --format json`
    (without convcalc's own columns): what `check` compares with Keras's figures, taken
    from the analysis itself rather than from a renderer; the JSON renderer adds the
    columns' values."""
    functional = summary.api == "functional"
    data = {
        "model": summary.model_name,
        "api": summary.api,
        "layers": [_figures_row(row, functional) for row in summary.rows],
        "total_params": summary.total.params,
        "trainable_params": summary.trainable.params,
        "non_trainable_params": summary.non_trainable.params,
    }
    if summary.optimizer is not None:  # --optimizer: Keras's ` Optimizer params` line
        data["optimizer_params"] = summary.optimizer.params
    if summary.model is not None and not summary.model.built:  # said only when it is not
        data["built"] = False
    return data


def _figures_row(row: SummaryRow, functional):
    data = {
        "name": row.name,
        "class_name": row.class_name,
        "output_shapes": [list(shape) for shape in row.output_shapes],
        "params": row.params,
        "trainable_params": row.trainable_params,
        "non_trainable_params": row.non_trainable_params,
    }
    if functional:  # Keras's "Connected to" references, as the table writes them
        data["connected_to"] = [str(reference) for reference in row.connected_to]
    if not row.built:  # no params yet (a layer never called has no output_shapes either)
        data["built"] = False
    return data
