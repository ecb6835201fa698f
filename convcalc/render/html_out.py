"""An HTML page of the table, rich's own export (Console.export_html) of what the
terminal shows, colours included; and the same as a fragment with inline styles, for a
notebook's output cell (convcalc.Summary._repr_html_), where a page's shared CSS classes
would clash between outputs."""

from __future__ import annotations

from convcalc.render.recorded import record

# Jupyter's own look for rich's output (rich/jupyter.py), so the table reads as Keras's does there
FRAGMENT = ('<pre style="white-space:pre;overflow-x:auto;line-height:normal;'
            "font-family:Menlo,'DejaVu Sans Mono',consolas,'Courier New',monospace\">{code}</pre>")


def render(summaries, table, line_length=None, show_trainable=False):
    return record(summaries, table, line_length, show_trainable).export_html()


def render_fragment(summaries, table, line_length=None, show_trainable=False):
    return record(summaries, table, line_length, show_trainable).export_html(inline_styles=True, code_format=FRAGMENT)
