"""Figures far past a float's precision (issue 12): totals, memory sizes and the columns
exact, integers of more digits than Python writes refused with a message (never a
traceback). Sliding windows above 2^53 are Keras's own figures: the goldens of
tests/cases/window-lengths-above-2-53*.yaml, which Keras computes on numpy arrays."""

import json
from fractions import Fraction

import pytest

from conftest import run_cli, write_spec
from convcalc.render.memory_size import readable_memory_size

UNITS = 10**308  # a Dense of 10^308 units: its figures overflow a float


def test_a_dense_of_10_to_the_308_units_has_exact_totals(tmp_path):
    spec = write_spec(tmp_path, f"input: [3]\nlayers:\n  - Dense: {UNITS}\n")
    result = run_cli("summarize", spec, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["total_params"] == 4 * UNITS == data["layers"][0]["params"]  # (3 inputs + 1 bias) × units
    table = run_cli("summarize", spec, "--columns", "macs,activation_memory")
    assert table.exit_code == 0, table.output
    assert f" Total params: {4 * UNITS:,} (" in table.stdout
    assert f" Total MACs: {3 * UNITS:,} (per sample)" in table.stdout
    assert run_cli("summarize", spec, "--style", "keras2").exit_code == 0
    assert run_cli("explain", spec).exit_code == 0


def test_memory_sizes_past_a_float_are_written_as_keras_would_with_exact_division():
    # Keras divides by 1024 once per unit, the last time past PB: 3 × 1024^6 bytes is "3.00 PB"
    assert readable_memory_size(3 * 1024**6) == "3.00 PB" == readable_memory_size(float(3 * 1024**6))
    huge = 16 * UNITS  # bytes: past the largest float
    expected = round(Fraction(huge, 1024**6) * 100)
    assert readable_memory_size(huge) == f"{expected // 100}.{expected % 100:02d} PB"
    # below the largest float: the float nearest the exact size, as Keras's / 8 gives it
    assert readable_memory_size(Fraction(1137, 8)) == f"{1137 / 8:.2f} B"


def digits(n):
    return "9" * n


@pytest.mark.parametrize("name, text", [
    ("spec.yaml", f"input: [3]\nlayers:\n  - Dense: {digits(4301)}\n"),
    ("spec.yaml", f"input: [3]\nlayers:\n  - Dense: !!int {digits(4301)}\n"),
    ("code.py", f"import keras\nmodel = keras.Sequential([keras.Input((3,)), keras.layers.Dense({digits(4301)})])\n"),
    ("model.json", '{"class_name": "Sequential", "config": {"layers": [{"class_name": "Dense", "config": {"units": '
     + digits(4301) + "}}]}}"),
])
def test_an_integer_of_4301_digits_is_refused_with_its_line(tmp_path, name, text):
    path = write_spec(tmp_path, text, name)
    result = run_cli("summarize", path)
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit), result.output
    assert "an integer of 4,301 digits: convcalc reads integers of at most 4,300 digits" in result.stderr
    line = 1 if name.endswith(".json") else (2 if name.endswith(".py") else 3)
    assert result.stderr.startswith(f"convcalc: error: {path}:{line}:"), result.stderr


def test_answers_with_an_integer_of_4301_digits_are_refused(tmp_path):
    spec = write_spec(tmp_path, "input: [3]\nlayers:\n  - Dense: 2\n")
    answers = write_spec(tmp_path, f"total_params: {digits(4301)}\n", "answers.yaml")
    result = run_cli("grade", spec, answers)
    assert result.exit_code == 2 and "an integer of 4,301 digits" in result.stderr


@pytest.mark.parametrize("text, what", [
    (f"input: [{digits(200)}]\nlayers:\n  - Dense: {digits(4250)}\n", "layer 'dense' (Dense): its parameter count"),
    (f"input: [{digits(3000)}, {digits(3000)}]\nlayers:\n  - Flatten\n", "layer 'flatten' (Flatten): its output shape"),
])
@pytest.mark.parametrize("command", [["summarize"], ["summarize", "--format", "json"], ["explain"],
                                     ["summarize", "--columns", "macs,activation_memory,kernel"],
                                     ["summarize", "--style", "keras2"]])
def test_a_figure_of_more_digits_than_python_writes_is_refused(tmp_path, text, what, command):
    result = run_cli(*command, write_spec(tmp_path, text))
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit), result.output
    assert f"{what} has more than 4,300 digits" in result.stderr, result.stderr
