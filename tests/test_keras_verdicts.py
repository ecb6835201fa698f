"""Inputs Keras accepts are accepted, inputs Keras refuses are refused (issue 12): an
InputLayer as a spec's first layer, its arguments, noisy layers' seeds. Each verdict was
checked against keras 3.15 while writing these (Keras's message is quoted where convcalc
repeats it); the figures of the accepted ones are the goldens of
tests/cases/input-layer-first.yaml, written by scripts/gen_goldens.py."""

import json

import pytest
import yaml

from conftest import GOLDEN, run_cli, write_spec


def summarize(tmp_path, data, name="spec.yaml"):
    text = data if isinstance(data, str) else yaml.safe_dump(data, default_flow_style=True)
    return run_cli("summarize", write_spec(tmp_path, text, name), "--format", "json")


def refused(result):
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit), result.output
    return result.stderr


def test_an_input_layer_first_is_the_models_input():
    spec = GOLDEN.parent / "cases" / "input-layer-first.yaml"
    result = run_cli("summarize", spec, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == json.loads((GOLDEN / "input-layer-first.json").read_text())


# InputLayer's arguments as Keras's InputLayer.__init__ takes them (it drops unknown **kwargs)
ACCEPTED = [{"shape": [10]}, {"shape": [10], "foo": 3}, {"shape": [10], "sparse": "x"}, {"batch_shape": [4, 10]},
            {"input_shape": [10]}, {"shape": [10], "optional": "x"}, {"shape": [10], "dtype": "int32"},
            {"shape": [10], "trainable": False}, {"shape": [10], "batch_size": 0}]
REFUSED = [
    ({"shape": "abc"}, "shape must be a list of sizes"),
    ({"shape": 10}, "shape must be a list of sizes"),
    ({"shape": [10], "batch_size": -1}, "the batch size must be a whole number, 0 or more"),
    ({"shape": [10], "batch_size": 2.5}, "the batch size must be a whole number, 0 or more"),
    ({"shape": [10], "dtype": "junk"}, 'invalid dtype \'junk\' (Keras: "Invalid dtype: junk")'),
    ({"shape": [10], "batch_shape": [4, 10]}, "Keras refuses both `shape` and `batch_shape`"),
    ({"batch_size": 4, "batch_shape": [4, 10]}, "Keras refuses both `batch_size` and `batch_shape`"),
    ({}, "You must pass a `shape` argument."),
    ({"shape": [10], "name": 3}, "its name must be a string without '/'"),
    ({"shape": [10], "name": "a/b"}, "its name must be a string without '/'"),
    ({"shape": [10], "input_tensor": 3}, "input_tensor must be a KerasTensor"),
    ({"shape": [-1]}, "must be a list of whole numbers, 0 or more"),
    ({"shape": [10.5]}, "must be a list of whole numbers, 0 or more"),
]


@pytest.mark.parametrize("arguments", ACCEPTED)
def test_input_layer_arguments_keras_accepts(tmp_path, arguments):
    result = summarize(tmp_path, {"layers": [{"InputLayer": arguments}, {"Dense": 3}]})
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["total_params"] == 33


@pytest.mark.parametrize("arguments, message", REFUSED)
def test_input_layer_arguments_keras_refuses(tmp_path, arguments, message):
    message_text = refused(summarize(tmp_path, {"layers": [{"InputLayer": arguments}, {"Dense": 3}]}))
    assert message_text.startswith("convcalc: error: ") and "spec.yaml:1: layer 1 (InputLayer)" in message_text
    assert message in message_text, message_text


@pytest.mark.parametrize("code, message", [
    ('keras.layers.InputLayer(shape=(10,), dtype="junk")', "invalid dtype 'junk'"),
    ("keras.Input(shape=(10,), batch_shape=(4, 10))", "Keras refuses both `shape` and `batch_shape`"),
    ('keras.layers.InputLayer(shape=(10,), name="a/b")', "its name must be a string without '/'"),
    ("keras.layers.InputLayer()", "You must pass a `shape` argument."),
])
def test_input_arguments_in_code_keras_refuses(tmp_path, code, message):
    text = f"import keras\nmodel = keras.Sequential([{code}, keras.layers.Dense(3)])\n"
    message_text = refused(summarize(tmp_path, text, "model.py"))
    assert "model.py:2:" in message_text and message in message_text, message_text


def test_an_unknown_input_layer_keyword_in_code_is_ignored_as_keras_ignores_it(tmp_path):
    text = "import keras\nmodel = keras.Sequential([keras.layers.InputLayer(shape=(10,), foo=3), keras.layers.Dense(3)])\n"
    result = summarize(tmp_path, text, "model.py")
    assert result.exit_code == 0 and json.loads(result.stdout)["total_params"] == 33


@pytest.mark.parametrize("text", [
    "input: [10]\nlayers:\n  - InputLayer: {shape: [10]}\n  - Dense: 3\n",  # two inputs
    "api: functional\nlayers:\n  - InputLayer: {shape: [10]}\n  - Dense: 3\n",
    "layers:\n  - InputLayer: {shape: [10]}\n",
])
def test_an_input_layer_where_no_sequential_takes_it_is_refused(tmp_path, text):
    assert "InputLayer" in refused(summarize(tmp_path, text))


@pytest.mark.parametrize("layer, accepted", [
    ({"GaussianNoise": {"stddev": 0.1, "seed": [2, 2]}}, False),
    ({"GaussianNoise": {"stddev": 0, "seed": [2, 2]}}, True),  # no SeedGenerator when stddev is 0
    ({"Dropout": {"rate": 0.5, "seed": True}}, False),
    ({"SpatialDropout1D": {"rate": 0.5, "seed": "x"}}, False),
    ({"GaussianDropout": {"rate": 0.5, "seed": 7}}, True),
    ({"AlphaDropout": {"rate": 0.2, "seed": 1.5}}, False),
])
def test_a_noisy_layers_seed_is_an_integer_as_keras_requires(tmp_path, layer, accepted):
    result = summarize(tmp_path, {"input": [10, 4], "layers": [layer]})
    if accepted:
        assert result.exit_code == 0, result.output
    else:
        assert "'seed' must be an integer" in refused(result)
