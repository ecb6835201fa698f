"""summarize --memory / --batch-size: the training-memory estimate. Every expected term
is computed here from Keras's own figures (tests/golden/NAME.json: its params and output
shapes) by the rule the README states for it, never read from convcalc; how close the
estimate comes to a real training step is scripts/benchmark_memory.py's to measure."""

import json
import math

from conftest import GOLDEN, ROOT, run_cli, write_spec


def memory(spec, *options):
    result = run_cli("summarize", spec, "--format", "json", "--memory", *options)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)["training_memory"]


def keras(stem):
    return json.loads((GOLDEN / f"{stem}.json").read_text())


def per_sample(shape):
    return math.prod(shape[1:])


def expected_terms(stem, batch, inputs, views=()):
    """The README's rules on Keras's figures (float32, Adam)."""
    figures = keras(stem)
    outputs = sum(per_sample(s) for row in figures["layers"] if row["class_name"] != "InputLayer"
                  and row["class_name"] not in views for s in row["output_shapes"])
    # a max pooling keeps an int64 index per output value (torch's max_pool backward)
    indices = sum(per_sample(s) for row in figures["layers"] if row["class_name"].startswith("MaxPooling")
                  for s in row["output_shapes"])
    last = figures["layers"][-1]["output_shapes"]
    trainable = 4 * figures["trainable_params"]
    terms = {
        "weights": 4 * figures["total_params"],
        "gradients": trainable,
        "optimizer_state": 2 * trainable,                      # Adam: m and v
        "activations": (2 * outputs * 4 + 8 * indices) * batch,  # each output and its gradient
        "inputs_and_targets": (sum(per_sample(s) for s in inputs) + sum(per_sample(s) for s in last)) * 4 * batch,
        "update_temporaries": 3 * trainable,
    }
    terms["peak"] = (terms["weights"] + terms["gradients"] + terms["optimizer_state"]
                     + max(terms["activations"] + terms["inputs_and_targets"], terms["update_temporaries"]))
    return terms


def test_lecture_example_terms():
    found = memory(ROOT / "specs" / "lecture-example-2.yaml", "--batch-size", "8")
    expected = expected_terms("lecture-example-2", 8, [[None, 10, 10, 1]])
    assert {k: found[k] for k in expected} == expected
    assert found["batch_size"] == 8 and found["optimizer"] == "adam" and found["estimate"] is True


def test_frozen_and_non_trainable_weights_have_no_gradients_nor_slots():
    found = memory(ROOT / "tests" / "cases" / "nested-models.yaml", "--batch-size", "4")
    figures = keras("nested-models")
    assert figures["non_trainable_params"] > 0  # the frozen Sequential
    assert found["weights"] == 4 * figures["total_params"]
    assert found["gradients"] == 4 * figures["trainable_params"]
    assert found["optimizer_state"] == 2 * 4 * figures["trainable_params"]


def test_a_view_keeps_nothing_and_the_batch_scales_the_activations():
    spec = ROOT / "specs" / "mnist-convnet.yaml"
    small, large = memory(spec, "--batch-size", "16"), memory(spec, "--batch-size", "64")
    expected = expected_terms("mnist-convnet", 16, [[None, 28, 28, 1]], views=("Flatten",))
    assert keras("mnist-convnet")["layers"][1]["class_name"] == "MaxPooling2D"  # its indices are counted
    assert {k: small[k] for k in expected} == expected
    assert large["activations"] == 4 * small["activations"]
    assert large["weights"] == small["weights"] and large["optimizer_state"] == small["optimizer_state"]


def test_the_default_batch_is_the_models_own_else_fits_32(tmp_path):
    assert memory(ROOT / "tests" / "cases" / "batch-size-and-name.yaml")["batch_size"] == 32  # batch_size: 32
    fixed = write_spec(tmp_path, "batch_size: 5\ninput: [3]\nlayers:\n  - Dense: 2\n")
    assert memory(fixed)["batch_size"] == 5
    assert memory(ROOT / "specs" / "lecture-example-2.yaml")["batch_size"] == 32  # keras fit's default
    assert memory(fixed, "--batch-size", "7")["batch_size"] == 7


def test_an_lstm_keeps_its_cells_tensors_at_every_step(tmp_path):
    spec = write_spec(tmp_path, "input: [50, 16]\nlayers:\n  - LSTM: 64\n")
    found = memory(spec, "--batch-size", "2")
    # keras/src/layers/rnn/lstm.py, implementation 2: matmul, sum, matmul, bias (4 × 64 each)
    # and i, f, tanh(z2), f·c, i·tanh, c, o, tanh(c), h (64 each): 25 × 64 per step
    per_step = 4 * 4 * 64 + 9 * 64
    assert found["activations"] == (50 * per_step + 2 * 64) * 4 * 2


def test_mixed_precision_keeps_float32_weights_and_float16_copies():
    spec = ROOT / "specs" / "lecture-example-2.yaml"
    found = memory(spec, "--batch-size", "8", "--dtype", "mixed_float16")
    figures = keras("lecture-example-2")
    assert found["weights"] == 4 * figures["total_params"] + 2 * figures["total_params"]  # float32 + float16 copies
    assert found["gradients"] == 4 * figures["trainable_params"]
    outputs = sum(per_sample(s) for row in figures["layers"][1:] for s in row["output_shapes"])
    assert found["activations"] == 2 * outputs * 2 * 8  # computed in float16


def test_the_block_follows_keras_totals_unchanged():
    spec = ROOT / "specs" / "lecture-example-2.yaml"
    keras_text = (GOLDEN / "lecture-example-2.cols200.out").read_text()
    result = run_cli("summarize", spec, "--batch-size", "8")
    assert result.exit_code == 0
    assert result.output.startswith(keras_text)
    added = result.output[len(keras_text):].splitlines()
    assert added[0].startswith(" Training memory: an estimate, batch 8")
    labels = [line.split(":")[0].strip() for line in added[1:]]
    assert labels == ["Weights", "Gradients", "Optimizer state", "Activations", "Inputs and targets",
                      "Update temporaries", "Estimated peak"]
    terms = expected_terms("lecture-example-2", 8, [[None, 10, 10, 1]])
    assert f"{terms['peak']:,} B" in added[-1]


def test_memory_column_sums_to_weights_gradients_slots_and_activations():
    spec = ROOT / "specs" / "lecture-example-2.yaml"
    result = run_cli("summarize", spec, "--format", "json", "--columns", "memory", "--batch-size", "8")
    data = json.loads(result.output)
    conv = next(row for row in data["layers"] if row["name"] == "conv2d")
    # 50 float32 weights with gradient and 2 slots, and its output and gradient × 8
    assert conv["memory"] == 50 * 4 * 4 + 2 * (8 * 8 * 5) * 4 * 8
    assert "training_memory" in data


def test_memory_refusals(tmp_path):
    spec = ROOT / "specs" / "lecture-example-2.yaml"
    result = run_cli("summarize", spec, "--memory", "--style", "keras2")
    assert result.exit_code == 2 and "--memory" in result.output
    assert run_cli("summarize", spec, "--batch-size", "0").exit_code == 2
    unbuilt = write_spec(tmp_path, "import keras\nmodel = keras.Sequential([keras.layers.Dense(2)])\n", "unbuilt.py")
    result = run_cli("summarize", unbuilt, "--memory")
    assert result.exit_code == 2 and "not built" in result.output, result.output


def test_explain_memory_goes_on_past_a_bad_input():
    specs = [ROOT / "specs" / "mnist-convnet.yaml", ROOT / "nope.yaml", ROOT / "specs" / "lecture-example-2.yaml"]
    result = run_cli("explain", "--memory", *specs)
    assert result.exit_code == 2
    assert "nope.yaml: no such file" in result.output
    assert all(f"{spec}: training memory, an estimate" in result.output for spec in (specs[0], specs[2]))
    data = json.loads(run_cli("explain", "--memory", "--format", "json", *specs).stdout)
    assert [entry.get("spec", entry.get("file")) for entry in data] == [str(spec) for spec in specs]
    assert "error" in data[1] and "training_memory" in data[2]


def test_explain_memory_states_each_terms_rule_with_its_numbers():
    result = run_cli("explain", ROOT / "specs" / "mnist-convnet.yaml", "--batch-size", "64")
    assert result.exit_code == 0, result.output
    text = result.output
    figures = keras("mnist-convnet")
    conv = figures["layers"][0]["output_shapes"][0]
    assert f"conv2d: (2 × {per_sample(conv):,}) values × 4 B = {2 * per_sample(conv) * 4:,} B" in text
    pool = figures["layers"][1]["output_shapes"][0]
    assert f"max_pooling2d: (2 × {per_sample(pool):,}) values × 4 B + {per_sample(pool):,} int64 indices × 8 B" in text
    assert "flatten: 0 (a view of its input)" in text
    expected = expected_terms("mnist-convnet", 64, [[None, 28, 28, 1]], views=("Flatten",))
    assert f"= {expected['peak']:,} B" in text.splitlines()[-1]
    data = json.loads(run_cli("explain", ROOT / "specs" / "mnist-convnet.yaml", "--memory", "--format", "json").output)
    assert [rule["term"] for rule in data["rules"]] == ["Weights", "Gradients", "Optimizer state", "Activations",
                                                        "Inputs and targets", "Update temporaries", "Estimated peak"]
