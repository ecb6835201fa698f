"""Read a YAML spec (version 1, see README) into a ModelGraph, with line numbers.

The YAML is composed into nodes first (to know each entry's line) and then constructed
with PyYAML's safe constructor: a tag such as !!python/object is refused, never built.
"""

from __future__ import annotations


import re

import yaml

from convcalc.errors import SpecError, did_you_mean, shown, too_many_digits
from convcalc.graph import NESTED_MODELS, LayerCall, ModelGraph, ModelInput, UnknownDtype
from convcalc.layers import arguments
from convcalc.layers.arguments import is_int
from convcalc.layers.input_arguments import input_layer_shape
from convcalc.layers.registry import OPERATION_PREFIX
from convcalc.layers.signatures import CALL_KEYWORDS, keras_aliases, keras_classes
from convcalc.read.files import read_bytes, source_name

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
TOP_KEYS = ("name", "api", "input", "inputs", "batch_size", "layers", "outputs", "built")


def _line(node):
    """A node's 1-based line; None for no node (a key a merge, <<: *base, brought in)."""
    return None if node is None else node.start_mark.line + 1


class _Nodes(dict):
    """A mapping node's {key: value node}; None for a key the data has from a merge key."""

    def __missing__(self, key):
        return None


def _load(text, source, what="spec"):
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = None if node is None else _plain_data(loader, node)
        if data is None and node is not None:
            _check_nodes(node, source)
            data = loader.construct_document(node)
        if data is None:  # nothing, only comments, or an empty document
            raise SpecError(f"the {what} is empty", hint=f"see the README for the {what} format", file=source)
        return node, data
    except yaml.YAMLError as error:
        raise _yaml_error(error, text, source) from None
    except ValueError as error:  # an integer too long for Python to read
        digits = too_many_digits(error, text, file=source)
        if digits is None:
            raise
        raise digits from None
    finally:
        loader.dispose()


def _yaml_error(error, text, source):
    """PyYAML's error as one SpecError: line and column, and where the construct began."""
    if isinstance(error, yaml.reader.ReaderError):  # a character YAML does not allow
        line, column = _line_column(text, error.position)
        code = error.character if isinstance(error.character, int) else ord(error.character)
        return SpecError(
            f"invalid YAML (column {column}): character #x{code:04x} is not allowed",
            hint="a spec is plain text: remove control characters", file=source, line=line,
        )
    mark, context = getattr(error, "problem_mark", None), getattr(error, "context", None)
    problem = getattr(error, "problem", None) or str(error)
    if isinstance(error, yaml.constructor.ConstructorError) and "constructor for the tag" in problem:
        return SpecError(
            f"YAML tag not allowed: {problem}",
            hint="a spec holds plain data only; convcalc never constructs objects from tags",
            file=source, line=mark.line + 1 if mark else None,
        )
    hint = None
    if context and problem.startswith("but "):  # "expected a single document ..., but found ..."
        problem = f"{context}, {problem}"
    elif context and getattr(error, "context_mark", None):
        start = error.context_mark
        hint = f"{context} that starts at line {start.line + 1}, column {start.column + 1}"
    where = f" (column {mark.column + 1})" if mark else ""
    line = mark.line + 1 if mark else None
    return SpecError(f"invalid YAML{where}: {problem}", hint=_slip_hint(text, line) or hint, file=source, line=line)


# `- Dense: 10, activation: softmax`: a layer's first argument, then keywords, on one line
_INLINE_KEYWORDS = re.compile(r"^\s*(?:-\s+)?([A-Za-z_][\w.]*):\s+(\[[^\]]*\]|[^\s,{\[][^,]*?)\s*,\s*(\w+:.*)$")


def _slip_hint(text, line):
    """What was meant, for the common slips that make PyYAML fail on a line: a tab in the
    indentation, or a layer's arguments written `- Dense: 10, activation: softmax`."""
    lines = text.splitlines() if isinstance(text, str) else []
    if line is None or not 1 <= line <= len(lines):
        return None
    here = lines[line - 1]
    tabbed = next((n for n in (line, line - 1) if 1 <= n <= len(lines) and "\t" in lines[n - 1]), None)
    if tabbed is not None:
        return f"line {tabbed} holds a tab: YAML indents with spaces only; replace the tab with spaces"
    found = _INLINE_KEYWORDS.match(here)
    if found is None:
        return None
    class_name, first, rest = found.groups()
    return (f"a layer's arguments after the first go in one mapping, in braces: "
            f"- {class_name}: {{{_positional_text(class_name, first)}, {rest.strip()}}}")


def _positional_text(class_name, first):
    """`units: 10` for Dense's 10, `filters: 5, kernel_size: 3` for Conv2D's [5, 3]: the
    values named by the class's positional arguments (the value alone if unknown)."""
    signature = keras_classes().get(keras_aliases().get(class_name, class_name))
    names = signature["positional"] if signature else []
    values = [v.strip() for v in first[1:-1].split(",")] if first.startswith("[") else [first.strip()]
    if not names or len(values) > len(names):
        return first
    return ", ".join(f"{name}: {value}" for name, value in zip(names, values))


def _line_column(text, position):
    """1-based line and column of a character (or byte) offset."""
    newline = "\n" if isinstance(text, str) else b"\n"
    return text.count(newline, 0, position) + 1, position - (text.rfind(newline, 0, position) + 1) + 1


MAX_SPEC_BYTES = 16 * 2**20  # a spec of 100,000 layers is 3 MiB; PyYAML's nodes take 40 times the text
MAX_DEPTH = 200  # levels of YAML nesting: a real spec needs a dozen; the engine recurses per level


class _NotPlain(Exception):
    pass


_PLAIN_SCALARS = {  # the tags a spec's plain scalars resolve to, and PyYAML's own constructors of them
    "tag:yaml.org,2002:str": lambda loader, node: node.value,
    "tag:yaml.org,2002:int": yaml.constructor.SafeConstructor.construct_yaml_int,
    "tag:yaml.org,2002:float": yaml.constructor.SafeConstructor.construct_yaml_float,
    "tag:yaml.org,2002:bool": yaml.constructor.SafeConstructor.construct_yaml_bool,
    "tag:yaml.org,2002:null": yaml.constructor.SafeConstructor.construct_yaml_null,
}


_PLAIN_COLLECTIONS = ("tag:yaml.org,2002:seq", "tag:yaml.org,2002:map")


def _plain_data(loader, root):
    """The document's data if it is what every spec is: a tree (no alias shares a node), no
    deeper than MAX_DEPTH, no key repeated in a mapping, only plain scalars; else None, and
    _check_nodes then finds the refusal and its line, and PyYAML's constructor builds the
    rest. One walk, each node once: PyYAML's general constructor would be a third of the
    time a large spec takes to read."""
    seen, scalars = set(), {}

    def build(node, depth):
        if id(node) in seen:  # an alias: the walk below may meet nodes exponentially often
            raise _NotPlain
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            key = (node.tag, node.value)
            if key not in scalars:
                construct = _PLAIN_SCALARS.get(node.tag)
                if construct is None:  # a tag: PyYAML's safe constructor refuses or builds it
                    raise _NotPlain
                scalars[key] = construct(loader, node)
            return scalars[key]
        if node.tag not in _PLAIN_COLLECTIONS or (node.value and depth == MAX_DEPTH):
            raise _NotPlain
        if isinstance(node, yaml.SequenceNode):
            return [build(item, depth + 1) for item in node.value]
        mapping = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                raise _NotPlain
            key = build(key_node, depth + 1)
            if key in mapping:  # a repeated key: _check_nodes tells where
                raise _NotPlain
            mapping[key] = build(value_node, depth + 1)
        return mapping

    try:
        return build(root, 1)
    except _NotPlain:
        return None
    finally:  # `build` refers to itself: a cycle, never collected while the CLI runs without gc
        seen.clear()
        scalars.clear()


def _check_nodes(root, source):
    """Refuse what PyYAML composes but no spec can mean: a key given twice, an alias used
    inside its own anchor (an infinite structure), nesting deeper than MAX_DEPTH. Iterative,
    each node once: aliases may share nodes exponentially often. A scalar is a leaf of
    height 1 (never stacked: most nodes are scalars)."""
    height, on_path, stack = {}, set(), [(root, None)]
    while stack:
        node, children = stack.pop()
        if children is not None:  # its children are done
            on_path.discard(id(node))
            height[id(node)] = 1 + max((height.get(id(n), 1) for n in children), default=0)
        elif id(node) in on_path:
            raise SpecError(
                "a YAML alias is used inside its own anchor: the structure would be infinite",
                hint="an alias (*name) can only repeat an anchored value (&name) outside of it",
                file=source, line=_line(node),
            )
        elif id(node) not in height and not isinstance(node, yaml.ScalarNode):
            _refuse_duplicate_keys(node, source)
            on_path.add(id(node))
            children = _subnodes(node)
            stack.append((node, children))
            stack += [(n, None) for n in children if not isinstance(n, yaml.ScalarNode)]
    depth = height.get(id(root), 1)
    if depth > MAX_DEPTH:
        node = root
        for _ in range(MAX_DEPTH):  # down the deepest branch, to the level past the limit
            node = max(_subnodes(node), key=lambda n: height.get(id(n), 1))
        raise SpecError(
            f"the spec nests {depth} levels deep; convcalc reads at most {MAX_DEPTH}",
            file=source, line=_line(node),
        )


def _subnodes(node):
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return list(node.value) if isinstance(node, yaml.SequenceNode) else []


def _refuse_duplicate_keys(node, source):
    """PyYAML keeps the last of two equal keys; a spec that repeats a key is a mistake."""
    first = {}
    for key, _ in node.value if isinstance(node, yaml.MappingNode) else []:
        if isinstance(key, yaml.ScalarNode) and key.tag != "tag:yaml.org,2002:merge":
            if (key.tag, key.value) in first:
                raise SpecError(
                    f"the key '{key.value}' is given twice in the same mapping",
                    hint=f"the first is on line {first[key.tag, key.value]}; keep one",
                    file=source, line=_line(key),
                )
            first[key.tag, key.value] = _line(key)


def _children(node):
    """Mapping node -> {key: value node}, sequence node -> [item nodes]."""
    if isinstance(node, yaml.MappingNode):
        return {k.value: v for k, v in node.value}
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return None


def _shape(value, what, source, line):
    try:
        return arguments.shape(value, what)
    except SpecError as error:
        raise error.located(file=source, line=line) from None


def _is_class_key(key):
    """A layer class (capitalized, as Keras spells it) or a keras.ops operation (ops.Mean)."""
    return isinstance(key, str) and (key[:1].isupper() or key.startswith(OPERATION_PREFIX)
                                     and key[len(OPERATION_PREFIX):][:1].isupper())


def _class_key(entry, source, line, position):
    classes = [k for k in entry if _is_class_key(k)]
    if len(classes) == 1:
        return classes[0]
    if classes:
        problem = f"found {len(classes)}: {', '.join(classes)}"
        hint = "each layer is its own list item: start each one with '- '"
    else:
        problem = "found none"
        known = list(keras_classes()) + list(keras_aliases())
        suggestion = "".join(did_you_mean(k, known) for k in entry)
        hint = f"layer classes are spelled as in Keras.{suggestion}" if suggestion else None
    raise SpecError(
        f"layer {position}: an entry needs exactly one layer class key (capitalized); {problem}",
        hint=hint or "for example: - Conv2D: {filters: 32, kernel_size: 3}",
        file=source, line=line,
    )


def _layer_call(entry, position, line, source, node=None):
    if isinstance(entry, str):
        if entry in NESTED_MODELS:  # `- Sequential` alone: a model with no layers
            return _nested_model_call({entry: None}, entry, position, line, source, None)
        return LayerCall(entry, position=position, line=line)
    if not isinstance(entry, dict):
        raise SpecError(
            f"layer {position}: an entry must be a class name or a mapping; got {shown(entry)}",
            hint="for example: - Flatten, or - Dense: 10",
            file=source, line=line,
        )
    if "use" in entry and not any(map(_is_class_key, entry)):
        return _use_call(entry, position, line, source)
    class_name = _class_key(entry, source, line, position)
    if class_name in NESTED_MODELS:
        return _nested_model_call(entry, class_name, position, line, source, node)
    value = entry[class_name]
    args, kwargs = [], {}
    if isinstance(value, list):
        args = value
    elif isinstance(value, dict):
        kwargs = dict(value)
    elif value is not None:
        args = [value]
    for key, extra in entry.items():
        if key == class_name:
            continue
        if not isinstance(key, str):
            raise SpecError(f"layer {position}: keys must be names; got {shown(key)}", file=source, line=line)
        if key in kwargs:
            raise SpecError(f"layer {position} ({class_name}): '{key}' is given twice", file=source, line=line)
        kwargs[key] = extra
    if "use" in kwargs:
        raise SpecError(
            f"layer {position} ({class_name}): `use:` applies an existing layer, so it takes no class",
            hint="write `- use: NAME` (with `inputs:` if needed) to apply layer NAME again",
            file=source, line=line,
        )
    inputs = _inputs(kwargs.pop("inputs", None), position, source, line)
    call_kwargs = _call_kwargs(kwargs, position, source, line)
    args = [_argument(v, position, line, source) for v in args]
    kwargs = {k: _argument(v, position, line, source) for k, v in kwargs.items()}
    return LayerCall(class_name, args, kwargs, inputs, position, line, call_kwargs=call_kwargs)


def _is_layer_entry(value):
    return isinstance(value, dict) and sum(map(_is_class_key, value)) == 1


def _argument(value, position, line, source):
    """A layer argument that is itself a layer entry (Bidirectional's `layer`, RNN's
    `cell`, a list of cells) becomes a LayerCall; any other value stays as it is."""
    if _is_layer_entry(value):
        inner = _layer_call(value, position, line, source)
        if inner.inputs is not None:
            raise SpecError(
                f"layer {position}: a layer given as an argument is not applied to anything; "
                "drop its `inputs:`",
                file=source, line=line,
            )
        return inner
    if isinstance(value, list) and value and all(map(_is_layer_entry, value)):
        return [_argument(v, position, line, source) for v in value]
    return value


def _nested_model_call(entry, class_name, position, line, source, node):
    """`- Sequential: {layers: [...]}`: a whole model used as one layer of this one."""
    body = entry[class_name]
    if not isinstance(body, dict) or "layers" not in body:
        raise SpecError(
            f"layer {position}: a nested {class_name} is a mapping with its own `layers:`",
            hint=f"for example:\n  - {class_name}:\n      layers:\n        - Dense: 8",
            file=source, line=line,
        )
    extra = sorted(set(entry) - {class_name, "inputs", "trainable", *CALL_KEYWORDS}, key=str)
    if extra:
        raise SpecError(
            f"layer {position}: a nested {class_name} takes `inputs:`, `trainable:` and the call's keywords "
            f"({', '.join(CALL_KEYWORDS)}) beside it; got {', '.join(map(str, extra))} (its name and layers go inside)",
            file=source, line=line,
        )
    body = dict(body)
    trainable = entry.get("trainable", body.pop("trainable", True))
    api = class_name.lower()
    if body.setdefault("api", api) != api:
        raise SpecError(f"layer {position}: a nested {class_name} has api {api}", file=source, line=line)
    value_node = _children(node).get(class_name) if node is not None else None
    graph = graph_from_data(body, value_node, source)
    inputs = _inputs(entry.get("inputs"), position, source, line)
    call_kwargs = _call_kwargs(dict(entry), position, source, line)  # base(x, training=False)
    return LayerCall(class_name, kwargs={"model": graph, "trainable": trainable}, inputs=inputs,
                     position=position, line=line, call_kwargs=call_kwargs)


def _use_call(entry, position, line, source):
    """`- use: NAME`: call an already defined layer again, sharing its weights."""
    extra = sorted(set(entry) - {"use", "inputs", *CALL_KEYWORDS}, key=str)
    if extra:
        raise SpecError(
            f"layer {position}: `use:` takes only `inputs:` and the call's keywords ({', '.join(CALL_KEYWORDS)}) "
            f"beside it; got {', '.join(map(str, extra))}",
            hint="the shared layer keeps the arguments it was defined with",
            file=source, line=line,
        )
    if not isinstance(entry["use"], str):
        raise SpecError(f"layer {position}: `use:` names a layer; got {entry['use']!r}", file=source, line=line)
    inputs = _inputs(entry.get("inputs"), position, source, line)
    call_kwargs = _call_kwargs(dict(entry), position, source, line)
    return LayerCall(None, inputs=inputs, position=position, line=line, use=entry["use"], call_kwargs=call_kwargs)


def _refers(call):
    """Whether a call's keywords refer to other layers (initial_state:, mask:)."""
    return any(value is not None for key, value in call.call_kwargs.items() if key != "training")


def _call_kwargs(entry, position, source, line):
    """The call's keywords taken out of an entry: initial_state / mask, a name or a list of
    names (initial_state: ["encoder[1]", "encoder[2]"]); training, true, false or null."""
    found = {}
    for key in CALL_KEYWORDS:
        if key not in entry:
            continue
        value = entry.pop(key)
        names = value if isinstance(value, list) else [value]
        if key == "training" and not isinstance(value, (bool, type(None))) or key != "training" and not (
                value is None or names and all(isinstance(n, str) for n in names)):
            what = "true, false or null" if key == "training" else "a name or a list of names"
            raise SpecError(f"layer {position}: the call's '{key}' must be {what}; got {shown(value)}",
                            hint='for example: initial_state: ["encoder[1]", "encoder[2]"]', file=source, line=line)
        found[key] = value
    return found


def _inputs(value, position, source, line):
    """None, one reference, a list of references, or a mapping of a call's argument names
    to references (named tensors: {query: x, value: memory}), kept as written."""
    names = [value] if isinstance(value, str) else value
    if isinstance(value, dict):
        names = list(value.values()) if all(isinstance(k, str) for k in value) else None
    if value is not None and (
        not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names)
    ):
        raise SpecError(
            f"layer {position}: 'inputs' must be a name, a list of names or a mapping of "
            f"argument names to names; got {shown(value)}",
            hint="for example: inputs: conv1, inputs: [branch_a, branch_b], or inputs: {query: x, value: memory}",
            file=source, line=line,
        )
    return value


def load_yaml(path, what="spec"):
    """(root node, data) of any convcalc YAML file (a spec, a student's answers): UTF-8,
    composed with the safe loader (tags refused, a key given twice refused), every error
    a SpecError with the file and line. The nodes' start_mark gives each item's line."""
    source = source_name(path)
    return _load(_read_text(path, source, what), source, what)


def read_spec(path) -> ModelGraph:
    source = source_name(path)
    root, data = _load(_read_text(path, source), source)
    return graph_from_data(data, root, source)


def _read_text(path, source, what="spec"):
    data = read_bytes(path, source, f"{what} file" if what == "spec" else what, MAX_SPEC_BYTES)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _line_column(data, error.start)
        raise SpecError(
            f"not UTF-8 text (column {column}): byte 0x{data[error.start]:02x} cannot be decoded",
            hint="save the spec as UTF-8", file=source, line=line,
        ) from None


def graph_from_data(data, node, source) -> ModelGraph:
    """The graph a spec's data describes; `node` (its YAML mapping) gives the lines."""
    if not isinstance(data, dict):
        raise SpecError(
            f"a spec must be a mapping with a `layers:` list; got {type(data).__name__}",
            hint="see the README for the spec format",
            file=source, line=1,
        )
    mapping = isinstance(node, yaml.MappingNode)
    nodes = _Nodes(_children(node) if mapping else {})
    key_lines = {k.value: _line(k) for k, _ in node.value} if mapping else {}
    for key in data:
        if key not in TOP_KEYS:
            raise SpecError(
                f"unknown top-level key '{key}'.{did_you_mean(key, TOP_KEYS)}",
                hint=f"the top-level keys are: {', '.join(TOP_KEYS)}",
                file=source, line=key_lines.get(str(key)),
            )
    layers = data.get("layers")
    if not isinstance(layers, list) or not layers:
        dashed = isinstance(layers, dict) and any(str(k).startswith("-") for k in layers)
        raise SpecError(
            "the spec has no layers" if not layers else "`layers` must be a list of layer entries",
            hint="each list item starts with a dash and a space: - Dense: 10 (not -Dense: 10)" if dashed else
            "add a `layers:` list, for example:\n  layers:\n    - Conv2D: [5, 3]",
            file=source, line=_line(nodes["layers"]) if "layers" in nodes else None,
        )
    # (no node of its own: the list came from a merge key, <<: *base; its lines are unknown)
    layer_nodes = _children(nodes["layers"]) if "layers" in nodes else [None] * len(layers)
    calls = [
        _layer_call(entry, i + 1, None if node is None else _line(node), source, node)
        for i, (entry, node) in enumerate(zip(layers, layer_nodes))
    ]
    inputs = _model_inputs(data, nodes, source)
    batch_size = data.get("batch_size")
    if calls[0].class_name == "InputLayer":  # Sequential([InputLayer(shape=...), ...]): its input
        calls, inputs, batch_size = _first_input_layer(calls, inputs, data, source)
    api = data.get("api")
    if api is None:
        functional = "inputs" in data or any(c.inputs is not None or _refers(c) for c in calls)
        api = "functional" if functional else "sequential"
    if api not in ("sequential", "functional"):
        raise SpecError(f"'api' must be sequential or functional; got {shown(api)}", file=source, line=_line(nodes["api"]))
    if api == "sequential" and (len(inputs) > 1 or any(c.inputs is not None or c.use or _refers(c) for c in calls)):
        raise SpecError(
            "a sequential model has one input and applies each layer, once, to the one before",
            hint="use `api: functional` for several inputs, `inputs:` on layers or `use:`",
            file=source, line=_line(nodes["api"]) if "api" in nodes else None,
        )
    outputs = data.get("outputs")
    if outputs is not None:
        outputs = [outputs] if isinstance(outputs, str) else outputs
        if not isinstance(outputs, list) or not outputs or not all(isinstance(o, str) for o in outputs):
            raise SpecError("'outputs' must be a list of layer names", file=source, line=_line(nodes["outputs"]))
        if api == "sequential":
            raise SpecError("'outputs' needs `api: functional`", file=source, line=_line(nodes["outputs"]))
    try:
        arguments.batch_size(batch_size, "'batch_size'")
    except SpecError as error:
        raise error.located(file=source, line=_line(nodes["batch_size"])) from None
    name = data.get("name")
    if name is not None and not isinstance(name, str):
        raise SpecError(f"'name' must be a string; got {shown(name)}", file=source, line=_line(nodes["name"]))
    outputs_line = _line(nodes["outputs"]) if "outputs" in nodes else None
    built = data.get("built", True)  # `built: false`: a Sequential never given an input shape
    if built is not True and not (built is False and api == "sequential" and not inputs and batch_size is None):
        raise SpecError("`built: false` is for a Sequential without `input:` or `batch_size:` (Keras lists it unbuilt)",
                        file=source, line=_line(nodes["built"]))
    return ModelGraph(calls, api, name, inputs, outputs, batch_size, source, outputs_line, built)


def _first_input_layer(calls, inputs, data, source):
    """A spec whose first layer is `- InputLayer: {shape: [...]}`, as a Sequential built on
    an InputLayer: its shape (and batch size) are the model's input, checked as Keras's
    InputLayer checks them (layers/input_arguments.py). (calls, inputs, batch size)."""
    first = calls[0]
    where = dict(file=source, line=first.line)
    if data.get("api") == "functional":
        raise SpecError("layer 1 (InputLayer): a functional spec names its inputs in `inputs:`",
                        hint="for example: inputs: {image: [28, 28, 1]}", **where)
    if inputs or data.get("batch_size") is not None:
        key = "input" if "input" in data else "inputs" if "inputs" in data else "batch_size"
        raise SpecError(f"layer 1 (InputLayer): the model's input is given twice, by `{key}:` and by the InputLayer",
                        hint="keep one of them", **where)
    if len(calls) == 1:
        raise SpecError("the spec has no layers after its InputLayer", **where)
    given = dict(first.kwargs)
    positional = keras_classes()["InputLayer"]["positional"]
    if len(first.args) > len(positional):
        raise SpecError(f"layer 1 (InputLayer): it takes at most {len(positional)} positional arguments "
                        f"({', '.join(positional)}); got {len(first.args)}", **where)
    for key, value in zip(positional, first.args):
        if key in given:
            raise SpecError(f"layer 1 (InputLayer): '{key}' is given twice", **where)
        given[key] = value
    try:
        shape, batch_size = input_layer_shape(given, "layer 1 (InputLayer)")
        shape = arguments.shape(shape, "layer 1 (InputLayer): shape")
    except SpecError as error:
        raise error.located(**where) from None
    name, dtype = given.get("name"), given.get("dtype")
    if dtype is not None and not isinstance(dtype, str):  # a valid name: checked as Keras checks it
        dtype = UnknownDtype(f"the InputLayer's dtype is {shown(dtype)} (line {first.line}), not a dtype's name")
    dtype = "int64" if dtype == "int" else dtype  # standardize_dtype on TensorFlow
    return calls[1:], [ModelInput(name, shape, first.line, dtype)], batch_size


def _model_inputs(data, nodes, source):
    if "input" in data and "inputs" in data:
        raise SpecError("give either `input` or `inputs`, not both", file=source, line=_line(nodes["inputs"]))
    if "input" in data:
        return [ModelInput(None, _shape(data["input"], "'input'", source, _line(nodes["input"])), _line(nodes["input"]))]
    if "inputs" in data:
        named = data["inputs"]
        if not isinstance(named, dict) or not named:
            raise SpecError(
                "'inputs' must map input names to shapes, e.g. {image: [32, 32, 3], meta: [10]}",
                file=source, line=_line(nodes["inputs"]),
            )
        lines = {k.value: _line(v) for k, v in nodes["inputs"].value} if isinstance(nodes["inputs"], yaml.MappingNode) else {}
        return [
            ModelInput(str(k), _shape(v, f"input '{k}'", source, lines.get(str(k))), lines.get(str(k)))
            for k, v in named.items()
        ]
    return []
