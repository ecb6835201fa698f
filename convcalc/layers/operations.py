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


class ElementwiseOperation(Layer):
    """An element-wise operation of two operands: the shapes broadcast (Keras's
    compute_output_spec: broadcast_shapes of the operands' shapes, a constant's being ())."""

    input_kind = "list"

    def configure(self, a):
        self.keras_name = type(self).__name__
        self.operands = signature(OPERATION_PREFIX + self.keras_name)["operands"]
        self.constants = {key: getattr(a, key) for key in self.operands if getattr(a, key) is not None}
        for key, value in self.constants.items():
            if not _constant(value):
                raise SpecError(
                    f"{self.keras_name}'s operand '{key}' is {shown(value)}: not a number, nor a tensor",
                    hint="an operation's constant operand is a number; its tensor operands are its inputs",
                )

    def operand_shapes(self, input_shape):
        """Each operand's shape, in the order of Keras's call (a constant's: (), as Keras
        sees a Python number or list: it has no `shape`)."""
        tensors = len(self.operands) - len(self.constants)
        if len(input_shape) != tensors:
            constants = "".join(f", {key}={self.constants[key]!r}" for key in self.constants)
            raise SpecError(
                f"{self.keras_name} takes {len(self.operands)} operands ({', '.join(self.operands)}{constants}): "
                f"{tensors} tensor(s) besides its constants; got {len(input_shape)}",
            )
        shapes = iter(input_shape)
        return [() if key in self.constants else next(shapes) for key in self.operands]

    def compute_output_shape(self, input_shape):
        out, *rest = self.operand_shapes(input_shape)
        for shape in rest:
            out = broadcast_shapes(out, shape)
        return out

    def build(self, input_shape):
        self.compute_output_shape(input_shape)
        return []


def _constant(value):
    """A number, or a (nested) list of them: what a config can hold as a constant operand."""
    if isinstance(value, list):
        return all(map(_constant, value))
    return arg.is_number(value) or isinstance(value, bool)


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
class NotEqual(ElementwiseOperation):
    """Embedding(mask_zero)'s and Masking's mask: not_equal(x, 0) (a bool tensor)."""


@register_operation
class Any(Layer):
    """Masking's mask: any(x, axis, keepdims), a reduction (keras/src/ops/numpy.py Any's
    compute_output_spec: reduce_shape)."""

    input_kind = "list"

    def configure(self, a):
        self.axis = a.axis if isinstance(a.axis, list) or a.axis is None else [a.axis]
        if self.axis is not None and not all(arg.is_int(i) for i in self.axis):
            raise SpecError(f"Any's 'axis' must be an integer, a list of them or null; got {shown(a.axis)}")
        self.keepdims = arg.boolean(a.keepdims, "keepdims")

    def compute_output_shape(self, input_shape):
        if len(input_shape) != 1:
            raise SpecError(f"Any takes one tensor operand (x); got {len(input_shape)}")
        shape = input_shape[0]
        axes = range(len(shape)) if self.axis is None else [i % len(shape) for i in self.axis]
        if self.keepdims:
            return tuple(1 if i in axes else d for i, d in enumerate(shape))
        return tuple(d for i, d in enumerate(shape) if i not in axes)
