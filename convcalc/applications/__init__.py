"""keras.applications as spec layers: `- VGG16: {include_top: false, input_shape: [150, 150, 3]}`.

Each application is Keras's builder ported to convcalc's stand-ins (tracer.py); `expand`
replaces an application entry of a graph by the nested Functional model it builds, as
Keras's `VGG16(...)` returns one, before the analysis. Weights are never loaded.
"""

from __future__ import annotations

import dataclasses
import inspect

from convcalc.applications import convnext, densenet, efficientnet, efficientnet_v2, inception_resnet_v2, inception_v3, mobilenet, mobilenet_v2, mobilenet_v3, nasnet, resnet, resnet_v2, vgg, xception
from convcalc.applications.tracer import trace
from convcalc.errors import SpecError, did_you_mean, shown
from convcalc.graph import LayerCall, ModelGraph
from convcalc.layers import arguments

# One module per Keras module (or family of them); each exports its builders in __all__.
FAMILIES = (vgg, inception_v3, resnet, resnet_v2, xception, mobilenet, efficientnet_v2, densenet, mobilenet_v2, efficientnet, nasnet, mobilenet_v3, convnext, inception_resnet_v2)
# The name keras.applications exports -> its builder.
APPLICATIONS = {name: getattr(family, name) for family in FAMILIES for name in family.__all__}
NESTED_MODELS = ("Sequential", "Functional")


def expand(graph: ModelGraph) -> ModelGraph:
    """The graph with each application entry (in nested models too) made the Functional
    model it builds; the graph itself is left as it is (Keras's reference builds from it)."""
    if not any(call.class_name in APPLICATIONS or call.class_name in NESTED_MODELS for call in graph.layers):
        return graph
    return dataclasses.replace(graph, layers=[_expand_call(call, graph.source) for call in graph.layers])


def _expand_call(call: LayerCall, source):
    if call.class_name in NESTED_MODELS:
        model = expand(call.kwargs["model"])
        if model is call.kwargs["model"]:  # the call itself: an application's Outputs refer to it by identity
            return call
        return dataclasses.replace(call, kwargs=dict(call.kwargs, model=model))
    if call.class_name not in APPLICATIONS:
        return call
    try:
        model, trainable = build(call.class_name, call.args, call.kwargs)
    except SpecError as error:
        raise error.located(file=source, line=call.line, layer=f"layer {call.position} ({call.class_name})") from None
    model.source = source
    return dataclasses.replace(call, class_name="Functional", args=[], kwargs={"model": model, "trainable": trainable})


def build(class_name, args, kwargs):
    """(the application's graph, whether it is trainable) for its spec arguments."""
    kwargs = dict(kwargs)
    trainable = arguments.boolean(kwargs.pop("trainable", True), "trainable")
    builder = APPLICATIONS[class_name]
    parameters = inspect.signature(builder).parameters
    for key in kwargs:
        if key not in parameters:
            raise SpecError(
                f"{class_name} has no argument '{key}'.{did_you_mean(key, parameters)}",
                hint=f"{class_name} takes: {', '.join(parameters)}, and `trainable`",
            )
    if len(args) > len(parameters):
        raise SpecError(f"{class_name} takes at most {len(parameters)} positional arguments; got {len(args)}")
    bound = dict(zip(parameters, args))
    for key in bound.keys() & kwargs.keys():
        raise SpecError(f"{class_name} got '{key}' twice: positionally and as a keyword")
    if not isinstance(kwargs.get("name", ""), str):
        raise SpecError(f"'name' must be a string; got {shown(kwargs['name'])}")
    return trace(builder, {**bound, **kwargs}), trainable
