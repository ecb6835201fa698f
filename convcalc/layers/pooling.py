"""Pooling (keras/src/layers/pooling): windowed, Global and Adaptive Max/Average pooling."""

from __future__ import annotations

from convcalc.errors import SpecError, shown
from convcalc.layers import arguments as arg
from convcalc.layers.base import Layer, SpatialLayer
from convcalc.layers.operation_utils import window_formulas, window_output_shape
from convcalc.layers.registry import register


class BasePooling(SpatialLayer):

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


class BaseGlobalPooling(SpatialLayer):

    def configure(self, a):
        self.data_format = arg.standardize_data_format(a.data_format)
        self.keepdims = arg.boolean(a.keepdims, "keepdims")

    def compute_mask(self, inputs, mask, operation):
        """keras/src/layers/pooling/global_average_pooling1d.py: the pooled output has no
        mask (the others do not support masking: they drop it too)."""
        return None

    def compute_output_shape(self, input_shape):
        if self.data_format == "channels_last":
            channels, spatial = input_shape[-1], input_shape[1:-1]
        else:
            channels, spatial = input_shape[1], input_shape[2:]
        kept = (1,) * len(spatial) if self.keepdims else ()
        if self.data_format == "channels_last":
            return (input_shape[0], *kept, channels)
        return (input_shape[0], channels, *kept)


class BaseAdaptivePooling(Layer):
    """Pools each spatial axis into exactly `output_size` windows, whatever its length."""

    rank: int

    @property
    def ndim(self):
        # Keras sets no input spec (any rank builds), but its pooling op fails on any
        # other rank when the model first runs
        return self.rank + 2

    def configure(self, a):
        size = (a.output_size,) * self.rank if arg.is_int(a.output_size) else a.output_size
        if not isinstance(size, (list, tuple)) or len(size) != self.rank or not all(
            arg.is_int(n) and n > 0 for n in size
        ):
            raise SpecError(
                f"'output_size' must be a positive integer or a list of {self.rank}; got {shown(a.output_size)}"
            )
        self.output_size = tuple(size)
        # unlike most layers, Keras takes data_format exactly as written here
        fmt = "channels_last" if a.data_format is None else a.data_format
        self.data_format = arg.one_of(fmt, ("channels_last", "channels_first"), "data_format", case_sensitive=True)

    def compute_output_shape(self, input_shape):
        if self.data_format == "channels_last":
            return (input_shape[0], *self.output_size, input_shape[-1])
        return (input_shape[0], input_shape[1], *self.output_size)


def _declare(base, prefix, ranks=(1, 2, 3)):
    """MaxPooling1D/2D/3D etc. differ from their base only by rank."""
    for rank in ranks:
        name = f"{prefix}{rank}D"
        register(type(name, (base,), {"rank": rank, "__module__": __name__}))


_declare(BasePooling, "MaxPooling")
_declare(BasePooling, "AveragePooling")
_declare(BaseGlobalPooling, "GlobalMaxPooling")
_declare(BaseGlobalPooling, "GlobalAveragePooling")
_declare(BaseAdaptivePooling, "AdaptiveMaxPooling")
_declare(BaseAdaptivePooling, "AdaptiveAveragePooling")
