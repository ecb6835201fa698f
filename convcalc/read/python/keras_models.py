"""Keras's models as the code builds them: Sequential (add, pop, build and the names each
rebuild takes), Model(inputs, outputs), keras.applications models, and models called on
tensors."""

from __future__ import annotations

import inspect

from convcalc.errors import SpecError, did_you_mean
from convcalc.graph import LayerCall
from convcalc.read.python.graph_builder import auto_named
from convcalc.read.python.values import (
    MODEL_ARGUMENTS, MODEL_METHODS, SEQUENTIAL_ARGUMENTS, CallSite, flatten, InputValue, KerasThing,
    LayerValue, Method, ModelValue, plain, relevant_nodes, spec_plain, TensorValue, Unknown,
)


class KerasModels:
    def model_attribute(self, model, name, node):
        if name == "trainable":
            return model.trainable
        if name == "name":
            return model.display_name
        if model.kind == "application" and name in ("layers", "input", "inputs", "output", "outputs"):
            return self.application_inside(model, f".{name}", node)
        if name == "layers":
            return self.model_layers(model, node)
        if model.kind == "functional" and name in ("input", "inputs", "output", "outputs"):
            value = model.inputs if name.startswith("input") else model.outputs
            if name in ("inputs", "outputs"):
                return list(flatten(value))
            return value
        if name in ("input", "inputs", "output", "outputs"):
            return self.unknown(node, "a Sequential model's tensors: call the model on an Input instead")
        return Method(model, name)

    def application_inside(self, model, what, node):
        return self.unknown(node, f"the application {model.application.class_name}'s {what}: convcalc reads "
                                  "a keras.applications model as one layer (call it on a tensor: x = base(inputs))")

    def model_layers(self, model, node):
        if model.kind == "sequential":
            return [v for v, _ in model.items if not isinstance(v, InputValue)]
        nodes = relevant_nodes(model)
        layers = [i.input_layer for i in flatten(model.inputs)]
        for n in sorted(nodes, key=lambda n: n.seq):
            if n.layer not in layers:
                layers.append(n.layer)
        return layers


    def make_sequential(self, args, kwargs, node):
        bound = self.bind("Sequential", SEQUENTIAL_ARGUMENTS, args, kwargs, node)
        model = self.new_model("sequential", bound, node)
        items = bound.get("layers")
        if items is not None:
            if not isinstance(items, (list, tuple)):
                raise self.error(f"Sequential takes a list of layers; got {self.shown(items)}", node)
            for item in items:
                self.sequential_add(model, item, node, rebuild=False)
            self.maybe_rebuild(model)
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
        if not model.items and isinstance(item, LayerValue) and self.input_shape_arg(item) is not None:
            if self.naming.sequential_input_numbered:  # Keras 3: InputLayer(shape=...) now
                self.names.auto("InputLayer")
        if isinstance(item, InputValue) and model.items:
            raise self.error("an Input can only be the first entry of a Sequential model", node)
        if isinstance(item, ModelValue) and item is model:
            raise self.error("a model cannot hold itself", node)
        if any(v is item for v, _ in model.items) and not isinstance(item, Unknown):
            raise self.error(f"'{item.display_name}' is added to the Sequential model twice; "
                             "Keras requires unique layer names", node)
        model.items.append((item, node.lineno))
        if rebuild:
            self.maybe_rebuild(model)

    def input_shape_arg(self, layer):
        if layer.kwargs.get("input_dim") is not None:
            return (layer.kwargs["input_dim"],)
        return layer.kwargs.get("input_shape")

    def maybe_rebuild(self, model):
        """Keras's Sequential._maybe_rebuild: with an InputLayer first (given, made from the
        first layer's input_shape, or by build()) and another layer, it builds: a new
        Functional (named) inside, and a nested Sequential not built yet builds too."""
        if not model.items:
            return
        first = model.items[0][0]
        implicit = model.built_input is not None or (
            isinstance(first, LayerValue) and self.input_shape_arg(first) is not None)
        if self.has_input_shape(first) and len(model.items) > 1 and not model.input_made:
            model.input_made = True  # Keras: hasattr(first, "input_shape"); build() puts an InputLayer first
            if self.naming.sequential_input_numbered:
                self.names.auto("InputLayer")
        implicit = implicit or model.input_made
        if (isinstance(first, InputValue) or implicit) and len(model.items) + implicit > 1:
            for item, _ in model.items:
                if isinstance(item, ModelValue) and item.kind == "sequential":
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
        if given.get("input_tensor") is not None:
            raise self.error(
                f"{thing.name}(input_tensor=...) builds the application on an existing tensor, which "
                "convcalc does not hold", node,
                hint=f"call the application on it instead: base = {thing.name}(include_top=False, "
                     "input_shape=...); x = base(tensor)")
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
        model.auto_names = {key: self.names.auto(class_name) for key, class_name in auto_named(built)}
        self.models.append(model)
        return model


    def call_model(self, model, args, kwargs, node):
        label = f"the model '{model.display_name}'"
        keywords = self.call_keywords(label, kwargs, node, "Functional")  # base(x, training=False)
        inputs = self.tensor_arguments(label, args, {k: v for k, v in kwargs.items() if k not in keywords}, node, None)
        if model.kind == "sequential":
            self.build_when_called(model)
        call = CallSite(model, inputs, node.lineno, self.next_seq(), keywords)
        model.nodes.append(call)
        return TensorValue(call, None)

    def build_when_called(self, model):
        """A Sequential model without an input builds when first called: Keras 3 makes
        its InputLayer and a Functional then (both named)."""
        if model.built_by_call or self.sequential_has_input(model):
            return
        model.built_by_call = True
        if self.naming.sequential_makes_functional:
            self.names.auto("InputLayer")
            self.build_mask_names(model)
            self.names.auto("Functional")

    def build_mask_names(self, model):
        """A Sequential's build calls its layers (again, at each rebuild): the names of the
        operations their masks make (Embedding's not_equal)."""
        for item, _ in model.items:
            rule = self.naming_rule(item) if isinstance(item, LayerValue) else None
            if rule is not None:
                self.mask_names(rule)

    def sequential_has_input(self, model):
        if model.built_input is not None or not model.items:
            return model.built_input is not None
        first = model.items[0][0]
        return (isinstance(first, InputValue) or (isinstance(first, LayerValue) and self.input_shape_arg(first) is not None)
                or self.has_input_shape(first))

    def has_input_shape(self, item):
        """Whether a model has an input shape of its own (Keras's `input_shape` property):
        a functional model or an application, or a Sequential that has one."""
        return isinstance(item, ModelValue) and (item.kind != "sequential" or self.sequential_has_input(item))


    def model_method(self, model, name, args, kwargs, node):
        if name == "add" and model.kind == "sequential":
            if len(args) != 1 or kwargs:
                raise self.error("model.add takes one layer", node)
            self.sequential_add(model, args[0], node)
            return None
        if name == "pop" and model.kind == "sequential":
            if not model.items:
                raise self.error("model.pop() on a model with no layers", node)
            value, _ = model.items.pop()
            if model.items:
                self.maybe_rebuild(model)
            return value
        if name == "build" and model.kind == "sequential":
            bound = self.bind("build", ("input_shape",), args, kwargs, node)
            shape = bound.get("input_shape")
            if not isinstance(shape, (list, tuple)) or not shape:
                raise self.error(f"model.build takes a shape with its batch axis; got {self.shown(shape)}", node)
            if not self.sequential_has_input(model):
                layer = InputValue(tuple(shape[1:]), shape[0], None, node.lineno, self.next_seq())
                if self.naming.sequential_input_numbered:
                    layer.auto_name = self.names.auto("InputLayer")
                model.built_input = layer
                if self.naming.sequential_makes_functional:
                    self.names.auto("Functional")
            return None
        if name == "get_layer" and model.kind == "application":
            return self.application_inside(model, ".get_layer()", node)
        if name == "get_layer":
            bound = self.bind("get_layer", ("name", "index"), args, kwargs, node)
            layers = self.model_layers(model, node)
            if bound.get("index") is not None:
                return layers[bound["index"]]
            for layer in layers:
                if getattr(layer, "display_name", None) == bound.get("name"):
                    return layer
            raise self.error(f"the model has no layer named {self.shown(bound.get('name'))}", node)
        if name in MODEL_METHODS or name in ("add", "pop", "build"):
            return self.unknown(node, f"model.{name}(), never run")
        return self.unknown(node, f"the model method .{name}(), never run")

