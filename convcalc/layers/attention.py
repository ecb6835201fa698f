"""Attention layers (keras/src/layers/attention).

Attention and AdditiveAttention are called on a list, [query, value] or [query, value,
key]; MultiHeadAttention and GroupedQueryAttention on named tensors (query=, value=,
key=). The output has the query's shape, with the value's features (Attention) or the
output projection's (the multi-head layers) on the last axis.

The multi-head layers' projections are Dense layers onto (heads, size): (features + 1) ×
heads × size each, and back: (heads × size + 1) × output features. MACs: the projections
(positions × features × heads × size), the scores (query heads × query positions × key
positions × key size) and the weighted sum of the values (query heads × query positions
× key positions × value size).
"""

from __future__ import annotations

import dataclasses
import math

from convcalc.errors import SpecError, shown
from convcalc.layers import arguments as arg
from convcalc.layers import quantization as q
from convcalc.layers.base import Layer, Weight, format_shape, shapes_text
from convcalc.layers.field import combine
from convcalc.layers.operation_utils import factors_text, number, plural, sum_text
from convcalc.layers.recurrent import known_features, rate
from convcalc.layers.registry import register

PROJECTIONS = ("query", "key", "gate", "value", "attention_output")


class Attends(Layer):
    """An attention layer: each query position sees every key position."""

    def field_step(self, call, in_fields):
        f = combine(in_fields)
        if f is None:
            return None, ["not tracked (nor is one of its inputs')"]
        return f.whole(), ["each query position attends to every key position: the whole input"]


@register
class Attention(Attends):
    """Dot-product attention (Luong-style): no weights but an optional scalar scale, and
    a scalar for score_mode 'concat'."""

    input_kind = "list"

    def configure(self, a):
        self.use_scale = arg.boolean(a.use_scale, "use_scale")
        self.score_mode = arg.one_of(a.score_mode, ("dot", "concat"), "score_mode", case_sensitive=True)
        rate(a.dropout, "dropout")

    def check_inputs(self, shapes):
        if not 2 <= len(shapes) <= 3:
            raise SpecError(
                f"{self.class_name} is called on [query, value] or [query, value, key]; got {len(shapes)} inputs"
            )

    def build(self, input_shape):
        self.check_inputs(input_shape)
        weights = [Weight("scale", ())] if self.use_scale else []
        if self.score_mode == "concat":
            weights.append(Weight("concat_score_weight", ()))
        return weights

    def compute_output_shape(self, input_shape):
        query, value = input_shape[:2]
        return (*query[:-1], value[-1])

    @staticmethod
    def named_shapes(call):
        query, value = call.input_shapes[:2]
        key = call.input_shapes[2] if len(call.input_shapes) > 2 else value
        return query, value, key

    def shape_formula(self, call):
        query, value, _ = self.named_shapes(call)
        return [f"the query's positions {shapes_text([query[:-1]])}, each a weighted sum "
                f"of the values' {number(value[-1])} features"]

    def macs(self, call):
        query, value, key = self.named_shapes(call)
        tq, tk = query[1:-1], key[1:-1]
        if None in tq or None in tk:
            return None, ["unknown: a length is None"]
        q, k = math.prod(tq), math.prod(tk)
        scores, context = q * k * query[-1], q * k * value[-1]
        return scores + context, [
            f"scores: {factors_text([q, k, query[-1]])} = {number(scores)}  (query positions × key positions × features)",
            f"weighted sum: {factors_text([q, k, value[-1]])} = {number(context)}  (query positions × key positions × value features)",
            "total: " + sum_text([scores, context])[1],
        ]

    def compute_mask(self, inputs, mask, operation):
        """keras/src/layers/attention/attention.py: the query's mask, through
        ops.convert_to_tensor (an operation of the graph)."""
        if mask is None or mask[0] is None:
            return None
        return operation("ConvertToTensor", [mask[0]], mask[0].shape)


@register
class AdditiveAttention(Attention):
    """Bahdanau-style attention: its scale is a vector over the query's features. It takes
    Attention's score_mode, but builds no concat weight."""

    def build(self, input_shape):
        self.check_inputs(input_shape)
        if not self.use_scale:
            return []
        return [Weight("scale", (known_features(input_shape[0], -1, self.class_name, "query features"),))]


class HeadsAttention(Attends):
    """What MultiHeadAttention and GroupedQueryAttention share: named inputs, projections
    by sublayers named query/key/value/gate/attention_output, and a Softmax and a Dropout
    that their build creates unnamed (taking auto-names)."""

    input_kind = "mapping"
    first_call_argument = "query"
    # the call's tensor arguments (keras: call(query, value, key=None, *_mask, ...))
    CALL_TENSORS = ("query", "value", "key", "query_mask", "value_mask", "key_mask", "attention_mask")

    def configure(self, a):
        self.dropout = rate(a.dropout, "dropout")
        self.use_bias = arg.boolean(a.use_bias, "use_bias")
        self.use_gate = arg.boolean(a.use_gate, "use_gate")
        if a.sliding_window is not None:
            arg.positive_int(a.sliding_window, "sliding_window")
        if a.flash_attention is not None:
            arg.boolean(a.flash_attention, "flash_attention")
        if a.flash_attention and a.dropout > 0:
            raise SpecError("dropout is not supported with flash_attention: true; set dropout to 0")

    def built_layers(self):
        return ("Softmax", "Dropout")

    def shapes(self, inputs):
        """(query, value, key) shapes of a call; key defaults to value, as in Keras."""
        unknown = [k for k in inputs if k not in self.CALL_TENSORS]
        if unknown or "query" not in inputs or "value" not in inputs:
            raise SpecError(
                f"{self.class_name} takes the named inputs query and value (and key, masks); "
                f"got {', '.join(map(str, inputs))}",
                hint="for example: inputs: {query: x, value: memory}",
            )
        query, value = inputs["query"], inputs["value"]
        key = inputs.get("key", value)
        if value[1:-1] != key[1:-1]:
            raise SpecError(
                f"value and key must have equal sizes on every axis but the last; got "
                f"value {format_shape(value)} and key {format_shape(key)}"
            )
        return query, value, key

    def projection(self, name, input_shape, heads, size, what):
        """An EinsumDense projecting the last axis onto (heads, size)."""
        features = known_features(input_shape, -1, self.class_name, f"{what} features")
        return self.einsum_dense(name, (features, heads, size), (heads, size))

    def quantized_weights(self, weights, mode, input_shape):
        """model.quantize quantizes the projections (EinsumDense sublayers: einsum_dense.py);
        the output projection reduces two axes (heads, size), the others one (features)."""
        quantized = []
        for projection in dict.fromkeys(w.name.split("/")[0] for w in weights):
            own = [w for w in weights if w.name.startswith(projection + "/")]
            kernel = next(w for w in own if w.name.endswith("/kernel")).shape
            if mode == "float8":
                new = own + q.float8_weights(f"{projection}/")
            else:
                reduced = 2 if projection == "attention_output" else 1
                letters = "abcdefghij"[:len(kernel)]
                equation = f"z{letters[:reduced]},{letters}->z{letters[reduced:]}"
                new = q.replaced(own, f"{projection}/kernel", q.einsum_quantized(f"{projection}/", equation, kernel, mode))
            # as variables they keep their own flags (the sublayer's), as the others here
            quantized += [dataclasses.replace(w, variable_trainable=w.trainable) for w in new]
        return quantized

    def output_projection(self, heads, size, output):
        return self.einsum_dense("attention_output", (heads, size, *output), tuple(output))

    def einsum_dense(self, name, kernel, bias):
        """The weights of a projection sublayer (made by build, without this layer's
        `trainable`: as variables they keep their own flag)."""
        weights = [Weight(f"{name}/kernel", kernel, variable_trainable=True)]
        if self.use_bias:
            weights.append(Weight(f"{name}/bias", bias, variable_trainable=True))
        return weights

    @staticmethod
    def named_shapes(call):
        """(query, value, key) shapes of a call: its node holds the named inputs sorted."""
        if call.input_names is None or len(call.input_names) != len(call.input_shapes):
            return None
        named = dict(zip(call.input_names, call.input_shapes))
        return named["query"], named["value"], named.get("key", named["value"])

    @staticmethod
    def projections(call):
        """{name: (kernel, bias or None)} in build order; None if the weights differ."""
        groups = {}
        for w in call.weights:
            name, _, kind = w.name.rpartition("/")
            if name not in PROJECTIONS or kind not in ("kernel", "bias"):
                return None
            groups.setdefault(name, {})[kind] = w
        return {name: (g.get("kernel"), g.get("bias")) for name, g in groups.items()}

    def shape_formula(self, call):
        shapes = self.named_shapes(call)
        if shapes is None:
            return super().shape_formula(call)
        query = shapes[0]
        return [f"the query's positions {shapes_text([query[:-1]])}, each projected back "
                f"to {factors_text(call.output_shape[len(query) - 1:])} features"]

    def param_formula(self, call):
        groups = self.projections(call)
        if groups is None or any(kernel is None for kernel, _ in groups.values()):
            return super().param_formula(call)
        lines, totals = [], []
        for name, (kernel, bias) in groups.items():
            if name == "attention_output":
                heads, size, *out = kernel.shape
                inner, per = f"{number(heads)} × {number(size)}", factors_text(out)
                why = f"from {plural(heads, 'head')} of size {size} back to {factors_text(out)} features"
            else:
                features, heads, size = kernel.shape
                inner, per = number(features), f"{number(heads)} × {number(size)}"
                why = f"a kernel over {plural(features, 'feature')} for {plural(heads, 'head')} of size {size}"
            total = kernel.size + (bias.size if bias is not None else 0)
            formula = f"({inner} + 1) × {per}" if bias is not None else f"{inner} × {per}"
            lines.append(f"{name}: {formula} = {number(total)}  ({why}{', plus a bias' if bias else ''})")
            totals.append(total)
        lines.append("total: " + sum_text(totals)[1])
        return lines, sum(totals)

    def macs(self, call):
        shapes, groups = self.named_shapes(call), self.projections(call)
        if shapes is None or groups is None or getattr(self, "attention_axes", None) is not None:
            return super().macs(call)
        query, value, key = shapes
        tq, tk = query[1:-1], key[1:-1]
        if None in tq or None in tk:
            return None, ["unknown: a length is None"]
        q, k = math.prod(tq), math.prod(tk)
        positions = {"query": q, "gate": q, "key": k, "value": k, "attention_output": q}
        lines, values = [], []
        for name, (kernel, _) in groups.items():
            value_ = positions[name] * kernel.size
            lines.append(f"{name}: {number(positions[name])} × {factors_text(kernel.shape)} = {number(value_)}"
                         "  (positions × kernel)")
            values.append(value_)
        q_heads, key_size = groups["query"][0].shape[1:]
        value_size = groups["value"][0].shape[2]
        scores, context = q_heads * q * k * key_size, q_heads * q * k * value_size
        lines += [
            f"scores: {factors_text([q_heads, q, k, key_size])} = {number(scores)}"
            "  (query heads × query positions × key positions × key size)",
            f"weighted sum: {factors_text([q_heads, q, k, value_size])} = {number(context)}"
            "  (query heads × query positions × key positions × value size)",
        ]
        values += [scores, context]
        lines.append("total: " + sum_text(values)[1])
        return sum(values), lines


@register
class MultiHeadAttention(HeadsAttention):
    def configure(self, a):
        self.num_heads = arg.positive_int(a.num_heads, "num_heads")
        self.key_dim = arg.positive_int(a.key_dim, "key_dim")
        # Keras: `value_dim if value_dim else key_dim`, after refusing anything but None or > 0
        self.value_dim = self.key_dim if a.value_dim is None else arg.positive_int(a.value_dim, "value_dim")
        super().configure(a)
        self.output_shape = self.standardize_output_shape(a.output_shape)
        self.attention_axes = self.standardize_attention_axes(a.attention_axes)

    @staticmethod
    def standardize_output_shape(value):
        if not value and not isinstance(value, bool):  # None, 0, []: the query's features
            return None
        values = (value,) if arg.is_int(value) else value
        if not isinstance(values, (list, tuple)) or not all(arg.is_int(v) and v > 0 for v in values):
            raise SpecError(
                f"'output_shape' must be a positive integer or a list of them; got {shown(value)}",
                hint="it replaces the query's last axis in the output",
            )
        return tuple(values)

    @staticmethod
    def standardize_attention_axes(value):
        if value is None:
            return None
        values = (value,) if arg.is_int(value) else value
        if not isinstance(values, (list, tuple)) or not all(map(arg.is_int, values)):
            raise SpecError(f"'attention_axes' must be an integer or a list of integers; got {shown(value)}")
        return tuple(values)

    def check_attention_axes(self, value_shape):
        """Keras indexes the projected value's axes (its rank + 1) with these, negatives
        counted from the head axis: an index out of range fails its build (numpy)."""
        if self.attention_axes is None:
            return
        rank = len(value_shape) + 1
        for axis in self.attention_axes:
            index = axis if axis >= 0 else rank - 1 + axis
            if not -rank <= index < rank:
                raise SpecError(
                    f"attention_axes {list(self.attention_axes)}: axis {axis} is out of range for a "
                    f"value of shape {format_shape(value_shape)}",
                    hint=f"the attention axes are the value's axes between the batch and the features: 1 to {len(value_shape) - 2}",
                )

    def build(self, input_shape):
        query, value, key = self.shapes(input_shape)
        self.check_attention_axes(value)
        heads = self.num_heads
        weights = self.projection("query", query, heads, self.key_dim, "query")
        weights += self.projection("key", key, heads, self.key_dim, "key")
        if self.use_gate:
            weights += self.projection("gate", query, heads, self.value_dim, "query")
        weights += self.projection("value", value, heads, self.value_dim, "value")
        output = self.output_shape or (query[-1],)
        return weights + self.output_projection(heads, self.value_dim, output)

    def compute_output_shape(self, input_shape):
        query = input_shape["query"]
        return (*query[:-1], *self.output_shape) if self.output_shape else query


@register
class GroupedQueryAttention(HeadsAttention):
    """Query heads share key/value heads in groups (keras.layers.GroupQueryAttention)."""

    coverage_note = "inputs of rank 3 (batch, length, features), as its einsums are written"

    def configure(self, a):
        self.head_dim = arg.positive_int(a.head_dim, "head_dim")
        self.num_query_heads = arg.positive_int(a.num_query_heads, "num_query_heads")
        self.num_key_value_heads = arg.positive_int(a.num_key_value_heads, "num_key_value_heads")
        if self.num_query_heads % self.num_key_value_heads:
            raise SpecError(
                f"num_query_heads ({self.num_query_heads}) must be divisible by "
                f"num_key_value_heads ({self.num_key_value_heads})"
            )
        super().configure(a)

    def build(self, input_shape):
        query, value, key = self.shapes(input_shape)
        for name, shape in (("query", query), ("value", value), ("key", key)):
            # Keras's projections are einsums written for (batch, length, features):
            # other ranks build meaningless weights, which convcalc does not imitate
            if len(shape) != 3:
                raise SpecError(
                    f"{self.class_name} works on (batch, length, features) inputs; "
                    f"got {name} {format_shape(shape)}"
                )
        if query[-1] != value[-1]:
            raise SpecError(
                f"query and value must have the same number of features; got "
                f"{format_shape(query)} and {format_shape(value)}"
            )
        weights = self.projection("query", query, self.num_query_heads, self.head_dim, "query")
        weights += self.projection("key", key, self.num_key_value_heads, self.head_dim, "key")
        if self.use_gate:
            weights += self.projection("gate", query, self.num_query_heads, self.head_dim, "query")
        weights += self.projection("value", value, self.num_key_value_heads, self.head_dim, "value")
        return weights + self.output_projection(self.num_query_heads, self.head_dim, (query[-1],))

    def compute_output_shape(self, input_shape):
        return input_shape["query"]
