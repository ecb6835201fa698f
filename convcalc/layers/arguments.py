"""Argument checks shared by the rules: Keras's standardize_* helpers, with clear messages."""

from __future__ import annotations

from convcalc.errors import SpecError, did_you_mean
from convcalc.layers.signatures import keras_activations


def is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def positive_int(value, name):
    if not is_int(value) or value <= 0:
        raise SpecError(f"'{name}' must be a positive integer; got {value!r}")
    return value


def number_between(value, low, high, name):
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
        raise SpecError(f"'{name}' must be a number between {low} and {high}; got {value!r}")
    return value


def boolean(value, name):
    if not isinstance(value, bool):
        raise SpecError(f"'{name}' must be true or false; got {value!r}")
    return value


def one_of(value, choices, name):
    if not isinstance(value, str) or value.lower() not in choices:
        raise SpecError(f"'{name}' must be one of {', '.join(choices)}; got {value!r}")
    return value.lower()


def standardize_tuple(value, n, name, allow_zero=False):
    """An int or a list of n ints, as a tuple of n ints (keras.utils.standardize_tuple)."""
    values = (value,) * n if is_int(value) else value
    low = 0 if allow_zero else 1
    if (
        not isinstance(values, (list, tuple))
        or len(values) != n
        or not all(is_int(v) and v >= low for v in values)
    ):
        kind = "non-negative" if allow_zero else "positive"
        raise SpecError(
            f"'{name}' must be a {kind} integer or a list of {n} {kind} integers; got {value!r}"
        )
    return tuple(values)


def standardize_padding(value, allow_causal=False):
    choices = ("valid", "same", "causal") if allow_causal else ("valid", "same")
    return one_of(value, choices, "padding")


def standardize_data_format(value):
    if value is None:
        return "channels_last"  # Keras's image_data_format() default
    return one_of(value, ("channels_last", "channels_first"), "data_format")


def channel_axis(data_format):
    return -1 if data_format == "channels_last" else 1


def activation(value, name="activation"):
    """Keras's activations.get: None, or one of Keras's activation names."""
    if value is None:
        return None
    known = keras_activations()
    if not isinstance(value, str) or value not in known:
        raise SpecError(
            f"unknown {name} {value!r}.{did_you_mean(value, known)}",
            hint=f"Keras's activations: {', '.join(known)}",
        )
    return value
