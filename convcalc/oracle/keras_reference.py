"""The real Keras side: build a ModelGraph with Keras and read Keras's own figures.

Used by `convcalc check`, by the golden-file generator and by the differential test.
Imports Keras (and its backend) only when called: summarize never comes here.
"""

from __future__ import annotations

import contextlib
import importlib
import inspect
import io
import math
import os
import sys
import warnings

from convcalc.applications import APPLICATIONS
from convcalc.graph import FIRST_LAYER_DTYPE, NESTED_MODELS, LayerCall, ModelGraph, Reference
from convcalc.layers import RULES
from convcalc.layers.operations_tensor import parse_key
from convcalc.layers.registry import keras_class
from convcalc.layers.signatures import other_classes

# The extra (setup.cfg) that installs Keras with each backend.
EXTRAS = {"tensorflow": "keras", "jax": "jax", "torch": "torch"}


class KerasMissing(RuntimeError):
    pass


@contextlib.contextmanager
def quiet():
    """Nothing Keras or its backend says reaches the terminal: Python warnings, writes to
    sys.stderr, and what native code (TensorFlow's C++ logs, XLA) writes to file
    descriptor 2 itself."""
    try:
        saved = os.dup(2)
    except OSError:  # no file descriptor 2 at all: nothing to silence there
        saved = None
    try:
        if saved is not None:
            sys.stderr.flush()
            with open(os.devnull, "w") as devnull:
                os.dup2(devnull.fileno(), 2)
        with warnings.catch_warnings(), contextlib.redirect_stderr(io.StringIO()):
            warnings.simplefilter("ignore")
            yield
    finally:
        if saved is not None:
            os.dup2(saved, 2)
            os.close(saved)


def import_keras(backend="tensorflow"):
    """Import Keras quietly on the chosen backend (TensorFlow's log noise silenced)."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ["KERAS_BACKEND"] = backend
    os.environ.setdefault("ABSL_MIN_LOG_LEVEL", "3")
    try:
        with quiet():
            import keras
    except ImportError as error:
        raise KerasMissing(
            f"checking against Keras needs Keras and its {backend} backend ({error.name} is missing); "
            f'install them with: pip install "convcalc[{EXTRAS[backend]}]"'
        ) from None
    if keras.backend.backend() != backend:
        raise KerasMissing(
            f"Keras is already loaded with the {keras.backend.backend()} backend; "
            f"run a new process for {backend}"
        )
    return keras


def _keras_value(value, make):
    """A spec's argument as Keras takes it: lists stand for tuples, and a nested layer
    entry (Bidirectional's `layer`, a list of RNN cells) for the layer it describes."""
    if isinstance(value, LayerCall):
        return make(value)
    if isinstance(value, list):
        items = [_keras_value(v, make) for v in value]
        return items if value and isinstance(value[0], LayerCall) else tuple(items)
    if isinstance(value, dict):
        return {k: _keras_value(v, make) for k, v in value.items()}
    return value


def import_tf_keras():
    """tf-keras (Keras 2 on TensorFlow), quietly: for the classic summary layout."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("ABSL_MIN_LOG_LEVEL", "3")
    try:
        with quiet():
            import tf_keras
    except ImportError as error:
        raise KerasMissing(
            f"the Keras 2 layout needs tf-keras ({error.name} is missing); "
            'install it with: pip install "tf-keras==2.21.*"'
        ) from None
    return tf_keras


def _flatten(outputs):
    """A layer's outputs as a flat list (Keras 3's and tf-keras's nested lists/tuples)."""
    if isinstance(outputs, (list, tuple)):
        return [t for item in outputs for t in _flatten(item)]
    return [outputs]


def _history_layer(tensor):
    """The layer that made a symbolic tensor (Keras 3: operation; tf-keras: layer)."""
    history = tensor._keras_history
    return history.operation if hasattr(history, "operation") else history.layer


def _dtype(model_input):
    """keras.Input's dtype= of a spec's input that names one (its InputLayer's)."""
    dtype = model_input.dtype
    return {"dtype": dtype} if isinstance(dtype, str) and dtype != FIRST_LAYER_DTYPE else {}


def build_model(graph: ModelGraph, keras, dtype_policy=None, initialize=True):
    """The Keras model a spec stands for, built in a fresh Keras session (fresh names).

    `keras` is the module to build with: keras (Keras 3) or tf_keras (Keras 2);
    `dtype_policy`: Keras 3's global dtype policy to build under (set_dtype_policy);
    `initialize=False` (Keras 3): the weights get their shapes but no values, as in
    Keras's StatelessScope; on JAX, drawing the initial values compiles an XLA program
    per weight shape, a second per model, and only the shapes are ever read."""
    with _session(keras, initialize):
        return _KerasBuilder(keras, dtype_policy).model(graph)


def build_application(call: LayerCall, keras, initialize=True):
    """The keras.applications model a spec's application entry stands for, built as
    build_model builds a model (its weights never fetched nor loaded)."""
    with _session(keras, initialize):
        return _KerasBuilder(keras).application(call)


@contextlib.contextmanager
def no_weights(keras):
    """keras.applications without their weights: inside, a weights file is never fetched
    (keras.utils.get_file) nor loaded (Model.load_weights); the architecture is the same."""
    get_file = keras.utils.get_file
    utils = sys.modules[get_file.__module__]
    load_weights = keras.Model.load_weights
    utils.get_file = lambda *args, **kwargs: os.devnull
    keras.Model.load_weights = lambda *args, **kwargs: None
    try:
        yield
    finally:
        utils.get_file, keras.Model.load_weights = get_file, load_weights


@contextlib.contextmanager
def _session(keras, initialize):
    with quiet():
        _fresh_session(keras)  # first: it would also drop a scope entered before it
        with contextlib.nullcontext() if initialize else keras.StatelessScope(initialize_variables=False):
            yield


def _fresh_session(keras):
    """Keras's clear_session, without the full garbage collection Keras 3 runs by default:
    with TensorFlow loaded that takes a third of a second, ten times the build itself."""
    try:
        keras.backend.clear_session(free_memory=False)
    except TypeError:  # tf-keras's clear_session takes no arguments
        keras.backend.clear_session()


def _keras_class(layers, class_name):
    """The class keras.layers exports under a spec's class name, or under an alias of it
    (Keras 3 exports its GroupedQueryAttention only as GroupQueryAttention)."""
    if not hasattr(layers, class_name):
        from convcalc.layers.signatures import keras_aliases

        exported = [alias for alias, name in keras_aliases().items() if name == class_name and hasattr(layers, alias)]
        class_name = exported[0] if exported else class_name
    return getattr(layers, class_name)


class _KerasBuilder:
    """Writes the Keras code a spec stands for, and runs it."""

    def __init__(self, keras, dtype_policy=None):
        self.keras = keras
        if dtype_policy is not None:  # after clear_session, which resets it to float32
            keras.config.set_dtype_policy(dtype_policy)

    def layer(self, call: LayerCall):
        if call.class_name in NESTED_MODELS:
            model = self.model(call.kwargs["model"])
            if not call.kwargs["trainable"]:  # as code freezes a model; `= True` would thaw
                model.trainable = False  # its layers made frozen (on JAX and PyTorch)
            return model
        if call.class_name in APPLICATIONS:
            return self.application(call)
        if call.class_name in other_classes():
            return self.other_class(call)
        cls = _keras_class(self.keras.layers, call.class_name)
        return cls(*_keras_value(call.args, self.layer), **_keras_value(call.kwargs, self.layer))

    def other_class(self, call: LayerCall):
        """A class keras.layers does not export, from its module (LayerScale); a keras.ops
        operation made now (Keras names it when made), called on its tensors in turn."""
        signature = other_classes()[call.class_name]
        cls = getattr(importlib.import_module(signature["module"]), keras_class(call.class_name))
        kwargs = _keras_value(call.kwargs, self.layer)
        if "operands" not in signature:
            return cls(*_keras_value(call.args, self.layer), **kwargs)
        operands = signature["operands"]
        if "key" in kwargs:  # GetItem's key, held as Python writes it
            items = parse_key(kwargs["key"])
            kwargs["key"] = items[0] if len(items) == 1 else tuple(items)
        settings = {key: value for key, value in kwargs.items() if key not in operands}  # axis=, name=, ...
        return _Operation(cls(**settings), operands, kwargs, RULES[call.class_name].listed)

    def application(self, call: LayerCall):
        """keras.applications' model, its weights file never fetched nor loaded."""
        kwargs = _keras_value(call.kwargs, None)  # a new dict, lists made tuples (input_shape)
        trainable = kwargs.pop("trainable", True)
        with no_weights(self.keras):
            model = getattr(self.keras.applications, call.class_name)(*_keras_value(call.args, None), **kwargs)
        if not trainable:
            model.trainable = False
        return model

    def model(self, graph: ModelGraph):
        keras = self.keras
        name = {"name": graph.name} if graph.name else {}
        if graph.api == "sequential":
            layers = [self.layer(call) for call in graph.layers]
            if graph.inputs:
                layers.insert(0, keras.Input(shape=graph.inputs[0].shape, batch_size=graph.batch_size,
                                             **_dtype(graph.inputs[0])))
            elif graph.batch_size:
                first = graph.layers[0].kwargs
                shape = first.get("input_shape") or (first.get("input_dim"),)
                layers.insert(0, keras.Input(shape=_keras_value(shape, None), batch_size=graph.batch_size))
            return keras.Sequential(layers, **name)
        tensors, layers, inputs, calls = {}, {}, [], {}  # calls: name -> each call's outputs
        for model_input in graph.inputs:
            kwargs = {"name": model_input.name} if model_input.name else {}
            kwargs.update(_dtype(model_input))
            tensor = keras.Input(shape=model_input.shape, batch_size=graph.batch_size, **kwargs)
            tensors[_history_layer(tensor).name] = tensor
            calls[_history_layer(tensor).name] = [tensor]
            inputs.append(tensor)

        def resolve(ref):
            reference = Reference.parse(ref)
            if reference.output is None:
                return tensors[ref]
            # NAME[i]: the i-th of the layer's outputs as its node holds them, flattened
            # (an RNN over stacked cells returns its states nested, one list per cell);
            # NAME[n][i]: the same of its n-th call
            name = reference.layer
            outputs = tensors[name] if reference.call is None else calls[name][reference.call]
            return _flatten(outputs)[reference.output]

        previous = inputs[0]
        for call in graph.layers:
            layer = layers[call.use] if call.use else self.layer(call)
            keywords = {key: value if key == "training" or value is None  # initial_state=[h, c], ...
                        else [resolve(r) for r in value] if isinstance(value, list) else resolve(value)
                        for key, value in call.call_kwargs.items()}
            if isinstance(call.inputs, dict):  # named tensors: layer(query=q, value=v)
                previous = layer(**{key: resolve(ref) for key, ref in call.inputs.items()}, **keywords)
            else:
                if call.inputs is None:
                    args = previous
                elif isinstance(call.inputs, str):
                    args = resolve(call.inputs)
                else:
                    args = [resolve(ref) for ref in call.inputs]
                previous = layer(args, **keywords)
            tensors[layer.name] = previous
            calls.setdefault(layer.name, []).append(previous)
            layers[layer.name] = layer
        outputs = [resolve(o) for o in graph.outputs] if graph.outputs else previous
        if isinstance(outputs, list) and len(outputs) == 1:
            outputs = outputs[0]
        return keras.Model(inputs[0] if len(inputs) == 1 else inputs, outputs, **name)


class _Operation:
    """A keras.ops operation as the builder calls a layer: on its tensor operands (a list),
    its constant operands (keywords x1, x2) put in their places."""

    def __init__(self, operation, operands, kwargs, listed=None):
        self.operation, self.name = operation, operation.name
        self.operands = [(key, kwargs.get(key)) for key in operands]
        self.listed = listed  # the operand that takes all the tensors as a list (concatenate's xs)

    def __call__(self, tensors):
        if self.listed is not None:  # a list (concatenate's xs), or each in turn (einsum's *operands)
            spread = any(p.kind == p.VAR_POSITIONAL for p in inspect.signature(self.operation.call).parameters.values())
            return self.operation(*tensors) if spread else self.operation(list(tensors))
        tensors = iter(tensors)
        return self.operation(*[next(tensors) if value is None else _constant(value) for _, value in self.operands])


def _constant(value):
    """A constant operand as Keras takes it: a number or list, or a concrete tensor of the
    shape the graph holds ({tensor: [64, 32]}: its values change no figure)."""
    if isinstance(value, dict) and set(value) == {"tensor"}:
        import numpy

        return numpy.zeros(value["tensor"], "float32")
    return value


def _count(weights):
    return int(sum(math.prod(w.shape) for w in weights))


def _listed_layers(model, keras):
    """The layers model.summary() lists, in its order."""
    if isinstance(model, keras.Sequential) or not hasattr(model, "_operations"):
        return model.layers
    return model._operations


def _connections(layer, relevant_nodes):
    """Keras's "Connected to" references of a layer, as its summary computes them."""
    return [
        str(Reference(t._keras_history.operation.name, t._keras_history.node_index, t._keras_history.tensor_index))
        for node in layer._inbound_nodes
        if node in relevant_nodes
        for t in node.input_tensors
    ]


def _output_shapes(layer, keras):
    """A layer's output shapes as its summary reads them (summary_utils.format_layer_shape):
    its last call's, or, never called, its output_shape (a model) or those of the shapes it
    was built on; none unbuilt."""
    if layer._inbound_nodes:
        return [list(t.shape) for t in keras.tree.flatten(layer._inbound_nodes[-1].output_tensors)]
    if not layer._build_shapes_dict:
        return []
    if hasattr(layer, "output_shape"):  # a model: format_layer_shape reads this first
        shapes = layer.output_shape  # models/functional.py: a shape, or a list of its outputs'
        return [list(shapes)] if isinstance(shapes, tuple) else [list(s) for s in shapes]
    try:
        shapes = layer.compute_output_shape(**layer._build_shapes_dict)
    except NotImplementedError:  # summary_utils prints ? (a custom layer without one)
        return []
    return _flat_shapes(shapes)


def _flat_shapes(shapes):
    """compute_output_shape's result (a shape, or lists, tuples, dicts of them) as a list
    of shapes, in order."""
    if isinstance(shapes, dict):
        return [s for value in shapes.values() for s in _flat_shapes(value)]
    if all(d is None or isinstance(d, int) for d in shapes):
        return [list(shapes)]
    return [s for value in shapes for s in _flat_shapes(value)]


def figures(model, keras):
    """Keras's own figures, in the schema of `convcalc summarize --format json`."""
    from keras.src.models.functional import Functional

    functional = isinstance(model, Functional)  # neither it nor a Sequential: a subclassed model
    api = "sequential" if isinstance(model, keras.Sequential) else "functional" if functional else "subclassed"
    relevant = [n for nodes in getattr(model, "_nodes_by_depth", {}).values() for n in nodes]
    layers = []
    for layer in _listed_layers(model, keras):
        row = {
            "name": layer.name,
            "class_name": layer.__class__.__name__,
            "output_shapes": _output_shapes(layer, keras),
            # a keras.ops operation (x + 3.0) is listed too: it has no weights, no `built`
            "params": layer.count_params() if getattr(layer, "built", False) else 0,
            "trainable_params": _count(getattr(layer, "trainable_weights", [])),
            "non_trainable_params": _count(getattr(layer, "non_trainable_weights", [])),
        }
        if functional:
            row["connected_to"] = _connections(layer, relevant)
        if not getattr(layer, "built", True):
            row["built"] = False
        layers.append(row)
    trainable = _count(model.trainable_weights)
    non_trainable = _count(model.non_trainable_weights)
    data = {
        "model": model.name,
        "api": api,
        "layers": layers,
        "total_params": trainable + non_trainable,
        "trainable_params": trainable,
        "non_trainable_params": non_trainable,
    }
    optimizer = getattr(model, "optimizer", None)
    if getattr(model, "compiled", False) and optimizer is not None and optimizer.built:  # summary_utils counts it
        data["optimizer_params"] = _count(optimizer.variables)
        data["total_params"] += data["optimizer_params"]
    if not model.built:
        data["built"] = False
    return data


def summary_text(model, **options):
    """What model.summary(**options) prints to a non-terminal stdout."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        model.summary(**options)
    return out.getvalue()
