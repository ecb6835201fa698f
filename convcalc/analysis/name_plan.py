"""Auto-names in the order Keras takes them, planned before the analysis.

Keras numbers auto-names per prefix as things are created, so a name depends on what was
created before it; never on shapes. The order is not the spec's order: a Sequential model
is given its layers already constructed, and builds them (calls them: a nested
Sequential without an input builds then, and makes its Functional) only after it is
itself named; a Functional model (and a nested one, built from its declared inputs) is
built as it is written, each layer constructed and then called. The plan walks a graph
in that order once, so that the analysis, which walks each model as it is called, can
look the names up.

The walk binds each layer's arguments (for the layers its __init__ and build make);
a spec error stops the plan there: the analysis meets the same error and reports it.
"""

from __future__ import annotations

from convcalc.errors import SpecError
from convcalc.graph import NESTED_MODELS, LayerCall, ModelGraph, is_layer_list
from convcalc.layers.base import InnerLayer
from convcalc.layers.signatures import layer_input_dim
from convcalc.naming import Names


class NamePlan:
    """Every auto-name of one analysis, keyed by the graph object it names."""

    def __init__(self, names: Names, resolve, make_rule, written_name):
        self.names = names
        self.naming = names.naming
        self.resolve = resolve  # (LayerCall, model_layer=) -> the Keras class name (engine.resolve_class)
        self.make_rule = make_rule  # (class name, args, kwargs) -> the bound rule
        self.written_name = written_name  # LayerCall -> the name the spec gives it, or None
        self.planned = {}  # id(object) -> its name: a LayerCall, a ModelGraph, (id(graph), input index)
        self.rules = {}  # id(LayerCall) -> its rule, for what its build names
        self.unbuilt = set()  # ids of nested Sequential graphs that build when first called

    # -- what the analysis asks ----------------------------------------------------------
    def layer(self, call: LayerCall, class_name):
        return self._take(id(call), class_name)

    def model(self, graph: ModelGraph):
        return self._take(id(graph), graph.api.capitalize())

    def input(self, graph: ModelGraph, index):
        return self._take((id(graph), index), "InputLayer")

    def take_rule(self, call: LayerCall):
        """The rule the plan made for a layer entry, once (a model analyzed twice makes its
        own the second time); None when the plan did not get to it, or when the entry has
        layer arguments (the analysis names those itself)."""
        if any(_holds_layer(v) for v in [*call.args, *call.kwargs.values()]):
            return None
        return self.rules.pop(id(call), None)

    def _take(self, key, class_name):
        """The planned name; past a planning error, the next free one."""
        if key not in self.planned:
            self.planned[key] = self.names.auto(class_name)
        return self.planned[key]

    # -- the walk ------------------------------------------------------------------------
    def plan(self, graph: ModelGraph):
        try:
            self._model(graph, top=True)
        except (SpecError, KeyError, TypeError, ValueError):
            pass  # the analysis reports it where it meets it

    def _name(self, key, class_name):
        self.planned[key] = self.names.auto(class_name)

    def _input(self, graph, index, implicit=False):
        if implicit and not self.naming.sequential_input_numbered:
            return  # tf-keras names a Sequential's implicit input after its first layer
        self._name((id(graph), index), "InputLayer")

    def _model(self, graph, top=False):
        if graph.api == "functional":
            self._functional(graph)
        else:
            self._sequential(graph, top)

    def _functional(self, graph):
        """keras.Input(...) first, then each layer constructed and called, then the model."""
        for index in range(max(len(graph.inputs), 1)):
            if index >= len(graph.inputs) or graph.inputs[index].name is None:
                self._input(graph, index)
        for call in graph.layers:
            self._construct(call)
            self._call(call)
        if graph.name is None:
            self._name(id(graph), "Functional")

    def _sequential(self, graph, top):
        """Its layers constructed, its input, the model; built then if it knows its input
        shape (else when first called)."""
        for call in graph.layers:  # a Sequential is given its layers constructed
            self._construct(call)
        declared = bool(graph.inputs) or graph.batch_size is not None
        if declared:  # keras.Input(...), made before the model
            self._input(graph, 0, implicit=not graph.inputs)
        if graph.name is None:
            self._name(id(graph), "Sequential")
        first = graph.layers[0] if graph.layers else LayerCall(None)
        legacy = "input_shape" in first.kwargs or layer_input_dim(first.class_name, first.kwargs) is not None
        if (top and graph.built) or declared or legacy or (  # an unbuilt one names no input
            self._built_model(first) and len(graph.layers) > 1  # Sequential takes its input_shape
        ):
            if not declared:  # made by Sequential.add from the first layer's input_shape
                self._input(graph, 0, implicit=True)
            self._build_sequential(graph)
        else:
            self.unbuilt.add(id(graph))

    def _built_model(self, call):
        """Whether a layer entry is a model already built when constructed: a Functional,
        or a Sequential that knows its input."""
        if call.class_name not in NESTED_MODELS:
            return False
        return call.class_name == "Functional" or id(call.kwargs["model"]) not in self.unbuilt

    def _build_sequential(self, graph):
        for call in graph.layers:
            self._call(call)
        if self.naming.sequential_makes_functional:
            self.names.auto("Functional")  # Sequential.build makes a Functional inside

    def _construct(self, call: LayerCall):
        """What Keras names when the layer is constructed: argument layers, the layer,
        the layers its __init__ makes; a nested model, all it names when it is made."""
        if call.use is not None:
            return
        if call.class_name in NESTED_MODELS:
            self._model(call.kwargs["model"])
            return
        class_name, rule = self._layer(call, model_layer=True)
        if self.written_name(call) is None:  # the class Keras names it after (ops.Add: Add)
            self._name(id(call), class_name if call.rule is not None else type(rule).__name__)
        for created in rule.created_layers():
            self.names.auto(created)
        self.rules[id(call)] = rule

    def _layer(self, call, model_layer):
        """(class name, rule) of a layer entry, its argument layers named first."""
        if call.rule is not None:  # a class the code defines
            return call.class_name, call.rule
        class_name = self.resolve(call, model_layer=model_layer)
        args = [self._argument(v) for v in call.args]
        kwargs = {k: self._argument(v) for k, v in call.kwargs.items()}
        return class_name, self.make_rule(class_name, args, kwargs)

    def _argument(self, value):
        if isinstance(value, LayerCall):
            class_name, rule = self._layer(value, model_layer=False)
            name = self.written_name(value)
            if name is None:
                self._name(id(value), class_name)
                name = self.planned[id(value)]
            for created in rule.created_layers():
                self.names.auto(created)
            return InnerLayer(name, class_name, rule)
        if is_layer_list(value):
            return [self._argument(v) for v in value]
        return value

    def _call(self, call: LayerCall):
        """What Keras names when a layer is first called (built)."""
        if call.use is not None:
            return
        if call.class_name in NESTED_MODELS:
            graph = call.kwargs["model"]
            if id(graph) in self.unbuilt:
                self.unbuilt.discard(id(graph))
                self._input(graph, 0, implicit=True)  # Sequential.build makes its InputLayer
                self._build_sequential(graph)
            return
        if self.naming.names_built_layers:
            for created in self.rules[id(call)].built_layers():
                self.names.auto(created)


def _holds_layer(value):
    """An argument that is a layer entry, or a list of them (the only places a reader puts them)."""
    return isinstance(value, LayerCall) or is_layer_list(value)
