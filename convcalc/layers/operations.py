"""keras.ops operations in a functional model: `x + 3.0`, `x * (1 / 6)`, `a + b`.

Keras 3 records an operation applied to a symbolic tensor as a node of the model, like a
layer's call: its config lists it among the layers (module keras.src.ops.numpy, class
Add), it takes an auto-name from the same counter as layers (`add`, `add_1`: named when
called), and model.summary() lists it as a row (`add (Add)`, 0 params, its tensor operands
in Connected to). Model.layers leaves it out (an expanded nested model lists no
operations), and it has no weights.

In the graph (convcalc.graph.LayerCall) an operation is the class name `ops.` + Keras's
class: ops.Add, ops.Subtract, ops.Multiply, ops.Divide, ops.TrueDivide, ops.Power,
ops.Maximum, ops.Minimum (keras.ops.add, ..., `+ - * /` on tensors; `x / y` is TrueDivide).
Its `inputs` is always a list: the references of its tensor operands, in order; an
operand that is a constant (a number) is a keyword named as Keras's call names it, `x1`
or `x2`. So `x + 3.0` is LayerCall("ops.Add", inputs=[x], kwargs={"x2": 3.0}), `a * b`
is LayerCall("ops.Multiply", inputs=[a, b]), `1 - x` is LayerCall("ops.Subtract",
inputs=[x], kwargs={"x1": 1}); `name` is optional (auto-named as Keras names it).
"""

from __future__ import annotations

from convcalc.errors import SpecError, shown
from convcalc.layers import arguments as arg
from convcalc.layers.base import Layer
from convcalc.layers.operation_utils import broadcast_shapes
from convcalc.layers.registry import OPERATION_PREFIX, register_operation
from convcalc.layers.signatures import signature


class Operation(Layer):
    """A keras.ops operation (keras/src/ops/operation.py): its tensor operands are the
    call's inputs, a list in the order of its call's parameters; a constant operand is a
    keyword named as the parameter. `listed`: the operand that takes a list of tensors
    (concatenate's xs), which all the inputs are."""

    input_kind = "list"
    listed: str | None = None

    def __init__(self, class_name, config):
        config = dict(config)
        self.cast_to = config.pop("dtype", None)  # Cast's: the tensor's dtype, not a layer's policy
        super().__init__(class_name, config)

    def configure(self, a):
        self.keras_name = type(self).__name__
        self.operands = signature(OPERATION_PREFIX + self.keras_name)["operands"]
        self.constants = {key: getattr(a, key) for key in self.operands if getattr(a, key) is not None}
        self.check_constants()
        self.configure_operation(a)

    def check_constants(self):
        for key, value in self.constants.items():
            if not _constant(value):
                raise SpecError(
                    f"{self.keras_name}'s operand '{key}' is {shown(value)}: not a number, nor a tensor",
                    hint="an operation's constant operand is a number; its tensor operands are its inputs",
                )

    def configure_operation(self, a):
        """The operation's own arguments (its __init__'s), checked."""

    def operand_shapes(self, input_shape):
        """Each operand's shape, in the order of Keras's call (a constant's: (), as Keras
        sees a Python number or list: it has no `shape`; a listed operand's: the list)."""
        if self.listed is not None:
            if not input_shape:
                raise SpecError(f"{self.keras_name} takes a list of tensors; got none")
            return [list(input_shape)]
        tensors = len(self.operands) - len(self.constants)
        if len(input_shape) != tensors:
            constants = "".join(f", {key}={self.constants[key]!r}" for key in self.constants)
            raise SpecError(
                f"{self.keras_name} takes {len(self.operands)} operands ({', '.join(self.operands)}{constants}): "
                f"{tensors} tensor(s) besides its constants; got {len(input_shape)}",
            )
        shapes = iter(input_shape)
        return [constant_shape(self.constants[key]) if key in self.constants else next(shapes)
                for key in self.operands]

    def build(self, input_shape):
        self.compute_output_shape(input_shape)
        return []


class ElementwiseOperation(Operation):
    """An element-wise operation of two operands: the shapes broadcast (Keras's
    compute_output_spec: broadcast_shapes of the operands' shapes, a constant's being ())."""

    def compute_output_shape(self, input_shape):
        out, *rest = self.operand_shapes(input_shape)
        for shape in rest:
            out = broadcast_shapes(out, shape)
        return out


def _constant(value):
    """A number, or a (nested) list of them: what a config can hold as a constant operand;
    or a concrete tensor, by its shape: {tensor: [64, 32]} (`x + ops.arange(...)`'s)."""
    if isinstance(value, list):
        return all(map(_constant, value))
    if isinstance(value, dict):
        sizes = value.get("tensor")
        return set(value) == {"tensor"} and isinstance(sizes, list) and all(arg.is_int(d) and d >= 0 for d in sizes)
    return arg.is_number(value) or isinstance(value, bool)


def constant_shape(value):
    """The shape Keras sees of a constant operand: a concrete tensor's, else () (a Python
    number or list has no `shape`)."""
    return tuple(value["tensor"]) if isinstance(value, dict) else ()


@register_operation
class Add(ElementwiseOperation):
    pass


@register_operation
class Subtract(ElementwiseOperation):
    pass


@register_operation
class Multiply(ElementwiseOperation):
    pass


@register_operation
class Divide(ElementwiseOperation):
    pass


@register_operation
class TrueDivide(ElementwiseOperation):
    pass


@register_operation
class Power(ElementwiseOperation):
    pass


@register_operation
class Maximum(ElementwiseOperation):
    pass


@register_operation
class Minimum(ElementwiseOperation):
    pass


@register_operation
class FloorDivide(ElementwiseOperation):
    pass


@register_operation
class Mod(ElementwiseOperation):
    pass


@register_operation
class Equal(ElementwiseOperation):
    pass


@register_operation
class NotEqual(ElementwiseOperation):
    pass


@register_operation
class Greater(ElementwiseOperation):
    pass


@register_operation
class GreaterEqual(ElementwiseOperation):
    pass


@register_operation
class Less(ElementwiseOperation):
    pass


@register_operation
class LessEqual(ElementwiseOperation):
    pass


@register_operation
class LogicalAnd(ElementwiseOperation):
    pass


@register_operation
class LogicalOr(ElementwiseOperation):
    pass


@register_operation
class LogicalXor(ElementwiseOperation):
    pass
