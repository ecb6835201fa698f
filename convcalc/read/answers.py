"""Read a student's answers file (for `convcalc grade`), with the line of every answer.

    layers:
      conv2d: {output_shape: [null, 8, 8, 5], params: 50}   # a layer by its name
      4: {params: 92}                                       # or by its 1-based position
    total_params: 142

Answers are read leniently, as students write them: a shape as [null, 8, 8, 5],
[None, 8, 8, 5], "(None, 8, 8, 5)" or (None, 8, 8, 5); a count as 50, 50.0, "30,977";
a layer as Keras's table names it ("conv2d (Conv2D)"); "Output Shape" or "Param #" for
the fields. An answer that still cannot be read is one Answer with its `problem` (graded
wrong, with the reason), never a refusal of the whole file; only a file that is not an
answers file at all (not YAML, not a mapping, no answers) is a SpecError with its line.

An instructor's answers key (`grade --key`) is the same format; any answer in it may be
written `{value: ..., points: N}` to be worth N points (default 1).

The YAML is loaded as a spec is (convcalc.read.yaml_spec.load_yaml: safe, line numbers).
"""

from __future__ import annotations

import math
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
# Other spellings of the fields, after lower-casing and turning spaces and dashes into _
FIELD_ALIASES = {"shape": "output_shape", "output": "output_shape", "param_#": "params", "param": "params",
                 "parameters": "params", "total": "total_params", "trainable": "trainable_params",
                 "non_trainable": "non_trainable_params", "nontrainable_params": "non_trainable_params"}
_NONE_AXES = ("none", "null", "~", "?")
_KERAS_ROW_NAME = re.compile(r"(.+?)\s*\(\w+\)\s*$")  # "conv2d (Conv2D)", as the table's first column


@dataclass
class Answer:
    layer: str | int | None  # a layer's name, its 1-based position, or None for a model total
    field: str  # one of LAYER_FIELDS, or of TOTALS for a model total (as written, if neither)
    value: object  # an int, or for output_shape a list of shapes (tuples; None for a free axis)
    line: int | None = None
    problem: str | None = None  # why the answer cannot be read (then value is what was written)
    points: float = 1  # what it is worth, in an answers key


def _line(node):
    return node.start_mark.line + 1


def _pairs(node):
    """A mapping node's (key node, value node) pairs; [] for anything else."""
    return list(node.value) if isinstance(node, yaml.MappingNode) else []


def field_name(key, fields):
    """The field a key names, in any of its spellings; None if none."""
    if not isinstance(key, str):
        return None
    word = re.sub(r"[\s-]+", "_", key.strip().lower())
    word = FIELD_ALIASES.get(word, word)
    return word if word in fields else None


# A quoted string, a comment, or a parenthesized shape: (None, 8, 8, 5)
_AXIS = r"\s*(?:None|none|null|\?|\d+)\s*"
_TUPLE_OR_SKIPPED = re.compile(rf"\"(?:[^\"\\\n]|\\.)*\"|'[^'\n]*'|(?:^|(?<=\s))#.*$|\({_AXIS}(?:,{_AXIS})*,?\s*\)", re.M)


def _quoted_tuples(text):
    """The answers' text with each (None, 8, 8, 5) quoted: YAML gives parentheses no
    meaning, so in a flow mapping ({output_shape: (None, 8), params: 50}) or list their
    commas would split the shape; quoted, it is the text Keras prints. Lines are kept."""
    return _TUPLE_OR_SKIPPED.sub(lambda m: m[0] if m[0][0] in "\"'#" else f'"{m[0]}"', text)


def _answers_text(path):
    """The file (or the API's text) as the YAML reader gets it: shapes quoted."""
    from convcalc.read.files import InlineSource, read_bytes

    source = source_name(path)
    try:
        text = read_bytes(path, source, "answers file").decode("utf-8")
    except UnicodeDecodeError:
        return path  # the YAML reader says where, as for any file
    quoted = _quoted_tuples(text)
    if quoted == text:
        return path
    inline = InlineSource(quoted, source, ".yaml", getattr(path, "has_lines", True))
    return inline


def read_answers(path, key=False) -> list[Answer]:
    """Every answer in the file, in the order written; `key`: an answers key, whose
    questions may be `{points: N}` alone (the right values are the spec's)."""
    source = source_name(path)
    root, data = load_yaml(_answers_text(path), what="answers file")

    def error(what, node=None, hint=None):
        return SpecError(what, hint=hint, file=source, line=_line(node) if node is not None else None)

    if not isinstance(data, dict):
        raise error(f"an answers file is a mapping (`layers:` and totals); got {type(data).__name__}", root, EXAMPLE)
    answers = []
    for (key_node, value_node), (key, value) in zip(_pairs(root), data.items()):
        if key == "layers" or (isinstance(key, str) and key.strip().lower() == "layers"):
            answers += _layer_answers(value, value_node, key)
            continue
        field = field_name(key, TOTALS)
        if field is None:
            hint = "a layer's answers go under `layers:`" if field_name(key, LAYER_FIELDS) else \
                f"an answers file has `layers:` and the totals {', '.join(TOTALS)}"
            answers.append(Answer(None, str(key), value, _line(key_node),
                                  f"unknown answer {shown(key)}.{did_you_mean(key, TOP_KEYS)} ({hint})"))
            continue
        answers.append(_answer(None, field, value, value_node, key))
    if not answers:
        raise error("the answers file holds no answers", root, EXAMPLE)
    return answers


def _layer_answers(layers, node, key=False):
    """The answers under `layers:`: a mapping of layers (or a list of one-layer mappings)."""
    if isinstance(layers, list):  # "- conv2d: {params: 50}" entries: the same, listed
        items = []
        for entry, entry_node in zip(layers, node.value):
            if isinstance(entry, dict) and isinstance(entry_node, yaml.MappingNode):
                items += zip(_pairs(entry_node), entry.items())
            else:
                return [Answer(None, "layers", entry, _line(entry_node),
                               "`layers:` maps each layer (its name or its 1-based position) to its answers, "
                               "e.g. conv2d: {params: 50}")]
    elif isinstance(layers, dict):
        items = list(zip(_pairs(node), layers.items()))
    else:
        return [Answer(None, "layers", layers, _line(node),
                       "`layers:` maps each layer (its name or its 1-based position) to its answers, "
                       "e.g. conv2d: {params: 50}")]
    answers = []
    for (key_node, value_node), (layer, fields) in items:
        layer, problem = _layer_key(layer)
        if problem is None and not (isinstance(fields, dict) and fields):
            problem = (f"give its answers as a mapping of {', '.join(LAYER_FIELDS)}, "
                       f"e.g. {layer}: {{output_shape: [null, 8, 8, 5], params: 50}}")
        if problem is not None:
            answers.append(Answer(layer, "layer", fields, _line(key_node), problem))
            continue
        for field_key, field_node in _pairs(value_node):
            written = fields[field_key.value] if field_key.value in fields else None
            field = field_name(field_key.value, LAYER_FIELDS)
            if field is None:
                answers.append(Answer(layer, str(field_key.value), written, _line(field_key),
                                      f"unknown answer {shown(field_key.value)}."
                                      f"{did_you_mean(field_key.value, LAYER_FIELDS)} "
                                      f"(a layer's answers are {', '.join(LAYER_FIELDS)})"))
                continue
            answers.append(_answer(layer, field, written, field_node, key))
    return answers


def _layer_key(layer):
    """(the layer a key names: its name or 1-based position, or the key as written; the
    problem, or None)."""
    if isinstance(layer, float) and layer.is_integer():
        layer = int(layer)
    if isinstance(layer, str):
        text = layer.strip()
        if text.isdigit():
            layer = int(text)
        else:
            match = _KERAS_ROW_NAME.fullmatch(text)
            return (match[1] if match else text), None
    if isinstance(layer, bool) or not isinstance(layer, int):
        return layer, f"a layer is given by its name or its 1-based position; got {shown(layer)}"
    if layer < 1:
        return layer, f"layer positions start at 1 (as listed in the summary); got {layer}"
    return layer, None


def _answer(layer, field, value, node, key=False):
    """One answer (a key's `{value: ..., points: N}` too), read or with its problem."""
    points = 1
    if isinstance(value, dict) and value and set(value) <= {"value", "points"}:
        points = value.get("points", 1)
        if "value" not in value and key:  # a key's question: its right value is the spec's
            return Answer(layer, field, None, _line(node), None, points) if _is_points(points) else \
                Answer(layer, field, None, _line(node), f"points must be a number, 0 or more; got {shown(points)}")
        value = value.get("value")
        if not _is_points(points):
            return Answer(layer, field, value, _line(node), f"points must be a number, 0 or more; got {shown(points)}")
    try:
        read = read_shapes(value) if field == "output_shape" else read_count(value)
    except ValueError as problem:
        return Answer(layer, field, value, _line(node), str(problem), points)
    return Answer(layer, field, read, _line(node), None, points)


def _is_points(points):
    return not isinstance(points, bool) and isinstance(points, (int, float)) and math.isfinite(points) and points >= 0


def read_count(value):
    """A parameter count in any spelling of it: 50, 50.0, "50", "30,977", "30 977"."""
    number = value
    if isinstance(value, str):
        text = re.sub(r"(?<=\d)[,_\s\u202f\u2009](?=\d{3}\b)", "", value.strip())
        try:
            number = float(text) if re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", text) else None
        except ValueError:
            number = None
    if isinstance(number, float) and math.isfinite(number) and number.is_integer():
        number = int(number)
    if isinstance(number, bool) or not isinstance(number, int) or number < 0:
        raise ValueError(f"{shown(value)} is not a whole number of parameters "
                         "(write it as 50, or \"30,977\" as Keras prints it)")
    return number


def read_shapes(value):
    """An output shape as a list of shapes, in any spelling of it: [null, 8, 8, 5],
    [None, 8, 8, 5], "(None, 8, 8, 5)", "None, 8, 8, 5"; several outputs as a list of
    them ("[(None, 8), (None, 8)]")."""
    structure = _parse_shape_text(value) if isinstance(value, str) else value
    if isinstance(structure, (list, tuple)):  # ["(None, 8)", "(None, 8)"]: each as Keras writes it
        structure = [_parse_shape_text(s) if isinstance(s, str) and s.strip()[:1] in "([" else s for s in structure]
    if isinstance(structure, list) and structure and all(isinstance(s, (list, tuple)) for s in structure):
        shapes = structure
    else:
        shapes = [structure]
    try:
        if shapes and all(isinstance(s, (list, tuple)) and s for s in shapes):
            return [tuple(_axis(d) for d in s) for s in shapes]
    except ValueError:
        pass
    raise ValueError(f"{shown(value)} is not a shape (write it as [null, 8, 8, 5] or \"(None, 8, 8, 5)\"; "
                     "None or null for the free batch axis)")


def _axis(d):
    if d is None or (isinstance(d, str) and d.strip().lower() in _NONE_AXES):
        return None
    if isinstance(d, str) and d.strip().isdigit():
        return int(d)
    if isinstance(d, float) and d.is_integer():
        d = int(d)
    if isinstance(d, bool) or not isinstance(d, int) or d < 0:
        raise ValueError(d)
    return d


def _parse_shape_text(text):
    """'(None, 8, 8, 5)', '[None, 8]', 'None, 8' or '[(None, 8), (None, 8)]' -> nested
    lists of axis words; the text unchanged where it is not bracketed lists of them."""
    tokens = re.findall(r"[()\[\]]|[^()\[\],\s]+|,", text)
    if not tokens:
        return text
    if tokens[0] not in "([":
        tokens = ["("] + tokens + [")"]
    position = 0

    def parse():
        nonlocal position
        opening = tokens[position]
        closing = ")" if opening == "(" else "]"
        position += 1
        items = []
        while position < len(tokens) and tokens[position] != closing:
            token = tokens[position]
            if token in "([":
                items.append(parse())
                continue
            if token in ")]":
                raise ValueError(text)
            if token != ",":
                items.append(token)
            position += 1
        if position >= len(tokens):
            raise ValueError(text)
        position += 1
        return items

    try:
        result = parse()
    except ValueError:
        return text
    return result if position == len(tokens) else text
