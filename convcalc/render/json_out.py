"""The JSON summary for graders and scripts (schema documented in the README)."""

from __future__ import annotations

import json

from convcalc.report.summary import Summary, figures


def summary_dict(summary: Summary):
    """The summary's figures (summary.figures) and convcalc's own columns (--columns)."""
    data = figures(summary)
    if summary.column_totals or any(row.extra for row in summary.rows):
        from convcalc.render.extra_columns import json_totals, json_values

        for row, layer in zip(summary.rows, data["layers"]):
            layer.update(json_values(row))
        data.update(json_totals(summary))
    if summary.memory is not None:  # --memory: the training-memory estimate
        from convcalc.render.memory_block import json_data

        data["training_memory"] = json_data(summary.memory)
    return data


def dumps(data, indent=2):
    """JSON with one line per layer row: readable, and still one json.loads away."""
    if isinstance(data, list):
        items = [dumps(item, indent) for item in data]
        return "[\n" + ",\n".join(" " * indent + i.replace("\n", "\n" + " " * indent) for i in items) + "\n]"
    lines = []
    for key, value in data.items():
        if key == "layers":
            rows = ",\n".join(" " * 2 * indent + json.dumps(row) for row in value)
            text = f"[\n{rows}\n{' ' * indent}]" if value else "[]"
        else:
            text = json.dumps(value)
        lines.append(f"{' ' * indent}{json.dumps(key)}: {text}")
    return "{\n" + ",\n".join(lines) + "\n}"


def render_json(summaries):
    """One summary: one object; several: a list of them."""
    data = [summary_dict(s) for s in summaries]
    return dumps(data[0] if len(data) == 1 else data)
