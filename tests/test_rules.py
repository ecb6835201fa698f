"""Unit tests of each rule in convcalc/layers, one Keras layer at a time.

Every expected figure below was obtained from real Keras 3.15 (building the same
layer on the same input, once, while writing the test) and is written with the hand
formula that gives it, as the lecture computes it. None comes from convcalc.
"""

import pytest

from conftest import summarize_json, write_spec
from convcalc.layers import RULES
from convcalc.layers.signatures import bind


def rule(class_name, *args, **kwargs):
    """The rule for ClassName(*args, **kwargs), arguments bound as Keras binds them."""
    return RULES[class_name](class_name, bind(class_name, list(args), kwargs))


def weight_shapes(layer_rule, input_shape):
    return [w.shape for w in layer_rule.build(input_shape)]


def figures(tmp_path, input_shape, entry):
    """(output shape, params, trainable, non-trainable) of one layer, through the CLI."""
    spec = write_spec(tmp_path, f"input: {list(input_shape)}\nlayers:\n  - {entry}\n".replace("None", "null"))
    (row,) = summarize_json(spec)["layers"]
    return tuple(row["output_shapes"][0]), row["params"], row["trainable_params"], row["non_trainable_params"]


# -- the lecture's figures ------------------------------------------------------------------


def test_lecture_conv2d_5_filters_3x3_on_10x10x1(tmp_path):
    shape, params, _, _ = figures(tmp_path, (10, 10, 1), "Conv2D: [5, 3]")
    assert shape == (None, 8, 8, 5)  # 10 − 3 + 1 = 8
    assert params == 50  # (3*3*1 + 1) * 5


def test_lecture_no_max_pool(tmp_path):
    """Three 3x3 convolutions on 28x28x1, then Dense(1): the head alone costs 30,977."""
    spec = write_spec(tmp_path, "input: [28, 28, 1]\nlayers:\n"
                      "  - Conv2D: [32, 3]\n  - Conv2D: [64, 3]\n  - Conv2D: [64, 3]\n"
                      "  - Flatten\n  - Dense: 1\n")
    data = summarize_json(spec)
    rows = [(r["output_shapes"][0], r["params"]) for r in data["layers"]]
    assert rows == [
        ([None, 26, 26, 32], 320),  # (3*3*1 + 1) * 32
        ([None, 24, 24, 64], 18_496),  # (3*3*32 + 1) * 64
        ([None, 22, 22, 64], 36_928),  # (3*3*64 + 1) * 64
        ([None, 30_976], 0),  # 22 * 22 * 64
        ([None, 1], 30_977),  # 64 * 22 * 22 + 1
    ]
    assert data["total_params"] == 86_721  # 320 + 18,496 + 36,928 + 30,977


# -- convolutions ---------------------------------------------------------------------------


@pytest.mark.parametrize("input_shape, entry, shape, params", [
    # 'same' keeps ceil(n / s) on each axis, odd sizes included
    ((7, 7, 1), "Conv2D: {filters: 2, kernel_size: 3, strides: 2, padding: same}",
     (None, 4, 4, 2), 20),  # ceil(7 / 2) = 4; (3*3*1 + 1) * 2
    ((10, 11, 1), "Conv2D: {filters: 2, kernel_size: 3, strides: 3, padding: same}",
     (None, 4, 4, 2), 20),  # ceil(10 / 3) = 4, ceil(11 / 3) = 4
    ((28, 27, 3), "Conv2D: {filters: 4, kernel_size: 5, strides: 2, padding: same}",
     (None, 14, 14, 4), 304),  # ceil(28 / 2) = 14, ceil(27 / 2) = 14; (5*5*3 + 1) * 4
    ((10, 10, 3), "Conv2D: {filters: 4, kernel_size: 3, dilation_rate: 2, padding: same}",
     (None, 10, 10, 4), 112),  # 'same' ignores dilation for the size; (3*3*3 + 1) * 4
    # 'valid' keeps floor((n − k) / s) + 1
    ((7, 7, 1), "Conv2D: {filters: 2, kernel_size: 3, strides: 2}",
     (None, 3, 3, 2), 20),  # floor((7 − 3) / 2) + 1 = 3
    ((8, 8, 1), "Conv2D: {filters: 2, kernel_size: 3, strides: 2}",
     (None, 3, 3, 2), 20),  # floor((8 − 3) / 2) + 1 = 3
    ((10, 12, 3), "Conv2D: [4, [3, 5]]",
     (None, 8, 8, 4), 184),  # 10 − 3 + 1, 12 − 5 + 1; (3*5*3 + 1) * 4
    # dilation: an effective kernel of (k − 1) * d + 1
    ((10, 10, 3), "Conv2D: {filters: 4, kernel_size: 3, dilation_rate: 2}",
     (None, 6, 6, 4), 112),  # 10 − 5 + 1 = 6; the weights do not grow: (3*3*3 + 1) * 4
    ((10, 10, 3), "Conv2D: {filters: 4, kernel_size: 3, dilation_rate: [2, 1]}",
     (None, 6, 8, 4), 112),  # 10 − 5 + 1 = 6, 10 − 3 + 1 = 8
    # groups: each filter sees channels / groups input channels
    ((8, 8, 4), "Conv2D: {filters: 6, kernel_size: 3, groups: 2}",
     (None, 6, 6, 6), 114),  # (3*3*(4/2) + 1) * 6
    ((8, 8, 3), "Conv2D: {filters: 6, kernel_size: 3, groups: 3}",
     (None, 6, 6, 6), 60),  # (3*3*(3/3) + 1) * 6
    # use_bias: false drops one weight per filter
    ((10, 10, 1), "Conv2D: {filters: 5, kernel_size: 3, use_bias: false}",
     (None, 8, 8, 5), 45),  # 3*3*1 * 5
    # channels_first: channels come before the image axes
    ((3, 10, 10), "Conv2D: {filters: 4, kernel_size: 3, data_format: channels_first}",
     (None, 4, 8, 8), 112),  # (3*3*3 + 1) * 4
    # a free axis stays free
    ((None, 10, 3), "Conv2D: [4, 3]",
     (None, None, 8, 4), 112),  # (3*3*3 + 1) * 4
    # 1-D and 3-D
    ((100, 5), "Conv1D: [8, 3]",
     (None, 98, 8), 128),  # the lecture's example 4: (3*5 + 1) * 8
    ((10, 2), "Conv1D: {filters: 4, kernel_size: 3, padding: causal}",
     (None, 10, 4), 28),  # causal keeps the length; (3*2 + 1) * 4
    ((10, 2), "Conv1D: {filters: 4, kernel_size: 3, padding: causal, dilation_rate: 4}",
     (None, 10, 4), 28),  # (3*2 + 1) * 4
    ((8, 8, 8, 1), "Conv3D: [2, 3]",
     (None, 6, 6, 6, 2), 56),  # (3*3*3*1 + 1) * 2
    ((7, 8, 9, 2), "Conv3D: {filters: 2, kernel_size: 3, strides: 2, padding: same}",
     (None, 4, 4, 5, 2), 110),  # ceil(7/2), ceil(8/2), ceil(9/2); (27*2 + 1) * 2
    # aliases compute what their class computes
    ((10, 10, 1), "Convolution2D: [5, 3]", (None, 8, 8, 5), 50),  # (3*3*1 + 1) * 5
])
def test_conv(tmp_path, input_shape, entry, shape, params):
    assert figures(tmp_path, input_shape, entry)[:2] == (shape, params)


@pytest.mark.parametrize("input_shape, entry, shape, params", [
    ((10, 10, 3), "DepthwiseConv2D: {kernel_size: 3, depth_multiplier: 2}",
     (None, 8, 8, 6), 60),  # 3*3*3*2 + 3*2
    ((10, 10, 3), "DepthwiseConv2D: {kernel_size: 3, depth_multiplier: 2, use_bias: false}",
     (None, 8, 8, 6), 54),  # 3*3*3*2
    ((20, 4), "DepthwiseConv1D: {kernel_size: 5, depth_multiplier: 3}",
     (None, 16, 12), 72),  # 5*4*3 + 4*3
    ((10, 10, 3), "SeparableConv2D: {filters: 8, kernel_size: 3, depth_multiplier: 2}",
     (None, 8, 8, 8), 110),  # depthwise 3*3*3*2 + pointwise 1*1*6*8 + bias 8
    ((10, 10, 3), "SeparableConv2D: {filters: 8, kernel_size: 3, use_bias: false}",
     (None, 8, 8, 8), 51),  # 3*3*3*1 + 1*1*3*8
    ((20, 4), "SeparableConv1D: {filters: 6, kernel_size: 3, strides: 2, padding: same}",
     (None, 10, 6), 42),  # ceil(20 / 2) = 10; 3*4*1 + 1*4*6 + 6
])
def test_depthwise_and_separable(tmp_path, input_shape, entry, shape, params):
    assert figures(tmp_path, input_shape, entry)[:2] == (shape, params)


def test_conv_weight_shapes_are_keras_shapes():
    assert weight_shapes(rule("Conv2D", 6, 3, groups=2), (None, 8, 8, 4)) == [(3, 3, 2, 6), (6,)]
    assert weight_shapes(rule("DepthwiseConv2D", 3, depth_multiplier=2), (None, 10, 10, 3)) == [(3, 3, 3, 2), (6,)]
    assert weight_shapes(rule("SeparableConv2D", 8, 3, depth_multiplier=2), (None, 10, 10, 3)) == [
        (3, 3, 3, 2), (1, 1, 6, 8), (8,)]
    assert weight_shapes(rule("Conv1D", 8, 3), (None, 100, 5)) == [(3, 5, 8), (8,)]


def test_conv_same_padding_formula_on_odd_sizes():
    """Keras's floor((n − 1) / s) + 1, i.e. ceil(n / s), for n = 1..9 and s = 1..4."""
    for n in range(1, 10):
        for s in range(1, 5):
            out = rule("Conv2D", 1, 3, strides=s, padding="same").compute_output_shape((None, n, n, 1))
            assert out == (None, -(-n // s), -(-n // s), 1)


def test_conv_lora(tmp_path):
    """lora_rank freezes the kernel and adds two low-rank factors (Keras's enable_lora)."""
    shape, params, trainable, frozen = figures(tmp_path, (10, 10, 3), "Conv2D: {filters: 4, kernel_size: 3, lora_rank: 2}")
    assert shape == (None, 8, 8, 4)
    assert frozen == 108  # the kernel, 3*3*3*4
    assert trainable == 66  # bias 4 + lora_kernel_a 3*3*3*2 + lora_kernel_b 2*4
    assert params == 174


# -- dense ----------------------------------------------------------------------------------


@pytest.mark.parametrize("input_shape, entry, shape, params", [
    ((6,), "Dense: 4", (None, 4), 28),  # 6*4 + 4
    ((5, 6), "Dense: 4", (None, 5, 4), 28),  # on the last axis only: 6*4 + 4
    ((2, 3, 6), "Dense: {units: 4, use_bias: false}", (None, 2, 3, 4), 24),  # 6*4
])
def test_dense(tmp_path, input_shape, entry, shape, params):
    assert figures(tmp_path, input_shape, entry)[:2] == (shape, params)


def test_dense_lora(tmp_path):
    assert figures(tmp_path, (20,), "Dense: {units: 10, lora_rank: 2}") == (
        (None, 10),
        270,  # 20*10 + 10 + 20*2 + 2*10
        70,  # bias 10 + lora_kernel_a 20*2 + lora_kernel_b 2*10
        200,  # the frozen kernel, 20*10
    )


# -- batch normalization and frozen layers ------------------------------------------------


@pytest.mark.parametrize("input_shape, entry, params, trainable, non_trainable", [
    ((10, 10, 8), "BatchNormalization", 32, 16, 16),  # 4 * 8: gamma, beta | moving mean, variance
    ((10, 10, 8), "BatchNormalization: {center: false}", 24, 8, 16),  # gamma | mean, variance
    ((10, 10, 8), "BatchNormalization: {center: false, scale: false}", 16, 0, 16),  # mean, variance
    ((4, 5, 6), "BatchNormalization: {axis: 1}", 16, 8, 8),  # 4 * 4, on axis 1's 4 features
    ((10, 10, 8), "BatchNormalization: {trainable: false}", 32, 0, 32),  # all frozen
])
def test_batch_normalization_splits(tmp_path, input_shape, entry, params, trainable, non_trainable):
    shape, *counts = figures(tmp_path, input_shape, entry)
    assert shape == (None, *input_shape)
    assert counts == [params, trainable, non_trainable]


def test_frozen_conv(tmp_path):
    assert figures(tmp_path, (10, 10, 1), "Conv2D: {filters: 5, kernel_size: 3, trainable: false}") == (
        (None, 8, 8, 5), 50, 0, 50)  # (3*3*1 + 1) * 5, none trainable


def test_frozen_layers_in_the_totals(tmp_path):
    spec = write_spec(tmp_path, "input: [10, 10, 1]\nlayers:\n"
                      "  - Conv2D: {filters: 5, kernel_size: 3, trainable: false}\n"
                      "  - BatchNormalization\n  - Flatten\n  - Dense: 2\n")
    data = summarize_json(spec)
    assert data["total_params"] == 50 + 20 + 642  # conv (9+1)*5; BN 4*5; dense 8*8*5*2 + 2
    assert data["trainable_params"] == 10 + 642  # BN's gamma and beta, 2*5; the dense layer
    assert data["non_trainable_params"] == 50 + 10  # the frozen conv; BN's moving statistics


# -- pooling ---------------------------------------------------------------------------------


@pytest.mark.parametrize("input_shape, entry, shape", [
    ((28, 28, 3), "MaxPooling2D", (None, 14, 14, 3)),  # pool 2, strides = pool: floor((28 − 2) / 2) + 1
    ((10, 10, 3), "MaxPooling2D: 3", (None, 3, 3, 3)),  # strides = 3: floor((10 − 3) / 3) + 1
    ((10, 10, 3), "MaxPooling2D: {pool_size: 2, strides: 1}", (None, 9, 9, 3)),  # 10 − 2 + 1
    ((7, 7, 3), "MaxPooling2D: {pool_size: 2, padding: same}", (None, 4, 4, 3)),  # ceil(7 / 2)
    ((10, 9, 3), "MaxPooling2D: [[2, 3]]", (None, 5, 3, 3)),  # floor((10 − 2)/2) + 1, floor((9 − 3)/3) + 1
    ((3, 10, 10), "MaxPooling2D: {data_format: channels_first}", (None, 3, 5, 5)),
    ((10, 10, 3), "MaxPool2D", (None, 5, 5, 3)),  # Keras's alias
    ((11, 3), "AveragePooling1D: 2", (None, 5, 3)),  # floor((11 − 2) / 2) + 1
    ((8, 9, 10, 2), "AveragePooling3D: 2", (None, 4, 4, 5, 2)),
])
def test_pooling(tmp_path, input_shape, entry, shape):
    assert figures(tmp_path, input_shape, entry) == (shape, 0, 0, 0)


@pytest.mark.parametrize("input_shape, entry, shape", [
    ((7, 7, 5), "GlobalAveragePooling2D", (None, 5)),
    ((7, 7, 5), "GlobalAveragePooling2D: {keepdims: true}", (None, 1, 1, 5)),
    ((10, 5), "GlobalMaxPooling1D", (None, 5)),
    ((5, 4, 4, 4), "GlobalMaxPooling3D: {keepdims: true, data_format: channels_first}", (None, 5, 1, 1, 1)),
])
def test_global_pooling(tmp_path, input_shape, entry, shape):
    assert figures(tmp_path, input_shape, entry) == (shape, 0, 0, 0)


# -- reshaping -------------------------------------------------------------------------------


@pytest.mark.parametrize("input_shape, entry, shape", [
    ((3, 4, 5), "Flatten", (None, 60)),  # 3*4*5
    ((24,), "Reshape: [[4, 6]]", (None, 4, 6)),
    ((8, 3), "Reshape: [[-1, 4]]", (None, 6, 4)),  # 8*3 / 4 = 6
    ((24,), "Reshape: [[2, -1, 3]]", (None, 2, 4, 3)),  # 24 / (2*3) = 4
    ((None, 3), "Reshape: [[-1, 3]]", (None, None, 3)),  # a free axis stays free
    ((10, 10, 3), "ZeroPadding2D: 1", (None, 12, 12, 3)),  # 1 + 10 + 1 on both axes
    ((10, 10, 3), "ZeroPadding2D: [[1, 2]]", (None, 12, 14, 3)),  # (1, 2): 1 on height's sides, 2 on width's
    ((10, 10, 3), "ZeroPadding2D: [[[1, 2], [3, 4]]]", (None, 13, 17, 3)),  # 1 + 10 + 2, 3 + 10 + 4
    ((3, 10, 10), "ZeroPadding2D: {padding: [[1, 2], [3, 4]], data_format: channels_first}", (None, 3, 13, 17)),
    ((10, 3), "ZeroPadding1D: 2", (None, 14, 3)),  # 2 + 10 + 2
    ((10, 3), "ZeroPadding1D: [[1, 3]]", (None, 14, 3)),  # (before, after): 1 + 10 + 3
    ((4, 4, 4, 1), "ZeroPadding3D: [[[0, 1], [2, 3], [4, 5]]]", (None, 5, 9, 13, 1)),
])
def test_reshaping(tmp_path, input_shape, entry, shape):
    assert figures(tmp_path, input_shape, entry) == (shape, 0, 0, 0)


@pytest.mark.parametrize("input_shape, entry", [
    ((10, 10, 3), "Dropout: 0.5"),
    ((10, 10, 3), "SpatialDropout2D: 0.5"),
    ((10,), "Activation: relu"),
])
def test_shape_preserving_layers(tmp_path, input_shape, entry):
    assert figures(tmp_path, input_shape, entry) == ((None, *input_shape), 0, 0, 0)


# -- names -----------------------------------------------------------------------------------


def test_aliases_and_auto_naming(tmp_path):
    """As in a fresh Keras session; an alias counts as its class, a given name counts not."""
    spec = write_spec(tmp_path, "input: [10, 10, 1]\nlayers:\n"
                      "  - Conv2D: [2, 3]\n  - Convolution2D: [2, 3]\n  - MaxPool2D\n"
                      "  - Dense: 3\n  - Dense: {units: 3, name: head}\n  - Dense: 2\n"
                      "  - GlobalAveragePooling2D\n  - Flatten\n")
    rows = [(r["name"], r["class_name"]) for r in summarize_json(spec)["layers"]]
    assert rows == [
        ("conv2d", "Conv2D"), ("conv2d_1", "Conv2D"), ("max_pooling2d", "MaxPooling2D"),
        ("dense", "Dense"), ("head", "Dense"), ("dense_1", "Dense"),
        ("global_average_pooling2d", "GlobalAveragePooling2D"), ("flatten", "Flatten"),
    ]


def test_functional_inputs_are_named_input_layer(tmp_path):
    spec = write_spec(tmp_path, "api: functional\ninput: [4]\nlayers:\n  - Dense: 2\n")
    assert [r["name"] for r in summarize_json(spec)["layers"]] == ["input_layer", "dense"]


def test_empty_name_is_kept_as_keras_keeps_it(tmp_path):
    spec = write_spec(tmp_path, "input: [4]\nlayers:\n  - Dense: {units: 3, name: ''}\n  - Dense: 2\n")
    assert [r["name"] for r in summarize_json(spec)["layers"]] == ["", "dense"]
