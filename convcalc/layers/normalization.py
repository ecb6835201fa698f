"""Normalization layers (keras/src/layers/normalization): BatchNormalization."""

from __future__ import annotations

from convcalc.errors import SpecError, shown
from convcalc.layers import arguments as arg
from convcalc.layers.base import Layer, Weight
from convcalc.layers.registry import register


@register
class BatchNormalization(Layer):
    def configure(self, a):
        if not arg.is_int(a.axis):
            raise SpecError(f"'axis' must be an integer; got {shown(a.axis)}")
        self.axis = a.axis
        self.center = arg.boolean(a.center, "center")
        self.scale = arg.boolean(a.scale, "scale")

    def build(self, input_shape):
        if not -len(input_shape) <= self.axis < len(input_shape):
            raise SpecError(
                f"axis {self.axis} is out of range for a {len(input_shape)}-D input"
            )
        features = (input_shape[self.axis],)
        if features[0] is None:
            raise SpecError(f"BatchNormalization needs a known size on axis {self.axis}; got None")
        weights = [Weight("gamma", features)] if self.scale else []
        if self.center:
            weights.append(Weight("beta", features))
        # the moving statistics are updated by the layer, never by the optimizer
        return weights + [
            Weight("moving_mean", features, trainable=False),
            Weight("moving_variance", features, trainable=False),
        ]
