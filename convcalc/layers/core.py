"""Core layers (keras/src/layers/core and activations): InputLayer, Dense, Activation."""

from __future__ import annotations

from convcalc.errors import SpecError
from convcalc.layers import arguments as arg
from convcalc.layers.base import Layer, Weight
from convcalc.layers.registry import register


@register
class InputLayer(Layer):
    """The model's inputs; built by the engine from the spec's `input`/`inputs`."""


@register
class Dense(Layer):
    min_ndim = 2

    def configure(self, a):
        self.units = arg.positive_int(a.units, "units")
        self.use_bias = arg.boolean(a.use_bias, "use_bias")
        arg.activation(a.activation)
        self.lora_rank = arg.lora_rank(a.lora_rank)

    def compute_output_shape(self, input_shape):
        return (*input_shape[:-1], self.units)

    def build(self, input_shape):
        features = input_shape[-1]
        if features is None:
            raise SpecError("Dense needs a known size on the input's last axis; got None")
        weights = [Weight("kernel", (features, self.units), trainable=not self.lora_rank)]
        if self.use_bias:
            weights.append(Weight("bias", (self.units,)))
        if self.lora_rank:  # enable_lora freezes the kernel and adds two low-rank factors
            # (Keras makes the two factors float32, whatever the layer's dtype policy)
            weights += [
                Weight("lora_kernel_a", (features, self.lora_rank), bits=32),
                Weight("lora_kernel_b", (self.lora_rank, self.units), bits=32),
            ]
        return weights


@register
class Activation(Layer):
    def configure(self, a):
        arg.activation(a.activation)  # None is Keras's linear activation, as for Dense
