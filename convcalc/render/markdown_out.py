"""A Markdown (GitHub) table of the summary, for reports and slides: the style's own
columns and cell text (Keras 3's or tf-keras 2's), then the three totals."""

from __future__ import annotations


def _cell(text):
    text = text.replace("\\", "\\\\").replace("|", "\\|")
    stripped = text.lstrip(" ")  # a nested layer's indent, kept visible
    return "&nbsp;" * (len(text) - len(stripped)) + stripped


def render_one(summary, table, show_trainable=False):
    names, alignment = table.header(summary, show_trainable)
    rule = {"left": "---", "right": "--:", "center": ":-:"}
    lines = [
        f'**Model: "{_cell(summary.model_name)}"**',
        "",
        "| " + " | ".join(names) + " |",
        "|" + "|".join(rule[a] for a in alignment) + "|",
    ]
    for row in summary.rows:
        lines.append("| " + " | ".join(_cell(c) for c in table.text_cells(row, summary, show_trainable)) + " |")
    lines.append("")
    lines += [f"- **{label}:** {text}" for label, text in table.totals_text(summary)]
    return "\n".join(lines) + "\n"


def render(summaries, table, line_length=None, show_trainable=False):
    return "\n".join(render_one(s, table, show_trainable) for s in summaries)
