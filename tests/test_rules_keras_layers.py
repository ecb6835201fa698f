"""Refusals of the activation, noise, embedding, EinsumDense, transposed-convolution,
cropping/upsampling, normalization and adaptive-pooling rules, and the formulas of the
transposed convolution's output length.

Every spec refused in REFUSED_BY_KERAS was also refused by Keras 3.15 (building the same
one-layer model, once, while writing this test); those in STRICTER_THAN_KERAS Keras builds
(it never runs the layer to build it) but fails on their first call. Their figures are
in the golden cases (tests/cases/activations*.yaml, ...), which Keras wrote.
"""

import pytest

from conftest import run_cli, write_spec
from convcalc.layers.operation_utils import conv_transpose_output_length

REFUSED_BY_KERAS = [
    ("[4, 3]", "ReLU: {max_value: -1}", "'max_value' must be a number >= 0 (or null); got -1"),
    ("[4, 3]", "ReLU: {threshold: null}", "'threshold' must be a number >= 0; got None"),
    ("[4, 3]", "LeakyReLU: -0.1", "'negative_slope' must be a number >= 0; got -0.1"),
    ("[4, 3]", "LeakyReLU: {alpha: -1}", "'alpha' must be a number >= 0; got -1"),
    ("[4, 3]", "PReLU: {shared_axes: 5}", "shared_axes 5 is out of range for the 3-D input (None, 4, 3)"),
    ("[null, 3]", "PReLU", "PReLU needs known sizes on the axes it does not share"),
    ("[4, 3]", "GaussianNoise: 1.5", "'stddev' must be a number between 0 and 1; got 1.5"),
    ("[4, 3]", "AlphaDropout: 2", "'rate' must be a number between 0 and 1; got 2"),
    ("[4, 3]", "ActivityRegularization: {l2: .inf}", "'l2' must be a number >= 0 (or null); got inf"),
    ("[4]", "Embedding: [10.5, 3]", "'input_dim' must be a positive integer; got 10.5"),
    ("[4]", "Embedding: {input_dim: 10, output_dim: 3, lora_rank: 2, embeddings_constraint: non_neg}",
     "lora_rank cannot be used with embeddings_constraint"),
    ("[4]", "ReversibleEmbedding: {input_dim: 10, output_dim: 3, lora_rank: 2, tie_weights: false}",
     "cannot build a ReversibleEmbedding with lora_rank and tie_weights: false"),
    ("[4]", 'EinsumDense: ["ab->b", 3]', "invalid einsum equation 'ab->b'"),
    ("[4]", 'EinsumDense: ["ab,bc->ab", 3]', "input and output_shape differ on the shared axis 'b'"),
    ("[4]", 'EinsumDense: ["ab,bcd->ac", 3]', "the kernel axis 'd' of 'ab,bcd->ac' is in neither"),
    ("[4]", 'EinsumDense: ["ab,bc->acx", [3, 2]]', "the output axis 'x' of 'ab,bc->acx' is in neither"),
    ("[4]", 'EinsumDense: ["ab,bc->ac", 3, null, x]', "bias_axes 'x' is not an output axis"),
    ("[null]", 'EinsumDense: ["ab,bc->ac", 3]', "the kernel would be (None, 3): its sizes must be known"),
    ("[4, 3]", "UpSampling1D: [[2]]", "'size' must be a positive integer; got [2]"),
    ("[4, 3, 2]", "UpSampling2D: [[2, 0]]", "'size' must be a positive integer or a list of 2"),
    ("[4, 3]", "Cropping1D: [[3, 1]]", "the cropping leaves nothing of axis 1 of (None, 4, 3): 4 − 3 − 1 = 0"),
    ("[4, 3, 2]", "Cropping2D: -1", "'cropping' must be a non-negative integer"),
    ("[4, 3, 2]", "Cropping2D: [[1, 2, 3]]", "'cropping' must be an integer, a list of 2 integers"),
    ("[4, 3, 2, 2]", "Cropping3D: {cropping: [0, 0, [0, 2]]}", "leaves nothing of axis 3 of (None, 4, 3, 2, 2): 2 − 0 − 2 = 0"),
    ("[4, 3]", "Permute: [[1, 1]]", "'dims' must be a permutation of the axes 1, 2, ..."),
    ("[4, 3]", "Permute: [[1, 2, 3]]", "Permute needs a 4-D input"),
    ("[4, 3]", "RepeatVector: 2", "RepeatVector needs a 2-D input"),
    ("[4]", "RepeatVector: true", "'n' must be a positive integer; got True"),
    ("[4, 3]", "LayerNormalization: {axis: 3}", "axis 3 is out of range for a 3-D input"),
    ("[null, 3]", "LayerNormalization: {axis: 1}", "LayerNormalization needs known sizes on its axis [1]"),
    ("[4, 6]", "GroupNormalization: 4", "the 6 channels on axis -1 cannot be split into 4 equal groups"),
    ("[4, 6]", "GroupNormalization: 0", "'groups' must be a positive integer, or -1"),
    ("[4, 6]", "GroupNormalization: {groups: 2, axis: [1]}", "'axis' must be an integer; got [1]"),
    ("[4, 6]", "RMSNormalization: {axis: 0}", "RMSNormalization needs known sizes on its axis [0]"),
    ("[4, 6]", "UnitNormalization: {axis: 1.5}", "'axis' must be an integer or a list of integers; got 1.5"),
    ("[5, 3]", "Conv1DTranspose: {filters: 2, kernel_size: 3, padding: causal}", "'padding' must be one of 'valid', 'same'"),
    ("[5, 3]", "Conv1DTranspose: {filters: 2, kernel_size: 3, strides: 2, output_padding: 2}",
     "output_padding must be smaller than strides on every axis"),
    ("[5, 3]", "Conv1DTranspose: {filters: 2, kernel_size: 3, strides: 2, dilation_rate: 2}",
     "strides > 1 cannot be combined with dilation_rate > 1"),
    ("[5, null]", "Conv1DTranspose: [2, 3]", "Conv1DTranspose needs a known number of input channels"),
    ("[5, 4, 3]", "Conv1DTranspose: [2, 3]", "Conv1DTranspose needs a 3-D input"),
    ("[5, 3]", "AdaptiveAveragePooling1D: [[2, 2]]", "'output_size' must be a positive integer or a list of 1"),
    ("[5, 5, 3]", "AdaptiveMaxPooling2D: {output_size: 2, data_format: Channels_Last}",
     "data_format is case-sensitive here, as in Keras"),
]

STRICTER_THAN_KERAS = [
    ("[4, 3]", "Softmax: {axis: 3}", "axis 3 is out of range for a 3-D input"),
    ("[4, 3, 2]", "UpSampling2D: {interpolation: bilinar}", "'interpolation' must be one of"),
    ("[4, 3]", "AdaptiveAveragePooling2D: 2", "AdaptiveAveragePooling2D needs a 4-D input"),
    ("[4, 3]", "AdaptiveMaxPooling1D: 0", "'output_size' must be a positive integer"),
]


def message_of(tmp_path, input_shape, layer):
    result = run_cli("summarize", write_spec(tmp_path, f"input: {input_shape}\nlayers:\n  - {layer}\n"))
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("convcalc: error: ") and "spec.yaml:3: layer 1 " in result.stderr
    return result.stderr


@pytest.mark.parametrize("input_shape, layer, expected", REFUSED_BY_KERAS + STRICTER_THAN_KERAS)
def test_refused(tmp_path, input_shape, layer, expected):
    assert expected in message_of(tmp_path, input_shape, layer)


@pytest.mark.parametrize("args, value, text", [
    ((7, 3, 1, "valid"), 9, "7 + 3 − 1 = 9"),
    ((9, 2, 3, "valid"), 27, "(9 − 1) × 3 + max(2, 3) = 27"),
    ((9, 3, 2, "valid", 1), 20, "(9 − 1) × 2 + 3 + 1 = 20"),
    ((57, 3, 2, "same"), 114, "57 × 2 = 114"),
    ((5, 4, 3, "same", 2), 14, "(5 − 1) × 3 + 4 mod 2 + 2 = 14"),
    ((1, 2, 1, "same", 0), 0, "(1 − 1) × 1 + 2 mod 2 + 0 = 0"),  # Keras lets it be 0
    ((5, 3, 1, "valid", None, 2), 9, "5 + 5 − 1 = 9"),  # the dilated extent: (3 − 1) × 2 + 1
    ((None, 3, 2, "valid"), None, "None"),
])
def test_conv_transpose_output_length(args, value, text):
    assert conv_transpose_output_length(*args) == (value, text)
