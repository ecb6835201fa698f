"""`convcalc grade --format gradescope` (Gradescope's results.json), `--format csv`
(nbgrader's columns), `--key` (questions and points) and examples/gradescope's autograder.

The right values are Keras's (tests/golden/NAME.json, written by scripts/gen_goldens.py)."""

import csv
import io
import json
import os
import shutil
import subprocess
import sys

import jsonschema
import pytest

from conftest import GOLDEN, ROOT, run_cli

LECTURE2 = ROOT / "specs" / "lecture-example-2.yaml"
EXAMPLE = ROOT / "examples" / "gradescope"

# Gradescope's autograder results format, as documented at
# https://gradescope-autograders.readthedocs.io/en/latest/specs/#output-format
OUTPUT_FORMATS = ["text", "html", "simple_format", "md", "ansi"]
VISIBILITIES = ["hidden", "after_due_date", "after_published", "visible"]
RESULTS_SCHEMA = {
    "type": "object",
    "required": ["score", "tests"],
    "properties": {
        "score": {"type": "number"},
        "execution_time": {"type": "number"},
        "output": {"type": "string"},
        "output_format": {"enum": OUTPUT_FORMATS},
        "visibility": {"enum": VISIBILITIES},
        "stdout_visibility": {"enum": VISIBILITIES},
        "tests": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["name", "score", "max_score", "status", "output", "output_format", "visibility"],
                "properties": {
                    "name": {"type": "string", "minLength": 1},
                    "score": {"type": "number", "minimum": 0},
                    "max_score": {"type": "number", "minimum": 0},
                    "status": {"enum": ["passed", "failed"]},
                    "output": {"type": "string"},
                    "output_format": {"const": "md"},
                    "visibility": {"enum": VISIBILITIES},
                    "number": {"type": "string"},
                    "tags": {"type": "array", "items": {"type": "string"}},
                },
            },
        },
    },
}


def keras():
    return json.loads((GOLDEN / "lecture-example-2.json").read_text())


def write(folder, text, name):
    path = folder / name
    path.write_text(text)
    return path


def results_json(*args):
    result = run_cli("grade", LECTURE2, *args, "--format", "gradescope")
    assert result.exit_code == 0, result.output  # whatever the score: the autograder writes its file
    data = json.loads(result.output)
    jsonschema.validate(data, RESULTS_SCHEMA)
    return data


def answers(tmp_path, wrong_by=1):
    """conv2d's params right, conv2d_1's off by `wrong_by`, the total right."""
    data = keras()
    conv, conv_1 = data["layers"][1], data["layers"][3]
    return write(tmp_path, f"layers:\n  {conv['name']}: {{params: {conv['params']}}}\n"
                           f"  {conv_1['name']}: {{params: {conv_1['params'] + wrong_by}}}\n"
                           f"total_params: \"{data['total_params']:,}\"\n", "answers.yaml")


def test_one_test_per_answer_with_the_derivation_of_a_wrong_one(tmp_path):
    data = keras()
    conv_1 = data["layers"][3]
    report = results_json(answers(tmp_path))
    assert [(t["name"], t["status"], t["score"], t["max_score"]) for t in report["tests"]] == [
        (f"{data['layers'][1]['name']} params", "passed", 1, 1),
        (f"{conv_1['name']} params", "failed", 0, 1),
        ("total_params", "passed", 1, 1),
    ]
    assert report["score"] == 2
    wrong = report["tests"][1]["output"]
    assert f"`{conv_1['params'] + 1}` is wrong" in wrong and f"Right: `{conv_1['params']}`" in wrong
    assert f"= {conv_1['params']}" in wrong.split("```")[1]  # convcalc explain's derivation, in a code block


def test_hints_keep_the_right_values_out(tmp_path):
    conv_1 = keras()["layers"][3]
    report = results_json(answers(tmp_path), "--hints")
    wrong = report["tests"][1]["output"]
    assert report["tests"][1]["status"] == "failed"
    assert str(conv_1["params"]) not in wrong.replace(str(conv_1["params"] + 1), "") and "```" not in wrong


def test_an_unreadable_or_missing_upload_is_a_failed_test_and_exit_0(tmp_path):
    report = results_json(write(tmp_path, "[not, answers]\n", "answers.yaml"))
    assert report["score"] == 0 and [t["status"] for t in report["tests"]] == ["failed"]
    assert "an answers file is a mapping" in report["tests"][0]["output"]
    report = results_json(tmp_path / "nothing.yaml")
    assert "no such file" in report["tests"][0]["output"]
    empty = tmp_path / "empty"
    empty.mkdir()
    report = results_json(empty)
    assert "holds no answers files" in report["tests"][0]["output"]
    assert run_cli("grade", tmp_path / "nope.yaml", answers(tmp_path), "--format", "gradescope").exit_code == 2


def test_an_unreadable_answer_is_one_failed_test(tmp_path):
    report = results_json(write(tmp_path, "layers:\n  conv2d: {params: fifty}\nnon_trainable_params: 0\n", "a.yaml"))
    assert [t["status"] for t in report["tests"]] == ["failed", "passed"]
    assert "'fifty' is not a whole number" in report["tests"][0]["output"]


KEY = """layers:
  {conv}: {{params: {{points: 2}}, output_shape: {{points: 1}}}}
  {conv_1}: {{params: {{value: {conv_1_params}, points: 1.5}}}}
total_params: {{points: 3}}
"""


def key_file(tmp_path):
    data = keras()
    return write(tmp_path, KEY.format(conv=data["layers"][1]["name"], conv_1=data["layers"][3]["name"],
                                      conv_1_params=data["layers"][3]["params"]), "key.yaml")


def test_a_key_gives_the_questions_and_their_points(tmp_path):
    report = results_json(answers(tmp_path), "--key", key_file(tmp_path))
    data = keras()
    conv, conv_1 = data["layers"][1]["name"], data["layers"][3]["name"]
    assert [(t["name"], t["status"], t["score"], t["max_score"]) for t in report["tests"]] == [
        (f"{conv} params", "passed", 2, 2),
        (f"{conv} output_shape", "failed", 0, 1),  # not answered
        (f"{conv_1} params", "failed", 0, 1.5),
        ("total_params", "passed", 3, 3),
    ]
    assert report["score"] == 5 and "not answered" in report["tests"][1]["output"]
    unreadable = write(tmp_path, "- oops\n", "bad.yaml")
    assert results_json(unreadable, "--key", key_file(tmp_path))["tests"][0]["max_score"] == 7.5
    text = run_cli("grade", LECTURE2, answers(tmp_path), "--key", key_file(tmp_path)).output
    assert text.splitlines()[-1] == "Score: 5/7.5 (67%)"


@pytest.mark.parametrize("key, message", [
    ("layers:\n  conv2dd: {params: {points: 1}}\n", ":2: the model has no layer named 'conv2dd'"),
    ("total_params: {points: -1}\n", ":1: the answers key: points must be a number, 0 or more"),
    ("[1]\n", ":1: an answers file is a mapping"),
])
def test_a_bad_key_is_bad_input(tmp_path, key, message):
    result = run_cli("grade", LECTURE2, answers(tmp_path), "--key", write(tmp_path, key, "key.yaml"),
                     "--format", "gradescope")
    assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output


def test_a_folder_of_submissions_as_nbgrader_csv(tmp_path):
    folder = tmp_path / "submissions"
    folder.mkdir()
    shutil.copy(answers(tmp_path), folder / "alice.yaml")
    shutil.copy(answers(tmp_path, wrong_by=0), folder / "bob.yaml")
    write(folder, "- oops\n", "carol.yaml")
    result = run_cli("grade", LECTURE2, folder, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert list(rows[0]) == ["student_id", "score", "max_score"]
    assert [(r["student_id"], r["score"], r["max_score"]) for r in rows] == [
        ("alice", "2", "3"), ("bob", "3", "3"), ("carol", "0", "0")]
    result = run_cli("grade", LECTURE2, folder, "--format", "csv", "--key", key_file(tmp_path))
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [(r["student_id"], r["score"], r["max_score"]) for r in rows] == [
        ("alice", "5", "7.5"), ("bob", "6.5", "7.5"), ("carol", "0", "7.5")]


def test_the_example_autograder_writes_results_json(tmp_path):
    assert (EXAMPLE / "spec.yaml").read_text() == LECTURE2.read_text()  # so Keras's golden figures apply
    root = tmp_path / "autograder"
    shutil.copytree(EXAMPLE, root / "source")
    (root / "submission").mkdir()
    shutil.copy(EXAMPLE / "answers.yaml", root / "submission" / "my answers.yaml")
    env = {**os.environ, "AUTOGRADER": str(root), "PYTHON": sys.executable, "PYTHONPATH": str(ROOT)}
    subprocess.run(["bash", str(EXAMPLE / "run_autograder")], env=env, check=True, timeout=120)
    report = json.loads((root / "results" / "results.json").read_text())
    jsonschema.validate(report, RESULTS_SCHEMA)
    data = keras()
    expected = {f"{data['layers'][1]['name']} output_shape": True, f"{data['layers'][1]['name']} params": True,
                f"{data['layers'][3]['name']} output_shape": True, f"{data['layers'][3]['name']} params": False,
                "total_params": True}
    assert {t["name"]: t["status"] == "passed" for t in report["tests"]} == expected
    assert report["score"] == sum(t["max_score"] for t in report["tests"] if t["status"] == "passed")
