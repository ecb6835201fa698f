"""Keras 3's masks, as its functional graph records them (keras/src/layers/layer.py
`__call__`, steps 6 and 7, and `_set_mask_metadata`).

A tensor may carry a mask (Embedding(mask_zero=True)'s, Masking's). A layer whose call
takes `mask` and that is called on that one tensor gets it as its `mask` keyword; when
the call gives no keyword itself, Keras adds it to the very keywords its node records,
so the mask is listed in the layer's Connected to. After the call, a layer that supports
masking computes its outputs' masks (compute_mask): the rule's compute_mask, which may
apply keras.ops operations (Embedding's not_equal), each a node of the graph, listed
where the model reaches it. A layer that does not support masking drops the mask.
tf-keras keeps masks out of its graph (naming.py's mask_operations).
"""

from __future__ import annotations

from convcalc.layers.signatures import call_signature


def _signature(rule):
    """How Keras calls the rule's class: a class the code defines says it itself
    (layers/user.py), Keras's own classes as scripts/gen_signatures.py read them."""
    own = getattr(rule, "call_signature", None)
    return own if own is not None else call_signature(rule.class_name)


def supports_masking(rule):
    """Keras's `supports_masking`: what the class's __init__ sets it to (a flag, or the
    argument it copies: Embedding's mask_zero), else whether it overrides compute_mask."""
    signature = _signature(rule)
    setting = signature["supports_masking"]
    if isinstance(setting, str):
        return bool(rule.config.get(setting))
    return signature["compute_mask"] if setting is None else setting


def _mask_of(inputs):
    """The masks of a call's inputs, in their structure (a list for a list)."""
    if isinstance(inputs, list):
        return [t.mask for t in inputs]
    return inputs.mask


def call_masks(rule, inputs, keywords, first):
    """(the mask Keras's node records as the call's `mask` keyword, or None; the mask the
    layer's compute_mask is given). `keywords`: the call's own keywords, as resolved
    tensors (a list for a list); `first`: the call's first argument (its query, for
    named tensors)."""
    signature = _signature(rule)
    tensor_arguments = 1 + sum(value is not None for key, value in keywords.items() if key != "training")
    given = keywords.get("mask")
    passed = None
    if tensor_arguments == 1 and "mask" in signature["arguments"] and given is None:
        passed = _mask_of(inputs) if not isinstance(inputs, dict) else None
    # Keras adds the mask to the keywords its node records only when it did not copy
    # them first (keras/src/layers/layer.py __call__: a call of one tensor and no keyword
    # of its own, or a class that converts no input, as a Functional model)
    copied = getattr(rule, "converts_input_args", True) and (keywords or isinstance(inputs, (list, dict)))
    recorded = passed if not copied else None
    previous = given if given is not None else passed if passed is not None else _mask_of(first)
    return recorded, previous


def flat_masks(masks, count):
    """compute_mask's result, one per output (tree.flatten, zipped with the outputs)."""
    return (_flatten(masks) + [None] * count)[:count]


def _flatten(masks):
    if not isinstance(masks, (list, tuple)):
        return [masks]
    return [m for mask in masks for m in _flatten(mask)]
