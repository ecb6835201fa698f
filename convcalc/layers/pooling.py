"""Pooling (keras/src/layers/pooling): windowed Max/Average and Global pooling."""

from __future__ import annotations

from convcalc.layers import arguments as arg
from convcalc.layers.base import Layer
from convcalc.layers.operation_utils import window_formulas, window_output_shape
from convcalc.layers.registry import register


class BasePooling(Layer):
    rank: int

    @property
    def ndim(self):
        return self.rank + 2

    def configure(self, a):
        self.pool_size = arg.standardize_tuple(a.pool_size, self.rank, "pool_size")
        # strides default to pool_size, as in Keras
        strides = a.pool_size if a.strides is None else a.strides
        self.strides = arg.standardize_tuple(strides, self.rank, "strides")
        # unlike convolutions, Keras's pooling ops take padding exactly as written
        self.padding = arg.one_of(a.padding, ("valid", "same"), "padding", case_sensitive=True)
        self.data_format = arg.standardize_data_format(a.data_format)

    def compute_output_shape(self, input_shape):
        return window_output_shape(
            input_shape, self.pool_size, self.strides, self.padding, self.data_format
        )

    def axis_formulas(self, input_shape):
        return window_formulas(
            input_shape, self.pool_size, self.strides, self.padding, self.data_format
        )


class BaseGlobalPooling(Layer):
    rank: int

    @property
    def ndim(self):
        return self.rank + 2

    def configure(self, a):
        self.data_format = arg.standardize_data_format(a.data_format)
        self.keepdims = arg.boolean(a.keepdims, "keepdims")

    def compute_output_shape(self, input_shape):
        if self.data_format == "channels_last":
            channels, spatial = input_shape[-1], input_shape[1:-1]
        else:
            channels, spatial = input_shape[1], input_shape[2:]
        kept = (1,) * len(spatial) if self.keepdims else ()
        if self.data_format == "channels_last":
            return (input_shape[0], *kept, channels)
        return (input_shape[0], channels, *kept)


def _declare(base, prefix, ranks=(1, 2, 3)):
    """MaxPooling1D/2D/3D etc. differ from their base only by rank."""
    for rank in ranks:
        name = f"{prefix}{rank}D"
        register(type(name, (base,), {"rank": rank, "__module__": __name__}))


_declare(BasePooling, "MaxPooling")
_declare(BasePooling, "AveragePooling")
_declare(BaseGlobalPooling, "GlobalMaxPooling")
_declare(BaseGlobalPooling, "GlobalAveragePooling")
