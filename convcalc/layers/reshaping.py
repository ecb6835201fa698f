"""Reshaping layers (keras/src/layers/reshaping): Flatten, Reshape, ZeroPadding1D/2D/3D."""

from __future__ import annotations

import math

from convcalc.errors import SpecError, shown
from convcalc.layers import arguments as arg
from convcalc.layers.base import Layer, format_shape
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


class BaseZeroPadding(Layer):
    rank: int

    @property
    def ndim(self):
        return self.rank + 2

    def configure(self, a):
        self.data_format = arg.standardize_data_format(a.data_format)
        self.padding = self.standardize_padding(a.padding)

    def standardize_padding(self, padding):
        """((before, after), ...) per spatial axis, from an int, a list of ints, or of pairs."""
        if arg.is_int(padding):
            padding = (padding,) * self.rank
        if not isinstance(padding, (list, tuple)) or len(padding) != self.rank:
            raise SpecError(
                f"'padding' must be an integer, a list of {self.rank} integers, "
                f"or a list of {self.rank} [before, after] pairs; got {shown(padding)}"
            )
        return tuple(arg.standardize_tuple(p, 2, "padding", allow_zero=True) for p in padding)

    def compute_output_shape(self, input_shape):
        shape = list(input_shape)
        first = 1 if self.data_format == "channels_last" else 2
        for i, (before, after) in enumerate(self.padding):
            if shape[first + i] is not None:
                shape[first + i] += before + after
        return tuple(shape)


@register
class ZeroPadding1D(BaseZeroPadding):
    rank = 1

    def standardize_padding(self, padding):
        # ZeroPadding1D reads [2, 3] as (before, after) of its one axis
        return (arg.standardize_tuple(padding, 2, "padding", allow_zero=True),)


@register
class ZeroPadding2D(BaseZeroPadding):
    rank = 2


@register
class ZeroPadding3D(BaseZeroPadding):
    rank = 3
