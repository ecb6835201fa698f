"""The analytic twin of keras.layers.Layer: arguments in, output shape and weights out.

A rule subclass mirrors one Keras class: ``configure`` checks and standardizes the
arguments (Keras's ``__init__``), ``compute_output_shape`` is Keras's method of that name,
and ``build`` lists the weights Keras's ``build`` would create.

A rule also derives, as a student would write it, what it computes on one call (a Call):
``shape_formula`` (its output shape's derivation), ``param_formula`` (its parameter
count's), ``macs`` (its multiply-adds) and ``field_step`` (its receptive field's step),
with the (value, formula) helpers of layers/operation_utils.py. The defaults know nothing
of a layer's arithmetic: the shapes stated, each weight's shape product, no MACs without
weights. `convcalc explain` and `summarize --columns` only format and sum what rules say.
"""

from __future__ import annotations

import contextvars
from dataclasses import dataclass
from types import SimpleNamespace

from convcalc.errors import SpecError, shown
from convcalc.layers import arguments
from convcalc.layers.field import kept
from convcalc.layers.operation_utils import SPATIAL_AXES, merge_axes, product, sum_text
from convcalc.layers.signatures import call_signature

# Bits per weight for the dtype policies a layer's `dtype` may name (its variable dtype).
VARIABLE_BITS = {
    None: 32,
    "float32": 32,
    "float16": 16,
    "bfloat16": 16,
    "float64": 64,
    "mixed_float16": 32,
    "mixed_bfloat16": 32,
}
# Bits per value of what a layer computes (its outputs) under each policy: mixed policies
# keep float32 weights but compute in 16 bits.
COMPUTE_BITS = {**VARIABLE_BITS, None: 32, "mixed_float16": 16, "mixed_bfloat16": 16}
# The dtype a layer computes in under each policy (DTypePolicy.compute_dtype)
COMPUTE_DTYPES = {None: "float32", "float32": "float32", "float16": "float16", "bfloat16": "bfloat16",
                  "float64": "float64", "mixed_float16": "float16", "mixed_bfloat16": "bfloat16"}
FLOAT_DTYPES = ("float16", "bfloat16", "float32", "float64")  # what Layer.__call__ casts (autocast)
# The global dtype policy (keras.config.set_dtype_policy) while a model is analyzed: a
# layer whose `dtype` is None takes it, as in Keras. None: float32.
DTYPE_POLICY: contextvars.ContextVar = contextvars.ContextVar("dtype_policy", default=None)


@dataclass(frozen=True)
class Weight:
    name: str
    shape: tuple
    trainable: bool = True
    bits: int | None = None  # its own dtype's size (Normalization's int64 count); None: the layer's
    # made by a layer this one holds (its cell, its wrapped layer, its projections): its
    # variable's own flag, which this layer's `trainable: false` leaves as it is (Keras 3;
    # naming.py's trainable_by_variable). None: made by this layer, frozen with it
    variable_trainable: bool | None = None
    # overwritten by its gradient rather than trained (float8 scales): no optimizer slot
    overwrite_with_gradient: bool = False
    # which Keras variable it is, where two rows hold the same one (a layer the model
    # calls and a user layer holds too): a model's totals count it once; None: its own
    variable: object = None

    @property
    def size(self):
        count = 1
        for dim in self.shape:
            count *= dim
        return count


@dataclass(eq=False)
class InnerLayer:
    """A layer given as another layer's argument (Bidirectional's `layer`, RNN's `cell`):
    its Keras name and its rule, which the outer rule calls."""

    name: str
    class_name: str
    rule: "Layer"


def sublayer_weights(prefix, weights, rule):
    """Weights a sublayer (an RNN's cell, a wrapper's layer) made, as its owner holds
    them: named by path as Keras names them, sized by the sublayer's own dtype; trainable
    only if the sublayer is (tf-keras), their variables' flags kept (Keras 3: the flag a
    variable got from the layer that made it)."""
    return [
        Weight(
            f"{prefix}/{w.name}", w.shape, w.trainable and rule.trainable, w.bits or rule.weight_bits,
            variable_trainable=w.trainable and rule.trainable if w.variable_trainable is None else w.variable_trainable,
            overwrite_with_gradient=w.overwrite_with_gradient,
        )
        for w in weights
    ]


@dataclass(frozen=True)
class Call:
    """One call of a rule as its derivations read it (convcalc/report/layer_calls.py makes it
    from an analyzed call): its shapes in Keras's node order, and the weights the rule
    built for them."""

    class_name: str  # as Keras prints it (the operation ops.Add: Add)
    input_shapes: list
    output_shapes: list
    weights: list
    # a call on named tensors (attention's query=, value=): their names, sorted as
    # Keras 3's node holds them
    input_names: tuple | None = None
    # the shape a Flatten flattened into the (first) input, when it comes straight from one
    flattened: tuple | None = None

    @property
    def input_shape(self):
        return self.input_shapes[0]

    @property
    def output_shape(self):
        return self.output_shapes[0]

    @property
    def single_input(self):
        return len(self.input_shapes) == 1


def weight_listing(class_name, weights):
    """Each weight's shape product, and their total: the parameter count of a layer
    without a formula of its own."""
    if not weights:
        return [f"0  ({class_name} has no weights)"]
    lines = [f"{w.name}: {product(w.shape)[1]}" + ("  (non-trainable)" if not w.trainable else "")
             for w in weights]
    if len(weights) > 1:
        lines.append("total: " + sum_text(w.size for w in weights)[1])
    return lines


def lora_formula(rule, call):
    """(lines, total) of a layer with enable_lora (rule.lora_rank): its weights listed,
    and what LoRA does to them."""
    lines = weight_listing(call.class_name, call.weights) + [
        f"LoRA (rank {rule.lora_rank}) freezes the kernel and trains lora_kernel_a × lora_kernel_b instead"]
    return lines, sum(w.size for w in call.weights)


class Layer:
    """Base rule. Subclasses set ``ndim`` (exact input rank, batch axis included) or
    ``min_ndim``, as Keras's InputSpec does, and override what differs."""

    ndim: int | None = None
    min_ndim: int | None = None
    # How Keras calls it: on one tensor, on a list (merges: layer([a, b])), or on
    # named tensors (attention: layer(query=q, value=v)).
    input_kind = "tensor"
    # A call on named tensors: the one that Keras's call takes first (query), which
    # tf-keras's node lists first
    first_call_argument: str | None = None
    # What its compute_output_shape gives several outputs' shapes in: a summary row built
    # with no call prints that (keras/src/layers/rnn/rnn.py, bidirectional.py: a tuple)
    several_outputs_as = list

    def __init__(self, class_name, config):
        self.class_name = class_name
        self.config = config
        a = SimpleNamespace(**config)
        self.trainable = arguments.boolean(config.get("trainable", True), "trainable")
        dtype = config.get("dtype")
        if not isinstance(dtype, (str, type(None))) or dtype not in VARIABLE_BITS:
            raise SpecError(
                f"'dtype' must be one of {', '.join(k for k in VARIABLE_BITS if k)}; got {shown(dtype)}"
            )
        self.dtype_policy = dtype if dtype is not None else DTYPE_POLICY.get()
        self.weight_bits = VARIABLE_BITS[self.dtype_policy]
        self.configure(a)

    @property
    def compute_dtype(self):
        """layer.compute_dtype (keras/src/layers/layer.py): the dtype Layer.__call__ casts
        floating inputs to, its policy's (preprocessing layers override it)."""
        return COMPUTE_DTYPES[self.dtype_policy]

    def configure(self, a):
        """Check and standardize the arguments, as the Keras class's __init__ does."""

    def check_input_rank(self, input_shape):
        rank = len(input_shape)
        if self.ndim is not None and rank != self.ndim:
            need = f"a {self.ndim}-D input"
        elif self.min_ndim is not None and rank < self.min_ndim:
            need = f"an input of at least {self.min_ndim} dimensions"
        else:
            return
        raise SpecError(
            f"{self.class_name} needs {need} (batch axis included); "
            f"got the {rank}-D shape {format_shape(input_shape)}",
            hint=self.rank_hint(),
        )

    def rank_hint(self):
        return None

    def compute_output_shape(self, input_shape):
        return input_shape

    def quantized_weights(self, weights, mode, input_shape):
        """The weights after Keras's quantize(mode) (keras/src/layers/layer.py: a layer
        without one keeps its weights, Keras warns): None, or the new list
        (convcalc/layers/quantization.py has the shared shapes)."""
        return None

    def apply(self, input_shape):
        """Keras's Layer.__call__ on shapes (keras/src/layers/layer.py): the input checked
        (a single tensor's rank, InputSpec), the layer built, its output shape; the one
        way the analysis, the applications' tracer, the Python reader and Pipeline call a
        rule. (weights, output shape; a list of shapes for several outputs)"""
        if not isinstance(input_shape, (list, dict)):
            self.check_input_rank(input_shape)
        weights = self.build(input_shape)
        return weights, self.compute_output_shape(input_shape)

    def build(self, input_shape):
        """The weights this layer creates for that input: a list of Weight."""
        return []

    def created_layers(self):
        """Class names of the layers Keras's __init__ creates inside this one (each takes
        an auto-name, after this layer's own): RandAugment's RandomShear, ..."""
        return ()

    def contained_layers(self):
        """(InnerLayer, its weights, its output shape) of each layer this one holds and
        calls, which Keras's summary lists under it with expand_nested (Pipeline's
        `layers`); their weights are counted as this layer's."""
        return ()

    def built_layers(self):
        """Class names of the unnamed layers Keras's build creates inside this one: each
        takes an auto-name when the layer is first called (MultiHeadAttention's Softmax
        and Dropout make a later Dropout `dropout_1`)."""
        return ()

    def axis_formulas(self, input_shape):
        """For sliding-window layers: {axis: formula} of each spatial axis; else None."""
        return None

    # -- derivations of one call (Call): what `convcalc explain` and the columns show --

    def axis_lines(self, call):
        """The axis_formulas of the call, merged (one line if all axes agree)."""
        if not call.single_input:
            return []
        try:
            formulas = self.axis_formulas(call.input_shape)
        except Exception:  # noqa: BLE001 (a rule's helper on an input it was not written for)
            return []
        if not formulas:
            return []
        names = SPATIAL_AXES.get(len(formulas)) or [f"axis {axis}" for axis in formulas]
        return merge_axes([[text] for text in formulas.values()], names)

    def shape_formula(self, call):
        """Lines deriving the output shape (explain ends the last with the shape)."""
        lines = self.axis_lines(call)
        if lines:
            return lines
        if call.single_input and call.output_shapes == call.input_shapes:
            return ["same shape as its input"]
        return [f"{call.class_name} of {shapes_text(call.input_shapes)}"]

    def param_formula(self, call):
        """(lines, total): the parameter count's derivation and the count it gives, which
        must be the call's weights' (explain records a formula that misses them)."""
        return weight_listing(call.class_name, call.weights), sum(w.size for w in call.weights)

    def macs(self, call):
        """(multiply-adds per sample or None where unknown, lines). One MAC is one
        multiplication by a weight (or, in attention, of two activations) and its
        addition: 0 without weights; else unknown unless the rule counts them."""
        if not call.weights:
            return 0, ["0  (no weights to multiply by)"]
        return None, [f"not counted: convcalc has no MAC rule for {call.class_name}"]

    def field_step(self, call, in_fields):
        """(Field or None where not tracked, lines): the output's receptive field
        (layers/field.py) from the inputs' fields."""
        if call.single_input and call.output_shapes == call.input_shapes and not call.weights:
            return kept(in_fields)
        return None, [f"not tracked through {call.class_name}"]

    def compute_mask(self, inputs, mask, operation):
        """Keras's compute_mask, for a layer that supports masking (convcalc/layers/masks.py):
        its outputs' masks from its input tensors and their `mask` (Tensors or None, in
        the call's structure); `operation(class name, operands, shape)` records a
        keras.ops operation Keras's compute_mask applies and gives its output. Layer's
        own passes the mask on; a class whose Keras compute_mask differs has its own."""
        if call_signature(self.class_name)["compute_mask"] and _any_mask(mask):
            raise SpecError(
                f"convcalc does not follow a mask through {self.class_name} (Keras computes its "
                "mask with operations convcalc does not model)",
                hint="apply the layer before the masking one (Embedding's mask_zero, Masking)",
            )
        return mask



class PositionWise(Layer):
    """A layer that works value by value, or along the channels only (activations,
    dropout, normalization, cropping): its output keeps its input's positions, and so
    each one's field; a weight scales or shifts, it is no matrix to multiply by."""

    def field_step(self, call, in_fields):
        if not call.single_input or len(call.input_shape) != len(call.output_shape):
            return super().field_step(call, in_fields)
        return kept(in_fields)

    def macs(self, call):
        if not call.weights:
            return super().macs(call)
        return 0, ["0  (works value by value: MACs count products with weight matrices only)"]


def _any_mask(mask):
    if isinstance(mask, (list, tuple)):
        return any(_any_mask(m) for m in mask)
    return mask is not None


def format_shape(shape):
    """A shape as Python (and Keras's messages) write it: (None, 8), (4,)."""
    return str(tuple(shape))


def shapes_text(shapes):
    """One output: (None, 8, 8, 5); several: [(None, 32), (None, 32)]."""
    if len(shapes) == 1:
        return format_shape(shapes[0])
    return "[" + ", ".join(format_shape(s) for s in shapes) + "]"


class SpatialLayer(Layer):
    """A layer over `rank` spatial axes: (batch, *spatial, channels) in, as Keras's
    InputSpec(ndim=rank + 2) of convolutions, pooling, padding and spatial dropout."""

    rank: int

    @property
    def ndim(self):
        return self.rank + 2
