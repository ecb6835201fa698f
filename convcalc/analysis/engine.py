"""The analytic engine: walk a ModelGraph in order, apply each layer's rule.

The result mirrors what Keras holds after building the model: layers with their
calls (nodes), each call's output tensors and shapes, and each layer's weights.
"""

from __future__ import annotations

import functools
import types
from collections.abc import Mapping
import dataclasses
from dataclasses import dataclass, field

from convcalc.applications import APPLICATIONS, expand as expand_applications
from convcalc.errors import SpecError, did_you_mean, shown
from convcalc.graph import FIRST_LAYER_DTYPE, NESTED_MODELS, LayerCall, ModelGraph, Output, Reference, is_layer_list
from convcalc.layers import RULES, arguments
from convcalc.layers.base import COMPUTE_DTYPES, DTYPE_POLICY, InnerLayer, Layer, Weight, format_shape
from convcalc.layers.operation_utils import NonPositiveSize
from convcalc.layers.user import GivenLayer
from convcalc.layers.refused import NOT_A_MODEL_LAYER, REFUSED
from convcalc.layers.registry import OPERATION_PREFIX, keras_class
from convcalc.layers.signatures import (
    bind, built_at_init, scalar_arguments_key, canonical_class_name, check_call_keywords, graph_class_name,
    keras_aliases, keras_classes, layer_input_dim,
)
from convcalc.layers.masks import call_masks, flat_masks, supports_masking
from convcalc.analysis.name_plan import NamePlan
from convcalc.naming import KERAS3, Names, Naming
from convcalc.topology import map_graph

NO_STEPS: Mapping = types.MappingProxyType({})  # a tensor's steps when no axis has any


@dataclass(eq=False, slots=True)
class Tensor:
    node: "Node"
    tensor_index: int
    shape: tuple
    # axis -> the formulas that led to its size (_spatial_steps); read only, so shared
    steps: Mapping = field(default_factory=lambda: NO_STEPS)
    mask: "Tensor | None" = None  # the tensor of its Keras mask (convcalc/layers/masks.py)

    @property
    def layer(self):
        return self.node.layer


@dataclass(eq=False, slots=True)
class Node:
    """One call of a layer."""

    layer: "AnalyzedLayer"
    node_index: int
    input_tensors: list  # what it is applied to
    outputs: list = field(default_factory=list)
    keyword_tensors: list = field(default_factory=list)  # its keywords' (initial_state, mask)

    @property
    def all_inputs(self):
        """Every tensor Keras's node lists (Connected to): the inputs, then the keywords'."""
        return self.input_tensors + self.keyword_tensors

    @property
    def parent_nodes(self):
        return [t.node for t in self.all_inputs]


@dataclass(eq=False, slots=True)
class AnalyzedLayer:
    name: str
    class_name: str
    rule: Layer
    weights: list = field(default_factory=list)
    nodes: list = field(default_factory=list)
    call: LayerCall | None = None
    model: "AnalyzedModel | None" = None  # a nested model's own analysis
    # a model class of the file: the layers it holds, which expand_nested lists under it
    # (their weights are counted by its rule, as the class's call built them)
    listing: "AnalyzedModel | None" = None
    by_variable: bool = True  # trainable weights counted by variable (Keras 3) or by layer
    built: bool = True  # False: in a Sequential never built (and not built at construction): no weights yet
    # its row's shapes printed as one tuple of them, where a call's node would give a
    # list: a model never called (its output_shape property), or a layer built with no
    # call whose compute_output_shape gives a tuple (an RNN's (output, *states))
    shapes_as_tuple: bool = False
    # an InputLayer's: its input's dtype, as graph.ModelInput.dtype (None: float32)
    dtype: object = None

    @property
    def trainable(self):
        return self.rule.trainable

    @property
    def output_shapes(self):
        """Shapes of the last call's outputs, as Keras's summary reads them (none unbuilt)."""
        return [t.shape for t in self.nodes[-1].outputs] if self.nodes else []

    def leaf_weights(self, trainable=True, totals=False):
        """(owning layer, weight, counts as trainable) for every weight, nested models'
        included: a frozen model freezes all it holds. As this layer's row counts them,
        or (`totals`) as its model's totals do: they differ in Keras 3 (naming.py's
        trainable_by_variable), whose frozen layer's row counts no weight trainable while
        the totals count its sublayers' weights by their variables' own flags."""
        if self.model is not None:  # a model's row counts its weights as its totals do
            return self.model.leaf_weights(trainable and self.trainable)
        if not self.by_variable:
            return [(self, w, trainable and self.trainable and w.trainable) for w in self.weights]
        counted = trainable and (totals or self.trainable)
        return [
            (self, w, counted and (w.trainable and self.trainable if w.variable_trainable is None else w.variable_trainable))
            for w in self.weights
        ]

    def param_counts(self):
        """(params, trainable params, non-trainable params) of this layer's row."""
        return param_counts(self.leaf_weights())

    @property
    def params(self):
        return self.param_counts()[0]

    @property
    def trainable_params(self):
        return self.param_counts()[1]

    @property
    def non_trainable_params(self):
        return self.param_counts()[2]


def param_counts(leaf_weights):
    """(params, trainable params, non-trainable params) of (layer, weight, counts as
    trainable) items, as leaf_weights gives them."""
    params = trainable = 0
    for _, weight, counted in leaf_weights:
        size = weight.size
        params += size
        if counted:
            trainable += size
    return params, trainable, params - trainable


@dataclass
class AnalyzedModel:
    name: str
    api: str
    layers: list  # every layer of the model, InputLayers first, in Keras's order
    inputs: list  # input Tensors
    outputs: list  # output Tensors
    nodes_by_depth: dict
    built: bool = True  # False: a Sequential never given an input shape (analyze_unbuilt)
    dtype_policy: str | None = None  # the global dtype policy it was analyzed under (None: float32)

    def leaf_weights(self, trainable=True):
        """(owning layer, weight, counts as trainable), each weight once (as model.weights
        lists a variable once: a held cell's weights are its RNN's too), counted as the
        model's totals count them."""
        seen, items = set(), []
        for layer in self.layers:
            for item in layer.leaf_weights(trainable, totals=True):
                variable = id(item[1]) if item[1].variable is None else item[1].variable
                if variable not in seen:
                    seen.add(variable)
                    items.append(item)
        return items

    @property
    def listed_layers(self):
        """The layers Keras's summary lists: a Sequential model hides its InputLayer."""
        if self.api == "sequential":
            return [l for l in self.layers if l.class_name != "InputLayer"]
        return self.layers


def _describe(call: LayerCall, name=None):
    label = f"layer {call.position}"
    if call.use is not None:
        return f"{label} (use: {call.use})"
    if name:
        label += f" '{name}'"
    return f"{label} ({call.class_name})"


def _written_name(call: LayerCall):
    """The `name` a call gives: a keyword, or a positional argument where Keras takes
    it so (Pipeline's, StringLookup's, MaxPooling2D's, ...)."""
    if "name" in call.kwargs:
        return call.kwargs["name"]
    position = _name_position(call.class_name)
    return call.args[position] if position is not None and position < len(call.args) else None


@functools.cache
def _name_position(written_class):
    """Where a class (as written) takes `name` positionally, or None."""
    signature = keras_classes().get(canonical_class_name(written_class) if written_class else None)
    positional = signature["positional"] if signature else []
    return positional.index("name") if "name" in positional else None


def resolve_class(call: LayerCall, model_layer=True):
    """The Keras class name (aliases resolved) that has a rule, or a clear error.
    `model_layer`: the layer is a model's own (not another layer's argument)."""
    class_name = graph_class_name(call.class_name)
    if class_name is None:
        known = list(keras_classes()) + list(keras_aliases()) + list(APPLICATIONS)
        raise SpecError(
            f"unknown layer class '{call.class_name}'.{did_you_mean(call.class_name, known)}",
            hint="the class must be one that keras.layers exports, or a keras.applications model, spelled as in Keras",
        )
    refusal = REFUSED.get(class_name) or (NOT_A_MODEL_LAYER.get(class_name) if model_layer else None)
    if refusal is not None:
        raise SpecError(refusal.message(class_name), hint=refusal.hint())
    if class_name not in RULES:
        raise SpecError(
            f"{class_name} is a Keras layer, but convcalc has no rule for it yet",
            hint=f"supported: {', '.join(sorted(RULES))}",
        )
    return class_name


INPUT_KIND_ERRORS = {
    "tensor": "{} takes one input: give `inputs:` one name",
    "list": "{} merges a list of inputs: give `inputs: [a, b, ...]`",
    "mapping": "{} takes named inputs: give `inputs: {{query: a, value: b}}`",
}


def _input_kind(inputs):
    if isinstance(inputs, Tensor):
        return "tensor"
    return "mapping" if isinstance(inputs, dict) else "list"


def _flat(inputs, rule, naming):
    """A call's input tensors in Keras's node order (named tensors: naming.py's
    named_inputs_sorted; the rule's first_call_argument is tf-keras's `inputs`)."""
    if isinstance(inputs, Tensor):
        return [inputs]
    if isinstance(inputs, dict):
        if naming.named_inputs_sorted:
            return [inputs[key] for key in sorted(inputs)]
        first = rule.first_call_argument
        return [inputs[first]] + [t for key, t in inputs.items() if key != first]
    return list(inputs)


def _spatial_steps(rule, shape_in, tensor_in, shape_out):
    """Carry each axis's derivation forward, for 'zero or negative size' messages: per
    axis, its last formula and the steps before it, shared (a chain of 100,000 layers
    copies none)."""
    formulas = rule.axis_formulas(shape_in)
    if formulas is not None:
        return {axis: (f, tensor_in.steps.get(axis)) for axis, f in formulas.items()}
    return tensor_in.steps if shape_out == shape_in else NO_STEPS


def _formulas(steps):
    """An axis's formulas, first to last, from its _spatial_steps."""
    formulas = []
    while steps is not None:
        formula, steps = steps
        formulas.append(formula)
    return formulas[::-1]


def _called_shape(declared, shape, graph):
    """The shape a nested model's declared input takes when the model is called on `shape`
    (batch axis included), as Keras's Functional does: a rank off by a trailing axis of 1
    is squeezed or expanded; any other rank, or a size other than the declared one, is
    refused."""
    if declared is None:
        return shape
    expected = (None, *declared.shape)
    if len(shape) == len(expected) + 1 and shape[-1] == 1:
        shape = shape[:-1]
    elif len(shape) == len(expected) - 1 and expected[-1] == 1:
        shape = (*shape, 1)
    if len(shape) != len(expected) or any(
        want is not None and got is not None and want != got for want, got in zip(expected[1:], shape[1:])
    ):
        raise SpecError(
            f"the nested model's input is declared {format_shape(expected)} but it is called on "
            f"{format_shape(shape)}",
            hint="declare the shape the layer before it gives, or leave `input:` out of a nested Sequential",
            file=graph.source, line=declared.line,
        )
    return shape


class _Builder:
    """Builds one model; a nested model gets a builder of its own sharing the names."""

    def __init__(self, graph: ModelGraph, names: NamePlan, call_shapes=None):
        self.graph = graph
        self.names = names  # the auto-names, planned in Keras's order (name_plan.py)
        self.call_shapes = call_shapes  # a nested model's input shapes, batch axis included
        self.layers: list[AnalyzedLayer] = []
        self.by_name: dict[str, AnalyzedLayer] = {}
        self.input_tensors: list[Tensor] = []
        self.by_source = {}  # id(LayerCall) -> its layer, id(ModelInput) -> its tensor (Output refs)

    # -- inputs ------------------------------------------------------------
    def add_input(self, name, shape, line=None):
        """An InputLayer whose output has `shape` (batch axis included)."""
        if name is None:
            implicit = self.graph.api == "sequential" and not self.graph.inputs
            if implicit and not self.names.naming.sequential_input_numbered:
                name = "(input)"  # tf-keras: conv2d_input, after the first layer; never listed
            elif implicit and self.graph.input_name is not None:
                name = self.graph.input_name  # as the code's run named it
            else:
                name = self.names.input(self.graph, len(self.input_tensors))
        self.check_unique(name, line, "input")
        layer = AnalyzedLayer(name, "InputLayer", RULES["InputLayer"]("InputLayer", {}))
        node = Node(layer, 0, [])
        node.outputs = [Tensor(node, 0, tuple(shape))]
        layer.nodes.append(node)
        self.layers.append(layer)
        self.by_name[name] = layer
        self.input_tensors.append(node.outputs[0])

    def input_shapes(self):
        """(name, shape with batch axis, line) of each model input."""
        graph = self.graph
        if self.call_shapes is not None:  # a nested model takes the shapes it is called on
            declared = graph.inputs or [None] * len(self.call_shapes)
            if len(declared) != len(self.call_shapes):
                raise SpecError(
                    f"the nested model has {len(declared)} inputs but is called on {len(self.call_shapes)}",
                    file=graph.source,
                )
            return [(i.name if i else None, _called_shape(i, s, graph), i.line if i else None)
                    for i, s in zip(declared, self.call_shapes)]
        if graph.api == "sequential":
            name = graph.inputs[0].name if graph.inputs else None  # a reader may know it
            return [(name, (graph.batch_size, *self.sequential_input_shape()), None)]
        if not graph.inputs:
            raise SpecError(
                "a functional model needs its inputs: `input: [...]` or `inputs: {name: [...]}`",
                file=graph.source,
            )
        return [(i.name, (graph.batch_size, *i.shape), i.line) for i in graph.inputs]

    def check_unique(self, name, line, what):
        if name in self.by_name and self.graph.api != "subclassed":  # Keras checks no attributes' names
            raise SpecError(
                f"the name '{name}' is used twice; every {what} needs its own name",
                file=self.graph.source, line=line,
            )

    def sequential_input_shape(self, graph=None):
        """A Sequential's input shape: its Input, its first layer's input_shape, or (with
        another layer) its first model's (keras/src/models/sequential.py: _maybe_rebuild)."""
        graph = graph or self.graph
        if graph.inputs:
            return graph.inputs[0].shape
        first = graph.layers[0]
        dim, shape = layer_input_dim(first.class_name, first.kwargs), first.kwargs.get("input_shape")
        try:
            if dim is not None and shape is not None:  # Keras rejects the pair, too
                raise SpecError("give either 'input_shape' or 'input_dim', not both")
            if dim is not None:  # Keras reads it as input_shape=(input_dim,)
                return (arguments.positive_int(dim, "input_dim"),)
            if shape is not None:
                return arguments.shape(shape, "'input_shape'")
            if first.class_name not in NESTED_MODELS:
                resolve_class(first)  # an unknown class is the first thing to say
            elif len(graph.layers) > 1:
                inner = first.kwargs["model"]  # Sequential takes a built model's input_shape
                if len(inner.inputs) == 1:
                    return inner.inputs[0].shape
                if inner.api == "sequential" and not inner.inputs and inner.layers:
                    return self.sequential_input_shape(inner)  # built by its first layer's input_shape
            raise SpecError(
                "the model has no input shape",
                hint="give `input: [28, 28, 1]` at the top level, or `input_shape` to the first layer",
            )
        except SpecError as error:
            raise error.located(file=graph.source, line=first.line, layer=_describe(first)) from None

    # -- layers ------------------------------------------------------------
    def resolve(self, ref):
        """The tensor a reference names (graph.Reference), or the one an Output points at."""
        if isinstance(ref, Output):
            found = self.by_source[id(ref.source)]
            return found if isinstance(found, Tensor) else self.only_output(found.nodes[-1].outputs, found.name, ref.index)
        reference = Reference.parse(ref)
        name = reference.layer
        if name not in self.by_name:
            raise SpecError(
                f"'{ref}' is not an input or an earlier layer.{did_you_mean(name, self.by_name)}",
                hint="a layer can only be applied to inputs and to layers listed before it",
            )
        nodes = self.by_name[name].nodes
        if reference.call is not None:
            call = reference.call
            if call >= len(nodes):
                raise SpecError(
                    f"'{ref}': '{name}' is called {len(nodes)} time(s) before this; "
                    f"its calls are {name}[0] to {name}[{len(nodes) - 1}]",
                    hint="NAME[n][i] is output i of the n-th call of layer NAME, counted from 0",
                )
            return self.only_output(nodes[call].outputs, name, reference.output)
        return self.only_output(nodes[-1].outputs, name, reference.output)

    @staticmethod
    def only_output(outputs, name, index=None):
        if index is None and len(outputs) > 1:
            raise SpecError(
                f"'{name}' has {len(outputs)} outputs; name the one meant: "
                + ", ".join(f"{name}[{i}]" for i in range(len(outputs)))
            )
        index = index or 0
        if index >= len(outputs):
            raise SpecError(f"'{name}' has {len(outputs)} output(s); {name}[{index}] does not exist")
        return outputs[index]

    def tensors_for(self, call: LayerCall, previous):
        """A Tensor; a list of them for a list `inputs:` (Keras's layer([a, b])); a dict
        of them for a mapping `inputs:` (Keras's layer(query=q, value=v)); None in an
        unbuilt Sequential (previous is None: nothing is called)."""
        if previous is None:
            return None
        if call.inputs is None:
            return self.only_output(previous, previous[0].layer.name)
        if isinstance(call.inputs, (str, Output)):
            return self.resolve(call.inputs)
        if isinstance(call.inputs, dict):
            return {key: self.resolve(ref) for key, ref in call.inputs.items()}
        return [self.resolve(ref) for ref in call.inputs]

    def keyword_values(self, call: LayerCall):
        """A call's keywords with their tensors: initial_state=[h, c], mask=m; `training`
        is a value, no tensor."""
        values = {}
        for key, refs in call.call_kwargs.items():
            if key == "training" or refs is None:
                values[key] = refs
            else:
                values[key] = [self.resolve(ref) for ref in refs] if isinstance(refs, list) else self.resolve(refs)
        return values

    def add_layer(self, call: LayerCall, previous):
        written_name = _written_name(call)
        name = written_name if isinstance(written_name, str) else call.use  # for a message's label
        try:
            if call.use is not None:
                return self.reuse_layer(call, previous)
            if call.class_name in NESTED_MODELS:
                return self.add_nested_model(call, previous)
            class_name = call.class_name if call.rule is not None else resolve_class(call)
            if written_name is not None and (not isinstance(written_name, str) or "/" in written_name):
                raise SpecError(f"'name' must be a string without '/'; got {shown(written_name)}")
            planned = call.rule or self.names.take_rule(call)  # made by the name plan, of the same arguments
            if isinstance(call.rule, GivenLayer):
                call.rule.take_policy()
            args, kwargs = self.inner_arguments(call) if planned is None else ((), {})
            printed = class_name if call.rule is not None else call.shown_class or keras_class(class_name)  # ops.Add: Add
            if class_name.startswith(OPERATION_PREFIX) and not self.names.naming.records_operations:
                raise SpecError(
                    f"tf-keras lists the keras.ops operation {printed} as a TFOpLambda layer, which "
                    "convcalc does not model",
                    hint="summarize it in Keras 3's layout: leave out --style keras2",
                )
            name = self.names.layer(call, printed) if written_name is None else written_name
            rule = planned if planned is not None else RULES[class_name](class_name, bind(class_name, args, kwargs))
            self.check_unique(name, call.line, "layer")
            layer = AnalyzedLayer(name, printed, rule, call=call)
            outputs = self.call_layer(layer, self.tensors_for(call, previous), call)
            layer.model = _contained_model(rule)
            if getattr(rule, "listing", None) is not None:
                layer.listing = _Builder(rule.listing, self.names).analyze()
            self.layers.append(layer)
            self.by_name[name] = self.by_source[id(call)] = layer
            return outputs
        except SpecError as error:
            raise error.located(file=self.graph.source, line=call.line, layer=_describe(call, name)) from None

    def add_nested_model(self, call, previous):
        """A Sequential or Functional entry: one layer whose weights are its model's."""
        arguments.boolean(call.kwargs["trainable"], "trainable")
        rule = NestedModel(call.class_name, call.kwargs["model"], self.names, call.kwargs["trainable"])
        layer = AnalyzedLayer(None, call.class_name, rule, call=call)
        if previous is None:  # in an unbuilt Sequential: built only if it has its own input shape
            outputs = None
            rule.model = _Builder(rule.graph, self.names).analyze()
            layer.built = rule.model.built
            if layer.built:  # Keras's summary reads its shapes from its output_shape
                layer.shapes_as_tuple = True
                node = Node(layer, 0, [])
                node.outputs = [Tensor(node, i, t.shape) for i, t in enumerate(rule.model.outputs)]
                layer.nodes.append(node)
        else:
            outputs = self.call_layer(layer, self.tensors_for(call, previous), call)
        layer.name, layer.model = rule.model.name, rule.model
        self.check_unique(layer.name, call.line, "layer")
        self.layers.append(layer)
        self.by_name[layer.name] = self.by_source[id(call)] = layer
        return outputs

    def inner_arguments(self, call: LayerCall):
        """A call's arguments with each nested layer entry made an InnerLayer."""
        return [self.inner_layer(v) for v in call.args], {k: self.inner_layer(v) for k, v in call.kwargs.items()}

    def inner_layer(self, value):
        """The reader puts layer entries only at an argument's top or in a list of them;
        nothing deeper is walked (a spec's YAML aliases can nest exponentially)."""
        if isinstance(value, LayerCall) and value.class_name in NESTED_MODELS:  # TimeDistributed(model)
            rule = NestedModel(value.class_name, value.kwargs["model"], self.names, value.kwargs["trainable"])
            return InnerLayer(value.kwargs["model"].name, value.class_name, rule)
        if isinstance(value, LayerCall):
            class_name = resolve_class(value, model_layer=False)
            args, kwargs = self.inner_arguments(value)
            name = _written_name(value) or self.names.layer(value, class_name)
            rule = RULES[class_name](class_name, bind(class_name, args, kwargs))
            return InnerLayer(name, class_name, rule)
        if is_layer_list(value):
            return [self.inner_layer(v) for v in value]
        return value

    def reuse_layer(self, call, previous):
        """`use:` calls a defined layer again: a new node, the same weights."""
        layer = self.by_name.get(call.use)
        if layer is None or layer.class_name == "InputLayer":
            raise SpecError(
                f"`use: {call.use}` names no layer defined before this entry."
                f"{did_you_mean(call.use, [n for n, l in self.by_name.items() if l.class_name != 'InputLayer'])}"
            )
        weights = layer.weights
        outputs = self.call_layer(layer, self.tensors_for(call, previous), call)
        if [w.shape for w in layer.weights] != [w.shape for w in weights]:
            raise SpecError(
                f"'{layer.name}' was built for another input: its weights would change shape "
                f"({', '.join(format_shape(w.shape) for w in weights)} → "
                f"{', '.join(format_shape(w.shape) for w in layer.weights)})",
                hint="a shared layer must be applied to inputs of the same shape",
            )
        layer.weights = weights
        return outputs

    def call_layer(self, layer, inputs, call=None):
        """Apply a layer's rule to its input(s); record the call (`call`'s keywords) as a
        new node. In an unbuilt Sequential (no inputs) the layer stays
        unbuilt: no node, no weights."""
        if inputs is None:
            layer.built = getattr(layer.rule, "built", None)
            if layer.built is None:
                keras_name = canonical_class_name(call.class_name) if call is not None and call.shown_class else None
                layer.built = built_at_init(keras_name or layer.class_name)  # a Dropout is, a Dense is not
            if call is not None and call.built_on is not None:  # Normalization.adapt(data) built it
                layer.built = True
                layer.weights, shape = layer.rule.apply(tuple(call.built_on))
                node = Node(layer, 0, [])
                node.outputs = [Tensor(node, 0, shape)]
                layer.nodes.append(node)
            if isinstance(layer.rule, GivenLayer):  # a subclassed model's row: built by its call, or
                layer.weights = layer.rule.build(None)  # unbuilt, with the weights its __init__ made
            if layer.built and isinstance(layer.rule, GivenLayer):
                if layer.rule.shape is not None:
                    shapes = layer.rule.shape
                    several = not all(d is None or isinstance(d, int) for d in shapes)
                    node = Node(layer, 0, [])
                    node.outputs = [Tensor(node, i, s) for i, s in enumerate(shapes if several else [shapes])]
                    layer.nodes.append(node)
                    layer.shapes_as_tuple = several and isinstance(shapes, tuple)
            return None
        rule = layer.rule
        keywords = {}
        if call is not None and call.call_kwargs:
            check_call_keywords(layer.class_name, call.call_kwargs)
            keywords = self.keyword_values(call)
        kind = _input_kind(inputs)
        if kind != rule.input_kind:
            raise SpecError(INPUT_KIND_ERRORS[rule.input_kind].format(layer.class_name))
        single = kind == "tensor"
        if single:
            shape_in = inputs.shape
        elif kind == "list":
            shape_in = [t.shape for t in inputs]
        else:
            shape_in = {key: t.shape for key, t in inputs.items()}
        try:
            layer.weights, shape_out = rule.apply(shape_in)
            if call is not None and call.variables is not None:
                layer.weights = [dataclasses.replace(w, variable=(call.variables, i, w.name))
                                 for i, w in enumerate(layer.weights)]
        except NonPositiveSize as error:
            chain = ", then ".join(_formulas(inputs.steps.get(error.axis)) + [error.formula])
            raise SpecError(
                f"the output would have a zero or negative size on axis {error.axis} "
                f"of {format_shape(shape_in)}: {chain}",
                hint="use a smaller kernel, pool or stride, padding: same, or a larger input",
            ) from None
        masking = self.names.naming.mask_operations
        recorded = previous = None
        if masking:
            first = inputs[rule.first_call_argument or next(iter(inputs))] if kind == "mapping" else inputs
            recorded, previous = call_masks(rule, inputs, keywords, first)
        # Keras's node: the inputs, then the keywords' tensors (tree.flatten: by keyword)
        tensors = [t for key in sorted(keywords) if key != "training" and keywords[key] is not None
                   for t in _flat(keywords[key], rule, None)]
        index = call.node_index if call is not None and call.node_index is not None else len(layer.nodes)
        tensors += [m for m in (recorded if isinstance(recorded, list) else [recorded]) if m is not None]  # Keras's mask=
        node = Node(layer, index, _flat(inputs, rule, self.names.naming), keyword_tensors=tensors)
        if isinstance(shape_out, list):  # several outputs (an RNN's states, ...)
            node.outputs = [Tensor(node, i, shape) for i, shape in enumerate(shape_out)]
        else:
            steps = _spatial_steps(rule, shape_in, inputs, shape_out) if single else NO_STEPS
            node.outputs = [Tensor(node, 0, shape_out, steps)]
        layer.nodes.append(node)
        if masking and supports_masking(rule):
            self.set_masks(rule, inputs, previous, node, call)
        return node.outputs

    def set_masks(self, rule, inputs, previous, node, call):
        """Each output's mask, as the rule's compute_mask gives it; the keras.ops
        operations it applies become nodes, named as Keras names them then (or as the
        reader's run did: the call's mask_names)."""
        names = iter(call.mask_names if call is not None and call.mask_names else ())

        def operation(class_name, operands, shape):
            name = next(names, None) or self.names.names.auto(class_name)
            layer = AnalyzedLayer(name, class_name, Layer(class_name, {}))
            op = Node(layer, 0, list(operands))
            op.outputs = [Tensor(op, 0, tuple(shape))]
            layer.nodes.append(op)
            return op.outputs[0]

        masks = flat_masks(rule.compute_mask(inputs, previous, operation), len(node.outputs))
        for tensor, mask in zip(node.outputs, masks):
            tensor.mask = mask

    def run(self):
        for index, (name, shape, line) in enumerate(self.input_shapes()):
            if self.call_shapes is None:  # a reader's input shape, whatever reader made it
                try:
                    arguments.shape(shape[1:], "the input's shape")
                except SpecError as error:
                    raise error.located(file=self.graph.source, line=line) from None
            self.add_input(name, shape, line)
            self.layers[-1].dtype = self.input_dtype(index)
            if index < len(self.graph.inputs):
                self.by_source[id(self.graph.inputs[index])] = self.input_tensors[-1]
        previous = self.input_tensors[:1]
        for call in self.graph.layers:
            previous = self.add_layer(call, previous)
        return self.outputs(previous)

    def input_dtype(self, index):
        """ModelInput.dtype of input `index`; a Sequential's InputLayer made without one:
        its first layer's input_shape's (InputLayer(shape=...): floatx), else Sequential.build's
        (keras/src/models/sequential.py: _maybe_rebuild, build)."""
        graph = self.graph
        if index < len(graph.inputs):
            return graph.inputs[index].dtype
        first = graph.layers[0]
        if graph.api != "sequential" or first.kwargs.get("input_shape") is not None \
                or layer_input_dim(first.class_name, first.kwargs) is not None:
            return None
        return FIRST_LAYER_DTYPE

    def analyze(self) -> AnalyzedModel:
        graph = self.graph
        if not graph.layers:
            raise SpecError("the spec has no layers", hint="add a `layers:` list", file=graph.source)
        if (graph.api == "subclassed" or graph.api == "sequential" and not graph.built) and self.call_shapes is None:
            return self.analyze_unbuilt()
        outputs = self.run()
        for layer in self.layers[:len(self.input_tensors)]:  # Sequential.build's: its first layer's
            if layer.dtype == FIRST_LAYER_DTYPE:
                tensor = layer.nodes[0].outputs[0]
                first = next((l for l in self.layers if any(t is tensor for n in l.nodes for t in n.input_tensors)), None)
                layer.dtype = first.rule.compute_dtype if first is not None else None
        nodes_by_depth, operations = map_graph(self.input_tensors, outputs)
        if graph.api == "sequential":
            operations = self.layers
        name = graph.name if graph.name is not None else self.names.model(graph)
        for layer in self.layers:  # how its Keras counts trainable weights (naming.py)
            layer.by_variable = self.names.naming.trainable_by_variable
        return AnalyzedModel(name, graph.api, operations, self.input_tensors, outputs, nodes_by_depth,
                             dtype_policy=DTYPE_POLICY.get())

    def analyze_unbuilt(self):
        """A Sequential never given an input shape (keras/src/models/sequential.py builds
        only on one): its layers constructed, none called, so none built (no output
        shape, no weights: keras/src/utils/summary_utils.py prints `?` and `0 (unbuilt)`);
        a nested model with an input shape of its own is built already."""
        for call in self.graph.layers:
            self.add_layer(call, None)
        name = self.graph.name if self.graph.name is not None else self.names.model(self.graph)
        for layer in self.layers:
            layer.by_variable = self.names.naming.trainable_by_variable
        return AnalyzedModel(name, self.graph.api, self.layers, [], [], {}, built=self.graph.built)

    def outputs(self, last):
        """The model's output tensors: the `outputs:` references, or the last layer's."""
        if self.graph.outputs is None:
            return last
        try:
            return [self.resolve(ref) for ref in self.graph.outputs]
        except SpecError as error:
            raise error.located(file=self.graph.source, line=self.graph.outputs_line, layer="outputs") from None


def require_built(model: AnalyzedModel, what, hint):
    """The model, or a clear refusal of `what` for one never built (analyze_unbuilt)."""
    if not model.built:
        raise SpecError(f"the model '{model.name}' is not built (it has no input shape): {what}", hint=hint)
    return model


def plan_names(graph: ModelGraph, naming: Naming) -> NamePlan:
    """Every auto-name of the analysis, taken in Keras's order (convcalc/analysis/name_plan.py)."""
    rules = {}  # scalar_arguments_key -> the rule: equal calls share one (a rule is its arguments')

    def make_rule(name, args, kwargs):
        key = scalar_arguments_key(name, args, kwargs)
        if key is None:
            return RULES[name](name, bind(name, args, kwargs))
        if key not in rules:
            rules[key] = RULES[name](name, bind(name, args, kwargs))
        return rules[key]

    plan = NamePlan(Names(naming), resolve_class, make_rule, _written_name)
    plan.plan(graph)
    return plan


def _contained_model(rule):
    """The layers a layer holds and Keras's summary lists under it (expand_nested lists
    any layer's `.layers`: Pipeline's), as a Sequential's rows, with their own weights
    and output shapes; None for any other layer."""
    contained = rule.contained_layers()
    if not contained:
        return None
    layers = []
    for inner, weights, shape in contained:
        layer = AnalyzedLayer(inner.name, inner.class_name, inner.rule, weights=list(weights))
        node = Node(layer, 0, [])
        node.outputs = [Tensor(node, 0, shape)]
        layer.nodes.append(node)
        layers.append(layer)
    return AnalyzedModel(rule.class_name, "sequential", layers, [], [], {})


class NestedModel(Layer):
    """The rule of a model used as a layer: its output is its graph's, run on the call's
    input shapes (analyzed on the first call; a shared model must keep its shapes)."""

    def __init__(self, class_name, graph, names, trainable):
        self.class_name, self.graph, self.names = class_name, graph, names
        self.trainable = trainable
        self.weight_bits = 32
        self.model = None
        self.input_kind = "list" if len(graph.inputs) > 1 else "tensor"
        self.converts_input_args = class_name != "Functional"  # keras/src/models/functional.py: False

    @property
    def compute_dtype(self):
        """The model's own policy's: the global one when its code made it."""
        return COMPUTE_DTYPES[self.graph.dtype_policy or DTYPE_POLICY.get()]

    def compute_output_shape(self, input_shape):
        shapes = input_shape if self.input_kind == "list" else [input_shape]
        if self.model is None:
            # Its layers keep the shapes they were built on (a declared input's: Keras's
            # summary lists them so); the call's outputs follow the call's shapes
            built = [(self.graph.batch_size, *i.shape) for i in self.graph.inputs] if self.graph.inputs else shapes
            self.model = _Builder(self.graph, self.names, built).analyze()
            called = self.model if built == shapes else _Builder(self.graph, self.names, shapes).analyze()
            self.call_shapes, self.outputs = shapes, [t.shape for t in called.outputs]
        elif shapes != self.call_shapes:
            raise SpecError("a shared nested model must be applied to inputs of the same shapes")
        return self.outputs[0] if len(self.outputs) == 1 else self.outputs

    def build(self, input_shape):
        """As a wrapper's layer (TimeDistributed(cnn)): its weights, which the wrapper
        holds (Functional.build builds nothing new: keras/src/models/functional.py), each
        trainable as the model counts it (a frozen model's, none)."""
        self.compute_output_shape(input_shape)
        return [Weight(f"{layer.name}/{w.name}", w.shape, counted, w.bits or layer.rule.weight_bits,
                       variable_trainable=counted)
                for layer, w, counted in self.model.leaf_weights(self.trainable)]


def analyze(graph: ModelGraph, naming: Naming = KERAS3, dtype_policy=None) -> AnalyzedModel:
    """Every layer's output shapes and weights, as Keras would build them; layers and
    models auto-named as `naming`'s Keras names them (convcalc/naming.py); layers
    without a `dtype` under the global `dtype_policy` (keras.config.set_dtype_policy:
    float32, float16, bfloat16, mixed_float16, ...; None: float32)."""
    token = DTYPE_POLICY.set(dtype_policy)
    try:
        graph = expand_applications(graph, naming)
        return _Builder(graph, plan_names(graph, naming)).analyze()
    finally:
        DTYPE_POLICY.reset(token)
