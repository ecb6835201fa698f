"""model.quantize(mode) on an analyzed model (keras/src/models/model.py quantize).

Keras quantizes each leaf of the model's layers (nested models' and layers' sublayers
included): first the checks every layer's quantize wrapper makes (keras/src/layers/
layer.py _check_quantize_args: built, and no int8 for a float16 compute dtype), then the
layer's own quantize, which Dense, EinsumDense, Embedding and ReversibleEmbedding have (the
others raise NotImplementedError, which model.quantize turns into a warning: they keep
their weights). Each rule says its quantized weights (Layer.quantized_weights).
"""

from __future__ import annotations

from convcalc.errors import SpecError, shown
from convcalc.layers.base import COMPUTE_DTYPES, InnerLayer, Layer
from convcalc.layers.quantization import MODES
from convcalc.layers.registry import OPERATION_PREFIX
from convcalc.layers.user import GivenLayer


def quantize_model(model, mode):
    """Replace each quantizable layer's weights by its quantized ones, in Keras's order,
    or refuse as Keras refuses."""
    if mode not in MODES:
        raise SpecError(f"--quantize: unknown mode {shown(mode)}", hint="the modes are: " + ", ".join(MODES))
    if not model.built:
        kind = "Sequential" if model.api == "sequential" else "Model"
        raise SpecError(f"Keras refuses --quantize {mode}: Cannot quantize a layer that isn't yet built. Layer "
                        f"'{model.name}' (of type '{kind}') is not built yet.",
                        hint="give the model an input shape: keras.Input(shape=...) first")
    for layer in _leaves(model, set()):
        _check(layer, mode)
        quantized = layer.rule.quantized_weights(layer.weights, mode, _input_shape(layer))
        if quantized is not None:
            layer.weights = quantized


def _leaves(model, seen):
    for layer in model.layers:
        if id(layer) in seen:
            continue
        seen.add(id(layer))
        if layer.model is not None:
            yield from _leaves(layer.model, seen)
        elif not (layer.call is not None and layer.call.class_name.startswith(OPERATION_PREFIX)):  # not a Layer
            yield layer


def _leaf_rules(rule):
    """The rules of the leaves a layer holds, which Keras checks (not the layer): a
    wrapper's layer, a Bidirectional's two RNNs, an RNN's cell or stacked cells; else
    the layer itself (its sublayers, if any, take its dtype policy: MultiHeadAttention's)."""
    held = [getattr(rule, name, None) for name in ("layer", "forward", "backward", "cell")]
    cells = getattr(rule, "cells", None)  # StackedRNNCells' list (an RNN's `cells` is a method)
    held += cells if isinstance(cells, list) else []
    rules = {id(r): r for r in (h.rule if isinstance(h, InnerLayer) else h for h in held) if isinstance(r, Layer)}
    return [leaf for r in rules.values() for leaf in _leaf_rules(r)] if rules else [rule]


def _check(layer, mode):
    float16 = any(COMPUTE_DTYPES.get(getattr(rule, "dtype_policy", None)) == "float16"
                  for rule in _leaf_rules(layer.rule))
    if mode == "int8" and float16:
        raise SpecError(
            f"Keras refuses --quantize {mode} (layer '{layer.name}'): Quantization mode='int8' doesn't work well "
            "with compute_dtype='float16'. Consider loading model/layer with another dtype policy such as "
            "'mixed_bfloat16' or 'mixed_float16' before calling `quantize()`.",
            hint="use --quantize int4 or float8, or another dtype policy")
    if isinstance(layer.rule, GivenLayer) and any("/" in w.name for w in layer.weights):  # its sublayers' weights
        raise SpecError(f"--quantize: convcalc cannot tell which weights of '{layer.name}' ({layer.rule.code}) "
                        "Keras quantizes (those of its Dense, EinsumDense and Embedding sublayers)",
                        hint="leave out --quantize for this model")


def _input_shape(layer):
    """The shape(s) the layer was built on: its first call's inputs."""
    if not layer.nodes:
        return None
    shapes = [t.shape for t in layer.nodes[0].input_tensors]
    return shapes[0] if len(shapes) == 1 else shapes
