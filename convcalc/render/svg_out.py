"""An SVG picture of the table, rich's own export (Console.export_svg), for slides."""

from __future__ import annotations

from convcalc.render.recorded import record


def render(summaries, table, line_length=None, show_trainable=False):
    title = "convcalc: " + ", ".join(s.model_name for s in summaries)
    return record(summaries, table, line_length, show_trainable).export_svg(title=title)
