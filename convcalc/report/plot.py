"""The graph keras.utils.plot_model draws, as data: boxes, dashed clusters and edges.

Mirrors keras/src/utils/model_visualization.py (model_to_dot, make_layer_label,
get_layer_activation_name, add_edge) on the analyzed model the summary rows come from:
one box per row of the summary (a Sequential's layers, a functional model's operations,
InputLayers included), or with expand_nested a dashed cluster per nested model. The
renderers (render/dot_out.py, render/mermaid_out.py) only write it out.
"""

from __future__ import annotations

import pathlib
from dataclasses import dataclass, field

from convcalc.analysis.engine import AnalyzedLayer, AnalyzedModel, require_built
from convcalc.errors import SpecError
from convcalc.graph import NESTED_MODELS, UnknownDtype
from convcalc.layers.arguments import ACTIVATION_ALIASES
from convcalc.layers.base import COMPUTE_DTYPES, Layer
from convcalc.layers.operations import Operation
from convcalc.layers.user import GivenLayer
from convcalc.read import CODE_SUFFIXES, CONFIG_SUFFIXES

# The Keras classes that have an `activation` attribute (make_layer_label shows it):
# keras/src/layers/core/dense.py, core/einsum_dense.py, activations/activation.py,
# convolutional/base_conv.py, base_conv_transpose.py, base_depthwise_conv.py,
# base_separable_conv.py and their subclasses, rnn/simple_rnn.py, gru.py, lstm.py
# (a property: the cell's), rnn/conv_lstm.py's subclasses.
ACTIVATION_CLASSES = frozenset({
    "Dense", "EinsumDense", "Activation",
    "Conv1D", "Conv2D", "Conv3D", "Conv1DTranspose", "Conv2DTranspose", "Conv3DTranspose",
    "DepthwiseConv1D", "DepthwiseConv2D", "SeparableConv1D", "SeparableConv2D",
    "SimpleRNN", "GRU", "LSTM", "ConvLSTM1D", "ConvLSTM2D", "ConvLSTM3D",
})
# The tf.nn functions Keras code may give as an activation whose __name__ is not Keras's
# name for it; the Python reader reads them as Keras's (tf.nn.softmax as softmax)
TF_NN_NAMES = {"softmax": "softmax_v2", "log_softmax": "log_softmax_v2", "silu": "swish", "swish": "swish"}
# Output dtypes (show_dtype). keras/src/ops/numpy.py: what these operations return whatever
# their inputs; the others compute in their inputs' dtype (dtypes.result_type)
OPERATION_DTYPES = {
    **dict.fromkeys(("Any", "Equal", "NotEqual", "Greater", "GreaterEqual", "Less", "LessEqual",
                     "LogicalAnd", "LogicalNot", "LogicalOr", "LogicalXor"), "bool"),
    "Argmax": "int32", "Argmin": "int32",
}
# operations that only move their input's values: any dtype passes through
MOVING_OPERATIONS = frozenset({"GetItem", "Reshape", "ExpandDims", "Squeeze", "Transpose", "Tile", "BroadcastTo",
                               "Concatenate", "Stack", "Split", "Pad", "ConvertToTensor", "Take", "TakeAlongAxis"})
# operands that say where to read (GetItem's key, take's indices), not values of the result
INDEX_OPERANDS = frozenset({"key", "indices"})
# layers whose output dtype follows their output_mode and dtype (keras/src/layers/preprocessing/
# hashing.py, hashed_crossing.py): convcalc does not derive it
MODE_DTYPE_LAYERS = frozenset({"Hashing", "HashedCrossing"})
# compute_output_spec of keras/src/layers/preprocessing/index_lookup.py, text_vectorization.py:
# int64 in output_mode "int", else floatx (float32), whatever the policy and the input
LOOKUP_LAYERS = frozenset({"IntegerLookup", "StringLookup", "TextVectorization"})
# Layer.compute_output_spec (keras/src/layers/layer.py) gives compute_output_shape's shape
# in the compute dtype, whatever the input's; these give their input's (reshaping/flatten.py,
# reshape.py, permute.py, core/identity.py, image_preprocessing/equalization.py,
# random_grayscale.py), which Layer.__call__ cast to the compute dtype if floating
INPUT_DTYPE_LAYERS = frozenset({"Flatten", "Reshape", "Permute", "Identity", "Equalization", "RandomGrayscale"})
_FLOAT_BITS = {"float16": 16, "bfloat16": 16, "float32": 32, "float64": 64}


@dataclass
class PlotOptions:
    """model_to_dot's arguments (splines stays Keras's "ortho")."""

    show_shapes: bool = False
    show_dtype: bool = False
    show_layer_names: bool = True
    show_layer_activations: bool = False
    show_trainable: bool = False
    rankdir: str = "TB"
    expand_nested: bool = False
    dpi: int = 200


@dataclass(eq=False)
class Box:
    """One layer's box: what make_layer_label writes in it."""

    id: str  # convcalc numbers the boxes in the order they are drawn (Keras: id(layer))
    name: str
    class_name: str
    activation: str | None = None  # shown: the layer has one and show_layer_activations
    input_shape: str | None = None  # shown: show_shapes, and not an InputLayer
    output_shape: str | None = None  # shown: show_shapes
    dtype: str | None = None  # shown: show_dtype
    trainable: bool | None = None  # shown: show_trainable and the layer has weights


@dataclass(eq=False)
class Cluster:
    """A model's graph (the top one, or a nested model's dashed cluster): its boxes and
    clusters in drawing order, then its edges (pairs of box ids)."""

    name: str
    items: list = field(default_factory=list)
    edges: list = field(default_factory=list)

    def add_edge(self, source, destination):
        """add_edge: one edge per pair in a graph."""
        if (source, destination) not in self.edges:
            self.edges.append((source, destination))


def plot_graph(model: AnalyzedModel, options: PlotOptions, source=None) -> Cluster:
    """model_to_dot of the model: the top cluster (its name the model's). `source`: the
    file it was read from, whose kind says what convcalc knows of it."""
    require_built(model, "Keras's plot_model refuses it ('This model has not yet been built')",
                  hint="give it an input shape: keras.Input(shape=...) first, or input_shape on its first layer")
    if model.api not in ("sequential", "functional"):
        raise SpecError(f"the model '{model.name}' is a subclassed model: convcalc plot draws Sequential and "
                        "functional models (Keras's plot_model draws a subclassed one as a single box)",
                        hint="plot a functional or Sequential version of it")
    code = source is not None and _suffix(source) in CODE_SUFFIXES
    drawing = _Drawing(options)
    drawing.dtype_policy = model.dtype_policy
    if code or source is not None and _suffix(source) in CONFIG_SUFFIXES:
        drawing.constant_dtype = None  # the code's arrays and tensors: numpy's, Keras's, x.dtype's
    if code and options.show_layer_activations:  # which of them the code wrote as tf.nn's
        text = pathlib.Path(source).read_text(errors="replace")
        drawing.tf_nn = {name for name in TF_NN_NAMES if f"nn.{name}" in text}
    try:
        return drawing.model(model, frozen=False)
    except SpecError as error:  # a layer's: where the file writes it
        raise error.located(file=None if source is None else str(source)) from None


def _suffix(source):
    name = pathlib.Path(source).name.lower()
    return next((s for s in CONFIG_SUFFIXES if name.endswith(s)), pathlib.Path(source).suffix.lower())


def _is_expanded(layer: AnalyzedLayer, options):
    return options.expand_nested and layer.class_name in NESTED_MODELS and layer.model is not None


class _Drawing:
    def __init__(self, options):
        self.options = options
        self.ids = {}  # AnalyzedLayer -> its box id
        self.dtypes = {}  # AnalyzedLayer -> its output dtype
        self.tf_nn = set()  # activation names the code may have given as tf.nn's functions
        self.constant_dtype = "float32"  # a constant tensor operand's: a spec's are float32; None: not known
        self.dtype_policy = None  # the global policy of the analysis (--dtype)

    def box_id(self, layer):
        if layer not in self.ids:
            self.ids[layer] = str(len(self.ids) + 1)
        return self.ids[layer]

    def model(self, model: AnalyzedModel, frozen):
        """model_to_dot's body: boxes (nested models' clusters), then edges."""
        cluster = Cluster(model.name)
        sequential = model.api == "sequential"
        layers = model.listed_layers
        for layer in layers:
            inner_frozen = frozen or not layer.trainable  # Keras's trainable setter reaches the sublayers
            if _is_expanded(layer, self.options):
                cluster.items.append(self.model(layer.model, inner_frozen))
            else:
                cluster.items.append(self.box(layer, frozen))
        if sequential and not self.options.expand_nested:
            for source, destination in zip(layers, layers[1:]):
                cluster.add_edge(self.box_id(source), self.box_id(destination))
            return cluster
        if sequential:  # its first layer's edge comes from outside, through the model's own
            layers = layers[1:]
        relevant = None if sequential else {node for nodes in model.nodes_by_depth.values() for node in nodes}
        for layer in layers:
            for node in layer.nodes:
                if relevant is not None and node not in relevant:  # a call outside this model
                    continue
                for input_index, tensor in enumerate(node.all_inputs):
                    source, destination = tensor.layer, layer
                    if self.options.expand_nested:
                        source, destination = self.inner_source(tensor), self.inner_destination(layer, input_index)
                    cluster.add_edge(self.box_id(source), self.box_id(destination))
        return cluster

    def inner_source(self, tensor):
        """The box inside nested models that makes the tensor (their outputs, followed)."""
        while _is_expanded(tensor.layer, self.options):
            tensor = tensor.layer.model.outputs[tensor.tensor_index]
        return tensor.layer

    def inner_destination(self, layer, input_index):
        """The box inside nested models the input goes to: a functional model's InputLayer
        of that index, a Sequential's first layer."""
        while _is_expanded(layer, self.options):
            if layer.model.api == "functional":
                layer = layer.model.inputs[input_index].layer
            else:
                layer = layer.model.listed_layers[0]
        return layer

    def tensor_dtype(self, tensor):
        """A tensor's dtype: a nested model's output `i` is its output tensor i's."""
        layer = tensor.layer
        if layer.model is not None and layer.model.outputs and layer.class_name != "Pipeline":
            return self.tensor_dtype(layer.model.outputs[min(tensor.tensor_index, len(layer.model.outputs) - 1)])
        return self.output_dtype(layer)

    def output_dtype(self, layer: AnalyzedLayer):
        """The dtype of the layer's outputs (Keras's KerasTensor.dtype): a model input's
        own (keras.Input(dtype=...); float32 by default), a nested model's output layer's,
        an operation's by its inputs', a lookup's by its output_mode, a reshaping layer's
        by its input's, else its dtype policy's compute dtype (compute_output_spec's)."""
        if layer not in self.dtypes:
            self.dtypes[layer] = self._output_dtype(layer)
        return self.dtypes[layer]

    def _output_dtype(self, layer):
        if layer.class_name == "InputLayer":
            if isinstance(layer.dtype, UnknownDtype):
                raise _underived(layer, layer.dtype.why)
            return layer.dtype or "float32"
        if isinstance(layer.rule, GivenLayer):
            if not layer.rule.output_spec_by_shape:
                raise _underived(layer, f"it is {layer.rule.code} without compute_output_shape: Keras runs its "
                                        "call, which convcalc follows by shapes only")
            policy = layer.rule.given_policy or self.dtype_policy
            if policy not in COMPUTE_DTYPES:
                raise _underived(layer, f"it is {layer.rule.code}, of the dtype {policy}")
            return COMPUTE_DTYPES[policy]
        if layer.class_name in MODE_DTYPE_LAYERS:
            raise _underived(layer, "Keras gives it by the layer's output_mode and dtype")
        if layer.class_name in LOOKUP_LAYERS:
            return "int64" if layer.rule.output_mode == "int" else "float32"
        if layer.class_name == "Discretization":  # keras/src/layers/preprocessing/discretization.py output_dtype
            return "int32" if layer.rule.output_mode == "int" else layer.rule.compute_dtype
        if layer.model is not None and layer.model.outputs:
            return self.tensor_dtype(layer.model.outputs[0])
        if layer.class_name == "Pipeline":  # what its last layer returns
            return self.output_dtype(layer.model.layers[-1])
        inputs = [self.tensor_dtype(t) for t in layer.nodes[0].input_tensors] if layer.nodes else []
        if isinstance(layer.rule, Operation) or type(layer.rule) is Layer:  # the latter: a mask's (layers/masks.py)
            name = layer.class_name
            if name in OPERATION_DTYPES:
                return OPERATION_DTYPES[name]
            if name in ("Cast", "OneHot"):  # keras/src/ops/core.py, nn.py: their dtype (OneHot's: floatx)
                return {"int": "int64", None: "float32"}.get(layer.rule.cast_to, layer.rule.cast_to)
            if name in ("Take", "TakeAlongAxis") and "x" not in layer.rule.constants:  # ops/numpy.py: x.dtype
                return inputs[0]
            constants = [v for k, v in getattr(layer.rule, "constants", {}).items()
                         if k not in INDEX_OPERANDS and not isinstance(v, (int, float))]  # a Python number: weak
            if constants and self.constant_dtype is None:
                raise _underived(layer, "an operand is a constant tensor, whose dtype convcalc does not keep")
            inputs += [self.constant_dtype] * len(constants)
            if inputs and all(d in _FLOAT_BITS for d in inputs):
                return _promoted_float(inputs)
            if inputs and name in MOVING_OPERATIONS and len(set(inputs)) == 1:
                return inputs[0]
            raise _underived(layer, f"Keras computes it from its inputs' dtypes ({', '.join(inputs)})")
        if layer.class_name in INPUT_DTYPE_LAYERS and inputs and inputs[0] not in _FLOAT_BITS:
            return inputs[0]  # an int32 input, not cast: int32
        return layer.rule.compute_dtype

    def box(self, layer: AnalyzedLayer, frozen):
        """make_layer_label's parts for the layer."""
        options = self.options
        box = Box(self.box_id(layer), layer.name, layer.class_name)
        if options.show_layer_activations and isinstance(layer.rule, GivenLayer) and layer.class_name != "Lambda":
            raise SpecError(f"--show-layer-activations: convcalc does not know whether {layer.rule.code} (the "
                            f"layer '{layer.name}') has an `activation` attribute, which plot_model would show",
                            hint="leave out --show-layer-activations", line=_line(layer))
        if options.show_layer_activations and layer.class_name in ACTIVATION_CLASSES:
            box.activation = activation_name(layer)
            if isinstance(layer.rule.config.get("activation"), str) and layer.rule.config["activation"] in self.tf_nn:
                name = layer.rule.config["activation"]
                raise SpecError(f"--show-layer-activations: the layer '{layer.name}' has the activation {name}, "
                                f"Keras's (named {activation_name(layer)}) or tf.nn.{name} (named {TF_NN_NAMES[name]}), "
                                "which the code mentions: convcalc reads both as Keras's",
                                hint="leave out --show-layer-activations", line=_line(layer))
        if options.show_shapes:
            inputs, outputs = _first_call_tensors(layer)
            if layer.class_name != "InputLayer":
                box.input_shape = _structure_text([tuple(t.shape) for t in inputs] if inputs is not None else None)
            box.output_shape = _structure_text([tuple(t.shape) for t in outputs] if outputs is not None else None)
        if options.show_dtype:
            outputs = _first_call_tensors(layer)[1]
            box.dtype = _structure_text([self.tensor_dtype(t) for t in outputs] if outputs else None)
        if options.show_trainable and layer.leaf_weights():
            box.trainable = layer.trainable and not frozen
        return box


def activation_name(layer: AnalyzedLayer):
    """get_layer_activation_name: the function's __name__ (None is `linear`), or the
    name of an activation layer given as the activation."""
    value = layer.rule.config.get("activation")
    if value is None:
        return "linear"
    if isinstance(value, str):
        return ACTIVATION_ALIASES.get(value, value)
    if isinstance(value, dict):  # a function of the code's: its __name__
        return value["function"]
    return value.name  # an activation layer (base.InnerLayer): its `name`


def _line(layer):
    return layer.call.line if layer.call is not None else None


def _underived(layer, why):
    return SpecError(f"--show-dtype: convcalc does not derive the output dtype of the layer '{layer.name}' "
                     f"({layer.class_name}): {why}", hint="leave out --show-dtype", line=_line(layer))


def _promoted_float(dtypes):
    """dtypes.result_type of floating dtypes: the widest; float16 with bfloat16, float32."""
    widest = max(_FLOAT_BITS[d] for d in dtypes)
    found = {d for d in dtypes if _FLOAT_BITS[d] == widest}
    return found.pop() if len(found) == 1 else "float32"


def _first_call_tensors(layer: AnalyzedLayer):
    """(inputs, outputs) of layer.input and layer.output: the tensors of the layer's first
    call; a nested functional model's own inputs and outputs (Functional.input is the
    constructor's); None: never called (Keras's `?`)."""
    if layer.class_name == "Functional" and layer.model is not None:
        return layer.model.inputs, layer.model.outputs
    if not layer.nodes:
        return None, None
    node = layer.nodes[0]
    return node.all_inputs, node.outputs


def _structure_text(values):
    """format_shape: the value (a shape, a dtype) as Python prints it, a list of them for
    several tensors; `?` for none."""
    if not values:
        return "?"
    return str(values[0] if len(values) == 1 else list(values))
