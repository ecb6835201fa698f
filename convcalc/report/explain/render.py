"""The explanation as text (rich: coloured on a terminal, plain when piped) or JSON."""

from __future__ import annotations

import json

from convcalc.report.explain.model import ModelExplanation
from convcalc.layers.base import shapes_text

LABELS = ("output", "params", "receptive field", "MACs")


def _sections(layer):
    field_lines = list(layer.field_lines)
    if layer.field is not None:
        if field_lines:
            field_lines[-1] += f"  →  {layer.field.text()}"
        else:
            field_lines = [layer.field.text()]
    return zip(LABELS, (layer.output, layer.params, field_lines or ["not tracked"], layer.macs_lines))


def text_lines(explanation: ModelExplanation):
    """Rich markup lines."""
    from rich.markup import escape

    lines = [f'[bold]Model: "{escape(explanation.name)}"[/]']
    for shape in explanation.input_shapes:
        lines.append(f"input: {escape(shapes_text([shape]))}")
    width = max(len(label) for label in LABELS) + 2
    for layer in explanation.layers:
        calls = f"  (called {layer.calls} times: its last call)" if layer.calls > 1 else ""
        lines.append("")
        lines.append(f"[bold]{escape(layer.name)}[/] ([color(33)]{escape(layer.class_name)}[/]){calls}")
        for label, section in _sections(layer):
            for i, line in enumerate(section):
                head = f"{label}:".ljust(width) if i == 0 else " " * width
                body = escape(line)
                if "  →  " in body:
                    before, _, after = body.rpartition("  →  ")
                    body = f"{before}  →  [color(34)]{after}[/]"
                lines.append(f"  {head}{body}")
    lines.append("")
    total = f"{explanation.total_macs:,}"
    if explanation.uncounted:
        total += f" (not counting {', '.join(explanation.uncounted)})"
    lines.append(f"[bold]Total params:[/] {explanation.total_params:,}")
    lines.append(f"[bold]Total MACs per sample:[/] {total}")
    return lines


def print_text(explanations, file=None):
    import rich.console

    console = rich.console.Console(highlight=False, file=file, soft_wrap=True, force_jupyter=False,
                                   force_terminal=False if file is not None else None)  # a string: no colours
    for i, explanation in enumerate(explanations):
        if i:
            console.print()
        for line in text_lines(explanation):
            console.print(line)


def layer_dict(layer):
    field = None
    if layer.field is not None:
        field = {**layer.field.as_json(), "derivation": layer.field_lines}
    return {
        "name": layer.name,
        "class_name": layer.class_name,
        "output_shapes": [list(s) for s in layer.output_shapes],
        "output": layer.output,
        "params": layer.params,
        "param_count": layer.param_count,
        "trainable_params": layer.trainable_params,
        "non_trainable_params": layer.non_trainable_params,
        "receptive_field": field,
        "macs": layer.macs,
        "macs_derivation": layer.macs_lines,
    }


def explanation_dict(explanation: ModelExplanation):
    return {
        "model": explanation.name,
        "input_shapes": [list(s) for s in explanation.input_shapes],
        "layers": [layer_dict(layer) for layer in explanation.layers],
        "total_params": explanation.total_params,
        "total_macs": explanation.total_macs,
        "macs_not_counted": explanation.uncounted,
    }


def dumps(value, indent=0):
    """JSON indented by 2, lists of numbers (shapes) kept on one line."""
    pad, inner = " " * indent, " " * (indent + 2)
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = [f"{inner}{json.dumps(k)}: {dumps(v, indent + 2)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + f"\n{pad}}}"
    if isinstance(value, list) and value and not all(
        v is None or isinstance(v, (int, float)) or (isinstance(v, list) and all(
            x is None or isinstance(x, (int, float)) for x in v)) for v in value
    ):
        return "[\n" + ",\n".join(inner + dumps(v, indent + 2) for v in value) + f"\n{pad}]"
    return json.dumps(value, ensure_ascii=False)


def render_json(explanations):
    """One spec: one object; several: a list of them."""
    data = [explanation_dict(e) for e in explanations]
    return dumps(data[0] if len(data) == 1 else data)
