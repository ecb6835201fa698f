"""An HTML page of the table, rich's own export (Console.export_html) of what the
terminal shows, colours included."""

from __future__ import annotations

from convcalc.render.recorded import record


def render(summaries, table, line_length=None, show_trainable=False):
    return record(summaries, table, line_length, show_trainable).export_html()
