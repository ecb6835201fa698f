"""From the interpreter's objects to a ModelGraph: named as the code's run names them, or
left for the engine to name."""

from __future__ import annotations

import copy

from convcalc.errors import SpecError, shown
from convcalc.graph import NESTED_MODELS, LayerCall, ModelGraph, ModelInput, Output
from convcalc.layers.registry import OPERATION_PREFIX, keras_class
from convcalc.layers.signatures import OBJECT_KINDS, built_at_init, canonical_class_name, keras_activations
from convcalc.layers.user import GivenLayer
from convcalc.read.python.user_classes import tracked_layers, user_layer_rule
from convcalc.read.python.values import (
    MAX_ITEMS, PLAIN_SCALARS, flatten, Function, InputValue, KerasObject, KerasThing, LambdaValue, LayerValue, ModelValue,
    plain, spec_plain, TensorValue, Unknown, UserLayerValue, UserObject, walk,
)


def _own_object(key, value):
    """An initializer, regularizer or constraint of the file's own (a subclass of
    keras.regularizers.Regularizer, a function): Keras calls it on weights and outputs,
    which changes no figure; a spec holds it as None."""
    if not any(key.endswith(suffix) for suffix in OBJECT_KINDS):
        return False
    if isinstance(value, Function):
        return True
    return isinstance(value, UserObject) and any(
        isinstance(base, KerasThing) and base.kind in OBJECT_KINDS.values() for c in value.cls.mro() for base in c.bases)


def _trainable(layer: LayerValue):
    return layer.trainable if layer.trainable is not None else bool(layer.kwargs.get("trainable", True))


def _code_function(key, value):
    """An activation, or TextVectorization's standardize or split, given as a function of
    the file's own: {"function": its name} (it changes no figure; a split function splits)."""
    if key in ("standardize", "split", "activation", "recurrent_activation") and isinstance(value, Function):
        return {"function": getattr(value.node, "name", "<lambda>")}
    return None


def auto_named(graph):
    """(key, class name) of each thing constructing a graph's model names by itself, in
    order: its unnamed inputs, its unnamed layers (a nested model's own first), itself
    if unnamed. Keys as the engine's name plan keys them: (id(graph), input index),
    id(LayerCall), id(ModelGraph)."""
    for index, model_input in enumerate(graph.inputs):
        if model_input.name is None:
            yield (id(graph), index), "InputLayer"
    for call in graph.layers:
        if call.use is not None:
            continue
        if call.class_name in ("Sequential", "Functional"):
            yield from auto_named(call.kwargs["model"])
        elif not isinstance(call.kwargs.get("name"), str):  # a keras.ops operation after its class: ops.Add, add
            yield id(call), canonical_class_name(call.class_name) or keras_class(call.class_name)
    if graph.name is None:
        yield id(graph), graph.api.capitalize()


def _built_inside(graph):
    """A built model builds the models it holds: it calls them (Sequential.build)."""
    for call in graph.layers:
        if call.class_name == "Sequential" and call.use is None and isinstance(call.kwargs.get("model"), ModelGraph):
            call.kwargs["model"].built = True
            _built_inside(call.kwargs["model"])


def _take_policy(graph, policy):
    """The layers an application builds under the global policy the code set take it."""
    for call in graph.layers if policy is not None else ():
        if call.class_name in NESTED_MODELS:
            _take_policy(call.kwargs["model"], policy)
        elif call.use is None and call.kwargs.get("dtype") is None and not call.class_name.startswith(OPERATION_PREFIX):
            call.kwargs["dtype"] = policy


def spec_form(graph):
    """A graph convcalc.applications built, as a spec holds it, once everything in it has
    a name: references by name (not Output, by identity), lists for tuples."""
    def name(ref):
        if isinstance(ref, dict):
            return {key: name(r) for key, r in ref.items()}
        if isinstance(ref, list):
            return [name(r) for r in ref]
        if not isinstance(ref, Output):
            return ref
        if isinstance(ref.source, ModelInput):
            return ref.source.name
        layer = ref.source.kwargs["name"]
        return layer if ref.index is None else f"{layer}[{ref.index}]"

    for call in graph.layers:
        call.inputs = name(call.inputs)
        if call.class_name in ("Sequential", "Functional") and call.use is None:
            spec_form(call.kwargs["model"])
        elif call.use is None:
            call.args, call.kwargs = spec_plain(call.args), spec_plain(call.kwargs)
    if graph.outputs is not None:
        graph.outputs = name(graph.outputs)


class GraphBuilder:
    """The ModelGraph of a model object, every layer, input and model named as the code's
    run names them (the reader plans the names: the analysis never has to)."""

    def __init__(self, source, has_input_shape, built_elsewhere=None, dtype_policy_at=lambda seq: None):
        self.source = source
        self.has_input_shape = has_input_shape  # ModelValue -> whether Keras builds it by itself
        # LayerValue -> (weights, output shape) of its first call (in another model), or None
        self.built_elsewhere = built_elsewhere or (lambda layer: None)
        self.dtype_policy_at = dtype_policy_at  # seq -> the global dtype policy the code had set
        self.applications = []  # (LayerCall, application Model): what the code wrote for each
        self.built_graphs = []  # the applications' graphs (copies)
        self.insides = []  # (LayerCall, ModelInput or ModelGraph in them, the name the run gives it)
        self.building = set()  # ids of the models whose graphs are being made

    def given_policy(self, layer):
        """A layer's weights' dtype policy: its own (dtype=, a class's Layer.__init__'s), else
        the global one the code had set when it was made."""
        given = layer.kwargs.get("dtype") if isinstance(layer, LayerValue) else getattr(layer, "given_dtype", None)
        return given if given is not None else self.dtype_policy_at(layer.seq)

    def error(self, what, line=None, hint=None):
        return SpecError(what, hint=hint, file=self.source, line=line)

    def name_of(self, obj):
        return obj.name if obj.name is not None else obj.auto_name

    def graph(self, model):
        build = {"sequential": self.sequential, "application": self.application}.get(model.kind, self.functional)
        self.building.add(id(model))  # a model wrapped inside itself is refused, not followed forever
        try:
            graph = build(model)
        finally:
            self.building.discard(id(model))
        graph.name = self.name_of(model)
        graph.source = self.source
        graph.dtype_policy = self.dtype_policy_at(model.seq)
        graph.built = model.kind != "sequential" or model.built_by_call or self.has_input_shape(model)
        if graph.built:
            _built_inside(graph)
        return graph

    def sequential(self, model):
        items = list(model.items)
        if not items:
            raise self.error(f"the Sequential model '{model.display_name}' has no layers", model.line)
        inputs, batch_size, input_layer = [], None, None
        if isinstance(items[0][0], InputValue):
            input_layer = items.pop(0)[0]
        elif model.built_input is not None:
            input_layer = model.built_input
        if input_layer is not None:
            inputs, batch_size = [self.model_input(input_layer)], self.batch_size(input_layer)
        elif model.built_on_unknown is not None and not self.has_input_shape(model):
            data, line = model.built_on_unknown
            raise self.error(
                f"the Sequential model '{model.display_name}' is built at line {line} on {data}, data of "
                "a shape convcalc does not know", line,
                hint="give the model its input shape: start it with keras.Input(shape=...), or "
                     "model.build((None, ...)) before that line")
        if not items:
            raise self.error(f"the Sequential model '{model.display_name}' has only an input, no layers", model.line)
        if input_layer is None and model.implicit_input is not None:  # a first layer's or first model's input_shape
            batch_size = model.implicit_input.batch_size
        unbuilt = not inputs and not model.built_by_call and not self.has_input_shape(model)
        calls = []
        for position, (item, line) in enumerate(items, 1):
            figures = self.built_elsewhere(item) if unbuilt and isinstance(item, LayerValue) else None
            if figures is not None:  # an unbuilt Sequential lists a layer built in another model as it stands
                weights, shape = figures
                rule = GivenLayer(item.class_name, weights, {}, _trainable(item) and model.trainable, "tensor",
                                  built=True, shape=shape)
                rule.given_policy = self.given_policy(item)
                calls.append(LayerCall(item.class_name, kwargs={"name": item.display_name}, position=position,
                                       line=line, rule=rule))
                continue
            calls.append(self.first_call(item, position, line, None))
        graph = ModelGraph(calls, "sequential", inputs=inputs, batch_size=batch_size,
                           input_name=None if inputs else model.input_name)
        return graph

    def application(self, model):
        """The graph an application's builder makes (a copy); the names the run gives what
        it made by itself are set by name_insides."""
        memo = {}
        graph = copy.deepcopy(model.built, memo)
        _take_policy(graph, self.dtype_policy_at(model.seq))
        for key, trainable in model.inside.frozen_calls() if model.inside is not None else ():
            memo[key].kwargs["trainable"] = trainable  # for layer in base.layers[:100]: ...
        for key, name in model.auto_names.items():
            if isinstance(key, tuple):  # an input: (id(graph), index)
                owner = memo[key[0]]
                self.insides.append((owner.inputs[key[1]], name))
            else:
                target = memo[key]
                self.insides.append((target, name))
        self.built_graphs.append(graph)
        return graph

    def name_insides(self, graph):
        """The graph with what the applications made named as the run names it, and
        referred to by name (a spec's references): an application used as a layer is the
        Functional model it builds, its call remembering what the code wrote."""
        for target, name in self.insides:
            if isinstance(target, LayerCall):
                target.kwargs["name"] = name
            else:  # a ModelInput or a ModelGraph
                target.name = name
        for built in self.built_graphs:
            spec_form(built)
        for call, model in self.applications:  # what the code wrote, for a spec (write_spec.py)
            written = model.application
            call.written_as = LayerCall(written.class_name, list(written.args),
                                        {**written.kwargs, **({} if model.trainable else {"trainable": False})},
                                        position=call.position, line=call.line)
        return graph

    def model_input(self, layer):
        shape = layer.shape
        if isinstance(shape, Unknown) or not plain(shape) or not isinstance(shape, (list, tuple)):
            what = shape.describe() if isinstance(shape, Unknown) else shown(shape)
            raise self.error(
                f"the input's shape is {what}, which convcalc does not compute",
                layer.line, hint="write the shape itself, e.g. Input(shape=(28, 28, 1))",
            )
        try:
            from convcalc.layers import arguments

            shape = arguments.shape(spec_plain(shape), "the input's shape")
        except SpecError as error:
            raise error.located(file=self.source, line=layer.line) from None
        return ModelInput(self.name_of(layer), shape, layer.line, layer.dtype)

    def batch_size(self, layer):
        from convcalc.layers.arguments import batch_size

        try:
            return batch_size(layer.batch_size, "the input's batch size")
        except SpecError as error:
            raise self.error(error.what, layer.line) from None

    def functional(self, model):
        inputs = flatten(model.inputs)
        model_inputs, batch_sizes, input_ids = [], set(), set()
        for tensor in inputs:
            if not (isinstance(tensor, TensorValue) and tensor.input_layer is not None):
                what = tensor.describe() if isinstance(tensor, Unknown) else self.describe(tensor)
                raise self.error(f"the model's inputs must be Input() tensors; one is {what}", model.line)
            model_inputs.append(self.model_input(tensor.input_layer))
            batch_sizes.add(self.batch_size(tensor.input_layer))
            input_ids.add(id(tensor.input_layer))
        if len(batch_sizes) > 1:
            raise self.error("the inputs have different batch sizes", model.line,
                             hint="convcalc models one batch size per model")
        outputs = flatten(model.outputs)
        nodes = self.walk(model, outputs, input_ids)
        counts, index_of, calls = {}, {}, []
        for node in sorted(nodes, key=lambda n: n.seq):
            layer = node.layer
            refs = self.references(node.inputs, counts, index_of, node.line)
            if id(layer) in counts:
                call = LayerCall(None, inputs=refs, position=len(calls) + 1, line=node.line,
                                 use=layer.display_name)
            else:
                call = self.first_call(layer, len(calls) + 1, node.line, refs)
            call.call_kwargs = {key: value if key == "training" or value is None
                                else self.references(value, counts, index_of, node.line)
                                for key, value in node.keywords.items()}
            call.mask_names = node.mask_names
            if layer.nodes.index(node) != counts.get(id(layer), 0):  # called by another model before
                call.node_index = layer.nodes.index(node)
            index_of[id(node)] = counts.get(id(layer), 0)
            counts[id(layer)] = counts.get(id(layer), 0) + 1
            calls.append(call)
        output_refs = [self.reference(t, counts, index_of, model.line) for t in outputs]
        graph = ModelGraph(calls, "functional", inputs=model_inputs, outputs=output_refs,
                           batch_size=batch_sizes.pop() if batch_sizes else None)
        return graph

    def describe(self, value):
        if isinstance(value, TensorValue):
            return "a layer's output, not an Input()"
        if isinstance(value, (LayerValue, ModelValue)):
            return f"the layer '{value.display_name}' itself (not a tensor: call it on one)"
        return shown(value)

    def walk(self, model, outputs, input_ids):
        seen, stack = {}, list(outputs)
        while stack:
            tensor = stack.pop()
            if isinstance(tensor, Unknown):
                raise self.error(f"the model depends on {tensor.describe()}, which convcalc does not follow",
                                 tensor.line)
            if not isinstance(tensor, TensorValue):
                raise self.error(f"a layer is applied to {self.describe(tensor)}", model.line)
            if tensor.input_layer is not None:
                if id(tensor.input_layer) not in input_ids:
                    raise self.error(
                        f"the model's outputs depend on the input '{tensor.input_layer.display_name}' "
                        f"(line {tensor.input_layer.line}), which is not among its inputs", model.line)
                continue
            if id(tensor.node) in seen:
                continue
            seen[id(tensor.node)] = tensor.node
            for item in tensor.node.tensors():
                if isinstance(item, Unknown):
                    raise self.error(
                        f"'{tensor.node.layer.display_name}' is applied to {item.describe()}, "
                        "which convcalc does not follow", tensor.node.line)
                if not isinstance(item, TensorValue):
                    raise self.error(f"'{tensor.node.layer.display_name}' is applied to {self.describe(item)}",
                                     tensor.node.line)
                stack.append(item)
        return list(seen.values())

    def references(self, inputs, counts, index_of, line):
        if isinstance(inputs, dict):
            return {key: self.reference(t, counts, index_of, line) for key, t in inputs.items()}
        if isinstance(inputs, (list, tuple)):
            return [self.reference(t, counts, index_of, line) for t in inputs]
        return self.reference(inputs, counts, index_of, line)

    def reference(self, tensor, counts, index_of, line):
        if not isinstance(tensor, TensorValue):
            raise self.error(f"a layer is applied to {self.describe(tensor)}", line)
        if tensor.input_layer is not None:
            return tensor.input_layer.display_name
        layer = tensor.node.layer
        name = layer.display_name
        call = index_of[id(tensor.node)]
        if call == counts[id(layer)] - 1:
            return name if tensor.index is None else f"{name}[{tensor.index}]"
        return f"{name}[{call}][{tensor.index or 0}]"

    def first_call(self, item, position, line, inputs):
        if isinstance(item, ModelValue):
            subgraph = self.graph(item)
            call = LayerCall("Sequential" if item.kind == "sequential" else "Functional",
                             kwargs={"model": subgraph, "trainable": item.trainable},
                             inputs=inputs, position=position, line=line)
            if item.kind == "application":
                self.applications.append((call, item))
            return call
        if isinstance(item, InputValue):
            raise self.error("an Input can only be the first entry of a Sequential model", line)
        if isinstance(item, UserLayerValue):
            return self.user_layer_call(item, position, line, inputs)
        if not isinstance(item, LayerValue):
            what = item.describe() if isinstance(item, Unknown) else self.describe(item)
            raise self.error(f"a model holds {what}, which is not a Keras layer convcalc follows", line)
        call = self.layer_call(item)
        call.inputs, call.position = inputs, position
        return call

    def subclassed(self, model):
        """A subclassed model (class M(keras.Model)): keras/src/utils/summary_utils.py
        lists its layers (model.layers: the layers its attributes hold) as they stand, each
        built or not by the calls of the model so far, none connected; a Sequential's
        graph that the analysis does not call (built: False)."""
        self.check_built_on_data(model)
        calls = []
        for position, item in enumerate(tracked_layers(model), 1):
            if isinstance(item, UserLayerValue):
                self.check_built_on_data(item)
                rule = user_layer_rule(item)
                if item.kind == "model" and tracked_layers(item):  # expand_nested lists its .layers
                    rule.listing = self.subclassed(item)
                rule.built = item.built
                rule.given_policy = self.given_policy(item)
                rule.shape = item.outputs[0][1] if item.outputs and item.cls.lookup("compute_output_shape")[1] else None
                if item.shapes_as_tuple and isinstance(rule.shape, list):
                    rule.shape = tuple(rule.shape)  # as its compute_output_shape gives them
                call = LayerCall(item.class_name, kwargs={"name": item.display_name}, position=position,
                                 line=item.line, rule=rule)
            elif isinstance(item, LayerValue) and getattr(item, "traced_weights", None) is not None:
                shape = None if built_at_init(item.class_name) else item.traced_shape
                rule = GivenLayer(item.class_name, item.traced_weights, {}, _trainable(item) and model.trainable,
                                  "tensor", built=True, shape=shape)
                rule.given_policy = self.given_policy(item)
                call = LayerCall(item.class_name, kwargs={"name": item.display_name}, position=position,
                                 line=item.line, rule=rule)
            else:
                call = self.first_call(item, position, item.line, None)
            calls.append(call)
        if not calls:
            raise self.error(f"the model '{model.display_name}' ({model.class_name}) holds no layers", model.line)
        graph = ModelGraph(calls, "subclassed", name=model.display_name, built=model.built)
        graph.source = self.source
        return graph

    def check_built_on_data(self, layer):
        """A user class's instance that Keras builds on data convcalc does not hold (it
        would list it built, convcalc cannot): refused, not shown unbuilt."""
        if not layer.built and layer.built_on_unknown is not None:
            data, line = layer.built_on_unknown
            raise self.error(
                f"'{layer.display_name}' ({layer.class_name}) is built at line {line} on {data}, data of a "
                "shape convcalc does not know", line,
                hint="build it on a shape convcalc reads: call it on keras.Input(shape=...), on np.zeros((n, ...)), "
                     "or model.build((None, ...)) before that line")

    def user_layer_call(self, layer, position, line, inputs):
        """A layer of a class the code defines: its rule, as the reader followed it."""
        self.check_built_on_data(layer)
        rule = user_layer_rule(layer)
        rule.built = layer.built or bool(layer.outputs)  # in a Sequential never built: listed unbuilt
        rule.output_spec_by_shape = layer.kind != "model" and (
            isinstance(layer, LambdaValue) or layer.cls.lookup("compute_output_shape")[0] is not None)
        rule.given_policy = self.given_policy(layer)
        if layer.kind == "model" and tracked_layers(layer):  # Keras's expand_nested lists its .layers
            rule.listing = self.subclassed(layer)
        name = self.name_of(layer)
        kwargs = {**({"name": name} if name else {}), **spec_plain(layer.kwargs)}  # input_shape: a Sequential's
        call = LayerCall(layer.class_name, kwargs=kwargs, inputs=inputs, position=position, line=line, rule=rule)
        return call

    def layer_call(self, layer):
        where = f"{layer.written}"
        args = [self.value(v, layer, f"{where}'s argument {i + 1}") for i, v in enumerate(layer.args)]
        kwargs = {k: None if _own_object(k, v) else _code_function(k, v) or self.value(v, layer, f"{where}'s argument '{k}'")
                  for k, v in layer.kwargs.items()}
        if "name" not in kwargs:
            kwargs["name"] = layer.auto_name
        if layer.trainable is not None:
            kwargs["trainable"] = layer.trainable
        policy = self.dtype_policy_at(layer.seq)
        if kwargs.get("dtype") is None and policy is not None and not layer.class_name.startswith(OPERATION_PREFIX):
            kwargs["dtype"] = policy  # Layer.__init__ takes the global policy (get_config writes it)
        call = LayerCall(layer.written, args, kwargs, position=0, line=layer.line,
                         built_on=getattr(layer, "built_on", None), variables=id(layer),
                         shown_class=getattr(layer, "subclass", None))
        return call

    def value(self, value, layer, what):
        if isinstance(value, (list, tuple, dict)) and walk(value) is None:
            raise self.error(f"{what} holds more than {MAX_ITEMS:,} values", layer.line)
        if isinstance(value, Unknown):
            raise self.error(
                f"{what} is {value.text}, which convcalc does not compute ({value.why}, line {value.line})",
                layer.line, hint="write the value itself: convcalc never runs code",
            )
        if isinstance(value, LayerValue):
            return self.layer_call(value)
        if isinstance(value, ModelValue) and layer.class_name == "TimeDistributed" and id(value) not in self.building \
                and (value.kind != "sequential" or value.built_by_call or self.has_input_shape(value)):
            return self.first_call(value, 0, layer.line, None)  # TimeDistributed(cnn): the model, as a layer
        if isinstance(value, KerasObject):
            return {"class_name": value.class_name, "config": value.config}
        if isinstance(value, KerasThing) and value.kind == "activation":
            return value.name
        if isinstance(value, KerasThing) and value.kind == "op" and value.name in keras_activations():
            return value.name  # activation=keras.ops.tanh: activations.get takes the function as it is
        if isinstance(value, (list, tuple)):
            return [self.value(v, layer, what) for v in value]
        if isinstance(value, range):
            return list(value)
        if isinstance(value, dict):
            return {k: self.value(v, layer, what) for k, v in value.items()}
        if isinstance(value, (set, complex)) or not isinstance(value, PLAIN_SCALARS):
            raise self.error(f"{what} is {self.describe(value) if isinstance(value, (TensorValue, ModelValue)) else type(value).__name__}, "
                             "not a value a layer takes", layer.line)
        return value


