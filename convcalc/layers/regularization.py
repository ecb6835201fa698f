"""Regularization layers (keras/src/layers/regularization): Dropout, SpatialDropout1D/2D/3D,
GaussianDropout, AlphaDropout, GaussianNoise, ActivityRegularization.

None has weights or changes its input's shape (Layer's defaults); only their arguments
are checked, as Keras's __init__ checks them.
"""

from __future__ import annotations

from convcalc.errors import SpecError, shown
from convcalc.layers import arguments as arg
from convcalc.layers.base import PositionWise, SpatialLayer
from convcalc.layers.registry import register


def check_seed(seed, noisy):
    """keras/src/random/seed_generator.py: the SeedGenerator a noisy layer makes (only when
    its rate or stddev is above 0) takes an integer seed or None."""
    if noisy and seed is not None and not arg.is_int(seed):  # a bool fails in its tensor of [seed, 0]
        raise SpecError(f"'seed' must be an integer; got {shown(seed)} (Keras: \"Argument `seed` must be an "
                        "integer.\")", hint="for example: seed: 42")


@register
class Dropout(PositionWise):
    def configure(self, a):
        arg.number_between(a.rate, 0, 1, "rate")
        check_seed(a.seed, a.rate > 0)


class BaseSpatialDropout(SpatialLayer, Dropout):
    """Dropout of whole feature maps: the input must have `rank` spatial axes."""


@register
class SpatialDropout1D(BaseSpatialDropout):
    rank = 1


@register
class SpatialDropout2D(BaseSpatialDropout):
    rank = 2

    def configure(self, a):
        super().configure(a)
        arg.standardize_data_format(a.data_format)


@register
class SpatialDropout3D(SpatialDropout2D):
    rank = 3


@register
class GaussianDropout(Dropout):
    """Multiplies by noise of mean 1: the same `rate` in [0, 1] as Dropout."""


@register
class AlphaDropout(Dropout):
    def configure(self, a):
        super().configure(a)
        shape = a.noise_shape  # read only when training; Keras puts None for the input's size
        if shape is not None and (
            not isinstance(shape, (list, tuple)) or not all(d is None or (arg.is_int(d) and d > 0) for d in shape)
        ):
            raise SpecError(f"'noise_shape' must be a list of positive integers or nulls; got {shown(shape)}")


@register
class GaussianNoise(PositionWise):
    def configure(self, a):
        arg.number_between(a.stddev, 0, 1, "stddev")
        check_seed(a.seed, a.stddev > 0)


@register
class ActivityRegularization(PositionWise):
    def configure(self, a):
        # keras.regularizers.L1L2: None is 0; else a finite number >= 0
        for name in ("l1", "l2"):
            arg.non_negative_number(getattr(a, name), name, allow_none=True, finite=True)
