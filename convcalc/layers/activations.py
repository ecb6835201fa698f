"""Activation layers (keras/src/layers/activations): ReLU, LeakyReLU, PReLU, ELU, Softmax.

All keep their input's shape (Layer's default); only PReLU has a weight.
"""

from __future__ import annotations

from convcalc.errors import SpecError, shown
from convcalc.layers import arguments as arg
from convcalc.layers.base import PositionWise, Weight, format_shape
from convcalc.layers.registry import register


@register
class ReLU(PositionWise):
    def configure(self, a):
        arg.non_negative_number(a.max_value, "max_value", allow_none=True)
        arg.non_negative_number(a.negative_slope, "negative_slope")
        arg.non_negative_number(a.threshold, "threshold")


@register
class LeakyReLU(PositionWise):
    def configure(self, a):
        # Keras 3 still takes the deprecated `alpha`, in place of negative_slope
        slope, name = (a.negative_slope, "negative_slope") if a.alpha is None else (a.alpha, "alpha")
        arg.non_negative_number(slope, name)


@register
class ELU(PositionWise):
    def configure(self, a):
        arg.number(a.alpha, "alpha")


@register
class Softmax(PositionWise):
    def configure(self, a):
        self.axis = arg.axes(a.axis)

    def compute_output_shape(self, input_shape):
        # Keras builds it on any axis (it never runs the softmax to build); the first call fails
        arg.check_axes(self.axis, len(input_shape))
        return input_shape


@register
class PReLU(PositionWise):
    def configure(self, a):
        shared = a.shared_axes
        self.shared_axes = None if shared is None else arg.axes(shared, "shared_axes")

    def build(self, input_shape):
        """alpha: one slope per value of a sample, except along shared axes (size 1)."""
        shape = list(input_shape[1:])
        for axis in self.shared_axes or ():
            if not -len(shape) <= axis - 1 < len(shape):  # Keras sets shape[axis - 1]
                raise SpecError(
                    f"shared_axes {axis} is out of range for the {len(input_shape)}-D input "
                    f"{format_shape(input_shape)}",
                    hint=f"shared axes are counted with the batch axis: 1 to {len(input_shape) - 1}",
                )
            shape[axis - 1] = 1
        if None in shape:
            raise SpecError(
                f"PReLU needs known sizes on the axes it does not share; its alpha would be "
                f"{format_shape(shape)} on {format_shape(input_shape)}",
                hint=f"share the free axes, e.g. shared_axes: {shown([i + 1 for i, d in enumerate(shape) if d is None])}",
            )
        return [Weight("alpha", tuple(shape))]
