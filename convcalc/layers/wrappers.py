"""Layers that wrap another layer (keras/src/layers/core/wrapper.py and its subclasses
TimeDistributed and SpectralNormalization; rnn/bidirectional.py): the wrapped layer is a
layer entry, reaching the rule as an InnerLayer whose rule computes its shapes and weights.

The summary lists only the wrapper; its weights are the wrapped layer's (two copies for
Bidirectional), plus the wrapper's own.
"""

from __future__ import annotations

from convcalc.errors import SpecError, shown
from convcalc.layers import arguments as arg
from convcalc.layers.base import Call, InnerLayer, Layer, Weight, format_shape, shapes_text, sublayer_weights
from convcalc.layers.operation_utils import NonPositiveSize, number
from convcalc.layers.recurrent import RNN, Recurrence
from convcalc.layers.registry import register


def layer_entry(value, name, wrapper):
    """Keras's check that the argument is a Layer instance."""
    if not isinstance(value, InnerLayer):
        raise SpecError(
            f"'{name}' must be a layer entry; got {shown(value)}",
            hint=f"for example: {wrapper}: {{{name}: {{Dense: 8}}}}",
        )
    if value.rule.input_kind != "tensor":
        raise SpecError(f"{wrapper} wraps layers called on one tensor; {value.class_name} takes several")
    return value


class Wrapper(Layer):
    """keras.layers.Wrapper: holds `layer`, and builds it on the input it is given."""

    def configure(self, a):
        self.layer = layer_entry(a.layer, "layer", self.class_name)

    def inner_input_shape(self, input_shape):
        return input_shape

    def build(self, input_shape):
        inner = self.layer
        shape = self.inner_input_shape(input_shape)
        # Keras's Wrapper.build calls the layer's build directly, skipping its input check:
        # on the wrong rank it mostly fails, or accepts shapes that fail when run
        # (TimeDistributed(MaxPooling2D) on 1-D steps): convcalc refuses them all
        inner.rule.check_input_rank(shape)
        return sublayer_weights(inner.name, inner.rule.build(shape), inner.rule)

    def quantized_weights(self, weights, mode, input_shape):
        """model.quantize quantizes the wrapped layer (a leaf of the model's layers):
        its weights, re-made and quantized by its rule, in place of its own."""
        inner = self.layer
        shape = self.inner_input_shape(input_shape)
        quantized = inner.rule.quantized_weights(inner.rule.build(shape), mode, shape)
        if quantized is None:
            return None
        prefix = inner.name + "/"
        return [w for w in weights if not w.name.startswith(prefix)] + sublayer_weights(inner.name, quantized, inner.rule)

    def built_layers(self):
        return self.layer.rule.built_layers()


@register
class TimeDistributed(Wrapper):
    """Applies its layer to every step of axis 1: the layer sees (batch, *shape[2:])."""

    coverage_note = (
        "the wrapped layer must take the steps' rank: Keras skips that check, and accepts "
        "some shapes that fail when run (MaxPooling2D on 1-D steps)"
    )

    def check_input_rank(self, input_shape):
        if len(input_shape) < 3:
            raise SpecError(
                f"TimeDistributed needs an input of at least 3 dimensions (batch, time, ...); "
                f"got {format_shape(input_shape)}"
            )

    def inner_input_shape(self, input_shape):
        return (input_shape[0], *input_shape[2:])

    def build(self, input_shape):
        try:
            return self.shifted(super().build, input_shape)
        except NonPositiveSize:
            raise
        except SpecError as error:  # say what the layer was given: one step
            step = format_shape(self.inner_input_shape(input_shape))
            raise SpecError(
                f"TimeDistributed applies {self.layer.class_name} to each step, of shape {step}, but {error.what}",
                hint=error.hint,
            ) from None

    def compute_output_shape(self, input_shape):
        out = self.shifted(self.layer.rule.compute_output_shape, self.inner_input_shape(input_shape))
        if isinstance(out, list):  # Keras fails on it ("Cannot convert ... to a shape")
            raise SpecError(
                f"TimeDistributed cannot wrap a layer with several outputs ({self.layer.class_name} "
                f"gives {len(out)})",
                hint="drop return_state from the wrapped layer",
            )
        return (out[0], input_shape[1], *out[1:])

    @staticmethod
    def shifted(method, shape):
        """A window that does not fit, reported on the wrapper's axis (one further)."""
        try:
            return method(shape)
        except NonPositiveSize as error:
            raise NonPositiveSize(error.axis + 1, error.formula) from None

    def axis_formulas(self, input_shape):
        formulas = self.layer.rule.axis_formulas(self.inner_input_shape(input_shape))
        return None if formulas is None else {axis + 1: f for axis, f in formulas.items()}

    # its layer's derivations on one step (the time axis taken out), its MACs once per step

    def step_call(self, call):
        """The wrapped layer's Call on one step's shapes, its weights named as its own."""
        prefix = self.layer.name + "/"
        weights = [Weight(w.name.removeprefix(prefix), w.shape, w.trainable) for w in call.weights]
        return Call(self.layer.class_name, [self.inner_input_shape(s) for s in call.input_shapes],
                    [self.inner_input_shape(s) for s in call.output_shapes], weights)

    def shape_formula(self, call):
        step = self.step_call(call)
        lines = list(self.layer.rule.shape_formula(step) or [shapes_text(step.output_shapes)])
        steps = call.input_shape[1]
        lines[0] = f"each of the {number(steps) if steps is not None else 'None'} steps (axis 1): {lines[0]}"
        return lines

    def param_formula(self, call):
        return self.layer.rule.param_formula(self.step_call(call))  # the wrapped layer's formula is its own

    def macs(self, call):
        value, lines = self.layer.rule.macs(self.step_call(call))
        steps = call.input_shape[1]
        if value is None or not value:
            return value, lines
        if steps is None:
            return None, ["unknown: the number of steps is None"]
        return value * steps, lines + [f"× {number(steps)} steps = {number(value * steps)}"]


@register
class SpectralNormalization(Wrapper):
    """Normalizes its layer's kernel (or embeddings) by its largest singular value, kept
    estimated in a non-trainable vector `vector_u` of the kernel's last size."""

    def configure(self, a):
        super().configure(a)
        arg.positive_int(a.power_iterations, "power_iterations")

    def build(self, input_shape):
        kernel = self.kernel(input_shape)
        if kernel is None:
            raise SpecError(
                f"SpectralNormalization normalizes a kernel: {self.layer.class_name} has no "
                f"'kernel' nor 'embeddings' weight",
                hint="wrap a layer with a kernel, such as Dense or Conv2D",
            )
        # vector_u takes the kernel's dtype (spectral_normalization.py: dtype=self.kernel.dtype)
        bits = kernel.bits or self.kernel_rule().weight_bits
        return super().build(input_shape) + [Weight("vector_u", (1, kernel.shape[-1]), trainable=False, bits=bits)]

    def kernel_rule(self):
        """The rule of the layer whose kernel it normalizes (through SpectralNormalizations)."""
        rule = self.layer.rule
        return rule.kernel_rule() if isinstance(rule, SpectralNormalization) else rule

    def kernel(self, input_shape):
        """The weight Keras finds as its layer's `kernel` (or `embeddings`) attribute: a
        SpectralNormalization holds its own layer's as `kernel`, so it can be wrapped again."""
        rule = self.layer.rule
        if isinstance(rule, SpectralNormalization):
            return rule.kernel(input_shape)
        own = {w.name: w for w in rule.build(input_shape)}
        return own.get("kernel") or own.get("embeddings")

    def quantized_weights(self, weights, mode, input_shape):
        """Its layer's quantized weights; with int8 and int4 (which replace the kernel) the
        float kernel too: this layer still holds it, as its `kernel` (taken at build)."""
        quantized = super().quantized_weights(weights, mode, input_shape)
        if quantized is None or mode == "float8":
            return quantized
        held = f"{self.layer.name}/{self.kernel(input_shape).name}"
        return [w for w in weights if w.name == held] + quantized

    def compute_output_shape(self, input_shape):
        return self.layer.rule.compute_output_shape(input_shape)

    def axis_formulas(self, input_shape):
        return self.layer.rule.axis_formulas(input_shape)


MERGE_MODES = ("sum", "mul", "ave", "concat", None)


@register
class Bidirectional(Recurrence):
    """Runs its RNN forward and a copy backward (go_backwards flipped, or `backward_layer`)
    over the same input, and merges the two outputs. Keras's output shape is the forward
    layer's, doubled on the last axis for concat, and given twice for merge_mode None."""

    coverage_note = (
        "--style keras2 prints Keras 3's figures where tf-keras differs: a narrower "
        "backward_layer, a frozen wrapped layer"
    )

    def configure(self, a):
        self.forward = self.rnn_entry(a.layer, "layer")
        self.backward = self.forward if a.backward_layer is None else self.rnn_entry(a.backward_layer, "backward_layer")
        if a.merge_mode not in MERGE_MODES:
            raise SpecError(
                f"'merge_mode' must be one of 'sum', 'mul', 'ave', 'concat' or null; got {shown(a.merge_mode)}"
            )
        self.merge_mode = a.merge_mode
        if a.weights is not None:
            raise SpecError(
                "'weights' (initial weight values) cannot be given in a spec",
                hint="weight values change no shape: leave it out",
            )
        forward, backward = self.forward.rule, self.backward.rule
        # the forward copy keeps the layer's go_backwards; the default backward copy sets it
        backward_go_backwards = True if a.backward_layer is None else backward.go_backwards
        if forward.go_backwards == backward_go_backwards:
            raise SpecError(
                f"the forward and backward layers need different go_backwards; both are "
                f"{forward.go_backwards}",
                hint="the forward layer must not go backwards; a backward_layer must (go_backwards: true)",
            )
        for attribute in ("stateful", "return_sequences", "return_state"):
            if getattr(forward, attribute) != getattr(backward, attribute):
                raise SpecError(
                    f"the forward and backward layers need the same {attribute}; got "
                    f"{getattr(forward, attribute)} and {getattr(backward, attribute)}"
                )
        self.return_state = forward.return_state

    def rnn_entry(self, value, name):
        entry = layer_entry(value, name, "Bidirectional")
        if not isinstance(entry.rule, RNN):  # Keras copies it with go_backwards=True
            raise SpecError(
                f"Bidirectional wraps a recurrent layer (LSTM, GRU, SimpleRNN, RNN, ConvLSTM2D, ...); "
                f"got {entry.class_name}"
            )
        return entry

    def check_input_rank(self, input_shape):
        self.forward.rule.check_input_rank(input_shape)  # Keras takes the layer's input_spec

    def compute_mask(self, inputs, mask, operation):
        """keras/src/layers/rnn/bidirectional.py: the input's mask on the sequence output
        (on both, for merge_mode None)."""
        mask = mask[0] if isinstance(mask, list) else mask
        if not self.forward.rule.return_sequences:
            return None
        return [mask, mask] if self.merge_mode is None else mask

    def build(self, input_shape):
        weights = []
        for direction, entry in (("forward", self.forward), ("backward", self.backward)):
            name = f"{direction}_{entry.name.removeprefix(direction + '_')}"  # as Keras names the copies
            weights += sublayer_weights(name, entry.rule.build(input_shape), entry.rule)
        return weights

    def compute_output_shape(self, input_shape):
        output = self.forward.rule.compute_output_shape(input_shape)
        states = []
        if self.return_state:  # the RNN's outputs come flattened: output, then its states
            output, states = output[0], output[1:]
        if self.merge_mode == "concat":
            outputs = [(*output[:-1], output[-1] * 2)]
        elif self.merge_mode is None:
            outputs = [output, output]
        else:
            outputs = [output]
        outputs += states + states  # the forward layer's states, then the backward's
        return outputs[0] if len(outputs) == 1 else outputs

    def rnn_rules(self):
        return [self.forward.rule, self.backward.rule]

    def shape_formula(self, call):
        merge = {"concat": "concatenated (twice the units)", "sum": "summed", "mul": "multiplied",
                 "ave": "averaged", None: "returned apart"}[self.merge_mode]
        return [f"{self.steps_text(self.forward.rule, call)} of both directions, {merge}"]
