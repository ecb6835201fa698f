"""Read a student's answers file (for `convcalc grade`), with the line of every answer.

    layers:
      conv2d: {output_shape: [null, 8, 8, 5], params: 50}   # a layer by its name
      4: {params: 92}                                       # or by its 1-based position
    total_params: 142

The YAML is loaded as a spec is (convcalc.read.yaml_spec.load_yaml: safe, line numbers);
anything malformed is a SpecError with the file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from convcalc.errors import SpecError, did_you_mean, shown
from convcalc.read.files import source_name
from convcalc.read.yaml_spec import load_yaml

LAYER_FIELDS = ("output_shape", "params", "trainable_params", "non_trainable_params")
TOTALS = ("total_params", "trainable_params", "non_trainable_params")
TOP_KEYS = ("layers",) + TOTALS
EXAMPLE = "for example:\n  layers:\n    conv2d: {output_shape: [null, 8, 8, 5], params: 50}\n  total_params: 142"


@dataclass
class Answer:
    layer: str | int | None  # a layer's name, its 1-based position, or None for a model total
    field: str  # one of LAYER_FIELDS, or of TOTALS for a model total
    value: object  # an int, or for output_shape a list of shapes (tuples; None for a free axis)
    line: int | None = None


def _line(node):
    return node.start_mark.line + 1


def _pairs(node):
    """A mapping node's (key node, value node) pairs; [] for anything else."""
    return list(node.value) if isinstance(node, yaml.MappingNode) else []


def read_answers(path) -> list[Answer]:
    """Every answer in the file, in the order written."""
    source = source_name(path)
    root, data = load_yaml(path, what="answers file")

    def error(what, node=None, hint=None):
        return SpecError(what, hint=hint, file=source, line=_line(node) if node is not None else None)

    if not isinstance(data, dict):
        raise error(f"an answers file is a mapping (`layers:` and totals); got {type(data).__name__}", root, EXAMPLE)
    nodes = {key: (key_node, value_node) for (key_node, value_node), key in zip(_pairs(root), data)}
    answers = []
    for key, value in data.items():
        key_node, value_node = nodes[key]
        if key not in TOP_KEYS:
            raise error(
                f"unknown key {shown(key)}.{did_you_mean(key, TOP_KEYS + LAYER_FIELDS)}", key_node,
                f"an answers file has `layers:` and the totals {', '.join(TOTALS)}"
                + ("; a layer's answers go under `layers:`" if key in LAYER_FIELDS else ""),
            )
        if key == "layers":
            answers += _layer_answers(value, value_node, error)
        else:
            answers.append(Answer(None, key, _count(value, key, value_node, error), _line(value_node)))
    if not answers:
        raise error("the answers file holds no answers", root, EXAMPLE)
    return answers


def _layer_answers(layers, node, error):
    if not isinstance(layers, dict):
        raise error(
            "`layers:` maps each layer (its name or its 1-based position) to its answers", node,
            "for example:\n  layers:\n    conv2d: {params: 50}\n    3: {output_shape: [null, 6, 6, 2]}",
        )
    answers = []
    for (key_node, value_node), (layer, fields) in zip(_pairs(node), layers.items()):
        if isinstance(layer, bool) or not isinstance(layer, (str, int)):
            raise error(f"a layer is given by its name or its 1-based position; got {shown(layer)}", key_node)
        if isinstance(layer, int) and layer < 1:
            raise error(f"layer positions start at 1 (as listed in the summary); got {layer}", key_node)
        if not isinstance(fields, dict) or not fields:
            raise error(
                f"layer {shown(layer)}: give its answers as a mapping of {', '.join(LAYER_FIELDS)}", value_node,
                f"for example: {layer}: {{output_shape: [null, 8, 8, 5], params: 50}}",
            )
        for field_key, field_node in _pairs(value_node):
            field = field_key.value
            if field not in LAYER_FIELDS:
                raise error(
                    f"layer {shown(layer)}: unknown answer {shown(field)}.{did_you_mean(field, LAYER_FIELDS)}",
                    field_key, f"a layer's answers are {', '.join(LAYER_FIELDS)}",
                )
            value = fields[field]
            if field == "output_shape":
                value = _shapes(value, layer, field_node, error)
            else:
                value = _count(value, f"layer {shown(layer)}: {field}", field_node, error)
            answers.append(Answer(layer, field, value, _line(field_node)))
    return answers


def _count(value, what, node, error):
    """A parameter count: an integer, also as Keras prints it ("30,977")."""
    if isinstance(value, str) and re.fullmatch(r"\d{1,3}(,\d{3})+|\d+", value.strip()):
        value = int(value.replace(",", ""))
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise error(f"{what} must be a whole number of parameters; got {shown(value)}", node,
                    "for example: params: 50 (or \"30,977\" as Keras prints it)")
    return value


def _shapes(value, layer, node, error):
    """An output shape as a list of shapes: [null, 8, 8, 5], a list of such lists (several
    outputs), or Keras's text "(None, 8, 8, 5)"."""
    if isinstance(value, str):
        value = _parse_shape_text(value)
    if isinstance(value, list) and value and all(isinstance(v, list) for v in value):
        shapes = value
    else:
        shapes = [value]
    if all(isinstance(s, list) and all(_is_axis(d) for d in s) for s in shapes) and value != []:
        return [tuple(s) for s in shapes]
    raise error(
        f"layer {shown(layer)}: output_shape must be a shape such as [null, 8, 8, 5] or \"(None, 8, 8, 5)\"; "
        f"got {shown(value)}",
        node, "null (or None) stands for the free batch axis",
    )


def _is_axis(d):
    return d is None or (isinstance(d, int) and not isinstance(d, bool) and d >= 0)


def _parse_shape_text(text):
    """'(None, 8, 8, 5)' or '[(None, 8), (None, 8)]' -> list of lists; the text unchanged
    if it is not one."""
    groups = re.findall(r"\(([^()]*)\)", text)
    if not groups or re.sub(r"\([^()]*\)", "", text).strip(" ,[]"):
        return text
    shapes = []
    for group in groups:
        axes = []
        for part in filter(None, (p.strip() for p in group.split(","))):
            if part in ("None", "null", "?"):
                axes.append(None)
            elif part.isdigit():
                axes.append(int(part))
            else:
                return text
        shapes.append(axes)
    return shapes if len(shapes) > 1 or text.strip().startswith("[") else shapes[0]
