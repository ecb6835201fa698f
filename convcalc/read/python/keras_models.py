"""Keras's models as the code builds them: Sequential (add, pop, build and the names each
rebuild takes), Model(inputs, outputs), keras.applications models, and models called on
tensors."""

from __future__ import annotations

import inspect
import math

from convcalc.errors import SpecError, did_you_mean
from convcalc.graph import FIRST_LAYER_DTYPE, LayerCall
from convcalc.layers.registry import OPERATION_PREFIX
from convcalc.layers.signatures import layer_input_dim
from convcalc.read.python.graph_builder import auto_named
from convcalc.read.python.keras_layers import held_sequential
from convcalc.read.python.training import TRAINING_METHODS, compile_model, train_model
from convcalc.read.python.values import (
    ARRAY_FUNCTIONS, DATA_METHODS, MAX_VIEW_CALLS, MODEL_ARGUMENTS, MODEL_METHODS, SEQUENTIAL_ARGUMENTS,
    ArrayValue, CallSite, find, flatten, InputValue, KerasThing, LayerValue, Method, ModelValue, plain,
    relevant_nodes, spec_plain, ShapedTensor, TensorValue, Unknown, UserLayerValue, WeightValue, free_sizes,
)


class KerasModels:
    def model_attribute(self, model, name, node):
        if name == "trainable":
            return model.trainable
        if name == "name":
            return model.display_name
        if model.kind == "application" and name in ("input", "inputs", "output", "outputs"):
            inside = self.application_inside(model, node)
            tensors = [i.tensor for i in inside.inputs] if name.startswith("input") else inside.outputs
            return list(tensors) if name.endswith("s") or len(tensors) > 1 else tensors[0]
        if name == "layers":
            return self.model_layers(model, node)
        if model.kind == "functional" and name in ("input", "inputs", "output", "outputs"):
            value = model.inputs if name.startswith("input") else model.outputs
            if name in ("inputs", "outputs"):
                return list(flatten(value))
            return value
        if name in ("inputs", "outputs"):
            if model.builds:
                self.make_builds(model)
            view = model.view
            if view is None:
                raise self.error(f"Sequential model '{model.display_name}' has no defined {name} yet (Keras's "
                                 "words): it has no input shape", node,
                                 hint="start it with keras.Input(shape=...), or build it: model.build((None, ...))")
            return [view[0].tensor if name == "inputs" else view[1]]
        if name in ("input", "output"):
            self.make_builds_holding(model)  # a model in a Sequential is called by its builds
            if not model.nodes:  # Keras 3's Sequential: an Operation's, of its first call
                raise self.error(f"the layer {model.display_name} has never been called and thus has no defined "
                                 f"{name} (Keras's words)", node,
                                 hint=f"a Sequential model's own tensors are model.{name}s: write model.{name}s[0]")
            call = model.nodes[0]
            return call.inputs if name == "input" else TensorValue(call, None)
        return Method(model, name)

    def set_layers_trainable(self, model, value, node):
        """`model.trainable = value` sets it on every layer the model holds, nested models'
        too (keras/src/layers/layer.py, the trainable setter)."""
        if model.kind == "application" and model.inside is None:
            return  # its layers are made frozen (or not) when opened (ApplicationInside)
        for layer in self.model_layers(model, node):
            if isinstance(layer, (LayerValue, ModelValue)):
                layer.trainable = value
                if isinstance(layer, ModelValue):
                    self.set_layers_trainable(layer, value, node)

    def build_view(self, model, node):
        """Keras's Sequential.build (keras/src/models/sequential.py): a Functional of its
        InputLayer and each layer called on the one before. Each build calls the layers
        again (their calls add up, as Keras's inbound nodes do; layer.output is their
        first's); model.inputs and model.outputs are the last build's. Recorded here, the
        calls made only when the code reads a tensor (make_builds): a model.add loop
        builds it at every add."""
        input_layer = self.sequential_input(model)
        start = int(bool(model.items) and isinstance(model.items[0][0], InputValue))
        count = len(model.items) - start
        if input_layer is None or not count or model.other_items:
            return
        replacing = bool(model.builds) and model.build_calls + count > MAX_VIEW_CALLS
        if replacing:  # past the limit a build replaces the last
            model.build_calls -= len(model.builds.pop()[2])  # a range or a tuple
        # the layers a build calls: a range of the model's items, until a pop (materialize_builds)
        model.builds.append((self.seq + 1, input_layer, range(start, len(model.items)), replacing))  # its calls' seq
        model.build_calls += count
        self.seq += count
        for item, _ in model.items[max(model.registered, start):]:
            self.pending_builds.setdefault(id(item), set()).add(model)
        model.registered = len(model.items)
        model.view = None

    def materialize_builds(self, model):
        """Before a pop: each build's layers as a tuple (a build holds the items then)."""
        model.builds = [(seq, input_layer, _build_items(model, build), replacing)
                        for build in model.builds for seq, input_layer, _, replacing in [build]]

    def make_builds(self, model):
        """The calls of a Sequential's builds recorded by build_view, made now (each layer's
        calls kept in the order they were made), and its last build's tensors."""
        touched = {}
        lines = {v: line for v, line in ((id(v), line) for v, line in model.items)}
        for build in model.builds:
            seq, input_layer, _, replacing = build
            items = _build_items(model, build)
            tensor = input_layer.tensor
            for offset, item in enumerate(items):
                call = CallSite(item, tensor, lines.get(id(item), model.line), seq + offset)
                call.replaced_in = model if replacing else None
                item.nodes.append(call)
                touched[id(item)] = item
                tensor = TensorValue(call, None)
            model.view = (input_layer, tensor)
        model.builds = []
        for item in touched.values():
            item.nodes.sort(key=lambda c: c.seq)
            self.pending_builds.get(id(item), set()).discard(model)

    def make_builds_holding(self, layer):
        """The recorded builds of every Sequential holding a layer (its layer.output)."""
        for model in list(self.pending_builds.get(id(layer), ())):
            self.make_builds(model)

    def sequential_input(self, model):
        """The InputLayer of a Sequential's Functional: its Input, build()'s, or the one Keras
        made from its first layer's input_shape (or first model's input shape); None unbuilt."""
        if not model.items:
            return model.built_input
        first, line = model.items[0]
        if isinstance(first, InputValue):
            return first
        if model.built_input is not None:
            return model.built_input
        if isinstance(first, (LayerValue, UserLayerValue)) and self.input_shape_arg(first) is not None:
            shape, batch = self.input_shape_arg(first), first.kwargs.get("batch_size")
        elif self.has_input_shape(first) and len(model.items) > 1:  # a first model's input_shape, batch axis too
            shape, batch = self.model_input_shape(first), self.model_input_batch(first)
        else:
            return None
        if shape is None:
            return None
        if model.implicit_input is None:
            model.implicit_input = InputValue(shape, batch, None, line, self.next_seq())
            model.implicit_input.auto_name = model.input_name
        return model.implicit_input

    def model_input_batch(self, model):
        """The batch axis of a model's one input (its input_shape's first: 32 for a
        Sequential built by a call on a batch of 32), None if free or not one input."""
        if model.kind == "sequential":
            layer = self.sequential_input(model)
            return layer.batch_size if layer is not None else None
        tensors = flatten(model.inputs) if model.kind == "functional" else []
        if len(tensors) == 1 and isinstance(tensors[0], TensorValue) and tensors[0].input_layer is not None:
            return tensors[0].input_layer.batch_size
        return None

    def model_input_shape(self, model):
        """The shape of a model's one input (Keras's input_shape), None with several."""
        if model.kind == "sequential":
            layer = self.sequential_input(model)
            return layer.shape if layer is not None else None
        if model.kind == "application":
            return model.built.inputs[0].shape if len(model.built.inputs) == 1 else None
        tensors = flatten(model.inputs)
        if len(tensors) != 1 or not isinstance(tensors[0], TensorValue) or tensors[0].input_layer is None:
            return None
        return tensors[0].input_layer.shape

    def application_inside(self, model, node, input_value=None):
        """An application's layers and tensors as values (application_values.py), once."""
        if model.inside is None:
            from convcalc.read.python.application_values import ApplicationInside

            model.inside = ApplicationInside(self, model, node.lineno, input_value)
        return model.inside

    def model_layers(self, model, node):
        if model.kind == "application":
            return list(self.application_inside(model, node).layers)
        if model.kind == "sequential":
            return [v for v, _ in model.items if not isinstance(v, InputValue)]
        from convcalc.read.python.application_values import functional_order

        # Functional.layers: its Layers in its graph's order, not its keras.ops operations
        return [layer for layer in functional_order(model.inputs, model.outputs, relevant_nodes(model))
                if not getattr(layer, "class_name", "").startswith(OPERATION_PREFIX)]


    def make_sequential(self, args, kwargs, node):
        bound = self.bind("Sequential", SEQUENTIAL_ARGUMENTS, args, kwargs, node)
        model = self.new_model("sequential", bound, node)
        items = bound.get("layers")
        if items is not None:
            if not isinstance(items, (list, tuple)):
                raise self.error(f"Sequential takes a list of layers; got {self.shown(items)}", node)
            for item in items:
                self.sequential_add(model, item, node, rebuild=False)
            self.maybe_rebuild(model, node)
        return model

    def new_model(self, kind, bound, node):
        model = ModelValue(kind, node.lineno, self.next_seq())
        name = bound.get("name")
        if name is not None and not isinstance(name, str):
            raise self.error(f"a model's name must be a string; got {self.shown(name)}", node)
        trainable = bound.get("trainable", True)
        if not isinstance(trainable, bool):
            raise self.error(f"a model's trainable must be True or False; got {self.shown(trainable)}", node)
        model.name, model.trainable = name, trainable
        if name is None:
            model.auto_name = self.names.auto("Sequential" if kind == "sequential" else "Functional")
        self.models.append(model)
        return model

    def sequential_add(self, model, item, node, rebuild=True):
        """Sequential.add, with the names Keras creates on the way (its InputLayer, and the
        Functional each rebuild makes)."""
        if isinstance(item, TensorValue) and item.input_layer is not None:
            item = item.input_layer
        if not model.items and isinstance(item, (LayerValue, UserLayerValue)) and self.input_shape_arg(item) is not None:
            if self.naming.sequential_input_numbered:  # Keras 3: InputLayer(shape=...) now
                model.input_name = self.names.auto("InputLayer")
        if isinstance(item, InputValue) and model.items:
            raise self.error("an Input can only be the first entry of a Sequential model", node)
        if isinstance(item, ModelValue) and item is model:
            raise self.error("a model cannot hold itself", node)
        if id(item) in model.item_ids and not isinstance(item, Unknown):
            raise self.error(f"'{item.display_name}' is added to the Sequential model twice; "
                             "Keras requires unique layer names", node)
        self.keep_item(model, item)
        model.items.append((item, node.lineno))
        if rebuild:
            self.maybe_rebuild(model, node)

    def keep_item(self, model, item, added=True):
        """What each add (or pop, `added` False) changes of the model's item counts."""
        sign = 1 if added else -1
        (model.item_ids.add if added else model.item_ids.discard)(id(item))
        model.other_items += sign * (not isinstance(item, (LayerValue, ModelValue, InputValue)))
        model.user_items += sign * isinstance(item, UserLayerValue)
        held = item if isinstance(item, ModelValue) else held_sequential(item) if isinstance(item, LayerValue) else None
        if held is not None and held.kind == "sequential":
            (model.nested_sequentials.append if added else model.nested_sequentials.remove)(held)
        rule = self.naming_rule(item) if added and isinstance(item, LayerValue) else None
        if rule is not None:
            model.mask_rules.append((item, rule))
        elif not added:
            model.mask_rules = [(v, r) for v, r in model.mask_rules if v is not item]

    def input_shape_arg(self, layer):
        # Embedding's input_dim is its vocabulary's size, not Layer's input_shape=(input_dim,)
        dim = layer_input_dim(layer.class_name, layer.kwargs) if isinstance(layer, LayerValue) else \
            layer.kwargs.get("input_dim")
        if dim is not None:
            return (dim,)
        return layer.kwargs.get("input_shape")

    def maybe_rebuild(self, model, node):
        """Keras's Sequential._maybe_rebuild: with an InputLayer first (given, made from the
        first layer's input_shape, or by build()) and another layer, it builds: a new
        Functional (named) inside, and a nested Sequential not built yet builds too."""
        if not model.items:
            return
        first = model.items[0][0]
        implicit = model.built_input is not None or (
            isinstance(first, (LayerValue, UserLayerValue)) and self.input_shape_arg(first) is not None)
        if self.has_input_shape(first) and len(model.items) > 1 and not model.input_made:
            model.input_made = True  # Keras: hasattr(first, "input_shape"); build() puts an InputLayer first
            if self.naming.sequential_input_numbered:
                model.input_name = self.names.auto("InputLayer")
        implicit = implicit or model.input_made
        if (isinstance(first, InputValue) or implicit) and len(model.items) + implicit > 1:
            self.build_functional(model, node)

    def build_functional(self, model, node):
        """Sequential.build, once it has its InputLayer: each layer called (a nested Sequential
        not built yet builds then), the Functional made inside (named)."""
        self.build_names(model)
        self.build_view(model, node)
        self.build_user_layers(model)

    def build_names(self, model):
        """The names Sequential.build takes after its InputLayer's: its nested Sequentials'
        builds, its layers' mask operations, the Functional it makes."""
        for item in model.nested_sequentials:
            self.build_when_called(item)
        self.build_mask_names(model)
        if self.naming.sequential_makes_functional:
            self.names.auto("Functional")

    def make_functional(self, args, kwargs, node):
        if "input" in kwargs or "output" in kwargs:
            raise self.error("Model(input=..., output=...) is Keras 1's spelling; Keras takes inputs= and outputs=",
                             node, hint="write Model(inputs=my_input, outputs=my_output)")
        bound = self.bind("Model", MODEL_ARGUMENTS, args, kwargs, node)
        if "inputs" not in bound or "outputs" not in bound:
            raise self.error(
                "Model() without inputs and outputs is a subclassed model, whose layers are Python code",
                node, hint="build a functional model: Model(inputs, outputs)",
            )
        model = self.new_model("functional", bound, node)
        model.inputs, model.outputs = bound["inputs"], bound["outputs"]
        return model

    def make_application(self, thing, args, kwargs, node):
        """keras.applications.VGG16(...): a Functional model of its own, held as its class and
        arguments. Its builder is traced at once (nothing of Keras runs), because Keras names
        what it makes as it is constructed: its Input (input_layer_N) and any unnamed layer."""
        from convcalc import applications

        if thing.name not in applications.APPLICATIONS:
            known = list(applications.APPLICATIONS)
            return self.unknown(node, f"{thing.path}, a keras.applications model convcalc does not read "
                                      f"(it reads {', '.join(known)}){did_you_mean(thing.name, known)}")
        parameters = list(inspect.signature(applications.APPLICATIONS[thing.name]).parameters)
        given = {**dict(zip(parameters, args)), **kwargs}
        tensor, input_value = given.get("input_tensor"), None
        if tensor is not None:  # Keras builds it on that tensor, an Input of its own not made
            if not isinstance(tensor, TensorValue):
                what = tensor.describe() if isinstance(tensor, Unknown) else self.shown(tensor)
                raise self.error(
                    f"{thing.name}(input_tensor=...) is {what}: convcalc builds an application "
                    "on a model's tensor only", node,
                    hint=f"call the application on it instead: base = {thing.name}(include_top=False, "
                         "input_shape=...); x = base(tensor)")
            input_value = tensor.input_layer if tensor.input_layer is not None else tensor
            args, kwargs = [], {k: v for k, v in given.items() if k != "input_tensor"}
            kwargs["input_shape"] = tuple(self.shape_of(tensor, node)[1:])
        weights = given.get("weights")
        if isinstance(weights, str) and weights != "imagenet":
            raise self.error(
                f"{thing.name}(weights={weights!r}) loads a weights file, which convcalc does not read", node,
                hint="write weights=None (or 'imagenet'): the figures are the architecture's, the same for any weights")
        if "trainable" in kwargs:  # a spec's `trainable:`; Keras's builders take no such argument
            raise self.error(f"{thing.name}() has no argument 'trainable'", node,
                             hint=f"freeze it after: base = {thing.name}(...); base.trainable = False")
        for key, value in [*zip(parameters, args), *kwargs.items()]:
            if isinstance(value, KerasThing) and value.kind == "activation":
                value = value.name
            if not plain(value):
                raise self.error(f"{thing.name}'s argument '{key}' is {self.shown(value)}, which convcalc does "
                                 "not compute", node, hint="write the value itself: convcalc never runs code")
        as_spec = (lambda v: v.name if isinstance(v, KerasThing) else spec_plain(v))
        call = LayerCall(thing.name, [as_spec(v) for v in args], {k: as_spec(v) for k, v in kwargs.items()},
                         line=node.lineno)
        try:
            built, _ = applications.build(call.class_name, call.args, call.kwargs)
        except SpecError as error:
            raise error.located(file=self.source, line=node.lineno) from None
        model = ModelValue("application", node.lineno, self.next_seq())
        model.application, model.built, model.name = call, built, built.name
        model.auto_names = {key: self.names.auto(class_name) for key, class_name in auto_named(built)
                            if input_value is None or not isinstance(key, tuple)}  # tuple: an input's
        self.models.append(model)
        if input_value is not None:
            self.application_inside(model, node, input_value)
        if isinstance(input_value, TensorValue):  # on a layer's output: a Functional of its graph's Inputs
            self.application_on_tensor(model, input_value, node)
        return model

    def application_on_tensor(self, model, tensor, node):
        """keras/src/applications/*.py with input_tensor= a layer's output: the model is a
        Functional from that tensor's source Inputs (operation_utils.get_source_inputs) to
        its output, the layers before the tensor included."""
        sources, stack, seen = [], [tensor], set()
        while stack:
            item = stack.pop()
            if not isinstance(item, TensorValue) or id(item) in seen:
                continue
            seen.add(id(item))
            if item.input_layer is not None:
                if all(s.input_layer is not item.input_layer for s in sources):
                    sources.append(item)
            elif item.node is not None:
                stack.extend(reversed(item.node.tensors()))
        outputs = model.inside.outputs
        model.kind, model.application = "functional", None
        model.inputs = sources if len(sources) > 1 else sources[0]
        model.outputs = outputs if len(outputs) > 1 else outputs[0]


    def clone_model(self, args, kwargs, node):
        """keras.models.clone_model(model), of a Sequential (keras/src/models/cloning.py:
        _clone_sequential_model) or a functional model (clone_functional): each layer made
        again from its config, so with its name
        (nothing is auto-named) and without its input_shape; an Input like the model's
        InputLayer (its name, its shape), then Sequential(layers, name=model.name), which
        builds a Functional when it has an input, as any Sequential does."""
        bound = self.bind("clone_model", ("model", "input_tensors", "clone_function", "call_function", "recursive"),
                          args, kwargs, node)
        model = bound.get("model")
        if isinstance(model, Unknown):
            return model
        given = [key for key in ("input_tensors", "clone_function", "call_function") if bound.get(key) is not None]
        if given:
            raise self.error(f"clone_model's {given[0]}= runs code of its own, which convcalc does not follow", node)
        if not isinstance(model, ModelValue):
            raise self.error(f"clone_model takes a model; got {self.shown(model)}", node)
        if model.kind == "functional":
            return self.clone_functional(model, node)
        if model.kind != "sequential":
            raise self.error(f"clone_model of the application {model.application.class_name} is not followed", node,
                             hint=f"make it again: {model.application.class_name}(...)")
        if model.built_by_call or any(isinstance(v, ModelValue) for v, _ in model.items):
            raise self.error("clone_model of a Sequential that holds a model or was built by a call is not followed",
                             node, hint="build the model again: call the function that builds it")
        clone = self.new_model("sequential", {"name": model.display_name, "trainable": model.trainable}, node)
        first = model.built_input or (model.items[0][0] if model.items else None)
        dtype = first.dtype if isinstance(first, InputValue) else None  # cloning.py: the input's dtype kept
        if isinstance(first, InputValue):
            shape, batch, name = first.shape, first.batch_size, first.display_name
        elif isinstance(first, LayerValue) and self.input_shape_arg(first) is not None:
            shape, batch, name = self.input_shape_arg(first), first.kwargs.get("batch_size"), model.input_name
        else:
            first = None
        if first is not None:  # Input(batch_shape=..., name=the InputLayer's name)
            clone.items.append((InputValue(shape, batch, name, node.lineno, self.next_seq()), node.lineno))
            clone.items[-1][0].dtype = dtype
            self.keep_item(clone, clone.items[-1][0])
        for item, line in model.items:
            if not isinstance(item, InputValue):
                clone.items.append((self.cloned_layer(item), line))
                self.keep_item(clone, clone.items[-1][0])
        self.maybe_rebuild(clone, node)
        return clone

    def clone_functional(self, model, node):
        """clone_model of a functional model (cloning.py: _clone_functional_model): an
        Input(batch_shape=..., name=the input tensor's name) for each input, the graph
        run again with each layer cloned once (a shared layer stays shared), and
        Model(inputs, outputs, name=model.name). A tensor has its Input's name only if
        the Input was given one; else it is keras_tensor_N, a count convcalc does not keep."""
        inputs = flatten(model.inputs)
        if not all(isinstance(t, TensorValue) and t.input_layer is not None and t.input_layer.name for t in inputs):
            raise self.error(
                "clone_model of a functional model whose Inputs have no names: Keras names the new inputs after "
                "its tensors (keras_tensor_N), which convcalc does not count", node,
                hint="name each Input (keras.Input(shape=..., name='image')), or build the model again")
        calls = sorted(relevant_nodes(model), key=lambda n: n.seq)
        if any(isinstance(call.layer, ModelValue) for call in calls):
            raise self.error("clone_model of a model that holds a model is not followed", node,
                             hint="build the model again: call the function that builds it")
        tensors = {id(t.input_layer): InputValue(t.input_layer.shape, t.input_layer.batch_size, t.input_layer.name,
                                                 node.lineno, self.next_seq()).tensor for t in inputs}
        for t in inputs:  # cloning.py: Input(..., dtype=the input's)
            tensors[id(t.input_layer)].input_layer.dtype = t.input_layer.dtype
        layers, made = {}, {}

        def mapped(value):
            if isinstance(value, dict):
                return {k: mapped(v) for k, v in value.items()}
            if isinstance(value, (list, tuple)):
                return type(value)(mapped(v) for v in value)
            if not isinstance(value, TensorValue):
                return value
            if value.input_layer is not None:
                if id(value.input_layer) not in tensors:
                    raise self.error(f"clone_model: the model uses the input '{value.input_layer.display_name}', "
                                     "which is not among its inputs", node)
                return tensors[id(value.input_layer)]
            return TensorValue(made[id(value.node)], value.index)

        for call in calls:
            if id(call.layer) not in layers:
                layers[id(call.layer)] = self.cloned_layer(call.layer)
                if not model.trainable:  # model.trainable = False froze each layer: its config says so
                    layers[id(call.layer)].trainable = False
            made[id(call)] = CallSite(layers[id(call.layer)], mapped(call.inputs), call.line, self.next_seq())
            layers[id(call.layer)].nodes.append(made[id(call)])
        clone = self.new_model("functional", {"name": model.display_name}, node)
        clone.inputs, clone.outputs, clone.inputs_line = mapped(model.inputs), mapped(model.outputs), node.lineno
        return clone

    def cloned_layer(self, value):
        """A layer made again from its config (its name given), the layers it holds too."""
        if isinstance(value, list):
            return [self.cloned_layer(v) for v in value]
        if not isinstance(value, LayerValue):
            return value
        kwargs = {k: self.cloned_layer(v) for k, v in value.kwargs.items() if k not in ("input_shape", "input_dim")}
        if kwargs.get("dtype") is None and self.dtype_policy_at(value.seq) is not None:
            kwargs["dtype"] = self.dtype_policy_at(value.seq)  # its config's policy: the one it was made under
        layer = LayerValue(value.written, value.class_name, [self.cloned_layer(v) for v in value.args],
                           {**kwargs, "name": value.display_name}, value.line, self.next_seq())
        layer.trainable = value.trainable
        return layer

    def make_array(self, thing, args, kwargs, node):
        """np.zeros((1, 784)) and the like: data of the shape the code writes."""
        where = ARRAY_FUNCTIONS[thing.path]
        if where == "range":  # np.arange(stop) or (start, stop[, step]) of integers
            bound = self.bind(thing.path, ("start", "stop", "step"), args, kwargs, node)
            start, stop, step = bound.get("start", 0), bound.get("stop"), bound.get("step", 1)
            if stop is None:
                start, stop = 0, start
            if not all(isinstance(v, int) and not isinstance(v, bool) for v in (start, stop, step)) or not step:
                return self.unknown(node, "np.arange of values convcalc does not compute")
            shape = (len(range(start, stop, step)),)
        elif where is None:
            shape = tuple(args)
        else:
            keyword, position = where
            shape = kwargs.get(keyword, args[position] if position < len(args) else None)
            shape = (shape,) if isinstance(shape, int) else shape
        if self.tracing and isinstance(shape, (list, tuple)):
            shape = free_sizes(shape)
        if self.tracing and isinstance(shape, (list, tuple)) and all(
                d is None or (isinstance(d, int) and not isinstance(d, bool) and d > 0) for d in shape):
            return ShapedTensor(tuple(shape))  # in a layer's call: keras.random.normal((batch, dim)), batch free
        if not (isinstance(shape, (list, tuple)) and shape
                and all(isinstance(d, int) and not isinstance(d, bool) and d > 0 for d in shape)):
            return self.unknown(node, f"data of a shape convcalc does not compute ({self.shown(shape)})")
        return ArrayValue(tuple(shape), node.lineno)

    def array_method(self, array, name, args, kwargs, node):
        """numpy's array.reshape(shape) (-1: the size left), .flatten(); .astype, .copy: the same shape."""
        size = 1
        for d in array.shape:
            size *= d
        if name == "flatten":
            return ArrayValue((size,), node.lineno)
        if name != "reshape":
            return array
        shape = args[0] if len(args) == 1 and isinstance(args[0], (list, tuple)) else tuple(args)
        if not (shape and all(isinstance(d, int) and not isinstance(d, bool) and (d > 0 or d == -1) for d in shape)
                and list(shape).count(-1) <= 1):
            return self.unknown(node, f"a reshape convcalc does not compute ({self.shown(shape)})")
        known = 1
        for d in shape:
            known *= d if d != -1 else 1
        if -1 in shape:
            if size % known:
                raise self.error(f"cannot reshape an array of size {size} into the shape {shape} (numpy refuses it)", node)
            shape = tuple(size // known if d == -1 else d for d in shape)
        elif known != size:
            raise self.error(f"cannot reshape an array of size {size} into the shape {tuple(shape)} (numpy refuses it)",
                             node)
        return ArrayValue(tuple(shape), node.lineno)

    def build_on_data(self, model, data, batch, node):
        """A Sequential not built yet, called (or fit, predict) on data: Keras builds it on
        the data's shape, batch axis `batch` (keras/src/models/sequential.py build)."""
        if model.built_on_unknown is not None:
            return
        if not isinstance(data, ArrayValue):
            model.built_on_unknown = (data.describe() if isinstance(data, Unknown) else self.shown(data), node.lineno)
            if not self.sequential_has_input(model):  # Keras builds it all the same: the names its build takes
                if self.naming.sequential_input_numbered:
                    self.names.auto("InputLayer")
                self.build_names(model)
            return
        self.build_sequential(model, (batch, *data.shape[1:]), node)

    def data_batch(self, name, args, kwargs, node):
        """model.fit/evaluate/predict(x, ...): the data `x` (an ArrayValue, or lists and
        dicts of them; Unknown if convcalc does not hold it) and the batch axis of the
        batch a model not built yet is built on (DATA_METHODS)."""
        bound = self.bind(f"model.{name}", ("x", "y", "batch_size"), args[:3], {
            k: v for k, v in kwargs.items() if k in ("x", "y", "batch_size")}, node)
        data, batch, size = bound.get("x"), None, bound.get("batch_size") or 32
        arrays = flatten(data) if isinstance(data, (list, tuple, dict)) else [data]
        if not arrays or not all(isinstance(a, ArrayValue) and a.shape for a in arrays):
            return data if isinstance(data, (ArrayValue, Unknown)) else self.unknown(node, "data convcalc does not hold"), None
        if not (isinstance(size, int) and size > 0):
            return self.unknown(node, f"a batch size of {self.shown(size)}"), None
        texts = [t for a in arrays for t in flatten(a.values or []) if isinstance(t, str)]
        if texts:  # keras/src/backend/common/variables.py standardize_dtype: numpy's '<U..' is no Keras dtype
            raise self.error(f"model.{name} on a numpy array of strings: Keras 3 refuses it (\"Invalid dtype: "
                             f"str{32 * max(map(len, texts))}\")", node,
                             hint="give the strings as tf.constant([...]) or a tf.data.Dataset")
        rows = arrays[0].shape[0]
        split = kwargs.get("validation_split") if name == "fit" and kwargs.get("validation_data") is None else None
        if split:  # keras/src/trainers/data_adapters/array_slicing.py train_validation_split: the first rows train
            if not (isinstance(split, (int, float)) and not isinstance(split, bool)) or rows is None:
                return self.unknown(node, "data split for validation"), None
            split_at = int(math.floor(rows * (1.0 - split)))
            if split_at in (0, rows):
                raise self.error(f"Keras refuses it: the data's {rows} samples are not sufficient to split into a "
                                 f"validation and training set as validation_split={split} says", node)
            rows = split_at
        return data, {"data": rows, "first batch": min(size, rows),
                      "batches": size if rows % size == 0 else None}[DATA_METHODS[name]]

    def call_model(self, model, args, kwargs, node):
        if model.kind == "sequential" and not self.sequential_has_input(model) and not model.built_by_call \
                and len(args) == 1 and not isinstance(args[0], (TensorValue, ShapedTensor, WeightValue)):
            self.build_on_data(model, args[0], getattr(args[0], "shape", (None,))[0], node)
            return self.unknown(node, "the model's output on data, never computed")
        if find((args, kwargs), (ArrayValue,)) is not None:
            return self.unknown(node, "the model's output on data, never computed")
        label = f"the model '{model.display_name}'"
        keywords = self.call_keywords(label, kwargs, node, "Functional")  # base(x, training=False)
        inputs = self.tensor_arguments(label, args, {k: v for k, v in kwargs.items() if k not in keywords}, node, None)
        traced = find(inputs, (TensorValue,)) is None and find(inputs, (ShapedTensor, WeightValue)) is not None
        if model.kind == "sequential" and traced and isinstance(inputs, ShapedTensor) \
                and not self.sequential_has_input(model) and not model.built_by_call:
            self.build_sequential(model, inputs.shape, node)  # built on the shape a user layer's call gives it
        elif model.kind == "sequential":
            first_build = not model.built_by_call and not self.sequential_has_input(model)
            self.build_when_called(model)
            if first_build and model.user_items and isinstance(inputs, TensorValue):  # its build calls them
                self.model_shapes(model, self.shape_of(inputs, node))
        if traced:
            return self.traced_call(model, inputs, node)  # inside a user layer's call
        if self.tracing and find(inputs, (TensorValue,)) is None:
            return self.unknown(node, f"{label} applied to a value convcalc does not follow")
        call = CallSite(model, inputs, node.lineno, self.next_seq(), keywords)
        model.nodes.append(call)
        outputs = model.outputs if model.kind == "functional" else None
        if isinstance(outputs, (list, tuple)) and len(outputs) > 1:  # a list of tensors, as Keras returns
            return [TensorValue(call, index) for index in range(len(flatten(outputs)))]
        return TensorValue(call, None)

    def build_when_called(self, model):
        """A Sequential model without an input builds when first called: Keras 3 makes
        its InputLayer and a Functional then (both named)."""
        if model.built_by_call or self.sequential_has_input(model):
            return
        model.built_by_call = True
        if self.naming.sequential_makes_functional:
            model.input_name = self.names.auto("InputLayer")
            self.build_mask_names(model)
            self.names.auto("Functional")

    def build_mask_names(self, model):
        """A Sequential's build calls its layers (again, at each rebuild): the names of the
        operations their masks make (Embedding's not_equal)."""
        for _, rule in model.mask_rules:
            self.mask_names(rule)

    def sequential_has_input(self, model):
        if model.built_input is not None or not model.items:
            return model.built_input is not None
        first = model.items[0][0]
        return (isinstance(first, InputValue) or (isinstance(first, (LayerValue, UserLayerValue))
                                                   and self.input_shape_arg(first) is not None)
                or self.has_input_shape(first))

    def has_input_shape(self, item):
        """Whether a model has an input shape of its own (Keras's `input_shape` property):
        a functional model or an application, or a Sequential that has one."""
        return isinstance(item, ModelValue) and (item.kind != "sequential" or self.sequential_has_input(item))


    def build_sequential(self, model, shape, node):
        """Sequential.build(shape): an InputLayer of that shape (batch axis first), and the
        Functional it makes inside (both named); nothing when it has an input already."""
        if self.sequential_has_input(model):
            return
        layer = InputValue(tuple(shape[1:]), shape[0], None, node.lineno, self.next_seq())
        layer.dtype = FIRST_LAYER_DTYPE
        if self.naming.sequential_input_numbered:
            layer.auto_name = self.names.auto("InputLayer")
        model.built_input = layer
        self.build_functional(model, node)

    def model_method(self, model, name, args, kwargs, node):
        if name == "compile":
            return compile_model(self, model, args, kwargs, node)
        if name in TRAINING_METHODS:
            train_model(model)
        if name == "add" and model.kind == "sequential":
            if len(args) != 1 or kwargs:
                raise self.error("model.add takes one layer", node)
            self.sequential_add(model, args[0], node)
            return None
        if name == "pop" and model.kind == "sequential":
            if not model.items:
                raise self.error("model.pop() on a model with no layers", node)
            self.materialize_builds(model)
            value, _ = model.items.pop()
            self.keep_item(model, value, added=False)
            model.registered = min(model.registered, len(model.items))
            if model.items:
                self.maybe_rebuild(model, node)
            return value
        if name == "build" and model.kind == "sequential":
            bound = self.bind("build", ("input_shape",), args, kwargs, node)
            shape = bound.get("input_shape")
            if not isinstance(shape, (list, tuple)) or not shape:
                raise self.error(f"model.build takes a shape with its batch axis; got {self.shown(shape)}", node)
            self.build_sequential(model, shape, node)
            return None
        if name in DATA_METHODS and model.kind == "sequential" and not self.sequential_has_input(model) \
                and not model.built_by_call:
            data, batch = self.data_batch(name, args, kwargs, node)
            self.build_on_data(model, data, batch, node)
            return self.unknown(node, f"model.{name}(), never run")
        if name == "get_layer":
            bound = self.bind("get_layer", ("name", "index"), args, kwargs, node)
            layers = self.model_layers(model, node)
            if bound.get("index") is not None:
                index = bound["index"]
                if not (isinstance(index, int) and not isinstance(index, bool) and -len(layers) <= index < len(layers)):
                    raise self.error(f"get_layer(index={self.shown(index)}): the model has {len(layers)} layers",
                                     node)
                return layers[index]
            for layer in layers:
                if getattr(layer, "display_name", None) == bound.get("name"):
                    return layer
            raise self.error(f"the model has no layer named {self.shown(bound.get('name'))}", node)
        if name in MODEL_METHODS or name in ("add", "pop", "build"):
            return self.unknown(node, f"model.{name}(), never run")
        return self.unknown(node, f"the model method .{name}(), never run")


def _build_items(model, build):
    """The layers a build (build_view) calls: a tuple, or a range of the model's items."""
    items = build[2]
    if isinstance(items, range):
        return tuple(v for v, _ in model.items[items.start:items.stop])
    return items
