"""The classic table tf-keras 2 prints (tf_keras/src/utils/layer_utils.py: print_summary).

Plain text, fixed positions: the layout of Keras 2 and of most slides and textbooks. A
port of tf-keras 2.21's print_summary: the same positions, wrapping, rules and totals,
the cells written as Python writes tf-keras's values (tuples, lists, plain integers).
The names in it are tf-keras's: analyze the model with convcalc.naming.KERAS2.
"""

from __future__ import annotations

import sys

from convcalc.render.keras_table import LineTooShort, minimum_line_length
from convcalc.render.memory_size import KERAS2_UNITS, readable_memory_size
from convcalc.report.summary import Summary

DEFAULT_LINE_LENGTH = {True: 65, False: 98}  # sequential-like or not
DEFAULT_POSITIONS = {True: [0.45, 0.85, 1.0], False: [0.3, 0.6, 0.70, 1.0]}


def _call_shapes(row, shapes):
    """One call's output shapes as tf-keras's Node.output_shapes holds them: an
    InputLayer's as a list of one tuple, one output as a tuple, several as a list."""
    if row.class_name == "InputLayer" or len(shapes) > 1:
        return [tuple(s) for s in shapes]
    if not shapes:  # never called: tf-keras's output_shape raises AttributeError, printed so
        return "multiple"
    return tuple(shapes[0])


def output_shape(row):
    """tf-keras's layer.output_shape: one value if every call gives the same shapes."""
    calls = [_call_shapes(row, shapes) for shapes in row.calls] or [_call_shapes(row, row.output_shapes)]
    return calls[0] if len({str(c) for c in calls}) == 1 else "multiple"


def _fields(row, summary: Summary, show_trainable):
    fields = [f"{row.name} ({row.class_name})", output_shape(row), row.params]
    if not summary.sequential_like:
        fields.append([str(reference) for reference in row.connected_to])
    if show_trainable:
        fields.append("Y" if row.trainable else "N")
    return fields


def _header(summary: Summary, show_trainable):
    header = ["Layer (type)", "Output Shape", "Param #"]
    if not summary.sequential_like:
        header.append("Connected to")
    return header + ["Trainable"] * show_trainable


def _row_lines(fields, positions, nested_level=0):
    """print_row: each field cut to its column, broken after '),' '},' '],' or \"',\"."""
    left_to_print = [str(x) for x in fields]
    lines = []
    while any(left_to_print):
        line = ""
        for col in range(len(left_to_print)):
            start_pos = positions[col - 1] if col > 0 else 0
            end_pos = positions[col]
            last = col == len(positions) - 1
            space = 0 if last else 2
            cutoff = end_pos - start_pos - space
            if not last:
                cutoff -= 1
            if col == 0:
                cutoff -= nested_level
            fit_into_line = left_to_print[col][:cutoff]
            candidates = [
                fit_into_line.find(x) + len(x) for x in ("),", "},", "],", "',") if fit_into_line.find(x) >= 0
            ]
            if candidates:
                cutoff = min(candidates)
                fit_into_line = fit_into_line[:cutoff]
            if col == 0:
                line += "|" * nested_level + " "
            line += fit_into_line
            line += " " * space
            left_to_print[col] = left_to_print[col][cutoff:]
            if nested_level and last:
                line += " " * (positions[col] - len(line) - nested_level)
            else:
                line += " " * (positions[col] - len(line))
        lines.append(line + "|" * nested_level)
    return lines


def _positions(summary: Summary, line_length, show_trainable):
    """(line length, the columns' end positions), as tf-keras's print_summary takes them."""
    positions = [int(line_length * p) for p in DEFAULT_POSITIONS[summary.sequential_like]]
    if show_trainable:
        line_length += 11
        positions.append(line_length)
    return line_length, positions


def _fits(summary: Summary, line_length, show_trainable):
    """Whether every column takes at least one character a line (its cutoff in print_row,
    the deepest nested row's frame included): else tf-keras's print_row never ends."""
    positions = _positions(summary, line_length, show_trainable)[1]
    nested = max((row.depth for row in summary.rows), default=0)
    starts = [0] + positions[:-1]
    last = len(positions) - 1
    return all(end - start - (0 if col == last else 3) - (nested if col == 0 else 0) >= 1
               for col, (start, end) in enumerate(zip(starts, positions)))


def keras2_lines(summary: Summary, line_length=None, show_trainable=False):
    """The lines tf-keras's model.summary() prints, without their line ends."""
    line_length = line_length or DEFAULT_LINE_LENGTH[summary.sequential_like]
    if not _fits(summary, line_length, show_trainable):
        raise LineTooShort(minimum_line_length(lambda n: _fits(summary, n, show_trainable)))
    header = _header(summary, show_trainable)
    line_length, positions = _positions(summary, line_length, show_trainable)

    lines = [f'Model: "{summary.model_name}"', "_" * line_length]
    lines += _row_lines(header, positions)
    lines.append("=" * line_length)

    def print_layer(node, level=0, is_nested_last=False):  # as tf-keras's print_layer
        row, children = node
        lines.extend(_row_lines(_fields(row, summary, show_trainable), positions, level))
        if children:  # an expanded nested model, framed
            lines.append("|" * (level + 1) + "¯" * (line_length - 2 * level - 2) + "|" * (level + 1))
            for i, child in enumerate(children):
                print_layer(child, level + 1, i == len(children) - 1)
            lines.append("|" * level + "¯" * (line_length - 2 * level) + "|" * level)
            is_nested_last = True  # tf-keras's loop leaves its flag set: no blank line follows
        if not is_nested_last:
            lines.append("|" * level + " " * (line_length - 2 * level) + "|" * level)

    for node in _tree(summary.rows):
        print_layer(node)
    lines.append("=" * line_length)
    lines += [f"{label}: {text}" for label, text in totals_text(summary)]
    lines.append("_" * line_length)
    return lines


def _tree(rows):
    """The rows as (row, children) trees: an expanded nested model's rows follow it,
    one level deeper."""
    roots, open_nodes = [], []
    for row in rows:
        node = (row, [])
        del open_nodes[row.depth:]
        (open_nodes[-1][1] if open_nodes else roots).append(node)
        open_nodes.append(node)
    return roots


# -- the same cells as plain text, for the report formats (markdown, csv) -------------
def header(summary: Summary, show_trainable=False):
    names = _header(summary, show_trainable)
    return names, ["right" if name == "Param #" else "left" for name in names]


def text_cells(row, summary: Summary, show_trainable=False):
    cells = [str(field) for field in _fields(row, summary, show_trainable)]
    if row.depth:  # a nested model's layer: tf-keras's frame on its left
        cells[0] = "|" * row.depth + " " + cells[0]
    return cells


def totals_text(summary: Summary):
    """[(label, 'figure (size)')] of the three totals lines."""
    totals = (("Total", summary.total), ("Trainable", summary.trainable), ("Non-trainable", summary.non_trainable))
    return [(f"{label} params", f"{t.params} ({readable_memory_size(t.bytes, KERAS2_UNITS)})") for label, t in totals]


def print_keras2(summary: Summary, line_length=None, show_trainable=False, file=None):
    file = file or sys.stdout
    for line in keras2_lines(summary, line_length, show_trainable):
        file.write(line + "\n")
