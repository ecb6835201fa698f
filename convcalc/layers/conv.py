"""Convolutions (keras/src/layers/convolutional): Conv, DepthwiseConv, SeparableConv,
ConvTranspose.

Params: (k_h × k_w × in_ch / groups + 1) × filters; depthwise: (k_h × k_w + 1) × in_ch ×
depth_multiplier; separable: its depthwise kernel, then a 1×1 pointwise convolution
(with the bias). MACs: output positions × output channels × the multiply-adds of one
output (bias excluded).
"""

from __future__ import annotations

import math
from fractions import Fraction

from convcalc.errors import SpecError
from convcalc.layers import arguments as arg
from convcalc.layers.base import Layer, Weight, lora_formula
from convcalc.layers.field import Field
from convcalc.layers.operation_utils import (
    SPATIAL_AXES,
    bias_formula,
    conv_transpose_formulas,
    conv_transpose_output_shape,
    factors_text,
    for_each,
    kernel_text,
    merge_axes,
    number,
    plural,
    product,
    sum_text,
    window_formulas,
    window_output_shape,
)
from convcalc.layers.registry import register
from convcalc.layers.window import WindowLayer

_SPATIAL = {1: "(batch, steps, channels)", 2: "(batch, height, width, channels)", 3: "(batch, depth, height, width, channels)"}


class BaseWindowConv(WindowLayer):
    """What every convolution shares: a kernel sliding over `rank` spatial axes."""

    def configure(self, a):
        self.kernel_size = arg.standardize_tuple(a.kernel_size, self.rank, "kernel_size")
        self.strides = arg.standardize_tuple(a.strides, self.rank, "strides")
        self.dilation_rate = arg.standardize_tuple(a.dilation_rate, self.rank, "dilation_rate")
        self.padding = arg.standardize_padding(a.padding, allow_causal=self.allows_causal())
        self.data_format = arg.standardize_data_format(a.data_format)
        self.use_bias = arg.boolean(a.use_bias, "use_bias")
        arg.activation(a.activation)

    def allows_causal(self):
        return False

    def check_strides_with_dilation(self):
        """Keras's convolutions (not the depthwise or separable ones) refuse both at once."""
        if max(self.strides) > 1 and max(self.dilation_rate) > 1:
            raise SpecError(
                f"strides > 1 cannot be combined with dilation_rate > 1 "
                f"(got strides={list(self.strides)}, dilation_rate={list(self.dilation_rate)})"
            )

    def rank_hint(self):
        return f"{self.class_name} works on {_SPATIAL[self.rank]} inputs"

    def input_channels(self, input_shape):
        channels = input_shape[arg.channel_axis(self.data_format)]
        if channels is None:
            raise SpecError(f"{self.class_name} needs a known number of input channels; got None")
        return channels

    def output_channels(self, input_shape):
        raise NotImplementedError

    def compute_output_shape(self, input_shape):
        return window_output_shape(
            input_shape, self.kernel_size, self.strides, self.padding,
            self.data_format, self.dilation_rate, self.output_channels(input_shape),
        )

    def axis_formulas(self, input_shape):
        return window_formulas(
            input_shape, self.kernel_size, self.strides, self.padding,
            self.data_format, self.dilation_rate, self.output_channels(input_shape),
        )

    def window(self):
        return self.kernel_size, self.strides, self.dilation_rate, self.padding, self.data_format

    def positions_macs(self, call, per_position, per_position_text, why):
        positions = self.output_positions(call)
        if None in positions:
            return None, ["unknown: an output axis has no fixed size"]
        value = math.prod(positions) * per_position
        return value, [f"{factors_text(positions)} × {per_position_text} = {number(value)}  ({why})"]


class BaseConv(BaseWindowConv):
    def configure(self, a):
        super().configure(a)
        self.filters = arg.positive_int(a.filters, "filters")
        self.groups = arg.positive_int(a.groups, "groups")
        if self.filters % self.groups:
            raise SpecError(
                f"filters ({self.filters}) must be divisible by groups ({self.groups})"
            )
        self.check_strides_with_dilation()
        self.lora_rank = arg.lora_rank(a.lora_rank)

    def output_channels(self, input_shape):
        return self.filters

    def build(self, input_shape):
        channels = self.input_channels(input_shape)
        if channels % self.groups:
            raise SpecError(
                f"the input's {channels} channels must be divisible by groups ({self.groups})"
            )
        kernel = self.kernel_size + (channels // self.groups, self.filters)
        weights = [Weight("kernel", kernel, trainable=not self.lora_rank)]
        if self.use_bias:
            weights.append(Weight("bias", (self.filters,)))
        if self.lora_rank:  # enable_lora freezes the kernel and adds two low-rank factors
            # (Keras makes the two factors float32, whatever the layer's dtype policy)
            weights += [
                Weight("lora_kernel_a", kernel[:-1] + (self.lora_rank,), bits=32),
                Weight("lora_kernel_b", (self.lora_rank, self.filters), bits=32),
            ]
        return weights

    def param_formula(self, call):
        if self.lora_rank:
            return lora_formula(self, call)
        channels, groups, filters = self.input_channels(call.input_shape), self.groups, self.filters
        factors = [*self.kernel_size, channels // groups]
        total = (math.prod(factors) + self.use_bias) * filters
        if groups == 1:
            over = plural(channels, "channel")
        else:
            over = f"{plural(channels // groups, 'channel')} ({channels} channels / {groups} groups)"
        formula, bias = bias_formula(factors_text(factors), number(filters), total, self.use_bias)
        why = f"{kernel_text(self.kernel_size)} over {over}, {bias}, {for_each(filters, 'filter')}"
        return [f"{formula}  ({why})"], total

    def macs(self, call):
        factors = [*self.kernel_size, self.input_channels(call.input_shape) // self.groups]
        return self.positions_macs(
            call, self.filters * math.prod(factors), f"{number(self.filters)} × ({factors_text(factors)})",
            "output positions × filters × one window's multiply-adds",
        )


@register
class Conv1D(BaseConv):
    rank = 1

    def allows_causal(self):
        return True


@register
class Conv2D(BaseConv):
    rank = 2


@register
class Conv3D(BaseConv):
    rank = 3


class BaseDepthwiseConv(BaseWindowConv):
    def configure(self, a):
        super().configure(a)
        self.depth_multiplier = arg.positive_int(a.depth_multiplier, "depth_multiplier")

    def output_channels(self, input_shape):
        return self.input_channels(input_shape) * self.depth_multiplier

    def build(self, input_shape):
        channels = self.input_channels(input_shape)
        weights = [Weight("kernel", self.kernel_size + (channels, self.depth_multiplier))]
        if self.use_bias:
            weights.append(Weight("bias", (channels * self.depth_multiplier,)))
        return weights

    def out_channels_text(self, channels):
        dm = self.depth_multiplier
        if dm == 1:
            return plural(channels, "channel")
        return f"{plural(channels, 'channel')} × {dm} (depth_multiplier)"

    def channel_lines(self, call):
        channels, dm = self.input_channels(call.input_shape), self.depth_multiplier
        if dm == 1:
            return [f"channels: {channels}, one filter each"]
        return [f"channels: {channels} × {dm} (depth_multiplier) = {channels * dm}"]

    def param_formula(self, call):
        channels, dm = self.input_channels(call.input_shape), self.depth_multiplier
        tail = "" if dm == 1 else f" × {dm}"
        total = (math.prod(self.kernel_size) + self.use_bias) * channels * dm
        formula, bias = bias_formula(factors_text(self.kernel_size), f"{number(channels)}{tail}", total, self.use_bias)
        why = f"a {kernel_text(self.kernel_size)}, {bias}, for each of {self.out_channels_text(channels)}"
        return [f"{formula}  ({why})"], total

    def macs(self, call):
        out = self.input_channels(call.input_shape) * self.depth_multiplier
        return self.positions_macs(
            call, out * math.prod(self.kernel_size), f"{number(out)} × ({factors_text(self.kernel_size)})",
            "output positions × channels × one window's multiply-adds",
        )


@register
class DepthwiseConv1D(BaseDepthwiseConv):
    rank = 1


@register
class DepthwiseConv2D(BaseDepthwiseConv):
    rank = 2


class BaseSeparableConv(BaseDepthwiseConv):
    def configure(self, a):
        super().configure(a)
        self.filters = arg.positive_int(a.filters, "filters")

    def output_channels(self, input_shape):
        return self.filters

    def build(self, input_shape):
        depthwise_channels = self.input_channels(input_shape) * self.depth_multiplier
        depthwise = super().build(input_shape)[0]
        weights = [
            Weight("depthwise_kernel", depthwise.shape),
            Weight("pointwise_kernel", (1,) * self.rank + (depthwise_channels, self.filters)),
        ]
        if self.use_bias:
            weights.append(Weight("bias", (self.filters,)))
        return weights

    def channel_lines(self, call):
        return []

    def param_formula(self, call):
        channels, dm, filters = self.input_channels(call.input_shape), self.depth_multiplier, self.filters
        depthwise, depth_text = product([*self.kernel_size, channels] + ([dm] if dm > 1 else []))
        mid = channels * dm
        pointwise = (mid + self.use_bias) * filters
        point_text, bias = bias_formula(number(mid), number(filters), pointwise, self.use_bias)
        point_why = f"a 1×1 kernel over {plural(mid, 'channel')}, {bias}, {for_each(filters, 'filter')}"
        lines = [
            f"depthwise: {depth_text}  (a {kernel_text(self.kernel_size)} for each of {self.out_channels_text(channels)})",
            f"pointwise: {point_text}  ({point_why})",
            "total: " + sum_text([depthwise, pointwise])[1],
        ]
        return lines, depthwise + pointwise

    def macs(self, call):
        positions = self.output_positions(call)
        if None in positions:
            return None, ["unknown: an output axis has no fixed size"]
        mid = self.input_channels(call.input_shape) * self.depth_multiplier
        n = math.prod(positions)
        depthwise = n * mid * math.prod(self.kernel_size)
        pointwise = n * mid * self.filters
        p = factors_text(positions)
        return depthwise + pointwise, [
            f"depthwise: {p} × {number(mid)} × ({factors_text(self.kernel_size)}) = {number(depthwise)}"
            "  (output positions × channels × one window's multiply-adds)",
            f"pointwise: {p} × {number(self.filters)} × {number(mid)} = {number(pointwise)}"
            "  (output positions × filters × channels)",
            "total: " + sum_text([depthwise, pointwise])[1],
        ]


@register
class SeparableConv1D(BaseSeparableConv):
    rank = 1


@register
class SeparableConv2D(BaseSeparableConv):
    rank = 2


class BaseConvTranspose(BaseWindowConv):
    """A convolution run backwards: each input value spreads over a kernel-sized window of
    the output, so the spatial axes grow (operation_utils.conv_transpose_output_length):
    valid (n − 1) × s + max(k, s), same n × s. The kernel is a convolution's, its last two
    axes swapped."""

    def configure(self, a):
        super().configure(a)
        self.filters = arg.positive_int(a.filters, "filters")
        self.output_padding = None
        if a.output_padding is not None:
            self.output_padding = arg.standardize_tuple(a.output_padding, self.rank, "output_padding", allow_zero=True)
            if any(p >= s for p, s in zip(self.output_padding, self.strides)):
                raise SpecError(
                    f"output_padding must be smaller than strides on every axis; got "
                    f"output_padding={list(self.output_padding)}, strides={list(self.strides)}"
                )
        self.check_strides_with_dilation()

    def output_channels(self, input_shape):
        return self.filters

    def compute_output_shape(self, input_shape):
        return conv_transpose_output_shape(
            input_shape, self.kernel_size, self.filters, self.strides, self.padding,
            self.output_padding, self.data_format, self.dilation_rate,
        )

    def axis_formulas(self, input_shape):
        return conv_transpose_formulas(
            input_shape, self.kernel_size, self.strides, self.padding,
            self.output_padding, self.data_format, self.dilation_rate,
        )

    def build(self, input_shape):
        # the kernel's last two axes are (filters, input channels): Conv's, swapped
        weights = [Weight("kernel", self.kernel_size + (self.filters, self.input_channels(input_shape)))]
        if self.use_bias:
            weights.append(Weight("bias", (self.filters,)))
        return weights

    def shape_formula(self, call):
        return Layer.shape_formula(self, call)  # the axis formulas: not a window's

    def param_formula(self, call):
        channels, filters = self.input_channels(call.input_shape), self.filters
        factors = [*self.kernel_size, channels]
        total = (math.prod(factors) + self.use_bias) * filters
        formula = bias_formula(factors_text(factors), number(filters), total, self.use_bias)[0]
        why = (f"{kernel_text(self.kernel_size)} from {plural(channels, 'channel')}, "
               f"{'plus a bias' if self.use_bias else 'no bias'}, {for_each(filters, 'filter')}")
        return [f"{formula}  ({why})"], total

    def macs(self, call):
        first = 1 if self.data_format == "channels_last" else 2
        positions = [call.input_shape[first + i] for i in range(len(self.kernel_size))]
        if None in positions:
            return None, ["unknown: an input axis has no fixed size"]
        channels = self.input_channels(call.input_shape)
        value = math.prod(positions) * channels * math.prod(self.kernel_size) * self.filters
        return value, [f"{factors_text(positions)} × {number(channels)} × ({factors_text(self.kernel_size)}) × "
                       f"{number(self.filters)} = {number(value)}  (input positions × channels × kernel × filters)"]

    def field_step(self, call, in_fields):
        f = in_fields[0]
        if f is None or f.is_whole or not f.on_grid or len(f.size) != len(self.kernel_size):
            return super().field_step(call, in_fields)
        sizes, jumps, per_axis = [], [], []
        for size, jump, k, s, d in zip(f.size, f.jump, self.kernel_size, self.strides, self.dilation_rate):
            extent = (k - 1) * d + 1
            seen = -(-extent // s)  # ceil(k / s): the input positions one output gathers
            new_size, new_jump = size + (seen - 1) * jump, Fraction(jump) / s
            sizes.append(new_size)
            jumps.append(new_jump)
            per_axis.append([f"{number(size)} + (ceil({extent} / {s}) − 1) × {number(jump)} = {number(new_size)}, "
                             f"jump {number(jump)} / {s} = {number(new_jump)}"])
        return Field(tuple(sizes), tuple(jumps), f.input_size), merge_axes(per_axis, SPATIAL_AXES[len(sizes)])


@register
class Conv1DTranspose(BaseConvTranspose):
    rank = 1


@register
class Conv2DTranspose(BaseConvTranspose):
    rank = 2


@register
class Conv3DTranspose(BaseConvTranspose):
    rank = 3
