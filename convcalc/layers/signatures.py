"""Keras's own argument lists, generated from Keras by scripts/gen_signatures.py.

Binding a spec's arguments against them gives exactly Keras's answer to "is this a
keyword this layer takes?", with convcalc's message instead of a TypeError.
"""

from __future__ import annotations

import functools
import json
import pathlib

from convcalc.errors import SpecError, did_you_mean, shown

_PATH = pathlib.Path(__file__).with_name("keras_signatures.json")


@functools.cache
def _data():
    return json.loads(_PATH.read_text())


def keras_classes():
    """Every class name keras.layers exports, mapped to its signature."""
    return _data()["classes"]


def other_classes():
    """Class names a graph may hold that keras.layers does not export, mapped to their
    signatures: keras.applications' own layer classes (LayerScale, CustomScaleLayer) and
    keras.ops operations (ops.Add, ...; convcalc/layers/operations.py)."""
    return _data()["other_classes"]


def operation_functions():
    """keras.ops function name -> {"operation": its class, "parameters": its own}."""
    return _data()["operation_functions"]


def signature(class_name):
    """The signature of a class name canonical_class_name or graph_class_name gave."""
    return keras_classes().get(class_name) or other_classes()[class_name]


# What a call may say besides the tensors it is applied to (Keras's Layer.__call__): the
# tensor keywords of RNN-like calls, and `training`, a value. Readers keep them in
# LayerCall.call_kwargs.
CALL_KEYWORDS = ("initial_state", "mask", "training")


# A model used as a layer: Functional.call / Sequential.call(inputs, training, mask)
# (keras/src/models/functional.py), and no compute_mask: it drops the mask
MODEL_CALL = {"arguments": ["inputs", "training", "mask"], "compute_mask": False, "supports_masking": False}


def call_signature(class_name):
    """How Keras calls a class (scripts/gen_signatures.py's `calls`; a model's, MODEL_CALL):
    `arguments`, its call's parameters; `compute_mask` and `supports_masking`, how it
    handles a mask."""
    if class_name in ("Sequential", "Functional"):
        return MODEL_CALL
    return _data()["calls"].get(class_name, {"arguments": [], "compute_mask": False, "supports_masking": None})


def check_call_keywords(class_name, keywords):
    """A call's keywords (CALL_KEYWORDS) as Keras takes them: only those its call has, and
    `training` for any (Layer.__call__ drops it where the call has none)."""
    arguments = call_signature(class_name)["arguments"]
    for key in keywords:
        if key not in arguments[1:] and key != "training":
            takes = f"its call takes: {', '.join(arguments)}" if arguments else None
            raise SpecError(f"{class_name}'s call takes no '{key}'.{did_you_mean(key, arguments[1:])}", hint=takes)


def keras_aliases():
    """Exported alias -> the class name Keras prints (Convolution2D -> Conv2D)."""
    return _data()["aliases"]


def built_at_init(class_name):
    """Whether Keras builds a layer of this class when it is constructed (a layer never
    called is listed built then: its params 0, not `0 (unbuilt)`)."""
    return class_name in _data()["built_at_init"]


def layer_bases(class_name):
    """The classes keras.layers exports that a class derives from (Layer, RNN, ...)."""
    return _data()["layer_bases"].get(class_name, [])


def keras_activations():
    """The activation names keras.activations.get accepts."""
    return _data()["activations"]


# Keras names these arguments by what they take: kernel_initializer, bias_regularizer, ...
OBJECT_KINDS = {"_initializer": "initializers", "_regularizer": "regularizers", "_constraint": "constraints"}


def keras_objects(kind):
    """The names keras.<kind>.get accepts ("initializers": glorot_uniform, HeNormal, ...)."""
    return _data()[kind]


def check_object(key, value):
    """An initializer, regularizer or constraint as Keras's get() takes it from a spec:
    None, a name, or a {class_name: ..., config: ...} mapping."""
    kind = next((kind for suffix, kind in OBJECT_KINDS.items() if key.endswith(suffix)), None)
    if kind is None or value is None:
        return
    name = value.get("class_name") if isinstance(value, dict) else value
    known = keras_objects(kind)
    if isinstance(value, dict):  # a config builds what a name alone cannot: {class_name: Constant, config: {value: 0.5}}
        known = known + _data()["with_config"][kind]
    if not isinstance(name, str) or name not in known:
        raise SpecError(
            f"'{key}' must name one of Keras's {kind}; got {shown(value)}.{did_you_mean(name, known)}",
            hint=f"for example: {', '.join(n for n in known if n.islower())}",
        )


def canonical_class_name(written):
    """The class Keras prints for a name as written, or None if Keras has no such layer."""
    if written in keras_classes():
        return written
    return keras_aliases().get(written)


def graph_class_name(written):
    """canonical_class_name, or a class of other_classes() as written; None if neither."""
    return canonical_class_name(written) or (written if written in other_classes() else None)


def _default(entry):
    if "value" in entry:
        value = entry["value"]
        return tuple(value) if isinstance(value, list) else value
    return entry.get("repr")


def _too_many_positional(class_name, positional, args):
    if not positional:
        return SpecError(
            f"{class_name} takes no positional arguments; got {len(args)}",
            hint="give its arguments as keywords, and what it is applied to as `inputs:`",
        )
    plural = "s" if len(positional) > 1 else ""
    return SpecError(
        f"{class_name} takes at most {len(positional)} positional argument{plural} "
        f"({', '.join(positional)}); got {len(args)}",
        hint=f"a list after the class key holds the positional arguments; for one list "
        f"argument, nest it: {class_name}: [{shown(list(args))}]",
    )


# Argument values that bind's check may be skipped for when seen before: compared with
# their type, since 1 == 1.0 == True would otherwise share a check meant for one of them
_SCALARS = (str, int, float, bool, type(None))


def bind(class_name, args, kwargs):
    """Keras's arguments for a call ``ClassName(*args, **kwargs)``, defaults filled in.
    Arguments of scalars are checked once per class: a large model repeats a few sets
    (every Conv2D: [16, 3], padding: same); a repeat gets a copy of the first's result."""
    name = kwargs.get("name")
    if isinstance(name, str):  # each layer's own name: the check of the rest is shared
        kwargs = {k: v for k, v in kwargs.items() if k != "name"}
    key = scalar_arguments_key(class_name, args, kwargs)
    if key is None:
        bound = _bind(class_name, args, kwargs)
    else:
        if key not in _BOUND:
            _BOUND[key] = _bind(class_name, args, kwargs)
        bound = dict(_BOUND[key])
    if isinstance(name, str):
        if "name" not in signature(class_name)["keywords"]:
            return _bind(class_name, args, {**kwargs, "name": name})  # its message
        bound["name"] = name
    return bound


_BOUND = {}  # bind's key -> its result


def scalar_arguments_key(class_name, args, kwargs):
    """A key equal for equal calls ``ClassName(*args, **kwargs)`` of scalar arguments only
    (None for any other call): their bound arguments, and the rules made of them, are equal."""
    values = [*args, *kwargs.values()]
    if not all(type(v) in _SCALARS for v in values) or _has_mutable_default(class_name):
        return None
    return (class_name, len(args), tuple(kwargs), tuple((type(v), v) for v in values))


def _bind(class_name, args, kwargs):
    sig = signature(class_name)
    positional, keywords = sig["positional"], sig["keywords"]
    if len(args) > len(positional):
        raise _too_many_positional(class_name, positional, args)
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
    for key, value in bound.items():
        check_object(key, value)
    required, defaults = _defaults(class_name)
    for key in required:
        if key not in bound:
            raise SpecError(
                f"{class_name} needs the argument '{key}'",
                hint=f"for example: {class_name}: {{{key}: ...}}",
            )
    for key, entry, value in defaults:
        if key not in bound:
            bound[key] = _default(entry) if value is _MUTABLE else value
    return bound


_MUTABLE = object()


@functools.cache
def _defaults(class_name):
    """(the arguments a class requires, (argument, its entry, its default or _MUTABLE: made
    afresh for each layer) of the others), in Keras's order."""
    entries = signature(class_name)["defaults"].items()
    return ([key for key, entry in entries if entry.get("required")],
            [(key, entry, _shared(_default(entry))) for key, entry in entries if not entry.get("required")])


@functools.cache
def _has_mutable_default(class_name):
    """Whether a class has a default each layer gets afresh (Cropping2D's cropping), which
    a copy of another layer's arguments would share."""
    return any(value is _MUTABLE for _, _, value in _defaults(class_name)[1])


def _shared(value):
    """A default that layers may share (it cannot be changed), else _MUTABLE."""
    try:
        hash(value)
    except TypeError:
        return _MUTABLE
    return value


def layer_input_dim(class_name, kwargs):
    """The `input_dim` keyword that keras.layers.Layer reads as input_shape=(input_dim,),
    or None: a class with an `input_dim` of its own (Embedding's, its vocabulary size)
    keeps it for itself."""
    own = canonical_class_name(class_name)
    if own is not None and "input_dim" in keras_classes()[own]["positional"]:
        return None
    return kwargs.get("input_dim")
