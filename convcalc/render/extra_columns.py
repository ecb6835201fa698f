"""convcalc's own columns (convcalc/report/columns.py) in Keras 3's table: appended after
Keras's columns, which keep exactly the widths (and so the text) Keras gives them, and
their totals after Keras's three totals lines."""

from __future__ import annotations

import io

from convcalc.report.columns import COLUMNS
from convcalc.layers.base import format_shape, shapes_text
from convcalc.render.memory_size import readable_memory_size
from convcalc.report.summary import Summary

JUSTIFY = {"macs": "right", "flops": "right", "receptive_field": "left", "activation_memory": "right",
           "kernel": "left", "params_percent": "right", "input_shape": "left", "memory": "right"}
MAX_WIDTH = {"kernel": 26, "receptive_field": 22, "input_shape": 26}


def cell_text(column, value):
    """A value as the table writes it (plain text)."""
    if column in ("macs", "flops"):
        return "?" if value is None else f"{value:,}"
    if column == "params_percent":
        return "-" if not value else f"{value:.2f}%"
    if column == "input_shape":
        return shapes_text(value) if value else "-"
    if column == "receptive_field":
        return "-" if value is None else value.text()
    if column in ("activation_memory", "memory"):
        return "?" if value is None else readable_memory_size(value)
    groups = getattr(value, "groups", 1)
    return " + ".join(format_shape(s) for s in value) + (f", groups={groups}" if groups > 1 else "") or "-"


def cells(row, summary: Summary):
    return [cell_text(column, row.extra.get(column)) for column in summary.columns]


def headers(summary: Summary):
    return [COLUMNS[c] for c in summary.columns], [JUSTIFY[c] for c in summary.columns]


def widths(summary: Summary):
    result = []
    for i, column in enumerate(summary.columns):
        texts = [cells(row, summary)[i] for row in summary.rows] + [COLUMNS[column]]
        width = max(len(t) for t in texts)
        result.append(max(len(COLUMNS[column]), min(width, MAX_WIDTH.get(column, width))))
    return result


def _rendered_widths(table):
    """The widths rich gives a table's columns (what Keras's table shows): its top
    border's segments, less each cell's padding."""
    import rich.console

    console = rich.console.Console(file=io.StringIO(), width=table.width + 10, highlight=False, force_jupyter=False)
    console.print(table)
    top = console.file.getvalue().splitlines()[0]
    return [len(segment) - 2 for segment in top[1:-1].split("┳")]


def extend(table, summary: Summary, keras_cells):
    """Keras's table with the extra columns after its own: a new rich Table whose first
    columns have the widths rich gave Keras's, so their text wraps as in Keras."""
    import rich.table

    keras_widths = _rendered_widths(table)
    names, justify = headers(summary)
    extra_widths = widths(summary)
    columns = [
        rich.table.Column(column.header, justify=column.justify, width=width)
        for column, width in zip(table.columns, keras_widths)
    ] + [rich.table.Column(name, justify=j, width=w) for name, j, w in zip(names, justify, extra_widths)]
    all_widths = keras_widths + extra_widths
    width = sum(all_widths) + 3 * len(all_widths) + 1  # padding of 1 each side, and the borders
    extended = rich.table.Table(*columns, width=width, show_lines=True)
    for row, row_keras_cells in zip(summary.rows, keras_cells):
        extended.add_row(*row_keras_cells, *cells(row, summary))
    return extended


def totals_text(summary: Summary):
    """[(label, text)] of the extra totals lines."""
    lines = []
    if "macs" in summary.column_totals:
        total, left_out = summary.column_totals["macs"]
        note = f"; not counting {', '.join(left_out)}" if left_out else ""
        lines.append(("Total MACs", f"{total:,} (per sample{note})"))
    if "flops" in summary.column_totals:
        total, left_out = summary.column_totals["flops"]
        note = f"; not counting {', '.join(left_out)}" if left_out else ""
        lines.append(("Total FLOPs", f"{total:,} (per sample, 2 per multiply-add as PyTorch's FlopCounterMode "
                                     f"counts; fvcore, ptflops and thop count 1: MACs{note})"))
    if "activation_memory" in summary.column_totals:
        total, left_out = summary.column_totals["activation_memory"]
        note = f"; not counting {', '.join(left_out)}" if left_out else ""
        lines.append(("Total activations", f"{readable_memory_size(total)} (per sample: every layer's output{note})"))
    if "memory" in summary.column_totals:
        total, left_out = summary.column_totals["memory"]
        note = f"; not counting {', '.join(left_out)}" if left_out else ""
        lines.append(("Total train memory", f"{readable_memory_size(total)} (the column's sum: weights, gradients, "
                                            f"optimizer slots and kept activations{note})"))
    return lines


def json_values(row):
    """The extra columns' values for the JSON rows."""
    data = {}
    for column, value in row.extra.items():
        if column == "receptive_field":
            data[column] = None if value is None else value.as_json()
        elif column == "kernel":
            data[column] = [list(s) for s in value]
            data["kernel_groups"] = value.groups
        elif column == "input_shape":
            data[column] = [list(s) for s in value]
        else:
            data[column] = value
    return data


def json_totals(summary: Summary):
    data = {}
    for column, (total, left_out) in summary.column_totals.items():
        data[f"total_{column}"] = total
        data[f"total_{column}_not_counting"] = left_out
    return data
