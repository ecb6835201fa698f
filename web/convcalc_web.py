"""convcalc's command line run in the page (Pyodide), in-process and unchanged.

The page writes the model into Pyodide's file system as `model.yaml` (a YAML spec) or
`model.py` (Keras code, read by convcalc's Python reader, never run), then runs a command
of convcalc.cli.main with standalone_mode=False, its standard output and error captured.
Output is what `convcalc` prints without a terminal (COLUMNS=80, shutil's fallback, so
the table is the width Keras prints when it has no terminal), with Keras's colours as
ANSI codes (rich with FORCE_COLOR, 256 colours): the page turns them into spans and its
plain text stays byte-equal to the CLI's.
"""

from __future__ import annotations

import contextlib
import io
import os
import pathlib
import sys

import click

from convcalc.cli import main

FOLDER = pathlib.Path("/home/pyodide/convcalc")  # Pyodide's home (tests/test_web.py names another)
SUFFIXES = {"spec": ".yaml", "code": ".py"}
COLOUR = {"FORCE_COLOR": "1", "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24"}


def model_file(kind, text):
    """The model's text as a file convcalc reads by its suffix."""
    FOLDER.mkdir(parents=True, exist_ok=True)
    path = FOLDER / f"model{SUFFIXES[kind]}"
    path.write_text(text)
    return path.name


def run(args, colour=True):
    """(exit status, stdout, stderr) of `convcalc ARGS...` run in FOLDER."""
    os.chdir(FOLDER)
    os.environ.update(COLOUR)
    if not colour:  # text for a program (DOT): no terminal
        os.environ.pop("FORCE_COLOR")
    out, err = io.StringIO(), io.StringIO()
    code = 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main(list(args), prog_name="convcalc", standalone_mode=False)
        except SystemExit as exit:
            code = exit.code if isinstance(exit.code, int) else (exit.code is not None)
        except click.exceptions.Exit as exit:
            code = exit.exit_code
        except click.ClickException as error:  # a usage error: click's own message, as the CLI prints it
            error.show(file=err)
            code = error.exit_code
        except click.Abort:
            code = 1
        except Exception as error:  # convcalc's own defect: one line, never a traceback in the page
            err.write(f"convcalc: internal error: {type(error).__name__}: {error}\n")
            code = 3
    return code, out.getvalue(), err.getvalue()


def summarize(kind, text):
    return run(["summarize", model_file(kind, text)])


def explain(kind, text):
    return run(["explain", model_file(kind, text)])


def graph_available():
    """Whether this convcalc has `plot` (the DOT the page draws with Graphviz)."""
    return "plot" in main.commands


def plot(kind, text):
    return run(["plot", model_file(kind, text), "--format", "dot", "--show-shapes"], colour=False)


def grade(kind, text, answers):
    name = model_file(kind, text)
    (FOLDER / "answers.yaml").write_text(answers)
    return run(["grade", name, "answers.yaml"])


def modules():
    """The names of the modules imported so far (tests/test_web.py: the site ships what they need)."""
    return sorted(sys.modules)


def warm_up():
    """Import what a summary of a spec or of code imports, so that the first one is quick."""
    import convcalc.analysis.engine  # noqa: F401
    import convcalc.read.python  # noqa: F401
    import convcalc.render.keras_table  # noqa: F401
    import convcalc.report.summary  # noqa: F401
    import rich.console  # noqa: F401
    import rich.table  # noqa: F401
    import yaml  # noqa: F401

    summarize("spec", "input: [4]\nlayers:\n  - Dense: 2\n")
    summarize("code", "import keras\nmodel = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2)])\n")
