"""Keras's application code, run on shapes instead of tensors.

The builders in this package are Keras's own `keras/src/applications/*.py`, ported line
for line against the stand-ins defined here: `layers` for keras.layers, `Functional`
for keras.Model, KerasTensor for the symbolic tensors (a shape, with the batch axis, and
a reference to what made it). Each layer call is recorded as a LayerCall of a ModelGraph
and its output shape computed at once with the layer's rule, because the code asks for
shapes as it goes (imagenet_utils.correct_pad, NASNet's adjust block). The result is a
functional ModelGraph that the engine analyzes like any nested model.
"""

from __future__ import annotations

import contextvars

from convcalc.errors import SpecError
from convcalc.graph import LayerCall, ModelGraph, ModelInput, Output
from convcalc.layers import RULES
from convcalc.layers.registry import OPERATION_PREFIX
from convcalc.layers.signatures import bind

_GRAPH: contextvars.ContextVar = contextvars.ContextVar("application graph")


def _arithmetic(keras_class):
    """A KerasTensor's operator and its reflected form (`x - 1`, `1 - x`): the operation's
    call with the operands in the order Keras passes them."""
    return (lambda self, other: _operation(keras_class, self, other),
            lambda self, other: _operation(keras_class, other, self))


class KerasTensor:
    """A symbolic tensor: its shape (batch axis first, None where free) and its source."""

    def __init__(self, ref: Output, shape):
        self.ref, self.shape = ref, tuple(shape)

    def __repr__(self):
        return f"KerasTensor(shape={self.shape})"

    # Arithmetic, as Keras's KerasTensor does it: `x + 3.0` is ops.Add().symbolic_call(x, 3.0),
    # `3.0 + x` ops.Add().symbolic_call(3.0, x) (MobileNetV3's hard sigmoid, ConvNeXt's residuals).
    __add__, __radd__ = _arithmetic("Add")
    __sub__, __rsub__ = _arithmetic("Subtract")
    __mul__, __rmul__ = _arithmetic("Multiply")
    __truediv__, __rtruediv__ = _arithmetic("TrueDivide")
    __pow__, __rpow__ = _arithmetic("Power")


def _operation(keras_class, x1, x2):
    """A keras.ops operation's call recorded as the graph holds one (convcalc/layers/
    operations.py): its tensor operands its inputs, a constant operand a keyword named as
    Keras's call names it (x1 or x2)."""
    operands = {"x1": x1, "x2": x2}
    constants = {key: value for key, value in operands.items() if not isinstance(value, KerasTensor)}
    tensors = [value for value in operands.values() if isinstance(value, KerasTensor)]
    return _Layer(OPERATION_PREFIX + keras_class, (), constants)(tensors)


class _Layer:
    """A layer constructed (its arguments checked by its rule), not yet called."""

    def __init__(self, class_name, args, kwargs):
        self.class_name = class_name
        self.call = LayerCall(class_name, list(args), dict(kwargs))
        self.rule = RULES[class_name](class_name, bind(class_name, list(args), dict(kwargs)))

    def __call__(self, inputs):
        listed = isinstance(inputs, (list, tuple))
        return self.record(inputs, self.output_shape([t.shape for t in inputs] if listed else inputs.shape))

    def output_shape(self, shape_in):
        return self.rule.apply(shape_in)[1]

    def record(self, inputs, shape_out):
        """The call, appended to the graph, and its output tensor(s)."""
        graph = _GRAPH.get()
        if self.call.position:  # no application shares a layer; a port that did is wrong
            raise AssertionError(f"{self.class_name} called twice")
        listed = isinstance(inputs, (list, tuple))
        self.call.inputs = [t.ref for t in inputs] if listed else inputs.ref
        graph.layers.append(self.call)
        self.call.position = len(graph.layers)
        if isinstance(shape_out, list):  # several outputs
            return [KerasTensor(Output(self.call, i), shape) for i, shape in enumerate(shape_out)]
        return KerasTensor(Output(self.call), shape_out)


MERGE_FUNCTIONS = {
    "add": "Add", "subtract": "Subtract", "multiply": "Multiply", "average": "Average",
    "maximum": "Maximum", "minimum": "Minimum", "concatenate": "Concatenate", "dot": "Dot",
}


class _Layers:
    """Stands for keras.layers: layers.Conv2D(64, 3, name=...)(x) records a call."""

    def __getattr__(self, class_name):
        if class_name in MERGE_FUNCTIONS:  # layers.add([a, b], name=...): Add(name=...)([a, b])
            return lambda inputs, *args, **kwargs: _Layer(MERGE_FUNCTIONS[class_name], args, kwargs)(inputs)
        if class_name not in RULES:
            raise AttributeError(class_name)
        return lambda *args, **kwargs: _Layer(class_name, args, kwargs)

    @staticmethod
    def Input(shape, name=None):
        model_input = ModelInput(name, tuple(shape))
        _GRAPH.get().inputs.append(model_input)
        return KerasTensor(Output(model_input), (None, *shape))


layers = _Layers()


class Sequential(_Layer):
    """Stands for keras.Sequential(layers, name=...) used as a layer (ConvNeXt's stem): one
    call of a nested sequential model, its shape its layers' in turn."""

    def __init__(self, layers, name=None):
        self.class_name, self.layers = "Sequential", list(layers)
        for position, layer in enumerate(self.layers, start=1):
            layer.call.position = position
        model = ModelGraph(layers=[layer.call for layer in self.layers], api="sequential", name=name)
        self.call = LayerCall("Sequential", [], {"model": model, "trainable": True})

    def output_shape(self, shape_in):
        for layer in self.layers:
            shape_in = layer.output_shape(shape_in)
        return shape_in


def Functional(inputs, outputs, name=None):
    """Stands for keras.Model(inputs, outputs, name=...): the graph recorded so far."""
    graph = _GRAPH.get()
    outputs = outputs if isinstance(outputs, (list, tuple)) else [outputs]
    graph.outputs = [t.ref for t in outputs]
    graph.name = name
    return graph


def trace(build, kwargs) -> ModelGraph:
    """The graph `build(**kwargs)` makes, with the stand-ins above."""
    token = _GRAPH.set(ModelGraph(layers=[], api="functional"))
    try:
        return build(**kwargs)
    finally:
        _GRAPH.reset(token)


def int_shape(x):
    return x.shape


class backend:
    """Stands for keras.backend, as far as the applications use it: channels last, the
    only layout a spec describes."""

    @staticmethod
    def image_data_format():
        return "channels_last"

    int_shape = staticmethod(int_shape)


def error(message, hint=None):
    """Keras's ValueError for bad application arguments, as convcalc reports it."""
    return SpecError(message, hint=hint)
