"""`convcalc grade`'s report: a detailed one for one answers file, one line per file
and a summary line for several (an instructor's folder), and JSON (schema in the README).

With hints, a wrong answer is marked wrong without its right value.
"""

from __future__ import annotations

import json

from convcalc.errors import shown
from convcalc.report.grade import Item, Result


def shape_text(shapes):
    """An output shape as Keras writes it: (None, 8, 8, 5); several as a list."""
    texts = ["(" + ", ".join("None" if d is None else str(d) for d in shape) + ")" for shape in shapes]
    return texts[0] if len(texts) == 1 else "[" + ", ".join(texts) + "]"


def value_text(item: Item, value):
    return shape_text(value) if item.answer.field == "output_shape" else f"{value:,}"


def given_text(item: Item):
    """The answer as written: its value read, or (unreadable) as it was written."""
    answer = item.answer
    if answer.problem == "not answered" and answer.line is None:
        return "not answered"
    if answer.problem is not None:
        return shown(answer.value) if not isinstance(answer.value, str) else answer.value
    return value_text(item, answer.value)


def label(item: Item):
    answer = item.answer
    if answer.layer is None:
        return answer.field
    field_text = "" if answer.field == "layer" else f" {answer.field}"
    if item.name is None:  # a layer the model lacks, as the answer names it
        return f"layer {answer.layer}{field_text}" if isinstance(answer.layer, int) else f"{answer.layer}{field_text}"
    if isinstance(answer.layer, int):
        return f"layer {item.position} ({item.name}){field_text}"
    return f"{item.name}{field_text}"


def item_line(item: Item, hints=False):
    given = given_text(item)
    if item.right:
        return f"  ✓ {label(item)}: {given}"
    if hints or item.expected is None:
        wrong = item.answer.problem is None and item.expected is not None  # else its reason says what
        line = f"  ✗ {label(item)}: {given}" + (" is wrong" if wrong else "")
    else:
        line = f"  ✗ {label(item)}: {given}, right: {value_text(item, item.expected)}"
    notes = [item.explanation] if item.explanation and item.explanation != given else []
    if not hints:  # the derivation ends in the right value
        notes += item.derivation
    return "\n".join([line] + [f"      {note}" for note in notes])


def percent(score, out_of):
    return f"{round(100 * score / out_of)}%" if out_of else "-"


def text_report(spec, results: list[Result], hints=False):
    if len(results) == 1:
        result = results[0]
        lines = [f"{result.answers_file} (answers for {spec})"]
        if result.error is not None:
            return "\n".join(lines + [f"  error: {result.error}"]) + "\n"
        lines += [item_line(item, hints) for item in result.items]
        lines.append(f"Score: {result.score}/{result.out_of} ({percent(result.score, result.out_of)})")
        return "\n".join(lines) + "\n"
    width = max(len(r.answers_file) for r in results)
    lines = [f"Answers for {spec}:"]
    for r in results:
        if r.error is not None:
            lines.append(f"{r.answers_file.ljust(width)}  error: {str(r.error)}".replace("\n", "\n  "))
            continue
        wrong = ", ".join(label(item) for item in r.items if not item.right)
        lines.append(
            f"{r.answers_file.ljust(width)}  {r.score:>3}/{r.out_of:<3} {percent(r.score, r.out_of):>4}"
            + (f"  ✗ {wrong}" if wrong else "")
        )
    totals = summary_counts(results)
    lines.append(
        f"{totals['files']} answer files: {totals['all_right']} all right, {totals['with_wrong']} with wrong "
        f"answers, {totals['errors']} not graded; {totals['score']} of {totals['out_of']} answers right "
        f"({percent(totals['score'], totals['out_of'])})"
    )
    return "\n".join(lines) + "\n"


def summary_counts(results: list[Result]):
    graded = [r for r in results if r.error is None]
    return {
        "files": len(results),
        "all_right": sum(r.all_right for r in graded),
        "with_wrong": sum(not r.all_right for r in graded),
        "errors": len(results) - len(graded),
        "score": sum(r.score for r in graded),
        "out_of": sum(r.out_of for r in graded),
    }


def _json_value(item: Item, value):
    return [list(shape) for shape in value] if item.answer.field == "output_shape" and value is not None else value


def _json_written(value):
    """An unreadable answer as written, as JSON can hold it (a YAML date: its text)."""
    try:
        json.dumps(value)
        return value
    except (TypeError, ValueError):
        return shown(value)


def _json_item(item: Item, hints, keyed=False):
    answer = item.answer
    data = {
        "layer": item.name if item.name is not None or answer.layer is None else answer.layer,
        "position": item.position,
        "field": answer.field,
        "line": answer.line,
        "answer": _json_written(answer.value) if answer.problem is not None else _json_value(item, answer.value),
        "right": item.right,
    }
    if answer.problem is not None:
        data["problem"] = answer.problem
    if (item.right or not hints) and item.expected is not None:
        data["expected"] = _json_value(item, item.expected)
    if not item.right:
        data["explanation"] = item.explanation
        if not hints:
            data["derivation"] = item.derivation
    if keyed:
        data["points"] = item.points
    return data


def grade_dict(spec, model_name, results: list[Result], hints=False):
    """The `grade --format json` object (convcalc.grade returns it)."""
    files = []
    for r in results:
        if r.error is not None:
            files.append({"answers": r.answers_file, "error": str(r.error)})
        else:
            files.append({"answers": r.answers_file, "score": r.score, "out_of": r.out_of,
                          "all_right": r.all_right, "items": [_json_item(i, hints, r.keyed) for i in r.items]})
    return {"spec": str(spec), "model": model_name, "hints": hints, "results": files,
            "summary": summary_counts(results)}


def json_report(spec, model_name, results: list[Result], hints=False):
    return _dumps(grade_dict(spec, model_name, results, hints)) + "\n"


def _dumps(value, level=0):
    """JSON with one line per answer: readable, and still one json.loads away."""
    pad, inner = "  " * level, "  " * (level + 1)
    if isinstance(value, dict) and not any(isinstance(v, (dict, list)) and v and k != "answer"
                                           and k != "expected" for k, v in value.items()):
        return json.dumps(value, ensure_ascii=False)  # an answer, or the summary: one line
    if isinstance(value, dict):
        body = ",\n".join(f"{inner}{json.dumps(k)}: {_dumps(v, level + 1)}" for k, v in value.items())
        return "{\n" + body + "\n" + pad + "}"
    if isinstance(value, list) and value:
        return "[\n" + ",\n".join(inner + _dumps(v, level + 1) for v in value) + "\n" + pad + "]"
    return json.dumps(value, ensure_ascii=False)
