"""explain_model: every listed layer's derivations, from an AnalyzedModel."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace

from convcalc.errors import SpecError, did_you_mean
from convcalc.explain.explainers import explainer_for
from convcalc.explain.field_map import FieldMap
from convcalc.layers.operation_utils import sum_text


@dataclass
class LayerExplanation:
    name: str
    class_name: str
    output_shapes: list
    output: list  # derivation lines; the last ends in '→ (shape)'
    params: list
    param_count: int
    trainable_params: int
    non_trainable_params: int
    field: object  # Field, or None where not tracked
    field_lines: list
    macs: int | None  # per sample; None where unknown
    macs_lines: list
    calls: int = 1
    # a params formula that missed the layer's weights (the listing was shown instead):
    # never rendered; tests fail on it
    mismatch: str | None = None


@dataclass
class ModelExplanation:
    name: str
    input_shapes: list
    layers: list = field(default_factory=list)
    total_params: int = 0
    total_macs: int = 0
    uncounted: list = field(default_factory=list)  # layers whose MACs are unknown


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
            return explainer_for(layer, node).macs()
        except (IndexError, TypeError):  # the count needs the input's shape
            return None, ["unknown: its input's shape is not recorded"]
    return explainer_for(layer, node).macs()


def chain_macs(layer):
    """[(inner layer, MACs)] of a layer that runs its layers one after another on its
    input (Pipeline): each sees the previous one's output."""
    shape = layer.nodes[-1].input_tensors[0].shape
    result = []
    for inner in layer.model.layers:
        source = SimpleNamespace(shape=shape, layer=SimpleNamespace(class_name=None), node=None)
        node = SimpleNamespace(input_tensors=[source], outputs=inner.nodes[-1].outputs)
        try:
            result.append((inner, explainer_for(inner, node).macs()[0]))
        except (IndexError, TypeError):
            result.append((inner, None))
        shape = inner.nodes[-1].outputs[0].shape
    return result


def explain_layer(layer, fields: FieldMap):
    node = layer.nodes[-1]
    explainer = explainer_for(layer, node)
    macs, macs_lines = layer_macs(layer, node)
    return LayerExplanation(
        name=layer.name,
        class_name=layer.class_name,
        output_shapes=[t.shape for t in node.outputs],
        output=explainer.output(),
        params=explainer.params(),  # before mismatch, which it sets (arguments run in order)
        param_count=layer.params,
        trainable_params=layer.trainable_params,
        non_trainable_params=layer.non_trainable_params,
        field=fields.node_field(node),
        field_lines=fields.lines.get(node, []),
        macs=macs,
        macs_lines=macs_lines,
        calls=len(layer.nodes),
        mismatch=explainer.mismatch,
    )


def explain_model(model, layer_name=None) -> ModelExplanation:
    """The derivations of every layer the summary lists (InputLayers apart: their shapes
    head the explanation), or of the one named `layer_name`."""
    fields = FieldMap(model)
    layers = [l for l in model.listed_layers if l.class_name != "InputLayer"]
    result = ModelExplanation(model.name, [t.shape for t in model.inputs])
    for layer in layers:
        explanation = explain_layer(layer, fields)
        result.total_params += explanation.param_count
        if explanation.macs is None:
            result.uncounted.append(layer.name)
        else:
            result.total_macs += explanation.macs
        if layer_name is None or layer.name == layer_name:
            result.layers.append(explanation)
    if layer_name is not None and not result.layers:
        names = [l.name for l in layers]
        raise SpecError(f"--layer: the model has no layer '{layer_name}'.{did_you_mean(layer_name, names)}",
                        hint="the layers are: " + ", ".join(names))
    return result
