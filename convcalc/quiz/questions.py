"""A quiz's texts: each problem's spec as YAML, its questions (in questions.md, the model
as Keras code) and its key, in `convcalc grade`'s answers format (convcalc/read/answers.py).

Every figure is convcalc's analysis of the spec as written (the summary rows Keras's
model.summary() prints); the receptive field is convcalc's own (`--columns
receptive_field`), which Keras does not print and `grade` does not mark.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import yaml

from convcalc.layers.base import format_shape
from convcalc.quiz.generator import LEVELS, Problem
from convcalc.quiz.keras_code import keras_code


WINDOWS = re.compile(r"^(?!Global).*(Conv|Pooling)[123]D$")  # Conv2D, SeparableConv2D, MaxPooling2D, ...


@dataclass
class Solved:
    """A problem with its summary (convcalc.report.summary.Summary) and the receptive
    field asked, (layer name, Field) or None."""

    problem: Problem
    stem: str  # its files' name: 01
    summary: object
    field: tuple | None


def spec_yaml(problem: Problem, stem, seed):
    """The spec file's text, as the README writes specs: `- Conv2D: [8, 3]`, its keywords
    on the lines below it."""
    spec = problem.spec
    lines = [f"# Quiz seed {seed}, level {problem.level}, problem {stem} (written by `convcalc quiz`)"]
    if "inputs" in spec:
        lines.append("inputs: {" + ", ".join(f"{name}: {_flow(shape)}" for name, shape in spec["inputs"].items()) + "}")
    else:
        lines.append(f"input: {_flow(spec['input'])}")
    lines.append("layers:")
    for entry in spec["layers"]:
        if isinstance(entry, str):
            lines.append(f"  - {entry}")
            continue
        (class_name, args), *keywords = entry.items()
        lines.append(f"  - {class_name}:" + ("" if args is None else f" {_flow(args)}"))
        lines += [f"    {key}: {_flow(value)}" for key, value in keywords]
    return "\n".join(lines) + "\n"


def _flow(value):
    """A value in YAML's flow style: [8, 3], relu, 0.5, true, {LSTM: 8, return_sequences: true}."""
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {_flow(v)}" for key, v in value.items()) + "}"
    return yaml.safe_dump(value, default_flow_style=True).removesuffix("\n...\n").strip()


def asked_field(problem: Problem, summary):
    """(name, Field) of the last sliding window (a convolution or a pooling) whose output
    is still on the input's grid and sees more than one position: the receptive field a
    course asks about; None if there is none."""
    if not problem.asks_field:
        return None
    found = None
    for row in summary.rows:
        field = row.extra.get("receptive_field")
        if WINDOWS.search(row.class_name) and field is not None and field.on_grid \
                and any(size != 1 for size in field.size):
            found = (row.name, field)
    return found


def _rows(summary):
    """The rows a student fills in: every layer but the InputLayers (their shape is given)."""
    return [(position, row) for position, row in enumerate(summary.rows, 1) if row.class_name != "InputLayer"]


def _given(summary):
    """The InputLayer rows, filled in: what the code states."""
    return [(position, row, format_shape(row.output_shapes[0])) for position, row in enumerate(summary.rows, 1)
            if row.class_name == "InputLayer"]


def _shape(shape):
    return json.dumps(list(shape))  # [null, 26, 26, 8], as the answers format writes it


def key_yaml(solved: Solved, seed):
    """The key, in grade's answers format; the receptive field (which grade does not mark)
    as a comment."""
    summary = solved.summary
    lines = [f"# The key of problem {solved.stem} (quiz seed {seed}), in `convcalc grade`'s answers format:",
             f"#   convcalc grade {solved.stem}.yaml answers/{solved.stem}.yaml", "layers:"]
    for _, row in _rows(summary):
        shapes = row.output_shapes
        shape = _shape(shapes[0]) if len(shapes) == 1 else json.dumps([list(s) for s in shapes])
        lines.append(f"  {row.name}: {{output_shape: {shape}, params: {row.params}}}")
    lines += [f"total_params: {summary.total.params}", f"trainable_params: {summary.trainable.params}",
              f"non_trainable_params: {summary.non_trainable.params}"]
    if solved.field is not None:
        name, field = solved.field
        lines += ["# Not marked by `convcalc grade` (Keras prints no such figure): the receptive field",
                  f"# of {name}: {field.text()}"]
    return "\n".join(lines) + "\n"


def questions_markdown(solved_problems, seed, level):
    """questions.md: an introduction, then each problem's code and questions."""
    out = [f"# Quiz: Keras output shapes and parameters (seed {seed}, level {level})", "",
           f"Level {level}: {LEVELS[level][1]}.", "",
           "For each model, fill in what `model.summary()` prints: each layer's output shape "
           "(the batch axis first, `None`) and its number of parameters, then the totals.", "",
           "Write your answers to problem NN in a YAML file and grade it with "
           "`convcalc grade NN.yaml YOUR-ANSWERS.yaml`:", "", "```yaml", "layers:",
           "  conv2d: {output_shape: [null, 26, 26, 8], params: 80}", "total_params: 80", "```", ""]
    for solved in solved_problems:
        out += _problem(solved)
    return "\n".join(out)


def _problem(solved: Solved):
    summary = solved.summary
    out = [f"## Problem {solved.stem}", "", "```python", keras_code(solved.problem.spec).rstrip("\n"), "```", "",
           "| # | Layer (type) | Output Shape | Param # |", "|---:|---|---|---:|"]
    out += [f"| {position} | `{row.name}` ({row.class_name}) | {shape} | 0 |" for position, row, shape in _given(summary)]
    out += [f"| {position} | `{row.name}` ({row.class_name}) | | |" for position, row in _rows(summary)]
    out += ["", "Questions:", "", "1. Each layer's output shape and number of parameters (the table above).",
            "2. The model's total number of parameters."]
    question = 3
    if any(row.non_trainable_params for row in summary.rows):
        out.append(f"{question}. How many of them are trainable, and how many non-trainable?")
        question += 1
    if solved.field is not None:
        out.append(f"{question}. How many input positions (per axis of the image) does one output position of "
                   f"`{solved.field[0]}` see: its receptive field?")
    return out + ["", f"Key: `answers/{solved.stem}.yaml`.", ""]
