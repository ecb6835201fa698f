"""Recurrent layers (SimpleRNN, LSTM, GRU, RNN over cells): a cell's weights are
`gates` blocks, each a kernel over the step's features, a recurrent kernel over the
units and a bias: gates × ((features + units) × units + units). LSTM has 4 gates,
GRU 3 (with reset_after, a second bias per gate), SimpleRNN 1.
"""

from __future__ import annotations

from convcalc.explain.base import Explainer
from convcalc.explain.registry import explains
from convcalc.layers.operation_utils import number, plural, sum_text

GATES = {
    1: "",
    3: "3 gates (update, reset, candidate), each ",
    4: "4 gates (input, forget, cell, output), each ",
}


def _cells(weights):
    """{cell path: {'kernel': w, 'recurrent_kernel': w, 'bias': w}} in weight order."""
    cells = {}
    for w in weights:
        path, _, name = w.name.rpartition("/")
        cells.setdefault(path, {})[name] = w
    return cells


def _cell_rules(rnn):
    """The cell rules of an RNN rule, in weight order (a StackedRNNCells' cells in turn)."""
    cells = getattr(rnn.cell, "cells", None)
    return [entry.rule for entry in cells] if cells is not None else [rnn.cell]


@explains("RNN")
class RNNExplainer(Explainer):
    def rnn_rules(self):
        """The RNN rules whose cells hold the weights (Bidirectional: two)."""
        return [self.rule]

    def cells(self):
        """[(cell path, its weights, its gates)] in weight order, the gates as the cell's
        rule defines them (convcalc/layers/recurrent.py: one fact, one place, not
        re-inferred from the kernel's width); None where the weights are not cells'."""
        paths = _cells(self.weights)
        rules = [cell for rnn in self.rnn_rules() for cell in _cell_rules(rnn)]
        if len(rules) != len(paths):
            return None
        return [(path, weights, getattr(rule, "gates", None)) for (path, weights), rule in zip(paths.items(), rules)]

    def cell_lines(self):
        """One derivation per cell, or None where the weights are not a cell's."""
        cells = self.cells()
        if cells is None:
            return None, None
        lines, totals = [], []
        for path, weights, gates in cells:
            kernel, recurrent = weights.get("kernel"), weights.get("recurrent_kernel")
            bias = weights.get("bias")
            if kernel is None or recurrent is None or len(kernel.shape) != 2 or len(recurrent.shape) != 2:
                return None, None
            units = recurrent.shape[0]
            features = kernel.shape[0]
            if gates not in GATES or len(weights) != 2 + (bias is not None):
                return None, None
            bias_per_gate = bias.size // gates if bias is not None else 0
            if bias_per_gate == units:
                bias_text, bias_why = f" + {number(units)}", ", plus a bias"
            elif bias_per_gate == 2 * units:
                bias_text, bias_why = f" + 2 × {number(units)}", ", plus an input and a recurrent bias"
            else:
                bias_text, bias_why = "", ", no bias"
            per_gate = (features + units) * units + bias_per_gate
            total = gates * per_gate
            formula = f"({number(features)} + {number(units)}) × {number(units)}{bias_text}"
            if gates > 1:
                formula = f"{gates} × ({formula})"
            why = (f"{GATES[gates]}a kernel over {plural(features, 'input')} and a recurrent kernel over "
                   f"the {plural(units, 'unit')}{bias_why}, for {plural(units, 'unit')}")
            label = f"{path}: " if len(cells) > 1 else ""
            lines.append(f"{label}{formula} = {number(total)}  ({why})")
            totals.append(total)
        return lines, totals

    def params(self):
        lines, totals = self.cell_lines()
        if lines is None or not lines:
            return super().params()
        if len(totals) > 1:
            lines.append("total: " + sum_text(totals)[1])
        return self.adds_up(lines, sum(totals))

    def output(self):
        r = self.rule
        steps = self.input_shape[1]
        what = "every step's output" if r.return_sequences else "the last step's output"
        lines = [f"{what} ({number(steps) if steps is not None else 'None'} steps)"]
        if r.return_state:
            lines.append(f"then {plural(len(self.output_shapes) - 1, 'state')} (return_state)")
        return self.result(lines)

    def field(self, in_fields):
        f = in_fields[0]
        if f is None:
            return None, ["not tracked (nor is its input's)"]
        return self.whole_field(f, "each step carries every earlier step forward: the whole input (up to that step)")

    def macs(self):
        lines, _ = self.cell_lines()
        steps = self.input_shape[1]
        if lines is None or not lines:
            return super().macs()
        if steps is None:
            return None, ["unknown: the number of steps is None"]
        values, lines = [], []
        for _, weights, gates in self.cells():
            kernel, recurrent = weights["kernel"], weights["recurrent_kernel"]
            features, units = kernel.shape[0], recurrent.shape[0]
            value = steps * (features + units) * gates * units
            width_text = number(units) if gates == 1 else f"{gates} × {number(units)}"
            why = "steps × (inputs + units) × units" if gates == 1 else "steps × (inputs + units) × gates × units"
            lines.append(f"{number(steps)} × ({number(features)} + {number(units)}) × {width_text}"
                         f" = {number(value)}  ({why})")
            values.append(value)
        total = sum(values)
        if len(values) > 1:
            lines.append("total: " + sum_text(values)[1])
        return total, lines


@explains("ConvLSTM")
class ConvLSTMExplainer(Explainer):
    """ConvLSTM: convolutional kernels; the weights are listed (generic), the field is
    the whole input (a recurrence over time)."""

    def field(self, in_fields):
        return RNNExplainer.field(self, in_fields)


@explains("Bidirectional")
class BidirectionalExplainer(RNNExplainer):
    """A forward and a backward copy of an RNN: each cell's derivation, labelled."""

    def rnn_rules(self):
        return [self.rule.forward.rule, self.rule.backward.rule]

    def output(self):
        forward = self.rule.forward.rule
        steps = self.input_shape[1]
        what = "every step's output" if forward.return_sequences else "the last step's output"
        merge = {"concat": "concatenated (twice the units)", "sum": "summed", "mul": "multiplied",
                 "ave": "averaged", None: "returned apart"}[self.rule.merge_mode]
        lines = [f"{what} ({number(steps) if steps is not None else 'None'} steps) of both directions, {merge}"]
        return self.result(lines)
