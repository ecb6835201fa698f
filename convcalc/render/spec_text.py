"""Write a ModelGraph as a YAML spec (the README's format, read back by read/yaml_spec.py):
what `convcalc import` writes for Keras code or a Keras config.

`spec_text(graph)` first makes the graph read as a person would write it: names that
are what Keras would give anyway, `inputs:` that is the entry before, `outputs:` that is
the last layer and `NAME[0]` of a one-output layer are left out; each simplification is
kept only if the analysis (every row, name and figure) stays the same.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import re

import yaml

from convcalc.errors import SpecError
from convcalc.graph import NESTED_MODELS, LayerCall, ModelGraph, Reference, code_defined

_PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*")


def scalar(value):
    """One YAML scalar that reads back as exactly `value`."""
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value:
            return ".nan"
        if value in (float("inf"), float("-inf")):
            return ".inf" if value > 0 else "-.inf"
        text = repr(value)
        if "e" in text and "." not in text.split("e")[0]:  # YAML 1.1 floats need a dot
            mantissa, exponent = text.split("e")
            text = f"{mantissa}.0e{exponent if exponent[0] in '+-' else '+' + exponent}"
        elif "e" in text and text.split("e")[1][0] not in "+-":
            mantissa, exponent = text.split("e")
            text = f"{mantissa}e+{exponent}"
        return text
    if isinstance(value, str):
        if _PLAIN.fullmatch(value) and yaml.safe_load(value) == value:
            return value
        return json.dumps(value, ensure_ascii=False)  # a YAML double-quoted scalar
    raise TypeError(f"not a spec value: {value!r}")


def flow(value):
    """A value in YAML's flow style: [a, [b, c]], {key: value}, layer entries included."""
    if isinstance(value, LayerCall):
        return flow(_entry_mapping(value))
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{scalar(str(k)) if not isinstance(k, str) else scalar(k)}: {flow(v)}"
                               for k, v in value.items()) + "}"
    return scalar(value)


def _entry_mapping(call: LayerCall):
    """A layer given as an argument, as a mapping {Class: args, key: value}."""
    if not call.args and not call.kwargs:
        return {call.class_name: None}
    if not call.args:
        return {call.class_name: dict(call.kwargs)}
    head = call.args[0] if len(call.args) == 1 and not isinstance(call.args[0], (list, dict, LayerCall)) else list(call.args)
    return {call.class_name: head, **call.kwargs}


def _layer_lines(call: LayerCall, indent):
    pad = " " * indent
    extra = {}
    if call.inputs is not None:
        extra["inputs"] = call.inputs
    extra.update(call.call_kwargs)  # initial_state: [...], mask: ..., training: ...
    if call.use is not None:
        return [f"{pad}- use: {scalar(call.use)}"] + [f"{pad}  {k}: {flow(v)}" for k, v in extra.items()]
    if call.class_name in NESTED_MODELS:
        lines = [f"{pad}- {call.class_name}:"]
        lines += _model_lines(call.kwargs["model"], indent + 4, nested=True)
        if call.kwargs.get("trainable") is False:
            lines.append(f"{pad}  trainable: false")
        return lines + [f"{pad}  {k}: {flow(v)}" for k, v in extra.items()]
    kwargs = dict(call.kwargs)
    if not call.args and not kwargs and not extra:
        return [f"{pad}- {call.class_name}"]
    if len(call.args) == 1 and not isinstance(call.args[0], (list, dict, LayerCall)):
        head = f" {flow(call.args[0])}"
    elif call.args:
        head = f" {flow(list(call.args))}"
    elif len(flow({**kwargs, **extra})) <= 90:  # Add: {inputs: [a, b], name: sum}
        return [f"{pad}- {call.class_name}: {flow({**kwargs, **extra})}"]
    else:  # many keywords: a block mapping under the class key
        lines = [f"{pad}- {call.class_name}:"]
        lines += [f"{pad}    {key}: {flow(value)}" for key, value in kwargs.items()]
        return lines + [f"{pad}  {key}: {flow(value)}" for key, value in extra.items()]
    lines = [f"{pad}- {call.class_name}:{head}"]
    for key, value in {**kwargs, **extra}.items():
        lines.append(f"{pad}  {key}: {flow(value)}")
    return lines


def _model_lines(graph: ModelGraph, indent, nested=False):
    pad = " " * indent
    lines = []
    if graph.name is not None:
        lines.append(f"{pad}name: {scalar(graph.name)}")
    if not nested or graph.api == "functional":
        lines.append(f"{pad}api: {graph.api}")
    if len(graph.inputs) == 1 and graph.inputs[0].name is None:
        lines.append(f"{pad}input: {flow(list(graph.inputs[0].shape))}")
    elif graph.inputs:
        named = {i.name: list(i.shape) for i in graph.inputs}
        if None in named:
            raise ValueError("several inputs must all have names")
        lines.append(f"{pad}inputs: {flow(named)}")
    if graph.batch_size is not None:
        lines.append(f"{pad}batch_size: {graph.batch_size}")
    if not graph.built:
        lines.append(f"{pad}built: false")
    lines.append(f"{pad}layers:")
    for call in graph.layers:
        lines += _layer_lines(call, indent + 2)
    if graph.outputs is not None:
        lines.append(f"{pad}outputs: {flow(list(graph.outputs))}")
    return lines


def yaml_text(graph: ModelGraph, header=None):
    """The spec's text for a graph, as it is (see spec_text for a simplified one)."""
    lines = [f"# {line}" if line else "#" for line in (header or "").splitlines()]
    return "\n".join(lines + _model_lines(graph, 0)) + "\n"


# -- simplification, checked by analysis ---------------------------------------------------


def _analysis(graph, naming):
    """What convcalc prints of a graph, nested models expanded: its figures (summarize's
    JSON) and each row's depth and trainable flag, to compare two graphs by."""
    from convcalc.analysis.engine import analyze
    from convcalc.report.summary import figures, summarize

    summary = summarize(analyze(graph, naming), expand_nested=True)
    return figures(summary), [(row.depth, row.trainable, row.has_weights) for row in summary.rows]


def _graphs(graph):
    yield graph
    for call in graph.layers:
        if call.class_name in NESTED_MODELS and call.use is None:
            yield from _graphs(call.kwargs["model"])


def _looks_auto(name, class_name, naming):
    """Whether a name is one Keras gives by itself (conv2d, conv2d_3, input_layer_1, ...)."""
    from convcalc.layers.signatures import canonical_class_name
    from convcalc.naming import to_snake_case

    if not isinstance(name, str):
        return False
    class_name = canonical_class_name(class_name) or class_name
    prefix, _ = naming.prefixes.get(class_name, (to_snake_case(class_name), 0))
    return re.fullmatch(rf"{re.escape(prefix)}(_\d+)?", name) is not None


def _without_auto_names(graph, naming):
    """The names Keras would give anyway, left out (models', inputs', layers')."""
    out = copy.deepcopy(graph)
    for g in _graphs(out):
        if _looks_auto(g.name, g.api.capitalize(), naming):
            g.name = None
        if len(g.inputs) == 1 and _looks_auto(g.inputs[0].name, "InputLayer", naming):
            g.inputs[0].name = None  # several inputs keep their names: `inputs:` maps them
        for call in g.layers:
            if call.use is None and call.class_name not in NESTED_MODELS and _looks_auto(
                    call.kwargs.get("name"), call.class_name, naming):
                del call.kwargs["name"]
    return out


def _names_and_outputs(graph, naming):
    """id(call) -> the name its layer gets, name -> its number of outputs, and id(graph) ->
    the name of the graph's first input."""
    from convcalc.analysis.engine import analyze

    names, outputs, first_inputs = {}, {}, {}

    def collect(model, graph):
        if model.inputs:
            first_inputs[id(graph)] = model.inputs[0].layer.name
        for layer in model.layers:
            outputs[layer.name] = len(layer.nodes[-1].outputs)
            if layer.call is not None:
                names[id(layer.call)] = layer.name
            if layer.model is not None:
                collect(layer.model, layer.call.kwargs["model"])
        for tensor in model.inputs:
            outputs[tensor.layer.name] = 1

    collect(analyze(graph, naming), graph)
    return names, outputs, first_inputs


def _refs_simplified(graph, naming):
    """NAME[n][i] of the latest call -> NAME[i]; NAME[0] of a one-output layer -> NAME;
    `inputs:` that is the entry before -> left out; `outputs:` that is the last -> left out."""
    out = copy.deepcopy(graph)
    names, outputs, first_inputs = _names_and_outputs(out, naming)
    for g in _graphs(out):
        calls = {}

        def simple(ref):
            reference = Reference.parse(ref)
            if reference.output is None:
                return ref
            name = reference.layer
            if reference.call is not None and reference.call == calls.get(name, 0) - 1:
                reference = reference._replace(call=None)
            if reference.call is None and reference.output == 0 and outputs.get(name) == 1:
                return name
            return str(reference)

        first = first_inputs.get(id(g))
        previous = first if first is not None and outputs.get(first) == 1 else None
        for call in g.layers:
            if isinstance(call.inputs, str):
                call.inputs = simple(call.inputs)
            elif isinstance(call.inputs, list):
                call.inputs = [simple(r) for r in call.inputs]
            elif isinstance(call.inputs, dict):
                call.inputs = {k: simple(r) for k, r in call.inputs.items()}
            call.call_kwargs = {k: [simple(r) for r in v] if isinstance(v, list) else v if k == "training" or v is None
                                else simple(v) for k, v in call.call_kwargs.items()}
            if g.api == "functional" and previous is not None and call.inputs == previous:
                call.inputs = None
            name = call.use if call.use is not None else names.get(id(call))
            if name is not None:
                calls[name] = calls.get(name, 0) + 1
            previous = name if name is not None and outputs.get(name) == 1 else None
        if g.outputs is not None:
            g.outputs = [simple(r) for r in g.outputs]
            if g.api == "functional" and previous is not None and g.outputs == [previous]:
                g.outputs = None
    return out


def _without_defaults(graph, naming):
    """Arguments a config spells out at Keras's defaults, left out (a config lists them all):
    values equal to __init__'s defaults, `trainable: true`, and an initializer, regularizer or
    constraint whose config holds nothing but nulls, by its class name."""
    from convcalc.layers.signatures import canonical_class_name, keras_classes

    out = copy.deepcopy(graph)

    def same(a, b):
        norm = (lambda v: [norm(x) for x in v] if isinstance(v, (list, tuple)) else v)
        return norm(a) == norm(b)

    def simplify_call(call):
        signature = keras_classes().get(canonical_class_name(call.class_name) or "", {})
        defaults = signature.get("defaults", {})
        for key, value in list(call.kwargs.items()):
            if isinstance(value, LayerCall):
                simplify_call(value)
            elif isinstance(value, list) and value and all(isinstance(v, LayerCall) for v in value):
                for v in value:
                    simplify_call(v)
            elif isinstance(value, dict) and isinstance(value.get("class_name"), str) and key != "dtype":
                config = value.get("config") or {}
                if isinstance(config, dict) and all(v in (None, {}) for v in config.values()):
                    call.kwargs[key] = value["class_name"]
            default = defaults.get(key, {})
            if key == "trainable" and value is True or ("value" in default and same(value, default["value"])):
                del call.kwargs[key]

    for g in _graphs(out):
        for call in g.layers:
            if call.use is None and call.class_name not in NESTED_MODELS:
                simplify_call(call)
    return out


def _applications_as_written(graph, naming):
    """Each keras.applications model the graph holds as the code wrote it (`- VGG16:
    {...}`), not the Functional model it builds (the analysis builds it again)."""
    graph = copy.deepcopy(graph)
    for each in list(_graphs(graph)):
        each.layers = [c if c.written_as is None else dataclasses.replace(
            c.written_as, inputs=c.inputs, position=c.position, line=c.line, call_kwargs=c.call_kwargs,
            node_index=c.node_index) for c in each.layers]
    return graph


def spec_text(graph: ModelGraph, header=None, naming=None, drop_defaults=False):
    """The YAML spec of a graph, simplified where the analysis shows it changes nothing;
    read back, it is checked to analyze exactly as the graph does. `drop_defaults`: leave
    out arguments at Keras's defaults (for configs, which list every argument)."""
    from convcalc.naming import KERAS3
    from convcalc.read.yaml_spec import _load, graph_from_data

    naming = naming or KERAS3
    found = code_defined(graph)
    if found is not None:
        what, line = found
        raise SpecError(f"the model holds {what}: a YAML spec holds Keras's own layers, not code",
                        hint="summarize or explain the .py file itself", file=graph.source, line=line)
    wrapped = next((c for g in _graphs(graph) for c in g.layers if c.use is None and c.class_name not in NESTED_MODELS
                    and any(isinstance(v, LayerCall) and v.class_name in NESTED_MODELS
                            for v in [*c.args, *c.kwargs.values()])), None)
    if wrapped is not None:
        raise SpecError(f"{wrapped.class_name} wraps a whole model (TimeDistributed(cnn)): a spec's layer "
                        "arguments hold layers, not models", hint="summarize or explain the .py file itself",
                        file=graph.source, line=wrapped.line)
    shared = next((c for g in _graphs(graph) for c in g.layers if c.node_index is not None), None)
    if shared is not None:
        raise SpecError(
            f"a layer of this model ('{shared.use or shared.kwargs.get('name') or shared.class_name}') was called by another model before, and Keras "
            "numbers its calls across models (its Connected to: NAME[1][0]); a spec holds one model's calls",
            hint="import the model its calls start in, or pick another with --model",
            file=graph.source, line=shared.line,
        )
    if len(graph.inputs) > 1 and any(i.name is None for i in graph.inputs):
        # `inputs:` maps several inputs by name: the names Keras gives them (the calls refer so)
        from convcalc.analysis.engine import analyze

        graph = copy.deepcopy(graph)
        for model_input, tensor in zip(graph.inputs, analyze(graph, naming).inputs):
            model_input.name = tensor.layer.name
    expected = _analysis(graph, naming)
    best = graph
    steps = (_without_defaults,) if drop_defaults else ()
    for simplify in steps + (_applications_as_written, _refs_simplified, _without_auto_names):
        try:
            candidate = simplify(best, naming)
            if _analysis(candidate, naming) == expected:
                best = candidate
        except Exception:  # noqa: BLE001 (a simplification that does not hold is not kept)
            continue
    text = yaml_text(best, header)
    root, data = _load(text, "(the written spec)")
    check = graph_from_data(data, root, "(the written spec)")
    if _analysis(check, naming) != expected:  # never write a spec that reads otherwise
        adapted = next((c for g in _graphs(graph) for c in g.layers if c.built_on is not None), None)
        if adapted is not None:
            raise SpecError(
                f"'{adapted.kwargs.get('name') or adapted.class_name}' was built on data before the model "
                f"(adapt: {tuple(adapted.built_on)}), as its summary shows it; a spec holds no data",
                hint="give the model its input (keras.Input) to import it", file=graph.source, line=adapted.line)
        masking = [c for g in _graphs(graph) for c in g.layers if c.mask_names]
        if masking:
            names = ", ".join(name for c in masking for name in c.mask_names)
            raise SpecError(
                f"the model's mask operations ({names}) are named after those of another model of the "
                "file, and a spec names them as a fresh Keras session does",
                hint="import the file's first model that masks, or pick another with --model",
                file=graph.source, line=masking[-1].line,
            )
        raise RuntimeError("convcalc import: the written spec would not read back as the model")
    return text
