"""convcalc's Python API: what the commands print, as Python objects.

    >>> import convcalc
    >>> summary = convcalc.summarize("specs/lecture-example-2.yaml")
    >>> summary.total_params
    142
    >>> print(summary, end="")       # exactly what `convcalc summarize` prints, uncoloured

A source is a file's path (YAML spec, Keras code, notebook, Keras config), a YAML or
Python source string, or a dict in the spec format (convcalc/sources.py). Bad input
raises convcalc.SpecError (convcalc/errors.py), whose str() is the command line's message.
In a notebook a Summary shows itself as Keras's coloured table (_repr_html_).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from convcalc import sources
from convcalc.errors import SpecError, shown
from convcalc.render import SUMMARY_FORMATS as FORMATS


@dataclass(frozen=True)
class Layer:
    """One row of the summary, with the fields of `summarize --format json`'s layers."""

    name: str
    class_name: str
    output_shapes: tuple  # one shape (a tuple; None for a free axis) per output tensor
    params: int
    trainable_params: int
    non_trainable_params: int
    connected_to: tuple | None = None  # functional models: Keras's "Connected to" references
    built: bool = True

    @property
    def output_shape(self):
        """The output's shape; a list of them for a layer of several outputs (None unbuilt)."""
        if not self.output_shapes:
            return None
        return self.output_shapes[0] if len(self.output_shapes) == 1 else list(self.output_shapes)


class Summary:
    """A model's summary: its figures as attributes, str() the table `convcalc summarize`
    prints (uncoloured, as on a non-terminal), to_dict() its JSON object."""

    def __init__(self, report, style="keras3", line_length=None, show_trainable=False):
        self.report = report  # convcalc/report/summary.py's Summary: the rows the renderers take
        self.style, self.line_length, self.show_trainable = style, line_length, show_trainable
        data = self.to_dict()
        self.name = data["model"]
        self.api = data["api"]
        self.built = data.get("built", True)
        self.total_params = data["total_params"]
        self.trainable_params = data["trainable_params"]
        self.non_trainable_params = data["non_trainable_params"]
        self.layers = [Layer(row["name"], row["class_name"], tuple(tuple(s) for s in row["output_shapes"]),
                             row["params"], row["trainable_params"], row["non_trainable_params"],
                             tuple(row["connected_to"]) if "connected_to" in row else None, row.get("built", True))
                       for row in data["layers"]]

    def to_dict(self):
        """`convcalc summarize --format json`'s object (schema in the README)."""
        from convcalc.render.json_out import summary_dict

        return summary_dict(self.report)

    def render(self, fmt="table"):
        """The text `convcalc summarize --format FMT` prints: table, json, markdown, csv, html, svg."""
        if fmt not in FORMATS:
            raise SpecError(f"format {shown(fmt)}: the formats are {', '.join(FORMATS)}")
        if fmt == "json":
            from convcalc.render.json_out import render_json

            return render_json([self.report]) + "\n"
        if fmt != "table":
            from convcalc.render import render_report

            return render_report(fmt, [self.report], self.style, self.line_length, self.show_trainable)
        from convcalc.render.keras_table import LineTooShort

        out = io.StringIO()
        try:
            if self.style == "keras2":
                from convcalc.render.keras2_table import print_keras2

                print_keras2(self.report, line_length=self.line_length, show_trainable=self.show_trainable, file=out)
            else:
                from convcalc.render.keras_table import print_table

                print_table(self.report, line_length=self.line_length, show_trainable=self.show_trainable, file=out)
        except LineTooShort:
            raise SpecError(f"line_length {self.line_length} is too short to print the summary's columns") from None
        return out.getvalue()

    def __str__(self):
        return self.render("table")

    def __repr__(self):
        return f"<convcalc.Summary {self.name!r}: {len(self.layers)} layers, {self.total_params:,} params>"

    def _repr_pretty_(self, printer, cycle):  # IPython's text display
        printer.text(repr(self) if cycle else str(self).rstrip("\n"))

    def _repr_html_(self):  # Jupyter's display: Keras's table in Keras's colours
        from convcalc.render.html_out import render_fragment
        from convcalc.render import table_style

        return render_fragment([self.report], table_style(self.style), self.line_length, self.show_trainable)


def summarize(source, *, style="keras3", line_length=None, show_trainable=False, expand_nested=False,
              layer_range=None, columns=(), dtype=None, model=None, optimizer=None, quantize=None, depth=None,
              memory=False, batch_size=None) -> Summary:
    """The summary Keras's model.summary() prints for the model `source` describes (a
    path, a YAML or Python source string, or a spec dict), without Keras. The keywords are
    `convcalc summarize`'s options: style "keras3" or "keras2"; Keras's line_length,
    show_trainable, expand_nested and layer_range (START, END); columns, convcalc's own
    ("macs", "receptive_field", "activation_memory", "kernel"; a list or "macs,kernel");
    dtype, the global dtype policy; model, which model variable of Python code; optimizer
    ("adam", "SGD(momentum=0.9)"), its state counted as after fit; quantize ("int8", "int4",
    "float8"), the summary after model.quantize(mode); depth, nested models listed down to
    that many levels; memory (or a batch_size, or the "memory" column), the training-memory
    estimate after the totals, at batch_size (default: the model's own, else 32)."""
    if line_length is not None and (isinstance(line_length, bool) or not isinstance(line_length, int)
                                    or line_length < 1):
        raise SpecError(f"line_length must be a positive whole number; got {shown(line_length)}")
    if layer_range is not None and not (isinstance(layer_range, (list, tuple)) and len(layer_range) == 2
                                        and all(isinstance(p, str) for p in layer_range)):
        raise SpecError(f"layer_range is (START, END), two layer names or regular expressions; got {shown(layer_range)}")
    for keyword, value in (("depth", depth), ("batch_size", batch_size)):
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
            raise SpecError(f"{keyword} must be a positive whole number; got {shown(value)}")
    columns = _columns(columns)
    wants_memory = memory or batch_size is not None or "memory" in columns
    report = sources.load_summary(source, expand_nested, tuple(layer_range) if layer_range else None, style,
                                  columns, dtype, model, optimizer, quantize, depth,
                                  {"batch_size": batch_size} if wants_memory else None)
    return Summary(report, style, line_length, show_trainable)


def _columns(columns):
    if not columns:
        return ()
    from convcalc.report.columns import parse_columns

    if isinstance(columns, str):
        return parse_columns(columns)
    if not all(isinstance(c, str) for c in columns):
        raise SpecError(f"columns are names such as 'macs'; got {shown(columns)}")
    return parse_columns(",".join(columns))


class Explanation:
    """`convcalc explain`'s derivations: str() its text, to_dict() its JSON object."""

    def __init__(self, explanation):
        self.explanation = explanation  # convcalc/report/explain/model.py's ModelExplanation

    def to_dict(self):
        from convcalc.report.explain.render import explanation_dict

        return explanation_dict(self.explanation)

    def __str__(self):
        from convcalc.report.explain.render import print_text

        out = io.StringIO()
        print_text([self.explanation], file=out)
        return out.getvalue()

    def __repr__(self):
        return f"<convcalc.Explanation {self.explanation.name!r}: {len(self.explanation.layers)} layers>"

    def _repr_pretty_(self, printer, cycle):
        printer.text(repr(self) if cycle else str(self).rstrip("\n"))


def explain(source, *, layer=None, model=None) -> Explanation:
    """Each layer's derivation of its output shape, params, receptive field and MACs, as
    `convcalc explain` prints it; `layer`: only the layer of that name."""
    return Explanation(sources.load_explanation(source, layer, model))


def grade(spec, answers, *, hints=False, style="keras3", key=None) -> dict:
    """`convcalc grade SPEC ANSWERS --format json`'s object: `answers` is an answers file,
    a folder of them, a list of such paths, a YAML string or a dict in the answers format;
    `key`, an answers key (`--key`: the questions graded and their points), the same."""
    from convcalc.read.files import InlineSource
    from convcalc.render.grade_report import grade_dict
    from convcalc.report.grade import answer_files, grade as grade_file, read_key

    summary = sources.load_summary(spec, style=style)
    if key is not None:
        key = read_key(summary, sources.readable(key, "<key>", python=False))
    given = list(answers) if isinstance(answers, (list, tuple)) else [answers]
    files = []
    for item in given:
        path = sources.readable(item, "<answers>", python=False)
        files += [path] if isinstance(path, InlineSource) else answer_files([path])
    results = [grade_file(summary, path, key) for path in files]
    if len(given) == 1 and len(files) == 1 and results[0].error is not None and not _is_folder(given[0]):
        raise results[0].error  # one answers file it cannot read: as any bad input
    return grade_dict("<dict>" if isinstance(spec, dict) else str(sources.readable(spec)), summary.model_name,
                      results, hints)


def _is_folder(answers):
    import os

    return isinstance(answers, (str, os.PathLike)) and os.path.isdir(answers)


def check(source, *, backend="tensorflow") -> dict:
    """`convcalc check --format json`'s object: the model built with real Keras and every
    figure compared with convcalc's. Needs Keras (pip install "convcalc[keras]")."""
    from convcalc.oracle.check import check_dict, check_graph, checkable
    from convcalc.oracle.keras_reference import EXTRAS, KerasMissing, import_keras

    if backend not in EXTRAS:
        raise SpecError(f"backend {shown(backend)}: the backends are {', '.join(EXTRAS)}")
    graph = checkable(sources.read_source(source))
    try:
        keras = import_keras(backend)
    except KerasMissing as error:
        raise SpecError(str(error)) from None
    label = "<dict>" if isinstance(source, dict) else str(sources.readable(source))
    return check_dict([check_graph(graph, keras, label)])
