"""Core layers (keras/src/layers/core, and Activation): InputLayer, Dense, Activation,
Identity, Masking, Embedding, ReversibleEmbedding, EinsumDense.

Dense works on the last axis, any rank: (features + 1) × units weights, the same at every
position; Activation, Identity and Masking work value by value (same shape, same field).
"""

from __future__ import annotations

import math
import re

from convcalc.errors import SpecError, shown
from convcalc.layers import arguments as arg
from convcalc.layers.base import COMPUTE_DTYPES, FLOAT_DTYPES, Layer, PositionWise, Weight, format_shape, lora_formula
from convcalc.layers.field import kept
from convcalc.layers.operation_utils import bias_formula, factors_text, for_each, number, plural
from convcalc.layers import quantization as q
from convcalc.layers.registry import register


@register
class InputLayer(Layer):
    """The model's inputs; built by the engine from the spec's `input`/`inputs`."""

    def shape_formula(self, call):
        return ["the model's input, the batch axis first"]

    def param_formula(self, call):
        return ["0"], 0

    def field_step(self, call, in_fields):
        return None, []

    def macs(self, call):
        return 0, ["0"]


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

    def quantized_weights(self, weights, mode, input_shape):
        """keras/src/layers/core/dense.py quantize: int8 and int4 replace the kernel
        (frozen) and add its scales; float8 keeps it and adds its scales and histories."""
        if mode == "float8":
            return weights + q.float8_weights()
        rows, columns = q.weight(weights, "kernel").shape
        new = q.int8_kernel("kernel", (rows, columns), (columns,)) if mode == "int8" else q.int4_kernel("", rows, columns)
        return q.replaced(weights, "kernel", new)

    def features_text(self, call):
        """The inputs' count, as a product when they come straight from a Flatten."""
        features = call.input_shape[-1]
        if len(call.input_shape) == 2 and call.flattened is not None:
            flat_in = call.flattened[1:]
            if None not in flat_in and len(flat_in) > 1:
                return factors_text(flat_in), f"{number(features)} flattened inputs ({factors_text(flat_in)})"
        return number(features), plural(features, "input")

    def shape_formula(self, call):
        if len(call.input_shape) == 2:
            return [f"{plural(self.units, 'unit')}"]
        at = factors_text(call.input_shape[1:-1])
        return [f"on the last axis: {call.input_shape[-1]} features → {plural(self.units, 'unit')}, "
                f"at each of the {at} positions"]

    def param_formula(self, call):
        if self.lora_rank:
            return lora_formula(self, call)
        features, units = call.input_shape[-1], self.units
        text, inputs = self.features_text(call)
        total = (features + self.use_bias) * units
        formula, bias = bias_formula(text, number(units), total, self.use_bias)
        lines = [f"{formula}  (a weight for each of {inputs}, {bias}, {for_each(units, 'unit')})"]
        if len(call.input_shape) > 2:
            lines.append(f"the same weights at every position ({factors_text(call.input_shape[1:-1])})")
        return lines, total

    def field_step(self, call, in_fields):
        f = in_fields[0]
        if f is None:
            return None, ["not tracked (nor is its input's)"]
        if f.on_grid and len(call.input_shape) > 2:
            return kept(in_fields, "on the last axis, position by position")
        together = f.seen_together()
        if together.is_whole:
            return together, ["every unit sees every input value: the whole input"]
        return together, ["every unit sees every input value: together, their fields cover"]

    def macs(self, call):
        positions = call.input_shape[1:-1]
        features, units = call.input_shape[-1], self.units
        if None in positions or features is None:
            return None, ["unknown: an input axis has no fixed size"]
        value = math.prod(positions) * features * units
        if positions:
            formula = f"{factors_text(positions)} × {number(features)} × {number(units)} = {number(value)}"
            why = "positions × inputs × units"
        else:
            formula = f"{number(features)} × {number(units)} = {number(value)}"
            why = "inputs × units"
        return value, [f"{formula}  ({why})"]


@register
class Activation(PositionWise):
    def configure(self, a):
        arg.activation(a.activation)  # None is Keras's linear activation, as for Dense


@register
class Identity(PositionWise):
    pass


@register
class Masking(PositionWise):
    def configure(self, a):
        arg.number(a.mask_value, "mask_value")

    def compute_mask(self, inputs, mask, operation):
        """keras/src/layers/core/masking.py: any(not_equal(inputs, mask_value), axis=-1)."""
        source = getattr(inputs, "layer", None)  # the layer it comes from (none known: the reader's names)
        dtype = _compute_dtype(source) if source is not None else None
        if dtype in FLOAT_DTYPES and dtype != COMPUTE_DTYPES[self.dtype_policy]:  # Keras casts floats only
            raise SpecError(
                f"Keras casts Masking's input to its dtype ({COMPUTE_DTYPES[self.dtype_policy]}) first, "
                "an operation (cast) that its mask starts from and convcalc does not model",
                hint="give Masking its input's dtype, or summarize it without --dtype",
            )
        return operation("Any", [operation("NotEqual", [inputs], inputs.shape)], inputs.shape[:-1])


def _compute_dtype(layer):
    """The dtype a layer's output has: a model input's own (float32 by default, whatever
    the policy), a nested model's output layer's, else its policy's compute dtype."""
    if layer.class_name == "InputLayer":
        return layer.dtype if isinstance(layer.dtype, str) else "float32"
    if layer.model is not None and layer.model.outputs:
        return _compute_dtype(layer.model.outputs[0].layer)
    return COMPUTE_DTYPES[layer.rule.dtype_policy]


def _lora_weights(prefix, kernel, rank):
    """enable_lora's two low-rank factors of a kernel: float32 whatever the layer's dtype."""
    return [
        Weight(f"lora_{prefix}_a", (*kernel[:-1], rank), bits=32),
        Weight(f"lora_{prefix}_b", (rank, kernel[-1]), bits=32),
    ]


def _lora_rank(a, constraint_name):
    """Keras's enable_lora refuses a constrained kernel."""
    rank = arg.lora_rank(a.lora_rank)
    if rank and getattr(a, constraint_name) is not None:
        raise SpecError(f"lora_rank cannot be used with {constraint_name} (Keras: 'Lora is incompatible with ... constraints')")
    return rank


@register
class Embedding(Layer):
    """A table of input_dim vectors of output_dim values, looked up by index: any input
    rank, one axis of output_dim added. (Keras 3 ignores the deprecated input_length.)"""

    def configure(self, a):
        self.input_dim = arg.positive_int(a.input_dim, "input_dim")
        self.output_dim = arg.positive_int(a.output_dim, "output_dim")
        arg.boolean(a.mask_zero, "mask_zero")
        self.lora_rank = _lora_rank(a, "embeddings_constraint")
        if a.weights is not None:
            raise SpecError("convcalc takes no initial 'weights': they change no shape", hint="leave 'weights' out")

    def compute_output_shape(self, input_shape):
        return (*input_shape, self.output_dim)

    def shape_formula(self, call):
        return [f"each index → a vector of {number(call.output_shape[-1])}"]

    def macs(self, call):
        return 0, ["0  (a lookup: no multiplications)"]

    def compute_mask(self, inputs, mask, operation):
        """keras/src/layers/core/embedding.py: not_equal(inputs, 0) (with mask_zero, which
        is its supports_masking)."""
        return operation("NotEqual", [inputs], inputs.shape)

    def build(self, input_shape):
        table = (self.input_dim, self.output_dim)
        weights = [Weight("embeddings", table, trainable=not self.lora_rank)]
        if self.lora_rank:  # enable_lora freezes the table and adds two low-rank factors
            weights += _lora_weights("embeddings", table, self.lora_rank)
        return weights

    def quantized_weights(self, weights, mode, input_shape):
        """keras/src/layers/core/embedding.py quantize: the table as int8 with a scale
        per row; int4 packs each row and groups it (a scale and a zero point per group of
        128 values, g_idx per column); no float8 (Keras warns, the layer unchanged)."""
        if mode == "float8":
            return None
        rows, columns = self.input_dim, self.output_dim
        if mode == "int8":
            new = q.int8_kernel("embeddings", (rows, columns), (rows,))
        else:
            groups = math.ceil(columns / q.INT4_BLOCK_SIZE)
            new = [Weight("embeddings", (rows, (columns + 1) // 2), trainable=False, bits=q.INT8_BITS),
                   Weight("embeddings_scale", (rows, groups), trainable=False),
                   Weight("embeddings_zero", (rows, groups), trainable=False, bits=q.INT8_BITS),
                   Weight("g_idx", (columns,), trainable=False, bits=32)]
        return q.replaced(weights, "embeddings", new)


@register
class ReversibleEmbedding(Embedding):
    """An Embedding that can also map vectors back to logits: with tie_weights false, by a
    reverse table of its own (output_dim, input_dim)."""

    def configure(self, a):
        super().configure(a)
        self.tie_weights = arg.boolean(a.tie_weights, "tie_weights")
        if a.logit_soft_cap is not None:
            arg.number(a.logit_soft_cap, "logit_soft_cap")
        if self.lora_rank and not self.tie_weights:  # its build adds a weight after enable_lora locks them
            raise SpecError("Keras 3.15 cannot build a ReversibleEmbedding with lora_rank and tie_weights: false",
                            hint="drop lora_rank, or tie the weights")

    def build(self, input_shape):
        weights = super().build(input_shape)
        if not self.tie_weights:
            weights.append(Weight("reverse_embeddings", (self.output_dim, self.input_dim)))
        return weights

    def quantized_weights(self, weights, mode, input_shape):
        """keras/src/layers/core/reversible_embedding.py: the table as Embedding's; an
        untied reverse table int8 with a scale per column, or int4 packed along its rows
        with a scale and a zero point (of the layer's dtype) per group of 128 rows."""
        weights = super().quantized_weights(weights, mode, input_shape)
        if weights is None or self.tie_weights:
            return weights
        rows, columns = self.output_dim, self.input_dim
        if mode == "int8":
            new = q.int8_kernel("reverse_embeddings", (rows, columns), (columns,))
        else:
            groups = math.ceil(rows / q.INT4_BLOCK_SIZE)
            new = [Weight("reverse_embeddings", ((rows + 1) // 2, columns), trainable=False, bits=q.INT8_BITS),
                   Weight("reverse_embeddings_scale", (groups, columns), trainable=False),
                   Weight("reverse_embeddings_zero", (groups, columns), trainable=False)]
        return q.replaced(weights, "reverse_embeddings", new)


_EINSUM_FORMS = (  # Keras's three forms, matched on the equation with '...' written '0'
    ("([a-zA-Z]+),([a-zA-Z]+)->([a-zA-Z]+)", False),  # ab,bc->ac
    ("0([a-zA-Z]+),([a-zA-Z]+)->0([a-zA-Z]+)", True),  # ...ab,bc->...ac
    ("([a-zA-Z]{2,})0,([a-zA-Z]+)->([a-zA-Z]+)0", False),  # abc...,cd->abd...
)


def analyze_einsum(equation, bias_axes, input_shape, partial_output_shape):
    """Keras's _analyze_einsum_string: (kernel shape, bias shape or None, output shape)."""
    dotted = equation.replace("...", "0")
    for pattern, left_elided in _EINSUM_FORMS:
        match = re.match(pattern, dotted)  # a prefix match, as in Keras
        if match:
            break
    else:
        raise SpecError(f"invalid einsum equation {equation!r}",
                        hint="write it as ab,bc->ac, ...ab,bc->...ac or abc...,cd->abd...")
    input_spec, weight_spec, output_spec = match.groups()
    elided = len(input_shape) - len(input_spec)
    output = [input_shape[0], *partial_output_shape]
    if elided > 0 and left_elided:
        for i in range(1, elided):
            output.insert(1, input_shape[i])  # (sic: Keras inserts each at 1)
    elif elided > 0:
        output += input_shape[len(input_shape) - elided:]
    shift = elided if left_elided else 0
    input_axis = {d: i + shift - (len(input_shape) if left_elided else 0) for i, d in enumerate(input_spec)}
    output_axis = {d: i + shift for i, d in enumerate(output_spec)}
    try:
        for d in input_spec:
            if d in output_axis and output[output_axis[d]] not in (None, input_shape[input_axis[d]]):
                raise SpecError(
                    f"input and output_shape differ on the shared axis '{d}' of {equation!r}: "
                    f"{input_shape[input_axis[d]]} in the input, {output[output_axis[d]]} in output_shape"
                )
        for d in output_spec:
            if d not in input_spec and d not in weight_spec:
                raise SpecError(f"the output axis '{d}' of {equation!r} is in neither the input nor the kernel")
        kernel = []
        for d in weight_spec:
            if d not in output_axis and d not in input_axis:
                raise SpecError(f"the kernel axis '{d}' of {equation!r} is in neither the input nor the output")
            kernel.append(output[output_axis[d]] if d in output_axis else input_shape[input_axis[d]])
        bias = None
        if bias_axes is not None:
            for c in bias_axes:
                if c not in output_spec:
                    raise SpecError(f"bias_axes '{c}' is not an output axis of {equation!r}")
            first = min(output_spec.find(c) for c in bias_axes)
            sizes = {c: output[i + shift] for i, c in enumerate(output_spec)}
            bias = [sizes[c] if c in bias_axes else 1 for c in output_spec[first:]]
            bias += [1] * (elided if not left_elided else 0)
    except IndexError:
        raise SpecError(
            f"the equation {equation!r} does not fit the input {format_shape(input_shape)} "
            f"and output_shape {list(partial_output_shape)}",
            hint="the equation's input names one letter per input axis (batch included), "
            "its output one per axis of the batch axis followed by output_shape",
        ) from None
    return tuple(kernel), bias and tuple(bias), tuple(output)


@register
class EinsumDense(Layer):
    """A Dense whose kernel and output axes an einsum equation names."""

    def configure(self, a):
        if not isinstance(a.equation, str):
            raise SpecError(f"'equation' must be a string such as 'ab,bc->ac'; got {shown(a.equation)}")
        self.equation = a.equation
        shape = (a.output_shape,) if arg.is_int(a.output_shape) else a.output_shape
        if not isinstance(shape, (list, tuple)) or not all(d is None or (arg.is_int(d) and d > 0) for d in shape):
            raise SpecError(
                f"'output_shape' must be a positive integer or a list of them (null for a free axis); "
                f"got {shown(a.output_shape)}", hint="the output's shape without the batch axis"
            )
        self.output_shape = tuple(shape)
        if a.bias_axes is not None and (not isinstance(a.bias_axes, str) or not a.bias_axes):
            raise SpecError(f"'bias_axes' must be letters of the output, such as 'c'; got {shown(a.bias_axes)}")
        self.bias_axes = a.bias_axes
        arg.activation(a.activation)
        self.lora_rank = _lora_rank(a, "kernel_constraint")

    def analyze(self, input_shape):
        return analyze_einsum(self.equation, self.bias_axes, input_shape, self.output_shape)

    def compute_output_shape(self, input_shape):
        return self.analyze(input_shape)[2]

    def build(self, input_shape):
        kernel, bias, _ = self.analyze(input_shape)
        for name, shape in (("kernel", kernel), ("bias", bias or ())):
            if None in shape:
                raise SpecError(
                    f"the {name} would be {format_shape(shape)}: its sizes must be known",
                    hint="give the input's size on that axis, or that output size in output_shape",
                )
        weights = [Weight("kernel", kernel, trainable=not self.lora_rank)]
        if bias is not None:
            weights.append(Weight("bias", bias))
        if self.lora_rank:
            weights += _lora_weights("kernel", kernel, self.lora_rank)
        return weights

    def quantized_weights(self, weights, mode, input_shape):
        """keras/src/layers/core/einsum_dense.py quantize: as Dense's, the kernel's rows
        the axes its equation reduces."""
        if mode == "float8":
            return weights + q.float8_weights()
        kernel = q.weight(weights, "kernel").shape
        return q.replaced(weights, "kernel", q.einsum_quantized("", self.equation, kernel, mode))
