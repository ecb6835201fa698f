"""Shared shape arithmetic (keras/src/ops/operation_utils.py), with its derivation text.

Each function returns its value and the formula that gave it, so that errors and
`convcalc explain` show the arithmetic as a student would write it.
"""

from __future__ import annotations

import math

from convcalc.errors import SpecError, printable_digits, shown


def _minus(n):
    return f"−{-n}" if n < 0 else str(n)


def number(n):
    """An integer as the lecture writes it: 30,977; a fraction as a decimal, 0.5; None as None;
    an integer of more digits than Python writes (4,300) in scientific notation."""
    if isinstance(n, int):
        digits = printable_digits()
        if digits is not None and abs(n) >= 10**digits:
            return _scientific(n)
        return f"{n:,}".replace("-", "−")
    if n is not None and n.denominator == 1:
        return number(int(n))
    return "None" if n is None else f"{float(n):g}"


def _scientific(n):
    """'≈1.23 × 10^4301', without writing the integer in decimal."""
    exponent = int(abs(n).bit_length() * math.log10(2))
    while 10**exponent > abs(n):
        exponent -= 1
    while 10 ** (exponent + 1) <= abs(n):
        exponent += 1
    lead = abs(n) // 10 ** (exponent - 2)
    return f"{'−' if n < 0 else ''}≈{lead // 100}.{lead % 100:02d} × 10^{exponent}"


def plural(n, word, words=None):
    """'1 filter', '5 filters', '30,976 inputs'."""
    return f"{number(n)} {word if n == 1 else (words or word + 's')}"


def factors_text(factors):
    """'3 × 3 × 1' (no result)."""
    return " × ".join(number(f) for f in factors)


def kernel_text(kernel_size):
    """'3×3 kernel'; a 1-D kernel: '3-wide kernel'."""
    if len(kernel_size) == 1:
        return f"{kernel_size[0]}-wide kernel"
    return "×".join(str(k) for k in kernel_size) + " kernel"


def for_each(n, word, words=None):
    """'for each of 5 filters'; 'for the one filter'."""
    return f"for the one {word}" if n == 1 else f"for each of {plural(n, word, words)}"


SPATIAL_AXES = {1: ["length"], 2: ["height", "width"], 3: ["depth", "height", "width"]}


def merge_axes(per_axis, names):
    """Lines for each spatial axis: once if every axis has the same derivation, else
    each prefixed with its axis's name ('height: ...')."""
    if not per_axis:
        return []
    if all(lines == per_axis[0] for lines in per_axis):
        return list(per_axis[0])
    return [f"{name}: {line}" for name, lines in zip(names, per_axis) for line in lines]


def bias_formula(kernel, times, total, use_bias):
    """("(3 × 3 × 1 + 1) × 5 = 50", "plus a bias"): a kernel's weights (`kernel`, a
    formula), with or without its bias, for each of `times` outputs."""
    if use_bias:
        return f"({kernel} + 1) × {times} = {number(total)}", "plus a bias"
    return f"{kernel} × {times} = {number(total)}", "no bias"


def product(factors):
    """The product of sizes and its formula: (30976, '22 × 22 × 64 = 30,976'); None if
    a factor is unknown (None). One factor is its own formula."""
    factors = list(factors)
    if any(f is None for f in factors):
        return None, " × ".join(number(f) for f in factors) + " = None (a size is unknown)"
    value = math.prod(factors)
    if not factors:
        return value, "1 (a scalar)"
    if len(factors) == 1:
        return value, number(value)
    return value, " × ".join(number(f) for f in factors) + f" = {number(value)}"


def sum_text(terms):
    """A sum and its formula: (142, '50 + 92 = 142'); one term is its own formula."""
    terms = list(terms)
    value = sum(terms)
    if len(terms) == 1:
        return value, number(value)
    return value, " + ".join(number(t) for t in terms) + f" = {number(value)}"


def window_extent(window, dilation=1):
    """A dilated window's extent on the input, (window − 1) × dilation + 1, and its formula
    (the window itself when dilation is 1)."""
    extent = (window - 1) * dilation + 1
    if dilation == 1:
        return extent, str(window)
    return extent, f"({window} − 1) × {dilation} + 1 = {extent}"


def numpy_dtype(sizes):
    """The dtype of np.array(sizes), as Keras's window arithmetic makes it: "int64" (every
    size known and within int64), "uint64" (within uint64), else "object" (Python ints)."""
    if not all(isinstance(n, int) and -2**63 <= n < 2**64 for n in sizes):
        return "object"
    return "int64" if all(n < 2**63 for n in sizes) else "uint64"


def keras_window_step(length, effective, stride, padding, dtype="object", conv=True):
    """np.floor(numerator / strides) + 1, as keras/src/ops/operation_utils.py computes it
    on numpy arrays of `dtype` (numpy_dtype): 'valid's numerator is n − (k − 1) × d − 1
    (a conv) or n − k (pooling), 'same's n − 1. On int64 and uint64 arrays the division,
    floor and + 1 are float64 (above 2^53 they round, as in Keras; uint64 less int64 is
    float64 already); on an object array they are Python's: a correctly rounded division,
    then exact integers."""
    if padding != "valid":
        numerator = length - 1  # exact in every dtype (numpy keeps uint64 − 1 an uint64)
    elif dtype == "uint64":
        numerator = float(length) - float(effective - 1) - 1.0 if conv else float(length) - float(effective)
    else:
        numerator = length - effective
    if dtype == "object":
        try:
            return math.floor(numerator / stride) + 1
        except OverflowError:  # Keras's numpy fails alike: the division is a float's
            raise SpecError(f"a window's output length past a float ({shown(length)} long): Keras's division "
                            "overflows (\"integer division result too large for a float\")",
                            hint="use a shorter input") from None
    return int(float(math.floor(float(numerator) / float(stride))) + 1.0)


def window_output_length(length, window, stride, padding, dilation=1, full=False, dtype="object", conv=True):
    """Output length of a sliding window (conv or pooling) on one axis, and its formula;
    `dtype`, `conv`: how Keras's numpy computes it (keras_window_step).

    The formula is short for stride 1 ('10 − 3 + 1 = 8', as in error messages); `full`
    writes the textbook form for any stride ('floor((10 − 3) / 1) + 1 = 8')."""
    if length is None:
        return None, "None"
    effective = window_extent(window, dilation)[0]
    out = keras_window_step(length, effective, stride, padding, dtype, conv)
    if padding == "valid":
        exact = (length - effective) // stride + 1
        if stride == 1 and not full:
            text = f"{length} − {effective} + 1 = {_minus(exact)}"
        else:
            text = f"floor(({length} − {effective}) / {stride}) + 1 = {_minus(exact)}"
    else:  # same, causal: Keras's floor((n − 1) / s) + 1, i.e. ceil(n / s)
        exact = -(-length // stride)
        text = f"ceil({length} / {stride}) = {exact}"
    if out != exact:  # above 2^53: Keras's floating-point steps round (keras_window_step)
        text += f"; Keras's floating-point arithmetic gives {_minus(out)}"
    return out, text


def receptive_field_step(field, jump, window, stride, dilation=1):
    """One sliding window's effect on one axis's receptive field and jump (the distance,
    in input positions, between neighbouring outputs):
    field + (extent − 1) × jump, and jump × stride. Returns (field, jump, formula)."""
    extent = window_extent(window, dilation)[0]
    new_field = field + (extent - 1) * jump
    new_jump = jump * stride
    text = f"{number(field)} + ({extent} − 1) × {number(jump)} = {number(new_field)}, jump {number(jump)} × {stride} = {number(new_jump)}"
    return new_field, new_jump, text


def padded_length(length, before, after):
    """A zero-padded axis's length and its formula: (12, '10 + 1 + 1 = 12')."""
    if length is None:
        return None, "None"
    return length + before + after, f"{length} + {before} + {after} = {length + before + after}"


class NonPositiveSize(SpecError):
    """A sliding window left no room; carries the axis and the step's formula."""

    def __init__(self, axis, formula):
        super().__init__(f"output size would be zero or negative on axis {axis}")
        self.axis = axis
        self.formula = formula


def window_output_shape(input_shape, windows, strides, padding, data_format, dilations=None, channels=None):
    """Full output shape of a conv or pooling op (Keras's compute_conv/pooling_output_shape).

    ``channels`` replaces the channel axis (a conv's filters); None keeps it (pooling).
    Raises NonPositiveSize for a valid window that does not fit.
    """
    first = 1 if data_format == "channels_last" else 2
    spatial = list(input_shape[first : first + len(windows)])
    dilations = dilations or (1,) * len(windows)
    dtype = _keras_dtype(input_shape, spatial, channels)
    out_spatial = []
    for i, (n, k, s, d) in enumerate(zip(spatial, windows, strides, dilations)):
        out, formula = window_output_length(n, k, s, padding, d, dtype=dtype, conv=channels is not None)
        if out is not None and out <= 0:
            raise NonPositiveSize(first + i, formula)
        out_spatial.append(out)
    if data_format == "channels_last":
        ch = input_shape[-1] if channels is None else channels
        return (input_shape[0], *out_spatial, ch)
    ch = input_shape[1] if channels is None else channels
    return (input_shape[0], ch, *out_spatial)


def _keras_dtype(input_shape, spatial, channels):
    """The dtype of Keras's numpy array of sizes (keras/src/ops/operation_utils.py):
    compute_conv_output_shape makes it of the spatial sizes, compute_pooling_output_shape
    of the whole input shape, batch axis included (a conv has `channels`, pooling none)."""
    return numpy_dtype(spatial if channels is not None else input_shape)


def window_formulas(input_shape, windows, strides, padding, data_format, dilations=None, channels=None):
    """The derivation of each spatial axis, keyed by axis index."""
    first = 1 if data_format == "channels_last" else 2
    dilations = dilations or (1,) * len(windows)
    dtype = _keras_dtype(input_shape, list(input_shape[first : first + len(windows)]), channels)
    return {
        first + i: window_output_length(input_shape[first + i], k, s, padding, d, dtype=dtype,
                                        conv=channels is not None)[1]
        for i, (k, s, d) in enumerate(zip(windows, strides, dilations))
    }


def cropped_length(length, before, after):
    """A cropped axis's length and its formula: (7, '10 − 1 − 2 = 7')."""
    if length is None:
        return None, "None"
    out = length - before - after
    return out, f"{length} − {before} − {after} = {_minus(out)}"


def scaled_length(length, factor):
    """An upsampled axis's length and its formula: (16, '8 × 2 = 16')."""
    if length is None:
        return None, "None"
    return length * factor, f"{length} × {factor} = {length * factor}"


def conv_transpose_output_length(length, kernel, stride, padding, output_padding=None, dilation=1):
    """Output length of a transposed convolution on one axis, and its formula (Keras's
    _get_output_shape_given_tf_padding, keras/src/backend/common/backend_utils.py):

    - valid: (n − 1) × s + k + output_padding, where output_padding defaults to
      max(k, s) − k, so (n − 1) × s + max(k, s);
    - same: n × s; with output_padding, (n − 1) × s + k mod 2 + output_padding;

    k being the dilated kernel's extent, (k − 1) × d + 1."""
    if length is None:
        return None, "None"
    k = window_extent(kernel, dilation)[0]
    if padding == "valid" and output_padding is None:
        out = (length - 1) * stride + max(k, stride)
        text = (f"{length} + {k} − 1 = {out}" if stride == 1 else
                f"({length} − 1) × {stride} + max({k}, {stride}) = {out}")
    elif padding == "valid":
        out = (length - 1) * stride + k + output_padding
        text = f"({length} − 1) × {stride} + {k} + {output_padding} = {out}"
    elif output_padding is None:
        out = length * stride
        text = f"{length} × {stride} = {out}"
    else:
        out = (length - 1) * stride + k % 2 + output_padding
        text = f"({length} − 1) × {stride} + {k} mod 2 + {output_padding} = {out}"
    return out, text


def conv_transpose_output_shape(input_shape, kernels, filters, strides, padding, output_paddings, data_format, dilations):
    """Full output shape of a transposed convolution (Keras's
    compute_conv_transpose_output_shape): the spatial axes grow, the channels become
    `filters`. Keras lets a size reach 0 here (same padding, output_padding 0, an even
    kernel on a length of 1); so does this."""
    first = 1 if data_format == "channels_last" else 2
    output_paddings = output_paddings or (None,) * len(kernels)
    spatial = [
        conv_transpose_output_length(input_shape[first + i], k, s, padding, p, d)[0]
        for i, (k, s, p, d) in enumerate(zip(kernels, strides, output_paddings, dilations))
    ]
    if data_format == "channels_last":
        return (input_shape[0], *spatial, filters)
    return (input_shape[0], filters, *spatial)


def conv_transpose_formulas(input_shape, kernels, strides, padding, output_paddings, data_format, dilations):
    """The derivation of each spatial axis of a transposed convolution, keyed by axis."""
    first = 1 if data_format == "channels_last" else 2
    output_paddings = output_paddings or (None,) * len(kernels)
    return {
        first + i: conv_transpose_output_length(input_shape[first + i], k, s, padding, p, d)[1]
        for i, (k, s, p, d) in enumerate(zip(kernels, strides, output_paddings, dilations))
    }


def broadcast_shapes(shape1, shape2):
    """keras.src.ops.operation_utils.broadcast_shapes, batch axis included: aligned on the
    right, a 1 takes the other size, a None the other's (None against a 1), else the sizes
    must be equal."""
    shape1, shape2 = list(shape1), list(shape2)
    origin1, origin2 = tuple(shape1), tuple(shape2)
    shape1 = [1] * (len(shape2) - len(shape1)) + shape1
    shape2 = [1] * (len(shape1) - len(shape2)) + shape2
    out = []
    for dim1, dim2 in zip(shape1, shape2):
        if dim1 == 1:
            out.append(dim2)
        elif dim1 is None:
            out.append(None if dim2 == 1 else dim2)
        elif dim2 in (1, None, dim1):
            out.append(dim1)
        else:
            raise SpecError(
                f"the shapes {origin1} and {origin2} do not broadcast: {dim1} against {dim2}",
                hint="element-wise arithmetic needs equal sizes on each axis, aligned on the right "
                "(or 1, which broadcasts)",
            )
    return tuple(out)
