"""`convcalc grade`'s reports for graders' tools: Gradescope's autograder results.json
(`--format gradescope`) and nbgrader's grades CSV (`--format csv`).

Gradescope's schema (https://gradescope-autograders.readthedocs.io/en/latest/specs/):
a top-level `score` and `tests`, each with `name`, `score`, `max_score`, `status`
("passed" or "failed"), `output` and its `output_format`, and `visibility`. One test per
answer graded (per question of the answers key, with --key); a wrong answer's output
holds its derivation, except under --hints, which says only that it is wrong and why.
"""

from __future__ import annotations

import csv
import io
import json
import pathlib

from convcalc.render.grade_report import given_text, label, percent, value_text
from convcalc.report.grade import Item, Result, score_value

VISIBILITY = "visible"


def _test_output(item: Item, hints):
    """A test's output, in Markdown: the answer, and for a wrong one the right value
    and its derivation (none of the two under hints)."""
    given = given_text(item)
    if item.right:
        return f"✓ `{given}` is right."
    lines = [f"✗ `{given}`" + (" is wrong." if item.answer.problem is None and item.expected is not None else ".")]
    if item.explanation and item.explanation != given:
        lines.append(f"\n{item.explanation}")
    if not hints and item.expected is not None:
        lines.append(f"\nRight: `{value_text(item, item.expected)}`")
        if item.derivation:
            lines.append("\n```\n" + "\n".join(item.derivation) + "\n```")
    return "\n".join(lines)


def _file_label(result: Result, several):
    return f"{pathlib.Path(result.answers_file).name}: " if several else ""


def gradescope_dict(spec, results: list[Result], hints=False, max_points=None):
    """The results.json object for one submission (its answers files' tests together).
    `max_points`: what an unreadable file was worth (an answers key's total)."""
    several = len(results) > 1
    tests, notes = [], []
    for result in results:
        if result.error is not None:
            worth = max_points or 0
            tests.append({"name": f"{_file_label(result, several)}answers file", "score": 0, "max_score": worth,
                          "status": "failed", "output": f"The answers could not be graded:\n\n```\n{result.error}\n```",
                          "output_format": "md", "visibility": VISIBILITY})
            notes.append(f"{result.answers_file}: not graded")
            continue
        for item in result.items:
            tests.append({"name": _file_label(result, several) + label(item), "score": item.score,
                          "max_score": item.points, "status": "passed" if item.right else "failed",
                          "output": _test_output(item, hints), "output_format": "md", "visibility": VISIBILITY})
        notes.append(f"{result.answers_file}: {result.score}/{result.out_of} "
                     f"({percent(result.score, result.out_of)})")
    score = score_value(sum(t["score"] for t in tests))
    return {"score": score, "output": f"Answers for `{pathlib.Path(str(spec)).name}`:\n\n"
                                      + "\n".join(f"- {note}" for note in notes),
            "output_format": "md", "visibility": VISIBILITY, "tests": tests}


def gradescope_report(spec, results, hints=False, max_points=None):
    return json.dumps(gradescope_dict(spec, results, hints, max_points), indent=2, ensure_ascii=False) + "\n"


def csv_report(results: list[Result], max_points=None):
    """nbgrader's grade columns, one row per answers file: student_id (the file's name
    without its suffix), score, max_score (an unreadable file: 0 of the key's total)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["student_id", "score", "max_score"])
    for result in results:
        student = pathlib.Path(result.answers_file).stem
        if result.error is not None:
            writer.writerow([student, 0, max_points or 0])
        else:
            writer.writerow([student, result.score, result.out_of])
    return out.getvalue()
