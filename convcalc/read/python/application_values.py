"""A keras.applications model's inside as the interpreter's values: its inputs, layers and
tensors, for the code that opens it as tutorials do (`base.layers`, `base.output`,
`base.get_layer(name).output`, fine-tuning loops). convcalc/applications traces the
model's graph (a ModelGraph); this stands an InputValue, a LayerValue and a CallSite for
each of its inputs, layers and calls, named as the model's construction named them."""

from __future__ import annotations

from convcalc.graph import NESTED_MODELS, ModelInput
from convcalc.layers.registry import OPERATION_PREFIX
from convcalc.topology import map_graph
from convcalc.read.python.values import CallSite, InputValue, LayerValue, TensorValue, flatten


class ApplicationInside:
    """The values of one application (ModelValue kind application), made once."""

    def __init__(self, interpreter, model, line, input_value=None):
        graph = model.built
        nested = [c for c in graph.layers if c.class_name in NESTED_MODELS]
        if nested:
            raise interpreter.error(
                f"the application {model.application.class_name} holds a nested model, whose layers convcalc "
                "does not open", line=line,
                hint="use it as one layer: x = base(inputs), or Sequential([base, ...])")
        self.inputs = []
        for index, model_input in enumerate(graph.inputs):
            value = input_value  # input_tensor=: the application is built on the code's Input
            if value is None:
                value = InputValue(model_input.shape, graph.batch_size, model_input.name, line, interpreter.next_seq())
                value.auto_name = model.auto_names.get((id(graph), index))
            self.inputs.append(value)
        # input_tensor= a layer's output: the graph starts from it (no Input of its own)
        tensors = {id(i): v if isinstance(v, TensorValue) else v.tensor for i, v in zip(graph.inputs, self.inputs)}
        self.by_call = {}  # id(LayerCall) -> its LayerValue
        latest = {}  # id(LayerCall) -> its CallSite

        def tensor(ref):
            if isinstance(ref, (list, tuple)):
                return [tensor(r) for r in ref]
            if isinstance(ref, dict):
                return {key: tensor(r) for key, r in ref.items()}
            if isinstance(ref.source, ModelInput):
                return tensors[id(ref.source)]
            return TensorValue(latest[id(ref.source)], ref.index)

        previous = tensors[id(graph.inputs[0])]
        for call in graph.layers:  # no application calls a layer twice (tracer.py)
            layer = LayerValue(call.class_name, call.class_name, list(call.args), dict(call.kwargs), line,
                               interpreter.next_seq())
            if layer.name is None:
                layer.auto_name = model.auto_names.get(id(call))
            if not model.trainable:  # base.trainable = False before: its layers are frozen
                layer.trainable = False
            site = CallSite(layer, previous if call.inputs is None else tensor(call.inputs), line,
                            interpreter.next_seq())
            layer.nodes.append(site)
            latest[id(call)], self.by_call[id(call)] = site, layer
            previous = TensorValue(site, None)
        self.outputs = [tensor(ref) for ref in graph.outputs]
        # model.layers: Keras's Functional lists its operations in its graph's order
        # (map_graph, as the engine's), the keras.ops operations left out
        self.layers = []
        for source in _keras_order(graph):
            if isinstance(source, ModelInput):
                if isinstance(self.inputs[graph.inputs.index(source)], InputValue):  # not a layer's output
                    self.layers.append(self.inputs[graph.inputs.index(source)])
            elif not source.class_name.startswith(OPERATION_PREFIX) and id(source) in self.by_call:
                self.layers.append(self.by_call[id(source)])

    def frozen_calls(self):
        """(id of the LayerCall, trainable) of each layer the code froze or thawed."""
        return [(key, layer.trainable) for key, layer in self.by_call.items() if layer.trainable is not None]


class _Source:
    """A LayerCall or ModelInput, hashed by identity (map_graph keys its layers)."""

    def __init__(self, source):
        self.source = source


class _Node:
    """One call of a traced graph as map_graph walks it (topology.py): its layer (the
    LayerCall, or the ModelInput of an input) and the tensors it takes."""

    def __init__(self, source, inputs):
        self.layer, self.all_inputs = source if isinstance(source, _Source) else _Source(source), inputs
        self.parent_nodes = [t.node for t in inputs]
        self.output = _Tensor(self)


class _Tensor:
    def __init__(self, node):
        self.node, self.layer = node, node.layer


def _keras_order(graph):
    """The traced graph's inputs and LayerCalls in the order Keras's Functional lists
    them (map_graph: by decreasing depth), without analyzing it."""
    nodes = {id(i): _Node(i, []) for i in graph.inputs}

    def refs(value):
        if isinstance(value, (list, tuple)):
            return [t for v in value for t in refs(v)]
        if isinstance(value, dict):
            return [t for v in value.values() for t in refs(v)]
        return [nodes[id(value.source)].output]

    previous = nodes[id(graph.inputs[0])].output
    for call in graph.layers:
        node = nodes[id(call)] = _Node(call, [previous] if call.inputs is None else refs(call.inputs))
        previous = node.output
    inputs = [nodes[id(i)].output for i in graph.inputs]
    _, order = map_graph(inputs, refs(graph.outputs))
    return [layer.source for layer in order]


def functional_order(inputs, outputs, sites):
    """The layers of a functional model of the code (its InputValues, the layers and
    models of its calls `sites`) in the order Keras's Functional lists them
    (Functional.layers: map_graph's, by decreasing depth), without analyzing it."""
    sources, nodes = {}, {}

    def source(obj):
        return sources.setdefault(id(obj), _Source(obj))

    def tensor(value):
        if value.input_layer is not None:
            if id(value.input_layer) not in nodes:
                nodes[id(value.input_layer)] = _Node(source(value.input_layer), [])
            return nodes[id(value.input_layer)].output
        return nodes[id(value.node)].output

    model_inputs = [tensor(t) for t in flatten(inputs) if isinstance(t, TensorValue) and t.input_layer is not None]
    for site in sorted(sites, key=lambda s: s.seq):  # a call's tensors are made before it
        nodes[id(site)] = _Node(source(site.layer), [tensor(t) for t in site.tensors() if isinstance(t, TensorValue)])
    _, order = map_graph(model_inputs, [tensor(t) for t in flatten(outputs) if isinstance(t, TensorValue)])
    return [layer.source for layer in order]
