"""Convolutions (keras/src/layers/convolutional): Conv, DepthwiseConv, SeparableConv,
ConvTranspose."""

from __future__ import annotations

from convcalc.errors import SpecError
from convcalc.layers import arguments as arg
from convcalc.layers.base import SpatialLayer, Weight
from convcalc.layers.operation_utils import (
    conv_transpose_formulas,
    conv_transpose_output_shape,
    window_formulas,
    window_output_shape,
)
from convcalc.layers.registry import register

_SPATIAL = {1: "(batch, steps, channels)", 2: "(batch, height, width, channels)", 3: "(batch, depth, height, width, channels)"}


class BaseWindowConv(SpatialLayer):
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
            self.data_format, self.dilation_rate,
        )


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


@register
class SeparableConv1D(BaseSeparableConv):
    rank = 1


@register
class SeparableConv2D(BaseSeparableConv):
    rank = 2


class BaseConvTranspose(BaseWindowConv):
    """A convolution run backwards: each input value spreads over a kernel-sized window of
    the output, so the spatial axes grow (operation_utils.conv_transpose_output_length)."""

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


@register
class Conv1DTranspose(BaseConvTranspose):
    rank = 1


@register
class Conv2DTranspose(BaseConvTranspose):
    rank = 2


@register
class Conv3DTranspose(BaseConvTranspose):
    rank = 3
