"""Recurrent layers (keras/src/layers/rnn): the cells, the RNN layer that runs a cell over
the time axis, and SimpleRNN / LSTM / GRU / ConvLSTM1D-3D, which are RNNs over a cell they
make themselves from their own arguments, exactly as Keras's __init__ does.

A cell sees one time step: its weights depend on the step's features only, never on the
number of steps. The RNN's outputs are the cell's output (last step, or every step with
return_sequences) and, with return_state, one tensor per state of the cell.

A cell's weights are `gates` blocks, each a kernel over the step's features, a recurrent
kernel over the units and a bias: gates × ((features + units) × units + units). LSTM has
4 gates, GRU 3 (with reset_after, a second bias per gate), SimpleRNN 1.
"""

from __future__ import annotations

from convcalc.errors import SpecError, shown
from convcalc.layers import arguments as arg
from convcalc.layers.base import InnerLayer, Layer, Weight, format_shape, sublayer_weights
from convcalc.layers.operation_utils import NonPositiveSize, number, plural, sum_text, window_output_shape
from convcalc.layers.registry import RULES, register
from convcalc.layers.signatures import bind, keras_classes
from convcalc.naming import to_snake_case


def rate(value, name):
    """Keras clips dropout rates into [0, 1] (min(1.0, max(0.0, x))): any number goes."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise SpecError(f"'{name}' must be a number (a rate between 0 and 1); got {shown(value)}")
    return min(1.0, max(0.0, value))


def known_features(shape, axis, class_name, what="features"):
    size = shape[axis]
    if size is None:
        raise SpecError(
            f"{class_name} needs a known number of {what} (axis {axis % len(shape)} of "
            f"{format_shape(shape)}); got None",
            hint="Keras cannot create weights of unknown size",
        )
    return size


# -- cells ----------------------------------------------------------------------------


class Cell(Layer):
    """What RNN asks of a cell (Keras checks `call` and `state_size`): state_size (an int
    or a list of ints, one per state), output_size, and build(step shape) -> weights."""

    state_size: int | list
    output_size: int
    coverage_note = "as an RNN's `cell` (or in StackedRNNCells): Keras calls a cell with its states"

    def check_input_rank(self, input_shape):
        # A cell's call takes (inputs, states): Keras refuses `cell(x)` (missing 'states').
        raise SpecError(
            f"{self.class_name} is an RNN cell: it is called with states, by an RNN layer",
            hint=f"wrap it: RNN: {{cell: {{{self.class_name}: ...}}}}",
        )


class RNNCell(Cell):
    """The arguments SimpleRNNCell, LSTMCell and GRUCell share (with DropoutRNNCell), and
    their weights: a kernel and a recurrent kernel of `gates` blocks of `units`."""

    gates: int  # blocks of units in the kernels: 1, LSTM's i f c o, GRU's z r h

    def configure(self, a):
        self.units = arg.positive_int(a.units, "units")
        arg.activation(a.activation)
        self.use_bias = arg.boolean(a.use_bias, "use_bias")
        rate(a.dropout, "dropout")
        rate(a.recurrent_dropout, "recurrent_dropout")
        self.state_size = self.units
        self.output_size = self.units

    def bias_shape(self):
        return (self.units * self.gates,)

    def build(self, step_shape):
        features = known_features(step_shape, -1, self.class_name)
        width = self.units * self.gates
        weights = [Weight("kernel", (features, width)), Weight("recurrent_kernel", (self.units, width))]
        if self.use_bias:
            weights.append(Weight("bias", self.bias_shape()))
        return weights


@register
class SimpleRNNCell(RNNCell):
    gates = 1


@register
class LSTMCell(RNNCell):
    gates = 4

    def configure(self, a):
        super().configure(a)
        arg.activation(a.recurrent_activation, "recurrent_activation")
        arg.boolean(a.unit_forget_bias, "unit_forget_bias")  # only the bias's initial value
        self.state_size = [self.units, self.units]  # h and c


@register
class GRUCell(RNNCell):
    gates = 3

    def configure(self, a):
        super().configure(a)
        arg.activation(a.recurrent_activation, "recurrent_activation")
        self.reset_after = arg.boolean(a.reset_after, "reset_after")

    def bias_shape(self):
        # reset_after keeps separate input and recurrent biases (CuDNN-compatible)
        return (2, self.units * self.gates) if self.reset_after else (self.units * self.gates,)


def cell_entry(value, what="cell"):
    """A layer entry that is a cell (Keras: has `call` and `state_size`)."""
    if not isinstance(value, InnerLayer) or not isinstance(value.rule, Cell):
        kind = f"a {value.class_name} layer" if isinstance(value, InnerLayer) else shown(value)
        raise SpecError(
            f"'{what}' must be an RNN cell (a layer with a state_size); got {kind}",
            hint="for example: cell: {LSTMCell: 32}, or a list of cells: [{LSTMCell: 32}, {GRUCell: 16}]",
        )
    return value


@register
class StackedRNNCells(Cell):
    """Cells run one after the other at each step: each takes the previous one's output."""

    def configure(self, a):
        if not isinstance(a.cells, list) or not a.cells:
            raise SpecError(
                f"'cells' must be a non-empty list of RNN cells; got {shown(a.cells)}",
                hint="for example: cells: [{LSTMCell: 32}, {GRUCell: 16}]",
            )
        self.cells = [cell_entry(c, "cells") for c in a.cells]
        self.state_size = [c.rule.state_size for c in self.cells]
        self.output_size = self.cells[-1].rule.output_size

    def build(self, step_shape):
        weights = []
        for cell in self.cells:
            weights += sublayer_weights(cell.name, cell.rule.build(step_shape), cell.rule)
            step_shape = (step_shape[0], cell.rule.output_size)
        return weights


# -- the derivations of layers that run cells ------------------------------------------

GATES = {
    1: "",
    3: "3 gates (update, reset, candidate), each ",
    4: "4 gates (input, forget, cell, output), each ",
}


def _cell_rules(rnn):
    """The cell rules of an RNN rule, in weight order (a StackedRNNCells' cells in turn)."""
    cells = getattr(rnn.cell, "cells", None)
    return [entry.rule for entry in cells] if cells is not None else [rnn.cell]


class Recurrence(Layer):
    several_outputs_as = tuple  # (output, *states): rnn.py compute_output_shape
    """A layer whose weights are its RNNs' cells' (an RNN; Bidirectional: two): each
    cell's derivation; every step carries the earlier ones forward."""

    def rnn_rules(self):
        """The RNN rules whose cells hold the weights."""
        raise NotImplementedError

    def cells(self, call):
        """[(cell path, its weights, its gates)] in weight order, the gates as the cell's
        rule defines them (not re-inferred from the kernel's width); None where the
        weights are not cells'."""
        paths = {}
        for w in call.weights:
            path, _, name = w.name.rpartition("/")
            paths.setdefault(path, {})[name] = w
        rules = [cell for rnn in self.rnn_rules() for cell in _cell_rules(rnn)]
        if len(rules) != len(paths):
            return None
        return [(path, weights, getattr(rule, "gates", None)) for (path, weights), rule in zip(paths.items(), rules)]

    def cell_lines(self, call):
        """(one derivation per cell, their totals), or (None, None) where the weights
        are not a cell's."""
        cells = self.cells(call)
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

    def param_formula(self, call):
        lines, totals = self.cell_lines(call)
        if lines is None or not lines:
            return super().param_formula(call)
        if len(totals) > 1:
            lines.append("total: " + sum_text(totals)[1])
        return lines, sum(totals)

    def field_step(self, call, in_fields):
        f = in_fields[0]
        if f is None:
            return None, ["not tracked (nor is its input's)"]
        return f.whole(), ["each step carries every earlier step forward: the whole input (up to that step)"]

    def macs(self, call):
        lines, _ = self.cell_lines(call)
        steps = call.input_shape[1]
        if lines is None or not lines:
            return super().macs(call)
        if steps is None:
            return None, ["unknown: the number of steps is None"]
        values, lines = [], []
        for _, weights, gates in self.cells(call):
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

    @staticmethod
    def steps_text(rnn, call):
        """'every step's output (12 steps)'."""
        steps = call.input_shape[1]
        what = "every step's output" if rnn.return_sequences else "the last step's output"
        return f"{what} ({number(steps) if steps is not None else 'None'} steps)"


# -- RNN layers -------------------------------------------------------------------------


@register
class RNN(Recurrence):
    """Runs a cell over the time axis (axis 1). Keras's RNN has no input_spec: any input
    of rank 3 or more, the cell seeing (batch, *shape[2:])."""

    min_ndim = 3
    coverage_note = "--style keras2 lists the states of stacked cells flat, where tf-keras nests them"

    def configure(self, a):
        self.cell_name, self.cell = self.make_cell(a)
        self.return_sequences = arg.boolean(a.return_sequences, "return_sequences")
        self.return_state = arg.boolean(a.return_state, "return_state")
        self.go_backwards = arg.boolean(a.go_backwards, "go_backwards")
        self.stateful = arg.boolean(a.stateful, "stateful")
        arg.boolean(a.unroll, "unroll")  # Keras unrolls a None time axis only when run
        arg.boolean(a.zero_output_for_mask, "zero_output_for_mask")

    def make_cell(self, a):
        """(name, rule) of the cell; a list of cells is stacked, as Keras's __init__ does."""
        if isinstance(a.cell, list):
            cells = StackedRNNCells("StackedRNNCells", bind("StackedRNNCells", [a.cell], {}))
            return "stacked_rnn_cells", cells
        cell = cell_entry(a.cell)
        return cell.name, cell.rule

    def created_layers(self):
        # RNN([cells]) makes an unnamed StackedRNNCells: stacked_rnn_cells, then _1, ...
        return ("StackedRNNCells",) if isinstance(self.config.get("cell"), list) else ()

    def state_shapes(self, step_shape):
        """One (batch, size) per state, nested as the cell's state_size (stacked cells
        with several states each give a list per cell)."""
        batch = step_shape[0]
        sizes = self.cell.state_size if isinstance(self.cell.state_size, list) else [self.cell.state_size]
        if any(isinstance(s, list) for size in sizes if isinstance(size, list) for s in size):
            # a StackedRNNCells inside a StackedRNNCells, whose cells have several states
            raise SpecError(
                f"{self.class_name} cannot return the states of stacked cells nested twice "
                "(Keras fails on their shapes)",
                hint="drop return_state, or list all the cells in one StackedRNNCells",
            )
        return [[(batch, s) for s in size] if isinstance(size, list) else (batch, size) for size in sizes]

    def step_output_shape(self, step_shape):
        """The cell's output at one step, batch axis included."""
        return (step_shape[0], self.cell.output_size)

    def compute_output_shape(self, input_shape):
        batch, steps = input_shape[:2]
        step_shape = (batch, *input_shape[2:])
        step_out = self.step_output_shape(step_shape)
        output = (batch, steps, *step_out[1:]) if self.return_sequences else step_out
        if not self.return_state:
            return output
        # Keras's node holds its outputs flattened: output, then every state in order
        states = self.state_shapes(step_shape)
        return [output] + [s for state in states for s in (state if isinstance(state, list) else [state])]

    def compute_mask(self, inputs, mask, operation):
        """keras/src/layers/rnn/rnn.py: the input's mask on the sequence output; none on
        the last step's output or on the states."""
        mask = mask[0] if isinstance(mask, list) else mask
        return mask if self.return_sequences else None

    def build(self, input_shape):
        if self.stateful and input_shape[0] is None:
            raise SpecError(
                f"stateful {self.class_name} needs a fixed batch size; the input's is None",
                hint="give the model a `batch_size:`",
            )
        step_shape = (input_shape[0], *input_shape[2:])
        return sublayer_weights(self.cell_name, self.cell.build(step_shape), self.cell)

    def rnn_rules(self):
        return [self]

    def shape_formula(self, call):
        lines = [self.steps_text(self, call)]
        if self.return_state:
            lines.append(f"then {plural(len(call.output_shapes) - 1, 'state')} (return_state)")
        return lines


class CellRNN(RNN):
    """SimpleRNN, LSTM and GRU: an RNN over a cell made from the layer's own arguments
    (Keras names it `<snake>_cell` itself, so no auto-name is taken), on 3-D inputs."""

    ndim = 3
    min_ndim = None
    cell_class: str
    coverage_note = None  # one cell, never stacked

    def make_cell(self, a):
        signature = keras_classes()[self.cell_class]
        passed = signature["positional"] + ["dtype", "trainable"]  # what Keras's __init__ hands on
        config = {key: self.config[key] for key in passed if key in self.config}
        cell = RULES[self.cell_class](self.cell_class, bind(self.cell_class, [], config))
        return to_snake_case(self.cell_class), cell  # the name Keras gives it: lstm_cell, ...

    def rank_hint(self):
        return f"{self.class_name} works on (batch, timesteps, features) inputs"


class CudnnRNN(CellRNN):
    """LSTM and GRU also take use_cudnn."""

    def configure(self, a):
        super().configure(a)
        if not (a.use_cudnn == "auto" or isinstance(a.use_cudnn, bool)):
            raise SpecError(f"'use_cudnn' must be 'auto', true or false; got {shown(a.use_cudnn)}")


@register
class SimpleRNN(CellRNN):
    cell_class = "SimpleRNNCell"


@register
class LSTM(CudnnRNN):
    cell_class = "LSTMCell"


@register
class GRU(CudnnRNN):
    cell_class = "GRUCell"


# -- convolutional LSTM ------------------------------------------------------------------


class ConvLSTMCell(Cell):
    """Keras's ConvLSTMCell (not exported): an LSTM whose kernels are convolutions. The
    input convolution is the layer's (strides, padding, dilation); the recurrent one runs
    with padding 'same', so the state keeps the input convolution's output shape."""

    def __init__(self, class_name, config, rank):
        self.rank = rank
        super().__init__(class_name, config)

    def configure(self, a):
        self.filters = arg.positive_int(a.filters, "filters")
        self.kernel_size = arg.standardize_tuple(a.kernel_size, self.rank, "kernel_size")
        self.strides = arg.standardize_tuple(a.strides, self.rank, "strides")
        self.padding = arg.standardize_padding(a.padding)
        self.data_format = arg.standardize_data_format(a.data_format)
        self.dilation_rate = arg.standardize_tuple(a.dilation_rate, self.rank, "dilation_rate")
        if max(self.strides) > 1 and max(self.dilation_rate) > 1:
            raise SpecError(
                f"strides > 1 cannot be combined with dilation_rate > 1 "
                f"(got strides={list(self.strides)}, dilation_rate={list(self.dilation_rate)})"
            )
        arg.activation(a.activation)
        arg.activation(a.recurrent_activation, "recurrent_activation")
        self.use_bias = arg.boolean(a.use_bias, "use_bias")
        arg.boolean(a.unit_forget_bias, "unit_forget_bias")
        rate(a.dropout, "dropout")
        rate(a.recurrent_dropout, "recurrent_dropout")
        self.state_size = [-1, -1]  # Keras's placeholder: the states are feature maps

    def compute_output_shape(self, step_shape):
        """The input convolution's output: the shape of h, c and each step's output."""
        try:
            return window_output_shape(
                step_shape, self.kernel_size, self.strides, self.padding,
                self.data_format, self.dilation_rate, self.filters,
            )
        except NonPositiveSize as error:  # the step has no time axis: the input's axis is one further
            raise NonPositiveSize(error.axis + 1, error.formula) from None

    def build(self, step_shape):
        channel_axis = arg.channel_axis(self.data_format)
        spatial = step_shape[2:] if self.data_format == "channels_first" else step_shape[1:-1]
        if None in spatial:
            raise SpecError(
                f"{self.class_name} needs known spatial sizes; got {format_shape(step_shape)} per step",
                hint="ConvLSTM layers only support static spatial shapes (the time axis may be None)",
            )
        channels = known_features(step_shape, channel_axis, self.class_name, "input channels")
        blocks = self.filters * 4  # i, f, c, o
        weights = [
            Weight("kernel", self.kernel_size + (channels, blocks)),
            Weight("recurrent_kernel", self.kernel_size + (self.filters, blocks)),
        ]
        if self.use_bias:
            weights.append(Weight("bias", (blocks,)))
        return weights


class ConvLSTM(RNN):
    """ConvLSTM1D/2D/3D: an RNN over a ConvLSTMCell, on (batch, time, *spatial, channels)."""

    rank: int
    min_ndim = None
    coverage_note = None  # one cell, never stacked
    # its kernels are convolutions: the shapes stated, the weights listed, the MACs not
    # counted (Layer's); its field is a recurrence's
    shape_formula = Layer.shape_formula
    param_formula = Layer.param_formula
    macs = Layer.macs

    @property
    def ndim(self):
        return self.rank + 3

    def make_cell(self, a):
        # Keras hands the cell the layer's dtype, not its trainable: a frozen ConvLSTM's
        # cell weights stay trainable as variables (see naming.py's trainable_by_variable)
        config = {**self.config, "trainable": True}
        return "conv_lstm_cell", ConvLSTMCell(self.class_name, config, self.rank)

    def state_shapes(self, step_shape):
        return [self.cell.compute_output_shape(step_shape)] * 2  # h and c

    def step_output_shape(self, step_shape):
        return self.cell.compute_output_shape(step_shape)

    def rank_hint(self):
        spatial = {1: "steps", 2: "height, width", 3: "depth, height, width"}[self.rank]
        return f"{self.class_name} works on (batch, time, {spatial}, channels) inputs"


@register
class ConvLSTM1D(ConvLSTM):
    rank = 1


@register
class ConvLSTM2D(ConvLSTM):
    rank = 2


@register
class ConvLSTM3D(ConvLSTM):
    rank = 3
