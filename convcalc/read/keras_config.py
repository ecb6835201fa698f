"""Read a Keras model config into a ModelGraph: the JSON `model.to_json()` writes (or that
JSON gzipped: `.json.gz`), or the `config.json` inside a `.keras` archive (`model.save`).

Nothing in the file is run or imported: the config is plain JSON, read as data. A layer
that wraps code (Lambda), a custom class, or a keras.ops operation convcalc has no rule
for is reported by name. The `.keras` archive's weights (`model.weights.h5`) are never
opened. keras.applications' own layer classes (LayerScale, CustomScaleLayer) and the
element-wise keras.ops operations (`x + 3.0`: module keras.src.ops.numpy, class Add) have
rules: an operation is the graph's class ops.Add, its constant operands keywords
(convcalc/layers/operations.py).

How Keras's config maps onto the graph (keras/src/models/functional.py):
- each entry of `layers` is a layer (or a nested model: class_name Sequential/Functional,
  its own config inside); its `inbound_nodes` are its calls, in order;
- a call's input tensors are `__keras_tensor__` objects whose `keras_history` is
  [layer, node_index, tensor_index]: call `node_index` of that layer, output
  `tensor_index` -> the reference "layer[tensor_index]", or "layer[node][tensor]" for an
  earlier call than the latest; Keras 2 (tf-keras) configs write [[layer, node, tensor,
  kwargs], ...] instead;
- the calls are replayed in the order Keras's own from_config replays them (layer by
  layer, postponing a call until its inputs exist), so calls are numbered as Keras
  numbers them; a layer's second call is a `use:` entry;
- `input_layers` / `output_layers` name the model's inputs and outputs (a nested
  Functional's calls are counted from 1 there: Keras counts its own call as node 0).
"""

from __future__ import annotations

import json
import zipfile
import zlib

from convcalc.errors import SpecError, shown, too_many_digits
from convcalc.graph import FIRST_LAYER_DTYPE, NESTED_MODELS, LayerCall, ModelGraph, ModelInput, Reference, UnknownDtype
from convcalc.layers import arguments
from convcalc.layers.arguments import is_int
from convcalc.layers.input_arguments import KERAS_DTYPES
from convcalc.layers.registry import OPERATION_PREFIX
from convcalc.layers.signatures import canonical_class_name, keras_classes, other_classes, signature
from convcalc.read.files import open_input, read_bytes, source_name, suffix_of

# A nested model's class in a config -> the class convcalc holds it as (keras.Model is Functional).
NESTED_MODEL_CLASSES = {**{name: name for name in NESTED_MODELS}, "Model": "Functional"}
# Keys Keras writes into a layer's config that its __init__ does not take; dropped here
# (nothing else is: any other key goes to the layer's argument check, as in a spec).
SERIALIZE_ONLY = {
    "LayerNormalization": {"rms_scaling"},  # written by get_config, derived in __init__
    "IntegerLookup": {"vocabulary_size"},  # informational, recomputed from the vocabulary
    "StringLookup": {"vocabulary_size"},
    "TextVectorization": {"vocabulary_size"},
}
# Keras 2 (tf-keras) wrote these into any layer's config: the first layer's input shape
# (read as the model's input) and its dtype policy's name.
LEGACY_SHAPE_KEYS = ("batch_input_shape", "batch_shape")
# Keras 2 (tf-keras) configs: arguments tf-keras wrote that Keras 3's class does not take,
# dropped when they mean what Keras 3 does (else they stay, and are reported as unknown).
LEGACY_DROPPED = {
    "time_major": lambda v: v is False,  # RNNs: batch-major, as in Keras 3
    "groups": lambda v: v == 1,  # transposed and depthwise convolutions: no groups
    "trainable": lambda v: v is True,  # classes whose Keras 3 __init__ lacks it
    "noise_shape": lambda v: v is None,  # SpatialDropout: Keras 3 derives it
    "query_shape": lambda v: True,  # MultiHeadAttention: the shapes it was built with
    "key_shape": lambda v: True,
    "value_shape": lambda v: True,
    "softmax_robust_masking": lambda v: v is False,  # MultiHeadAttention: masking only
    "kernel_initializer": lambda v: True,  # SeparableConv: inherited, never used
    "kernel_regularizer": lambda v: True,
    "kernel_constraint": lambda v: True,
}
KERAS_MODULES = ("keras", "tf_keras", "tensorflow.keras", "tensorflow.python.keras")
# Arguments that hold a layer (serialized as {"class_name": ..., "config": ...}).
LAYER_ARGUMENTS = ("layer", "backward_layer", "cell", "cells", "layers")
# Call arguments that never change a shape: a call's `training`, an absent mask.
IGNORED_CALL_KWARGS = ("training",)
MAX_CONFIG_BYTES = 64 * 2**20
MAX_ARCHIVE_BYTES = 2**40  # a .keras file holds its weights too: only its config.json is read, capped
ARCHIVE_CONFIG = "config.json"


def read_config(path) -> ModelGraph:
    """A `.json` model config (gzipped: `.json.gz`; or a `.keras` archive's config.json) as
    a ModelGraph."""
    source = source_name(path)
    suffix = suffix_of(path, (".json.gz", ".gz"))
    if suffix == ".keras":
        text = _archive_config(path, source)
    elif suffix.endswith(".gz"):
        text = _gunzipped(read_bytes(path, source, "gzipped model config", MAX_CONFIG_BYTES), source)
    else:
        text = read_bytes(path, source, "model config", MAX_CONFIG_BYTES)
    try:
        data = json.loads(text)
    except UnicodeDecodeError as error:
        raise SpecError(f"not UTF-8 JSON: {error.reason}", file=source) from None
    except json.JSONDecodeError as error:
        raise SpecError(
            f"invalid JSON (column {error.colno}): {error.msg}",
            hint="a Keras model config is what model.to_json() writes",
            file=source, line=error.lineno,
        ) from None
    except RecursionError:
        raise SpecError("the JSON is nested too deeply to be a model config", file=source) from None
    except ValueError as error:  # an integer too long for Python to read
        digits = too_many_digits(error, text.decode("utf-8", "replace"), file=source)
        if digits is None:
            raise
        raise digits from None
    return graph_from_config(data, source)


def _gunzipped(data, source):
    """A gzipped config's JSON; no more than MAX_CONFIG_BYTES of it is unpacked."""
    try:
        unpacker = zlib.decompressobj(wbits=31)  # the gzip format
        text = unpacker.decompress(data, MAX_CONFIG_BYTES + 1)
    except zlib.error as error:
        raise SpecError(f"not a readable gzip file: {error}",
                        hint="a .json.gz file is a model config (model.to_json()) compressed with gzip",
                        file=source) from None
    if len(text) > MAX_CONFIG_BYTES:
        raise SpecError(f"the unpacked model config is larger than {MAX_CONFIG_BYTES // 2**20} MiB", file=source)
    if not unpacker.eof:
        raise SpecError("the gzip file is cut short", file=source)
    return text


def _archive_config(path, source):
    """config.json out of a .keras zip archive; nothing else in it is read."""
    try:
        with open_input(path, source, ".keras archive", MAX_ARCHIVE_BYTES) as file, zipfile.ZipFile(file) as archive:
            try:
                info = archive.getinfo(ARCHIVE_CONFIG)
            except KeyError:
                raise SpecError(
                    f"the archive holds no {ARCHIVE_CONFIG}: not a Keras 3 .keras file",
                    hint="a .keras file is what model.save('model.keras') writes; "
                    "an older .h5 file is not read",
                    file=source,
                ) from None
            if info.file_size > MAX_CONFIG_BYTES:
                raise SpecError(f"its {ARCHIVE_CONFIG} is larger than {MAX_CONFIG_BYTES // 2**20} MiB", file=source)
            with archive.open(info) as member:
                return member.read(MAX_CONFIG_BYTES + 1)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError) as error:
        raise SpecError(
            f"not a readable .keras archive (a zip file): {error}",
            hint="a .keras file is what model.save('model.keras') writes",
            file=source,
        ) from None
    except OSError as error:
        raise SpecError(f"cannot read the file: {error.strerror or error}", file=source) from None


def graph_from_config(data, source=None) -> ModelGraph:
    """The graph of a model config: {"class_name": "Sequential"|"Functional", "config": ...}
    (model.to_json()), or a bare model.get_config() dict."""
    if isinstance(data, dict) and "config" in data and "class_name" in data:
        _check_fields(data, "the file's", source)
        kind = _model_kind(data, "the file", source)
        config = data["config"]
    elif isinstance(data, dict) and isinstance(data.get("layers"), list):  # model.get_config()
        kind = "Functional" if "input_layers" in data else "Sequential"
        config = data
    else:
        raise SpecError(
            "not a Keras model config: expected an object with class_name and config",
            hint="a model config is what model.to_json() writes (or config.json in a .keras file)",
            file=source,
        )
    return _Reader(source, legacy=_is_legacy(data)).model(kind, config, "the model")


def _is_legacy(data):
    """A Keras 2 (tf-keras) config: written by Keras 2.x, or its layers carry no `module`."""
    if not isinstance(data, dict):
        return False
    if str(data.get("keras_version", "")).startswith("2."):
        return True
    layers = (data.get("config") or data).get("layers") if isinstance(data.get("config") or data, dict) else None
    if not isinstance(layers, list) or not layers:
        return False
    return all(isinstance(e, dict) and "module" not in e for e in layers)


# The fields of a class entry ({"module", "class_name", "config", ...}): what each must be.
ENTRY_FIELDS = {
    "class_name": ("a string", lambda v: isinstance(v, str)),
    "module": ("a string", lambda v: v is None or isinstance(v, str)),
    "registered_name": ("a string", lambda v: v is None or isinstance(v, str)),
    "name": ("a string", lambda v: v is None or isinstance(v, str)),
}


def _check_fields(entry, path, source, layer=None):
    """Each field of a class entry of the type Keras writes, else a message with its path
    in the config (`layers[3].module`)."""
    for key, (kind, fits) in ENTRY_FIELDS.items():
        if not fits(entry.get(key)):
            raise SpecError(f"{_field(path, key)} must be {kind}; got {shown(entry.get(key))}",
                            hint="a Keras model config is what model.to_json() writes", file=source, layer=layer)


def _field(path, key):
    """The path of an entry's field: "layers[3]" + "module" -> "layers[3].module"."""
    if path.endswith("'s"):  # "the file's class_name"
        return f"{path} {key}"
    return f"{path}.{key}" if path else key


def _model_kind(entry, what, source):
    class_name = entry.get("class_name")
    if class_name in NESTED_MODEL_CLASSES and _is_keras_module(entry):
        return NESTED_MODEL_CLASSES[class_name]
    raise SpecError(
        f"{what} is a {shown(class_name)}, not a Sequential or Functional model"
        + (f" (module {entry['module']})" if entry.get("module") else ""),
        hint="a subclassed model's config does not describe its layers; "
        "convcalc reads Sequential and Functional models",
        file=source,
    )


def _is_keras_module(entry):
    module = entry.get("module")  # a string or None: _check_fields saw to it
    return module is None or any(module == m or module.startswith(m + ".") for m in KERAS_MODULES)


def _is_operation(entry):
    """A keras.ops operation recorded as a node (x + 3.0: module keras.src.ops.numpy)."""
    return str(entry.get("module")).startswith("keras.src.ops.")


def _is_application_layer(entry):
    """A layer class of keras.applications itself (ConvNeXt's LayerScale, ...)."""
    return str(entry.get("module")).startswith(("keras.src.applications.", "keras.applications."))


def _tuple_free(value):
    """Keras serializes some tuples as {"class_name": "__tuple__", ...}: lists here."""
    if isinstance(value, dict):
        if value.get("class_name") == "__tuple__" and isinstance(value.get("config"), dict) \
                and isinstance(value["config"].get("value", []), list):
            return [_tuple_free(v) for v in value["config"].get("value", [])]
        return {k: _tuple_free(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_tuple_free(v) for v in value]
    return value


def _is_tensor(value):
    return isinstance(value, dict) and value.get("class_name") == "__keras_tensor__"


class _Reader:
    def __init__(self, source, legacy, prefix=""):
        self.source = source
        self.legacy = legacy
        self.prefix = prefix  # the path of this model's config in the file's ("layers[2].config.")

    def error(self, what, hint=None, layer=None):
        return SpecError(what, hint=hint, file=self.source, layer=layer)

    # -- models ----------------------------------------------------------------
    def model(self, kind, config, what):
        if not isinstance(config, dict) or not isinstance(config.get("layers"), list):
            raise self.error(f"{what}: a {kind} config needs a `layers` list")
        name = config.get("name")
        if name is not None and not isinstance(name, str):
            raise self.error(f"{what}: the model's name must be a string; got {shown(name)}")
        graph = self.sequential(config) if kind == "Sequential" else self.functional(config)
        graph.name, graph.source = name, self.source
        # a frozen Functional: every layer frozen (Keras's Sequential.from_config ignores
        # its own `trainable`: its layers' flags, written one by one, are what count)
        if config.get("trainable") is False and kind == "Functional":
            for call in graph.layers:
                if call.use is None:
                    call.kwargs["trainable"] = False
        return graph

    def sequential(self, config):
        entries = [self.entry(e, i) for i, e in enumerate(config["layers"])]
        inputs, batch_size, calls = [], None, []
        for entry in entries:
            if entry["class_name"] == "InputLayer":
                if calls or inputs:
                    raise self.error("a Sequential model's InputLayer must come first", layer=entry["label"])
                model_input, batch_size = self.input_layer(entry)
                inputs.append(model_input)
                continue
            call = self.layer_call(entry, len(calls) + 1)
            if not calls and not inputs:
                inputs, batch_size = self.legacy_input(entry, call, batch_size)
            calls.append(call)
        if not inputs and config.get("build_input_shape") is not None:
            inputs, batch_size = self.batch_shape(config["build_input_shape"], f"{self.prefix}build_input_shape")
            inputs[0].dtype = FIRST_LAYER_DTYPE  # from_config: model.build(build_input_shape)
        if not calls:
            raise self.error("the Sequential model has no layers")
        return ModelGraph(calls, "sequential", inputs=inputs, batch_size=batch_size)

    def legacy_input(self, entry, call, batch_size):
        """Keras 2 put the input shape on the first layer: batch_input_shape."""
        for key in LEGACY_SHAPE_KEYS:
            if entry["config"].get(key) is not None:
                return self.batch_shape(entry["config"][key], f"{entry['path']}.config.{key}", entry["label"])
        return [], batch_size

    def batch_shape(self, shape, path, label=None, name=None):
        """([the model's input], batch size) of a batch shape, [batch, *shape], checked."""
        if not isinstance(shape, list) or not shape or not (shape[0] is None or is_int(shape[0]) and shape[0] > 0):
            raise self.error(f"{path} must be a list [batch size or null, *shape]; got {shown(shape)}", layer=label)
        try:
            return [ModelInput(name, arguments.shape(shape[1:], f"{path}[1:]"))], shape[0]
        except SpecError as error:
            raise error.located(file=self.source, layer=label) from None

    def functional(self, config):
        entries = [self.entry(e, i) for i, e in enumerate(config["layers"])]
        by_name = {}
        for entry in entries:
            if entry["name"] in by_name:
                raise self.error(f"two layers are named '{entry['name']}'", layer=entry["label"])
            by_name[entry["name"]] = entry
        for key in ("input_layers", "output_layers"):
            if key not in config:
                raise self.error(f"a Functional config needs `{key}`")
        input_refs = self.flat_history(config["input_layers"], "input_layers")
        inputs, batch_sizes = [], set()
        for layer_name, _, _ in input_refs:
            entry = by_name.get(layer_name)
            if entry is None or entry["class_name"] != "InputLayer":
                raise self.error(f"input_layers names '{layer_name}', which is not an InputLayer of the model")
            model_input, batch_size = self.input_layer(entry)
            inputs.append(model_input)
            batch_sizes.add(batch_size)
        if len(batch_sizes) > 1:
            raise self.error(
                f"the inputs have different batch sizes ({', '.join(map(str, sorted(batch_sizes, key=str)))})",
                hint="convcalc models one batch size per model",
            )
        self.entries_by_name = by_name
        calls = self.replay(entries, by_name)
        outputs = []
        for layer_name, node, tensor in self.flat_history(config["output_layers"], "output_layers"):
            entry = by_name.get(layer_name)
            if entry is None:
                raise self.error(f"output_layers names '{layer_name}', which is not a layer of the model")
            if entry["class_name"] == "Functional" or (self.legacy and entry["class_name"] in NESTED_MODEL_CLASSES):
                node -= 1  # Keras counts a nested Functional's own node there (get_config)
            outputs.append(self.reference(entry, node, tensor, self.call_counts))
        batch_size = batch_sizes.pop() if batch_sizes else None
        return ModelGraph(calls, "functional", inputs=inputs, outputs=outputs, batch_size=batch_size)

    def flat_history(self, value, what):
        """[layer, node, tensor] leaves of input_layers/output_layers, flattened as Keras's
        tree.flatten does (a dict's values in sorted key order)."""
        if isinstance(value, list) and len(value) == 3 and isinstance(value[0], str):
            if all(isinstance(v, int) and not isinstance(v, bool) for v in value[1:]):
                return [tuple(value)]
        if isinstance(value, dict):
            return [leaf for key in sorted(value) for leaf in self.flat_history(value[key], what)]
        if isinstance(value, list) and value:
            return [leaf for item in value for leaf in self.flat_history(item, what)]
        raise self.error(f"`{what}` holds {shown(value)}, not [layer, node, tensor] entries")

    # -- calls -------------------------------------------------------------------
    def replay(self, entries, by_name):
        """The calls in the order Keras's functional_from_config makes them."""
        pending = {}
        for entry in entries:
            nodes = entry["raw"].get("inbound_nodes", [])
            if not isinstance(nodes, list):
                raise self.error(f"{entry['path']}.inbound_nodes must be a list; got {shown(nodes)}",
                                 layer=entry["label"])
            if entry["class_name"] == "InputLayer":
                continue
            if not nodes:
                continue  # a layer the model holds but never calls (Keras keeps it unbuilt)
            pending[entry["name"]] = [self.node_inputs(entry, n, by_name, f"{entry['path']}.inbound_nodes[{i}]")
                                      for i, n in enumerate(nodes)]
        self.call_counts = {e["name"]: 1 for e in entries if e["class_name"] == "InputLayer"}
        calls = []
        while pending:
            progressed = False
            for entry in entries:
                queue = pending.get(entry["name"])
                while queue and self.ready(queue[0]):
                    calls.append(self.call(entry, queue.pop(0), len(calls) + 1))
                    progressed = True
                if queue == []:
                    del pending[entry["name"]]
            if not progressed:
                waiting = {name: queue[0] for name, queue in pending.items()}
                name, node = next(iter(waiting.items()))
                missing = [h for h in self.histories(node) if not self.ready_one(h)]
                raise self.error(
                    f"the layers' calls cannot be ordered: '{name}' waits for "
                    + ", ".join(str(Reference(*h)) for h in missing),
                    hint="the graph has a loop, or a call of a layer the config does not hold",
                )
        return calls

    def histories(self, node_inputs):
        value = node_inputs["inputs"]
        keywords = [h for v in node_inputs.get("keywords", {}).values() for h in (v if isinstance(v, list) else [v])]
        if isinstance(value, tuple):
            return [value] + keywords
        if isinstance(value, dict):
            return list(value.values()) + keywords
        return list(value) + keywords

    def ready_one(self, history):
        return self.call_counts.get(history[0], 0) > history[1]

    def ready(self, node_inputs):
        return all(self.ready_one(h) for h in self.histories(node_inputs))

    def call(self, entry, node_inputs, position):
        name = entry["name"]
        count = self.call_counts.get(name, 0)
        inputs = node_inputs["inputs"]
        if isinstance(inputs, tuple):
            refs = self.ref(inputs)
        elif isinstance(inputs, dict):
            refs = {key: self.ref(h) for key, h in inputs.items()}
        else:
            refs = [self.ref(h) for h in inputs]
        keywords = {key: [self.ref(h) for h in v] if isinstance(v, list) else self.ref(v)
                    for key, v in node_inputs.get("keywords", {}).items()}
        self.call_counts[name] = count + 1
        if count:  # a shared layer called again
            return LayerCall(None, inputs=refs, position=position, use=name, call_kwargs=keywords)
        call = self.layer_call(entry, position)
        call.inputs, call.call_kwargs = refs, keywords
        call.kwargs.update(node_inputs.get("constants", {}))  # an operation's constant operands
        return call

    def ref(self, history):
        layer_name, node, tensor = history
        entry = self.entries_by_name[layer_name]
        return self.reference(entry, node, tensor, self.call_counts)

    def reference(self, entry, node, tensor, counts):
        name = entry["name"]
        if entry["class_name"] == "InputLayer":
            return name
        if node < 0 or node >= counts.get(name, 0):
            raise self.error(f"a reference to {Reference(name, node, tensor)}: '{name}' has no call {node}")
        if node == counts[name] - 1:
            return str(Reference(name, output=tensor))
        return str(Reference(name, node, tensor))

    def node_inputs(self, entry, node, by_name, path):
        """A call's input tensors, as history tuples: one, a list, or a mapping."""
        label = entry["label"]
        if isinstance(node, list):  # Keras 2: [[layer, node, tensor, kwargs], ...]
            histories = []
            for i, item in enumerate(node):
                if not (isinstance(item, list) and len(item) in (3, 4)):
                    raise self.error(f"{path}[{i}] holds {shown(item)}, not [layer, node, tensor, kwargs]", layer=label)
                histories.append(self.history(item[:3], by_name, label, f"{path}[{i}]", legacy=True))
            if not histories:
                raise self.error(f"{path}: a call with no input tensors", layer=label)
            return {"inputs": histories[0] if len(histories) == 1 else histories}
        if not isinstance(node, dict):
            raise self.error(f"{path} holds {shown(node)}, not {{args, kwargs}}", layer=label)
        if not isinstance(node.get("args", []), list):
            raise self.error(f"{path}.args must be a list; got {shown(node['args'])}", layer=label)
        if not isinstance(node.get("kwargs") or {}, dict):
            raise self.error(f"{path}.kwargs must be an object; got {shown(node['kwargs'])}", layer=label)
        args = [_tuple_free(a) for a in node.get("args", [])]
        kwargs = _tuple_free(node.get("kwargs") or {})
        if entry["class_name"].startswith(OPERATION_PREFIX):
            return self.operation_inputs(entry, args, kwargs, by_name, path)
        found = {"keywords": self.keyword_histories(kwargs, by_name, label, path)}
        kwargs = {k: v for k, v in kwargs.items() if k not in found["keywords"]}
        named = {}
        for key, value in kwargs.items():
            if _is_tensor(value):
                named[key] = self.tensor_history(value, by_name, label, f"{path}.kwargs.{key}")
            elif value is not None and key not in IGNORED_CALL_KWARGS:
                raise self.error(
                    f"it is called with {key}={shown(value)}, a call argument convcalc does not follow",
                    layer=label,
                )
        tensors = []
        for i, arg in enumerate(args):
            if _is_tensor(arg):
                tensors.append(self.tensor_history(arg, by_name, label, f"{path}.args[{i}]"))
            elif isinstance(arg, list) and arg and all(map(_is_tensor, arg)) and len(args) == 1:
                return {**found, "inputs": [self.tensor_history(t, by_name, label, f"{path}.args[0][{j}]")
                                            for j, t in enumerate(arg)]}
            elif arg is not None:
                raise self.error(f"it is called with {shown(arg)}, not tensors", layer=label)
        if len(tensors) == 1 and not named:
            return {**found, "inputs": tensors[0]}
        if not tensors and not named:
            raise self.error("a call with no input tensors", layer=label)
        positional = self.call_tensor_names(entry, len(tensors))
        named.update(zip(positional, tensors))
        return {**found, "inputs": named}

    def keyword_histories(self, kwargs, by_name, label, path):
        """A call's initial_state (a tensor or a list of them) and mask (a tensor), as
        histories: the graph's call_kwargs (its node lists them after the inputs)."""
        found = {}
        for key in ("initial_state", "mask"):
            value = kwargs.get(key)
            items = value if isinstance(value, list) else [value]
            if value is not None and items and all(map(_is_tensor, items)):
                histories = [self.tensor_history(t, by_name, label, f"{path}.kwargs.{key}") for t in items]
                found[key] = histories if isinstance(value, list) else histories[0]
        return found

    def operation_inputs(self, entry, args, kwargs, by_name, path):
        """An operation's call (x + 3.0: args [x, 3.0]): its tensor operands, in order, as
        its inputs (always a list); its other operands, constants, by the names of Keras's
        call (x2: 3.0), to go with its arguments."""
        operands = signature(entry["class_name"])["operands"]
        if len(args) > len(operands) or set(kwargs) - set(operands[len(args):]):
            raise self.error(
                f"it is called with {shown(args)} and {shown(kwargs)}; the operation takes "
                f"{', '.join(operands)}",
                layer=entry["label"],
            )
        tensors, constants = [], {}
        for i, (key, value) in enumerate([*zip(operands, args), *kwargs.items()]):
            if _is_tensor(value):
                where = f"{path}.args[{i}]" if i < len(args) else f"{path}.kwargs.{key}"
                tensors.append(self.tensor_history(value, by_name, entry["label"], where))
            else:
                constants[key] = value
        if not tensors:
            raise self.error("a call with no input tensors", layer=entry["label"])
        return {"inputs": tensors, "constants": constants}

    def call_tensor_names(self, entry, count):
        """Names of a layer call's positional tensors (MultiHeadAttention: query, value, key)."""
        if count == 0:
            return []
        from convcalc.layers import RULES

        rule = RULES.get(canonical_class_name(entry["class_name"]) or "")
        names = getattr(rule, "CALL_TENSORS", None)
        if rule is None or getattr(rule, "input_kind", None) != "mapping" or not names or count > len(names):
            raise self.error(
                f"it is called with {count} tensors as separate arguments, which convcalc "
                f"cannot name for {entry['class_name']}",
                layer=entry["label"],
            )
        return list(names[:count])

    def tensor_history(self, tensor, by_name, label, path):
        config = tensor.get("config")
        if not isinstance(config, dict):
            raise self.error(f"{path}.config must be an object with a keras_history; got {shown(config)}",
                             layer=label)
        history = config.get("keras_history")
        if not (isinstance(history, list) and len(history) == 3):
            raise self.error(f"{path}.config.keras_history must be [layer, node, tensor]; got {shown(history)}",
                             layer=label)
        return self.history(history, by_name, label, f"{path}.config.keras_history", legacy=False)

    def history(self, history, by_name, label, path, legacy):
        layer_name, node, tensor = history
        if not isinstance(layer_name, str):
            raise self.error(f"{path}[0] must be a layer's name; got {shown(layer_name)}", layer=label)
        if layer_name not in by_name:
            raise self.error(f"it is called on '{layer_name}', which is not a layer of the model", layer=label)
        if not all(is_int(v) and v >= 0 for v in (node, tensor)):
            raise self.error(f"{path}: a keras_history with bad indices: {shown(history)}", layer=label)
        if legacy and by_name[layer_name]["class_name"] in NESTED_MODEL_CLASSES:
            node -= 1  # tf-keras counts a nested model's own node as node 0
        return (layer_name, node, tensor)

    # -- layers --------------------------------------------------------------------
    def entry(self, raw, index):
        """A layer entry's class, name and config, checked; nothing is built yet."""
        path = f"{self.prefix}layers[{index}]"
        if not isinstance(raw, dict):
            raise self.error(f"layer {index + 1}: {path} is not a layer config: {shown(raw)}")
        _check_fields(raw, path, self.source, layer=f"layer {index + 1}")
        config = raw.get("config")
        if not isinstance(config, dict):
            raise self.error(f"layer {index + 1} ({raw['class_name']}): {path}.config must be an object; "
                             f"got {shown(config)}")
        name = raw.get("name", config.get("name"))
        if "name" in config and not isinstance(config["name"], str):  # Keras's Operation refuses it
            name, where = config["name"], f"{path}.config.name"
        else:
            where = f"{path}.name" if "name" in raw else f"{path}.config.name"
        if not isinstance(name, str):
            raise self.error(f"layer {index + 1} ({raw['class_name']}): {where} must be a string; got {shown(name)}")
        label = f"layer {index + 1} '{name}' ({raw['class_name']})"
        self.check_class(raw, label)
        class_name = OPERATION_PREFIX + raw["class_name"] if _is_operation(raw) else raw["class_name"]
        return {"raw": raw, "class_name": class_name, "config": config, "name": name, "label": label,
                "path": path}

    def check_class(self, raw, label):
        class_name, module = raw["class_name"], raw.get("module")
        if class_name in NESTED_MODEL_CLASSES and _is_keras_module(raw):
            return
        if _is_operation(raw):
            if OPERATION_PREFIX + class_name not in other_classes():
                raise self.error(
                    f"the keras.ops operation {class_name} ({module}): convcalc has no rule for it",
                    hint="convcalc follows these operations: "
                    + ", ".join(c for c in other_classes() if c.startswith(OPERATION_PREFIX)),
                    layer=label,
                )
            return
        if _is_application_layer(raw):
            if class_name not in other_classes():
                raise self.error(
                    f"{class_name} is a layer class of keras.applications ({module}) that convcalc has no rule for",
                    layer=label,
                )
            return
        if not _is_keras_module(raw) or (raw.get("registered_name") not in (None, class_name)):
            where = f" from {module}" if module else ""
            registered = raw.get("registered_name")
            raise self.error(
                f"{class_name} is a custom class{where}"
                + (f" (registered as {registered!r})" if registered else "")
                + ": its shapes are defined by its Python code",
                hint="convcalc reads Keras's own layer classes and never imports or runs a model's code",
                layer=label,
            )
        if class_name == "TFOpLambda":
            raise self.error(
                f"TFOpLambda wraps a TensorFlow op ({raw['config'].get('function', '?')}) called on a tensor",
                hint="convcalc reads Keras layers only and never runs code",
                layer=label,
            )

    def input_layer(self, entry):
        config, path = entry["config"], f"{entry['path']}.config"
        key = next((k for k in LEGACY_SHAPE_KEYS if config.get(k) is not None), None)
        if key is not None:
            shape, path = config[key], f"{path}.{key}"
        elif isinstance(config.get("shape"), list):  # InputLayer(shape=...)
            shape, path = [config.get("batch_size"), *config["shape"]], f"{path}.shape"
        else:
            raise self.error(f"{path}: the InputLayer has no batch_shape", layer=entry["label"])
        inputs, batch_size = self.batch_shape(shape, path, entry["label"], entry["name"])
        inputs[0].dtype = _input_dtype(config.get("dtype"), f"{path.rsplit('.', 1)[0]}.dtype")
        return inputs[0], batch_size

    def layer_call(self, entry, position):
        class_name, config = entry["class_name"], entry["config"]
        if class_name in NESTED_MODEL_CLASSES:
            kind = NESTED_MODEL_CLASSES[class_name]
            graph = _Reader(self.source, self.legacy, f"{entry['path']}.config.").model(kind, config, entry["label"])
            trainable = config.get("trainable", True) if kind == "Functional" else True  # as above
            graph.name = entry["name"]
            return LayerCall(kind, kwargs={"model": graph, "trainable": trainable}, position=position)
        kwargs = self.layer_kwargs(class_name, config)
        kwargs["name"] = entry["name"]
        return LayerCall(class_name, kwargs=kwargs, position=position)

    def layer_kwargs(self, class_name, config):
        canonical = canonical_class_name(class_name)
        dropped = SERIALIZE_ONLY.get(canonical, set()) | set(LEGACY_SHAPE_KEYS)
        kwargs = {}
        for key, value in config.items():
            if key in dropped:
                continue
            value = _tuple_free(value)
            if key == "dtype":
                value = _dtype_name(value)
            elif key in LAYER_ARGUMENTS:
                value = self.argument_layer(value)
            kwargs[key] = value
        return self.legacy_kwargs(canonical, kwargs) if self.legacy else kwargs

    def legacy_kwargs(self, canonical, kwargs):
        """A Keras 2 layer's arguments as Keras 3 takes them."""
        signature = keras_classes().get(canonical)
        if signature is None:
            return kwargs
        for key, neutral in LEGACY_DROPPED.items():
            if key in kwargs and key not in signature["keywords"] and neutral(kwargs[key]):
                del kwargs[key]
        axis = kwargs.get("axis")
        if canonical == "BatchNormalization" and isinstance(axis, list) and len(axis) == 1:
            kwargs["axis"] = axis[0]  # tf-keras wrote BatchNormalization's axis as a list
        return kwargs

    def argument_layer(self, value):
        """A layer given as an argument (Bidirectional's `layer`, RNN's `cell`)."""
        if isinstance(value, list):
            return [self.argument_layer(v) for v in value]
        if not (isinstance(value, dict) and isinstance(value.get("class_name"), str)):
            return value
        _check_fields(value, "a layer argument's", self.source)
        config = value.get("config") if isinstance(value.get("config"), dict) else {}
        name = config.get("name", value["class_name"])
        if not isinstance(name, str):
            raise self.error(f"a layer argument's config.name must be a string; got {shown(name)}",
                             layer=f"'{value['class_name']}', an argument layer")
        label = f"'{name}' ({value['class_name']}), an argument layer"
        self.check_class(value, label)
        if value["class_name"] in NESTED_MODEL_CLASSES:
            raise self.error("a model given as a layer's argument is not read yet", layer=label)
        return LayerCall(value["class_name"], kwargs=self.layer_kwargs(value["class_name"], config))


def _input_dtype(value, path):
    """An InputLayer's dtype (Keras 3 writes its name; a policy's, its name) as Keras
    standardizes it: None is floatx (float32); else an UnknownDtype."""
    value = _dtype_name(value)
    if value is None or value in KERAS_DTYPES:
        return "int64" if value == "int" else value  # standardize_dtype on TensorFlow
    return UnknownDtype(f"{path} is {shown(value)}, not a dtype Keras knows")


def _dtype_name(value):
    """A dtype policy as Keras writes it ({"class_name": "DTypePolicy", "config": {"name":
    "mixed_float16"}}) -> its name, as a layer's `dtype` argument takes it."""
    if isinstance(value, dict):
        config = value.get("config")
        if isinstance(config, dict) and isinstance(config.get("name"), str):
            return config["name"]
    return value
