"""A rich Table printed without colours, line by line: the text rich prints, fast.

rich renders every cell through markup, wrapping and padding objects: some 200 µs a cell,
half a minute for a 100,000-layer model. Without colours (output to a file or a pipe),
a cell of plain printable ASCII that fits its column is only its text, justified between
two spaces, and one too long is wrapped at its spaces as rich wraps it (rich's
divide_line); this module writes such cells itself and hands any other (wide or special
characters, possible emoji codes) to rich, cell by cell, so the text is rich's own.
"""

from __future__ import annotations

import re


def can_print(console):
    """Whether `console` prints plain text (no colours, no Windows console API), which
    print_plain writes as rich would."""
    return console.color_system is None and not console.legacy_windows and not console.record


def print_plain(console, table, rows):
    """Print `table` (a rich Table with its columns, fixed widths, and no rows) with `rows`:
    for each row, (its cells as plain text, a function giving its cells as rich markup)."""
    widths = table._calculate_column_widths(console, console.options.update_width(table.width - table._extra_width))
    options = console.options.update(width=sum(widths) + table._extra_width, highlight=table.highlight, height=None)
    box = table.box.substitute(options, safe=table.safe_box if table.safe_box is not None else console.safe_box)
    columns = [(column, width, column.overflow == "ellipsis" and not column.no_wrap, options.update(width=width, justify=column.justify, no_wrap=column.no_wrap,
                                              overflow=column.overflow, height=None, highlight=column.highlight))
               for column, width in zip(table.columns, widths)]
    header = [str(column.header) for column in table.columns]
    lines = [box.get_top(widths)]
    lines += _row_lines(console, columns, header, lambda: header, box.head_left + box.head_vertical + box.head_right,
                        bottom=True)
    lines.append(box.get_row(widths, "head"))
    separator = box.get_row(widths, "row")
    for index, (plain, markup) in enumerate(rows):
        if index:
            lines.append(separator)
        last = index == len(rows) - 1
        edges = box.foot_left + box.foot_vertical + box.foot_right if last else box.mid_left + box.mid_vertical + box.mid_right
        lines += _row_lines(console, columns, plain, markup, edges)
    lines.append(box.get_bottom(widths))
    if sum(widths) + table._extra_width > console.width:  # rich crops what is wider than the console
        from rich.cells import set_cell_size

        lines = [set_cell_size(line, console.width) for line in lines]
    console.file.write("\n".join(lines) + "\n")
    console.file.flush()


def _row_lines(console, columns, plain, markup, edges, bottom=False):
    """The lines of one row between its `edges` (left, divider, right): each cell's lines,
    blank lines below the shorter cells (above them in the header: `bottom`)."""
    left, divider, right = edges
    cells, marked = [], None
    for index, (text, (column, width, wraps, options)) in enumerate(zip(plain, columns)):
        simple = _simple(text)
        if simple and len(text) <= width - 2:
            cells.append((_justified(text, width - 2, column.justify),))
        elif simple and wraps:
            cells.append(_wrapped(text, width - 2, column.justify))
        else:  # rich's own rendering of this cell
            from rich.padding import Padding

            marked = marked or markup()
            rendered = console.render_lines(Padding(marked[index], (0, 1)), options)
            cells.append(["".join(segment.text for segment in line) for line in rendered])
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
