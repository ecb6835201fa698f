"""`summarize --optimizer` and `--quantize` against what real Keras printed.

tests/golden_training/ is written by scripts/gen_training_goldens.py: each spec built
with Keras, compiled with the optimizer and the optimizer built (as fit builds it), or
quantized with model.quantize(mode); cases.json lists each case's spec and options.
"""

import json

import pytest

from conftest import ROOT, run_cli, summarize_json

GOLDEN = ROOT / "tests" / "golden_training"
CASES = json.loads((GOLDEN / "cases.json").read_text())


def test_the_goldens_cover_every_optimizer_and_mode():
    options = {option for case in CASES.values() for option in case["options"]}
    assert sum(o.startswith("--optimizer=") for o in options) >= 30
    assert {"--quantize=int8", "--quantize=int4", "--quantize=float8"} <= options
    assert sum(case["refused"] for case in CASES.values()) >= 10
    assert sum(not case["refused"] for case in CASES.values()) >= 100


@pytest.mark.parametrize("name", sorted(CASES))
def test_summary_is_byte_identical_to_keras(name):
    case = CASES[name]
    result = run_cli("summarize", ROOT / case["spec"], *case["options"], columns="200")
    if case["refused"]:  # Keras refused the optimizer or the quantization: convcalc too, with its message
        keras_message = (GOLDEN / f"{name}.error.txt").read_text().strip()
        assert result.exit_code == 2, result.output
        assert "Traceback" not in result.output
        assert keras_message in " ".join(result.output.split()), result.output
        return
    assert result.exit_code == 0, result.output
    assert result.output == (GOLDEN / f"{name}.out.txt").read_text()


def test_json_gains_optimizer_params():
    data = summarize_json(ROOT / "specs" / "lecture-example-2.yaml")
    assert "optimizer_params" not in data
    result = run_cli("summarize", ROOT / "specs" / "lecture-example-2.yaml", "--format", "json", "--optimizer", "adam")
    with_adam = json.loads(result.output)
    # Adam: a momentum and a velocity per weight, an iteration and a learning rate
    assert with_adam["optimizer_params"] == 2 * data["trainable_params"] + 2
    assert with_adam["total_params"] == data["total_params"] + with_adam["optimizer_params"]
