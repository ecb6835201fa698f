"""Regularization layers (keras/src/layers/regularization): Dropout, SpatialDropout1D/2D/3D."""

from __future__ import annotations

from convcalc.layers import arguments as arg
from convcalc.layers.base import Layer
from convcalc.layers.registry import register


@register
class Dropout(Layer):
    def configure(self, a):
        arg.number_between(a.rate, 0, 1, "rate")


class BaseSpatialDropout(Dropout):
    rank: int

    @property
    def ndim(self):
        return self.rank + 2


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
