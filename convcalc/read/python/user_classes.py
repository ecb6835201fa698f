"""Classes the file defines, followed as Python runs them: `class X(keras.layers.Layer)`
and `class M(keras.Model)` with their `__init__` (super().__init__(**kwargs), sublayers
held in attributes, lists and dicts), `build(input_shape)` (self.add_weight) and
`call(inputs, ...)`; plain helper classes too (their attributes and methods).

A user layer called on the model's tensors is one row of the model (`name (ClassName)`),
as Keras prints it: the reader builds it on the input's shape and follows its call on
tensors of that shape only (keras/src/layers/layer.py __call__: _maybe_build, then
compute_output_spec, which runs call symbolically, or the class's compute_output_shape
when it has one). What call applies to those tensors (layers, keras.ops operations) is
the layer's own business, not rows of the model; its weights are those add_weight made
and those of the layers its attributes hold, built by the call."""

from __future__ import annotations

import ast

from convcalc.errors import SpecError
from convcalc.layers import arguments
from convcalc.layers.base import Weight
from convcalc.layers.signatures import built_at_init
from convcalc.layers.user import GivenLayer, shape_key
from convcalc.read.python.user_masks import call_arguments, user_layer_mask
from convcalc.read.python.values import (
    DATA_METHODS, ArrayValue, BoundMethod, CallSite, Function, InputValue, LambdaValue, LayerValue, Method, ModelValue, Scope,
    ShapedTensor, Super, TensorValue, Unknown, UserClass, UserLayerValue, UserObject, WeightValue, find, flatten,
    map_shapes, plain, relevant_nodes, spec_plain,
)

from convcalc.read.python.training import TRAINING_METHODS, compile_model, set_optimizer, train_model

# keras/src/layers/layer.py Layer.__init__: its keywords (and the two it pops from **kwargs)
LAYER_INIT_KEYWORDS = ("activity_regularizer", "trainable", "dtype", "autocast", "name", "input_shape", "input_dim")
# keras/src/layers/core/lambda_layer.py Lambda.__init__, then Layer's keywords
LAMBDA_ARGUMENTS = ("function", "output_shape", "mask", "arguments", *LAYER_INIT_KEYWORDS)
# keras/src/layers/layer.py Layer.add_weight, in order
ADD_WEIGHT_ARGUMENTS = ("shape", "initializer", "dtype", "trainable", "autocast", "regularizer", "constraint",
                        "aggregation", "overwrite_with_gradient", "name")
# What a Keras layer's instance has that the reader answers (besides its own attributes)
FLOAT_DTYPES = ("dtype", "compute_dtype", "variable_dtype")


class UserClasses:
    # -- the class statement ------------------------------------------------------------
    def define_class(self, node, scope):
        bases = [self.eval(base, scope) for base in node.bases]
        namespace = {}
        body_scope = Scope(scope)
        for statement in node.body:
            if isinstance(statement, ast.FunctionDef):
                args = statement.args
                defaults = [self.eval(d, scope) for d in args.defaults]
                kw_defaults = [None if d is None else self.eval(d, scope) for d in args.kw_defaults]
                function = Function(statement, scope, defaults, kw_defaults)  # a method sees the module, not the class body
                function.decorators = [self.text_of(d) for d in statement.decorator_list]
                namespace[statement.name] = function
            elif isinstance(statement, (ast.Assign, ast.AnnAssign)) and getattr(statement, "value", None) is not None:
                self.statement(statement, body_scope)
                namespace.update(body_scope.vars)
        return UserClass(node.name, node.lineno, bases, namespace)

    # -- instances ----------------------------------------------------------------------
    def instantiate(self, cls, args, kwargs, node):
        unknown = next((b for c in cls.mro() for b in c.bases if isinstance(b, Unknown)), None)
        if unknown is not None:
            return Unknown(self.text_of(node), node.lineno, f"an instance of {cls.name}, whose base class "
                           f"{unknown.text} convcalc does not follow", model_like="Model" in unknown.text)
        keras_base = cls.keras_base
        if keras_base is None and cls.keras_layer_class is not None:
            return self.keras_layer_subclass(cls, args, kwargs, node)
        obj = UserLayerValue(cls, node.lineno, self.next_seq()) if keras_base else UserObject(cls)
        owner, init = cls.lookup("__init__")
        if isinstance(init, Function):
            self.call_bound(BoundMethod(init, obj, owner), args, kwargs, node)
        elif keras_base:
            self.keras_init(obj, args, kwargs, node)
        elif args or kwargs:
            raise self.error(f"{cls.name}() takes no arguments", node)
        if getattr(obj, "functional", None) is not None:  # functional subclassing: a Functional model
            return obj.functional
        if keras_base and obj.name is None and obj.auto_name is None:
            raise self.error(f"{cls.name}.__init__ does not call super().__init__(): Keras refuses the layer "
                             "(\"You forgot to call super().__init__()\")", node,
                             hint="call super().__init__(**kwargs) first in __init__")
        return obj

    def keras_layer_subclass(self, cls, args, kwargs, node):
        """An instance of a class derived from a Keras layer class that computes as it does
        (Hands-On ML's MCDropout: only call, returning super().call(..., training=True)):
        that layer, named and listed after the derived class."""
        for owner in cls.mro():
            for name, value in owner.namespace.items():
                if not isinstance(value, Function):
                    continue
                if name == "get_config" or name == "call" and _returns_super_call(value.node):
                    continue
                raise self.error(f"{cls.name} derives from Keras's {cls.keras_layer_class.name} and defines {name}(), "
                                 "which convcalc does not follow", node,
                                 hint="convcalc follows such a class when its call only returns super().call(...)")
        return self.make_layer(cls.keras_layer_class, args, kwargs, node, subclass=cls.name)

    def make_lambda(self, args, kwargs, node):
        """keras/src/layers/core/lambda_layer.py: its function, output_shape, arguments."""
        bound = self.bind("Lambda", LAMBDA_ARGUMENTS, args, kwargs, node)
        function = bound.get("function")
        if not isinstance(function, Function):
            what = function.describe() if isinstance(function, Unknown) else self.shown(function)
            raise self.error(f"Lambda's function is {what}: convcalc follows a lambda or a function the file "
                             "defines", node)
        if bound.get("mask") is not None:
            raise self.error("Lambda(mask=...) is not followed", node)
        arguments = bound.get("arguments") or {}
        if not isinstance(arguments, dict):
            raise self.error(f"Lambda's arguments must be a dict; got {self.shown(arguments)}", node)
        layer = LambdaValue(function, bound.get("output_shape"), arguments, node.lineno, self.next_seq())
        self.keras_init(layer, [], {k: v for k, v in bound.items() if k in LAYER_INIT_KEYWORDS}, node)
        return layer

    def keras_init(self, obj, args, kwargs, node):
        """keras.layers.Layer.__init__ (or keras.Model's, for a subclassed model): the
        layer takes its name now, an auto-name after its class if none is given."""
        what = f"{obj.class_name}'s Layer.__init__"
        if obj.kind == "model" and (len(args) >= 2 or "inputs" in kwargs or "outputs" in kwargs):
            return self.functional_subclass(obj, args, kwargs, node)
        if args:
            raise self.error(f"{what} takes keyword arguments only; got {len(args)} positional", node)
        extra = [key for key in kwargs if key not in LAYER_INIT_KEYWORDS]
        if extra:
            raise self.error(f"Unrecognized keyword arguments passed to {obj.class_name}: "
                             f"{', '.join(repr(k) for k in extra)} (Keras refuses them)", node)
        name = kwargs.get("name")
        if name is not None and not isinstance(name, str):
            raise self.error(f"{obj.class_name}'s name must be a string; got {self.shown(name)}", node)
        trainable = kwargs.get("trainable", True)
        if not isinstance(trainable, bool):
            raise self.error(f"{obj.class_name}'s trainable must be True or False; got {self.shown(trainable)}", node)
        if obj.name is None and obj.auto_name is None:
            obj.name = name
            if name is None:
                obj.auto_name = self.names.auto(obj.class_name)
        obj.trainable = trainable
        obj.kwargs = {key: kwargs[key] for key in ("input_shape", "input_dim") if kwargs.get(key) is not None}
        obj.given_dtype = kwargs.get("dtype")  # its dtype policy, if given (graph_builder.user_layer_call)
        return None

    def functional_subclass(self, obj, args, kwargs, node):
        """super().__init__(inputs, outputs) in a keras.Model subclass: Keras makes it a
        Functional model (keras/src/models/model.py Model.__new__), named after its class
        when no name is given; the instance stands for that model."""
        given = {**dict(zip(("inputs", "outputs"), args)), **kwargs}
        if given.get("name") is None:
            given["name"] = self.names.auto(obj.class_name)
        obj.functional = self.make_functional([], given, node)
        obj.name = given["name"]
        return None

    def user_attribute(self, obj, name, node):
        if name in obj.attributes:
            return obj.attributes[name]
        cls, value = obj.cls.lookup(name)
        if isinstance(value, Function):
            if "property" in value.decorators:
                return self.call_bound(BoundMethod(value, obj, cls), [], {}, node)
            if "staticmethod" in value.decorators:
                return value
            return BoundMethod(value, obj, cls)
        if cls is not None:
            return value
        if isinstance(obj, UserLayerValue):
            if name == "name":
                return obj.display_name
            if name == "trainable":
                return obj.trainable
            if name == "built":
                return obj.built
            if name in FLOAT_DTYPES:
                return "float32"
            if name in ("add_weight", "build", "call", "summary", "compile", "fit", "evaluate", "predict",
                        "get_config", "save", "save_weights", "load_weights"):
                return Method(obj, name)
            if name == "layers":
                return tracked_layers(obj)
        return self.unknown(node, f"{obj.cls.name} has no attribute '{name}' convcalc knows")

    def class_attribute(self, cls, name, node):
        """An attribute of a class itself: a class attribute, a staticmethod (PyImageSearch's
        `model = LeNet.build(width=28, ...)`) or a classmethod (its class bound first)."""
        owner, value = cls.lookup(name)
        if isinstance(value, Function):
            if "classmethod" in value.decorators:
                return BoundMethod(value, cls, owner)
            return value
        if owner is not None:
            return value
        return self.unknown(node, f"the class {cls.name} has no attribute '{name}' convcalc knows")

    def set_user_attribute(self, obj, name, value, node):
        if isinstance(obj, UserLayerValue) and name == "trainable":
            if not isinstance(value, bool):
                raise self.error(f"`.trainable` must be True or False; got {self.shown(value)}", node)
            set_trainable(obj, value)  # Keras's setter: its layers too
            return
        if isinstance(obj, UserLayerValue) and name == "built" and isinstance(value, bool):
            obj.built = value
            return
        if isinstance(obj, UserLayerValue) and obj.kind == "model" and name == "optimizer":
            set_optimizer(self, obj, value, node)  # a compile of the class's own: the model's optimizer
        obj.attributes[name] = value

    def super_attribute(self, sup, name, node):
        """super().NAME: the next class's in the instance's classes, or Keras's own."""
        classes = sup.owner.cls.mro()
        for cls in classes[classes.index(sup.cls) + 1:]:
            if name in cls.namespace:
                value = cls.namespace[name]
                return BoundMethod(value, sup.owner, cls) if isinstance(value, Function) else value
        if isinstance(sup.owner, UserLayerValue):
            if name == "__init__":
                return Method(sup.owner, "keras_init")
            if name in ("build", "get_config", "compute_output_shape", "call"):
                return Method(sup.owner, f"keras_{name}")
        elif name == "__init__":
            return Method(sup.owner, "object_init")
        return self.unknown(node, f"super().{name}, which convcalc does not follow")

    def make_super(self, args, node, scope):
        """super() (zero-argument: the method's class and self) or super(Class, self)."""
        if len(args) == 2:
            cls, owner = args
            if not isinstance(cls, UserClass) or not isinstance(owner, UserObject) or cls not in owner.cls.mro():
                what = (cls.describe() if isinstance(cls, Unknown) else
                        f"{self.shown(cls)} is not a class the object is an instance of (Python raises TypeError)")
                raise self.error(f"super({self.text_of(node.args[0])}, ...): {what}", node,
                                 hint="write super().__init__(**kwargs), or name the class itself")
            return Super(cls, owner)
        found, cls = scope.lookup("__class__")
        found_self, owner = scope.lookup("__self__")
        if args or not (found and found_self):
            raise self.error("super() is followed in a method of a class the file defines", node)
        return Super(cls, owner)

    def user_method(self, obj, name, args, kwargs, node):
        if name == "keras_init":
            return self.keras_init(obj, args, kwargs, node)
        if name == "object_init":
            return None
        if name in ("keras_build", "build"):  # Layer.build: built, with no call (its layers stay unbuilt)
            obj.built = True
            return None
        if name == "keras_get_config":
            return {}
        if name == "add_weight":
            return self.add_weight(obj, args, kwargs, node)
        if name == "compile" and isinstance(obj, UserLayerValue):
            return compile_model(self, obj, args, kwargs, node)
        if (name in DATA_METHODS or name in TRAINING_METHODS) and isinstance(obj, UserLayerValue) \
                and obj.kind == "model":
            if name in DATA_METHODS and not obj.built:
                self.build_on_batch(obj, *self.data_batch(name, args, kwargs, node), node)
            if name in TRAINING_METHODS and not self.steps_without_optimizer(obj):
                train_model(obj)
            return self.unknown(node, f".{name}(), never run")
        if name in ("summary", "compile", "fit", "evaluate", "predict", "get_config", "save", "save_weights",
                    "load_weights"):
            return self.unknown(node, f".{name}(), never run")
        return self.unknown(node, f"the layer method .{name}() of {obj.class_name}, which convcalc does not follow")

    def build_on_batch(self, model, data, batch, node):
        """A model class's instance not built yet, fit or predict on data: Keras's trainer
        calls it on the first batch (keras/src/trainers/trainer.py), which builds it."""
        if self.own_step_on_built_layers(model) is not None:
            # keras/src/trainers/trainer.py _symbolic_build calls the model only while a layer is
            # unbuilt; a train_step of the class's own (a VAE's, a GAN's) need not call it at all
            return
        if isinstance(data, Unknown):
            built_on_unknown_data(model, (data.describe(), node.lineno))
            return
        batched = _map_data(data, lambda array: ArrayValue((batch, *array.shape[1:]), array.line))
        self.call_user_layer(model, [batched], {}, node)

    def steps_without_optimizer(self, model):
        """A train_step of the class's own that never applies self.optimizer, its layers all
        built: fit builds no optimizer (Keras builds it on its first apply; a GAN's are its own)."""
        step = self.own_step_on_built_layers(model)
        return step is not None and not any(isinstance(n, ast.Attribute) and n.attr == "optimizer"
                                            and isinstance(n.value, ast.Name) and n.value.id == "self"
                                            for n in ast.walk(step.node))

    def own_step_on_built_layers(self, model):
        """The class's own train_step when every layer the model holds is built, else None."""
        _, step = model.cls.lookup("train_step")
        if isinstance(step, Function) and all(map(self.layer_built, tracked_layers(model))):
            return step
        return None

    def layer_built(self, held):
        """Whether a layer or model a model class holds is built (Keras's layer.built)."""
        if isinstance(held, UserLayerValue):
            return held.built
        if isinstance(held, ModelValue):
            return held.kind != "sequential" or held.built_by_call or self.sequential_has_input(held)
        return getattr(held, "traced_weights", None) is not None or bool(held.nodes) or built_at_init(held.class_name)

    def add_weight(self, obj, args, kwargs, node):
        bound = self.bind("add_weight", ADD_WEIGHT_ARGUMENTS, args, kwargs, node)
        shape = bound.get("shape", ())
        if isinstance(shape, int) and not isinstance(shape, bool):
            shape = (shape,)
        if not (isinstance(shape, (list, tuple)) and plain(shape)
                and all(isinstance(d, int) and not isinstance(d, bool) and d >= 0 for d in shape)):
            raise self.error(f"{obj.class_name}.add_weight's shape is {self.shown(shape)}: convcalc needs its "
                             "sizes (integers) to count the weights", node)
        trainable = bound.get("trainable", True)
        if not isinstance(trainable, bool):
            raise self.error(f"add_weight's trainable must be True or False; got {self.shown(trainable)}", node)
        name = bound.get("name") if isinstance(bound.get("name"), str) else "variable"
        weight = WeightValue(name, tuple(spec_plain(list(shape))), trainable)
        obj.own_weights.append(weight)
        return weight

    def build_user_layers(self, model):
        """A Sequential model that builds calls its layers on its input: the user layers
        in it are followed then (their build may name layers it makes)."""
        if not model.user_items:  # kept as items are added (keras_models.keep_item)
            return
        first = model.items[0][0]
        source = first if isinstance(first, InputValue) else model.built_input
        if source is not None:
            shape = self.input_value_shape(source)
        else:  # the first layer's input_shape (or input_dim)
            given = self.input_shape_arg(first)
            shape = (None, *given) if isinstance(given, (list, tuple)) and plain(given) else None
        if shape is None:
            return
        try:
            arguments.shape(shape[1:], "'input_shape'")  # as any input shape is checked (shapes.py)
            self.model_shapes(model, shape)
        except SpecError as error:
            raise error.located(file=self.source, line=model.line) from None

    def lambda_shapes(self, layer, args, input_shapes, node):
        """Lambda.compute_output_shape: output_shape (the batch axis put first), or a
        function of the input shape; else its function followed on the inputs."""
        given = layer.output_shape
        if isinstance(given, Function):
            return _shapes_of(self.call_function(given, [_shape_structure(input_shapes)], {}, node), layer, node, self)
        if given is not None:
            if not (isinstance(given, (list, tuple)) and plain(given)):
                raise self.error(f"Lambda's output_shape is {self.shown(given)}: a shape or a function", node)
            return _shapes_of((_batch_first(input_shapes), *given), layer, node, self)
        result = self.call_function(layer.function, [args[0]], dict(layer.arguments), node)
        shapes = _map_tensors(result, lambda t: _tensor_shape(t, layer, node, self))
        return list(shapes) if isinstance(shapes, tuple) and not isinstance(result, ShapedTensor) else shapes

    # -- calls --------------------------------------------------------------------------
    def call_bound(self, method, args, kwargs, node):
        result = self.call_function(method.function, [method.owner, *args], kwargs, node,
                                    {"__class__": method.cls, "__self__": method.owner})
        if isinstance(method.owner, UserLayerValue) and getattr(method.function.node, "name", None) == "build":
            method.owner.built = True  # keras/src/layers/layer.py build_wrapper, after the class's build
        return result

    def call_user_layer(self, layer, args, kwargs, node):
        """layer(inputs, ...): on the model's tensors, a call node of the model; on the
        tensors of another layer's call, only its output shapes."""
        if not args:
            raise self.error(f"{layer.display_name} ({layer.class_name}) is called on nothing", node)
        symbolic = find((args, kwargs), (TensorValue,)) is not None
        on_data = find((args, kwargs), (ArrayValue,)) is not None  # np.zeros((1, 784)): Keras builds on its shape
        if not symbolic and not on_data and find((args, kwargs), (ShapedTensor, WeightValue)) is None:
            if not layer.built and layer.built_on_unknown is None:  # Keras builds it there: convcalc cannot
                built_on_unknown_data(layer, (self.text_of(node), node.lineno))
            return self.unknown(node, f"{layer.class_name} called on data, which convcalc does not hold")

        def traced(value):
            if isinstance(value, TensorValue):
                return ShapedTensor(self.shape_of(value, node))
            if isinstance(value, ArrayValue):
                return ShapedTensor(value.shape)
            return value

        inner_args = _map_tensors(args, traced)
        inner_kwargs = {key: _map_tensors(value, traced) for key, value in kwargs.items()}
        shapes = self.run_user_layer(layer, inner_args, inner_kwargs, node, symbolic)
        if on_data:
            return self.unknown(node, f"{layer.class_name}'s output on data, never computed")
        if not symbolic:
            return map_shapes(shapes, ShapedTensor)
        tensors = [t for t in flatten((args, kwargs)) if isinstance(t, TensorValue)]  # Keras's node order
        site = CallSite(layer, tensors[0] if len(tensors) == 1 else tensors, node.lineno, self.next_seq())
        site.shapes = shapes
        if len(tensors) > 1:  # call(anchor, positive, negative): the analysis gives the shapes of all of them
            layer.outputs.append((shape_key([self.shape_of(t, node) for t in tensors]), shapes))
        layer.mask, site.mask_names = user_layer_mask(self, layer, inner_args[0], node)
        layer.nodes.append(site)
        if isinstance(shapes, list):  # several outputs: the tuple its call returns, as Keras gives it back
            return tuple(TensorValue(site, index) for index in range(len(shapes)))
        return TensorValue(site, None)

    def run_user_layer(self, layer, args, kwargs, node, symbolic=True):
        """Build the layer on its inputs' shapes (once), then its output shapes: its
        compute_output_shape if the class has one, else its call followed. Not
        `symbolic` (called inside another layer's call, or on data), its call runs."""
        self.tracing += 1
        try:
            return self.follow_user_layer(layer, args, kwargs, node, symbolic)
        finally:
            self.tracing -= 1

    def follow_user_layer(self, layer, args, kwargs, node, symbolic):
        def shape_of(tensor):
            if not hasattr(tensor, "shape"):  # data convcalc does not compute
                raise self.error(f"{layer.display_name} is called on {self.shown(tensor)}, whose shape convcalc "
                                 "does not compute", node)
            return tensor.shape

        input_shapes = _map_tensors(args[0], shape_of)
        if isinstance(layer, LambdaValue):
            shapes = self.lambda_shapes(layer, args, input_shapes, node)
            layer.outputs.append((shape_key(input_shapes), shapes))
            return shapes
        compute_owner, compute = layer.cls.lookup("compute_output_shape")
        # keras/src/layers/layer.py _maybe_build: with no build(), Keras traces call to
        # build the layers it holds; keras/src/ops/operation.py __call__: on tensors that
        # are not KerasTensors the call runs. Both build what call uses, even when
        # compute_output_shape gives the shape.
        run_call = not symbolic
        if not layer.built:
            owner, build = layer.cls.lookup("build")
            if isinstance(build, Function):  # build(self) takes no shape: Keras calls it so (layer.py _maybe_build)
                given = [_shape_structure(input_shapes)] if _takes_a_shape(build) else []
                self.call_bound(BoundMethod(build, layer, owner), given, {}, node)
            else:
                run_call = True
            layer.built = True
        if isinstance(compute, Function) and run_call:
            try:
                self.follow_call(layer, args, kwargs, node)
            except SpecError:
                if not symbolic:
                    raise
                # _maybe_build: a call its trace cannot follow is a warning; compute_output_shape still gives the shape
        if isinstance(compute, Function):
            result = self.call_bound(BoundMethod(compute, layer, compute_owner), [_shape_structure(input_shapes)], {}, node)
            shapes = _shapes_of(result, layer, node, self)
            layer.shapes_as_tuple = isinstance(result, tuple) and isinstance(shapes, list)  # a row with no call prints it so
        else:
            result = self.follow_call(layer, args, kwargs, node)
            shapes = _map_tensors(result, lambda t: _tensor_shape(t, layer, node, self))
            shapes = list(shapes) if isinstance(shapes, tuple) and not isinstance(result, ShapedTensor) else shapes
        layer.outputs.append((shape_key(input_shapes), shapes))
        return shapes

    def follow_call(self, layer, args, kwargs, node):
        owner, call = layer.cls.lookup("call")
        if not isinstance(call, Function):
            raise self.error(f"{layer.class_name} has no call() method: Keras cannot call it", node)
        parameters = call.node.args
        if "training" in kwargs and parameters.kwarg is None and "training" not in \
                [a.arg for a in parameters.posonlyargs + parameters.args + parameters.kwonlyargs]:
            # keras/src/layers/layer.py CallSpec: a call-context argument call() does not take is dropped
            kwargs = {k: v for k, v in kwargs.items() if k != "training"}
        return self.call_bound(BoundMethod(call, layer, owner), args, kwargs, node)


def _returns_super_call(definition):
    """Whether a method's body is `return super().call(...)` (a docstring aside)."""
    body = [s for s in definition.body if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))]
    if len(body) != 1 or not isinstance(body[0], ast.Return) or not isinstance(body[0].value, ast.Call):
        return False
    function = body[0].value.func
    return (isinstance(function, ast.Attribute) and function.attr == "call" and isinstance(function.value, ast.Call)
            and isinstance(function.value.func, ast.Name) and function.value.func.id == "super")


def _map_data(data, function):
    """Data (an array, or lists, tuples and dicts of them, as fit takes them) with each
    array mapped, its structure kept (a tuple stays a tuple: call's `a, b = inputs`)."""
    if isinstance(data, dict):
        return {key: _map_data(value, function) for key, value in data.items()}
    if isinstance(data, (list, tuple)):
        return type(data)(_map_data(value, function) for value in data)
    return function(data)


def _takes_a_shape(function: Function):
    """Whether a build method has a parameter after self (or *args) for the input shape."""
    parameters = function.node.args
    return len(parameters.posonlyargs) + len(parameters.args) > 1 or parameters.vararg is not None


def _batch_first(shapes):
    return shapes[0][0] if isinstance(shapes, list) else shapes[0]


def user_layer_rule(layer):
    """The rule (layers/user.py) of a user layer, as the reader followed it."""
    kind = "list" if any(isinstance(site.inputs, list) for site in layer.nodes) else "tensor"
    return GivenLayer(layer.class_name, user_layer_weights(layer), layer.outputs, layer.trainable, kind,
                      call_arguments=call_arguments(layer), mask=layer.mask)


def user_layer_weights(layer, trainable=True):
    """Every weight of a user layer: its own (add_weight), then its layers', each with
    the trainable flag of its variable."""
    trainable = trainable and layer.trainable
    weights = [Weight(w.name, w.shape, trainable=w.trainable and trainable, variable=id(w))
               for w in layer.own_weights]
    for sub in tracked_layers(layer):
        weights += _held_weights(sub, trainable)
    return weights


def _held_weights(held, trainable):
    """The weights of a layer or model a user layer holds: a user layer's all; a Keras
    layer's own; a model's layers' in turn (user layers and models among them)."""
    if isinstance(held, UserLayerValue):  # keras.Sequential([Conv2Plus1D(...), ...]) in a user layer too
        return [Weight(f"{held.display_name}/{w.name}", w.shape, w.trainable, w.bits,
                       variable_trainable=w.trainable, variable=w.variable)
                for w in user_layer_weights(held, trainable)]
    trainable = trainable and _layer_trainable(held)
    if isinstance(held, ModelValue):
        return [w for item in _layers_of(held) for w in _held_weights(item, trainable)]
    return [Weight(f"{held.display_name}/{w.name}", w.shape, w.trainable and trainable, w.bits,
                   variable_trainable=w.trainable and trainable, variable=(id(held), i, w.name))  # its row's key
            for i, w in enumerate(getattr(held, "traced_weights", None) or [])]


def _layers_of(value):
    """A model's layers (a Sequential's entries, a functional model's called layers),
    user layers and models among them."""
    held = (LayerValue, UserLayerValue, ModelValue)
    if value.kind == "sequential":
        return [v for v, _ in value.items if isinstance(v, held)]
    if value.kind == "functional":
        return [n.layer for n in relevant_nodes(value) if isinstance(n.layer, held)]
    return []


def built_on_unknown_data(obj, where):
    """A user class's instance built on data convcalc does not hold ((what, line)): so
    is each layer and model it holds, which that first call builds (a Sequential decoder
    of an autoencoder class, summarized apart, would else be listed unbuilt)."""
    if getattr(obj, "built_on_unknown", None) is not None:
        return
    obj.built_on_unknown = where
    if isinstance(obj, UserLayerValue):
        for held in tracked_layers(obj):
            if isinstance(held, (UserLayerValue, ModelValue)):
                built_on_unknown_data(held, where)


def tracked_layers(obj, seen=None):
    """The layers an instance's attributes hold, in assignment order (Keras's tracker:
    attributes, lists, tuples and dicts of them), each once."""
    seen = set() if seen is None else seen
    found = []

    def visit(value):
        if isinstance(value, (LayerValue, UserLayerValue, ModelValue)):
            if id(value) not in seen:
                seen.add(id(value))
                found.append(value)
        elif isinstance(value, (list, tuple)):
            for item in value:
                visit(item)
        elif isinstance(value, dict):
            for item in value.values():
                visit(item)

    for value in obj.attributes.values():
        visit(value)
    return found


def set_trainable(layer, value):
    """Keras's Layer.trainable setter: the layer and every layer it holds."""
    layer.trainable = value
    if isinstance(layer, UserLayerValue):
        for sub in tracked_layers(layer):
            set_trainable(sub, value)


def _layer_trainable(layer):
    if isinstance(layer, LayerValue):
        return layer.trainable if layer.trainable is not None else bool(layer.kwargs.get("trainable", True))
    return layer.trainable


def _map_tensors(value, function):
    """A structure (lists, tuples, dicts) with each leaf mapped."""
    if isinstance(value, list):
        return [_map_tensors(v, function) for v in value]
    if isinstance(value, tuple):
        return tuple(_map_tensors(v, function) for v in value)
    if isinstance(value, dict):
        return {k: _map_tensors(v, function) for k, v in value.items()}
    return function(value)


def _shape_structure(shapes):
    """Shapes as Keras hands them to build: a tuple, or a list of them."""
    if isinstance(shapes, list):
        return [_shape_structure(s) for s in shapes]
    if isinstance(shapes, dict):
        return {k: _shape_structure(s) for k, s in shapes.items()}
    return tuple(shapes)


def _tensor_shape(value, layer, node, interpreter):
    if isinstance(value, (ShapedTensor, WeightValue)):
        return value.shape
    raise interpreter.error(f"{layer.class_name}.call returns {interpreter.shown(value)}, not a tensor convcalc "
                            "follows", node)


def _shapes_of(result, layer, node, interpreter):
    """compute_output_shape's result: a shape (a tuple of sizes), or a list of them."""
    def is_shape(value):
        return isinstance(value, (list, tuple)) and all(d is None or (isinstance(d, int) and not isinstance(d, bool))
                                                         for d in value)
    if is_shape(result):
        return tuple(result)
    if isinstance(result, (list, tuple)) and result and all(map(is_shape, result)):
        return [tuple(r) for r in result]
    raise interpreter.error(f"{layer.class_name}.compute_output_shape returns {interpreter.shown(result)}, "
                            "not a shape", node)

