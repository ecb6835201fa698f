"""`convcalc check`: the analytic figures against real Keras's, field by field.

Both sides start from the same ModelGraph: the engine analyzes it, keras_reference builds
it with Keras. Either side may refuse the spec; a refusal on one side only is a
disagreement like any wrong figure. Keras is imported by the caller, once, and passed in.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from convcalc.errors import SpecError
from convcalc.graph import ModelGraph, code_defined

# Per layer: what `summarize --format json` and Keras's figures() both give for it.
LAYER_FIELDS = ("name", "class_name", "output_shapes", "params", "trainable_params", "non_trainable_params")
# Functional models' rows also name what each layer is connected to: compared as well.
OPTIONAL_LAYER_FIELDS = ("connected_to",)
# Per model: its name and totals.
MODEL_FIELDS = ("model", "total_params", "trainable_params", "non_trainable_params")


@dataclass(frozen=True)
class Disagreement:
    """One field where convcalc and Keras differ. `name` is the layer's (convcalc's name,
    or Keras's where convcalc has no layer there); None for a model-wide field."""

    name: str | None
    field: str  # a LAYER_FIELDS or MODEL_FIELDS entry; "layer" (one side has no layer at
    # that position) or "refused" (one side refused the spec)
    convcalc: object
    keras: object


@dataclass
class SpecCheck:
    """One spec's check: each side's figures (the summarize JSON schema) or its refusal."""

    spec: str
    convcalc: dict | None = None
    keras: dict | None = None
    convcalc_error: str | None = None
    keras_error: str | None = None
    disagreements: list = field(default_factory=list)

    @property
    def agree(self):
        return not self.disagreements

    @property
    def refused(self):
        return self.convcalc_error is not None or self.keras_error is not None


def analytic_figures(graph: ModelGraph):
    """convcalc's figures for the graph (raises SpecError when the engine refuses it)."""
    from convcalc.analysis.engine import analyze
    from convcalc.report.summary import figures, summarize

    return figures(summarize(analyze(graph)))


def keras_refusal(error):
    """Keras's message, without the "Arguments received by ..." block Keras 3 appends."""
    text = str(error).split("\n\nArguments received by", 1)[0].strip()
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def keras_figures(graph: ModelGraph, keras):
    """(figures, None) of the model Keras builds, or (None, Keras's message) when it refuses."""
    from convcalc.oracle.keras_reference import build_model, figures, quiet

    try:
        # Only the weights' shapes are read: no initial values (a second per model on JAX;
        # on PyTorch, float16 recurrent kernels cannot even be drawn: no QR in half on CPU)
        model = build_model(graph, keras, initialize=False)
        with quiet():
            return figures(model, keras), None
    except Exception as error:  # any refusal by Keras or its backend, whatever its type
        return None, keras_refusal(error)


def compare(ours: dict, theirs: dict):
    """Every disagreement between two figure sets of the summarize JSON schema; layers
    are matched by position (a missing or extra layer is a "layer" disagreement)."""
    found = [Disagreement(None, key, ours[key], theirs[key]) for key in MODEL_FIELDS if ours[key] != theirs[key]]
    ours_rows, their_rows = ours["layers"], theirs["layers"]
    for mine, keras_row in zip(ours_rows, their_rows):
        found += [
            Disagreement(mine["name"], key, mine.get(key), keras_row.get(key))
            for key in LAYER_FIELDS + OPTIONAL_LAYER_FIELDS
            if mine.get(key) != keras_row.get(key)
        ]
    for row in ours_rows[len(their_rows):]:
        found.append(Disagreement(row["name"], "layer", _label(row), None))
    for row in their_rows[len(ours_rows):]:
        found.append(Disagreement(row["name"], "layer", None, _label(row)))
    return found


def _label(row):
    return f"{row['name']} ({row['class_name']})"


def checkable(graph: ModelGraph):
    """Refuse, before Keras is imported, a model check cannot build: check builds in Keras
    the model convcalc read, and a class the code defines exists only in the code, which
    convcalc never runs."""
    found = code_defined(graph)
    if found is not None:
        what, line = found
        raise SpecError(f"the model holds {what}: check rebuilds the model in Keras from what convcalc "
                        "read, and that code exists only in the file, which convcalc never runs",
                        hint="summarize or explain it; its figures come from following the class's build and call",
                        file=graph.source, line=line)
    return graph


def check_graph(graph: ModelGraph, keras, spec=None) -> SpecCheck:
    """Analyze the graph and build it with Keras; compare whatever both sides give."""
    result = SpecCheck(spec or graph.source or "")
    try:
        result.convcalc = analytic_figures(graph)
    except SpecError as error:
        result.convcalc_error = str(error)
    result.keras, result.keras_error = keras_figures(graph, keras)
    if result.convcalc is not None and result.keras is not None:
        result.disagreements = compare(result.convcalc, result.keras)
    elif (result.convcalc is None) != (result.keras is None):  # one side refused
        result.disagreements = [Disagreement(None, "refused", result.convcalc_error, result.keras_error)]
    return result


def check_dict(results):
    """The `check --format json` document (schema in the README)."""
    specs = [
        {
            "spec": r.spec,
            "agree": r.agree,
            "layers": [
                {"name": d.name, "field": d.field, "convcalc": d.convcalc, "keras": d.keras}
                for d in r.disagreements
            ],
            "refused": {"convcalc": r.convcalc_error, "keras": r.keras_error} if r.refused else None,
        }
        for r in results
    ]
    return {"specs": specs, "agree": all(r.agree for r in results)}


def exit_status(results):
    """0 when every spec agrees, 1 when any differs."""
    return 0 if all(r.agree for r in results) else 1
