"""keras.applications as spec layers: `- VGG16: {include_top: false, input_shape: [150, 150, 3]}`.

Each application is Keras's builder ported to convcalc's stand-ins (tracer.py); `expand`
replaces an application entry of a graph by the nested Functional model it builds, as
Keras's `VGG16(...)` returns one, before the analysis. Weights are never loaded.
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
from collections.abc import Mapping

from convcalc.errors import SpecError, did_you_mean, shown
from convcalc.graph import NESTED_MODELS, LayerCall, ModelGraph
from convcalc.layers import arguments
from convcalc.naming import KERAS3

# One module of this package per Keras module (or family of them) -> the builders it
# exports (its __all__), in keras.applications' order. Written out rather than read from
# the modules so that a model naming no application imports none of them (they are
# ~25 ms of a small spec's summary); tests/test_lazy_applications.py checks it against
# each module's __all__.
FAMILIES = {
    "vgg": ("VGG16", "VGG19"),
    "inception_v3": ("InceptionV3",),
    "resnet": ("ResNet50", "ResNet101", "ResNet152"),
    "resnet_v2": ("ResNet50V2", "ResNet101V2", "ResNet152V2"),
    "xception": ("Xception",),
    "mobilenet": ("MobileNet",),
    "efficientnet_v2": ("EfficientNetV2B0", "EfficientNetV2B1", "EfficientNetV2B2", "EfficientNetV2B3",
                        "EfficientNetV2S", "EfficientNetV2M", "EfficientNetV2L"),
    "densenet": ("DenseNet121", "DenseNet169", "DenseNet201"),
    "mobilenet_v2": ("MobileNetV2",),
    "efficientnet": ("EfficientNetB0", "EfficientNetB1", "EfficientNetB2", "EfficientNetB3",
                     "EfficientNetB4", "EfficientNetB5", "EfficientNetB6", "EfficientNetB7"),
    "nasnet": ("NASNetMobile", "NASNetLarge"),
    "mobilenet_v3": ("MobileNetV3Small", "MobileNetV3Large"),
    "convnext": ("ConvNeXtTiny", "ConvNeXtSmall", "ConvNeXtBase", "ConvNeXtLarge", "ConvNeXtXLarge"),
    "inception_resnet_v2": ("InceptionResNetV2",),
}


class _Builders(Mapping):
    """The name keras.applications exports -> its builder, whose module is imported only
    when the builder is looked up: names, membership and length need no import."""

    def __init__(self, families):
        self._modules = {name: module for module, names in families.items() for name in names}

    def __getitem__(self, name):
        module = importlib.import_module(f"{__name__}.{self._modules[name]}")
        return getattr(module, name)

    def __contains__(self, name):  # Mapping's own would look the builder up
        return name in self._modules

    def __iter__(self):
        return iter(self._modules)

    def __len__(self):
        return len(self._modules)


APPLICATIONS = _Builders(FAMILIES)


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
    from convcalc.applications.tracer import trace  # only once an application is built

    return trace(builder, {**bound, **kwargs}), trainable
