"""Merging layers (keras/src/layers/merging): called on a list of tensors. The field of
an element-wise merge or a concatenation is the widest of its inputs'."""

from __future__ import annotations

from convcalc.errors import SpecError
from convcalc.layers import arguments as arg
from convcalc.layers.base import Layer, format_shape, shapes_text
from convcalc.layers.field import combine
from convcalc.layers.operation_utils import number, sum_text
from convcalc.layers.registry import register


class Merging(Layer):
    """Merges and Concatenate: no weights, no multiplications, the widest field."""

    def param_formula(self, call):
        return ["0  (merging has no weights)"], 0

    def field_step(self, call, in_fields):
        f = combine(in_fields)
        if f is None:
            return None, ["not tracked (nor is one of its inputs')"]
        return f, ["the widest of its inputs' fields"]

    def macs(self, call):
        return 0, ["0  (element-wise, or a copy: no multiplications by weights)"]


class Merge(Merging):
    """Element-wise merges: Keras broadcasts the shapes (batch axis apart)."""

    input_kind = "list"
    exact_inputs: int | None = None  # Subtract takes exactly two

    def check_count(self, shapes):
        if self.exact_inputs and len(shapes) != self.exact_inputs:
            raise SpecError(f"{self.class_name} takes exactly {self.exact_inputs} inputs; got {len(shapes)}")

    def build(self, input_shape):
        self.check_count(input_shape)
        batch_sizes = {s[0] for s in input_shape} - {None}
        if len(batch_sizes) > 1:
            raise SpecError(f"cannot merge tensors of different batch sizes: {_shapes(input_shape)}")
        self.compute_output_shape(input_shape)
        return []

    def compute_output_shape(self, input_shape):
        out = input_shape[0][1:]
        for shape in input_shape[1:]:
            out = _broadcast(out, shape[1:], input_shape)
        batch_sizes = {s[0] for s in input_shape} - {None}
        return (batch_sizes.pop() if len(batch_sizes) == 1 else None, *out)

    def shape_formula(self, call):
        op = call.class_name.lower()
        shapes = {tuple(s) for s in call.input_shapes}
        if len(shapes) == 1:
            return [f"{op}, element by element, of {len(call.input_shapes)} inputs of one shape"]
        return [f"{op}, element by element, of {shapes_text(call.input_shapes)} (broadcast)"]


def _shapes(shapes):
    return ", ".join(format_shape(s) for s in shapes)


def _broadcast(shape1, shape2, all_shapes):
    """Keras's _compute_elemwise_op_output_shape: align on the right, 1 broadcasts."""
    if len(shape1) < len(shape2):
        shape1, shape2 = shape2, shape1
    if not shape2:
        return tuple(shape1)
    out = list(shape1[: len(shape1) - len(shape2)])
    for i, j in zip(shape1[len(shape1) - len(shape2):], shape2):
        if i is None or j is None:
            out.append(None)
        elif i == 1 or j == 1:
            out.append(j if i == 1 else i)
        elif i != j:
            raise SpecError(
                f"the inputs' shapes do not match: {_shapes(all_shapes)}",
                hint="element-wise merges need equal shapes (or 1 on an axis, which broadcasts)",
            )
        else:
            out.append(i)
    return tuple(out)


@register
class Add(Merge):
    pass


@register
class Subtract(Merge):
    exact_inputs = 2


@register
class Multiply(Merge):
    pass


@register
class Average(Merge):
    pass


@register
class Maximum(Merge):
    pass


@register
class Minimum(Merge):
    pass


@register
class Concatenate(Merging):
    input_kind = "list"

    def configure(self, a):
        if not arg.is_int(a.axis):
            raise SpecError(f"'axis' must be an integer; got {a.axis!r}")
        self.axis = a.axis

    def build(self, input_shape):
        ranks = {len(s) for s in input_shape}
        if len(ranks) != 1 or not -ranks.copy().pop() <= self.axis < ranks.pop():
            raise SpecError(
                f"Concatenate needs inputs of one rank, with axis {self.axis} in range; got {_shapes(input_shape)}"
            )
        axis = self.axis % len(input_shape[0])
        rest = {tuple(d for i, d in enumerate(s) if i != axis and i != 0) for s in input_shape}
        if len(rest) > 1 and not _equal_but_none(rest):
            raise SpecError(
                f"Concatenate on axis {self.axis} needs the other axes to match; got {_shapes(input_shape)}"
            )
        return []

    def compute_output_shape(self, input_shape):
        out = list(input_shape[0])
        for shape in input_shape[1:]:
            if out[self.axis] is None or shape[self.axis] is None:
                out[self.axis] = None
                break
            out[self.axis] += shape[self.axis]
        return tuple(out)

    def shape_formula(self, call):
        sizes = [s[self.axis] for s in call.input_shapes]
        if None in sizes:
            return [f"axis {number(self.axis)}: None (a size is unknown)"]
        return [f"axis {number(self.axis)}: {sum_text(sizes)[1]}"]


def _equal_but_none(shapes):
    """True when shapes differ only where one of them is None (unknown)."""
    return all(len({d for d in dims if d is not None}) <= 1 for dims in zip(*shapes))


@register
class Dot(Layer):
    input_kind = "list"

    def configure(self, a):
        axes = a.axes
        if not (arg.is_int(axes) or (isinstance(axes, (list, tuple)) and len(axes) == 2 and all(map(arg.is_int, axes)))):
            raise SpecError(f"'axes' must be an integer or a list of two integers; got {axes!r}")
        self.axes = axes
        arg.boolean(a.normalize, "normalize")

    def pair_axes(self, shape1, shape2):
        if arg.is_int(self.axes):
            return [self.axes % len(shape1), self.axes % len(shape2)] if self.axes < 0 else [self.axes] * 2
        return list(self.axes)

    def build(self, input_shape):
        if len(input_shape) != 2:
            raise SpecError(f"Dot takes exactly 2 inputs; got {len(input_shape)}")
        shape1, shape2 = input_shape
        a1, a2 = self.pair_axes(shape1, shape2)
        if not (a1 < len(shape1) and a2 < len(shape2)) or shape1[a1] != shape2[a2]:
            raise SpecError(
                f"Dot on axes {[a1, a2]} needs equal sizes there; got {_shapes(input_shape)}"
            )
        return []

    def compute_output_shape(self, input_shape):
        shape1, shape2 = (list(s) for s in input_shape)
        a1, a2 = self.pair_axes(shape1, shape2)
        shape1.pop(a1)
        shape2.pop(a2)
        shape2.pop(0)
        out = shape1 + shape2
        return tuple(out + [1] if len(out) == 1 else out)
