"""`convcalc quiz`: random problems on Keras output shapes and parameters, with their keys.

    DIR/01.yaml, 02.yaml, ...   each model's spec (version-1 spec format)
    DIR/questions.md            each model as Keras code, with its questions
    DIR/answers/01.yaml, ...    each key, in `convcalc grade`'s answers format

generator.py draws the models (random.Random(seed) only: the same quiz on any machine),
keras_code.py writes them as Keras code, questions.py the texts; the figures are the
analysis of each spec file as written, read back as any spec is.
"""

from __future__ import annotations

import pathlib

from convcalc.errors import SpecError
from convcalc.quiz.generator import DEFAULT_LEVEL, KINDS, LEVELS, generate, parse_layers
from convcalc.quiz.questions import Solved, asked_field, key_yaml, questions_markdown, spec_yaml

__all__ = ["DEFAULT_LEVEL", "KINDS", "LEVELS", "solve", "write_quiz"]


def solve(path, problem, stem):
    """The problem with convcalc's summary of its spec file (receptive fields included)."""
    from convcalc.analysis.engine import analyze
    from convcalc.read import read_model
    from convcalc.report.summary import summarize

    summary = summarize(analyze(read_model(path)), columns=["receptive_field"])
    return Solved(problem, stem, summary, asked_field(problem, summary))


def write_quiz(out, seed: int, count: int, level: str = DEFAULT_LEVEL, layers: str | None = None):
    """Write the quiz's files under `out` (made if missing); the paths written, in order.
    A SpecError for arguments that make no quiz (or a folder that cannot be written)."""
    if count < 1:
        raise SpecError(f"--count must be at least 1; got {count}")
    problems = generate(seed, count, level, parse_layers(layers, level))
    out = pathlib.Path(out)
    width = max(2, len(str(count)))
    written, solved = [], []
    try:
        (out / "answers").mkdir(parents=True, exist_ok=True)
        for problem in problems:
            stem = f"{problem.number:0{width}d}"
            path = out / f"{stem}.yaml"
            path.write_text(spec_yaml(problem, stem, seed))
            solved.append(solve(path, problem, stem))
            key = out / "answers" / f"{stem}.yaml"
            key.write_text(key_yaml(solved[-1], seed))
            written += [path, key]
        questions = out / "questions.md"
        questions.write_text(questions_markdown(solved, seed, level))
    except OSError as error:
        raise SpecError(f"cannot write the quiz: {error.strerror or error}", file=str(error.filename or out)) from None
    return [questions, *written]
