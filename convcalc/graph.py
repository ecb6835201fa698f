"""The model graph: what a spec (or any other reader) describes, before any arithmetic.

A reader turns its source into a ModelGraph; the analytic engine walks it. Nothing here
knows Keras's rules; it only records which layer is called, with which arguments, on what.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

# The classes of an entry that holds a whole model (its `model` kwarg, a ModelGraph), as
# every reader writes them (keras.Model is read as Functional).
NESTED_MODELS = ("Sequential", "Functional")


# ModelInput.dtype of an InputLayer that Sequential.build makes: its first layer's compute
# dtype (keras/src/models/sequential.py build), which the analysis resolves
FIRST_LAYER_DTYPE = "(the first layer's compute dtype)"


@dataclass(frozen=True)
class UnknownDtype:
    """An input dtype a reader does not know; `why`, for --show-dtype's refusal."""

    why: str


@dataclass
class ModelInput:
    name: str | None  # None: auto-named as Keras would (input_layer, input_layer_1, ...)
    shape: tuple  # without the batch axis; None for a free axis
    line: int | None = None
    # Keras's name of its dtype (keras.Input(dtype="int32")); None: floatx, float32;
    # FIRST_LAYER_DTYPE, or an UnknownDtype. No figure of a summary depends on it
    dtype: "str | UnknownDtype | None" = None


@dataclass(slots=True)
class LayerCall:
    """One layer entry: a Keras class, its arguments, and what it is applied to."""

    class_name: str | None  # as written (may be an alias such as Convolution2D); None with `use`
    args: list = field(default_factory=list)
    kwargs: dict = field(default_factory=dict)
    # What it is applied to: None (the entry before), a reference ("name" or "name[i]",
    # or an Output), or a list of references (the layer gets a list: layer([a, b])).
    inputs: str | list | None = None
    position: int = 0  # 1-based position in the spec's layer list
    line: int | None = None
    use: str | None = None  # apply this already defined layer again (shared weights)
    # The call's keywords (signatures.CALL_KEYWORDS): initial_state / mask, a reference or
    # a list of them (Keras's node lists their tensors after the inputs); training, a value
    call_kwargs: dict = field(default_factory=dict)
    # Keras's index of this call among all the layer's calls, when calls outside this model
    # (a layer shared with another model) come before it; None: its calls in this graph
    node_index: int | None = None
    # The names of the keras.ops operations this call's mask makes (Embedding's not_equal),
    # as the code's run gives them; None: as the engine meets them (convcalc/layers/masks.py)
    mask_names: list | None = None
    # The code's layer object this entry is (the Python reader's id of it): its weights
    # are the variables a user layer holding that object counts too
    variables: object = None
    # The rule of a class the code defines (layers/user.py), made by the Python reader;
    # None: the Keras class's own rule
    rule: object = None
    # What the code wrote for the model a nested-model call holds, when it is an
    # application's (LayerCall("VGG16", its arguments)): a spec writes that entry instead
    # when it reads back the same (write_spec.py); None: nothing else to write
    written_as: "LayerCall | None" = None
    # The shape a layer was built on before any call (Normalization.adapt(data)): Keras's
    # summary shows it so in a model never built; None: built by its calls
    built_on: list | None = None
    # The class the code derives from this Keras class without changing what it computes
    # (class MCDropout(keras.layers.Dropout)): the summary's row shows it; None: the class
    shown_class: str | None = None


def code_defined(graph):
    """(what, line) of the first thing in a graph that is the file's own code (a subclassed
    model; a layer of a class the file defines or a Lambda's function, its rule made by
    the Python reader), nested models searched too; None if there is none."""
    if graph.api == "subclassed":
        return f"a subclassed model ('{graph.name}', a class the file defines)", None
    for call in graph.layers:
        if call.rule is not None:
            return call.rule.code, call.line
        if call.shown_class is not None:
            return f"a layer of the class {call.shown_class} the file defines", call.line
        if call.class_name in NESTED_MODELS and call.use is None:
            found = code_defined(call.kwargs["model"])
            if found is not None:
                return found
    return None


def is_layer_list(value):
    """Whether an argument is a list of layer entries (RNN's cells): a reader puts layer
    entries only at an argument's top or in such a list."""
    return isinstance(value, list) and any(isinstance(v, LayerCall) for v in value)


_REFERENCE = re.compile(r"(.+?)((?:\[\d+\]){1,2})")


class Reference(NamedTuple):
    """A reference by name, as specs write it: "layer" (its one output), "layer[i]"
    (output i), both of the layer's latest call, or "layer[n][i]" (output i of its call
    n, counted from 0, as Keras's Connected to column writes it). One parser and one
    formatter, so that the readers, the engine, the summary rows and the spec writer
    agree on the syntax. A tuple, as cheap as one: a summary row holds one per input."""

    layer: str
    call: int | None = None  # None: the layer's latest call
    output: int | None = None  # None: its one output (then call is None too)

    @classmethod
    def parse(cls, text: str) -> "Reference":
        match = _REFERENCE.fullmatch(text)
        if not match:
            return cls(text)
        indices = [int(i) for i in re.findall(r"\d+", match[2])]
        return cls(match[1], *indices) if len(indices) == 2 else cls(match[1], output=indices[0])

    def __str__(self):
        call = "" if self.call is None else f"[{self.call}]"
        output = "" if self.output is None else f"[{self.output}]"
        return f"{self.layer}{call}{output}"


@dataclass
class ModelGraph:
    layers: list[LayerCall]
    api: str = "sequential"  # or "functional"
    name: str | None = None
    inputs: list[ModelInput] = field(default_factory=list)
    outputs: list[str] | None = None
    batch_size: int | None = None
    source: str | None = None  # the file it was read from, for messages
    outputs_line: int | None = None  # where `outputs:` is written, for messages
    # False: a Sequential its code never gives an input shape (no Input, input_shape,
    # build() or call), which Keras's summary lists unbuilt (analyze_unbuilt in engine.py)
    built: bool = True
    # A Sequential's InputLayer that Keras makes itself (from its first layer's or model's
    # input shape): its name, as the code's run gave it; None: the analysis names it
    input_name: str | None = None
    # The optimizer its code built (compile, then fit), as report/optimizer.py reads one:
    # Keras's summary then counts its variables (` Optimizer params`); None: not built
    optimizer: str | None = None
    # The global dtype policy its code had set when it built the model (set_global_policy),
    # the model's own (compile wraps its optimizer under mixed_float16); None: none set. Its
    # layers hold theirs as their `dtype`
    dtype_policy: str | None = None


@dataclass(frozen=True, eq=False)
class Output:
    """A reference by identity: output `index` of a LayerCall's (latest) call, or a
    ModelInput. Graphs built by code (convcalc/applications) refer so to layers that
    Keras auto-names, whose names are only known once the analysis plans them."""

    source: LayerCall | ModelInput
    index: int | None = None
