"""Attention: dot-product Attention / AdditiveAttention (no projections), and the
multi-head layers (MultiHeadAttention, GroupedQueryAttention), whose projections are
Dense layers onto (heads, size): (features + 1) × heads × size each, and back:
(heads × size + 1) × output features.

MACs: the projections (positions × features × heads × size), the scores
(query heads × query positions × key positions × key size) and the weighted sum of the
values (query heads × query positions × key positions × value size).
"""

from __future__ import annotations

import math

from convcalc.explain.base import Explainer, factors_text, shapes_text
from convcalc.layers.field import combine
from convcalc.explain.registry import explains
from convcalc.layers.operation_utils import number, plural, sum_text

PROJECTIONS = ("query", "key", "gate", "value", "attention_output")


class AttentionField(Explainer):
    def field(self, in_fields):
        f = combine(in_fields)
        if f is None:
            return None, ["not tracked (nor is one of its inputs')"]
        return f.whole(), ["each query position attends to every key position: the whole input"]


@explains("Attention")
class DotAttentionExplainer(AttentionField):
    def named_shapes(self):
        query, value = self.input_shapes[:2]
        key = self.input_shapes[2] if len(self.input_shapes) > 2 else value
        return query, value, key

    def output(self):
        query, value, _ = self.named_shapes()
        return self.result([f"the query's positions {shapes_text([query[:-1]])}, each a weighted sum "
                            f"of the values' {number(value[-1])} features"])

    def macs(self):
        query, value, key = self.named_shapes()
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


@explains("HeadsAttention")
class MultiHeadAttentionExplainer(AttentionField):
    def named_shapes(self):
        """(query, value, key) shapes: the node holds the named inputs in sorted order."""
        inputs = getattr(self.layer.call, "inputs", None)
        if not isinstance(inputs, dict) or len(inputs) != len(self.input_shapes):
            return None
        named = dict(zip(sorted(inputs), self.input_shapes))
        return named["query"], named["value"], named.get("key", named["value"])

    def projections(self):
        """{name: (kernel, bias or None)} in build order; None if the weights differ."""
        groups = {}
        for w in self.weights:
            name, _, kind = w.name.rpartition("/")
            if name not in PROJECTIONS or kind not in ("kernel", "bias"):
                return None
            groups.setdefault(name, {})[kind] = w
        return {name: (g.get("kernel"), g.get("bias")) for name, g in groups.items()}

    def output(self):
        shapes = self.named_shapes()
        if shapes is None:
            return super().output()
        query = shapes[0]
        return self.result([f"the query's positions {shapes_text([query[:-1]])}, each projected back "
                            f"to {factors_text(self.output_shape[len(query) - 1:])} features"])

    def params(self):
        groups = self.projections()
        if groups is None:
            return super().params()
        lines, totals = [], []
        for name, (kernel, bias) in groups.items():
            if kernel is None:
                return super().params()
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
        return lines + self.frozen_lines()

    def macs(self):
        shapes, groups = self.named_shapes(), self.projections()
        if shapes is None or groups is None or getattr(self.rule, "attention_axes", None) is not None:
            return super().macs()
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
