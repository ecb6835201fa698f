"""Preprocessing layers: what convcalc refuses, and why (the figures of what it accepts
are in tests/cases/preprocessing-*.yaml, compared with Keras's by test_golden.py).

Where convcalc refuses what Keras 3.15 would build, the test says so: a model whose
figures depend on data (a lookup's vocabulary before adapt()) or that cannot run.
"""

import pytest

from conftest import write_spec
from test_errors import at, spec_error

from convcalc.layers import RULES
from convcalc.layers.refused import NOT_A_MODEL_LAYER, REFUSED
from convcalc.layers.signatures import keras_classes


@pytest.mark.parametrize("class_name", sorted(REFUSED))
def test_code_wrapping_layers_are_refused_with_why_and_what_instead(tmp_path, class_name):
    message = spec_error(tmp_path, f"input: [10]\nlayers:\n  - {class_name}\n")
    refusal = REFUSED[class_name]
    assert at(3) in message and f"{class_name} {refusal.why}" in message
    assert "never runs code from a spec" in message and refusal.instead in message


def test_refusals_name_keras_classes_without_rules():
    assert set(REFUSED) <= set(keras_classes())
    assert not set(REFUSED) & set(RULES)
    assert set(NOT_A_MODEL_LAYER) <= set(RULES)


def test_equalization_is_refused_as_a_model_layer_but_not_in_a_pipeline(tmp_path):
    # Keras: "Tensor ... from operation 'equalization' is part of a cycle"
    message = spec_error(tmp_path, "input: [8, 8, 3]\nlayers:\n  - Equalization\n")
    assert at(3) in message and "Equalization cannot be a model's layer" in message and "Pipeline" in message
    path = write_spec(tmp_path, "input: [8, 8, 3]\nlayers:\n  - Pipeline: {layers: [{Equalization: {}}]}\n", "ok.yaml")
    from conftest import summarize_json

    assert summarize_json(path)["layers"][0]["output_shapes"] == [[None, 8, 8, 3]]


@pytest.mark.parametrize(
    "layer",
    [
        "StringLookup: {output_mode: multi_hot}",
        "IntegerLookup: {output_mode: one_hot}",
        "TextVectorization: {output_mode: count}",
        "StringLookup: {output_mode: tf_idf}",
    ],
)
def test_a_depth_learned_by_adapt_is_refused(tmp_path, layer):
    # Keras builds these with a None depth that adapt() later fixes; convcalc cannot know it
    message = spec_error(tmp_path, f"input: [3]\nlayers:\n  - {layer}\n")
    assert "vocabulary's size, which Keras learns only from data (adapt())" in message
    assert "`vocabulary`" in message and "pad_to_max_tokens" in message


def test_a_vocabulary_file_is_never_read(tmp_path):
    message = spec_error(tmp_path, "input: [3]\nlayers:\n  - StringLookup: {vocabulary: /etc/passwd}\n")
    assert "never reads files" in message and "as a list" in message


@pytest.mark.parametrize(
    "layer, expected",
    [
        ("StringLookup: {vocabulary: [a, b, a]}", "the vocabulary repeats ['a']"),
        ("StringLookup: {vocabulary: [a, b, c], max_tokens: 3}", "4 entries (special tokens included), more than max_tokens=3"),
        ("StringLookup: {output_mode: multi_hot, pad_to_max_tokens: true}", "pad_to_max_tokens: true needs 'max_tokens'"),
        ("IntegerLookup: {output_mode: count, invert: true}", "invert: true needs output_mode 'int'"),
        ("StringLookup: {vocabulary: [a], output_mode: tf_idf}", "give 'idf_weights' too"),
        ("CategoryEncoding: {output_mode: one_hot}", "CategoryEncoding needs 'num_tokens'"),
        ("Discretization: {output_mode: one_hot}", "Discretization needs 'bin_boundaries'"),
        ("Discretization: {num_bins: 3, bin_boundaries: [1.0]}", "either 'num_bins' or 'bin_boundaries', not both"),
        ("Hashing: {num_bins: 4, dtype: float32}", "'dtype' must be 'int32' or 'int64'"),
        ("Normalization: {mean: 1.0}", "give both 'mean' and 'variance'"),
        ("Normalization: {mean: [1, 2], variance: [1, 2]}", "does not broadcast"),
        ("RandomRotation: {factor: 2}", "'factor' must be a number in [-1, 1]"),
        ("RandomZoom: {height_factor: -1}", "'height_factor' must be a number in (-1, 1]"),
        ("RandomFlip: {mode: diagonal}", "'mode' must be one of"),
        ("RandomFlip: {factor: 0.5}", "RandomFlip takes no 'factor'"),
        ("RandomContrast: {factor: 0.2, value_range: 255}", "'value_range' must be a list of two numbers"),
        ("RandomGaussianBlur: {kernel_size: 4}", "'kernel_size' must be an odd positive integer"),
        ("Pipeline: {layers: [RandomFlip]}", "'layers' must be a non-empty list of layer entries"),
    ],
)
def test_bad_arguments(tmp_path, layer, expected):
    message = spec_error(tmp_path, f"input: [3, 3, 3]\nlayers:\n  - {layer}\n")
    assert at(3) in message and expected in message


@pytest.mark.parametrize(
    "spec, expected",
    [
        ("input: [8, 8, 4]\nlayers:\n  - RandomColorDegeneration: 0.2\n", "needs RGB images, 3 channels; got 4"),
        ("input: [8]\nlayers:\n  - RandomFlip\n", "RandomFlip works on images: a 4-D input"),
        ("input: [2, 8, 8, 3]\nlayers:\n  - Resizing: [4, 4]\n", "Resizing works on images"),
        ("input: [100, null]\nlayers:\n  - STFTSpectrogram\n", "needs a known number of channels"),
        ("input: [100, 1]\nlayers:\n  - STFTSpectrogram: {frame_length: 256}\n", "zero or negative size on axis 1"),
        ("input: [100, 2]\nlayers:\n  - MelSpectrogram\n", "MelSpectrogram works on audio"),
        ("input: [null, 4]\nlayers:\n  - Normalization: {axis: 1}\n", "known size on the axes it keeps"),
        ("inputs: {a: [3], b: [4]}\nlayers:\n  - HashedCrossing: {num_bins: 4, inputs: [a, b]}\n", "the same last axis"),
        ("input: [8, 8, 3]\nlayers:\n  - Pipeline: {layers: [{Resizing: [4, 4]}, {Conv2D: [2, 5]}]}\n",
         "in the Pipeline, 'conv2d' (Conv2D): the output would have a zero or negative size on axis 1 of (None, 4, 4, 3): 4 − 5 + 1 = 0"),
    ],
)
def test_bad_inputs(tmp_path, spec, expected):
    assert expected in spec_error(tmp_path, spec)
