"""Convolutions: Conv1D/2D/3D (groups, dilation), DepthwiseConv and SeparableConv.

Params: (k_h × k_w × in_ch / groups + 1) × filters; depthwise: (k_h × k_w + 1) × in_ch ×
depth_multiplier; separable: its depthwise kernel, then a 1×1 pointwise convolution
(with the bias). MACs: output positions × output channels × the multiply-adds of one
output (bias excluded).
"""

from __future__ import annotations

import math
from fractions import Fraction

from convcalc.explain.base import SPATIAL_AXES, Explainer, factors_text, for_each, kernel_text, merge_axes
from convcalc.layers.field import Field
from convcalc.explain.registry import explains
from convcalc.explain.window import WindowExplainer
from convcalc.layers import arguments as arg
from convcalc.layers.operation_utils import number, plural, product, sum_text


def bias_formula(kernel, times, total, use_bias):
    """("(3 × 3 × 1 + 1) × 5 = 50", "plus a bias"): a kernel's weights, with or without
    its bias, for each of `times` outputs."""
    if use_bias:
        return f"({kernel} + 1) × {times} = {number(total)}", "plus a bias"
    return f"{kernel} × {times} = {number(total)}", "no bias"


@explains("BaseWindowConv")
class WindowConvExplainer(WindowExplainer):
    def window(self):
        r = self.rule
        return r.kernel_size, r.strides, r.dilation_rate, r.padding, r.data_format

    @property
    def in_channels(self):
        return self.input_shape[arg.channel_axis(self.rule.data_format)]

    def positions_macs(self, per_position, per_position_text, why):
        positions = self.output_positions()
        if None in positions:
            return None, ["unknown: an output axis has no fixed size"]
        value = math.prod(positions) * per_position
        return value, [f"{factors_text(positions)} × {per_position_text} = {number(value)}  ({why})"]


@explains("BaseConv")
class ConvExplainer(WindowConvExplainer):
    def params(self):
        r = self.rule
        if r.lora_rank:
            return self.weight_lines() + [f"LoRA (rank {r.lora_rank}) freezes the kernel and trains "
                                          "lora_kernel_a × lora_kernel_b instead"] + self.frozen_lines()
        channels, groups, filters = self.in_channels, r.groups, r.filters
        factors = [*r.kernel_size, channels // groups]
        per_filter = math.prod(factors) + r.use_bias
        total = per_filter * filters
        if groups == 1:
            over = plural(channels, "channel")
        else:
            over = f"{plural(channels // groups, 'channel')} ({channels} channels / {groups} groups)"
        formula, bias = bias_formula(factors_text(factors), number(filters), total, r.use_bias)
        why = f"{kernel_text(r.kernel_size)} over {over}, {bias}, {for_each(filters, 'filter')}"
        return self.adds_up([f"{formula}  ({why})"], total)

    def macs(self):
        r = self.rule
        factors = [*r.kernel_size, self.in_channels // r.groups]
        return self.positions_macs(
            r.filters * math.prod(factors), f"{number(r.filters)} × ({factors_text(factors)})",
            "output positions × filters × one window's multiply-adds",
        )


@explains("BaseDepthwiseConv")
class DepthwiseConvExplainer(WindowConvExplainer):
    def out_channels_text(self):
        dm = self.rule.depth_multiplier
        if dm == 1:
            return plural(self.in_channels, "channel")
        return f"{plural(self.in_channels, 'channel')} × {dm} (depth_multiplier)"

    def channel_lines(self):
        dm = self.rule.depth_multiplier
        if dm == 1:
            return [f"channels: {self.in_channels}, one filter each"]
        return [f"channels: {self.in_channels} × {dm} (depth_multiplier) = {self.in_channels * dm}"]

    def params(self):
        r = self.rule
        channels, dm = self.in_channels, r.depth_multiplier
        k = factors_text(r.kernel_size)
        tail = "" if dm == 1 else f" × {dm}"
        total = (math.prod(r.kernel_size) + r.use_bias) * channels * dm
        formula, bias = bias_formula(k, f"{number(channels)}{tail}", total, r.use_bias)
        why = f"a {kernel_text(r.kernel_size)}, {bias}, for each of {self.out_channels_text()}"
        return self.adds_up([f"{formula}  ({why})"], total)

    def macs(self):
        r = self.rule
        out = self.in_channels * r.depth_multiplier
        return self.positions_macs(
            out * math.prod(r.kernel_size), f"{number(out)} × ({factors_text(r.kernel_size)})",
            "output positions × channels × one window's multiply-adds",
        )


@explains("BaseSeparableConv")
class SeparableConvExplainer(DepthwiseConvExplainer):
    def channel_lines(self):
        return []

    def params(self):
        r = self.rule
        channels, dm, filters = self.in_channels, r.depth_multiplier, r.filters
        depth_factors = [*r.kernel_size, channels] + ([dm] if dm > 1 else [])
        depthwise, depth_text = product(depth_factors)
        mid = channels * dm
        pointwise = (mid + r.use_bias) * filters
        if r.use_bias:
            point_text = f"({number(mid)} + 1) × {number(filters)} = {number(pointwise)}"
            point_why = f"a 1×1 kernel over {plural(mid, 'channel')}, plus a bias, {for_each(filters, 'filter')}"
        else:
            point_text = f"{number(mid)} × {number(filters)} = {number(pointwise)}"
            point_why = f"a 1×1 kernel over {plural(mid, 'channel')}, no bias, {for_each(filters, 'filter')}"
        lines = [
            f"depthwise: {depth_text}  (a {kernel_text(r.kernel_size)} for each of {self.out_channels_text()})",
            f"pointwise: {point_text}  ({point_why})",
            "total: " + sum_text([depthwise, pointwise])[1],
        ]
        return self.adds_up(lines, depthwise + pointwise)

    def macs(self):
        r = self.rule
        positions = self.output_positions()
        if None in positions:
            return None, ["unknown: an output axis has no fixed size"]
        mid = self.in_channels * r.depth_multiplier
        n = math.prod(positions)
        depthwise = n * mid * math.prod(r.kernel_size)
        pointwise = n * mid * r.filters
        p = factors_text(positions)
        return depthwise + pointwise, [
            f"depthwise: {p} × {number(mid)} × ({factors_text(r.kernel_size)}) = {number(depthwise)}"
            "  (output positions × channels × one window's multiply-adds)",
            f"pointwise: {p} × {number(r.filters)} × {number(mid)} = {number(pointwise)}"
            "  (output positions × filters × channels)",
            "total: " + sum_text([depthwise, pointwise])[1],
        ]


@explains("BaseConvTranspose")
class ConvTransposeExplainer(WindowConvExplainer):
    """A transposed convolution: each input value spreads a kernel over the output, so
    the spatial axes grow: valid (n − 1) × s + max(k, s), same n × s (the rule's own
    formulas). The kernel is a convolution's, its last two axes swapped."""

    def output(self):
        return Explainer.output(self)

    def params(self):
        r = self.rule
        channels, filters = self.in_channels, r.filters
        factors = [*r.kernel_size, channels]
        total = (math.prod(factors) + r.use_bias) * filters
        if r.use_bias:
            formula = f"({factors_text(factors)} + 1) × {number(filters)} = {number(total)}"
        else:
            formula = f"{factors_text(factors)} × {number(filters)} = {number(total)}"
        why = (f"{kernel_text(r.kernel_size)} from {plural(channels, 'channel')}, "
               f"{'plus a bias' if r.use_bias else 'no bias'}, {for_each(filters, 'filter')}")
        return self.adds_up([f"{formula}  ({why})"], total)

    def macs(self):
        r = self.rule
        first = 1 if r.data_format == "channels_last" else 2
        positions = [self.input_shape[first + i] for i in range(len(r.kernel_size))]
        if None in positions:
            return None, ["unknown: an input axis has no fixed size"]
        value = math.prod(positions) * self.in_channels * math.prod(r.kernel_size) * r.filters
        return value, [f"{factors_text(positions)} × {number(self.in_channels)} × ({factors_text(r.kernel_size)}) × "
                       f"{number(r.filters)} = {number(value)}  (input positions × channels × kernel × filters)"]

    def field(self, in_fields):
        r = self.rule
        f = in_fields[0]
        if f is None or f.is_whole or not f.on_grid or len(f.size) != len(r.kernel_size):
            return super().field(in_fields)
        sizes, jumps, per_axis = [], [], []
        for size, jump, k, s, d in zip(f.size, f.jump, r.kernel_size, r.strides, r.dilation_rate):
            extent = (k - 1) * d + 1
            seen = -(-extent // s)  # ceil(k / s): the input positions one output gathers
            new_size, new_jump = size + (seen - 1) * jump, Fraction(jump) / s
            sizes.append(new_size)
            jumps.append(new_jump)
            per_axis.append([f"{number(size)} + (ceil({extent} / {s}) − 1) × {number(jump)} = {number(new_size)}, "
                             f"jump {number(jump)} / {s} = {number(new_jump)}"])
        return Field(tuple(sizes), tuple(jumps), f.input_size), merge_axes(per_axis, SPATIAL_AXES[len(sizes)])
