"""The shapes of the code's symbolic tensors, computed when the code asks for one
(`x.shape[-1]`, a user layer's build): each layer's rule called on shapes as Keras's
symbolic call does (Layer.apply, the rules' one call protocol), from the model inputs
on. Nothing is computed for code that never asks, and a layer that cannot be followed
is reported where the code asks.

A shape has the batch axis first (None where free), as Keras's KerasTensor.shape."""

from __future__ import annotations

from convcalc.errors import SpecError
from convcalc.graph import LayerCall, is_layer_list
from convcalc.layers import RULES, arguments
from convcalc.layers.base import InnerLayer
from convcalc.layers.signatures import bind, canonical_class_name
from convcalc.layers.vocabulary_adapt import adapted_vocabulary
from convcalc.read.python.graph_builder import GraphBuilder
from convcalc.read.python.values import (
    ArrayValue, InputValue, LayerValue, ModelValue, ShapedTensor, TensorValue, Unknown, UserLayerValue, WeightValue, flatten,
    held_argument,
    map_shapes,
    spec_plain,
)


def _map(structure, function):
    """A call's inputs (a tensor, a list or a dict of them) with each tensor mapped."""
    if isinstance(structure, dict):
        return {key: _map(value, function) for key, value in structure.items()}
    if isinstance(structure, (list, tuple)):
        return [_map(value, function) for value in structure]
    return function(structure)


class Binding:
    """A nested model run on its call's shapes: id(InputValue) -> the shape its input is
    called on, and the shapes of the calls worked out so far (a residual graph reaches
    each call once per path to it: without them, ResNet50 takes minutes)."""

    def __init__(self, inputs):
        self.inputs = inputs
        self.calls = {}


class Shapes:
    def shape_of(self, tensor, node):
        """The shape of a tensor of the code, as Keras would know it at this line."""
        try:
            return self.tensor_shape(tensor, None)
        except SpecError as error:
            raise error.located(file=self.source, line=node.lineno) from None

    def tensor_shape(self, tensor, bound: "Binding | None"):
        """`bound`: a nested model run on its call's shapes; None for the code's own
        tensors (their shapes kept on the calls)."""
        if isinstance(tensor, Unknown):
            raise SpecError(f"its shape depends on {tensor.describe()}, which convcalc does not follow")
        if not isinstance(tensor, TensorValue):
            raise SpecError(f"{self.shown(tensor)} is not a tensor")
        if tensor.input_layer is not None:
            if bound is not None and id(tensor.input_layer) in bound.inputs:
                return bound.inputs[id(tensor.input_layer)]
            return self.input_value_shape(tensor.input_layer)
        shapes = self.call_shapes(tensor.node, bound)
        if tensor.index is None:
            return shapes
        if not isinstance(shapes, list) or tensor.index >= len(shapes):
            raise SpecError(f"'{tensor.node.layer.display_name}' has no output {tensor.index}")
        return shapes[tensor.index]

    def input_value_shape(self, layer: InputValue):
        if isinstance(layer.shape, Unknown) or not isinstance(layer.shape, (list, tuple)):
            raise SpecError(f"the input at line {layer.line} has a shape convcalc does not compute")
        try:
            shape = arguments.shape(spec_plain(layer.shape), "the input's shape")
        except SpecError as error:
            raise error.located(line=layer.line) from None
        return (layer.batch_size, *shape)

    def call_shapes(self, site, bound):
        """A call's output shape (a list of them for several outputs)."""
        known = getattr(site, "shapes", None) if bound is None else bound.calls.get(id(site))
        if known is not None:
            return known
        shapes_in = _map(site.inputs, lambda t: self.tensor_shape(t, bound))
        layer = site.layer
        try:
            if isinstance(layer, ModelValue):
                shapes = self.model_shapes(layer, shapes_in)
            elif isinstance(layer, UserLayerValue):
                shapes = self.user_layer_shapes(layer, shapes_in, site.line)
            else:
                shapes = self.apply_rule(layer, shapes_in)
        except SpecError as error:
            raise error.located(line=site.line, layer=f"{layer.display_name} ({getattr(layer, 'written', 'model')})") from None
        if bound is None:
            site.shapes = shapes
        else:
            bound.calls[id(site)] = shapes
        return shapes

    def model_shapes(self, model, shapes_in):
        """A model's outputs called on shapes, as Keras runs its graph on them."""
        if model.kind == "functional":
            inputs = flatten(model.inputs)
            given = flatten(shapes_in) if isinstance(shapes_in, list) else [shapes_in]
            if len(inputs) != len(given):
                raise SpecError(f"the model takes {len(inputs)} input(s); it is called on {len(given)}")
            if not all(isinstance(t, TensorValue) and t.input_layer is not None for t in inputs):
                raise SpecError(f"the model '{model.display_name}' has inputs convcalc does not follow: "
                                "not keras.Input tensors")
            bound = Binding({id(t.input_layer): tuple(shape) for t, shape in zip(inputs, given)})
            return _map(model.outputs, lambda t: self.tensor_shape(t, bound))
        if model.kind == "sequential":
            shape = shapes_in
            for item, line in model.items:
                if isinstance(item, ModelValue):
                    shape = self.model_shapes(item, shape)
                elif isinstance(item, UserLayerValue):
                    shape = self.user_layer_shapes(item, shape, line)
                elif isinstance(item, LayerValue):
                    shape = self.apply_rule(item, shape)
            return shape
        raise SpecError(f"the shapes inside the application {model.application.class_name} are not followed here")

    def traced_call(self, layer, inputs, node):
        """A layer or model called inside a user layer's call: its output, shapes only."""
        unfollowed = next((t for t in flatten(inputs) if not isinstance(t, (ShapedTensor, WeightValue))), None)
        if unfollowed is not None:  # a list of tensors with a value convcalc does not follow in it
            return self.unknown(node, f"'{layer.display_name}' applied to "
                                      f"{unfollowed.describe() if isinstance(unfollowed, Unknown) else self.shown(unfollowed)}")
        shapes_in = _map(inputs, lambda t: tuple(t.shape))
        try:
            if isinstance(layer, ModelValue):
                shapes = self.model_shapes(layer, shapes_in)
            else:
                shapes = self.apply_rule(layer, shapes_in)
        except SpecError as error:
            raise error.located(file=self.source, line=node.lineno,
                                layer=f"{layer.display_name} ({getattr(layer, 'written', 'model')})") from None
        return map_shapes(shapes, ShapedTensor)

    def traced_cell_call(self, layer: LayerValue, args, kwargs, node):
        """An RNN cell called inside a user layer's call, one step by hand (the TF
        tutorials' FeedBack model): keras/src/layers/rnn/lstm.py LSTMCell.call returns
        (h, [h, c]); gru.py and simple_rnn.py return (h, [h]), or h for states given as
        one tensor. Built on the step's shape if nothing built it (its row then shows ?,
        as Keras cannot compute a cell's output shape)."""
        bound = self.bind(f"{layer.class_name}.call", ("inputs", "states", "training"), args,
                          {"inputs" if k == "sequence" else k: v for k, v in kwargs.items()}, node)
        step, states = bound.get("inputs"), bound.get("states")
        if not isinstance(step, ShapedTensor) or len(step.shape) != 2:
            raise self.error(f"'{layer.display_name}' ({layer.class_name}) is called on {self.shown(step)}: "
                             "a cell takes one step, (batch, features)", node)
        rule = self.rule_of(layer)
        if getattr(layer, "traced_weights", None) is None:
            layer.traced_weights, layer.traced_shape = rule.build(step.shape), None
        features = layer.traced_weights[0].shape[0]  # its kernel's input axis
        if step.shape[-1] != features:
            raise self.error(f"'{layer.display_name}' ({layer.class_name}) was built on steps of {features} "
                             f"features; here it is called on {step.shape[-1]}", node,
                             hint="a cell's kernel takes the features it was built on: Keras refuses others")
        batch = step.shape[0]
        output = ShapedTensor((batch, rule.output_size))
        sizes = rule.state_size if isinstance(rule.state_size, list) else [rule.state_size]
        new_states = [ShapedTensor((batch, size)) for size in sizes]
        if len(new_states) == 1 and not isinstance(states, (list, tuple)):
            return (output, new_states[0])
        return (output, new_states)

    def vocabulary_of(self, layer: LayerValue, name, node):
        """A lookup's vocabulary_size() or get_vocabulary(), known from its `vocabulary`
        argument (keras/src/layers/preprocessing/index_lookup.py: the mask and OOV tokens
        first, then the terms); unknown when Keras learns it from data (adapt())."""
        try:
            rule = self.rule_of(layer)
        except SpecError as error:
            raise error.located(file=self.source, line=node.lineno, layer=layer.display_name) from None
        if not hasattr(rule, "vocabulary"):
            return self.unknown(node, f"the layer method .{name}(), never run")
        vocabulary = rule.vocabulary
        if vocabulary is None:
            return self.unknown(node, f"the vocabulary {layer.display_name} learns from data (adapt())")
        return len(vocabulary) if name == "vocabulary_size" else list(vocabulary)

    def built_elsewhere(self, layer: LayerValue):
        """(weights, output shape) of a Keras layer's first call, which built it (Keras's
        summary lists it so in a Sequential not built yet), or None: never called."""
        self.make_builds_holding(layer)
        if not layer.nodes or getattr(layer, "traced_weights", None) is not None:
            return None
        site = layer.nodes[0]
        shapes = _map(site.inputs, lambda tensor: self.tensor_shape(tensor, None))
        weights, output = self.rule_of(layer).apply(_rule_input(shapes))
        return weights, output

    def adapt_lookup(self, layer: LayerValue, args, kwargs, node):
        """lookup.adapt(data) on data the code writes out: the vocabulary Keras learns
        becomes the layer's `vocabulary` (and `idf_weights`), as if the code gave them."""
        data = self.bind(f"{layer.written}.adapt", ("data", "batch_size", "steps"), args, kwargs, node).get("data")
        if isinstance(data, ArrayValue) and data.values is not None:
            data = data.values
        if isinstance(data, (ArrayValue, Unknown)) or data is None:  # data convcalc does not hold: unknown
            return None
        try:
            learned = adapted_vocabulary(layer.class_name, layer.kwargs, data)
        except SpecError as error:
            raise error.located(file=self.source, line=node.lineno, layer=layer.display_name) from None
        if learned is None:  # learned as convcalc cannot follow: unknown, as from data it does not hold
            return None
        layer.kwargs.update(learned)
        layer.rule = None  # made again, of the learned vocabulary
        return None

    def layer_output_shape(self, layer: LayerValue, args, kwargs, node):
        """layer.compute_output_shape(shape) (a wrapper's compute_output_shape delegating
        to the layer it holds): the rule's output shape, a tuple as Keras returns it."""
        shape = self.bind(f"{layer.written}.compute_output_shape", ("input_shape",), args, kwargs, node).get("input_shape")
        one = isinstance(shape, (list, tuple)) and all(d is None or isinstance(d, int) for d in shape)
        several = isinstance(shape, (list, tuple)) and shape and all(
            isinstance(s, (list, tuple)) and all(d is None or isinstance(d, int) for d in s) for s in shape)
        if not (one or several):
            raise self.error(f"{layer.written}.compute_output_shape is given {self.shown(shape)}, "
                             "not a shape convcalc knows", node)
        try:
            output = self.rule_of(layer).compute_output_shape(_rule_input(shape))
        except SpecError as error:
            raise error.located(file=self.source, line=node.lineno, layer=layer.display_name) from None
        return [tuple(s) for s in output] if isinstance(output, list) else tuple(output)

    def build_held_layer(self, layer: LayerValue, args, kwargs, node):
        """layer.build(input_shape) in a user layer's build (keras-io's PixelCNN builds its
        Conv2D to read its kernel's shape): the layer built on that shape, as its first
        call would build it."""
        shape = self.bind(f"{layer.written}.build", ("input_shape",), args, kwargs, node).get("input_shape")
        if not isinstance(shape, (list, tuple)) or not all(d is None or isinstance(d, int) for d in shape):
            raise self.error(f"{layer.written}.build is given {self.shown(shape)}, not a shape convcalc knows", node)
        if getattr(layer, "traced_weights", None) is None:
            try:
                self.apply_rule(layer, tuple(shape))
            except SpecError as error:
                raise error.located(file=self.source, line=node.lineno, layer=layer.display_name) from None
        return None

    def apply_rule(self, layer: LayerValue, shapes_in):
        """A Keras layer called on shapes: its output shapes; the weights of its first
        call kept (a user layer's call builds the layers it holds)."""
        rule = self.rule_of(layer)
        weights, shapes = rule.apply(_rule_input(shapes_in))
        if getattr(layer, "traced_weights", None) is None:  # its build's, as Keras keeps them
            layer.traced_weights = weights
            layer.traced_shape = rule.several_outputs_as(shapes) if isinstance(shapes, list) else shapes
            _build_held(layer, weights, shapes)
        return shapes

    def user_layer_shapes(self, layer, shapes_in, line):
        """A user layer run on shapes (a model of them run on new shapes)."""
        import ast

        node = ast.Constant(None, lineno=line)
        return self.run_user_layer(layer, [map_shapes(shapes_in, ShapedTensor)], {}, node)

    def rule_of(self, layer: LayerValue):
        """The layer's rule, of its arguments as the graph will hold them (made once)."""
        rule = getattr(layer, "rule", None)
        if rule is None:
            rule = layer.rule = _rule(GraphBuilder(self.source, has_input_shape=self.has_input_shape,
                                                   dtype_policy_at=self.dtype_policy_at).layer_call(layer))
        return rule


# wrapper -> the argument holding the layer its build builds, with all its weights:
# keras/src/layers/rnn/rnn.py (self.cell.build), layers/rnn/time_distributed.py
# (self.layer.build on one step's shape)
HELD_BY_BUILD = {"RNN": "cell", "TimeDistributed": "layer"}


def _build_held(layer: LayerValue, weights, shapes):
    """The layer a wrapper holds, built by the wrapper's build: its row (a subclassed
    model's) counts the same weights (the totals count them once) and shows
    compute_output_shape of that build's shape (a cell has none: ?)."""
    key = HELD_BY_BUILD.get(canonical_class_name(layer.class_name) or layer.class_name)
    held = None if key is None else held_argument(layer, key)
    if not isinstance(held, LayerValue) or getattr(held, "traced_weights", None) is not None:
        return
    held.traced_weights = weights
    held.traced_shape = None if key == "cell" or not isinstance(shapes, tuple) else (shapes[0], *shapes[2:])


def _rule_input(shapes):
    """Shapes as the rules take them: a tuple for one tensor, a list or dict of tuples."""
    if isinstance(shapes, dict):
        return {key: tuple(value) for key, value in shapes.items()}
    if isinstance(shapes, list) and shapes and isinstance(shapes[0], (list, tuple)):
        return [tuple(s) for s in shapes]
    return tuple(shapes)


def _rule(call: LayerCall):
    class_name = canonical_class_name(call.class_name) or call.class_name
    if class_name not in RULES:
        raise SpecError(f"{class_name} is a Keras layer, but convcalc has no rule for it yet")
    args = [_inner(value) for value in call.args]
    kwargs = {key: _inner(value) for key, value in call.kwargs.items()}
    return RULES[class_name](class_name, bind(class_name, args, kwargs))


def _inner(value):
    """A layer given as an argument (Bidirectional's layer, RNN's cells): its rule."""
    if isinstance(value, LayerCall):
        return InnerLayer(value.kwargs.get("name") or "", canonical_class_name(value.class_name), _rule(value))
    if is_layer_list(value):
        return [_inner(v) for v in value]
    return value
