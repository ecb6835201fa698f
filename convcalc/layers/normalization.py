"""Normalization layers (keras/src/layers/normalization): BatchNormalization,
LayerNormalization, GroupNormalization, RMSNormalization, UnitNormalization."""

from __future__ import annotations

from convcalc.errors import SpecError, shown
from convcalc.layers import arguments as arg
from convcalc.layers.base import PositionWise, Weight, format_shape
from convcalc.layers.operation_utils import number, plural, sum_text
from convcalc.layers.registry import register


@register
class BatchNormalization(PositionWise):
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

    def param_formula(self, call):
        """A trainable scale (gamma) and offset (beta) per feature, and the moving mean
        and variance, which the layer updates itself: non-trainable."""
        shape = call.input_shape
        features = shape[self.axis]
        per = plural(features, "feature") if self.axis not in (-1, len(shape) - 1) else plural(features, "channel")
        names = (["gamma"] if self.scale else []) + (["beta"] if self.center else [])
        what = {("gamma",): "a scale", ("beta",): "an offset", ("gamma", "beta"): "a scale and an offset"}
        trainable = len(names) * features
        non_trainable = 2 * features
        if names:
            count = f"{features}" if len(names) == 1 else f"2 × {number(features)} = {number(trainable)}"
            lines = [f"trainable: {' + '.join(names)} = {count}  ({what[tuple(names)]} for each of {per})"]
        else:
            lines = ["trainable: 0  (center and scale are off)"]
        lines += [
            f"non-trainable: moving_mean + moving_variance = 2 × {number(features)} = {number(non_trainable)}"
            "  (running statistics: the layer updates them, not the optimizer)",
            "total: " + sum_text([trainable, non_trainable])[1],
        ]
        return lines, trainable + non_trainable


class BaseAxisNormalization(PositionWise):
    """Normalizes over `axis` (an int or a list of them); its weights, if any, are sized by
    the input on those axes. Keras checks the axes when computing the output shape."""

    def configure(self, a):
        self.axis = arg.axes(a.axis)

    def compute_output_shape(self, input_shape):
        arg.check_axes(self.axis, len(input_shape))
        return input_shape

    def axis_sizes(self, input_shape, name):
        """The input's sizes on the sorted axes: the shape of a weight `name`."""
        arg.check_axes(self.axis, len(input_shape))
        shape = tuple(input_shape[axis] for axis in sorted(self.axis))
        if None in shape:
            raise SpecError(
                f"{self.class_name} needs known sizes on its axis {shown(self.axis)}: its {name} would be "
                f"{format_shape(shape)} on {format_shape(input_shape)}",
                hint="the batch axis (0) and free axes have no size; normalize over axes of known size",
            )
        return shape


@register
class LayerNormalization(BaseAxisNormalization):
    def configure(self, a):
        super().configure(a)
        self.center = arg.boolean(a.center, "center")
        self.scale = arg.boolean(a.scale, "scale")
        self.rms_scaling = arg.boolean(a.rms_scaling, "rms_scaling")  # deprecated; gamma only

    def build(self, input_shape):
        shape = self.axis_sizes(input_shape, "gamma")
        weights = [Weight("gamma", shape)] if self.scale or self.rms_scaling else []
        if self.center and not self.rms_scaling:
            weights.append(Weight("beta", shape))
        return weights


@register
class RMSNormalization(BaseAxisNormalization):
    def build(self, input_shape):
        return [Weight("scale", self.axis_sizes(input_shape, "scale"))]


@register
class UnitNormalization(BaseAxisNormalization):
    pass


@register
class GroupNormalization(BaseAxisNormalization):
    def configure(self, a):
        if not arg.is_int(a.axis):  # a list fails in Keras's build
            raise SpecError(f"'axis' must be an integer; got {shown(a.axis)}")
        super().configure(a)
        if not arg.is_int(a.groups) or (a.groups <= 0 and a.groups != -1):
            raise SpecError(
                f"'groups' must be a positive integer, or -1 for one group per channel; got {shown(a.groups)}"
            )
        self.groups = a.groups
        self.center = arg.boolean(a.center, "center")
        self.scale = arg.boolean(a.scale, "scale")

    def build(self, input_shape):
        shape = self.axis_sizes(input_shape, "gamma")
        channels, groups = shape[0], shape[0] if self.groups == -1 else self.groups
        if channels < groups or channels % groups:
            raise SpecError(
                f"the {channels} channels on axis {self.axis[0]} cannot be split into {groups} equal groups",
                hint=f"groups must divide {channels}; -1 makes one group per channel",
            )
        weights = [Weight("gamma", shape)] if self.scale else []
        if self.center:
            weights.append(Weight("beta", shape))
        return weights
