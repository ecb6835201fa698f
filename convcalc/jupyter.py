"""IPython magics (`%load_ext convcalc`): the summary of a model without running its code.

    %%convcalc [options]
    <Keras code that builds a model>     <- read, never run: the cell's code does not execute

    %convcalc FILE [options]             <- a spec, Keras code, a notebook or a config

The options are `convcalc summarize`'s (--line-length, --show-trainable, --expand-nested,
--layer-range START END, --style, --columns, --dtype, --model, --optimizer, --depth, --memory,
--format, ...: parsed by the command's own definitions) and --explain (`convcalc explain`'s
derivations instead). The magic returns a convcalc.Summary, which
the notebook shows as Keras's coloured table. A cell is read as a notebook's cell is
(read/notebook.py: its own magics and shell lines left out), after the import statements
of the cells run before it in the session (only those: a notebook imports Keras once, at
its top), so that `layers.Dense` means what it does there. Bad input prints one message,
as the command line's, never a traceback.
"""

from __future__ import annotations

import ast
import shlex
import sys

from convcalc.errors import SpecError



CELL = "<cell>"  # the cell magic's model, in place of the command line's SPEC


def magic_options(line, cell_magic):
    """The magic's options: `convcalc summarize`'s own (summary_options.py: one definition
    of each, parsed by click as the command's), plus --explain; as convcalc.summarize's keywords."""
    import click

    from convcalc.summary_options import keywords, summary_options

    @click.command(help="The summary Keras's model.summary() prints for the cell's code (%%convcalc) or "
                        "FILE (%convcalc): read, never run.")
    @click.argument("specs", nargs=-1, metavar="[FILE]")
    @click.option("--explain", is_flag=True, help="Each layer's derivations (convcalc explain) instead.")
    @summary_options
    def command(**params):
        """Never run: make_context only parses."""

    try:
        args = shlex.split(line)
    except ValueError as error:  # an unclosed quote
        raise SpecError(f"the magic's options: {error}") from None
    prog = "%%convcalc" if cell_magic else "%convcalc"
    try:
        params = command.make_context(prog, args + [CELL] if cell_magic else args).params
    except click.exceptions.Exit:  # --help: click printed it
        return None
    except click.ClickException as error:  # a usage error: one message, as for any bad input
        raise SpecError(error.format_message()) from None
    files = [spec for spec in params["specs"] if spec != CELL] if cell_magic else list(params["specs"])
    if cell_magic and files:
        raise SpecError(f"{prog} summarizes the cell's code: give no FILE ({files[0]})")
    if not cell_magic and len(files) != 1:
        raise SpecError(f"{prog} FILE [options] takes one FILE; got {len(files)}")
    return {"file": None if cell_magic else files[0], "fmt": params["fmt"], "explain": params["explain"],
            "keywords": keywords(params)}


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
        options = magic_options(line, cell_magic)
        if options is None:
            return None
        source = cell_source(cell, earlier_imports(inputs)) if cell_magic else options["file"]
        if options["explain"]:
            return api.explain(source, model=options["keywords"]["model"])
        summary = api.summarize(source, **options["keywords"])
        fmt = options["fmt"]
        return summary if fmt == "table" else _displayed(summary.render(fmt), fmt)
    except SpecError as error:
        print(f"convcalc: error: {_in_cell(error, source)}", file=sys.stderr)
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
