"""Core layers: InputLayer, Dense (on the last axis, any rank), and the layers that work
value by value (Activation, Dropout and the like) and so keep shape and field."""

from __future__ import annotations

import math

from convcalc.explain.base import Explainer, factors_text, for_each
from convcalc.explain.registry import explains
from convcalc.layers.operation_utils import number, plural, product

# Layers that work value by value (or along the channels only): same shape, same field.
# By name: a class listed here that has no rule yet simply never dispatches.
VALUE_BY_VALUE = (
    "Activation", "Dropout", "ReLU", "LeakyReLU", "PReLU", "ELU", "Softmax",
    "GaussianNoise", "GaussianDropout", "AlphaDropout", "ActivityRegularization",
    "Masking", "Rescaling", "Identity", "LayerNormalization", "UnitNormalization",
    "GroupNormalization", "RMSNormalization", "Normalization", "Cropping1D", "Cropping2D",
    "Cropping3D",
)


@explains("InputLayer")
class InputExplainer(Explainer):
    def output(self):
        return self.result(["the model's input, the batch axis first"])

    def params(self):
        return ["0"]

    def field(self, in_fields):
        return None, []

    def macs(self):
        return 0, ["0"]


@explains("Embedding")
class EmbeddingExplainer(Explainer):
    def output(self):
        return self.result([f"each index → a vector of {number(self.output_shape[-1])}"])

    def macs(self):
        return 0, ["0  (a lookup: no multiplications)"]


@explains(*VALUE_BY_VALUE, "BaseCropping")
class ValueByValueExplainer(Explainer):
    def field(self, in_fields):
        if not self.single_input or len(self.input_shape) != len(self.output_shape):
            return super().field(in_fields)
        return self.keep_field(in_fields)

    def macs(self):
        if not self.weights:
            return super().macs()
        return 0, ["0  (works value by value: MACs count products with weight matrices only)"]


@explains("Dense")
class DenseExplainer(Explainer):
    def features_text(self):
        """The inputs' count, as a product when they come straight from a Flatten."""
        features = self.input_shape[-1]
        source = self.node.input_tensors[0]
        if len(self.input_shape) == 2 and source.layer.class_name == "Flatten":
            flat_in = source.node.input_tensors[0].shape[1:]
            if None not in flat_in and len(flat_in) > 1:
                return factors_text(flat_in), f"{number(features)} flattened inputs ({factors_text(flat_in)})"
        return number(features), plural(features, "input")

    def positions(self):
        return self.input_shape[1:-1]

    def output(self):
        units = self.rule.units
        if len(self.input_shape) == 2:
            return self.result([f"{plural(units, 'unit')}"])
        at = factors_text(self.positions())
        return self.result([f"on the last axis: {self.input_shape[-1]} features → {plural(units, 'unit')}, "
                            f"at each of the {at} positions"])

    def params(self):
        r = self.rule
        if r.lora_rank:
            return self.weight_lines() + [f"LoRA (rank {r.lora_rank}) freezes the kernel and trains "
                                          "lora_kernel_a × lora_kernel_b instead"] + self.frozen_lines()
        features, units = self.input_shape[-1], r.units
        text, inputs = self.features_text()
        total = (features + r.use_bias) * units
        if r.use_bias:
            formula = f"({text} + 1) × {number(units)} = {number(total)}"
            why = f"a weight for each of {inputs}, plus a bias, {for_each(units, 'unit')}"
        else:
            formula = f"{text} × {number(units)} = {number(total)}"
            why = f"a weight for each of {inputs}, no bias, {for_each(units, 'unit')}"
        lines = [f"{formula}  ({why})"]
        if len(self.input_shape) > 2:
            lines.append(f"the same weights at every position ({factors_text(self.positions())})")
        return self.adds_up(lines, total)

    def field(self, in_fields):
        f = in_fields[0]
        if f is None:
            return None, ["not tracked (nor is its input's)"]
        if f.on_grid and len(self.input_shape) > 2:
            return self.keep_field(in_fields, "on the last axis, position by position")
        together = f.seen_together()
        if together.is_whole:
            return together, ["every unit sees every input value: the whole input"]
        return together, ["every unit sees every input value: together, their fields cover"]

    def macs(self):
        positions = self.positions()
        features, units = self.input_shape[-1], self.rule.units
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
