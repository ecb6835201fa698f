"""keras.applications entries in a spec: what convcalc refuses, and how it says so.

The figures of applications are compared with keras.applications itself in
tests/test_applications_keras.py and in the golden files (specs/transfer-learning-vgg16.yaml,
tests/cases/applications-*.yaml); here, the messages: file, line, layer, what is wrong and
what would be right (Keras's own message where Keras refuses).
"""

import json

import pytest

from conftest import run_cli, write_spec
from test_errors import at, spec_error


def spec_with(entry):
    return f"layers:\n  - Dense: 4\n  - {entry}\n  - Flatten\n"


@pytest.mark.parametrize("entry, expected", [
    ("VGG61: {include_top: false}", "unknown layer class 'VGG61'. Did you mean 'VGG19'?"),
    ("VGG16: {include_tops: false}", "VGG16 has no argument 'include_tops'. Did you mean 'include_top'?"),
    ("VGG16: {classes: 10}", "`classes` should be 1000.  Received classes=10"),
    ("VGG16: {input_shape: [150, 150, 3]}", "`input_shape` should be (224, 224, 3)"),
    ("VGG16: {include_top: false, input_shape: [20, 20, 3]}", "Input size must be at least 32x32"),
    ("VGG16: {include_top: false, input_shape: [64, 64]}", "`input_shape` must be a tuple of three integers."),
    ("VGG16: {include_top: false, input_shape: [64, 64, 1]}", "The input must have 3 channels"),
    ("VGG16: {weights: null, input_shape: [null, 64, 3]}", "you should specify a static `input_shape`"),
    ("VGG16: {weights: weights.h5}", "'weights' must be imagenet or null; got 'weights.h5'"),
    ("VGG16: {include_top: false, pooling: mean}", "'pooling' must be avg, max or null; got 'mean'"),
    ("VGG16: {classifier_activation: relu}", "Only `None` and `softmax` activations are allowed"),
    ("VGG16: {include_top: maybe}", "'include_top' must be true or false"),
    ("VGG16: {include_top: false, input_tensor: x}", "'input_tensor' cannot be given in a spec"),
    ("VGG16: {include_top: false, name: 3}", "'name' must be a string; got 3"),
    ("VGG16: [true, imagenet, null, null, null, 1000, softmax, vgg, 9]", "at most 8 positional arguments"),
    ("MobileNet: {include_top: false, alpha: 0.3}", "alpha can be one of`0.25`, `0.50`, `0.75` or `1.0` only."),
    ("MobileNet: {weights: null, alpha: wide}", "'alpha' must be a number; got 'wide'"),
    ("MobileNet: {include_top: false, depth_multiplier: 2}", "depth multiplier must be 1."),
    ("MobileNetV2: {include_top: false, weights: null, input_shape: [64, null, 3]}", "the input's width must be known"),
    ("MobileNetV3Small: {include_top: false, input_shape: [31, 64, 3]}", "Input size must be at least 32x32"),
    ("MobileNetV3Large: {minimalistic: true, alpha: 0.75}", "`1.0` for minimalistic only."),
    ("MobileNetV3Large: {weights: null, dropout_rate: high}", "'dropout_rate' must be a number; got 'high'"),
])
def test_bad_application_arguments(tmp_path, entry, expected):
    message = spec_error(tmp_path, f"input: [64, 64, 3]\n{spec_with(entry)}")
    assert f"{at(4)} layer 2 (" in message and expected in message, message


def test_application_called_on_another_shape(tmp_path):
    message = spec_error(tmp_path, "input: [64, 64, 3]\nlayers:\n  - VGG16: {include_top: false, input_shape: [32, 32, 3]}\n")
    assert "declared (None, 32, 32, 3) but it is called on (None, 64, 64, 3)" in message


def test_headless_application_first_in_a_sequential_takes_its_input_shape(tmp_path):
    path = write_spec(tmp_path, "layers:\n  - VGG19: {include_top: false, input_shape: [64, 96, 3], pooling: avg}\n  - Dense: 2\n")
    result = run_cli("summarize", path, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["layers"][0]["output_shapes"] == [[None, 512]]


@pytest.mark.parametrize("entry, expected", [
    ("DenseNet121: {include_top: false}", "tf-keras's DenseNet121 names its layers conv1/conv"),
    ("VGG16: {include_top: false, name: base}", "tf-keras's VGG16 takes no 'name' argument"),
    ("MobileNetV3Small: {include_top: false}", "as a TFOpLambda layer, which convcalc does not model"),
])
def test_keras2_style_refuses_what_tf_keras_builds_otherwise(tmp_path, entry, expected):
    message = spec_error(tmp_path, f"input: [64, 64, 3]\n{spec_with(entry)}", "--style", "keras2")
    assert expected in message and "leave out --style keras2" in message, message
