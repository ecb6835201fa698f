"""Argument checks shared by the rules: Keras's standardize_* helpers, with clear messages."""

from __future__ import annotations

from convcalc.errors import SpecError, did_you_mean, shown
from convcalc.layers.signatures import keras_activations


def is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def _unquote_hint(value):
    """For '32' where 32 was meant: YAML reads a quoted number as a string."""
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return f"write it without quotes: {value.strip()}"
    return None


def positive_int(value, name):
    if not is_int(value) or value <= 0:
        raise SpecError(f"'{name}' must be a positive integer; got {shown(value)}", hint=_unquote_hint(value))
    return value


def lora_rank(value):
    """Keras enables LoRA for any truthy lora_rank: None and 0 leave it off."""
    if value is None or (is_int(value) and value == 0):
        return None
    return positive_int(value, "lora_rank")


def number_between(value, low, high, name):
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
        raise SpecError(f"'{name}' must be a number between {low} and {high}; got {shown(value)}")
    return value


def boolean(value, name):
    if not isinstance(value, bool):
        raise SpecError(
            f"'{name}' must be true or false; got {shown(value)}",
            hint="without quotes; Keras would read any non-empty string, even 'false', as true"
            if isinstance(value, str) else None,
        )
    return value


def one_of(value, choices, name, case_sensitive=False):
    """One of Keras's string options; most Keras layers lower-case them first."""
    text = value if case_sensitive or not isinstance(value, str) else value.lower()
    if not isinstance(value, str) or text not in choices:
        quoted = ", ".join(f"'{c}'" for c in choices)
        raise SpecError(
            f"'{name}' must be one of {quoted}; got {shown(value)}",
            hint=f"{name} is case-sensitive here, as in Keras" if case_sensitive and isinstance(value, str)
            and value.lower() in choices else None,
        )
    return text


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
            f"'{name}' must be a {kind} integer or a list of {n} {kind} integers; got {shown(value)}",
            hint=_unquote_hint(value),
        )
    return tuple(values)


def standardize_padding(value, allow_causal=False):
    choices = ("valid", "same", "causal") if allow_causal else ("valid", "same")
    return one_of(value, choices, "padding")


def standardize_data_format(value):
    if value is None:
        return "channels_last"  # Keras's image_data_format() default
    try:
        return one_of(value, ("channels_last", "channels_first"), "data_format")
    except SpecError as error:
        if not isinstance(value, str):  # ZeroPadding2D: [1, 2] is ZeroPadding2D(1, 2)
            error.hint = ("a list after the class key holds the positional arguments, data_format "
                          "among them; for one list argument, nest it: [[1, 2]]")
        raise


def channel_axis(data_format):
    return -1 if data_format == "channels_last" else 1


def shape(value, name):
    """A tensor shape without the batch axis (keras.Input's shape): ints >= 0 or None (Keras
    takes an axis of size 0: its layers' rules hold there too, or refuse as Keras's do)."""
    if not isinstance(value, (list, tuple)) or not all(d is None or (is_int(d) and d >= 0) for d in value):
        raise SpecError(
            f"{name} must be a list of whole numbers, 0 or more (null for a free axis); got {shown(value)}",
            hint="for example: [28, 28, 1], or [null, 8] for sequences of any length",
        )
    return tuple(value)


def batch_size(value, name):
    """A batch size (keras.Input's batch_size, a batch_shape's first axis): None, or an int
    >= 0 (Keras takes 0 too, and prints it)."""
    if value is not None and not (is_int(value) and value >= 0):
        raise SpecError(f"{name} must be a whole number, 0 or more (or null: any batch); got {shown(value)}")
    return value


# Layers Keras takes as an activation (activations.get takes any callable) that convcalc
# follows: elementwise (keras/src/layers/activations/). PReLU has weights, but as an
# activation it is not built before a real call (the symbolic build never runs it), so the
# summary counts none of them.
ACTIVATION_LAYERS = ("Activation", "ReLU", "LeakyReLU", "ELU", "Softmax", "PReLU")
# keras/src/activations/__init__.py: names that get() maps to a function of another name
ACTIVATION_ALIASES = {"swish": "silu", "hard_swish": "hard_silu"}


def activation(value, name="activation"):
    """Keras's activations.get: None, one of Keras's activation names, or an activation
    layer (Dense(64, activation=layers.LeakyReLU(0.2)): called on the output, no row)."""
    if value is None:
        return None
    if hasattr(value, "rule") and hasattr(value, "class_name"):  # base.InnerLayer (base imports this module)
        if value.class_name not in ACTIVATION_LAYERS:
            raise SpecError(f"{name}={value.class_name}(...): convcalc follows a layer as an {name} only if it "
                            f"is one of {', '.join(ACTIVATION_LAYERS)}",
                            hint=f"apply the {value.class_name} as a layer of its own after this one")
        return value
    if is_code_function(value):  # a function of the code's (def my_softplus(z): ...): applied to the output
        return value
    known = keras_activations()
    if not isinstance(value, str) or value not in known:
        raise SpecError(
            f"unknown {name} {shown(value)}.{did_you_mean(value, known)}",
            hint=f"Keras's activations: {', '.join(known)}",
        )
    return value


def is_code_function(value):
    """{function: NAME}: a function the Keras code defines, given as an argument Keras
    calls (an activation, TextVectorization's standardize): it changes no figure."""
    return isinstance(value, dict) and set(value) == {"function"} and isinstance(value["function"], str)


def is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def non_negative_number(value, name, allow_none=False, finite=False):
    """A number >= 0 (ReLU's max_value, negative_slope and threshold); None if allowed;
    not infinite if `finite` (regularization factors)."""
    if value is None and allow_none:
        return None
    if not is_number(value) or not value >= 0 or (finite and value == float("inf")):
        none = " (or null)" if allow_none else ""
        raise SpecError(f"'{name}' must be a number >= 0{none}; got {shown(value)}", hint=_unquote_hint(value))
    return value


def number(value, name):
    """Any finite number (ELU's alpha, Masking's mask_value)."""
    if not is_number(value) or value != value or abs(value) == float("inf"):
        raise SpecError(f"'{name}' must be a number; got {shown(value)}", hint=_unquote_hint(value))
    return value


def axes(value, name="axis"):
    """An axis or a list of axes (ints), as a list."""
    values = [value] if is_int(value) else value
    if not isinstance(values, (list, tuple)) or not values or not all(is_int(v) for v in values):
        raise SpecError(f"'{name}' must be an integer or a list of integers; got {shown(value)}")
    return list(values)


def check_axes(axes_, rank, name="axis"):
    """Each axis within [-rank, rank), as Keras's normalization layers require."""
    for axis in axes_:
        if not -rank <= axis < rank:
            raise SpecError(
                f"{name} {axis} is out of range for a {rank}-D input (batch axis included)",
                hint=f"an axis is between {-rank} and {rank - 1}; the batch axis is 0",
            )
