"""The style's table printed on a recording rich console (Console(record=True)), for
rich's own exports: html_out (export_html) and svg_out (export_svg)."""

from __future__ import annotations

import io


def record(summaries, table, line_length=None, show_trainable=False):
    import rich.console
    import rich.table
    import rich.text

    if hasattr(table, "renderables"):  # Keras 3's rich table, coloured as Keras colours it
        items = [table.renderables(s, line_length, show_trainable, terminal=False) for s in summaries]
        width = max(
            t.width if isinstance(t, rich.table.Table) else len(rich.text.Text.from_markup(t).plain)
            for group in items for t in group
        )
    else:  # tf-keras's plain lines
        items = [[rich.text.Text(line) for line in table.keras2_lines(s, line_length, show_trainable)]
                 for s in summaries]
        width = max(len(t.plain) for group in items for t in group)
    console = rich.console.Console(record=True, file=io.StringIO(), width=width, highlight=False, force_jupyter=False)
    for group in items:
        for item in group:
            console.print(item)
    return console
