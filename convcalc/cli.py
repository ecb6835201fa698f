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
from convcalc.sources import check_summary_options, load_summary  # shared with the Python API (convcalc/api.py)
from convcalc.summary_options import summary_options


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


def echo_json(outcomes, render_one, as_dict, dumps):
    """A command's JSON: one input's own (nothing when it was refused), or for several a
    list in the inputs' order, a refused input's message in its place."""
    if len(outcomes) == 1:
        if outcomes[0].message is None:
            click.echo(render_one([outcomes[0].result]))
        return
    click.echo(dumps([as_dict(o.result) if o.message is None else {"file": source_name(o.path), "error": o.message}
                      for o in outcomes]))


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, epilog="""\b
Examples:
  convcalc summarize specs/lecture-example-2.yaml
  convcalc explain specs/mnist-convnet.yaml --layer conv2d
  convcalc grade spec.yaml answers.yaml --format gradescope""")
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


@main.command(epilog="""\b
Examples:
  convcalc summarize specs/lecture-example-2.yaml
  convcalc summarize model.py --show-trainable --columns macs,receptive_field
  convcalc summarize specs/mnist-convnet.yaml --format json --optimizer adam""")
@click.argument("specs", nargs=-1, required=True, metavar="SPEC...")
@summary_options
def summarize(specs, fmt, line_length, show_trainable, expand_nested, layer_range, style, columns_text, dtype,
              model_name, optimizer, quantize, depth, memory_flag, batch_size):
    """Print what Keras's model.summary() prints for each SPEC, without Keras.

    SPEC is a YAML spec, Keras code (.py, or a notebook .ipynb: read, never run) or a Keras model config
    (.json as model.to_json() writes it, or a .keras file)."""
    try:
        columns = ()
        if columns_text is not None:  # convcalc's own columns: loaded only when asked for
            from convcalc.report.columns import parse_columns

            columns = parse_columns(columns_text)
        memory = {"batch_size": batch_size} if memory_flag or batch_size is not None or "memory" in columns else None
        check_summary_options(style, columns, optimizer, quantize, depth, expand_nested, memory, fmt != "json",
                              spelled=option)
    except SpecError as error:
        fail(str(error))
    from convcalc.render.keras_table import MAX_LINE_LENGTH, LineTooShort

    if line_length is not None and line_length > MAX_LINE_LENGTH:
        fail(f"--line-length {line_length}: convcalc prints tables at most {MAX_LINE_LENGTH:,} characters wide")

    def summary_of(path):
        return load_summary(path, expand_nested, layer_range, style, columns, dtype, model_name, optimizer,
                            quantize, depth, memory, fmt != "json")

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

        echo_json(results, render_json, summary_dict, dumps)
    elif summaries:
        from convcalc.render import render_report

        try:
            click.echo(render_report(fmt, summaries, style, line_length, show_trainable), nl=False)
        except LineTooShort as error:
            fail(line_too_short(line_length, error.minimum))
    failed_inputs(results)


def option(name, value=None):
    """An option as the command line spells it: --style keras2."""
    flag = "--" + name.replace("_", "-")
    return flag if value is None else f"{flag} {value}"


def line_too_short(line_length, minimum):
    if line_length is None:
        return (f"the terminal is too narrow for the summary's columns: they need a line of at least "
                f"{minimum} characters (widen it, or give --line-length {minimum})")
    return f"--line-length {line_length} is too short for the summary's columns: give at least {minimum}"


@main.command(epilog="""\b
ANSWERS format (YAML; layers by name or 1-based position):
  layers:
    conv2d: {output_shape: [null, 8, 8, 5], params: 50}
    conv2d_1: {params: 92}
  total_params: 142
Fields: output_shape, params, trainable_params, non_trainable_params; and the
totals total_params, trainable_params, non_trainable_params. A key (--key) gives
points: conv2d: {params: {points: 2}}.

\b
Examples:
  convcalc grade hw3.yaml alice.yaml
  convcalc grade hw3.yaml submissions/ --hints
  convcalc grade hw3.yaml answers.yaml --key key.yaml --format gradescope""")
@click.argument("spec")
@click.argument("answers", nargs=-1, required=True, metavar="ANSWERS...")
@click.option("--hints", is_flag=True, help="Say which answers are wrong, without the right values.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "gradescope", "csv"]), default="text",
              help="text: for people; json: for scripts; gradescope: Gradescope's results.json (exit status 0 "
                   "whatever the score); csv: nbgrader's student_id, score, max_score.")
@click.option("--key", "key_file", metavar="KEY", default=None,
              help="An answers key (the answers format; `params: {value: 50, points: 2}` for points, default 1): "
                   "its questions are the ones graded, each worth its points.")
@click.option("--style", type=click.Choice(["keras3", "keras2"]), default="keras3",
              help="Name the layers as Keras 3 (conv2d, input_layer) or tf-keras 2 (input_1, model) does.")
def grade(spec, answers, hints, fmt, key_file, style):
    """Grade a student's ANSWERS for SPEC: each answer right or wrong, and a score.

    ANSWERS are YAML files (or folders of them): exit status 0 when every answer is right,
    1 when any is wrong, 2 when a file cannot be graded (with --format gradescope: 0)."""
    from convcalc.report.grade import Result, answer_files, exit_status, grade as grade_file, read_key
    from convcalc.render.grade_report import json_report, text_report

    try:
        if spec == "-" and "-" in answers:
            raise SpecError("standard input (-) can be the spec or the answers, not both")
        summary = load_summary(spec, style=style)
        key = read_key(summary, key_file) if key_file is not None else None
    except SpecError as error:
        fail(str(error))
    try:
        files, results = answer_files(answers), None
    except SpecError as error:  # no answers file: the autograder still writes its results
        if fmt != "gradescope":
            fail(str(error))
        files, results = [], [Result(" ".join(answers), error=error)]
    results = results or [grade_file(summary, path, key) for path in files]
    max_points = sum(question.points for _, _, question in key) if key else None
    if fmt == "gradescope":
        from convcalc.render.grade_exports import gradescope_report

        click.echo(gradescope_report(spec, results, hints, max_points), nl=False)
        return
    single = len(answers) == 1 and len(files) == 1 and files[0] == pathlib.Path(answers[0])
    if single and results[0].error is not None:  # one file: its error as any bad input's
        fail(str(results[0].error))
    if fmt == "json":
        click.echo(json_report(spec, summary.model_name, results, hints), nl=False)
    elif fmt == "csv":
        from convcalc.render.grade_exports import csv_report

        click.echo(csv_report(results, max_points), nl=False)
    else:
        click.echo(text_report(spec, results, hints), nl=False)
    sys.exit(exit_status(results))


@main.command(epilog="""\b
Examples:
  convcalc explain specs/lecture-example-2.yaml
  convcalc explain model.py --layer conv2d_1
  convcalc explain specs/mnist-convnet.yaml --format json""")
@click.argument("specs", nargs=-1, required=True, metavar="SPEC...")
@click.option("--layer", "layer_name", default=None, metavar="NAME", help="Explain only the layer NAME.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              help="text: for people (coloured on a terminal); json: for scripts.")
@click.option("--memory", "memory_flag", is_flag=True,
              help="Derive the training-memory estimate (summarize --memory) instead: each term's rule and numbers.")
@click.option("--batch-size", type=click.IntRange(min=1), default=None, metavar="N",
              help="The batch size of --memory (implies it).")
@click.option("--optimizer", metavar="OPTIMIZER", default=None,
              help='The optimizer of --memory (implies it), as summarize takes it: adam (the default), '
                   '"SGD(momentum=0.9)".')
def explain(specs, layer_name, fmt, memory_flag, batch_size, optimizer):
    """Derive each layer's output shape, params, receptive field and MACs, as by hand."""
    if memory_flag or batch_size is not None or optimizer is not None:  # the estimate's rules (report/memory.py)
        explain_memory(specs, layer_name, fmt, batch_size, optimizer)
        return
    from convcalc.report.explain.render import print_text, render_json
    from convcalc.sources import load_explanation

    def explained(path):
        return load_explanation(path, layer_name)

    if fmt == "json":
        from convcalc.report.explain.render import dumps, explanation_dict

        results = list(each_input(specs, explained))
        echo_json(results, render_json, explanation_dict, dumps)
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


def explain_memory(specs, layer_name, fmt, batch_size, optimizer=None):
    """`explain --memory`: each input's training-memory estimate derived, term by term."""
    from convcalc.render.memory_block import dumps, explain_dict, explain_json, explain_text
    from convcalc.report.memory import derivation
    from convcalc.report.optimizer import parse_optimizer

    if layer_name is not None:
        fail("--memory derives the whole model's estimate: leave out --layer")
    if optimizer is not None:
        try:  # one message for a bad --optimizer, not one per input
            parse_optimizer(optimizer)
        except SpecError as error:
            fail(str(error))

    def derived(path):
        summary = load_summary(path, optimizer=optimizer, memory={"batch_size": batch_size})
        return path, summary.memory, derivation(summary, summary.memory)

    if fmt == "json":
        results = list(each_input(specs, derived))
        echo_json(results, lambda one: explain_json(one).rstrip("\n"), explain_dict, dumps)
    else:
        results = list(each_input(specs, lambda path: click.echo(explain_text([derived(path)]), nl=False)))
    failed_inputs(results)


@main.command(epilog="""\b
Examples:
  convcalc check specs/lecture-example-2.yaml
  convcalc check specs/*.yaml --backend jax
  convcalc check model.py --format json""")
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


@main.command("import", epilog="""\b
Examples:
  convcalc import model.json -o model.yaml
  convcalc import model.keras
  convcalc import notebook.ipynb --model encoder -o encoder.yaml""")
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
        trained = ("" if graph.optimizer is None else  # a spec holds no optimizer: say how to ask for its line
                   f"\nIts code fits it, building the optimizer {graph.optimizer}: Keras's summary then counts "
                   f"the optimizer's variables; summarize this spec with --optimizer \"{graph.optimizer}\".")
        return spec_text(graph, header=f"Imported by `convcalc import` from "
                         f"{pathlib.Path(source_name(source)).name}{which}.{trained}", drop_defaults=config)

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


@main.command(epilog="""\b
Levels:
  intro     Dense and Flatten layers; a small convolution or two
  conv      Conv2D with padding and strides, pooling, BatchNormalization, a Dense head
  advanced  Add and Concatenate branches, depthwise/separable convolutions, RNNs
The questions ask each layer's output shape and params, the totals and (on images)
a receptive field.

\b
Examples:
  convcalc quiz --seed 7 --count 5 --out week3
  convcalc quiz --seed 12 --count 3 --level advanced --layers conv,merge --out exam
  convcalc grade week3/01.yaml alice.yaml""")
@click.option("--seed", type=int, required=True, help="The quiz's seed: the same seed gives the same quiz anywhere.")
@click.option("--count", type=click.IntRange(min=1), default=5, show_default=True, help="How many problems.")
@click.option("--level", type=click.Choice(["intro", "conv", "advanced"]), default="conv", show_default=True,
              help="What the models hold (below).")
@click.option("--layers", "layer_kinds", metavar="KIND,...", default=None,
              help="Only these kinds of layers (of the level's): dense, conv, pool, norm, dropout, depthwise, "
                   "separable, merge, rnn.")
@click.option("--out", "out", metavar="DIR", required=True, help="The folder to write the quiz to.")
def quiz(seed, count, level, layer_kinds, out):
    """Write COUNT random problems: DIR/NN.yaml (each model's spec), DIR/questions.md (each
    model as Keras code, with its questions: output shapes, params, totals, receptive field)
    and DIR/answers/NN.yaml (each key, in the answers format `convcalc grade` marks)."""
    from convcalc.quiz import write_quiz

    try:
        written = write_quiz(out, seed, count, level, layer_kinds)
    except SpecError as error:
        fail(str(error))
    click.echo(f"wrote {written[0]} and {count} problem(s) with their keys in {pathlib.Path(out)}")


# -- convcalc plot: the model graph keras.utils.plot_model draws (report/plot.py) -------
PLOT_SUFFIXES = {".dot": "dot", ".gv": "dot", ".mmd": "mermaid", ".svg": "svg", ".png": "png", ".pdf": "pdf"}


@main.command(epilog="""\b
Examples:
  convcalc plot specs/mnist-convnet.yaml --show-shapes -o mnist.svg
  convcalc plot specs/mnist-convnet.yaml --format mermaid
  convcalc plot unet.yaml --rankdir LR --expand-nested -o unet.dot""")
@click.argument("specs", nargs=-1, required=True, metavar="SPEC...")
@click.option("-o", "--output", "output", metavar="FILE", default="-",
              help="The file to write: .dot (or .gv), .mmd (Mermaid), or a picture Graphviz draws: "
                   ".svg, .png, .pdf (default: the text on standard output).")
@click.option("--format", "fmt", type=click.Choice(["dot", "mermaid"]), default=None,
              help="The text to write: dot (Graphviz's DOT, as Keras's model_to_dot) or mermaid "
                   "(a Mermaid flowchart); default: by -o's suffix, else dot.")
@click.option("--show-shapes", is_flag=True, help="Each layer's input and output shapes.")
@click.option("--show-dtype", is_flag=True, help="Each layer's output dtype.")
@click.option("--show-layer-names/--no-show-layer-names", default=True, help="Each layer's name (default: shown).")
@click.option("--show-layer-activations", is_flag=True, help="The activation of the layers that have one.")
@click.option("--show-trainable", is_flag=True, help="Whether each layer with weights is trainable.")
@click.option("--rankdir", type=click.Choice(["TB", "LR"]), default="TB",
              help="TB: top to bottom; LR: left to right.")
@click.option("--expand-nested", is_flag=True, help="Nested models as dashed clusters of their layers.")
@click.option("--dpi", type=click.IntRange(min=1), default=200, help="Resolution of the picture (default 200).")
@click.option("--dtype", type=click.Choice(["float32", "float16", "bfloat16", "mixed_float16", "mixed_bfloat16"]),
              default=None, help="The global dtype policy (keras.config.set_dtype_policy), for --show-dtype.")
@click.option("--model", "model_name", metavar="NAME", default=None,
              help="A .py file (or notebook) that builds several models: the one variable NAME holds (default: the last).")
def plot(specs, output, fmt, show_shapes, show_dtype, show_layer_names, show_layer_activations, show_trainable,
         rankdir, expand_nested, dpi, dtype, model_name):
    """Draw each SPEC's model graph as Keras's plot_model draws it (SPEC: as for summarize; - reads
    a YAML spec from standard input). Pictures need Graphviz's dot program."""
    from convcalc.report.plot import PlotOptions, plot_graph

    options = PlotOptions(show_shapes, show_dtype, show_layer_names, show_layer_activations, show_trainable,
                          rankdir, expand_nested, dpi)
    try:
        kind = PLOT_SUFFIXES.get(pathlib.Path(output).suffix.lower()) if output != "-" else None
        if output != "-" and kind is None:
            raise SpecError(f"-o {output}: convcalc plot writes .dot, .gv, .mmd, .svg, .png or .pdf files")
        if output != "-" and len(specs) > 1:
            raise SpecError(f"-o {output} holds one model's graph: give one SPEC (or leave out -o)")
        if fmt == "mermaid" and kind not in (None, "mermaid"):
            raise SpecError(f"-o {output}: a Mermaid flowchart is text: write it to a .mmd file (or leave out -o)")
        if fmt == "dot" and kind == "mermaid":
            raise SpecError(f"-o {output}: a .mmd file holds a Mermaid flowchart: --format mermaid (or write a .dot file)")
        text_format = fmt or ("mermaid" if kind == "mermaid" else "dot")
        graphs = [plot_graph(load_summary(path, dtype=dtype, model=model_name).model, options, path)
                  for path in specs]
        if text_format == "mermaid":
            from convcalc.render.mermaid_out import render_mermaid as render_text
        else:
            from convcalc.render.dot_out import render_dot as render_text
        texts = [render_text(graph, options) for graph in graphs]
        if output == "-":
            click.echo("".join(texts), nl=False)
        elif kind in ("svg", "png", "pdf"):
            from convcalc.render.graphviz import render_picture

            render_picture(texts[0], kind, output)
        else:
            try:
                pathlib.Path(output).write_text(texts[0])
            except OSError as error:
                raise SpecError(f"cannot write the graph: {error.strerror or error}", file=output) from None
    except SpecError as error:
        fail(str(error))
