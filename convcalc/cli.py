"""The command line: thin wrappers that read, analyze, summarize and render."""

from __future__ import annotations

import gc
import os
import pathlib
import sys
from typing import NamedTuple

import click

from convcalc import __version__
from convcalc.errors import SpecError
from convcalc.read.files import source_name


def fail(message):
    """One clear message on stderr and exit status 2: never a traceback."""
    click.echo(f"convcalc: error: {message}", err=True)
    sys.exit(2)


class Outcome(NamedTuple):
    """One input's turn in each_input: what the command made of it, or its message."""

    path: str
    result: object = None
    message: str | None = None  # the input was refused (or convcalc crashed on it)
    crashed: bool = False


def each_input(paths, work, crashes=False):
    """The one loop over a command's inputs, in order: an Outcome per input, the message of
    an input `work` refuses written to stderr at its turn, so one bad input never hides
    the others. `crashes`: an exception other than a refusal (a bug in convcalc) is
    reported the same way and the loop goes on (check's exit status 3)."""
    for path in paths:
        try:
            yield Outcome(path, work(path))
            continue
        except SpecError as error:
            message, crashed = str(error), False
        except Exception as error:  # noqa: BLE001 (check only: one spec's crash never stops the others)
            if not crashes:
                raise
            message = (f"{source_name(path)}: convcalc failed on it ({type(error).__name__}: {error})\n"
                       "  a bug in convcalc: please report it with this input")
            crashed = True
        click.echo(f"convcalc: {'internal error' if crashed else 'error'}: {message}", err=True)
        yield Outcome(path, None, message, crashed)


def failed_inputs(outcomes):
    """Exit status 2 after the outputs when any input was refused."""
    if any(outcome.message is not None for outcome in outcomes):
        sys.exit(2)


def load_summary(path, expand_nested=False, layer_range=None, style="keras3", columns=(), dtype=None,
                 model=None):
    from convcalc.analysis.engine import analyze, require_built
    from convcalc.naming import NAMINGS
    from convcalc.read import read_model
    from convcalc.report.summary import summarize

    naming = NAMINGS[style]
    model = analyze(read_model(path, model=model, naming=naming), naming, dtype_policy=dtype)
    if style == "keras2":
        require_built(model, "tf-keras 2's model.summary() refuses it ('This model has not yet been built')",
                      hint="summarize it in Keras 3's layout (leave out --style keras2), or give it an input shape")
    return summarize(model, expand_nested=expand_nested, layer_range=layer_range, columns=columns)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="convcalc")
@click.pass_context
def main(ctx):
    """Keras model shapes and parameter counts, computed analytically."""
    # A command keeps what it makes (nodes, tensors, rows) to its end and makes few cycles:
    # no garbage collection while it runs (each walks every object: a third of a large
    # model's time, even when rare)
    if gc.isenabled():
        gc.disable()
        ctx.call_on_close(_enable_gc)


def run():
    """The console script (and `python -m convcalc`): main, then the process ends at once,
    leaving the memory a large model took to the operating system rather than freeing it
    object by object (a tenth of a second for 10,000 layers)."""
    try:
        main()
        code = 0
    except SystemExit as exit:
        code = exit.code if isinstance(exit.code, int) else (exit.code is not None)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # the reader went away (convcalc ... | head): nothing more to say
        code = code or 1
    os._exit(code)


def _enable_gc():
    """Garbage collection on again, with what the command made moved to the oldest
    generation (freeze, unfreeze): the next collection does not walk it all at once."""
    gc.freeze()
    gc.unfreeze()
    gc.enable()


@main.command()
@click.argument("specs", nargs=-1, required=True, metavar="SPEC...")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "markdown", "csv", "html", "svg"]),
              default="table", help="table: what Keras's model.summary() prints; json: for scripts; "
              "markdown, csv, html, svg: for reports and slides.")
@click.option("--line-length", type=click.IntRange(min=1), default=None,
              help="Total width of the table, as Keras's line_length.")
@click.option("--show-trainable", is_flag=True, help="Add Keras's Trainable column.")
@click.option("--expand-nested", is_flag=True, help="List nested models' layers, as Keras's expand_nested.")
@click.option("--layer-range", nargs=2, metavar="START END", default=None,
              help="List the layers from the first whose name matches START to the last that matches END "
                   "(regular expressions), as Keras's layer_range.")
@click.option("--style", type=click.Choice(["keras3", "keras2"]), default="keras3",
              help="keras3: Keras 3's table; keras2: tf-keras 2's classic layout and names.")
@click.option("--columns", "columns_text", default=None, metavar="NAME,...",
              help="Add convcalc's own columns after Keras's: macs, receptive_field, activation_memory, kernel.")
@click.option("--dtype", type=click.Choice(["float32", "float16", "bfloat16", "mixed_float16", "mixed_bfloat16"]),
              default=None, help="The global dtype policy (keras.config.set_dtype_policy): sizes weights "
              "(and activations) as Keras does under it.")
@click.option("--model", "model_name", metavar="NAME", default=None,
              help="A .py file (or notebook) that builds several models: the one variable NAME holds (default: the last).")
def summarize(specs, fmt, line_length, show_trainable, expand_nested, layer_range, style, columns_text, dtype,
              model_name):
    """Print what Keras's model.summary() prints for each SPEC, without Keras.

    SPEC is a YAML spec, Keras code (.py, or a notebook .ipynb: read, never run) or a Keras model config
    (.json as model.to_json() writes it, or a .keras file)."""
    try:
        columns = ()
        if columns_text is not None:  # convcalc's own columns: loaded only when asked for
            from convcalc.report.columns import parse_columns

            columns = parse_columns(columns_text)
        if columns and style == "keras2" and fmt != "json":
            raise SpecError("--columns adds to Keras 3's table: leave out --style keras2 (or use --format json)")
    except SpecError as error:
        fail(str(error))
    from convcalc.render.keras_table import MAX_LINE_LENGTH, LineTooShort

    if line_length is not None and line_length > MAX_LINE_LENGTH:
        fail(f"--line-length {line_length}: convcalc prints tables at most {MAX_LINE_LENGTH:,} characters wide")

    def summary_of(path):
        return load_summary(path, expand_nested, layer_range, style, columns, dtype, model_name)

    def printed(path):  # the table formats: each summary printed at its turn
        summary = summary_of(path)
        try:
            if style == "keras2":
                from convcalc.render.keras2_table import print_keras2

                print_keras2(summary, line_length=line_length, show_trainable=show_trainable)
            else:
                from convcalc.render.keras_table import print_table

                print_table(summary, line_length=line_length, show_trainable=show_trainable)
        except LineTooShort as error:  # Keras 3 refuses it; tf-keras 2 would never finish its rows
            raise SpecError(line_too_short(line_length, error.minimum), file=source_name(path)) from None

    if fmt == "table":
        failed_inputs(list(each_input(specs, printed)))
        return
    results = list(each_input(specs, summary_of))
    summaries = [outcome.result for outcome in results if outcome.message is None]
    if fmt == "json":
        from convcalc.render.json_out import dumps, render_json, summary_dict

        if len(specs) == 1:
            if summaries:
                click.echo(render_json(summaries))
        else:  # a list in the inputs' order, a refused input's message in its place
            click.echo(dumps([summary_dict(o.result) if o.message is None else {"file": source_name(o.path),
                                                                                  "error": o.message}
                              for o in results]))
    elif summaries:
        from convcalc.render import render_report

        try:
            click.echo(render_report(fmt, summaries, style, line_length, show_trainable), nl=False)
        except LineTooShort as error:
            fail(line_too_short(line_length, error.minimum))
    failed_inputs(results)


def line_too_short(line_length, minimum):
    if line_length is None:
        return (f"the terminal is too narrow for the summary's columns: they need a line of at least "
                f"{minimum} characters (widen it, or give --line-length {minimum})")
    return f"--line-length {line_length} is too short for the summary's columns: give at least {minimum}"


@main.command()
@click.argument("spec")
@click.argument("answers", nargs=-1, required=True, metavar="ANSWERS...")
@click.option("--hints", is_flag=True, help="Say which answers are wrong, without the right values.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              help="text: for people; json: for scripts.")
@click.option("--style", type=click.Choice(["keras3", "keras2"]), default="keras3",
              help="Name the layers as Keras 3 (conv2d, input_layer) or tf-keras 2 (input_1, model) does.")
def grade(spec, answers, hints, fmt, style):
    """Grade a student's ANSWERS for SPEC: each answer right or wrong, and a score.

    ANSWERS are YAML files (or folders of them): exit status 0 when every answer is right,
    1 when any is wrong, 2 when a file cannot be graded."""
    from convcalc.report.grade import answer_files, exit_status, grade as grade_file
    from convcalc.render.grade_report import json_report, text_report

    try:
        if spec == "-" and "-" in answers:
            raise SpecError("standard input (-) can be the spec or the answers, not both")
        summary = load_summary(spec, style=style)
        files = answer_files(answers)
    except SpecError as error:
        fail(str(error))
    results = [grade_file(summary, path) for path in files]
    single = len(answers) == 1 and len(files) == 1 and files[0] == pathlib.Path(answers[0])
    if single and results[0].error is not None:  # one file: its error as any bad input's
        fail(str(results[0].error))
    if fmt == "json":
        click.echo(json_report(spec, summary.model_name, results, hints), nl=False)
    else:
        click.echo(text_report(spec, results, hints), nl=False)
    sys.exit(exit_status(results))


@main.command()
@click.argument("specs", nargs=-1, required=True, metavar="SPEC...")
@click.option("--layer", "layer_name", default=None, metavar="NAME", help="Explain only the layer NAME.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              help="text: for people (coloured on a terminal); json: for scripts.")
def explain(specs, layer_name, fmt):
    """Derive each layer's output shape, params, receptive field and MACs, as by hand."""
    from convcalc.analysis.engine import analyze, require_built
    from convcalc.report.explain import explain_model
    from convcalc.report.explain.render import print_text, render_json
    from convcalc.read import read_model

    hint = "give it an input shape: keras.Input(shape=...) first, or model.build((None, ...))"

    def explained(path):
        model = require_built(analyze(read_model(path)), "its layers have no shapes to derive", hint)
        try:
            return explain_model(model, layer_name)
        except SpecError as error:  # a layer's, the model's: the file is the input's
            raise error.located(file=source_name(path)) from None

    if fmt == "json":
        results = list(each_input(specs, explained))
        explanations = [outcome.result for outcome in results if outcome.message is None]
        if len(specs) == 1:
            if explanations:
                click.echo(render_json(explanations))
        else:  # a list in the inputs' order, a refused input's message in its place
            from convcalc.report.explain.render import dumps, explanation_dict

            click.echo(dumps([explanation_dict(o.result) if o.message is None else {"file": source_name(o.path),
                                                                                      "error": o.message}
                              for o in results]))
        failed_inputs(results)
        return
    first = True

    def printed(path):
        nonlocal first
        explanation = explained(path)
        if not first:
            click.echo()  # as print_text separates several explanations
        first = False
        print_text([explanation])

    failed_inputs(list(each_input(specs, printed)))


@main.command()
@click.argument("specs", nargs=-1, required=True, metavar="SPEC...")
@click.option("--backend", type=click.Choice(["tensorflow", "jax", "torch"]), default="tensorflow",
              help="The backend Keras builds the models on.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              help="table: for people; json: for scripts.")
def check(specs, backend, fmt):
    """Build each SPEC with real Keras and compare every layer's figures with convcalc's.

    Needs Keras and a backend: pip install "convcalc[keras]". Exit status 0 when convcalc
    and Keras agree on every spec, 1 when any differs, 2 when a spec cannot be read (the
    others are checked), 3 when convcalc failed on one (a bug: the others are checked)."""
    from convcalc.oracle.check import check_dict, check_graph, checkable, exit_status
    from convcalc.oracle.keras_reference import KerasMissing, import_keras
    from convcalc.read import read_model
    from convcalc.render.check_table import progress

    # every spec is read before TensorFlow's import: a typo is said at once
    read = list(each_input(specs, lambda path: checkable(read_model(path))))
    graphs = {o.path: o.result for o in read if o.message is None}
    keras = None
    if graphs:
        try:
            keras = import_keras(backend)
        except KerasMissing as error:
            fail(str(error))
    checks = iter(list(each_input(progress(list(graphs)), lambda path: check_graph(graphs[path], keras, path),
                                  crashes=True)))
    outcomes = [o if o.message is not None else next(checks) for o in read]  # in the inputs' order
    results = [o.result for o in outcomes if o.message is None]
    if fmt == "json":
        import json

        document = check_dict(results)
        checked = iter(document["specs"])
        document["specs"] = [next(checked) if o.message is None else
                             {"spec": source_name(o.path), "agree": None, "error": o.message,
                              "convcalc_failed": o.crashed} for o in outcomes]
        document["agree"] = document["agree"] and len(results) == len(outcomes)
        click.echo(json.dumps(document, indent=2))
    else:
        from rich.console import Console

        from convcalc.render.check_table import final_line, print_check

        console = Console(highlight=False)
        for result in results:
            print_check(console, result)
        if results:
            console.print(final_line(results, backend))
    if any(o.crashed for o in outcomes):
        sys.exit(3)  # convcalc failed on some spec
    failed_inputs(outcomes)
    sys.exit(exit_status(results))


@main.command("import")
@click.argument("sources", nargs=-1, required=True, metavar="SOURCE...")
@click.option("-o", "--output", "output", metavar="SPEC", default="-",
              help="The YAML spec to write (default: standard output; several sources: one YAML document each).")
@click.option("--model", "model_name", metavar="NAME", default=None,
              help="A .py file (or notebook) that builds several models: the one variable NAME holds (default: the last).")
def import_(sources, output, model_name):
    """Write the YAML spec of the model SOURCE builds: Keras code (.py, or a notebook
    .ipynb: read, never run) or a Keras model config (.json, .keras). Summarizing the spec
    prints what summarizing SOURCE prints."""
    import pathlib

    from convcalc.read import CONFIG_SUFFIXES, read_model
    from convcalc.read.files import suffix_of
    from convcalc.render.spec_text import spec_text

    if output != "-" and len(sources) > 1:
        fail(f"-o writes one spec: import the {len(sources)} sources one by one, or to standard output")

    def imported(source):
        if output != "-" and pathlib.Path(output).resolve() == pathlib.Path(source).resolve():
            raise SpecError("-o names the file being imported; write the spec to another file", file=source)
        graph = read_model(source, model=model_name)
        which = f", model {model_name}" if model_name else ""
        config = suffix_of(source, CONFIG_SUFFIXES) in CONFIG_SUFFIXES
        return spec_text(graph, header=f"Imported by `convcalc import` from "
                         f"{pathlib.Path(source_name(source)).name}{which}.", drop_defaults=config)

    if output != "-":
        outcome = next(each_input(sources, imported))
        if outcome.message is not None:
            sys.exit(2)
        try:
            pathlib.Path(output).write_text(outcome.result)
        except OSError as error:
            fail(f"{output}: cannot write the spec: {error.strerror or error}")
        return
    first = True

    def printed(source):  # several specs: one YAML document each, in order
        nonlocal first
        text = imported(source)
        click.echo(text if first else "---\n" + text, nl=False)
        first = False

    failed_inputs(list(each_input(sources, printed)))
