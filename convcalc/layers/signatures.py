"""Keras's own argument lists, generated from Keras by scripts/gen_signatures.py.

Binding a spec's arguments against them gives exactly Keras's answer to "is this a
keyword this layer takes?", with convcalc's message instead of a TypeError.
"""

from __future__ import annotations

import functools
import json
import pathlib

from convcalc.errors import SpecError, did_you_mean

_PATH = pathlib.Path(__file__).with_name("keras_signatures.json")


@functools.cache
def _data():
    return json.loads(_PATH.read_text())


def keras_classes():
    """Every class name keras.layers exports, mapped to its signature."""
    return _data()["classes"]


def keras_aliases():
    """Exported alias -> the class name Keras prints (Convolution2D -> Conv2D)."""
    return _data()["aliases"]


def keras_activations():
    """The activation names keras.activations.get accepts."""
    return _data()["activations"]


def canonical_class_name(written):
    """The class Keras prints for a name as written, or None if Keras has no such layer."""
    if written in keras_classes():
        return written
    return keras_aliases().get(written)


def _default(entry):
    if "value" in entry:
        value = entry["value"]
        return tuple(value) if isinstance(value, list) else value
    return entry.get("repr")


def bind(class_name, args, kwargs):
    """Keras's arguments for a call ``ClassName(*args, **kwargs)``, defaults filled in."""
    sig = keras_classes()[class_name]
    positional, keywords = sig["positional"], sig["keywords"]
    if len(args) > len(positional):
        raise SpecError(
            f"{class_name} takes at most {len(positional)} positional arguments "
            f"({', '.join(positional) or 'none'}); got {len(args)}",
            hint="give the others as keywords",
        )
    bound = dict(zip(positional, args))
    for key, value in kwargs.items():
        if key not in keywords:
            raise SpecError(
                f"{class_name} has no keyword '{key}'.{did_you_mean(key, keywords)}",
                hint=f"{class_name} takes: {', '.join(keywords)}",
            )
        if key in bound:
            raise SpecError(f"{class_name} got '{key}' twice: positionally and as a keyword")
        bound[key] = value
    for key, entry in sig["defaults"].items():
        if key in bound:
            continue
        if entry.get("required"):
            raise SpecError(
                f"{class_name} needs the argument '{key}'",
                hint=f"for example: {class_name}: {{{key}: ...}}",
            )
        bound[key] = _default(entry)
    return bound
