"""Reshaping layers (keras/src/layers/reshaping): Flatten, Reshape, Permute, RepeatVector,
ZeroPadding, Cropping and UpSampling 1D/2D/3D."""

from __future__ import annotations

import math

from convcalc.errors import SpecError, shown
from convcalc.layers import arguments as arg
from convcalc.layers.base import Layer, PositionWise, SpatialLayer, format_shape
from convcalc.layers.operation_utils import cropped_length, padded_length, scaled_length
from convcalc.layers.registry import register


@register
class Flatten(Layer):
    min_ndim = 1

    def configure(self, a):
        arg.standardize_data_format(a.data_format)

    def compute_output_shape(self, input_shape):
        rest = input_shape[1:]
        size = None if None in rest else math.prod(rest)
        return (input_shape[0], size)


@register
class Reshape(Layer):
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
