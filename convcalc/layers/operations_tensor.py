"""keras.ops operations of one tensor and of shapes: the element-wise ones (`-x`,
ops.exp, ops.cast, ops.relu, ops.softmax, ...), reductions (ops.mean(x, axis=1), ...),
and those that move axes (`x[:, 0]`, ops.reshape, ops.transpose, ops.expand_dims,
ops.squeeze, ops.concatenate, ops.stack, ops.matmul). Each is Keras's compute_output_spec
(keras/src/ops/numpy.py, core.py, nn.py) on shapes; the graph holds them as
operations.py says (`ops.` + Keras's class, tensor operands the inputs).

A key of GetItem is held as Python writes it, a string: "[:, 0]", "[..., :3]",
"[:, None]", "[1::2]" (a spec can write it so, too)."""

from __future__ import annotations

import re

from convcalc.errors import SpecError, shown
from convcalc.layers import arguments as arg
from convcalc.layers.operation_utils import broadcast_shapes, window_output_shape
from convcalc.layers.operations import Operation
from convcalc.layers.registry import register_operation


def canonical_axis(axis, rank, what="axis"):
    """keras/src/backend/common/backend_utils.py canonicalize_axis."""
    if not isinstance(axis, int) or isinstance(axis, bool):
        raise SpecError(f"'{what}' must be an integer; got {shown(axis)}")
    if not -rank <= axis < rank:
        raise SpecError(f"axis {axis} is out of bounds for a tensor of rank {rank}")
    return axis % rank


def _axes(axis):
    """Keras's to_tuple_or_list: None, or a list of axes."""
    if axis is None:
        return None
    return list(axis) if isinstance(axis, (list, tuple)) else [axis]


class SameShape(Operation):
    """An element-wise operation of one tensor: its output has the input's shape."""

    def compute_output_shape(self, input_shape):
        (x,) = self.operand_shapes(input_shape)
        return tuple(x)


for _name in ("Negative", "Absolute", "Exp", "Log", "Sqrt", "Square", "Tanh", "LogicalNot",
              "Relu", "Sigmoid", "Gelu", "Silu",
              # keras/src/ops/numpy.py, math.py, nn.py: element-wise, of no argument but the tensor
              "Sin", "Cos", "Tan", "Log1p", "Expm1", "Floor", "Ceil", "Sign", "Reciprocal", "Log2", "Log10",
              "Sinh", "Cosh", "Arctan", "Arcsin", "Arccos", "Exp2", "Rsqrt", "Erf",
              "Softplus", "Relu6", "Selu", "Softsign", "HardSigmoid", "HardSilu",
              # with arguments of their own (keras/src/ops/nn.py; activations.py's ReLU)
              "Elu", "LeakyRelu", "ReLU"):
    register_operation(type(_name, (SameShape,), {"__doc__": f"keras.ops {_name}: the input's shape."}))


@register_operation
class Cast(SameShape):
    """keras/src/ops/core.py Cast: the input's shape, another dtype."""

    def configure_operation(self, a):
        if not isinstance(self.cast_to, str):
            raise SpecError(f"Cast's dtype must be a dtype name such as 'int32'; got {shown(self.cast_to)}")


@register_operation
class Softmax(SameShape):
    """keras/src/ops/nn.py Softmax: the input's shape; its axes checked."""

    def configure_operation(self, a):
        self.axis = a.axis

    def compute_output_shape(self, input_shape):
        shape = super().compute_output_shape(input_shape)
        for axis in _axes(self.axis) or []:
            canonical_axis(axis, len(shape))
        return shape


class Reduction(Operation):
    """keras/src/ops/operation_utils.py reduce_shape: the axes dropped (kept as 1 with
    keepdims); every axis when `axis` is None."""

    def configure_operation(self, a):
        self.axis, self.keepdims = _axes(a.axis), bool(a.keepdims)

    def compute_output_shape(self, input_shape):
        (x,) = self.operand_shapes(input_shape)
        shape = list(x)
        if self.axis is None:
            return tuple(1 for _ in shape) if self.keepdims else ()
        axes = [canonical_axis(a, len(shape)) for a in self.axis]
        if self.keepdims:
            return tuple(1 if i in axes else d for i, d in enumerate(shape))
        return tuple(d for i, d in enumerate(shape) if i not in axes)


for _name in ("Mean", "Sum", "Max", "Min", "Argmax", "Argmin", "Any"):  # Any: Masking's mask
    register_operation(type(_name, (Reduction,), {"__doc__": f"keras.ops {_name}: reduce_shape."}))


@register_operation
class Reshape(Operation):
    """keras/src/ops/operation_utils.py compute_reshape_output_shape: the batch axis is
    an axis like any other; one -1 takes the rest, unknown (None) where a size is."""

    def configure_operation(self, a):
        newshape = a.newshape
        if isinstance(newshape, int) and not isinstance(newshape, bool):
            newshape = [newshape]
        if not isinstance(newshape, (list, tuple)) or not all(isinstance(d, int) or d is None for d in newshape):
            raise SpecError(f"reshape's newshape must be a tuple of integers; got {shown(a.newshape)}")
        if list(newshape).count(-1) > 1:
            raise SpecError(f"reshape's newshape can have at most one -1; got {shown(a.newshape)}")
        self.newshape = tuple(newshape)

    def compute_output_shape(self, input_shape):
        (x,) = self.operand_shapes(input_shape)
        new = self.newshape
        if None in x or None in new:
            return tuple(None if d == -1 else d for d in new)
        size = _product(x)
        if -1 not in new:
            if size != _product(new):
                raise SpecError(f"reshape cannot make {tuple(x)} into {new}: the total size must stay {size}")
            return new
        known = _product(d for d in new if d != -1)
        if known == 0 or size % known:
            raise SpecError(f"reshape cannot make {tuple(x)} into {new}: {size} is not a multiple of {known}")
        return tuple(size // known if d == -1 else d for d in new)


def _product(values):
    result = 1
    for value in values:
        result *= value
    return result


@register_operation
class Transpose(Operation):
    """keras/src/ops/operation_utils.py compute_transpose_output_shape."""

    def configure_operation(self, a):
        if a.axes is not None and not isinstance(a.axes, (list, tuple)):
            raise SpecError(f"transpose's axes must be a list of axes; got {shown(a.axes)}")
        self.axes = None if a.axes is None else list(a.axes)

    def compute_output_shape(self, input_shape):
        (x,) = self.operand_shapes(input_shape)
        if self.axes is None:
            return tuple(reversed(x))
        if len(self.axes) != len(x):
            raise SpecError(f"transpose's axes {self.axes} must list the {len(x)} axes of {tuple(x)}")
        order = [canonical_axis(a, len(x), "axes") for a in self.axes]
        if len(set(order)) != len(x):
            raise SpecError(f"transpose's axes {self.axes} must be a permutation (no axis twice)")
        return tuple(x[a] for a in order)


@register_operation
class ExpandDims(Operation):
    """keras/src/ops/operation_utils.py compute_expand_dims_output_shape."""

    def configure_operation(self, a):
        if not isinstance(a.axis, (int, list, tuple)) or isinstance(a.axis, bool):
            raise SpecError(f"expand_dims's axis must be an integer, tuple or list; got {shown(a.axis)}")
        self.axis = _axes(a.axis)

    def compute_output_shape(self, input_shape):
        (x,) = self.operand_shapes(input_shape)
        rank = len(self.axis) + len(x)
        axes = [canonical_axis(a, rank) for a in self.axis]
        rest = iter(x)
        return tuple(1 if i in axes else next(rest) for i in range(rank))


@register_operation
class Squeeze(Operation):
    """keras/src/ops/numpy.py Squeeze: the axes of size 1 (the given ones) dropped."""

    def configure_operation(self, a):
        self.axis = _axes(a.axis)

    def compute_output_shape(self, input_shape):
        (x,) = self.operand_shapes(input_shape)
        if self.axis is None:
            return tuple(d for d in x if d != 1)
        axes = [canonical_axis(a, len(x)) for a in self.axis]
        for axis in axes:
            if x[axis] != 1:
                raise SpecError(f"cannot squeeze axis {axis} of {tuple(x)}: its size is not 1")
        return tuple(d for i, d in enumerate(x) if i not in axes)


@register_operation
class Concatenate(Operation):
    """keras/src/ops/numpy.py Concatenate: equal shapes but on `axis`, whose sizes add."""

    listed = "xs"

    def configure_operation(self, a):
        if a.axis is None:
            raise SpecError("concatenate's axis cannot be None")
        self.axis = a.axis

    def compute_output_shape(self, input_shape):
        (xs,) = self.operand_shapes(input_shape)
        first = list(xs[0])
        axis = canonical_axis(self.axis, len(first))
        total = 0
        for shape in xs:
            others = [d for i, d in enumerate(shape) if i != axis]
            if len(shape) != len(first) or any(
                    d is not None and f is not None and d != f
                    for d, f in zip(others, [d for i, d in enumerate(first) if i != axis])):
                raise SpecError(f"concatenate needs equal shapes except on axis {axis}; got {tuple(shape)} "
                                f"and {tuple(first)}")
            total = None if total is None or shape[axis] is None else total + shape[axis]
        first[axis] = total
        return tuple(first)


@register_operation
class Stack(Operation):
    """keras/src/ops/numpy.py Stack: equal shapes, a new axis of their count."""

    listed = "x"

    def configure_operation(self, a):
        self.axis = a.axis

    def compute_output_shape(self, input_shape):
        (xs,) = self.operand_shapes(input_shape)
        first = list(xs[0])
        axis = canonical_axis(self.axis, len(first) + 1)
        for shape in xs:
            if len(shape) != len(first) or any(d is not None and f is not None and d != f
                                               for d, f in zip(shape, first)):
                raise SpecError(f"stack needs equal shapes; got {tuple(shape)} and {tuple(first)}")
        first.insert(axis, len(xs))
        return tuple(first)


@register_operation
class Matmul(Operation):
    """keras/src/ops/operation_utils.py compute_matmul_output_shape: a 1-D operand is
    promoted to 2-D and the axis removed again; leading axes broadcast."""

    def compute_output_shape(self, input_shape):
        shape1, shape2 = (list(s) for s in self.operand_shapes(input_shape))
        one1, one2 = len(shape1) == 1, len(shape2) == 1
        if not shape1 or not shape2:
            raise SpecError("matmul takes tensors of rank 1 or more, not scalars")
        shape1 = [1, shape1[0]] if one1 else shape1
        shape2 = [shape2[0], 1] if one2 else shape2
        if shape1[-1] is not None and shape2[-2] is not None and shape1[-1] != shape2[-2]:
            raise SpecError(f"matmul's inner dimensions must be equal: x1.shape[-1] is {shape1[-1]}, "
                            f"x2.shape[-2] is {shape2[-2]}")
        out = list(broadcast_shapes(tuple(shape1[:-2]), tuple(shape2[:-2]))) + [shape1[-2], shape2[-1]]
        if one1:
            del out[-2]
        if one2:
            del out[-1]
        return tuple(out)


# -- GetItem ------------------------------------------------------------------------
_INDEX = re.compile(r"\s*(-?\d+|\?)?\s*")


class _UnknownBound:
    """A slice bound a layer's call computes (x[:, :tf.shape(y)[1]]), written `?` in a
    key: the axis it cuts has a length Keras does not know."""

    def __repr__(self):
        return "?"


UNKNOWN_BOUND = _UnknownBound()


def parse_key(text):
    """A key as Python writes it ("[:, 0]") -> its items: int, None, Ellipsis or slice."""
    if not isinstance(text, str) or not (text.startswith("[") and text.endswith("]")):
        raise SpecError(f"a GetItem key is written as Python writes it, e.g. \"[:, 0]\"; got {shown(text)}")
    items = []
    for part in text[1:-1].split(","):
        part = part.strip()
        if part == "...":
            items.append(Ellipsis)
        elif part == "None":
            items.append(None)
        elif ":" in part:
            bounds = part.split(":")
            if len(bounds) > 3 or not all(_INDEX.fullmatch(b) for b in bounds):
                raise SpecError(f"the GetItem key {text} has a slice convcalc does not read: {part}")
            items.append(slice(*[UNKNOWN_BOUND if b.strip() == "?" else int(b) if b.strip() else None
                                 for b in bounds]))
        elif re.fullmatch(r"-?\d+", part):
            items.append(int(part))
        else:
            raise SpecError(f"the GetItem key {text} has an item convcalc does not read: {part!r}",
                            hint="an item is an integer, a slice (start:stop:step), None or ...")
    return items


def key_text(key):
    """The string a key is held as (the inverse of parse_key); None if it is not one."""
    items = list(key) if isinstance(key, tuple) else [key]
    parts = []
    for item in items:
        if item is Ellipsis:
            parts.append("...")
        elif item is None:
            parts.append("None")
        elif isinstance(item, bool):
            return None
        elif isinstance(item, int):
            parts.append(str(item))
        elif isinstance(item, slice) and all(v is None or v is UNKNOWN_BOUND or isinstance(v, int) and not isinstance(v, bool)
                                             for v in (item.start, item.stop, item.step)):
            bounds = ["" if v is None else str(v) for v in (item.start, item.stop)]
            parts.append(":".join(bounds + ([str(item.step)] if item.step is not None else [])))
        else:
            return None
    return "[" + ", ".join(parts) + "]"


@register_operation
class GetItem(Operation):
    """keras/src/ops/numpy.py GetItem: the key's items consume the axes in turn (an
    implicit `...` at the end); an index drops its axis, a slice keeps its length,
    None adds an axis of 1."""

    def check_constants(self):
        self.items = parse_key(self.constants.get("key"))

    def compute_output_shape(self, input_shape):
        x, _ = self.operand_shapes(input_shape)
        remaining, key = list(x), list(self.items)
        if key.count(Ellipsis) > 1:
            raise SpecError(f"a slice has at most one ...; got {self.constants['key']}")
        if Ellipsis not in key:
            key.append(Ellipsis)
        out = []
        while key:
            item = key.pop(0)
            if item is Ellipsis:
                consumed = len(remaining) - (len(key) - key.count(None))
                out += remaining[:consumed]
                remaining = remaining[consumed:]
                continue
            if item is None:
                out.append(1)
                continue
            if not remaining:
                raise SpecError(f"the tensor has shape {tuple(x)}, but {self.constants['key']} has too many indices")
            length = remaining.pop(0)
            if isinstance(item, int):
                if length is not None and not -length <= item < length:
                    raise SpecError(f"index {item} is out of bounds for an axis of size {length} "
                                    f"(shape {tuple(x)})")
            elif UNKNOWN_BOUND in (item.start, item.stop, item.step) or length is None:
                out.append(None)
            else:
                try:
                    out.append(len(range(*item.indices(length))))
                except OverflowError:  # bounds past any size Python indexes
                    raise SpecError(f"the slice {self.constants['key']} has bounds too large to follow") from None
        return tuple(out)


# -- more of keras.ops: broadcasting, tiling, one-hot, einsum, image patches --------
@register_operation
class BroadcastTo(Operation):
    """keras/src/ops/numpy.py BroadcastTo: the given shape (the input must broadcast to it)."""

    def configure_operation(self, a):
        if not isinstance(a.shape, (list, tuple)) or not all(d is None or isinstance(d, int) for d in a.shape):
            raise SpecError(f"broadcast_to's shape must be a tuple of sizes; got {shown(a.shape)}")
        self.shape = tuple(a.shape)

    def compute_output_shape(self, input_shape):
        (x,) = self.operand_shapes(input_shape)
        broadcast_shapes(tuple(x), self.shape)
        return self.shape


@register_operation
class Tile(Operation):
    """keras/src/ops/numpy.py Tile: each axis times its repeat (the shorter padded with 1s)."""

    def configure_operation(self, a):
        repeats = [a.repeats] if isinstance(a.repeats, int) else a.repeats
        if not isinstance(repeats, (list, tuple)) or not all(r is None or arg.is_int(r) and r >= 0 for r in repeats):
            raise SpecError(f"tile's repeats must be a list of non-negative integers; got {shown(a.repeats)}")
        self.repeats = list(repeats)  # None: a count a layer's call computes (traced: unknown)

    def compute_output_shape(self, input_shape):
        (x,) = self.operand_shapes(input_shape)
        shape, repeats = list(x), list(self.repeats)
        if len(shape) > len(repeats):
            repeats = [1] * (len(shape) - len(repeats)) + repeats
        else:
            shape = [1] * (len(repeats) - len(shape)) + shape
        return tuple(d * r if isinstance(d, int) and isinstance(r, int) else None for d, r in zip(shape, repeats))


for _name in ("Std", "Var"):
    register_operation(type(_name, (Reduction,), {"__doc__": f"keras.ops {_name}: reduce_shape."}))


@register_operation
class OneHot(Operation):
    """keras/src/ops/nn.py OneHot: an axis of num_classes added (last, or at `axis`)."""

    def configure_operation(self, a):
        self.num_classes, self.axis = a.num_classes, a.axis
        if not isinstance(self.num_classes, int) or isinstance(self.num_classes, bool):
            raise SpecError(f"one_hot's num_classes must be an integer; got {shown(self.num_classes)}")

    def compute_output_shape(self, input_shape):
        (x,) = self.operand_shapes(input_shape)
        shape = list(x)
        if self.axis == -1:
            return (*shape, self.num_classes)
        if not 0 <= self.axis < len(shape):
            raise SpecError(f"one_hot's axis must be -1 or in [0, {len(shape)}); got {self.axis}")
        shape.insert(self.axis, self.num_classes)
        return tuple(shape)


@register_operation
class Einsum(Operation):
    """keras/src/ops/numpy.py Einsum.compute_output_spec: each operand mapped onto the
    output's letters (a letter it lacks is 1, `...` its other axes), then broadcast."""

    listed = "operands"

    def configure_operation(self, a):
        if not isinstance(a.subscripts, str):
            raise SpecError(f"einsum's subscripts must be a string; got {shown(a.subscripts)}")
        self.subscripts = a.subscripts.replace(" ", "")

    def compute_output_shape(self, input_shape):
        (operands,) = self.operand_shapes(input_shape)
        specs, _, target = self.subscripts.partition("->")
        specs = specs.split(",")
        if len(specs) != len(operands):
            raise SpecError(f"einsum's subscripts {self.subscripts!r} name {len(specs)} operands; got {len(operands)}")
        if "->" not in self.subscripts:
            letters = [c for c in "".join(specs) if c.isalpha()]
            target = "..." + "".join(sorted(c for c in set(letters) if letters.count(c) == 1))
        out = ()
        for spec, shape in zip(specs, operands):
            out = broadcast_shapes(out, _einsum_target(spec, tuple(shape), target, self.subscripts))
        return tuple(out)


def _einsum_target(spec, shape, target, subscripts):
    before, dots, after = spec.partition("...")
    if len(before) + len(after) > len(shape) or (not dots and len(before) != len(shape)):
        raise SpecError(f"einsum's {spec!r} does not fit an operand of shape {shape} ({subscripts!r})")
    sizes = dict(zip(before, shape))
    sizes.update(zip(after, shape[len(shape) - len(after):]))
    wildcard = shape[len(before):len(shape) - len(after)] if dots else ()
    head, _, tail = target.partition("...")
    return (*[sizes.get(c, 1) for c in head], *(wildcard if "..." in target else ()), *[sizes.get(c, 1) for c in tail])


def _patch_pair(value, name):
    """extract_patches's size, strides or dilation_rate: a positive integer or a pair of them."""
    pair = (value, value) if isinstance(value, int) and not isinstance(value, bool) else value
    if not (isinstance(pair, (list, tuple)) and len(pair) == 2
            and all(isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in pair)):
        raise SpecError(f"extract_patches's {name} must be a positive integer or a pair of them; got {shown(value)}")
    return tuple(pair)


@register_operation
class ExtractPatches(Operation):
    """keras/src/ops/image.py ExtractPatches: a convolution's output shape, its filters
    the patch's size × channels (channels last)."""

    def configure_operation(self, a):
        self.size = _patch_pair(a.size, "size")
        self.strides = self.size if a.strides is None else _patch_pair(a.strides, "strides")
        self.dilation = _patch_pair(a.dilation_rate, "dilation_rate")
        if a.padding not in ("valid", "same"):
            raise SpecError(f"extract_patches's padding must be 'valid' or 'same'; got {shown(a.padding)}")
        self.padding = a.padding
        if a.data_format not in (None, "channels_last"):
            raise SpecError("extract_patches: convcalc models channels_last only")

    def compute_output_shape(self, input_shape):
        (images,) = self.operand_shapes(input_shape)
        shape = list(images) if len(images) == 4 else [1, *images]
        filters = self.size[0] * self.size[1] * shape[-1] if shape[-1] is not None else None
        out = window_output_shape(tuple(shape), self.size, self.strides, self.padding, "channels_last",
                                  self.dilation, channels=filters)
        return tuple(out) if len(images) == 4 else tuple(out[1:])


@register_operation
class Clip(SameShape):
    """keras/src/ops/numpy.py Clip: the input's shape."""


@register_operation
class Pad(Operation):
    """keras/src/ops/numpy.py Pad: each axis grows by its (before, after) pads (one pair
    for every axis, or one each)."""

    def configure_operation(self, a):
        width = a.pad_width
        if isinstance(width, int) and not isinstance(width, bool):
            width = [[width, width]]
        elif isinstance(width, (list, tuple)) and width and isinstance(width[0], int):
            width = [list(width)]
        if not isinstance(width, (list, tuple)) or not all(
                isinstance(p, (list, tuple)) and len(p) in (1, 2) and all(isinstance(i, int) for i in p) for p in width):
            raise SpecError(f"pad's pad_width must be an integer or (before, after) pairs; got {shown(a.pad_width)}")
        self.width = [(p[0], p[-1]) for p in width]
        if "constant_values" not in self.constants:  # ops.pad(x, w, mode="reflect"): Pad(...)(x, constant_values=None)
            self.operands = ["x"]

    def compute_output_shape(self, input_shape):
        x = self.operand_shapes(input_shape)[0]
        width = self.width * len(x) if len(self.width) == 1 else self.width
        if len(width) != len(x):
            raise SpecError(f"pad's pad_width must have one pair per axis of {tuple(x)}; got {len(width)}")
        return tuple(None if d is None else d + before + after for d, (before, after) in zip(x, width))


@register_operation
class Split(Operation):
    """keras/src/ops/numpy.py Split: equal sections (the axis divisible by their count),
    or the sections between the given indices; several outputs."""

    def configure_operation(self, a):
        self.sections, self.axis = a.indices_or_sections, a.axis

    def compute_output_shape(self, input_shape):
        (x,) = self.operand_shapes(input_shape)
        shape = list(x)
        axis = canonical_axis(self.axis, len(shape))
        size = shape[axis]
        if isinstance(self.sections, int):
            if size is not None and size % self.sections:
                raise SpecError(f"split: the axis of size {size} is not divisible into {self.sections} sections")
            parts = [None if size is None else size // self.sections] * self.sections
        else:
            bounds = [0, *self.sections, size]
            parts = [None if start is None or end is None else end - start for start, end in zip(bounds, bounds[1:])]
        return [tuple(part if i == axis else d for i, d in enumerate(shape)) for part in parts]


@register_operation
class Tensordot(Operation):
    """keras/src/ops/numpy.py Tensordot: with axes a pair of axis lists, each operand
    without those axes, x1's then x2's; with axes an integer n, x1 without its last n
    axes, then x2 without its first n (n <= 0: both whole)."""

    def configure_operation(self, a):
        self.axes = a.axes
        if not (isinstance(self.axes, int) or isinstance(self.axes, (list, tuple)) and len(self.axes) == 2):
            raise SpecError(f"tensordot's axes must be an integer or a pair of axis lists; got {shown(self.axes)}")

    def compute_output_shape(self, input_shape):
        x1, x2 = (list(s) for s in self.operand_shapes(input_shape))
        if isinstance(self.axes, int):
            return tuple(x1 + x2 if self.axes <= 0 else x1[:-self.axes] + x2[self.axes:])
        axes1, axes2 = ([a] if isinstance(a, int) else list(a) for a in self.axes)
        try:
            selected1, selected2 = [x1[a] for a in axes1], [x2[a] for a in axes2]
        except IndexError:
            raise SpecError(f"tensordot's axes {shown(self.axes)} are out of range for {tuple(x1)} and {tuple(x2)}") from None
        if len(selected1) != len(selected2) or any(
                d1 is not None and d2 is not None and d1 != d2 for d1, d2 in zip(selected1, selected2)):
            raise SpecError(f"Shape mismatch on `x1[axes[0]]` and `x2[axes[1]]`, received {selected1} and "
                            f"{selected2} (Keras's words)")
        drop1, drop2 = {a % len(x1) for a in axes1}, {a % len(x2) for a in axes2}
        return tuple([d for i, d in enumerate(x1) if i not in drop1] + [d for i, d in enumerate(x2) if i not in drop2])


@register_operation
class Resize(Operation):
    """keras/src/ops/image.py Resize: the height and width axes become `size` (channels last)."""

    def configure_operation(self, a):
        size = a.size
        if not (isinstance(size, (list, tuple)) and len(size) == 2):
            raise SpecError(f"image.resize's size must be (height, width); got {shown(size)}")
        self.size = tuple(size)
        if a.data_format not in (None, "channels_last"):
            raise SpecError("image.resize: convcalc models channels_last only")

    def compute_output_shape(self, input_shape):
        (images,) = self.operand_shapes(input_shape)
        if len(images) not in (3, 4):
            raise SpecError(f"Invalid images rank: expected rank 3 (single image) or rank 4 (batch of images); "
                            f"got the shape {tuple(images)} (Keras's words)")
        shape = list(images)
        shape[-3], shape[-2] = self.size
        return tuple(shape)


def _literal_shape(value):
    """The shape np.array gives a constant operand: a concrete tensor's, a nested list's."""
    if isinstance(value, dict):
        return tuple(value["tensor"])
    if isinstance(value, list):
        return (len(value), *(_literal_shape(value[0]) if value else ()))
    return ()


@register_operation
class Take(Operation):
    """keras/src/ops/numpy.py Take: the indices' shape in place of the axis (of all of x,
    flattened, when axis is None)."""

    def configure_operation(self, a):
        self.axis = a.axis

    def operand_shapes(self, input_shape):
        shapes = super().operand_shapes(input_shape)
        if "indices" in self.constants:
            shapes[1] = _literal_shape(self.constants["indices"])
        return shapes

    def compute_output_shape(self, input_shape):
        x, indices = self.operand_shapes(input_shape)
        if self.axis is None:
            return tuple(indices)
        axis = canonical_axis(self.axis, len(x))
        return (*x[:axis], *indices, *x[axis + 1:])


@register_operation
class TakeAlongAxis(Take):
    """keras/src/ops/numpy.py TakeAlongAxis (operation_utils.compute_take_along_axis_output_shape):
    the indices' size on the axis, the other axes broadcast."""

    def compute_output_shape(self, input_shape):
        x, indices = self.operand_shapes(input_shape)
        x = list(x) if self.axis is not None else [None if None in x else _product(x)]
        if len(x) != len(indices):
            raise SpecError(f"take_along_axis: x and indices must have the same rank; got {len(x)} and {len(indices)}")
        axis = 0 if self.axis is None else canonical_axis(self.axis, len(x))
        x[axis] = indices[axis]
        return broadcast_shapes(tuple(x), tuple(indices))


class _SpaceDepth(Operation):
    """keras/src/ops/nn.py DepthToSpace and SpaceToDepth: blocks of block_size² pixels
    moved between the channels and the image."""

    def configure_operation(self, a):
        self.block_size = a.block_size
        if not isinstance(self.block_size, int) or isinstance(self.block_size, bool) or self.block_size < 1:
            raise SpecError(f"'block_size' must be a positive integer; got {shown(self.block_size)}")
        self.channels_first = a.data_format == "channels_first"

    def compute_output_shape(self, input_shape):
        (x,) = self.operand_shapes(input_shape)
        if len(x) != 4:
            raise SpecError(f"{self.keras_name} needs a 4-D input; got {len(x)}-D")
        b, c, h, w = (x[0], x[1], x[2], x[3]) if self.channels_first else (x[0], x[3], x[1], x[2])
        c, h, w = self.moved(c, h, w)
        return (b, c, h, w) if self.channels_first else (b, h, w, c)


@register_operation
class DepthToSpace(_SpaceDepth):
    def moved(self, c, h, w):
        r = self.block_size
        if c is not None and c % (r * r):
            raise SpecError(f"the number of channels ({c}) must be divisible by block_size**2 ({r * r})")
        return (None if c is None else c // (r * r), None if h is None else h * r, None if w is None else w * r)


@register_operation
class SpaceToDepth(_SpaceDepth):
    def moved(self, c, h, w):
        r = self.block_size
        for name, size in (("Height", h), ("Width", w)):
            if size is not None and size % r:
                raise SpecError(f"{name} ({size}) must be divisible by block_size ({r})")
        return (None if c is None else c * r * r, None if h is None else h // r, None if w is None else w // r)
