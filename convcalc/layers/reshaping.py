"""Reshaping layers (keras/src/layers/reshaping): Flatten, Reshape, Permute, RepeatVector,
ZeroPadding, Cropping and UpSampling 1D/2D/3D.

Flatten and Reshape only move the values (a product of the sizes); ZeroPadding gives
before + n + after, UpSampling n × size (the jump shrinks by the factor).
"""

from __future__ import annotations

import math
from fractions import Fraction

from convcalc.errors import SpecError, shown
from convcalc.layers import arguments as arg
from convcalc.layers.base import Layer, PositionWise, SpatialLayer, format_shape
from convcalc.layers.field import Field, kept
from convcalc.layers.operation_utils import (
    SPATIAL_AXES,
    cropped_length,
    factors_text,
    merge_axes,
    number,
    padded_length,
    product,
    scaled_length,
)
from convcalc.layers.registry import register


class MovesValues(Layer):
    """No weights, no arithmetic: each value keeps its field, but not its place on the
    input's grid (a window after it cannot be traced)."""

    def param_formula(self, call):
        return ["0  (no weights: the values only move)"], 0

    def field_step(self, call, in_fields):
        f = in_fields[0]
        if f is None:
            return None, ["not tracked (nor is its input's)"]
        if f.is_whole:
            return f, ["unchanged"]
        if f.size is not None and all(s == 1 for s in f.size) and len(call.output_shape) > 2:
            fresh = Field.at_input(call.output_shape)
            return fresh, ["each value still sees only itself: a new grid, of the reshaped input"]
        if call.output_shape == call.input_shape:
            return kept(in_fields, "the same layout")
        channels_first = self.config.get("data_format") == "channels_first"
        positions = call.input_shape[2:] if channels_first else call.input_shape[1:-1]
        if len(positions) != len(f.size):
            return Field(f.size, None, f.input_size), ["each value keeps its field, off the input's grid"]
        return f.off_grid(positions), ["each value keeps its field, off the input's grid"]

    def macs(self, call):
        return 0, ["0  (the values only move)"]


@register
class Flatten(MovesValues):
    min_ndim = 1

    def configure(self, a):
        arg.standardize_data_format(a.data_format)

    def compute_output_shape(self, input_shape):
        rest = input_shape[1:]
        size = None if None in rest else math.prod(rest)
        return (input_shape[0], size)

    def shape_formula(self, call):
        rest = call.input_shape[1:]
        if len(rest) == 1:
            return ["same shape as its input"]
        return [product(rest)[1]]


@register
class Reshape(MovesValues):
    def configure(self, a):
        target = a.target_shape
        if not isinstance(target, (list, tuple)) or not all(arg.is_int(d) and d >= -1 for d in target):
            raise SpecError(
                f"'target_shape' must be a list of non-negative integers, with at most one -1; got {shown(target)}"
            )
        if list(target).count(-1) > 1:
            raise SpecError(f"'target_shape' may hold only one -1 (an axis to infer); got {list(target)}")
        self.target_shape = tuple(target)

    def compute_output_shape(self, input_shape):
        rest, target = input_shape[1:], self.target_shape
        if None in rest:
            return (input_shape[0], *(None if d == -1 else d for d in target))
        size, known = math.prod(rest), math.prod(d for d in target if d != -1)
        if -1 not in target and size != known:
            raise SpecError(
                f"cannot reshape {format_shape(rest)} ({size} values) into "
                f"{format_shape(target)} ({known} values)",
                hint="the number of values must stay the same; use -1 for one axis to infer it",
            )
        if -1 in target and (known == 0 or size % known):
            raise SpecError(
                f"cannot reshape {format_shape(rest)} ({size} values) into {format_shape(target)}: "
                f"{size} is not divisible by {known}"
            )
        return (input_shape[0], *(size // known if d == -1 else d for d in target))

    def shape_formula(self, call):
        rest, target = call.input_shape[1:], self.target_shape
        size, text = product(rest)
        lines = [f"{text} values" if len(rest) > 1 else f"{number(size)} values"]
        if -1 in target and size is not None:
            known = [d for d in target if d != -1]
            if not known:
                lines.append(f"−1: all {number(size)}")
            else:
                divisor = factors_text(known) if len(known) == 1 else f"({factors_text(known)})"
                lines.append(f"−1: {number(size)} / {divisor} = {number(size // max(1, math.prod(known)))}")
        return lines


def per_axis_pairs(value, rank, name):
    """((before, after), ...) per spatial axis, as Keras reads padding and cropping: a 1-D
    layer reads an int or one [before, after] pair; 2-D and 3-D ones an int (every side),
    a list of `rank` ints (each axis, both sides) or of `rank` pairs."""
    if rank == 1:
        return (arg.standardize_tuple(value, 2, name, allow_zero=True),)
    if arg.is_int(value):
        value = (value,) * rank
    if not isinstance(value, (list, tuple)) or len(value) != rank:
        raise SpecError(
            f"'{name}' must be an integer, a list of {rank} integers, "
            f"or a list of {rank} [before, after] pairs; got {shown(value)}"
        )
    return tuple(arg.standardize_tuple(p, 2, name, allow_zero=True) for p in value)


class BaseSpatial(SpatialLayer):
    """A layer that maps each spatial axis's length on its own, keeping the batch and
    channel axes (Keras's ZeroPadding, Cropping and UpSampling layers)."""


    def configure(self, a):
        self.data_format = arg.standardize_data_format(getattr(a, "data_format", None))  # 1-D: none

    def axis_length(self, i, length):
        """(output length, formula) of the i-th spatial axis, of known `length`."""
        raise NotImplementedError

    def spatial_axes(self):
        first = 1 if self.data_format == "channels_last" else 2
        return range(first, first + self.rank)

    def compute_output_shape(self, input_shape):
        shape = list(input_shape)
        for i, axis in enumerate(self.spatial_axes()):
            if shape[axis] is not None:
                shape[axis] = self.axis_length(i, shape[axis])[0]
        return tuple(shape)

    def axis_formulas(self, input_shape):
        return {axis: self.axis_length(i, input_shape[axis])[1]
                for i, axis in enumerate(self.spatial_axes()) if input_shape[axis] is not None}


class BaseZeroPadding(BaseSpatial):
    def configure(self, a):
        super().configure(a)
        self.padding = per_axis_pairs(a.padding, self.rank, "padding")

    def axis_length(self, i, length):
        return padded_length(length, *self.padding[i])

    def shape_formula(self, call):
        first = 1 if self.data_format == "channels_last" else 2
        per_axis = [[padded_length(call.input_shape[first + i], before, after)[1]]
                    for i, (before, after) in enumerate(self.padding)]
        return merge_axes(per_axis, SPATIAL_AXES[len(self.padding)])

    def param_formula(self, call):
        return ["0  (no weights: zeros are added around the borders)"], 0

    def field_step(self, call, in_fields):
        return kept(in_fields, "zeros around the borders")

    def macs(self, call):
        return 0, ["0"]


@register
class ZeroPadding1D(BaseZeroPadding):
    rank = 1


@register
class ZeroPadding2D(BaseZeroPadding):
    rank = 2


@register
class ZeroPadding3D(BaseZeroPadding):
    rank = 3


class BaseCropping(BaseSpatial, PositionWise):
    def configure(self, a):
        super().configure(a)
        self.cropping = per_axis_pairs(a.cropping, self.rank, "cropping")

    def axis_length(self, i, length):
        return cropped_length(length, *self.cropping[i])

    def compute_output_shape(self, input_shape):
        for i, axis in enumerate(self.spatial_axes()):
            length, formula = self.axis_length(i, input_shape[axis])
            if length is not None and length <= 0:
                raise SpecError(
                    f"the cropping leaves nothing of axis {axis} of {format_shape(input_shape)}: {formula}",
                    hint="crop less than the axis's length, or give a larger input",
                )
        return super().compute_output_shape(input_shape)


@register
class Cropping1D(BaseCropping):
    rank = 1


@register
class Cropping2D(BaseCropping):
    rank = 2


@register
class Cropping3D(BaseCropping):
    rank = 3


# The interpolations keras.ops.image.resize takes (Keras builds UpSampling2D with any
# string, and fails on its first call).
INTERPOLATIONS = ("bilinear", "nearest", "lanczos3", "lanczos5", "bicubic", "area")


class BaseUpSampling(BaseSpatial):
    """Repeats each value `size` times along each spatial axis."""

    def configure(self, a):
        super().configure(a)
        self.size = arg.standardize_tuple(a.size, self.rank, "size")

    def axis_length(self, i, length):
        return scaled_length(length, self.size[i])

    def factors(self, call):
        first = 1 if getattr(self, "data_format", "channels_last") == "channels_last" else 2
        axes = range(first, first + len(call.input_shape) - 2)
        return [(call.input_shape[a], call.output_shape[a]) for a in axes]

    def shape_formula(self, call):
        per_axis = []
        for n, out in self.factors(call):
            per_axis.append([f"{n} × {out // n} = {out}" if n and out else "None"])
        return merge_axes(per_axis, SPATIAL_AXES.get(len(per_axis), []))

    def param_formula(self, call):
        return ["0  (no weights: each value is repeated)"], 0

    def field_step(self, call, in_fields):
        f = in_fields[0]
        if f is None or not f.on_grid or any(not n or not out for n, out in self.factors(call)):
            return super().field_step(call, in_fields)
        jumps = tuple(Fraction(j) / (out // n) for j, (n, out) in zip(f.jump, self.factors(call)))
        return Field(f.size, jumps, f.input_size), ["each value repeated: the jump shrinks by the factor"]

    def macs(self, call):
        return 0, ["0"]


@register
class UpSampling1D(BaseUpSampling):
    rank = 1

    def configure(self, a):
        if not arg.is_int(a.size):  # an int only, unlike UpSampling2D/3D
            raise SpecError(f"'size' must be a positive integer; got {shown(a.size)}")
        super().configure(a)


@register
class UpSampling2D(BaseUpSampling):
    rank = 2

    def configure(self, a):
        super().configure(a)
        if not isinstance(a.interpolation, str):
            raise SpecError(f"'interpolation' must be one of {', '.join(INTERPOLATIONS)}; got {shown(a.interpolation)}")
        arg.one_of(a.interpolation, INTERPOLATIONS, "interpolation")


@register
class UpSampling3D(BaseUpSampling):
    rank = 3


@register
class Permute(Layer):
    def configure(self, a):
        dims = a.dims
        if (not isinstance(dims, (list, tuple)) or not all(arg.is_int(d) for d in dims)
                or sorted(dims) != list(range(1, len(dims) + 1))):
            raise SpecError(
                f"'dims' must be a permutation of the axes 1, 2, ... (the batch axis stays first); got {shown(dims)}",
                hint="for example [2, 1] swaps the two axes of a 3-D input",
            )
        self.dims = tuple(dims)

    @property
    def ndim(self):
        return len(self.dims) + 1

    def compute_output_shape(self, input_shape):
        return (input_shape[0], *(input_shape[d] for d in self.dims))


@register
class RepeatVector(Layer):
    ndim = 2

    def configure(self, a):
        self.n = arg.positive_int(a.n, "n")

    def compute_output_shape(self, input_shape):
        return (input_shape[0], self.n, input_shape[1])
