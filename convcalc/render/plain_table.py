"""A rich Table printed without colours, line by line: the text rich prints, fast.

rich renders every cell through markup, wrapping and padding objects: some 200 µs a cell,
half a minute for a 100,000-layer model. Without colours (output to a file or a pipe),
a cell of plain printable ASCII that fits its column is only its text, justified between
two spaces, and one too long is wrapped at its spaces as rich wraps it (rich's
divide_line); this module writes such cells itself and hands any other (wide or special
characters, possible emoji codes) to rich, cell by cell, so the text is rich's own.

When every cell, the title and the totals are such text, and the console rich would make
is sure to print no colours (`console_width`), the table is written without importing
rich at all (`table_text`): rich's import is a fifth of a small spec's summary.
"""

from __future__ import annotations

import builtins
import itertools
import os
import re
import sys

# rich.box.HEAVY_HEAD, the box Keras's table has: its eight lines (top, head, head row,
# mid, row, foot row, foot, bottom), each as left, horizontal, divider, right.
_BOX = ("┏━┳┓", "┃ ┃┃", "┡━╇┩", "│ ││", "├─┼┤", "├─┼┤", "│ ││", "└─┴┘")


def can_print(console):
    """Whether `console` prints plain text (no colours, no Windows console API), which
    print_plain writes as rich would."""
    return console.color_system is None and not console.legacy_windows and not console.record


def console_width():
    """The width of the Console() rich would make for sys.stdout, when that console surely
    prints no colours and box characters (rich.console.Console: is_terminal, encoding,
    size); None when only rich can tell (a terminal, FORCE_COLOR, Jupyter, Windows, ...)."""
    environ = os.environ
    if os.name == "nt" or "TTY_COMPATIBLE" in environ or "FORCE_COLOR" in environ or hasattr(builtins, "get_ipython"):
        return None
    stdout = sys.stdout
    try:
        if stdout is None or stdout.isatty():
            return None
    except (AttributeError, ValueError):
        return None
    if not (getattr(stdout, "encoding", "utf-8") or "utf-8").lower().startswith("utf"):
        return None
    columns = environ.get("COLUMNS")
    if columns is not None and columns.isdigit():
        width = int(columns)
    else:
        width = None
        for descriptor in (0, 1, 2):  # rich asks stdin, stdout and stderr in turn
            try:
                width = os.get_terminal_size(descriptor).columns
            except (AttributeError, ValueError, OSError):
                continue
            break
        width = width or 80
    return width if width > 0 else None


def table_text(console_width, title, header, justify, widths, rows, totals):
    """What rich prints for Keras's title, table (`header`, its columns' `justify` and
    Keras's `widths`, rows of plain cells) and totals lines on an uncoloured console
    `console_width` wide, as chunks of text to write in turn; None when some text is not
    one rich prints as it is."""
    if not all(_line(line, console_width) for line in (title, *totals)):
        return None
    if not all(_simple(cell) for cells in (header, *rows) for cell in cells):
        return None
    widths = rich_widths(widths)
    columns = [(justify, width, True, None) for justify, width in zip(justify, widths)]
    lines = table_lines(widths, columns, header, rows, None)
    if sum(widths) + len(widths) + 1 > console_width:  # rich crops what is wider than the console
        lines = (line[:console_width] for line in lines)  # each character one cell
    return _chunks(itertools.chain([title], lines, totals))


def _chunks(lines, size=2000):
    """The lines as a few texts of `size` lines each: a table of 100,000 layers is never
    held as one string (nor encoded as one)."""
    batch = []
    for line in lines:
        batch.append(line)
        if len(batch) == size:
            yield "\n".join(batch) + "\n"
            batch = []
    if batch:
        yield "\n".join(batch) + "\n"


def _line(text, width):
    """Whether console.print(text) prints `text` itself on one line: printable ASCII that
    fits, with nothing rich's markup or emoji codes would read."""
    return text.isascii() and text.isprintable() and len(text) <= width and not re.search(r"[\[\\]|:\S*:", text)


def rich_widths(widths):
    """The widths rich.table.Table(width=sum(widths), show_lines=True) gives columns of
    fixed `widths` (Table._calculate_column_widths): each column's width plus its padding,
    reduced evenly to fit the table's width less its borders (rich._ratio.ratio_reduce)."""
    max_width = sum(widths) - len(widths) - 1
    if max_width < 1:
        return [0] * len(widths)
    measured = [min(width + 2, max_width) for width in widths]
    excess, remaining, result = sum(measured) - max_width, len(measured), []
    for width in measured:
        if excess > 0:  # ratio_reduce with ratios all 1: round() as rich rounds
            cut = min(width, round(excess / remaining))
            excess -= cut
            width -= cut
        remaining -= 1
        result.append(width)
    return [min(width + 2, reduced) if reduced >= 1 else 0 for width, reduced in zip(widths, result)]


def print_plain(console, table, rows):
    """Print `table` (a rich Table with its columns, fixed widths, and no rows) with `rows`:
    for each row, (its cells as plain text, a function giving its cells as rich markup)."""
    widths = table._calculate_column_widths(console, console.options.update_width(table.width - table._extra_width))
    options = console.options.update(width=sum(widths) + table._extra_width, highlight=table.highlight, height=None)
    box = table.box.substitute(options, safe=table.safe_box if table.safe_box is not None else console.safe_box)
    columns = [(column.justify, width, column.overflow == "ellipsis" and not column.no_wrap,
                options.update(width=width, justify=column.justify, no_wrap=column.no_wrap,
                               overflow=column.overflow, height=None, highlight=column.highlight))
               for column, width in zip(table.columns, widths)]
    header = [str(column.header) for column in table.columns]

    def rich_cell(markup, index, options):
        from rich.padding import Padding

        rendered = console.render_lines(Padding(markup()[index], (0, 1)), options)
        return ["".join(segment.text for segment in line) for line in rendered]

    box_lines = [box.top_left + box.top + box.top_divider + box.top_right,
                 box.head_left + " " + box.head_vertical + box.head_right,
                 box.head_row_left + box.head_row_horizontal + box.head_row_cross + box.head_row_right,
                 box.mid_left + " " + box.mid_vertical + box.mid_right,
                 box.row_left + box.row_horizontal + box.row_cross + box.row_right,
                 box.foot_row_left + box.foot_row_horizontal + box.foot_row_cross + box.foot_row_right,
                 box.foot_left + " " + box.foot_vertical + box.foot_right,
                 box.bottom_left + box.bottom + box.bottom_divider + box.bottom_right]
    lines = table_lines(widths, columns, header, rows, rich_cell, box_lines, header_markup=lambda: header)
    if sum(widths) + table._extra_width > console.width:  # rich crops what is wider than the console
        from rich.cells import set_cell_size

        lines = (set_cell_size(line, console.width) for line in lines)
    for text in _chunks(lines):
        console.file.write(text)
    console.file.flush()


def table_lines(widths, columns, header, rows, rich_cell, box=_BOX, header_markup=None):
    """The table's lines, one by one: its top, the header, each row (for print_plain, (plain cells, a
    function giving their markup); else plain cells) between separators, its bottom."""
    top, head, head_row, mid, row, _, foot, bottom = box

    def rule(edge):
        return edge[0] + edge[2].join(edge[1] * width for width in widths) + edge[3]

    def cells_of(entry):
        return entry if rich_cell is None else entry[0]

    def markup_of(entry):
        return None if rich_cell is None else entry[1]

    yield rule(top)
    yield from _row_lines(columns, header, header_markup, head, rich_cell, bottom=True)
    yield rule(head_row)
    separator = rule(row)
    for index, entry in enumerate(rows):
        if index:
            yield separator
        edges = foot if index == len(rows) - 1 else mid
        yield from _row_lines(columns, cells_of(entry), markup_of(entry), edges, rich_cell)
    yield rule(bottom)


def _row_lines(columns, plain, markup, edges, rich_cell, bottom=False):
    """The lines of one row between its `edges` (left, _, divider, right): each cell's lines,
    blank lines below the shorter cells (above them in the header: `bottom`)."""
    left, _, divider, right = edges
    cells = []
    for index, (text, (justify, width, wraps, options)) in enumerate(zip(plain, columns)):
        simple = rich_cell is None or _simple(text)  # table_text has checked every cell
        if simple and len(text) <= width - 2:
            cells.append((_justified(text, width - 2, justify),))
        elif simple and wraps:
            cells.append(_wrapped(text, width - 2, justify))
        else:  # rich's own rendering of this cell
            cells.append(rich_cell(markup, index, options))
    height = max(map(len, cells))
    if height > 1:
        blanks = [(" " * width,) * (height - len(cell)) for cell, (_, width, _, _) in zip(cells, columns)]
        cells = [(*blank, *cell) if bottom else (*cell, *blank) for cell, blank in zip(cells, blanks)]
    return [left + divider.join(line) + right for line in zip(*cells)]


# What rich's markup would read in a cell's text: an emoji code (:name:), a tag ([bold],
# [/]: Keras does not escape the names in Connected to), an escaped bracket (\\[).
_MARKUP = re.compile(r"[:\\]|\[[a-z#/@]")


def _simple(text):
    """Text rich prints as it is: printable ASCII, nothing rich's markup would read, no
    whitespace at either end."""
    return text.isascii() and text.isprintable() and text.strip() == text != "" and not _MARKUP.search(text)


def _wrapped(text, width, justify):
    """The lines of rich's Text.wrap for text too long for `width` (overflow 'ellipsis':
    a word longer than a line is cut with '…'), each justified."""
    offsets = _divide_line(text, width)
    lines = []
    for start, end in zip([0, *offsets], [*offsets, len(text)]):
        line = text[start:end]
        if len(line) > width:  # Text.rstrip_end: trailing spaces past the width go
            line = line[:len(line) - min(len(line) - len(line.rstrip()), len(line) - width)]
        if justify != "left":
            line = line.rstrip()
        if len(line) > width:
            line = line[:width - 1] + "…"
        lines.append(_justified(line, width, justify))
    return lines


# rich's words (rich._wrap.words): a word and the spaces after it; in printable ASCII the
# space is the only whitespace
_WORD = re.compile(r" *[^ ]+ *")


def _divide_line(text, width):
    """rich._wrap.divide_line(text, width, fold=False) for printable ASCII without spaces
    at either end (each character one cell): where the lines break. A word that does not
    fit starts a line (the first word has no line before it)."""
    breaks, offset = [], 0
    for word in _WORD.finditer(text):
        if width - offset >= len(word.group().rstrip()):
            offset += word.end() - word.start()
        else:
            if word.start():
                breaks.append(word.start())
            offset = word.end() - word.start()
    return breaks


def _justified(text, width, justify):
    """A single line's text padded to `width` as rich's Lines.justify pads it, between
    the cell's padding of one space each side."""
    if justify == "right":
        return f" {text:>{width}} "
    if justify == "center":
        left = (width - len(text)) // 2
        return " " + " " * left + text + " " * (width - len(text) - left) + " "
    return f" {text:<{width}} "
