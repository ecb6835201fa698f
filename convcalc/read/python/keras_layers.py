"""The Keras API the interpreter knows, besides models: what a Keras module's attributes
are (layer classes, Input, activations, initializers, ...), and what calling them makes."""

from __future__ import annotations

from convcalc.errors import SpecError, did_you_mean
from convcalc.layers import RULES
from convcalc.layers.arguments import ACTIVATION_ALIASES
from convcalc.layers.base import Layer
from convcalc.layers.refused import REFUSED
from convcalc.layers.input_arguments import check_input_arguments
from convcalc.layers.signatures import (
    CALL_KEYWORDS, bind, call_signature, canonical_class_name, keras_activations, keras_aliases, keras_classes,
    operation_functions,
)
from convcalc.layers.masks import supports_masking
from convcalc.naming import Names
from convcalc.read.python.application_preprocess import MODES, preprocess
from convcalc.read.python.dtypes import call_policy_function, input_dtype, policy_at, policy_function
from convcalc.read.python.tensor_ops import CREATIONS, RANDOM_CREATIONS
from convcalc.read.python.training import OptimizerValue
from convcalc.read.python.values import (
    ArrayValue, literal_array_shape,
    ARRAY_FUNCTIONS, FALSE_DEFAULT_CALL_KWARGS, IGNORED_CALL_KWARGS, INPUT_ARGUMENTS, KERAS_SETTINGS, MERGE_FUNCTIONS, OBJECT_FUNCTIONS,
    OBJECT_POSITIONAL, TF_INITIALIZERS, Builtin, CallSite, find, Function, InputValue, is_layer_module, is_model_module,
    KerasObject, KerasThing, LayerValue, Method, ModelValue, Namespace, normalize, plain, spec_plain,
    MATH_CONSTANTS, MATH_FUNCTIONS, NUMPY_ELEMENTWISE, ShapedTensor, Super, TensorValue, Unknown, UserClass, UserObject, WeightValue,
    flatten, held_argument,
)


class KerasLayers:
    dtype_policies = ()  # (seq, policy) of each global dtype policy the code sets (dtypes.py)

    def dtype_policy_at(self, seq):
        return policy_at(self.dtype_policies, seq)

    # -- attributes ---------------------------------------------------------------------
    def attribute(self, owner, name, node):
        if isinstance(owner, Unknown):
            return Unknown(f"{owner.text}.{name}", owner.line, owner.why)
        if isinstance(owner, Namespace):
            return self.namespace_attribute(owner.path, name, node)
        if isinstance(owner, LayerValue):
            return self.layer_attribute(owner, name, node)
        if isinstance(owner, InputValue):
            if name == "output":
                return owner.tensor
            if name == "name":
                return owner.display_name
        if isinstance(owner, ModelValue):
            return self.model_attribute(owner, name, node)
        if isinstance(owner, (TensorValue, ShapedTensor, WeightValue)):
            return self.tensor_attribute(owner, name, node)
        if isinstance(owner, UserObject):
            return self.user_attribute(owner, name, node)
        if isinstance(owner, UserClass):
            return self.class_attribute(owner, name, node)
        if isinstance(owner, ArrayValue):
            if name == "shape":
                return owner.shape
            if name == "ndim":
                return len(owner.shape)
            if name in ("astype", "copy", "reshape", "flatten"):  # the same data, another dtype or shape
                return Method(owner, name)
        if isinstance(owner, Super):
            return self.super_attribute(owner, name, node)
        if isinstance(owner, (list, dict, str)) and not name.startswith("_"):
            return Method(owner, name)
        return self.unknown(node, "an attribute convcalc does not follow")

    def namespace_attribute(self, path, name, node):
        full = f"{path}.{name}"
        if policy_function(path, name) is not None:  # set_global_policy, DTypePolicy, set_floatx
            return KerasThing("dtype_policy", name, full)
        if path == "functools" and name == "partial":  # layer factories: partial(layers.Conv2D, ...)
            return Builtin("partial")
        if path in ("tensorflow", "numpy", "tensorflow.dtypes") and name in DTYPE_NAMES:
            return name  # dtype=tf.float32: Keras takes the dtype's name
        if path in ("tensorflow", "numpy") and name == "newaxis":  # x[:, tf.newaxis]: None, as the libraries define it
            return None
        if full in NUMPY_ELEMENTWISE or full == "tensorflow.TensorShape":
            return Builtin(full)
        if path == "math" and name in MATH_FUNCTIONS:  # int(math.sqrt(vocabulary_size)): plain arithmetic
            return Builtin(full)
        if path == "math" and name in MATH_CONSTANTS:
            return MATH_CONSTANTS[name]
        if full in ("numpy.array", "numpy.asarray"):
            return KerasThing("array_of", name, full)
        if full in ARRAY_FUNCTIONS:
            return KerasThing("array", name, full)
        if full in ("numpy.random", "tensorflow.random"):  # for the ARRAY_FUNCTIONS in them
            return Namespace(full)
        if path == "tensorflow" and name == "initializers":  # TF 2's alias of tf.keras.initializers
            return Namespace("keras.initializers")
        if path == "tensorflow" and name == "keras":
            return Namespace("keras")
        if path == "tensorflow" and name in TF_INITIALIZERS:
            return KerasThing("initializers", TF_INITIALIZERS[name], full)
        if path.startswith("tensorflow.nn") or path == "tensorflow":
            if path == "tensorflow.nn" and name in keras_activations():
                return KerasThing("activation", name, full)
            return Namespace(full) if path == "tensorflow" and name in ("nn", "dtypes") else Unknown(
                full, node.lineno, "a TensorFlow function, not a Keras layer")
        if not (path == "keras" or path.startswith("keras.")):
            return Unknown(full, node.lineno, f"from {path.split('.')[0]}, which convcalc does not follow")
        if path in ("keras.backend", "keras.utils") and name == "clear_session":
            return KerasThing("clear_session", name, full)
        if path in ("keras.backend", "keras.config") and name in KERAS_SETTINGS:
            return KerasThing("setting", name, full)
        if is_layer_module(path):
            if name == "experimental":  # tf.keras 2's keras.layers.experimental.preprocessing
                raise self.error("keras.layers.experimental does not exist in Keras 3 (Keras raises AttributeError); "
                                 "its preprocessing layers are in keras.layers itself", node,
                                 hint="write keras.layers.Rescaling(...), keras.layers.RandomFlip(...), ...")
            if name == "Input":
                return KerasThing("input", name, full)
            if name == "Layer":  # the base of a user layer class
                return KerasThing("layer_base", name, full)
            if name in MERGE_FUNCTIONS:
                return KerasThing("merge", name, full)
            if canonical_class_name(name) is not None:
                return KerasThing("layer", name, full)
            if name[:1].isupper():
                known = list(keras_classes()) + list(keras_aliases())
                raise self.error(f"keras.layers has no class '{name}'.{did_you_mean(name, known)}", node)
            return Namespace(full)
        if path in ("keras",) or is_model_module(path):
            if name == "Input":
                return KerasThing("input", name, full)
            if name == "Sequential":
                return KerasThing("sequential", name, full)
            if name in ("Model", "Functional"):
                return KerasThing("model", name, full)
            if name == "Layer" and path == "keras":  # keras.Layer, Keras 3's export of the base class
                return KerasThing("layer_base", name, full)
            if name in ("load_model", "model_from_json", "model_from_config"):
                return KerasThing("load_model", name, full)
            if name == "clone_model":
                return KerasThing("clone_model", name, full)
            if path != "keras" and name[:1].isupper():
                return Unknown(full, node.lineno, "not a Keras model class convcalc follows")
            return Namespace(normalize(full))
        if path == "keras.activations":
            if name in keras_activations():
                return KerasThing("activation", name, full)
            if name == "get":
                return KerasThing("activation_get", name, full)
            return Unknown(full, node.lineno, "not an activation convcalc knows")
        for kind in ("initializers", "regularizers", "constraints"):
            if path == f"keras.{kind}":
                return KerasThing(kind, name, full)
        if path == "keras.ops" or path.startswith("keras.ops."):
            if name == "shape" or name in operation_functions():
                return KerasThing("op", name, full)
            if name in CREATIONS:
                return KerasThing("creation", name, full)
            if name in ("numpy", "nn", "core", "math", "image", "linalg"):
                return Namespace(full)
            return Unknown(full, node.lineno, "a keras.ops function convcalc does not follow")
        if path == "keras.optimizers" and name[:1].isupper():
            return KerasThing("optimizer", name, full)
        if path == "keras.random" and name in RANDOM_CREATIONS:
            return KerasThing("creation", name, full)
        if path.startswith("keras.applications.") and name == "preprocess_input":
            module = path.split(".")[2]
            if module in MODES or module == "imagenet_utils":
                return KerasThing("preprocess", module, full)
            return Unknown(full, node.lineno, "a preprocess_input convcalc does not know")
        if path.startswith("keras.applications"):  # VGG16, or a module: vgg16, resnet_v2
            return KerasThing("application", name, full) if name[:1].isupper() else Namespace(full)
        return Namespace(full) if not name[:1].isupper() else Unknown(
            full, node.lineno, "a Keras object convcalc does not follow")

    def layer_attribute(self, layer, name, node):
        if name == "trainable":
            return layer.trainable if layer.trainable is not None else bool(layer.kwargs.get("trainable", True))
        if name == "name":
            return layer.display_name
        if name == "output":
            self.make_builds_holding(layer)  # the calls of the Sequential models it is in
            if not layer.nodes:
                raise self.error(f"'{layer.display_name}' has no output: it is not called on a tensor yet", node)
            if layer.nodes[0].replaced_in is not None:  # its first call was in a build not kept
                raise self.error(f"'{layer.display_name}' is called again at each of the many builds of the "
                                 f"Sequential model '{layer.nodes[0].replaced_in.display_name}', more than "
                                 "convcalc follows", node, hint="give the model its layers in one list: Sequential([...])")
            return TensorValue(layer.nodes[0], None)  # Keras 3's Operation.output: its first call's
        if name in ("output_shape", "input_shape"):  # Keras 3's layers have neither
            raise self.error(f"'{layer.written}' object has no attribute '{name}' in Keras 3 (Keras raises "
                             "AttributeError)", node, hint="read the model's summary, or layer.output.shape")
        built = getattr(layer, "traced_weights", None)
        weight = next((w for w in built or () if w.name == name), None)
        if weight is not None:  # a built layer's variable (self.conv.kernel): keras/src/layers/core/dense.py, ...
            return WeightValue(weight.name, tuple(weight.shape), weight.trainable)
        if name in ("units", "filters", "rate"):  # kept as given (core/dense.py, base_conv.py, dropout.py)
            positional = keras_classes().get(layer.class_name, {}).get("positional", ())
            given = {**dict(zip(positional, layer.args)), **layer.kwargs}
            if name in given and plain(given[name]):
                return given[name]
        return Method(layer, name)


    def call_keras(self, thing, args, kwargs, node):
        kind = thing.kind
        if kind == "layer":
            return self.make_layer(thing, args, kwargs, node)
        if kind == "input":
            return self.make_input(args, kwargs, node).tensor
        if kind == "sequential":
            return self.make_sequential(args, kwargs, node)
        if kind == "model":
            return self.make_functional(args, kwargs, node)
        if kind in ("initializers", "regularizers", "constraints"):
            return self.make_object(thing, args, kwargs, node)
        if kind == "clear_session":  # a fresh session: the auto-names start again (dense, ...)
            self.names = Names(self.names.naming)
            self.dtype_policies = [*self.dtype_policies, (self.seq, "float32")]  # and the policy is floatx's
            return None
        if kind == "dtype_policy":
            return call_policy_function(self, thing, args, kwargs, node)
        if kind == "setting" and not args and not kwargs:
            return KERAS_SETTINGS[thing.name]  # the default of a fresh Keras
        if kind == "merge":
            class_name, positional = MERGE_FUNCTIONS[thing.name]
            if not args:
                raise self.error(f"{thing.path} takes the list of tensors to merge", node)
            layer_args = self.bind(thing.path, positional, list(args[1:]), {}, node)
            layer = self.make_layer(KerasThing("layer", class_name, f"keras.layers.{class_name}"), [],
                                    {**layer_args, **kwargs}, node)
            return self.call_layer(layer, [args[0]], {}, node)
        if kind == "activation":
            shaped = args[0] if args else kwargs.get("x")
            if isinstance(shaped, (ShapedTensor, WeightValue)) and thing.name != "glu":
                return ShapedTensor(shaped.shape)  # in a layer's call: an activation keeps the shape
            if find((args, kwargs), (TensorValue,)) is not None:
                return self.activation_operation(thing, args, kwargs, node)
            return self.unknown(node, "an activation function's result")
        if kind == "application":
            return self.make_application(thing, args, kwargs, node)
        if kind == "array_of":  # np.array(data): the same data
            if args and isinstance(args[0], ArrayValue):
                return args[0]
            shape = literal_array_shape(args[0]) if args else None
            if shape is not None:  # np.array([[0.1, 0.2], ...]): data of the shape its nesting gives
                return ArrayValue(shape, node.lineno, args[0])
            return self.unknown(node, f"{thing.path} of values convcalc does not hold")
        if kind == "optimizer":  # no figure depends on it; Keras 3 refuses Keras 2's keywords
            legacy = {key: kwargs[key] for key in ("lr", "decay") if key in kwargs}
            if legacy:
                raise self.error(f"{thing.name}: Keras 3 refuses Keras 2's optimizer keywords (\"Argument(s) not "
                                 f"recognized: {legacy}\")", node, hint="write learning_rate=")
            return OptimizerValue(self.text_of(node), node.lineno, thing.name, args, kwargs)
        if kind == "activation_get":  # keras.activations.get(name or function)
            given = args[0] if args else kwargs.get("identifier")
            if given is None:
                return KerasThing("activation", "linear", "keras.activations.linear")
            if isinstance(given, str) and given in keras_activations():
                return KerasThing("activation", given, f"keras.activations.{given}")
            if isinstance(given, (KerasThing, Function)):
                return given
            return self.unknown(node, f"keras.activations.get({self.shown(given)})")
        if kind == "op":
            return self.call_operation(thing.name, args, kwargs, node)
        if kind == "preprocess":
            return preprocess(self, thing.name, args, kwargs, node)
        if kind == "creation":
            return self.create_tensor(thing, args, kwargs, node)
        if kind == "clone_model":
            return self.clone_model(args, kwargs, node)
        if kind == "array":
            return self.make_array(thing, args, kwargs, node)
        if kind == "load_model":
            return Unknown(self.text_of(node), node.lineno, f"{thing.path} reads a saved model, which convcalc does "
                           "not follow here (summarize the .keras or .json file itself)", model_like=True)
        raise self.error(f"{thing.path} is not followed", node)

    def activation_operation(self, thing, args, kwargs, node):
        """keras.activations.NAME(tensor) in functional code (WaveNet's gates): the
        operation Keras records for it (keras/src/activations/activations.py: relu is
        its own ReLU operation, the others keras.ops's), named as operations are."""
        name = ACTIVATION_ALIASES.get(thing.name, thing.name)
        if name not in ACTIVATION_OPERATIONS:
            return self.unknown(node, f"{thing.path}(...) on a tensor, an operation convcalc does not follow "
                                      f"(write layers.Activation('{thing.name}'))")
        class_name, parameters = ACTIVATION_OPERATIONS[name]
        bound = self.bind(thing.path, ("x", *parameters), args, kwargs, node)
        if name == "linear":
            return bound.get("x")
        x = bound.pop("x", None)
        if not isinstance(x, TensorValue):
            return self.unknown(node, f"{thing.path} of a value convcalc does not follow")
        return self.operation(class_name, [x], bound, node)

    def bind(self, what, names, args, kwargs, node):
        if len(args) > len(names):
            raise self.error(f"{what} takes at most {len(names)} positional arguments; got {len(args)}", node)
        bound = dict(zip(names, args))
        for key, value in kwargs.items():
            if key not in names:
                raise self.error(f"{what} has no keyword '{key}'.{did_you_mean(key, names)}", node,
                                 hint=f"{what} takes: {', '.join(names)}")
            if key in bound:
                raise self.error(f"{what} got '{key}' twice", node)
            bound[key] = value
        return bound

    def make_layer(self, thing, args, kwargs, node, subclass=None):
        """A Keras layer of the class `thing` names; `subclass`: the code's class derived
        from it, which names it (class MCDropout(Dropout): mc_dropout) and its row."""
        class_name = canonical_class_name(thing.name)
        if class_name == "InputLayer":
            return self.make_input_layer(args, kwargs, node)
        if class_name == "Lambda":
            return self.make_lambda(args, kwargs, node)
        refusal = REFUSED.get(class_name)
        if refusal is not None:
            raise self.error(refusal.message(class_name), node, hint=refusal.hint())
        if "batch_input_shape" in kwargs:  # Keras 2's; Keras 3's Layer.__init__ refuses it
            shape = kwargs["batch_input_shape"]
            raise self.error(
                f"Keras 3 refuses batch_input_shape= on a layer (\"Unrecognized keyword arguments passed to "
                f"{class_name}: {{'batch_input_shape': {self.shown(shape)}}}\")", node,
                hint=f"start the model with keras.Input(batch_shape={self.shown(shape)}), or give the layer "
                     "input_shape= without the batch axis")
        name = kwargs.get("name")
        if name is not None and not isinstance(name, str):
            raise self.error(f"{thing.name}'s name must be a string; got {self.shown(name)}", node)
        layer = LayerValue(thing.name, class_name, list(args), dict(kwargs), node.lineno, self.next_seq())
        layer.subclass = subclass
        if layer.name is None:
            layer.auto_name = self.names.auto(subclass or class_name)
        self.take_made_names(layer, "created_layers")
        return layer

    def take_made_names(self, layer, which):
        """The auto-names Keras takes for the layers a layer makes itself: in its __init__
        (`created_layers`: RandAugment's), or when first called (`built_layers`:
        MultiHeadAttention's Softmax and Dropout), as the name plan takes them."""
        rule_class = RULES.get(layer.class_name)
        if rule_class is None or getattr(rule_class, which) is getattr(Layer, which):
            return
        if which == "built_layers":
            if not self.naming.names_built_layers or layer.built_names_taken:
                return
            layer.built_names_taken = True  # built once, on its first call
        try:
            rule = self.rule_of(layer)
        except SpecError:
            return  # the analysis reports it
        for class_name in getattr(rule, which)():
            self.names.auto(class_name)

    def input_shape_of(self, bound, node, what):
        """(shape without the batch axis, batch size) of Input/InputLayer arguments."""
        shape, batch = bound.get("shape"), bound.get("batch_size")
        for key in ("batch_shape", "batch_input_shape"):
            if bound.get(key) is not None:
                full = bound[key]
                if isinstance(full, (list, tuple)) and full:
                    shape, batch = tuple(full[1:]), full[0]
                else:
                    shape = full
        if shape is None and bound.get("input_shape") is not None:
            shape = bound["input_shape"]
        if isinstance(shape, int) and not isinstance(shape, bool):  # Keras: "Cannot convert '784' to a shape."
            key = next(k for k in ("batch_shape", "batch_input_shape", "shape", "input_shape") if bound.get(k) is not None)
            raise self.error(f"{what}'s {key}={shape} is an int, not a shape; Keras refuses it "
                             f"(\"Cannot convert '{shape}' to a shape.\"): write {key}=({shape},)", node)
        return shape, batch

    def make_input(self, args, kwargs, node):
        bound = self.bind("Input", INPUT_ARGUMENTS, args, kwargs, node)
        if bound.get("tensor") is not None:
            raise self.error("Input(tensor=...) wraps an existing tensor, which convcalc does not follow", node)
        return self.new_input(bound, node)

    def make_input_layer(self, args, kwargs, node):
        names = tuple(keras_classes()["InputLayer"]["keywords"]) + ("batch_input_shape",)
        positional = tuple(keras_classes()["InputLayer"]["positional"])
        kwargs = {k: v for k, v in kwargs.items() if k in names}  # Keras's InputLayer ignores the others (**kwargs)
        bound = self.bind("InputLayer", names, [], {**dict(zip(positional, args)), **kwargs}, node)
        return self.new_input(bound, node)

    def new_input(self, bound, node):
        try:  # what Keras's InputLayer refuses (two shapes, an invalid dtype or name)
            check_input_arguments(bound, "Input")
        except SpecError as error:
            raise self.error(error.what, node, hint=error.hint) from None
        shape, batch = self.input_shape_of(bound, node, "Input")
        name = bound.get("name")
        if name is not None and not isinstance(name, str):
            raise self.error(f"an input's name must be a string; got {self.shown(name)}", node)
        layer = InputValue(shape, batch, name, node.lineno, self.next_seq())
        layer.dtype = input_dtype(bound.get("dtype"), node.lineno)
        if name is None:
            layer.auto_name = self.names.auto("InputLayer")
        return layer


    def make_object(self, thing, args, kwargs, node):
        kind = thing.kind
        if thing.name == "get":  # keras.initializers.get(identifier): what a layer takes as it is
            bound = self.bind(thing.path, ("identifier",), args, kwargs, node)
            return bound.get("identifier")
        class_name = OBJECT_FUNCTIONS.get(thing.name, thing.name) if kind != "initializers" else thing.name
        names = OBJECT_POSITIONAL.get(class_name, ())
        if len(args) > len(names):
            raise self.error(f"give {thing.path}'s arguments as keywords", node)
        config = {**dict(zip(names, args)), **kwargs}
        # no figure depends on an initializer's, regularizer's or constraint's values (an
        # initial matrix np.eye(n)): those convcalc does not compute are left out
        return KerasObject(class_name, spec_plain({key: value for key, value in config.items() if plain(value)}))

    def tensor_arguments(self, layer_label, args, kwargs, node, class_name):
        """A layer call's inputs: one tensor, a list, or a mapping of named tensors."""
        named = {}
        for key, value in kwargs.items():
            if find(value, (TensorValue, ShapedTensor, WeightValue)) is not None:
                named[key] = value
            elif key in IGNORED_CALL_KWARGS or value is None or value is False and key in FALSE_DEFAULT_CALL_KWARGS:
                continue
            else:
                raise self.error(
                    f"{layer_label} is called with {key}={self.shown(value)}, a call argument "
                    "convcalc does not follow", node)
        if not args and not named:
            raise self.error(f"{layer_label} is called on nothing", node)
        if len(args) == 1 and not named:
            return args[0]
        if args and len(args) > 1 or named:
            from convcalc.layers import RULES

            rule = RULES.get(class_name or "")
            names = getattr(rule, "CALL_TENSORS", None)
            if rule is None or getattr(rule, "input_kind", None) != "mapping" or not names:
                raise self.error(f"{layer_label} is called with several tensor arguments, "
                                 "which convcalc cannot name for it", node)
            for key, value in zip(names, args):
                if key in named:
                    raise self.error(f"{layer_label} gets '{key}' twice", node)
                named[key] = value
            return named
        return args[0]

    def call_keywords(self, layer_label, kwargs, node, class_name):
        """The keywords of a call that are not the tensors it is applied to (CALL_KEYWORDS:
        initial_state=[h, c], mask=m, training=False), for the layers whose Keras call
        takes them; any other keyword is left to tensor_arguments. Keras's node lists
        their tensors; a keyword given at all keeps the layer's mask out of its node."""
        from convcalc.layers import RULES

        if getattr(RULES.get(class_name or ""), "input_kind", None) == "mapping":
            return {}  # MultiHeadAttention(query=q, value=v): named tensors, its inputs
        arguments = call_signature(class_name)["arguments"][1:]
        keywords = {}
        for key, value in kwargs.items():
            if key not in CALL_KEYWORDS and (key in arguments or find(value, (TensorValue,)) is None):
                continue  # tensor_arguments says what it is
            if key not in arguments and key != "training":  # Keras drops a training its call lacks
                raise self.error(f"{layer_label} is called with {key}=..., which Keras's {class_name}.call "
                                 f"does not take", node, hint=f"its call takes: {', '.join(['inputs', *arguments])}"
                                 if arguments else None)
            if key == "training" or value is None:  # a value; Keras keeps it in the node's kwargs
                keywords[key] = value if isinstance(value, (bool, type(None))) else None
                continue
            tensors = flatten(value)
            if isinstance(value, dict) or not all(isinstance(t, TensorValue) for t in tensors):
                what = self.shown(value) if not isinstance(value, (dict, list, tuple)) else f"a {type(value).__name__}"
                raise self.error(f"{layer_label} is called with {key}= {what}: convcalc follows a tensor or a "
                                 "list of tensors there", node)
            keywords[key] = value if isinstance(value, TensorValue) else list(tensors)
        return keywords

    def call_names(self, layer, call):
        """Take the names of the keras.ops operations a layer's compute_mask applies at
        every call, whatever the mask (Embedding's not_equal: convcalc/layers/masks.py), which the
        call keeps for the graph (its build's names: take_made_names)."""
        rule = self.naming_rule(layer)
        if rule is not None:
            call.mask_names = self.mask_names(rule)

    def naming_rule(self, layer):
        """The rule of a layer whose compute_mask takes names, or None: none taken, or
        the engine takes them as it meets them (arguments convcalc does not compute here)."""
        rule_class = RULES.get(layer.class_name or "")
        if rule_class is None or rule_class.compute_mask is Layer.compute_mask:
            return None
        if not all(plain(v) for v in [*layer.args, *layer.kwargs.values()]):
            return None
        try:
            return rule_class(layer.class_name, bind(layer.class_name, spec_plain(layer.args), spec_plain(layer.kwargs)))
        except SpecError:
            return None  # the graph reports it

    def mask_names(self, rule):
        """Take the names of the operations the rule's compute_mask applies whatever the mask."""
        if not (self.names.naming.mask_operations and supports_masking(rule)):
            return None
        made = []
        try:
            rule.compute_mask(_StandIn(), None, lambda name, operands, shape: made.append(name) or _StandIn())
        except SpecError:
            return None  # the analysis reports it, located
        return [self.names.auto(name) for name in made]

    def call_layer(self, layer, args, kwargs, node):
        label = f"'{layer.display_name}' ({layer.written})"
        if self.tracing and is_cell(layer.class_name):
            return self.traced_cell_call(layer, args, kwargs, node)
        keywords = self.call_keywords(label, kwargs, node, layer.class_name)
        inputs = self.tensor_arguments(label, args, {k: v for k, v in kwargs.items() if k not in keywords}, node,
                                       layer.class_name)
        self.take_made_names(layer, "built_layers")
        if find(inputs, (TensorValue,)) is None and find(inputs, (ShapedTensor, WeightValue)) is not None:
            return self.traced_call(layer, inputs, node)  # inside a user layer's call
        if self.tracing and find(inputs, (TensorValue,)) is None:
            return self.unknown(node, f"'{layer.display_name}' applied to a value convcalc does not follow")
        held = held_sequential(layer)
        if held is not None:
            self.build_when_called(held)
        call = CallSite(layer, inputs, node.lineno, self.next_seq(), keywords)
        layer.nodes.append(call)
        self.call_names(layer, call)
        return TensorValue(call, None)


def held_sequential(layer):
    """The Sequential a wrapper holds (TimeDistributed(Sequential([...]))), which the
    wrapper's build builds (keras/src/layers/core/wrapper.py), or None."""
    held = held_argument(layer, "layer")
    return held if isinstance(held, ModelValue) and held.kind == "sequential" else None


DTYPE_NAMES = ("float16", "float32", "float64", "bfloat16", "int8", "int16", "int32", "int64", "uint8", "uint16",
               "uint32", "uint64", "bool", "string", "complex64", "complex128")


def is_cell(class_name):
    """Whether Keras's class is an RNN cell (called with states, one step at a time)."""
    from convcalc.layers.recurrent import Cell

    rule = RULES.get(canonical_class_name(class_name) or class_name)
    return isinstance(rule, type) and issubclass(rule, Cell)


# keras.activations functions on a symbolic tensor -> the operation Keras records (class,
# the function's parameters after x); linear returns x itself; mish refuses a KerasTensor
ACTIVATION_OPERATIONS = {
    "relu": ("ReLU", ("negative_slope", "max_value", "threshold")), "tanh": ("Tanh", ()),
    "sigmoid": ("Sigmoid", ()), "softmax": ("Softmax", ("axis",)), "elu": ("Elu", ("alpha",)),
    "gelu": ("Gelu", ("approximate",)), "exponential": ("Exp", ()), "selu": ("Selu", ()), "silu": ("Silu", ()),
    "leaky_relu": ("LeakyRelu", ("negative_slope",)), "relu6": ("Relu6", ()), "softplus": ("Softplus", ()),
    "softsign": ("Softsign", ()), "hard_sigmoid": ("HardSigmoid", ()), "hard_silu": ("HardSilu", ()),
    "linear": (None, ()),
}

class _StandIn:
    """A tensor of no shape, for the operations a compute_mask applies without a mask."""

    shape = ()
