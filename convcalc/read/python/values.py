"""The values the Python reader's interpreter holds: Python's own (numbers, strings,
containers) and, for what builds models, its stand-ins for Keras's objects (a layer, an
input, a model, a symbolic tensor, one call of a layer); with the limits that keep the
following of untrusted code short, and helpers on values."""

from __future__ import annotations

import math

from convcalc.layers.signatures import canonical_class_name

MAX_STEPS = 200_000  # statements and calls followed, in all: loops end
MAX_DEPTH = 50  # nested calls of the file's own functions
MAX_ITEMS = 100_000  # the longest list, tuple, string or range a value may be
MAX_INT_BITS = 4096  # the largest integer
MAX_FILE_BYTES = 8 * 2**20
MAX_VIEW_CALLS = 100_000  # the calls a Sequential's builds keep (each add builds it again)

# Module paths that are Keras: normalized to "keras..." (tf.keras is Keras)
KERAS_ROOTS = {"keras": "keras", "tf_keras": "keras", "tensorflow.keras": "keras",
               "tensorflow.python.keras": "keras", "keras.api": "keras", "keras.src": "keras"}
LAYER_MODULES = ("keras.layers", "keras.src.layers")
MODEL_MODULES = ("keras.models", "keras.src.models", "keras.engine", "keras.src.engine")
# Keras's call-time arguments that never change a shape
IGNORED_CALL_KWARGS = ("training",)
# call keywords that change nothing when False, their default (Attention's, MultiHeadAttention's)
FALSE_DEFAULT_CALL_KWARGS = ("return_attention_scores", "use_causal_mask")
# Model methods that do not change what the model is (never run; their result is unknown)
MODEL_METHODS = {"summary", "compile", "fit", "evaluate", "predict", "save", "save_weights",
                 "load_weights", "count_params", "get_config", "to_json", "get_weights",
                 "set_weights", "train_on_batch", "test_on_batch", "predict_on_batch", "export",
                 "fit_generator", "evaluate_generator", "predict_generator", "reset_states"}
# Positional arguments of Keras's initializer, regularizer and constraint constructors
OBJECT_POSITIONAL = {
    "L1": ("l1",), "L2": ("l2",), "L1L2": ("l1", "l2"), "OrthogonalRegularizer": ("factor", "mode"),
    "Constant": ("value",), "RandomNormal": ("mean", "stddev", "seed"),
    "RandomUniform": ("minval", "maxval", "seed"), "TruncatedNormal": ("mean", "stddev", "seed"),
    "VarianceScaling": ("scale", "mode", "distribution", "seed"), "Orthogonal": ("gain", "seed"),
    "Identity": ("gain",), "GlorotNormal": ("seed",), "GlorotUniform": ("seed",),
    "HeNormal": ("seed",), "HeUniform": ("seed",), "LecunNormal": ("seed",), "LecunUniform": ("seed",),
    "MaxNorm": ("max_value", "axis"), "MinMaxNorm": ("min_value", "max_value", "rate", "axis"),
    "UnitNorm": ("axis",),
}
# keras.regularizers.l2(...) -> L2; keras.constraints.max_norm is MaxNorm (exported under both names)
OBJECT_FUNCTIONS = {"l1": "L1", "l2": "L2", "l1_l2": "L1L2", "max_norm": "MaxNorm", "min_max_norm": "MinMaxNorm",
                    "non_neg": "NonNeg", "unit_norm": "UnitNorm"}
# TensorFlow's own initializers (tf.random_normal_initializer(0., 0.02)), which Keras accepts
TF_INITIALIZERS = {"random_normal_initializer": "RandomNormal", "random_uniform_initializer": "RandomUniform",
                   "truncated_normal_initializer": "TruncatedNormal", "constant_initializer": "Constant",
                   "zeros_initializer": "Zeros", "ones_initializer": "Ones"}
# keras.layers' functional forms of the merging layers: concatenate([a, b]) is
# Concatenate()([a, b]); their positional arguments after the inputs
MERGE_FUNCTIONS = {"add": ("Add", ()), "subtract": ("Subtract", ()), "multiply": ("Multiply", ()),
                   "average": ("Average", ()), "maximum": ("Maximum", ()), "minimum": ("Minimum", ()),
                   "concatenate": ("Concatenate", ("axis",)), "dot": ("Dot", ("axes", "normalize"))}
# Keras settings a fresh session reads as their defaults (keras.json is not read)
KERAS_SETTINGS = {"image_data_format": "channels_last", "floatx": "float32", "backend": "tensorflow",
                  "epsilon": 1e-07}
INPUT_ARGUMENTS = ("shape", "batch_size", "dtype", "sparse", "ragged", "batch_shape", "name", "tensor", "optional")
SEQUENTIAL_ARGUMENTS = ("layers", "trainable", "name")
# Functions that make an array of a shape the code writes (a Sequential called on one is
# built on its shape): where the shape is, (keyword, position), or None: the positional
# arguments are its dimensions (np.random.rand(1, 784))
ARRAY_FUNCTIONS = {
    "numpy.zeros": ("shape", 0), "numpy.ones": ("shape", 0), "numpy.empty": ("shape", 0),
    "numpy.random.rand": None, "numpy.random.randn": None, "numpy.random.random": ("size", 0),
    "numpy.random.normal": ("size", 2), "numpy.random.uniform": ("size", 2), "numpy.random.randint": ("size", 2),
    "numpy.random.binomial": ("size", 2), "numpy.random.choice": ("size", 1), "numpy.full": ("shape", 0),
    "tensorflow.zeros": ("shape", 0), "tensorflow.ones": ("shape", 0),
    "tensorflow.random.normal": ("shape", 0), "tensorflow.random.uniform": ("shape", 0),
    "keras.random.normal": ("shape", 0), "keras.random.uniform": ("shape", 0),
    "keras.ops.zeros": ("shape", 0), "keras.ops.ones": ("shape", 0),
    "numpy.arange": "range",  # np.arange(start, stop, step): data of len(range(...)) values
}
# Model methods that build a Sequential not built yet on the data they get (Keras's
# trainers): predict on its first batch (batch_size, default 32, at most the data's);
# fit and evaluate on their tf.data batches, whose batch axis is batch_size only when it
# divides the data (keras/src/trainers/data_adapters/array_data_adapter.py), else free
DATA_METHODS = {"predict": "first batch", "predict_on_batch": "data", "fit": "batches", "evaluate": "batches",
                "train_on_batch": "data", "test_on_batch": "data"}
MODEL_ARGUMENTS = ("inputs", "outputs", "name", "trainable")


# -- values the interpreter holds ---------------------------------------------------
class Unknown:
    """A value convcalc does not compute: from code it does not follow."""

    def __init__(self, text, line, why, model_like=False):
        self.text, self.line, self.why = text, line, why
        self.model_like = model_like  # it stands for a model (loaded, or built by code convcalc does not read)

    def __repr__(self):
        return self.text

    def describe(self):
        return f"{self.text} (line {self.line}: {self.why})"

    def carried(self):
        """The value of an expression computed from it (unknown too)."""
        return self


class PreviousMask(Unknown):
    """The mask Keras hands a class's compute_mask (known to the analysis only): kept as
    itself while compute_mask passes it on, unknown once anything is computed from it."""

    def __init__(self, line):
        super().__init__("mask", line, "the mask Keras gives compute_mask, which convcalc follows only as "
                                       "compute_mask returns it")

    def carried(self):
        return Unknown(self.text, self.line, self.why)


class Namespace:
    """An imported module, or a part of one, by its dotted path (Keras's normalized)."""

    def __init__(self, path):
        self.path = path

    def __repr__(self):
        return f"the module {self.path}"


class KerasThing:
    """Something Keras exports that convcalc follows: a layer class, Input, Sequential,
    Model, an activation, an initializer/regularizer/constraint class."""

    def __init__(self, kind, name, path):
        self.kind, self.name, self.path = kind, name, path

    def __repr__(self):
        return self.path

    def __eq__(self, other):  # type(layer) == keras.layers.Conv2D (an alias is the same class)
        if not isinstance(other, KerasThing):
            return NotImplemented
        return self.kind == other.kind and (canonical_class_name(self.name) or self.name) == (
            canonical_class_name(other.name) or other.name)

    def __hash__(self):
        return hash((self.kind, canonical_class_name(self.name) or self.name))


class KerasObject:
    """An initializer, regularizer or constraint object: Keras's {class_name, config}."""

    def __init__(self, class_name, config):
        self.class_name, self.config = class_name, config


class AutoNamed:
    """Something Keras names: its given name, or the one Keras's auto-naming gives it."""

    @property
    def display_name(self):
        return self.name if self.name is not None else self.auto_name  # name="" is a name (Keras keeps it)


class LayerValue(AutoNamed):
    def __init__(self, written, class_name, args, kwargs, line, seq):
        self.written, self.class_name = written, class_name
        self.args, self.kwargs = args, kwargs
        self.line, self.seq = line, seq
        self.name = kwargs.get("name") if isinstance(kwargs.get("name"), str) else None
        self.auto_name = None
        self.trainable = None  # set by `layer.trainable = ...` after construction
        self.nodes = []
        self.built_names_taken = False  # the names of the layers its build makes
        self.subclass = None  # the code's class derived from this Keras class, if it is one's instance

    def __repr__(self):
        return f"the layer '{self.display_name}' ({self.written})"


class InputValue(AutoNamed):
    """Input(...) or InputLayer(...): a model input."""

    dtype = None  # graph.ModelInput.dtype: Input(dtype=...)'s, standardized (read/python/dtypes.py)

    def __init__(self, shape, batch_size, name, line, seq):
        self.shape, self.batch_size, self.name = shape, batch_size, name
        self.line, self.seq = line, seq
        self.auto_name = None
        self.tensor = TensorValue(None, None, self)

    def __repr__(self):
        return f"the input '{self.display_name}'"


class CallSite:
    """One call of a layer (or of a model used as a layer) on tensors."""

    replaced_in = None  # the Sequential whose build made it, replacing its last (MAX_VIEW_CALLS)

    def __init__(self, layer, inputs, line, seq, keywords=None):
        self.layer, self.inputs, self.line, self.seq = layer, inputs, line, seq
        self.keywords = keywords or {}  # initial_state / mask: tensors; training: a value
        self.mask_names = None  # the names its mask's operations take (convcalc/layers/masks.py)

    def tensors(self):
        """What it is applied to: its inputs, then its keywords' tensors (Keras's node order)."""
        keywords = [value for key, value in sorted(self.keywords.items()) if key != "training" and value is not None]
        return flatten(self.inputs) + flatten(keywords)


class TensorValue:
    """A symbolic tensor: output `index` (None: the call's whole output) of a node, or a
    model input."""

    def __init__(self, node, index, input_layer=None):
        self.node, self.index, self.input_layer = node, index, input_layer

    def __repr__(self):
        return "a tensor"


class ModelValue(AutoNamed):
    def __init__(self, kind, line, seq):
        self.kind, self.line, self.seq = kind, line, seq  # kind: sequential | functional | application
        self.name = None
        self.auto_name = None
        self.trainable = True
        self.nodes = []
        self.items = []  # sequential: (value, line) in order
        self.built_input = None  # sequential: the InputLayer build() made
        self.input_name = None  # sequential: the name of the InputLayer made for its first layer's input_shape
        self.built_by_call = False  # sequential: built when first called (no input of its own)
        self.built_on_unknown = None  # sequential: (data, line) it was built on, of a shape not known
        self.compiled_optimizer = self.trained_optimizer = None  # training.py: compile's, and the one fit built
        self.inputs = self.outputs = None  # functional: structures of Tensors
        self.inputs_line = None
        self.input_made = False  # sequential: its InputLayer made from a first model's input shape
        self.input_name = None  # sequential: the name Keras gave the InputLayer it made itself
        self.implicit_input = None  # sequential: that InputLayer, once its tensors are asked for
        self.view = None  # sequential: (input, output tensor) of the Functional it last built (build_view)
        self.builds = []  # sequential: (first seq, input, layers, replaced the last) of each build not made
        self.build_calls = 0  # sequential: the calls its builds hold, made or not
        # sequential, kept as items are added (each add then takes the same time, however many came before):
        self.item_ids = set()  # id() of each item
        self.mask_rules = []  # (item, rule) of the items whose masks take names (keras_layers.naming_rule)
        self.other_items = 0  # items neither a layer, a model nor an Input
        self.user_items = 0  # items of the file's own layer classes
        self.nested_sequentials = []  # items that are Sequential models, in order
        self.registered = 0  # items registered in pending_builds (keras_models.build_view)
        self.application = None  # application: LayerCall(its class, arguments), as a spec writes it
        self.built = None  # application: the graph its builder makes (convcalc.applications.build)
        self.inside = None  # application: its layers and tensors, once the code opens it (ApplicationInside)

    def __repr__(self):
        return f"the model '{self.display_name}'"


class ArrayValue:
    """Concrete data (np.zeros((1, 784)), tf.ones(...)) of a shape the code writes."""

    def __init__(self, shape, line, values=None):
        self.shape, self.line = shape, line
        self.values = values  # the nested lists np.array([...]) was given, when the code writes them


class Function:
    def __init__(self, node, scope, defaults, kw_defaults):
        self.node, self.scope, self.defaults, self.kw_defaults = node, scope, defaults, kw_defaults
        self.decorators = []  # a class body's: its decorators' text (property, staticmethod, ...)

    def __repr__(self):
        return f"the function {getattr(self.node, 'name', '<lambda>')}"


class UserClass:
    """A class the file defines: its methods and class attributes, its bases (other user
    classes, or the Keras class it derives from: keras.layers.Layer or keras.Model)."""

    def __init__(self, name, line, bases, namespace):
        self.name, self.line, self.bases, self.namespace = name, line, bases, namespace

    def __repr__(self):
        return f"the class {self.name}"

    def mro(self):
        """The user classes in the order Python looks attributes up (depth first, as
        the single inheritance of real model code needs)."""
        found = [self]
        for base in self.bases:
            if isinstance(base, UserClass):
                found += [c for c in base.mro() if c not in found]
        return found

    def lookup(self, name):
        """(the class that defines it, the value), or (None, None)."""
        for cls in self.mro():
            if name in cls.namespace:
                return cls, cls.namespace[name]
        return None, None

    @property
    def keras_layer_class(self):
        """The Keras layer class (not Layer itself) this class derives from, or None."""
        for cls in self.mro():
            for base in cls.bases:
                if isinstance(base, KerasThing) and base.kind == "layer":
                    return base
        return None

    @property
    def keras_base(self):
        """'layer' or 'model' for a Keras layer or model class, else None."""
        for cls in self.mro():
            for base in cls.bases:
                if isinstance(base, KerasThing) and base.kind in ("layer_base", "model"):
                    return "model" if base.kind == "model" else "layer"
        return None


class UserObject:
    """An instance of a user class that is not a Keras layer: its attributes."""

    def __init__(self, cls):
        self.cls, self.attributes = cls, {}

    def __repr__(self):
        return f"an instance of {self.cls.name}"


class UserLayerValue(UserObject, AutoNamed):
    """An instance of a user class that derives from keras.layers.Layer or keras.Model:
    named as Keras names it (after its class, when its Layer.__init__ runs), with the
    weights its build makes (add_weight) and the layers its attributes hold."""

    def __init__(self, cls, line, seq):
        super().__init__(cls)
        self.class_name, self.line, self.seq = cls.name, line, seq
        self.name = self.auto_name = None
        self.trainable = True
        self.own_weights = []  # WeightValue, in the order add_weight made them
        self.built = False
        self.outputs = []  # (input shapes, output shapes) of each call, as traced
        self.shapes_as_tuple = False  # its compute_output_shape gives several shapes in a tuple
        self.built_on_unknown = None  # (what, line): called or fit on data convcalc does not hold, which builds it
        self.compiled_optimizer = self.trained_optimizer = None  # a model class's: training.py
        self.nodes = []
        self.kwargs = {}  # the Layer keywords a Sequential reads of its first layer (input_shape, ...)
        self.mask = None  # how its outputs' masks follow (user_masks.py); None: it drops them

    def __repr__(self):
        return f"the layer '{self.display_name}' ({self.class_name})"

    @property
    def kind(self):
        return self.cls.keras_base


class LambdaValue(UserLayerValue):
    """layers.Lambda(function, output_shape=...): a layer whose call is the file's own
    function (or lambda), followed as a user layer's call is."""

    def __init__(self, function, output_shape, arguments, line, seq):
        super().__init__(UserClass("Lambda", line, [KerasThing("layer_base", "Layer", "keras.layers.Layer")], {}),
                         line, seq)
        self.function, self.output_shape, self.arguments = function, output_shape, arguments


class WeightValue:
    """A weight add_weight made: its shape (no batch axis) and whether it trains; in
    call, a tensor of that shape."""

    def __init__(self, name, shape, trainable):
        self.name, self.shape, self.trainable = name, shape, trainable

    def __repr__(self):
        return f"the weight {self.name} {self.shape}"


class ShapedTensor:
    """A tensor inside a user layer's call: only its shape counts (batch axis first); the
    layers and operations applied to it are the layer's own, not the model's rows."""

    def __init__(self, shape):
        self.shape = tuple(shape)

    def __repr__(self):
        return f"a tensor of shape {self.shape}"


class BoundMethod:
    """A method of a user class's instance: its function, `self`, and the class that
    defines it (for super())."""

    def __init__(self, function, owner, cls):
        self.function, self.owner, self.cls = function, owner, cls

    def __repr__(self):
        return f"the method {getattr(self.function.node, 'name', '')}"


class Super:
    """super() in a method: attributes looked up past `cls` in the instance's classes."""

    def __init__(self, cls, owner):
        self.cls, self.owner = cls, owner


class Method:
    def __init__(self, owner, name):
        self.owner, self.name = owner, name

    def __repr__(self):
        return f"the method .{self.name}()"


class Builtin:
    def __init__(self, name):
        self.name = name


class Partial:
    """functools.partial(function, *args, **kwargs): a call of `function` with these first
    (a layer factory: partial(layers.Conv2D, kernel_size=3, padding="same"))."""

    def __init__(self, function, args, kwargs):
        self.function, self.args, self.kwargs = function, args, kwargs


class Break(Exception):
    pass


class Continue(Exception):
    pass


class Return(Exception):
    def __init__(self, value):
        self.value = value


class Scope:
    def __init__(self, parent=None):
        self.vars, self.parent, self.globals = {}, parent, set()
        self.star_layers = False  # `from keras.layers import *`

    def lookup(self, name):
        scope = self
        while scope is not None:
            if name in scope.vars:
                return True, scope.vars[name]
            if scope.star_layers and canonical_class_name(name) is not None:
                return True, KerasThing("layer", name, f"keras.layers.{name}")
            if scope.star_layers and name == "Input":
                return True, KerasThing("input", name, "keras.layers.Input")
            scope = scope.parent
        return False, None

    def module(self):
        scope = self
        while scope.parent is not None:
            scope = scope.parent
        return scope


BUILTINS = ("range", "len", "int", "float", "str", "bool", "tuple", "list", "dict", "min", "max",
            "abs", "sum", "round", "enumerate", "zip", "reversed", "sorted", "print", "set", "super",
            "isinstance", "getattr", "type")
PLAIN_SCALARS = (type(None), bool, int, float, str, complex)
# Python's math module, on numbers (sizes computed from sizes: int(math.sqrt(n)))
MATH_FUNCTIONS = {name: getattr(math, name) for name in (
    "sqrt", "ceil", "floor", "log", "log2", "log10", "exp", "pow", "prod", "gcd", "isqrt", "trunc", "fabs")}
MATH_FUNCTIONS_BY_PATH = {f"math.{name}": function for name, function in MATH_FUNCTIONS.items()}
MATH_CONSTANTS = {"pi": math.pi, "e": math.e, "inf": math.inf, "tau": math.tau}
# numpy's element-wise functions real code computes sizes and initial values with
# (int(np.ceil(n / 2)), np.log([pos / neg])): of a number, a float as numpy gives it
NUMPY_ELEMENTWISE = {
    "numpy.sqrt": math.sqrt, "numpy.log": math.log, "numpy.log2": math.log2, "numpy.log10": math.log10,
    "numpy.exp": math.exp, "numpy.floor": math.floor, "numpy.ceil": math.ceil, "numpy.abs": abs,
    "numpy.square": lambda x: x * x, "numpy.tanh": math.tanh,
    "numpy.clip": lambda x, low, high: min(max(x, low), high),
    "tensorflow.clip_by_value": lambda x, low, high: min(max(x, low), high),
}


def walk(value, limit=MAX_ITEMS):
    """Every value inside a value (containers opened), at most `limit` of them: a list
    that holds itself many times over is not walked for ever. None past the limit."""
    seen, stack, count = [], [value], 0
    while stack:
        item = stack.pop()
        count += 1
        if count > limit:
            return None
        seen.append(item)
        if isinstance(item, (list, tuple, set)):
            stack.extend(item)
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
    return seen


def plain(value):
    """Python data convcalc computes with: numbers, strings, None and containers of them."""
    if isinstance(value, PLAIN_SCALARS + (range,)):
        return True
    items = walk(value)
    return items is not None and all(isinstance(v, PLAIN_SCALARS + (list, tuple, set, dict, range)) for v in items)


def find(value, kinds):
    """The first value of `kinds` inside a value (containers searched)."""
    if isinstance(value, kinds):
        return value
    items = walk(value) or []
    return next((v for v in items if isinstance(v, kinds)), None)


def normalize(path):
    """A module path as convcalc knows it: tensorflow.keras.layers -> keras.layers."""
    if path in ("tf", "tensorflow"):
        return "tensorflow"
    for root, normal in sorted(KERAS_ROOTS.items(), key=lambda kv: -len(kv[0])):
        if path == root or path.startswith(root + "."):
            rest = path[len(root):]
            if rest.startswith(".src.") or rest == ".src":  # keras.src.layers -> keras.layers
                rest = rest[4:]
            if rest.startswith(".api.") or rest == ".api":
                rest = rest[4:]
            return normal + rest
    return path


def is_layer_module(path):
    return any(path == m or path.startswith(m + ".") for m in LAYER_MODULES)


def is_model_module(path):
    return any(path == m or path.startswith(m + ".") for m in MODEL_MODULES)


def flatten(structure):
    """Tensors of a structure in Keras's order (tree.flatten: a dict's values by sorted key)."""
    if isinstance(structure, dict):
        return [t for key in sorted(structure, key=str) for t in flatten(structure[key])]
    if isinstance(structure, (list, tuple)):
        return [t for item in structure for t in flatten(item)]
    return [structure]


def relevant_nodes(model):
    """The calls a functional model's outputs come from (back to tensors that are not calls)."""
    seen, stack = {}, list(flatten(model.outputs))
    while stack:
        tensor = stack.pop()
        if not isinstance(tensor, TensorValue):
            continue
        if tensor.input_layer is not None or tensor.node is None or id(tensor.node) in seen:
            continue
        seen[id(tensor.node)] = tensor.node
        stack.extend(tensor.node.tensors())
    return list(seen.values())


def spec_plain(value):
    """Plain data as a spec holds it: tuples become lists."""
    if isinstance(value, (list, tuple)):
        return [spec_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: spec_plain(v) for k, v in value.items()}
    if isinstance(value, range):
        return list(value)
    return value


def free_sizes(shape):
    """A shape written in a layer's call, each size held as a scalar tensor (a cast of
    ops.shape(x)[0]) free (None): Keras traces the call with it unknown."""
    return [None if isinstance(d, ShapedTensor) and d.shape == () else d for d in shape]


def held_argument(layer, key):
    """The argument a wrapper holds its layer in (RNN's cell, TimeDistributed's layer):
    the keyword, else the first positional argument."""
    return layer.kwargs.get(key, layer.args[0] if layer.args else None)


def map_shapes(shapes, function):
    """Shapes (a tuple, or lists and dicts of tuples) with each shape mapped."""
    if isinstance(shapes, dict):
        return {key: map_shapes(value, function) for key, value in shapes.items()}
    if isinstance(shapes, list):
        return [map_shapes(value, function) for value in shapes]
    return function(shapes)


def literal_array_shape(value):
    """The shape numpy gives a nested list of numbers or strings (regular only), or None."""
    if isinstance(value, (int, float, str)) and not isinstance(value, bool):
        return ()
    if not isinstance(value, (list, tuple)) or not value or len(value) > 100_000:
        return None
    inner = [literal_array_shape(v) for v in value]
    if inner[0] is None or any(i != inner[0] for i in inner):
        return None
    return (len(value), *inner[0])
