"""Pooling (keras/src/layers/pooling): windowed, Global and Adaptive Max/Average pooling.

Windowed pooling slides like a convolution without weights; global pooling takes one
value per channel from every position: the whole input.
"""

from __future__ import annotations

from convcalc.errors import SpecError, shown
from convcalc.layers import arguments as arg
from convcalc.layers.base import Layer, SpatialLayer
from convcalc.layers.operation_utils import factors_text, number, window_formulas, window_output_shape
from convcalc.layers.registry import register
from convcalc.layers.window import WindowLayer

NO_MACS = (0, ["0  (a max or an average: no multiplications by weights)"])


class BasePooling(WindowLayer):
    KERAS_CONV = False  # Keras's compute_pooling_output_shape

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

    def window(self):
        return self.pool_size, self.strides, (1,) * len(self.pool_size), self.padding, self.data_format

    def param_formula(self, call):
        return ["0  (pooling has no weights: it takes the max or the average of each window)"], 0

    def macs(self, call):
        return NO_MACS


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

    def spatial_sizes(self, input_shape):
        first = 1 if self.data_format == "channels_last" else 2
        return list(input_shape[first:first + len(input_shape) - 2])

    def shape_formula(self, call):
        kind = "max" if "Max" in call.class_name else "average"
        spatial = self.spatial_sizes(call.input_shape)
        positions = factors_text(spatial)
        if len(spatial) > 1 and None not in spatial:
            n = 1
            for s in spatial:
                n *= s
            positions += f" = {number(n)}"
        keep = ", kept as axes of size 1" if self.keepdims else ""
        return [f"the {kind} over the {positions} positions, per channel{keep}"]

    def param_formula(self, call):
        return ["0  (pooling has no weights)"], 0

    def field_step(self, call, in_fields):
        f = in_fields[0]
        if f is None:
            return None, ["not tracked (nor is its input's)"]
        spatial = self.spatial_sizes(call.input_shape)
        covered = f.covering(spatial)
        if covered.is_whole:
            return covered, ["one value per channel from every position: the whole input"]
        return covered, [f"one value per channel from every position: {covering_text(f, spatial)}"]

    def macs(self, call):
        return NO_MACS


def covering_text(f, positions):
    """'(3 − 1) × 4 + 18 = 26' per axis (what n positions see together)."""
    texts = [f"({n} − 1) × {j} + {r} = {(n - 1) * j + r}" for n, j, r in zip(positions, f.jump, f.size)]
    return texts[0] if len(set(texts)) == 1 else "; ".join(texts)


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
