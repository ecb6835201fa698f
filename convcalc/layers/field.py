"""Receptive field and jump: what part of the model's input one output position sees.

Per spatial axis of the model input (its axes between the batch and the channels):
- the receptive field r is how many input positions one output position depends on;
- the jump j is how many input positions lie between two neighbouring outputs.

An input position sees itself (r = 1, j = 1). A sliding window of extent k (dilated:
(k − 1) × d + 1) and stride s gives r' = r + (k − 1) × j and j' = j × s: three stacked
3×3 convolutions see 3, 5, then 7×7; a 2×2 max-pooling doubles the jump, so the next
3×3 convolution adds 2 × 2 positions, not 2. Layers that work position by position
(activations, normalization, Dense on the last axis, merges) keep the field; global
pooling, and Dense on a flattened tensor, see the whole input. Each rule's field_step
(layers/base.py) takes its inputs' fields to its output's with this arithmetic.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from convcalc.layers.operation_utils import number


def _int(x):
    return int(x) if isinstance(x, Fraction) and x.denominator == 1 else x


@dataclass(frozen=True)
class Field:
    """size: the receptive field per spatial axis (None: the whole input); jump: per
    spatial axis, or None once the positions left the grid (flattened, reshaped);
    span: off the grid, what all the positions see together (None: the whole input);
    input_size: the model input's spatial sizes, to tell when a field is all of it."""

    size: tuple | None
    jump: tuple | None
    input_size: tuple | None = None
    span: tuple | None = None

    @classmethod
    def at_input(cls, shape):
        """An input tensor (batch, *spatial, channels): each position sees itself. A
        rank-2 input (batch, features) has no spatial axes."""
        axes = max(len(shape) - 2, 0)
        if axes == 0:
            return cls((), None)
        return cls((1,) * axes, (1,) * axes, tuple(shape[1:-1]))

    def whole(self):
        return Field(None, None, self.input_size)

    @property
    def is_whole(self):
        return self.size is None

    @property
    def on_grid(self):
        """Positions still laid out on the input's spatial grid (a window can slide)."""
        return self.size is not None and self.jump is not None and len(self.size) > 0

    def covering(self, positions):
        """What `positions` (an axis's number of outputs, per spatial axis) see
        together: (n − 1) × jump + field per axis, at most the input; the whole input
        if that is all of it (or unknown)."""
        if self.is_whole or not self.on_grid or None in positions:
            return self.whole()
        span = tuple((n - 1) * j + r for n, j, r in zip(positions, self.jump, self.size))
        if self.input_size and None not in self.input_size:
            span = tuple(min(s, n) for s, n in zip(span, self.input_size))
            if span == self.input_size:
                return self.whole()
        return Field(span, None, self.input_size)

    def off_grid(self, positions):
        """The field of values moved off the grid (Flatten, Reshape): each keeps its
        own; what they all see together is kept for a Dense after them."""
        if not self.on_grid:
            return self
        return Field(self.size, None, self.input_size, self.covering(positions).size)

    def seen_together(self):
        """The field of an output that sees every value of this tensor (Dense on a
        flattened tensor)."""
        if self.on_grid or self.jump is not None or not self.size:
            return self.whole()
        return Field(self.span, None, self.input_size) if self.span is not None else self.whole()

    def size_text(self):
        if self.is_whole:
            return "whole input"
        if not self.size:
            return "-"
        return "×".join(number(s) for s in self.size)

    def jump_text(self):
        if self.jump is None or not self.jump:
            return "-"
        return "×".join(number(j) for j in self.jump)

    def text(self):
        """'7×7, jump 1×1'; 'whole input'."""
        if self.jump is None or not self.jump:
            return self.size_text()
        return f"{self.size_text()}, jump {self.jump_text()}"

    def as_json(self):
        def plain(values):
            if values is None:
                return None
            return [_int(v) if not isinstance(_int(v), Fraction) else float(v) for v in values]

        return {"size": plain(self.size), "jump": plain(self.jump), "whole_input": self.is_whole}


def combine(fields):
    """The field of a merge of several tensors: the widest of each, axis by axis."""
    if any(f is None for f in fields) or not fields:
        return None
    if any(f.is_whole for f in fields):
        return fields[0].whole()
    if len({len(f.size) for f in fields}) != 1:
        return None
    size = tuple(max(axis) for axis in zip(*(f.size for f in fields)))
    input_size = fields[0].input_size
    if any(f.jump is None for f in fields):
        return Field(size, None, input_size)
    return Field(size, tuple(max(axis) for axis in zip(*(f.jump for f in fields))), input_size)


def kept(in_fields, why="position by position"):
    """(Field, lines) of a layer whose output keeps its (first) input's field."""
    (f,) = in_fields[:1] or [None]
    if f is None:
        return None, ["not tracked (nor is its input's)"]
    return f, [f"{why}: unchanged"]
