"""The analytic twin of keras.layers.Layer: arguments in, output shape and weights out.

A rule subclass mirrors one Keras class: ``configure`` checks and standardizes the
arguments (Keras's ``__init__``), ``compute_output_shape`` is Keras's method of that name,
and ``build`` lists the weights Keras's ``build`` would create.
"""

from __future__ import annotations

import contextvars
from dataclasses import dataclass
from types import SimpleNamespace

from convcalc.errors import SpecError, shown
from convcalc.layers import arguments
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
        )
        for w in weights
    ]


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

    def compute_mask(self, inputs, mask, operation):
        """Keras's compute_mask, for a layer that supports masking (convcalc/masks.py):
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


def _any_mask(mask):
    if isinstance(mask, (list, tuple)):
        return any(_any_mask(m) for m in mask)
    return mask is not None


def format_shape(shape):
    """A shape as Python (and Keras's messages) write it: (None, 8), (4,)."""
    return str(tuple(shape))


class SpatialLayer(Layer):
    """A layer over `rank` spatial axes: (batch, *spatial, channels) in, as Keras's
    InputSpec(ndim=rank + 2) of convolutions, pooling, padding and spatial dropout."""

    rank: int

    @property
    def ndim(self):
        return self.rank + 2
