"""explain_model: every listed layer's derivations, from an AnalyzedModel."""

from __future__ import annotations

from dataclasses import dataclass, field

from convcalc.analysis.engine import NestedModel
from convcalc.errors import SpecError, check_printable, did_you_mean
from convcalc.report.explain.lines import frozen_lines, param_lines, with_shape
from convcalc.report.explain.nested import nested_output, nested_params
from convcalc.report.layer_calls import FieldMap, call_of, layer_macs


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


def explain_layer(layer, fields: FieldMap):
    """A layer's derivations on its last call: its rule's, formatted (a nested model's
    from its own layers)."""
    if not layer.nodes:  # a layer the model holds but never called (Keras lists it unbuilt)
        raise SpecError(f"layer '{layer.name}' ({layer.class_name}) is never called: it has no shapes to derive",
                        hint="summarize lists it as Keras does (? and 0 (unbuilt)); explain needs every layer called")
    node = layer.nodes[-1]
    call = call_of(layer, node)
    check_printable(f"layer '{layer.name}' ({layer.class_name})", layer.params, call.output_shapes)
    if isinstance(layer.rule, NestedModel):
        output, params, mismatch = nested_output(layer), nested_params(layer) + frozen_lines(layer), None
    else:
        output = layer.rule.shape_formula(call)
        params, mismatch = param_lines(layer, call)
    macs, macs_lines = layer_macs(layer, node)
    return LayerExplanation(
        name=layer.name,
        class_name=layer.class_name,
        output_shapes=call.output_shapes,
        output=with_shape(output, call.output_shapes),
        params=params,
        param_count=layer.params,
        trainable_params=layer.trainable_params,
        non_trainable_params=layer.non_trainable_params,
        field=fields.node_field(node),
        field_lines=fields.lines.get(node, []),
        macs=macs,
        macs_lines=macs_lines,
        calls=len(layer.nodes),
        mismatch=mismatch,
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
