"""Grade a student's answers against convcalc's figures for a spec (`convcalc grade`).

Each answer names a layer (by name, or by its 1-based position in the summary's rows)
and a figure (output_shape, params, trainable_params, non_trainable_params), or one of
the model's totals. The right value is the summary's: what Keras's model.summary() shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from convcalc.errors import SpecError, did_you_mean, shown
from convcalc.read.answers import LAYER_FIELDS, TOTALS, Answer, read_answers
from convcalc.report.summary import Summary


@dataclass
class Item:
    answer: Answer
    name: str | None  # the layer's name (None for a model total, or a layer the model lacks)
    position: int | None  # its 1-based position in the summary
    expected: object  # the right value (None where the answer names no figure of the model)
    right: bool
    explanation: str | None = None  # for a wrong answer: the kind of mistake, values aside, or
    # why it could not be read (answer.problem, a layer the model lacks)
    derivation: list = field(default_factory=list)  # for a wrong answer: how the right value comes
    points: float = 1  # what it is worth (an answers key's points; default 1)

    @property
    def score(self):
        return self.points if self.right else 0


@dataclass
class Result:
    answers_file: str
    items: list = field(default_factory=list)
    error: SpecError | None = None  # the answers file could not be read: nothing graded
    keyed: bool = False  # graded against an answers key: its questions and points

    @property
    def score(self):
        return score_value(sum(item.score for item in self.items))

    @property
    def out_of(self):
        return score_value(sum(item.points for item in self.items))

    @property
    def all_right(self):
        return self.error is None and all(item.right for item in self.items)


def score_value(value):
    """A score as people write it: 3, not 3.0; 2.5 stays."""
    return int(value) if float(value).is_integer() else value


def _row(summary: Summary, answer: Answer, source):
    """(position, row) of the layer an answer names."""
    rows = summary.rows
    if isinstance(answer.layer, int):
        if answer.layer > len(rows):
            raise SpecError(
                f"there is no layer {answer.layer}: the summary lists {len(rows)} layers",
                hint="positions count the rows of the summary from 1"
                + ("" if summary.api == "functional" else " (a Sequential model lists no InputLayer)"),
                file=source, line=answer.line,
            )
        return answer.layer, rows[answer.layer - 1]
    for position, row in enumerate(rows, 1):
        if row.name == answer.layer:
            return position, row
    raise SpecError(
        f"the model has no layer named {shown(answer.layer)}.{did_you_mean(answer.layer, [r.name for r in rows])}",
        hint="its layers are: " + ", ".join(r.name for r in rows),
        file=source, line=answer.line,
    )


def _expected(summary: Summary, answer: Answer, row):
    if row is None:
        totals = {"total_params": summary.total, "trainable_params": summary.trainable,
                  "non_trainable_params": summary.non_trainable}
        return totals[answer.field].params
    if answer.field == "output_shape":
        return [tuple(shape) for shape in row.output_shapes]
    return getattr(row, answer.field)


def _why(answer: Answer, expected, row):
    """A short, formula-free word on a wrong answer: what kind of mistake it looks like."""
    if answer.field == "output_shape":
        given = answer.value
        if len(given) == len(expected) and all(len(g) == len(e) - 1 for g, e in zip(given, expected)) \
                and all(tuple(g) == tuple(e[1:]) for g, e in zip(given, expected)):
            return "the batch axis comes first: Keras writes it as None"
        if len(given) != len(expected):
            return f"the layer has {len(expected)} output(s)"
        if any(len(g) != len(e) for g, e in zip(given, expected)):
            return "the shape has the wrong number of axes"
        return None
    if row is not None and answer.field == "params" and answer.value == row.trainable_params != row.params:
        return "that is its trainable params only; params counts the non-trainable ones too"
    return None


def derivation(summary: Summary, item: Item, cache: dict):
    """How the right value of a wrong answer comes, as `convcalc explain` derives it (a
    total: the layers' figures added); [] where there is no derivation to show."""
    field_name = item.answer.field
    if item.name is None:  # a model total: every listed layer's figure, added
        key = {"total_params": "params"}.get(field_name, field_name)
        terms = [f"{getattr(row, key):,}" for row in summary.rows if getattr(row, key)]
        what = {"params": "params", "trainable_params": "trainable params",
                "non_trainable_params": "non-trainable params"}[key]
        if not terms:
            return [f"no layer has {what}"]
        return [f"the layers' {what}, added: {' + '.join(terms)} = {item.expected:,}"]
    if summary.model is None:
        return []
    if "layers" not in cache:
        try:
            from convcalc.report.explain import explain_model

            cache["layers"] = {layer.name: layer for layer in explain_model(summary.model).layers}
        except Exception:  # noqa: BLE001 (an explanation is an extra: grading goes on without it)
            cache["layers"] = {}
    layer = cache["layers"].get(item.name)
    if layer is None:
        return []
    if field_name == "output_shape":
        return list(layer.output)
    lines = list(layer.params)
    if field_name != "params" and not any(line.startswith("trainable") for line in lines):
        lines.append(f"of which trainable: {layer.trainable_params:,}, non-trainable: {layer.non_trainable_params:,}")
    return lines


def mark(summary: Summary, answer: Answer, source, cache) -> Item:
    """One answer marked: right, wrong (with why and the derivation) or unreadable (with
    the reason: one wrong answer, never the whole file refused)."""
    position = row = None
    if answer.layer is not None and answer.field != "layer":
        try:
            position, row = _row(summary, answer, source)
        except SpecError as error:  # a layer the model lacks: this answer is wrong, the others stand
            return Item(answer, None, None, None, False, error.what + (f" ({error.hint})" if error.hint else ""),
                        points=answer.points)
    known = answer.field in (LAYER_FIELDS if row is not None else TOTALS) and (row is not None or answer.layer is None)
    expected = _expected(summary, answer, row) if known else None
    item = Item(answer, row.name if row else None, position, expected, False, points=answer.points)
    if answer.problem is not None:
        item.explanation = answer.problem
    else:
        item.right = answer.value == expected
        if not item.right:
            item.explanation = _why(answer, expected, row)
    if not item.right and known:
        item.derivation = derivation(summary, item, cache)
    return item


def read_key(summary: Summary, key_file) -> list:
    """An instructor's answers key (`grade --key`): its questions, each (row position or
    None, field, points, its Answer); a key that names what the model lacks, or that
    cannot be read, is bad input (SpecError)."""
    questions = []
    for answer in read_answers(key_file, key=True):
        if answer.problem is not None:
            raise SpecError(f"the answers key: {answer.problem}", file=str(key_file), line=answer.line)
        position = None if answer.layer is None else _row(summary, answer, str(key_file))[0]
        questions.append((position, answer.field, answer))
    return questions


def grade(summary: Summary, answers_file, key=None) -> Result:
    """The answers of one file, each marked right or wrong; a file that is not an
    answers file gives a Result with its error and no items. With `key` (read_key's
    questions), the items are the key's questions, each worth its points; an unanswered
    one is wrong ("not answered"), an answer to another question is left out."""
    result = Result(str(answers_file), keyed=key is not None)
    cache = {}
    try:
        answers = read_answers(answers_file)
    except SpecError as error:
        result.error = error
        return result
    items = [mark(summary, answer, str(answers_file), cache) for answer in answers]
    if key is None:
        result.items = items
        return result
    given = {}
    for item in items:
        where = item.position if item.answer.layer is not None else None
        if item.answer.layer is None or item.position is not None:
            given.setdefault((where, item.answer.field), item)
    for position, field_name, question in key:
        item = given.get((position, field_name))
        if item is None:
            unanswered = Answer(question.layer, field_name, None, None, "not answered", question.points)
            item = mark(summary, unanswered, str(answers_file), cache)
        item.points = question.points
        result.items.append(item)
    return result


def answer_files(paths):
    """The answers files to grade: each file given, and the *.yaml / *.yml files of each
    folder given (sorted by name)."""
    import pathlib

    files = []
    for path in map(pathlib.Path, paths):
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
            if not found:
                raise SpecError("the folder holds no answers files (*.yaml, *.yml)", file=str(path))
            files += found
        else:
            files.append(path)
    return files


def exit_status(results):
    """0: every answer right; 1: some wrong; 2: some file could not be graded."""
    if any(r.error is not None for r in results):
        return 2
    return 0 if all(r.all_right for r in results) else 1
