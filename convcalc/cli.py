"""The command line: thin wrappers that read, analyze, summarize and render."""

from __future__ import annotations

import sys

import click

from convcalc import __version__
from convcalc.errors import SpecError


def fail(message):
    """One clear message on stderr and exit status 2: never a traceback."""
    click.echo(f"convcalc: error: {message}", err=True)
    sys.exit(2)


def load_summary(path, expand_nested=False):
    from convcalc.engine import analyze
    from convcalc.read import read_model
    from convcalc.summary import summarize

    return summarize(analyze(read_model(path)), expand_nested=expand_nested)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="convcalc")
def main():
    """Keras model shapes and parameter counts, computed analytically."""


@main.command()
@click.argument("specs", nargs=-1, required=True, metavar="SPEC...")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              help="table: what Keras's model.summary() prints; json: for scripts.")
@click.option("--line-length", type=click.IntRange(min=1), default=None,
              help="Total width of the table, as Keras's line_length.")
@click.option("--show-trainable", is_flag=True, help="Add Keras's Trainable column.")
@click.option("--expand-nested", is_flag=True, help="List nested models' layers, as Keras's expand_nested.")
def summarize(specs, fmt, line_length, show_trainable, expand_nested):
    """Print what Keras's model.summary() prints for each SPEC, without Keras."""
    try:
        summaries = [load_summary(path, expand_nested) for path in specs]
    except SpecError as error:
        fail(str(error))
    if fmt == "json":
        from convcalc.render.json_out import render_json

        click.echo(render_json(summaries))
        return
    from convcalc.render.keras_table import LineTooShort, print_table

    for summary in summaries:
        try:
            print_table(summary, line_length=line_length, show_trainable=show_trainable)
        except LineTooShort:
            fail(f"--line-length {line_length} is too short to print the summary's columns")
