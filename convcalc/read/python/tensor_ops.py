"""Operations on the code's symbolic tensors, as Keras 3 records them: Python's operators
(`a + b`, `x * 0.5`, `-x`, `x > 0`, `x @ w`), slicing (`x[:, 0]`, `x[..., :3]`), the
keras.ops functions (ops.mean(x, axis=1), ops.reshape(x, (-1, 4)), ...) and what a
tensor tells of itself (x.shape, x.ndim). Each operation is a row of a functional model
(`add (Add)`, `get_item (GetItem)`), auto-named when called as Keras names it; its shape
rule is in convcalc/layers/operations*.py.

keras/src/backend/common/keras_tensor.py: KerasTensor's operators, each an operation's
symbolic_call with the operands in order (`3 - x` is Subtract(3, x)); a comparison with
the tensor on the right is Python's reflected one (`0 < x` is x > 0: Greater(x, 0))."""

from __future__ import annotations

import ast
import math

from convcalc.layers.operations_tensor import key_text
from convcalc.layers.registry import OPERATION_PREFIX
from convcalc.layers.signatures import operation_functions, signature
from convcalc.errors import SpecError
from convcalc.layers import RULES
from convcalc.layers.signatures import bind
from convcalc.read.python.values import (
    ArrayValue, CallSite, LayerValue, ShapedTensor, TensorValue, Unknown, WeightValue, free_sizes, literal_array_shape,
    plain,
)

BINARY = {ast.Add: "Add", ast.Sub: "Subtract", ast.Mult: "Multiply", ast.Div: "TrueDivide",
          ast.FloorDiv: "FloorDivide", ast.Mod: "Mod", ast.Pow: "Power", ast.MatMult: "Matmul",
          ast.BitAnd: "LogicalAnd", ast.BitOr: "LogicalOr", ast.BitXor: "LogicalXor"}
UNARY = {ast.USub: "Negative", ast.Invert: "LogicalNot"}
# comparison -> (its operation, the operation when the tensor is on the right only)
COMPARE = {ast.Lt: ("Less", "Greater"), ast.LtE: ("LessEqual", "GreaterEqual"),
           ast.Gt: ("Greater", "Less"), ast.GtE: ("GreaterEqual", "LessEqual"),
           ast.NotEq: ("NotEqual", "NotEqual")}


# what operations apply to: the model's tensors, and inside a user layer's call its
# tensors and weights
TENSORS = (TensorValue, ShapedTensor, WeightValue)


# keras.ops functions that make a tensor of a shape given by their arguments (and
# keras.random's): (its parameters, how its shape follows from them)
CREATIONS = {
    "arange": ("start", "stop", "step", "dtype"),
    "zeros": ("shape", "dtype"), "ones": ("shape", "dtype"), "full": ("shape", "fill_value", "dtype"),
    "zeros_like": ("x", "dtype"), "ones_like": ("x", "dtype"), "full_like": ("x", "fill_value", "dtype"),
    "eye": ("N", "M", "k", "dtype"),
    "linspace": ("start", "stop", "num", "endpoint", "retstep", "dtype", "axis"),
    "convert_to_tensor": ("x", "dtype", "sparse", "ragged"),
}
RANDOM_CREATIONS = {name: ("shape",) for name in ("normal", "uniform", "truncated_normal", "randint")}


class TensorOps:
    def create_tensor(self, thing, args, kwargs, node):
        """ops.arange(n), ops.zeros((2, 3)), keras.random.normal((4,)), ...: a concrete
        tensor (no row of a model), of the shape its arguments give."""
        names = CREATIONS.get(thing.name) or RANDOM_CREATIONS[thing.name]
        if thing.path.startswith("keras.random"):
            bound = {"shape": args[0] if args else kwargs.get("shape")}
        else:
            bound = self.bind(thing.path, names, args, kwargs, node)
        if thing.name == "arange":
            start, stop, step = bound.get("start", 0), bound.get("stop"), bound.get("step", 1)
            if self.tracing and (start is None or "stop" in bound and stop is None):
                return ShapedTensor((None,))  # in a layer's call, a size ops.shape does not know (a free axis)
            if stop is None:
                start, stop = 0, start
            if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (start, stop, step)) or not step:
                return self.unknown(node, "ops.arange of values convcalc does not compute")
            length = max(0, -(-(stop - start) // step)) if all(isinstance(v, int) for v in (start, stop, step)) \
                else max(0, math.ceil((stop - start) / step))
            return ShapedTensor((int(length),))
        if thing.name == "linspace":  # of scalar ends: num values (keras/src/ops/numpy.py Linspace)
            num = bound.get("num", 50)
            ends = [bound.get("start"), bound.get("stop")]
            scalar = all(isinstance(v, (int, float)) and not isinstance(v, bool)
                         or isinstance(v, ShapedTensor) and v.shape == () for v in ends)
            if not (scalar and isinstance(num, int) and not isinstance(num, bool) and num >= 0) or bound.get("retstep"):
                return self.unknown(node, f"{thing.path} of values convcalc does not compute")
            return ShapedTensor((num,))
        if thing.name.endswith("_like"):
            x = bound.get("x")
            return ShapedTensor(x.shape) if isinstance(x, (ShapedTensor, WeightValue)) else self.unknown(
                node, f"{thing.path} of a value convcalc does not hold")
        if thing.name == "convert_to_tensor":  # of data the code writes out, or of a concrete tensor
            x = bound.get("x")
            if isinstance(x, (ShapedTensor, WeightValue, ArrayValue)):
                return ShapedTensor(tuple(x.shape))
            shape = literal_array_shape(x)
            if shape is None:
                return self.unknown(node, f"{thing.path} of a value convcalc does not hold")
            return ShapedTensor(shape)
        if thing.name == "eye":
            n, m = bound.get("N"), bound.get("M")
            return ShapedTensor((n, n if m is None else m))
        shape = bound.get("shape")
        if isinstance(shape, int) and not isinstance(shape, bool):
            shape = (shape,)
        if isinstance(shape, (list, tuple)) and self.tracing:
            shape = free_sizes(shape)
        if not (isinstance(shape, (list, tuple)) and all(isinstance(d, int) or d is None for d in shape)):
            return self.unknown(node, f"{thing.path} of a shape convcalc does not compute")
        return ShapedTensor(tuple(shape))

    def operation(self, class_name, tensors, kwargs, node):
        """An operation made and called at once (Operation.__init__ names it); inside a
        user layer's call, only its output shape."""
        written = OPERATION_PREFIX + class_name
        if not any(isinstance(t, TensorValue) for t in tensors):
            rule = RULES[written](written, bind(written, [], kwargs))
            try:
                shapes = rule.apply([t.shape for t in tensors])[1]
            except SpecError as error:
                raise error.located(file=self.source, line=node.lineno) from None
            several = isinstance(shapes, list) and shapes and isinstance(shapes[0], (list, tuple))
            result = [ShapedTensor(s) for s in shapes] if several else ShapedTensor(shapes)  # ops.split's parts
            trace = getattr(self, "mask_trace", None)
            if trace is not None:  # a compute_mask followed: its operations, for the model's graph
                trace.record(class_name, tensors, result)
            return result
        layer = LayerValue(written, written, [], kwargs, node.lineno, self.next_seq())
        if layer.name is None:
            layer.auto_name = self.names.auto(class_name)
        site = CallSite(layer, list(tensors), node.lineno, self.next_seq())
        layer.nodes.append(site)
        return TensorValue(site, None)

    def operands(self, class_name, values, node):
        """(tensor operands, constant operands by name) of values by operand name."""
        tensors, constants = [], {}
        on_model = any(isinstance(v, TensorValue) for _, v in values)
        for key, value in values:
            if isinstance(value, ArrayValue):  # numpy data (a mask): a concrete tensor of its shape
                value = ShapedTensor(value.shape)
            if on_model and isinstance(value, (ShapedTensor, WeightValue)):
                if None in value.shape:
                    raise self.error(f"{class_name}'s operand {key} is a tensor of the unknown shape {value.shape}",
                                     node)
                constants[key] = {"tensor": list(value.shape)}  # a concrete tensor (ops.arange(...)): Keras's constant
            elif isinstance(value, TENSORS):
                tensors.append(value)
            elif isinstance(value, (list, tuple)) and value and all(isinstance(v, TENSORS) for v in value):
                tensors.extend(value)
            elif isinstance(value, Unknown):
                raise self.error(f"{class_name}'s operand {key} is {value.describe()}, which convcalc does "
                                 "not follow", node)
            elif value is not None:
                if not plain(value):
                    raise self.error(f"{class_name}'s operand {key} is {self.shown(value)}: not a tensor, "
                                     "nor a number", node)
                constants[key] = value
        return tensors, constants

    def binary_operation(self, op, left, right, node):
        class_name = BINARY.get(type(op))
        if class_name is None:
            return self.unknown(node, "an operator Keras has no operation for on tensors")
        if self.tracing:  # a size ops.shape does not know (None): a scalar tensor when Keras traces the call
            left, right = (ShapedTensor(()) if v is None else v for v in (left, right))
        tensors, constants = self.operands(class_name, [("x1", left), ("x2", right)], node)
        return self.operation(class_name, tensors, constants, node)

    def unary_operation(self, op, value, node):
        class_name = UNARY.get(type(op))
        if class_name is None:  # KerasTensor has no __pos__
            raise self.error("a symbolic tensor takes no unary +", node)
        return self.operation(class_name, [value], {}, node)

    def compare_operation(self, op, left, right, node):
        if isinstance(op, (ast.Eq, ast.Is, ast.IsNot, ast.In, ast.NotIn)):
            return None  # KerasTensor compares by identity (no __eq__): plain Python
        direct, reflected = COMPARE[type(op)]
        if isinstance(left, TENSORS):
            return self.operation(direct, *self.operands(direct, [("x1", left), ("x2", right)], node), node)
        return self.operation(reflected, *self.operands(reflected, [("x1", right), ("x2", left)], node), node)

    def get_item(self, tensor, key, node):
        """x[key]: an output of a call with several (an LSTM's states), else GetItem."""
        site = getattr(tensor, "node", None)
        if site is not None and tensor.index is None and isinstance(key, int) and not isinstance(key, bool):
            if self.has_several_outputs(site, node):
                return TensorValue(site, key)
        text = key_text(key)
        if text is None:
            return self.unknown(node, "a slice of a tensor by values convcalc does not compute")
        return self.operation("GetItem", [tensor], {"key": text}, node)

    def has_several_outputs(self, site, node):
        try:
            return isinstance(self.call_shapes(site, None), list)
        except Exception:  # noqa: BLE001 -- the shape is reported where it is needed
            return False

    def tensor_attribute(self, tensor, name, node):
        """What a KerasTensor tells of itself (keras/src/backend/common/keras_tensor.py)."""
        shape = tensor.shape if isinstance(tensor, (ShapedTensor, WeightValue)) else None
        if name == "shape":
            return shape if shape is not None else self.shape_of(tensor, node)
        if name == "ndim":
            return len(shape if shape is not None else self.shape_of(tensor, node))
        if name == "dtype":
            return "float32"
        return self.unknown(node, f"a tensor's `.{name}`, which convcalc does not follow")

    def call_operation(self, function_name, args, kwargs, node):
        """keras.ops.NAME(...): its operation on the tensor operands, or, for shape, the
        tensor's static shape (ops.shape gives a tuple for a symbolic tensor)."""
        if function_name == "shape":
            bound = self.bind("keras.ops.shape", ("x",), args, kwargs, node)
            return self.tensor_attribute(bound.get("x"), "shape", node)
        function = operation_functions()[function_name]
        names = function["parameters"]
        starred = next((i for i, n in enumerate(names) if n.startswith("*")), None)
        if starred is not None:  # einsum(subscripts, *operands): the rest of the arguments, a list
            args = [*args[:starred], list(args[starred:])]
            names = [n.lstrip("*") for n in names]
        bound = self.bind(f"keras.ops.{function_name}", names, args, kwargs, node)
        class_name = function["operation"]
        if "key" in bound:  # get_item's key, held as Python writes it
            bound["key"] = key_text(bound["key"])
            if bound["key"] is None:
                return self.unknown(node, "a slice of a tensor by values convcalc does not compute")
        operands = signature(OPERATION_PREFIX + class_name)["operands"]
        tensors, constants = self.operands(class_name, [(k, bound.get(k)) for k in operands], node)
        # in a layer's call, ops.cast(7, "float32") or ops.cast(ops.shape(x)[0], ...) (the batch's
        # size, None: a tensor when Keras traces the call): a scalar tensor
        numbers = [k for k in operands if k in bound and (bound[k] is None or isinstance(bound[k], (int, float))
                                                          and not isinstance(bound[k], bool))]
        if not tensors and self.tracing and numbers:
            tensors, constants = self.operands(
                class_name, [(k, ShapedTensor(()) if k in numbers else bound.get(k)) for k in operands], node)
        if not tensors:
            return self.unknown(node, f"keras.ops.{function_name} of constants: a concrete tensor")
        settings = {k: v for k, v in bound.items() if k not in operands}
        if self.tracing and class_name == "Tile" and isinstance(settings.get("repeats"), ShapedTensor):
            # the TensorFlow backend's tile makes a list of the repeats: not of a tensor in a traced call
            raise self.error("keras.ops.tile's repeats are a tensor in a layer's call: Keras refuses it "
                             "(\"Iterating over a symbolic `tf.Tensor` is not allowed\")", node,
                             hint="give the repeats as a tuple of sizes, or use tf.tile")
        return self.operation(class_name, tensors, {**constants, **settings}, node)
