"""The interpreter: follows a module's statements (never running them) with the values of
values.py; each family of constructs is a mixin of its own module."""

from __future__ import annotations

import ast
import itertools

from convcalc.errors import SpecError
from convcalc.layers.vocabulary_adapt import ADAPTED_LOOKUPS
from convcalc.naming import Names
from convcalc.read.python.expressions import Expressions
from convcalc.read.python.keras_layers import KerasLayers
from convcalc.read.python.keras_models import KerasModels
from convcalc.read.python.plain_python import PlainPython
from convcalc.read.python.shapes import Shapes
from convcalc.read.python.statements import Statements
from convcalc.read.python.tensor_ops import TensorOps
from convcalc.read.python.user_classes import UserClasses
from convcalc.read.python.values import (
    ArrayValue, literal_array_shape,
    MAX_STEPS, Builtin, find, Function, InputValue, KerasObject, KerasThing, LayerValue, Method, ModelValue,
    Namespace, Partial, Scope, TensorValue, Unknown, UserClass, UserLayerValue, UserObject, BoundMethod, ShapedTensor,
    WeightValue,
)


# TensorFlow functions real code applies to tensors, and the keras.ops function Keras 3 takes instead
TF_EQUIVALENTS = {
    "concat": "concatenate", "reshape": "reshape", "transpose": "transpose", "expand_dims": "expand_dims",
    "squeeze": "squeeze", "stack": "stack", "matmul": "matmul", "cast": "cast", "reduce_mean": "mean",
    "reduce_sum": "sum", "reduce_max": "max", "reduce_min": "min", "argmax": "argmax", "argmin": "argmin",
    "nn.softmax": "softmax", "nn.relu": "relu", "nn.gelu": "gelu", "nn.silu": "silu", "sigmoid": "sigmoid",
    "nn.sigmoid": "sigmoid", "tanh": "tanh", "math.tanh": "tanh", "exp": "exp", "math.exp": "exp",
    "sqrt": "sqrt", "math.sqrt": "sqrt", "square": "square", "math.square": "square", "abs": "abs",
    "add": "add", "multiply": "multiply", "subtract": "subtract", "maximum": "maximum", "minimum": "minimum",
    "math.reduce_mean": "mean", "math.reduce_sum": "sum", "shape": "shape",
    "image.resize": "resize", "tensordot": "tensordot", "einsum": "einsum", "pad": "pad", "tile": "tile",
    "math.log": "log", "math.abs": "abs", "math.reduce_max": "max", "math.reduce_min": "min", "one_hot": "one_hot",
    "broadcast_to": "broadcast_to", "split": "split",
    "sin": "sin", "cos": "cos", "math.sin": "sin", "math.cos": "cos", "math.tan": "tan", "math.log1p": "log1p",
    "math.expm1": "expm1", "floor": "floor", "math.floor": "floor", "math.ceil": "ceil", "math.sign": "sign",
    "math.reciprocal": "reciprocal", "math.rsqrt": "rsqrt", "math.erf": "erf", "nn.softplus": "softplus",
    "math.softplus": "softplus", "math.sigmoid": "sigmoid", "nn.relu6": "relu6", "nn.selu": "selu",
    "nn.softsign": "softsign", "math.pow": "power", "pow": "power", "divide": "divide",
    "math.divide": "divide", "math.add": "add", "math.multiply": "multiply", "math.subtract": "subtract",
    "math.maximum": "maximum", "math.minimum": "minimum", "math.negative": "negative", "negative": "negative",
    "image.extract_patches": "extract_patches", "linalg.matrix_transpose": "matrix_transpose",
    "nn.depth_to_space": "depth_to_space", "nn.space_to_depth": "space_to_depth", "gather": "take",
}
# those a model is called on data with (model(tf.expand_dims(image, 0))): data of their shape
DATA_EQUIVALENTS = frozenset({"expand_dims", "reshape", "transpose", "squeeze", "concatenate", "stack", "cast",
                              "image.resize", "resize", "tile"})
# TensorFlow functions that make a tensor of the shape their arguments give, and their
# keras.ops twins (tensor_ops.CREATIONS), with tf.range's keywords as ops.arange names them
TF_CREATIONS = {"range": "arange", "zeros": "zeros", "ones": "ones", "fill": "full", "eye": "eye",
                "linspace": "linspace", "constant": "convert_to_tensor", "convert_to_tensor": "convert_to_tensor",
                "random.normal": "normal", "random.uniform": "uniform", "random.truncated_normal": "truncated_normal"}
TF_CREATION_KEYWORDS = {"limit": "stop", "delta": "step", "dims": "shape", "value": "fill_value",
                        "num_rows": "N", "num_columns": "M"}

# TensorFlow's names of those functions' arguments, as keras.ops names them
TF_KEYWORDS = {"input": "x", "tensor": "x", "input_tensor": "x", "logits": "x", "features": "x", "values": "xs",
               "shape": "newshape", "perm": "axes", "a": "x1", "b": "x2", "y": "x2",
               "paddings": "pad_width", "method": "interpolation", "multiples": "repeats", "depth": "num_classes",
               "indices": "x"}


class Interpreter(Statements, Expressions, KerasLayers, KerasModels, PlainPython, TensorOps, Shapes, UserClasses):
    def __init__(self, text, source, naming):
        self.text, self.source = text, source
        self.lines = None
        self.names = Names(naming)
        self.naming = naming
        self.steps = 0
        self.depth = 0
        self.seq = 0
        self.module = Scope()
        self.module.vars["__name__"] = "__main__"
        self.models = []
        self.bindings = []  # (name, value) of each module-level binding, in order
        self.tracing = 0  # > 0 inside a user layer's build and call: tensors there are shapes only
        self.pending_builds = {}  # id(layer) -> the Sequential models whose builds' calls are not made yet

    # -- helpers ------------------------------------------------------------------------
    def next_seq(self):
        self.seq += 1
        return self.seq

    def step(self, node):
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise SpecError(
                f"the code runs too long for convcalc to follow ({MAX_STEPS:,} steps)",
                hint="convcalc follows loops over short literal lists; it never runs the code",
                file=self.source, line=getattr(node, "lineno", None),
            )

    def error(self, what, node=None, hint=None, line=None):
        return SpecError(what, hint=hint, file=self.source,
                         line=line if line is not None else getattr(node, "lineno", None))

    def text_of(self, node):
        """The source of an expression, shortened for messages (fast on large files)."""
        if self.lines is None:
            self.lines = self.text.splitlines(keepends=True)
        try:
            first, last = node.lineno - 1, min(node.end_lineno - 1, node.lineno + 1)
            if first == last:
                text = self.lines[first].encode()[node.col_offset:node.end_col_offset].decode()
            else:
                text = self.lines[first].encode()[node.col_offset:].decode() + "".join(self.lines[first + 1:last + 1])
        except (AttributeError, IndexError, TypeError, UnicodeDecodeError):
            text = type(node).__name__
        text = " ".join(text.split()) or type(node).__name__
        return text if len(text) <= 60 else text[:57] + "..."

    def tensorflow_names(self):
        """The module-level names the file gave TensorFlow (`tf`, `tensorflow`)."""
        return {name for name, value in self.module.vars.items()
                if isinstance(value, Namespace) and value.path == "tensorflow"}

    def unknown(self, node, why):
        return Unknown(self.text_of(node), node.lineno, why)


    # -- calls --------------------------------------------------------------------------
    def expr_Call(self, node, scope):
        self.step(node)
        function = self.eval(node.func, scope)
        args = []
        for arg in node.args:
            if isinstance(arg, ast.Starred):
                args.extend(self.iterate(self.eval(arg.value, scope), arg))
            else:
                args.append(self.eval(arg, scope))
        kwargs = {}
        for keyword in node.keywords:
            value = self.eval(keyword.value, scope)
            if keyword.arg is None:  # **options
                if not isinstance(value, dict) or not all(isinstance(k, str) for k in value):
                    return self.unknown(node, "unpacks keyword arguments convcalc does not compute")
                kwargs.update(value)
            else:
                kwargs[keyword.arg] = value
        if isinstance(function, Builtin) and function.name == "super":
            return self.make_super(args, node, scope)
        return self.call(function, args, kwargs, node)

    def call(self, function, args, kwargs, node):
        if isinstance(function, KerasThing):
            return self.call_keras(function, args, kwargs, node)
        if isinstance(function, KerasObject):  # an initializer called on a shape: its values, data of that shape
            shape = args[0] if args else kwargs.get("shape")
            if isinstance(shape, (list, tuple)) and shape and all(
                    isinstance(d, int) and not isinstance(d, bool) and d > 0 for d in shape):
                return ArrayValue(tuple(shape), node.lineno)
            return self.unknown(node, f"{function.class_name}(...) called on values convcalc does not follow")
        if isinstance(function, LayerValue):
            return self.call_layer(function, args, kwargs, node)
        if isinstance(function, ModelValue):
            return self.call_model(function, args, kwargs, node)
        if isinstance(function, InputValue):
            raise self.error("an InputLayer is not called on tensors", node)
        if isinstance(function, Method):
            return self.call_method(function, args, kwargs, node)
        if isinstance(function, Function):
            return self.call_function(function, args, kwargs, node)
        if isinstance(function, Builtin):
            return self.call_builtin(function.name, args, kwargs, node)
        if isinstance(function, Partial):  # its arguments first; a keyword given again wins
            return self.call(function.function, [*function.args, *args], {**function.kwargs, **kwargs}, node)
        if isinstance(function, UserClass):
            return self.instantiate(function, args, kwargs, node)
        if isinstance(function, UserLayerValue):
            return self.call_user_layer(function, args, kwargs, node)
        if isinstance(function, BoundMethod):
            return self.call_bound(function, args, kwargs, node)
        if isinstance(function, UserObject):
            owner, method = function.cls.lookup("__call__")
            if isinstance(method, Function):
                return self.call_bound(BoundMethod(method, function, owner), args, kwargs, node)
            raise self.error(f"an instance of {function.cls.name} is not callable", node)
        if isinstance(function, Unknown):
            written = self.text_of(node.func)
            from_tensorflow = written.split(".")[0] in self.tensorflow_names()
            tf_name = written.split(".", 1)[-1] if from_tensorflow else None  # tf.math.sqrt: math.sqrt
            equivalent = TF_EQUIVALENTS.get(tf_name)
            on_model = find((args, kwargs), (TensorValue,)) is not None
            # a number, or a size the traced call's tf.shape does not know (None): a scalar tensor
            on_number = self.tracing and bool(args) and (args[0] is None and equivalent != "shape" or
                                                         isinstance(args[0], (int, float)) and not isinstance(args[0], bool))
            traced = (ShapedTensor, WeightValue, ArrayValue)
            on_data = not self.tracing and not on_model and find((args, kwargs), (ArrayValue,)) is not None
            followed = equivalent in DATA_EQUIVALENTS if on_data else (
                find((args, kwargs), traced) is not None or on_number)
            if equivalent and followed:
                # inside a layer's call Keras runs on TensorFlow tensors, and on numpy data
                # (tf.expand_dims(image, 0)) TensorFlow makes an eager tensor: a TensorFlow
                # function computes as its keras.ops twin does
                renamed = {TF_KEYWORDS.get(key, key): value for key, value in kwargs.items()}
                if equivalent in TF_ARGUMENTS:  # arguments TensorFlow writes otherwise than keras.ops
                    args, renamed = TF_ARGUMENTS[equivalent](args, renamed)
                if equivalent == "matrix_transpose":  # the last two axes swapped
                    x = args[0] if args else renamed.get("x")
                    if not isinstance(x, (ShapedTensor, WeightValue)) or len(x.shape) < 2:
                        return self.unknown(node, f"{written} of a value convcalc does not follow")
                    rank = len(x.shape)
                    return self.call_operation("transpose", [x], {"axes": [*range(rank - 2), rank - 1, rank - 2]}, node)
                result = self.call_operation(equivalent, args, renamed, node)
                return ArrayValue(result.shape, node.lineno) if on_data and isinstance(result, ShapedTensor) else result
            if tf_name in ("stop_gradient", "identity") and args \
                    and isinstance(args[0], (ShapedTensor, WeightValue)):
                return ShapedTensor(args[0].shape)  # in a layer's call: the same tensor, for the backward pass cut
            if tf_name == "Variable":  # Keras 3 tracks no tf.Variable: no weight
                initial = args[0] if args else kwargs.get("initial_value")
                if isinstance(initial, (ArrayValue, ShapedTensor)):
                    return ArrayValue(tuple(initial.shape), node.lineno)  # a tensor of its initial value's shape
            if tf_name in ("constant", "convert_to_tensor") and not self.tracing and not on_model and args:
                shape = literal_array_shape(args[0]) if not isinstance(args[0], ArrayValue) else args[0].shape
                if shape is not None:  # tf.constant([...]) the code writes: an eager tensor, data of its shape
                    return ArrayValue(tuple(shape), node.lineno)
            created = TF_CREATIONS.get(tf_name) if self.tracing else None
            if created is not None and not on_model:  # tf.range(maxlen) in a layer's call: ops.arange's tensor
                keywords = {"value": "x"} if created == "convert_to_tensor" else TF_CREATION_KEYWORDS
                renamed = {keywords.get(key, key): value for key, value in kwargs.items()}
                module = "random" if tf_name.startswith("random.") else "ops"
                return self.create_tensor(KerasThing("creation", created, f"keras.{module}.{created}"), args, renamed,
                                          node)
            if on_model and from_tensorflow:
                raise self.error(f"{written}(...) on a Keras tensor: Keras 3 refuses a TensorFlow function of a "
                                 "symbolic tensor (\"A KerasTensor cannot be used as input to a TensorFlow "
                                 "function\"); write " + (f"keras.ops.{equivalent}(...)" if equivalent else
                                                            "a keras.ops function or a layer"), node)
            if on_model:
                return self.unknown(node, f"{written}(...) on tensors is not a Keras layer")
            return Unknown(self.text_of(node), node.lineno, f"the result of {written}(...), never run")
        return self.unknown(node, "a call convcalc does not follow")

    def call_method(self, method, args, kwargs, node):
        owner, name = method.owner, method.name
        if isinstance(owner, ModelValue):
            return self.model_method(owner, name, args, kwargs, node)
        if isinstance(owner, LayerValue):
            if name == "adapt" and owner.class_name == "Normalization" and args and isinstance(args[0], ArrayValue):
                owner.built_on = list(args[0].shape)  # keras/src/layers/preprocessing/normalization.py adapt builds it
                try:  # that build is its shape in a model class's listing, whatever calls it later
                    self.apply_rule(owner, tuple(owner.built_on))
                except SpecError as error:
                    raise error.located(file=self.source, line=node.lineno, layer=owner.display_name) from None
                return None
            if name == "adapt" and owner.class_name in ADAPTED_LOOKUPS:
                return self.adapt_lookup(owner, args, kwargs, node)
            if name == "build":  # a user class's build builds what it holds (keras/src/layers/layer.py build)
                return self.build_held_layer(owner, args, kwargs, node)
            if name == "compute_output_shape":
                return self.layer_output_shape(owner, args, kwargs, node)
            if name in ("vocabulary_size", "get_vocabulary") and not args and not kwargs:
                return self.vocabulary_of(owner, name, node)
            return self.unknown(node, f"the layer method .{name}(), never run")
        if isinstance(owner, ArrayValue):  # .astype(...), .copy(): the same data; .reshape, .flatten
            return self.array_method(owner, name, args, kwargs, node)
        if isinstance(owner, UserObject):
            return self.user_method(owner, name, args, kwargs, node)
        if isinstance(owner, list):
            return self.list_method(owner, name, args, kwargs, node)
        if isinstance(owner, dict):
            return self.dict_method(owner, name, args, kwargs, node)
        if isinstance(owner, str):
            return self.str_method(owner, name, args, kwargs, node)
        return self.unknown(node, "a method convcalc does not follow")


def _transposed_operands(args, kwargs):
    """tf.matmul(a, b, transpose_b=True): keras.ops.matmul of b with its last two axes
    swapped (what TensorFlow multiplies); adjoint_* transposes alike, for real tensors."""
    operands = {"x1": args[0] if args else kwargs.pop("x1", None), "x2": args[1] if len(args) > 1 else kwargs.pop("x2", None)}
    for key, flags in (("x1", ("transpose_a", "adjoint_a")), ("x2", ("transpose_b", "adjoint_b"))):
        value = operands[key]
        if not (isinstance(value, (ShapedTensor, WeightValue, ArrayValue)) and len(value.shape) >= 2):
            continue  # ops.matmul then refuses the flag, as it would
        if any([kwargs.pop(flag, False) is True for flag in flags]):
            operands[key] = ShapedTensor((*value.shape[:-2], value.shape[-1], value.shape[-2]))
    return [operands["x1"], operands["x2"]], kwargs


def _patch_arguments(args, kwargs):
    """tf.image.extract_patches(images, sizes=[1, p, p, 1], strides=[1, s, s, 1],
    rates=[1, r, r, 1], padding="VALID") as keras.ops.image.extract_patches takes them:
    size=(p, p), strides=(s, s), dilation_rate=(r, r), padding="valid" (NHWC's batch and
    channel entries are 1). Anything else is left for its check to refuse."""
    renamed = dict(kwargs)
    names = ("images", "sizes", "strides", "rates", "padding")
    given = {**dict(zip(names, args)), **{k: renamed.pop(k) for k in list(renamed) if k in names}}
    for key, target in (("sizes", "size"), ("strides", "strides"), ("rates", "dilation_rate")):
        value = given.get(key)
        if isinstance(value, (list, tuple)) and len(value) == 4 and value[0] == value[3] == 1:
            renamed[target] = tuple(value[1:3])
        elif value is not None:
            renamed[target] = value
    if isinstance(given.get("padding"), str):
        renamed["padding"] = given["padding"].lower()
    return [given.get("images")], renamed


def _split_arguments(args, kwargs):
    """tf.split(x, num_or_size_splits, axis) as keras.ops.split takes it: a number of equal
    parts as it is, a list of part sizes as the indices between them."""
    renamed = dict(kwargs)
    parts = args[1] if len(args) > 1 else renamed.pop("num_or_size_splits", None)
    if isinstance(parts, (list, tuple)) and all(isinstance(p, int) and not isinstance(p, bool) for p in parts):
        parts = list(itertools.accumulate(parts))[:-1]
    if parts is not None:
        renamed["indices_or_sections"] = parts
    return list(args[:1]), {**renamed, **({"axis": args[2]} if len(args) > 2 else {})}


def _gather_arguments(args, kwargs):
    """tf.gather(params, indices, validate_indices, axis, batch_dims) as keras.ops.take takes
    it: TensorFlow's axis is 0 when not given (keras.ops.take's None flattens)."""
    names = ("x", "indices", "validate_indices", "axis", "batch_dims")
    given = {**dict(zip(names, args)), **{("x" if k == "params" else k): v for k, v in kwargs.items()}}
    given.pop("validate_indices", None)
    if given.get("batch_dims") == 0:
        given.pop("batch_dims")
    given["axis"] = 0 if given.get("axis") is None else given["axis"]
    return [], given


def _tile_arguments(args, kwargs):
    """tf.tile(input, multiples): multiples a tensor the call computes (ops.concatenate of
    sizes) are known by their count only, as TensorFlow's shape inference knows them."""
    given = {**dict(zip(("x", "repeats"), args)), **kwargs}
    repeats = given.get("repeats")
    if isinstance(repeats, ShapedTensor) and len(repeats.shape) == 1 and repeats.shape[0] is not None:
        given["repeats"] = [None] * repeats.shape[0]
    return [], given


# keras.ops twin -> how a TensorFlow call's arguments become its arguments
TF_ARGUMENTS = {"matmul": _transposed_operands, "extract_patches": _patch_arguments, "split": _split_arguments,
                "take": _gather_arguments, "tile": _tile_arguments}
