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
from convcalc.naming import KERAS3

# One module per Keras module (or family of them); each exports its builders in __all__.
FAMILIES = (vgg, inception_v3, resnet, resnet_v2, xception, mobilenet, efficientnet_v2, densenet, mobilenet_v2, efficientnet, nasnet, mobilenet_v3, convnext, inception_resnet_v2)
# The name keras.applications exports -> its builder.
APPLICATIONS = {name: getattr(family, name) for family in FAMILIES for name in family.__all__}
NESTED_MODELS = ("Sequential", "Functional")


def expand(graph: ModelGraph, naming=KERAS3) -> ModelGraph:
    """The graph with each application entry (in nested models too) made the Functional
    model it builds; the graph itself is left as it is (Keras's reference builds from it).
    `naming`: the Keras whose summary is printed (tf-keras's applications differ)."""
    if not any(call.class_name in APPLICATIONS or call.class_name in NESTED_MODELS for call in graph.layers):
        return graph
    return dataclasses.replace(graph, layers=[_expand_call(call, graph.source, naming) for call in graph.layers])


def _expand_call(call: LayerCall, source, naming):
    if call.class_name in NESTED_MODELS:
        model = expand(call.kwargs["model"], naming)
        if model is call.kwargs["model"]:  # the call itself: an application's Outputs refer to it by identity
            return call
        return dataclasses.replace(call, kwargs=dict(call.kwargs, model=model))
    if call.class_name not in APPLICATIONS:
        return call
    try:
        if not naming.keras3_applications:
            _refuse_in_tf_keras(call)
        model, trainable = build(call.class_name, call.args, call.kwargs)
    except SpecError as error:
        raise error.located(file=source, line=call.line, layer=f"layer {call.position} ({call.class_name})") from None
    model.source = source
    return dataclasses.replace(call, class_name="Functional", args=[], kwargs={"model": model, "trainable": trainable})


# tf-keras 2.21's applications whose models differ from Keras 3's beyond what --style
# keras2 models (its names of auto-named layers and models, its TFOpLambda refused)
TF_KERAS_DIFFERS = {
    name: "names its layers conv1/conv, conv2_block1_0/bn, ... where Keras 3 writes conv1_conv"
    for name in ("DenseNet121", "DenseNet169", "DenseNet201")
}


def _refuse_in_tf_keras(call):
    hint = "summarize it in Keras 3's layout: leave out --style keras2"
    if call.class_name in TF_KERAS_DIFFERS:
        raise SpecError(f"tf-keras's {call.class_name} {TF_KERAS_DIFFERS[call.class_name]}, "
                        "which convcalc does not model", hint=hint)
    if "name" in call.kwargs:
        raise SpecError(f"tf-keras's {call.class_name} takes no 'name' argument", hint=hint)


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
