"""The table Keras 3 prints (keras/src/utils/summary_utils.py: print_summary).

Built with rich exactly as Keras builds it (same markup, columns, widths and console
settings), so that the output is byte-identical, and coloured alike on a terminal.
"""

from __future__ import annotations

import functools
import shutil
import sys

from convcalc.render.memory_size import readable_memory_size
from convcalc.report.summary import Summary


def highlight_number(x):
    return f"[color(45)]{x}[/]" if x is None else f"[color(34)]{x}[/]"


def highlight_symbol(x):
    return f"[color(33)]{x}[/]"


def bold_text(x, color=None):
    return f"[bold][color({color})]{x}[/][/]" if color else f"[bold]{x}[/]"


def format_shapes(shapes, number=highlight_number):
    texts = ["(" + ", ".join(number(d) for d in shape) + ")" for shape in shapes]
    return texts[0] if len(texts) == 1 else str(texts).replace("'", "")


def format_shapes_as_tuple(shapes, number=highlight_number):
    """A row built with no call: keras/src/utils/summary_utils.py format_layer_shape
    formats a model's output_shape property (models/functional.py: its outputs' shapes,
    a list unless one) as one shape, each output's shape its Python text, and a tuple
    compute_output_shape gives as a tuple of formatted shapes: ((None, 2), (None, 3))."""
    if len(shapes) == 1:
        return format_shapes(shapes, number)
    return "(" + ", ".join(number(tuple(shape)) for shape in shapes) + ")"


def format_connections(connections, number=highlight_number):
    return ", ".join(
        f"{layer}[{number(call)}][{number(output)}]"  # graph.Reference's text, numbers highlighted
        for layer, call, output in connections
    ) or "-"


def layout(summary: Summary, show_trainable=False):
    """(header, alignment, positions, default line length), as Keras picks them."""
    if summary.sequential_like:
        length, positions = 88, [0.45, 0.80, 1.0]
        header, alignment = ["Layer (type)", "Output Shape", "Param #"], ["left", "left", "right"]
    else:
        length, positions = 108, [0.3, 0.56, 0.74, 1.0]
        header = ["Layer (type)", "Output Shape", "Param #", "Connected to"]
        alignment = ["left", "left", "right", "left"]
    if show_trainable:
        length += 12
        positions = [p * 0.90 for p in positions] + [1.0]
        header.append("Trainable")
        alignment.append("center")
    return header, alignment, positions, length


class LineTooShort(ValueError):
    """A line length the layout cannot hold (Keras: "Insufficient console width to print
    summary."), with the least it can: `minimum`."""

    def __init__(self, minimum):
        super().__init__(f"the line must be at least {minimum} characters long")
        self.minimum = minimum


MAX_LINE_LENGTH = 10_000  # a wider table is no summary; each of its lines is held whole


def _widths(positions, line_length):
    widths, current = [], 0
    for pos in positions:
        width = int(pos * line_length) - current
        widths.append(width)
        current += width
    return widths


def minimum_line_length(fits):
    """The least line length whose widths `fits`, for the refusal's message."""
    return next(n for n in range(1, MAX_LINE_LENGTH + 1) if fits(n))


def column_widths(positions, line_length):
    """Keras's widths: every column at least 4 characters wide, else Keras refuses."""
    fits = lambda n: all(width >= 4 for width in _widths(positions, n))  # noqa: E731
    if not fits(line_length):
        raise LineTooShort(minimum_line_length(fits))
    return _widths(positions, line_length)


def _plain_bold(x, color=None):
    return x


def row_cells(row, summary: Summary, show_trainable, plain=False):
    """A row's cells as rich markup, or (`plain`) as the text they show uncoloured."""
    if plain:
        number = symbol = escape = str
        bold = _plain_bold
    else:
        from rich.markup import escape

        number, symbol, bold = highlight_number, highlight_symbol, bold_text
    prefix = "   " * row.depth + "└ " if row.depth else ""
    cells = [
        f"{escape(prefix + row.name)} ({symbol(escape(row.class_name))})",
        ("?" if not row.output_shapes  # never called
         else format_shapes_as_tuple(row.output_shapes, number) if row.shapes_as_tuple
         else format_shapes(row.output_shapes, number)),
        number(f"{row.params:,}") if row.built else f"{number(0)} (unbuilt)",
    ]
    if not summary.sequential_like:
        cells.append(format_connections(row.connected_to, number))
    if show_trainable:
        if not row.has_weights:
            cells.append(bold("-"))
        else:
            cells.append(bold("Y", color=34) if row.trainable else bold("N", color=9))
    return cells


def default_line_length(summary: Summary, show_trainable=False, terminal=True):
    """Keras's default: 88 or 108 (+12 with Trainable), capped by the terminal's width."""
    length = layout(summary, show_trainable)[3]
    return min(length, shutil.get_terminal_size().columns - 4) if terminal else length


def renderables(summary: Summary, line_length=None, show_trainable=False, terminal=True, rows=True):
    """What Keras prints, in order: the title, the table and the three totals lines
    (rich markup strings and a rich Table; without its rows unless `rows`)."""
    import rich.markup
    import rich.table

    header, alignment, positions, _ = layout(summary, show_trainable)
    line_length = line_length or default_line_length(summary, show_trainable, terminal)
    widths = column_widths(positions, line_length)
    columns = [
        rich.table.Column(name, justify=alignment[i], width=widths[i]) for i, name in enumerate(header)
    ]
    table = rich.table.Table(*columns, width=line_length, show_lines=True)
    keras_cells = [row_cells(row, summary, show_trainable) for row in summary.rows] if rows else []
    for cells in keras_cells:
        table.add_row(*cells)
    if summary.columns:  # convcalc's own columns, after Keras's (render/extra_columns.py)
        from convcalc.render import extra_columns

        table = extra_columns.extend(table, summary, keras_cells)
    totals = [bold_text(f" {label}: ") + (highlight_number(number) if number else "") + rich.markup.escape(rest)
              for label, number, rest in lines_after_table(summary)]
    return [bold_text(f'Model: "{rich.markup.escape(summary.model_name)}"'), table] + totals


def lines_after_table(summary: Summary, indent="  "):
    """[(label, number, rest)] of the lines after the table, in order: Keras's totals
    (`number` highlighted, its size in `rest`), then convcalc's: its columns' totals
    (render/extra_columns.py) and the training-memory estimate (render/memory_block.py,
    its terms indented by `indent`), all in `rest`."""
    optimizer = (("Optimizer", summary.optimizer),) if summary.optimizer is not None else ()  # once built
    lines = [(f"{label} params", f"{totals.params:,}", f" ({readable_memory_size(totals.bytes)})")
             for label, totals in (("Total", summary.total), ("Trainable", summary.trainable),
                                   ("Non-trainable", summary.non_trainable), *optimizer)]
    if summary.columns:
        from convcalc.render import extra_columns

        lines += [(label, "", text) for label, text in extra_columns.totals_text(summary)]
    if summary.memory is not None:
        from convcalc.render import memory_block

        lines += [(label, "", text) for label, text in memory_block.lines(summary.memory, indent=indent)]
    return lines


def print_table(summary: Summary, line_length=None, show_trainable=False, file=None):
    from convcalc.render import plain_table

    if file is None and not summary.columns and _print_without_rich(summary, line_length, show_trainable):
        return
    import rich.console

    # A file given is a string being written (convcalc.Summary's text): no colours whatever the
    # environment says (a notebook kernel sets FORCE_COLOR), and written, not displayed by rich
    text_only = {"force_jupyter": False, "force_terminal": False if file is not None else None}
    console = rich.console.Console(highlight=False, file=file, **text_only)
    if not summary.columns and plain_table.can_print(console):  # uncoloured: the rows' text written directly
        title, table, *totals = renderables(summary, line_length, show_trainable, rows=False)
        console.print(title)
        plain_table.print_plain(console, table, [
            (row_cells(row, summary, show_trainable, plain=True), functools.partial(row_cells, row, summary, show_trainable))
            for row in summary.rows
        ])
        for line in totals:
            console.print(line)
        return
    items = renderables(summary, line_length, show_trainable)
    if summary.columns and items[1].width > console.width:  # extra columns: wider than Keras's table
        console = rich.console.Console(highlight=False, file=file, width=items[1].width, **text_only)
    for item in items:
        console.print(item)


def _print_without_rich(summary: Summary, line_length, show_trainable):
    """Print the table as rich would on sys.stdout, without importing rich, when rich would
    print it uncoloured and every text in it is plain (render/plain_table.py); False if not."""
    from convcalc.render import plain_table

    width = plain_table.console_width()
    if width is None:
        return False
    header, alignment, positions, _ = layout(summary, show_trainable)
    widths = column_widths(positions, line_length or default_line_length(summary, show_trainable))
    totals = [f" {label}: {number}{rest}" for label, number, rest in lines_after_table(summary)]
    rows = [row_cells(row, summary, show_trainable, plain=True) for row in summary.rows]
    text = plain_table.table_text(width, f'Model: "{summary.model_name}"', header, alignment, widths, rows, totals)
    if text is None:
        return False
    for chunk in text:
        sys.stdout.write(chunk)
    sys.stdout.flush()
    return True


# -- the same cells as plain text, for the report formats (markdown, csv) -------------
def header(summary: Summary, show_trainable=False):
    header, alignment, _, _ = layout(summary, show_trainable)
    if summary.columns:
        from convcalc.render import extra_columns

        names, justify = extra_columns.headers(summary)
        header, alignment = header + names, alignment + justify
    return header, alignment


def text_cells(row, summary: Summary, show_trainable=False):
    """A row's cells as the table shows them, without colours."""
    import rich.text

    cells = [rich.text.Text.from_markup(cell).plain for cell in row_cells(row, summary, show_trainable)]
    if summary.columns:
        from convcalc.render import extra_columns

        cells += extra_columns.cells(row, summary)
    return cells


def totals_text(summary: Summary):
    """[(label, 'figure (size)')] of the lines after the table (lines_after_table)."""
    return [(label, number + rest if number else rest) for label, number, rest in lines_after_table(summary, indent="")]
