"""Read a YAML spec (version 1, see README) into a ModelGraph, with line numbers.

The YAML is composed into nodes first (to know each entry's line) and then constructed
with PyYAML's safe constructor: a tag such as !!python/object is refused, never built.
"""

from __future__ import annotations

import pathlib

import yaml

from convcalc.errors import SpecError, did_you_mean
from convcalc.graph import LayerCall, ModelGraph, ModelInput
from convcalc.layers.arguments import is_int

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
TOP_KEYS = ("name", "api", "input", "inputs", "batch_size", "layers", "outputs")


def _line(node):
    return node.start_mark.line + 1


def _load(text, source):
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise SpecError("the spec is empty", hint="see the README for the spec format", file=source)
        return node, loader.construct_document(node)
    except yaml.constructor.ConstructorError as error:
        mark = error.problem_mark
        raise SpecError(
            f"YAML tag not allowed: {error.problem}",
            hint="a spec holds plain data only; convcalc never constructs objects from tags",
            file=source, line=mark.line + 1 if mark else None,
        ) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (column {mark.column + 1})" if mark else ""
        problem = getattr(error, "problem", None) or str(error)
        raise SpecError(
            f"invalid YAML{where}: {problem}",
            file=source, line=mark.line + 1 if mark else None,
        ) from None
    finally:
        loader.dispose()


def _children(node):
    """Mapping node -> {key: value node}, sequence node -> [item nodes]."""
    if isinstance(node, yaml.MappingNode):
        return {k.value: v for k, v in node.value}
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return None


def _shape(value, what, source, line):
    if not isinstance(value, list) or not all(d is None or (is_int(d) and d > 0) for d in value):
        raise SpecError(
            f"{what} must be a list of positive integers (null for a free axis); got {value!r}",
            hint="for example: input: [28, 28, 1]",
            file=source, line=line,
        )
    return tuple(value)


def _class_key(entry, source, line, position):
    classes = [k for k in entry if isinstance(k, str) and k[:1].isupper()]
    if len(classes) != 1:
        found = f"found {', '.join(classes)}" if classes else "found none"
        raise SpecError(
            f"layer {position}: an entry needs exactly one layer class key (capitalized); {found}",
            hint="for example: - Conv2D: {filters: 32, kernel_size: 3}",
            file=source, line=line,
        )
    return classes[0]


def _layer_call(entry, position, line, source):
    if isinstance(entry, str):
        return LayerCall(entry, position=position, line=line)
    if not isinstance(entry, dict):
        raise SpecError(
            f"layer {position}: an entry must be a class name or a mapping; got {entry!r}",
            hint="for example: - Flatten, or - Dense: 10",
            file=source, line=line,
        )
    if "use" in entry and not any(isinstance(k, str) and k[:1].isupper() for k in entry):
        return _use_call(entry, position, line, source)
    class_name = _class_key(entry, source, line, position)
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
            raise SpecError(f"layer {position}: keys must be names; got {key!r}", file=source, line=line)
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
    return LayerCall(class_name, args, kwargs, inputs, position, line)


def _use_call(entry, position, line, source):
    """`- use: NAME`: call an already defined layer again, sharing its weights."""
    extra = sorted(set(entry) - {"use", "inputs"})
    if extra:
        raise SpecError(
            f"layer {position}: `use:` takes only `inputs:` beside it; got {', '.join(map(str, extra))}",
            hint="the shared layer keeps the arguments it was defined with",
            file=source, line=line,
        )
    if not isinstance(entry["use"], str):
        raise SpecError(f"layer {position}: `use:` names a layer; got {entry['use']!r}", file=source, line=line)
    inputs = _inputs(entry.get("inputs"), position, source, line)
    return LayerCall(None, inputs=inputs, position=position, line=line, use=entry["use"])


def _inputs(value, position, source, line):
    """None, one reference, or a list of references, kept as written."""
    names = [value] if isinstance(value, str) else value
    if value is not None and (
        not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names)
    ):
        raise SpecError(
            f"layer {position}: 'inputs' must be a name or a list of names; got {value!r}",
            hint="for example: inputs: conv1, or inputs: [branch_a, branch_b]",
            file=source, line=line,
        )
    return value


def read_spec(path) -> ModelGraph:
    source = str(path)
    try:
        text = pathlib.Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SpecError("no such file", file=source) from None
    except IsADirectoryError:
        raise SpecError("is a directory, not a spec file", file=source) from None
    except (OSError, UnicodeDecodeError) as error:
        raise SpecError(f"cannot read the file: {error}", file=source) from None
    root, data = _load(text, source)
    return graph_from_data(data, _children(root), source)


def graph_from_data(data, nodes, source) -> ModelGraph:
    if not isinstance(data, dict):
        raise SpecError(
            f"a spec must be a mapping with a `layers:` list; got {type(data).__name__}",
            hint="see the README for the spec format",
            file=source, line=1,
        )
    for key in data:
        if key not in TOP_KEYS:
            raise SpecError(
                f"unknown top-level key '{key}'.{did_you_mean(key, TOP_KEYS)}",
                hint=f"the top-level keys are: {', '.join(TOP_KEYS)}",
                file=source, line=_line(nodes[key]) if key in nodes else None,
            )
    layers = data.get("layers")
    if not isinstance(layers, list) or not layers:
        raise SpecError(
            "the spec has no layers" if not layers else "`layers` must be a list of layer entries",
            hint="add a `layers:` list, for example:\n  layers:\n    - Conv2D: [5, 3]",
            file=source, line=_line(nodes["layers"]) if "layers" in nodes else None,
        )
    layer_nodes = _children(nodes["layers"])
    calls = [
        _layer_call(entry, i + 1, _line(node), source)
        for i, (entry, node) in enumerate(zip(layers, layer_nodes))
    ]
    inputs = _model_inputs(data, nodes, source)
    api = data.get("api")
    if api is None:
        functional = "inputs" in data or any(c.inputs is not None for c in calls)
        api = "functional" if functional else "sequential"
    if api not in ("sequential", "functional"):
        raise SpecError(f"'api' must be sequential or functional; got {api!r}", file=source, line=_line(nodes["api"]))
    if api == "sequential" and (len(inputs) > 1 or any(c.inputs is not None or c.use for c in calls)):
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
    batch_size = data.get("batch_size")
    if batch_size is not None and not (is_int(batch_size) and batch_size > 0):
        raise SpecError(f"'batch_size' must be a positive integer; got {batch_size!r}", file=source, line=_line(nodes["batch_size"]))
    name = data.get("name")
    if name is not None and not isinstance(name, str):
        raise SpecError(f"'name' must be a string; got {name!r}", file=source, line=_line(nodes["name"]))
    return ModelGraph(calls, api, name, inputs, outputs, batch_size, source)


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
        lines = {k.value: _line(v) for k, v in nodes["inputs"].value}
        return [
            ModelInput(str(k), _shape(v, f"input '{k}'", source, lines.get(str(k))), lines.get(str(k)))
            for k, v in named.items()
        ]
    return []
