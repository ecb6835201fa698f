"""summarize --memory / --batch-size: the training-memory estimate. Every expected term
is computed here from Keras's own figures (tests/golden/NAME.json: its params and output
shapes; the optimizer's variables, built by real Keras on TensorFlow) by the rule the
README states for it, never read from convcalc; how close the estimate comes to a real
training step is scripts/benchmark_memory.py's to measure."""

import json
import math

import pytest

from conftest import GOLDEN, ROOT, run_cli, write_spec
from convcalc.report.optimizer_update import FOREACH, GENERIC


def memory(spec, *options):
    result = run_cli("summarize", spec, "--format", "json", "--memory", *options)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)["training_memory"]


def golden(stem):
    return json.loads((GOLDEN / f"{stem}.json").read_text())


def per_sample(shape):
    return math.prod(shape[1:])


@pytest.fixture(scope="module")
def keras():
    from convcalc.oracle.keras_reference import import_keras

    return import_keras("tensorflow")


def keras_model(keras, spec, policy=None):
    from convcalc.oracle.keras_reference import build_model
    from convcalc.read import read_model

    return build_model(read_model(spec), keras, policy)


def keras_optimizer(keras, text):
    """Keras's optimizer for one of this file's --optimizer texts."""
    return eval(text, {"keras": keras, **vars(keras.optimizers)})  # noqa: S307 (this file's texts only)


def keras_state_bytes(keras, spec, text="adam", policy=None):
    """Bytes of every variable of the optimizer Keras compiles and builds (as fit does)."""
    from keras.src.utils.summary_utils import weight_memory_size

    model = keras_model(keras, spec, policy)
    model.compile(optimizer=text if text.isidentifier() else keras_optimizer(keras, text), loss="mse")
    model.optimizer.build(model.trainable_variables)
    return whole(weight_memory_size(model.optimizer.variables))


def whole(size):
    """Keras's bytes (a float) as an int: the estimate's bytes are whole here."""
    assert size == int(size)
    return int(size)


def keras_slot_bytes(keras, text, variables):
    """Bytes of what the optimizer builds for `variables`: its variables less its own
    iterations and learning_rate scalars (the model's, not a layer's)."""
    from keras.src.utils.summary_utils import weight_memory_size

    optimizer = keras_optimizer(keras, text)
    optimizer.build(variables)
    scalars = {id(optimizer.iterations), id(optimizer._learning_rate)}
    return whole(weight_memory_size([v for v in optimizer.variables if id(v) not in scalars]))


def expected_terms(stem, batch, inputs, views=(), state=None):
    """The README's rules on Keras's figures (float32, Adam; `state`: the bytes of Keras's
    built Adam's variables)."""
    figures = golden(stem)
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
        "optimizer_state": state,                               # Keras's Adam: m, v and its scalars
        "activations": (2 * outputs * 4 + 8 * indices) * batch,  # each output and its gradient
        "inputs_and_targets": (sum(per_sample(s) for s in inputs) + sum(per_sample(s) for s in last)) * 4 * batch,
        "update_temporaries": FOREACH["Adam"][0] * trainable,   # torch_adam.py: 3 at once
    }
    terms["peak"] = (terms["weights"] + terms["gradients"] + terms["optimizer_state"]
                     + max(terms["activations"] + terms["inputs_and_targets"], terms["update_temporaries"]))
    return terms


def test_lecture_example_terms(keras):
    spec = ROOT / "specs" / "lecture-example-2.yaml"
    found = memory(spec, "--batch-size", "8")
    expected = expected_terms("lecture-example-2", 8, [[None, 10, 10, 1]], state=keras_state_bytes(keras, spec))
    assert {k: found[k] for k in expected} == expected
    assert found["batch_size"] == 8 and found["optimizer"] == "Adam" and found["estimate"] is True


def test_frozen_and_non_trainable_weights_have_no_gradients_nor_slots(keras):
    spec = ROOT / "tests" / "cases" / "nested-models.yaml"
    found = memory(spec, "--batch-size", "4")
    figures = golden("nested-models")
    assert figures["non_trainable_params"] > 0  # the frozen Sequential
    assert found["weights"] == 4 * figures["total_params"]
    assert found["gradients"] == 4 * figures["trainable_params"]
    assert found["optimizer_state"] == keras_state_bytes(keras, spec)


def test_a_view_keeps_nothing_and_the_batch_scales_the_activations(keras):
    spec = ROOT / "specs" / "mnist-convnet.yaml"
    small, large = memory(spec, "--batch-size", "16"), memory(spec, "--batch-size", "64")
    expected = expected_terms("mnist-convnet", 16, [[None, 28, 28, 1]], views=("Flatten",),
                              state=keras_state_bytes(keras, spec))
    assert golden("mnist-convnet")["layers"][1]["class_name"] == "MaxPooling2D"  # its indices are counted
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
    figures = golden("lecture-example-2")
    assert found["weights"] == 4 * figures["total_params"] + 2 * figures["total_params"]  # float32 + float16 copies
    assert found["gradients"] == 4 * figures["trainable_params"]
    outputs = sum(per_sample(s) for row in figures["layers"][1:] for s in row["output_shapes"])
    assert found["activations"] == 2 * outputs * 2 * 8  # computed in float16


def test_the_block_follows_keras_totals_unchanged(keras):
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
    terms = expected_terms("lecture-example-2", 8, [[None, 10, 10, 1]], state=keras_state_bytes(keras, spec))
    assert f"{terms['peak']:,} B" in added[-1]


@pytest.mark.parametrize("optimizer", ["Adam()", "SGD(momentum=0.9)", "SGD()", "RMSprop(centered=True)"])
def test_memory_column_sums_to_weights_gradients_slots_and_activations(keras, optimizer):
    spec = ROOT / "specs" / "lecture-example-2.yaml"
    result = run_cli("summarize", spec, "--format", "json", "--columns", "memory", "--batch-size", "8",
                     "--optimizer", optimizer)
    data = json.loads(result.output)
    conv = next(row for row in data["layers"] if row["name"] == "conv2d")
    layer = keras_model(keras, spec).get_layer("conv2d")
    weights = sum(math.prod(v.shape) * 4 for v in layer.trainable_variables)
    # its float32 weights with their gradients, the slots Keras builds for them, its output and gradient × 8
    row = next(row for row in golden("lecture-example-2")["layers"] if row["name"] == "conv2d")
    outputs = per_sample(row["output_shapes"][0])
    assert conv["memory"] == 2 * weights + keras_slot_bytes(keras, optimizer, layer.trainable_variables) + (
        2 * outputs * 4 * 8)
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


def test_explain_memory_states_each_terms_rule_with_its_numbers(keras):
    result = run_cli("explain", ROOT / "specs" / "mnist-convnet.yaml", "--batch-size", "64")
    assert result.exit_code == 0, result.output
    text = result.output
    figures = golden("mnist-convnet")
    conv = figures["layers"][0]["output_shapes"][0]
    assert f"conv2d: (2 × {per_sample(conv):,}) values × 4 B = {2 * per_sample(conv) * 4:,} B" in text
    pool = figures["layers"][1]["output_shapes"][0]
    assert f"max_pooling2d: (2 × {per_sample(pool):,}) values × 4 B + {per_sample(pool):,} int64 indices × 8 B" in text
    assert "flatten: 0 (a view of its input)" in text
    expected = expected_terms("mnist-convnet", 64, [[None, 28, 28, 1]], views=("Flatten",),
                              state=keras_state_bytes(keras, ROOT / "specs" / "mnist-convnet.yaml"))
    assert f"= {expected['peak']:,} B" in text.splitlines()[-1]
    data = json.loads(run_cli("explain", ROOT / "specs" / "mnist-convnet.yaml", "--memory", "--format", "json").output)
    assert [rule["term"] for rule in data["rules"]] == ["Weights", "Gradients", "Optimizer state", "Activations",
                                                        "Inputs and targets", "Update temporaries", "Estimated peak"]


OPTIMIZERS = ["sgd", "SGD(momentum=0.9)", "SGD(momentum=0.0, nesterov=True)", "rmsprop",
              "RMSprop(momentum=0.5, centered=True)", "adamw", "nadam", "adagrad", "Lion()", "Lamb()", "ftrl",
              "adafactor", "muon", "Muon(exclude_layers=['dense'])", "Adam(use_ema=True)",
              "SGD(gradient_accumulation_steps=4)", "LossScaleOptimizer(Adam())", "ScheduleFreeAdamW()"]


@pytest.mark.parametrize("optimizer", OPTIMIZERS)
def test_the_optimizer_state_is_what_keras_builds_for_every_optimizer(keras, optimizer):
    spec = ROOT / "specs" / "mnist-convnet.yaml"
    found = memory(spec, "--batch-size", "4", "--optimizer", optimizer)
    assert found["optimizer_state"] == keras_state_bytes(keras, spec, optimizer)
    terms = [found[k] for k in ("weights", "gradients", "optimizer_state")]
    assert found["peak"] == sum(terms) + max(found["activations"] + found["inputs_and_targets"],
                                             found["update_temporaries"])


def test_mixed_float16_compiles_adam_in_a_loss_scale_optimizer_as_keras_does(keras):
    spec = ROOT / "specs" / "lecture-example-2.yaml"
    found = memory(spec, "--batch-size", "8", "--dtype", "mixed_float16")
    assert found["optimizer"] == "LossScaleOptimizer(Adam)"
    assert found["optimizer_state"] == keras_state_bytes(keras, spec, "adam", "mixed_float16")


def trainable_bytes(keras, spec):
    """(all, largest): bytes of the Keras model's trainable variables."""
    sizes = [math.prod(v.shape) * 4 for v in keras_model(keras, spec).trainable_variables]
    return sum(sizes), max(sizes)


@pytest.mark.parametrize("optimizer, foreach", [("sgd", "SGD"), ("SGD(momentum=0.9)", "SGD"), ("rmsprop", "RMSprop"),
                                                ("adamw", "AdamW"), ("nadam", "Nadam"), ("Lion()", "Lion")])
def test_a_foreach_update_holds_its_temporaries_for_every_variable_at_once(keras, optimizer, foreach):
    spec = ROOT / "specs" / "mnist-convnet.yaml"
    every, _ = trainable_bytes(keras, spec)
    count, source = FOREACH[foreach]  # the rule, read in that torch_*.py
    assert source.startswith("keras/src/backend/torch/optimizers/torch_")
    assert memory(spec, "--optimizer", optimizer)["update_temporaries"] == count * every
    assert FOREACH["SGD"][0] == 0  # in place: _foreach_mul_, _foreach_add_


@pytest.mark.parametrize("optimizer", ["adafactor", "ftrl", "Lamb()", "ScheduleFreeAdamW()"])
def test_a_generic_update_holds_its_temporaries_for_one_variable_at_a_time(keras, optimizer):
    spec = ROOT / "specs" / "mnist-convnet.yaml"
    _, largest = trainable_bytes(keras, spec)
    name = keras_optimizer(keras, optimizer if "(" in optimizer else f"keras.optimizers.get({optimizer!r})")
    per_variable, source = GENERIC[type(name).__name__]
    assert source.startswith("keras/src/optimizers/")
    # the rule's count for any variable of that largest size (the counts here do not depend on its shape)
    count = per_variable(None, type("V", (), {"shape": (largest // 4,)})()) // (largest // 4)
    assert memory(spec, "--optimizer", optimizer)["update_temporaries"] == count * largest


def test_options_that_copy_the_gradients_add_one_copy_each(keras):
    spec = ROOT / "specs" / "mnist-convnet.yaml"
    every, largest = trainable_bytes(keras, spec)
    adam = FOREACH["Adam"][0] * every
    assert memory(spec, "--optimizer", "Adam(clipnorm=1.0)")["update_temporaries"] == adam + every
    assert memory(spec, "--optimizer", "Adam(global_clipnorm=1.0, loss_scale_factor=8.0)")[
        "update_temporaries"] == adam + 2 * every
    assert memory(spec, "--optimizer", "SGD(gradient_accumulation_steps=2)")["update_temporaries"] == every
    assert memory(spec, "--optimizer", "LossScaleOptimizer(SGD())")["update_temporaries"] == every
    # use_ema's moving average runs after the update, one variable at a time: the larger counts
    assert memory(spec, "--optimizer", "SGD(use_ema=True)")["update_temporaries"] == 3 * largest


def test_a_bad_optimizer_gets_one_message():
    spec = ROOT / "specs" / "lecture-example-2.yaml"
    result = run_cli("summarize", spec, "--memory", "--optimizer", "Adamm()")
    assert result.exit_code == 2 and result.output.count("unknown optimizer class 'Adamm'") == 1
    assert "Traceback" not in result.output
    result = run_cli("explain", spec, ROOT / "specs" / "mnist-convnet.yaml", "--optimizer", "sgdd")
    assert result.exit_code == 2 and result.output.count("Could not interpret optimizer identifier: sgdd") == 1


def test_explain_memory_states_the_optimizers_rule_with_its_numbers(keras):
    spec = ROOT / "specs" / "mnist-convnet.yaml"
    result = run_cli("explain", spec, "--memory", "--optimizer", "SGD(momentum=0.9)")
    assert result.exit_code == 0, result.output
    text = result.output
    every, _ = trainable_bytes(keras, spec)
    state = keras_state_bytes(keras, spec, "SGD(momentum=0.9)")
    assert "optimizer SGD(momentum=0.9))" in text.splitlines()[0]
    assert f"in all, as Optimizer params counts them: {state:,} B" in text
    assert (f"SGD's torch foreach update (keras/src/backend/torch/optimizers/torch_sgd.py): 0 tensors of every "
            f"trainable variable at once: 0 × {every:,} B = 0 B") in text
    data = json.loads(run_cli("explain", spec, "--optimizer", "rmsprop", "--format", "json").output)
    assert data["training_memory"]["optimizer"] == "RMSprop"
    assert data["training_memory"]["optimizer_state"] == keras_state_bytes(keras, spec, "rmsprop")
