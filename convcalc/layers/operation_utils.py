"""Shared shape arithmetic (keras/src/ops/operation_utils.py), with its derivation text.

Each function returns the output length and the formula that gave it, so that errors
(and later `explain`) can show the arithmetic as a student would write it.
"""

from __future__ import annotations

import math

from convcalc.errors import SpecError


def _minus(n):
    return f"−{-n}" if n < 0 else str(n)


def window_output_length(length, window, stride, padding, dilation=1):
    """Output length of a sliding window (conv or pooling) on one axis, and its formula."""
    if length is None:
        return None, "None"
    effective = (window - 1) * dilation + 1
    if padding == "valid":
        out = math.floor((length - effective) / stride) + 1
        if stride == 1:
            text = f"{length} − {effective} + 1 = {_minus(out)}"
        else:
            text = f"floor(({length} − {effective}) / {stride}) + 1 = {_minus(out)}"
    else:  # same, causal: Keras's floor((n − 1) / s) + 1, i.e. ceil(n / s)
        out = math.floor((length - 1) / stride) + 1
        text = f"ceil({length} / {stride}) = {out}"
    return out, text


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
    out_spatial = []
    for i, (n, k, s, d) in enumerate(zip(spatial, windows, strides, dilations)):
        out, formula = window_output_length(n, k, s, padding, d)
        if out is not None and out <= 0:
            raise NonPositiveSize(first + i, formula)
        out_spatial.append(out)
    if data_format == "channels_last":
        ch = input_shape[-1] if channels is None else channels
        return (input_shape[0], *out_spatial, ch)
    ch = input_shape[1] if channels is None else channels
    return (input_shape[0], ch, *out_spatial)


def window_formulas(input_shape, windows, strides, padding, data_format, dilations=None):
    """The derivation of each spatial axis, keyed by axis index."""
    first = 1 if data_format == "channels_last" else 2
    dilations = dilations or (1,) * len(windows)
    return {
        first + i: window_output_length(input_shape[first + i], k, s, padding, d)[1]
        for i, (k, s, d) in enumerate(zip(windows, strides, dilations))
    }
