"""IPython magics (`%load_ext convcalc`): the summary of a model without running its code.

    %%convcalc [options]
    <Keras code that builds a model>     <- read, never run: the cell's code does not execute

    %convcalc FILE [options]             <- a spec, Keras code, a notebook or a config

The options are `convcalc summarize`'s (--line-length, --show-trainable, --expand-nested,
--layer-range START END, --style, --columns, --dtype, --model, --format) and --explain
(`convcalc explain`'s derivations instead). The magic returns a convcalc.Summary, which
the notebook shows as Keras's coloured table. A cell is read as a notebook's cell is
(read/notebook.py: its own magics and shell lines left out), after the import statements
of the cells run before it in the session (only those: a notebook imports Keras once, at
its top), so that `layers.Dense` means what it does there. Bad input prints one message,
as the command line's, never a traceback.
"""

from __future__ import annotations

import argparse
import ast
import shlex
import sys

from convcalc.errors import SpecError

FORMATS = ("table", "json", "markdown", "csv", "html", "svg")


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # a usage error: one message, as for any bad input
        raise SpecError(f"{message}\n  usage: {self.format_usage().strip().removeprefix('usage: ')}")


def option_parser(prog, with_file):
    """The magic's options: the API's keywords (convcalc.summarize), spelled as the CLI's."""
    parser = _Parser(prog=prog, add_help=True, description="Summarize a Keras model as model.summary() prints it.")
    if with_file:
        parser.add_argument("file", metavar="FILE")
    parser.add_argument("--format", dest="fmt", choices=FORMATS, default="table")
    parser.add_argument("--line-length", type=int, default=None)
    parser.add_argument("--show-trainable", action="store_true")
    parser.add_argument("--expand-nested", action="store_true")
    parser.add_argument("--layer-range", nargs=2, metavar=("START", "END"), default=None)
    parser.add_argument("--style", choices=("keras3", "keras2"), default="keras3")
    parser.add_argument("--columns", default=(), metavar="NAME,...")
    parser.add_argument("--dtype", default=None)
    parser.add_argument("--model", default=None, metavar="NAME")
    parser.add_argument("--explain", action="store_true", help="each layer's derivations (convcalc explain)")
    return parser


def earlier_imports(inputs):
    """The top-level import statements of the session's earlier inputs (IPython's In:
    Python already, magics turned into calls), each once, as lines of code."""
    lines = []
    for text in inputs:
        try:
            tree = ast.parse(text or "")
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue  # a cell that did not parse imported nothing
        for node in tree.body:
            if isinstance(node, (ast.Import, ast.ImportFrom)) and getattr(node, "module", None) != "__future__":
                line = ast.unparse(node)
                if line not in lines:
                    lines.append(line)
    return lines


def cell_source(cell, imports=()):
    """The InlineSource of a cell's code (as a notebook cell's, read/notebook.py), after
    `imports`; its `header` lines are those imports."""
    from convcalc.read.files import InlineSource
    from convcalc.read.notebook import cell_code

    lines = list(imports) + cell_code({"source": cell}, 1, "<cell>")
    source = InlineSource("".join(line + "\n" for line in lines), "<cell>", ".py")
    source.header = len(imports)
    return source


def run_magic(line, cell=None, inputs=()):
    """What `%convcalc LINE` (cell None) or `%%convcalc LINE` + CELL shows: a Summary (or
    an Explanation, or a report's text), or None after printing the message of bad input."""
    from convcalc import api

    cell_magic = cell is not None
    source = None
    try:
        try:
            options = option_parser("%%convcalc" if cell_magic else "%convcalc", not cell_magic).parse_args(
                shlex.split(line))
        except ValueError as error:  # shlex: an unclosed quote
            raise SpecError(f"the magic's options: {error}") from None
        source = cell_source(cell, earlier_imports(inputs)) if cell_magic else options.file
        if options.explain:
            return api.explain(source, model=options.model)
        summary = api.summarize(source, style=options.style, line_length=options.line_length,
                                show_trainable=options.show_trainable, expand_nested=options.expand_nested,
                                layer_range=options.layer_range, columns=options.columns, dtype=options.dtype,
                                model=options.model)
        return summary if options.fmt == "table" else _displayed(summary.render(options.fmt), options.fmt)
    except SpecError as error:
        print(f"convcalc: error: {_in_cell(error, source)}", file=sys.stderr)
    except SystemExit:  # --help: argparse printed it
        pass
    return None


def _in_cell(error, source):
    """The error with its line counted in the cell (past the earlier cells' imports)."""
    header = getattr(source, "header", 0)
    if header and isinstance(error.line, int):
        if error.line > header:
            error.line -= header
        else:  # in an import of an earlier cell
            error.line, error.what = None, f"{error.what} (in an earlier cell's import)"
    return error


def _displayed(text, fmt):
    from IPython import display

    shown = {"markdown": display.Markdown, "html": display.HTML, "svg": display.SVG}.get(fmt)
    if shown is not None:
        return shown(text)
    print(text, end="")
    return None


def register_magics(ipython):
    """The %convcalc line magic and %%convcalc cell magic, on an IPython shell."""

    def line_magic(line):
        return run_magic(line)

    def cell_magic(line, cell):
        inputs = ipython.user_ns.get("In", [])  # the current cell (a run_cell_magic call) imports nothing
        return run_magic(line, cell, inputs)

    line_magic.__doc__ = cell_magic.__doc__ = __doc__
    ipython.register_magic_function(line_magic, "line", "convcalc")
    ipython.register_magic_function(cell_magic, "cell", "convcalc")
