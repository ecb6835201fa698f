"""The weights Keras 3.15's quantize(mode) gives a layer, shared by the rules that have one
(Dense, EinsumDense, Embedding and the attention layers' projections).

Keras's defaults for model.quantize(mode) (keras/src/quantizers/quantization_config.py):
int8 is per channel; int4 is Int4QuantizationConfig's block_size 128, grouped ("sub-
channel": a scale and a zero point per group of 128 along the reduced axis, and a g_idx);
float8 keeps the kernel and adds scales and amax histories (QuantizedFloat8DTypePolicy).
Integer values are int8 (int4 packed two a byte); scales have the layer's variable dtype;
g_idx and float8's scales are float32 whatever the policy.
"""

from __future__ import annotations

import math
import re

from convcalc.errors import SpecError
from convcalc.layers.base import Weight

MODES = ("int8", "int4", "float8")
INT4_BLOCK_SIZE = 128  # Int4QuantizationConfig(block_size=128)
AMAX_HISTORY_LENGTH = 1024  # QuantizedFloat8DTypePolicy.default_amax_history_length
INT8_BITS = 8


def float8_weights(prefix=""):
    """_float8_build (dense.py, einsum_dense.py): a scale and an amax history for the
    inputs, the kernel and the outputs' gradient; float32, trainable, overwritten with
    their gradient."""
    return [
        Weight(f"{prefix}{what}_{kind}", shape, bits=32, overwrite_with_gradient=True)
        for what in ("inputs", "kernel", "outputs_grad")
        for kind, shape in (("scale", ()), ("amax_history", (AMAX_HISTORY_LENGTH,)))
    ]


def int8_kernel(name, shape, scale_shape):
    """The int8 values (frozen) and their per-channel scale."""
    return [Weight(name, tuple(shape), trainable=False, bits=INT8_BITS),
            Weight(f"{name}_scale", tuple(scale_shape), trainable=False)]


def int4_kernel(prefix, rows, columns):
    """_int4_build (dense.py, einsum_dense.py) with a block size: a [rows, columns] kernel
    packed along columns, a scale and a zero point per group of rows, and g_idx."""
    groups = math.ceil(rows / INT4_BLOCK_SIZE)
    return [
        Weight(f"{prefix}kernel", (rows, (columns + 1) // 2), trainable=False, bits=INT8_BITS),
        Weight(f"{prefix}kernel_scale", (groups, columns), trainable=False),
        Weight(f"{prefix}kernel_zero", (groups, columns), trainable=False, bits=INT8_BITS),
        Weight(f"{prefix}g_idx", (rows,), trainable=False, bits=32),
    ]


def replaced(weights, name, new):
    """Keras deletes the weight and adds the quantized ones after the others."""
    return [w for w in weights if w.name != name] + new


def weight(weights, name):
    return next(w for w in weights if w.name == name)


def einsum_specs(equation, mode):
    """(input, kernel, output) letters of an EinsumDense's equation, as
    _analyze_quantization_info reads them; Keras 3.15 fails on an equation with '...'
    (it passes the input's rank where it takes its shape)."""
    if "..." in equation:
        raise SpecError(f"Keras refuses --quantize {mode}: object of type 'int' has no len() (Keras 3.15 "
                        f"cannot quantize an EinsumDense whose equation has '...': {equation!r})",
                        hint="write the equation without '...', or use --quantize float8")
    return re.match("([a-zA-Z]+),([a-zA-Z]+)->([a-zA-Z]+)", equation).groups()


def einsum_quantized(prefix, equation, kernel, mode):
    """An EinsumDense kernel's quantized weights: the axes the equation reduces are the
    rows, the others the columns (einsum_dense.py _int8_build, _int4_build)."""
    _, kernel_spec, output_spec = einsum_specs(equation, mode)
    reduced = [i for i, label in enumerate(kernel_spec) if label not in output_spec]
    if mode == "int4":
        rows = math.prod(kernel[i] for i in reduced)
        return int4_kernel(prefix, rows, math.prod(kernel) // rows if rows else 0)
    return int8_kernel(f"{prefix}kernel", kernel, einsum_scale_shape(kernel_spec, output_spec, kernel, reduced))


def einsum_scale_shape(kernel_spec, output_spec, kernel, reduced):
    """_get_kernel_scale_shape per channel: the kernel's shape with its reduced axes 1,
    ordered as the output's axes, 1s where the output has axes the kernel lacks."""
    expand = [i for i, label in enumerate(output_spec) if label not in kernel_spec]
    transpose = [kernel_spec.find(label) for label in output_spec if label in kernel_spec]
    squeeze, index = [], None
    for axis in reduced:  # as Keras pairs each reduced axis with an expanded one
        if expand:
            index = expand.pop(0)
        else:
            squeeze.append(axis)
        if index is None:
            raise SpecError(f"Keras cannot quantize the einsum '{kernel_spec}->{output_spec}': no output axis "
                            "to put its reduced axis at")
        transpose.insert(index, axis)
    shape = [1 if i in reduced else d for i, d in enumerate(kernel)]
    shape = [shape[i] for i in transpose]
    for axis in sorted(expand):
        shape.insert(axis, 1)
    for axis in sorted(squeeze, reverse=True):
        shape.pop(axis)
    return tuple(shape)
