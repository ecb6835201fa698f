"""The JSON summary for graders and scripts (schema documented in the README)."""

from __future__ import annotations

import json

from convcalc.summary import Summary


def _row(row, functional):
    data = {
        "name": row.name,
        "class_name": row.class_name,
        "output_shapes": [list(shape) for shape in row.output_shapes],
        "params": row.params,
        "trainable_params": row.trainable_params,
        "non_trainable_params": row.non_trainable_params,
    }
    if functional:  # Keras's "Connected to" references, as the table writes them
        data["connected_to"] = [f"{name}[{node}][{tensor}]" for name, node, tensor in row.connected_to]
    if row.extra:  # convcalc's own columns (--columns)
        from convcalc.render.extra_columns import json_values

        data.update(json_values(row))
    return data


def summary_dict(summary: Summary):
    functional = summary.api == "functional"
    return {
        "model": summary.model_name,
        "api": summary.api,
        "layers": [_row(row, functional) for row in summary.rows],
        "total_params": summary.total.params,
        "trainable_params": summary.trainable.params,
        "non_trainable_params": summary.non_trainable.params,
        **_column_totals(summary),
    }


def _column_totals(summary: Summary):
    if not summary.column_totals:
        return {}
    from convcalc.render.extra_columns import json_totals

    return json_totals(summary)


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
