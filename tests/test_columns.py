"""summarize --columns (convcalc's own columns: MACs, receptive field, activation memory,
kernel) and --dtype. Each expected MAC count is an independent hand computation, its
formula beside it; none is read from convcalc.

The counting rule: one MAC is one multiplication of an input value by a weight (or, in
attention, of two activations) together with its addition; bias additions, activations,
normalization, pooling, merges and reshapes count 0.
"""

import json

import pytest

from conftest import GOLDEN, ROOT, run_cli, write_spec

ALL = "macs,receptive_field,activation_memory,kernel"


def summary(path, *options):
    result = run_cli("summarize", path, "--format", "json", "--columns", ALL, *options)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def rows(path, *options):
    return {row["name"]: row for row in summary(path, *options)["layers"]}


def test_lecture_example_2_macs():
    found = rows(ROOT / "specs" / "lecture-example-2.yaml")
    # Conv2D: out_h × out_w × filters × (k_h × k_w × in_ch)
    assert found["conv2d"]["macs"] == 8 * 8 * 5 * (3 * 3 * 1)  # 2,880
    assert found["conv2d_1"]["macs"] == 6 * 6 * 2 * (3 * 3 * 5)  # 3,240
    assert found["activation"]["macs"] == 0  # activations: no multiplications by weights
    assert summary(ROOT / "specs" / "lecture-example-2.yaml")["total_macs"] == 2_880 + 3_240


def test_no_max_pool_macs():
    data = summary(ROOT / "specs" / "lecture-no-max-pool.yaml")
    found = {row["name"]: row["macs"] for row in data["layers"]}
    expected = {
        "conv2d": 26 * 26 * 32 * (3 * 3 * 1),  # 194,688
        "conv2d_1": 24 * 24 * 64 * (3 * 3 * 32),  # 10,616,832
        "conv2d_2": 22 * 22 * 64 * (3 * 3 * 64),  # 17,842,176
        "flatten": 0,
        "dense": 30_976 * 1,  # in_features × units (the bias is not a multiplication)
    }
    assert found == expected
    assert data["total_macs"] == sum(expected.values())


def test_strided_same_conv_macs(tmp_path):
    spec = write_spec(tmp_path, "input: [11, 11, 3]\nlayers:\n  - Conv2D: [4, 3]\n    strides: 2\n    padding: same\n")
    (row,) = summary(spec)["layers"]
    assert row["macs"] == 6 * 6 * 4 * (3 * 3 * 3)  # ceil(11 / 2) = 6 positions per axis


def test_grouped_depthwise_separable_dense_macs(tmp_path):
    spec = write_spec(tmp_path, "input: [8, 8, 4]\nlayers:\n"
                      "  - Conv2D: [8, 3]\n    groups: 2\n"          # 6×6 out, 4/2 = 2 channels per group
                      "  - DepthwiseConv2D: 3\n    depth_multiplier: 2\n"  # 4×4 out, 8 × 2 channels
                      "  - SeparableConv2D: [5, 3]\n"               # 2×2 out, from 16 channels
                      "  - Dense: 7\n")                             # on the last axis, 2×2 positions
    found = {row["name"]: row["macs"] for row in summary(spec)["layers"]}
    assert found["conv2d"] == 6 * 6 * 8 * (3 * 3 * 2)
    assert found["depthwise_conv2d"] == 4 * 4 * (8 * 2) * (3 * 3)
    assert found["separable_conv2d"] == 2 * 2 * 16 * (3 * 3) + 2 * 2 * 16 * 5  # depthwise + pointwise
    assert found["dense"] == 2 * 2 * 5 * 7  # positions × in_features × units


def test_recurrent_and_pooling_macs(tmp_path):
    spec = write_spec(tmp_path, "input: [20, 6]\nlayers:\n  - MaxPooling1D: 2\n  - LSTM: 4\n  - Dense: 3\n")
    found = {row["name"]: row["macs"] for row in summary(spec)["layers"]}
    assert found["max_pooling1d"] == 0
    assert found["lstm"] == 10 * 4 * (6 + 4) * 4  # steps × gates × (inputs + units) × units
    assert found["dense"] == 4 * 3


def test_receptive_field_and_jump():
    found = rows(ROOT / "specs" / "mnist-convnet.yaml")
    assert found["conv2d"]["receptive_field"] == {"size": [3, 3], "jump": [1, 1], "whole_input": False}
    assert found["max_pooling2d"]["receptive_field"]["jump"] == [2, 2]  # pooling doubles the jump
    assert found["conv2d_1"]["receptive_field"]["size"] == [8, 8]  # 4 + (3 − 1) × 2
    three = rows(ROOT / "specs" / "lecture-no-max-pool.yaml")
    assert three["conv2d_2"]["receptive_field"]["size"] == [7, 7]  # three stacked 3×3: 7×7


def test_activation_memory_and_kernel():
    found = rows(ROOT / "specs" / "lecture-example-2.yaml")
    assert found["input_layer"]["activation_memory"] == 10 * 10 * 1 * 4  # float32: 4 bytes
    assert found["conv2d"]["activation_memory"] == 8 * 8 * 5 * 4
    assert found["conv2d"]["kernel"] == [[3, 3, 1, 5]]
    assert found["activation"]["kernel"] == []
    mixed = rows(ROOT / "specs" / "lecture-example-2.yaml", "--dtype", "mixed_float16")
    assert mixed["conv2d"]["activation_memory"] == 8 * 8 * 5 * 2  # computes in float16
    assert mixed["input_layer"]["activation_memory"] == 10 * 10 * 1 * 4  # an Input stays float32


def test_a_layers_own_dtype_sizes_its_activations():
    found = rows(ROOT / "tests" / "cases" / "dtype-and-lora.yaml")
    assert found["conv2d"]["activation_memory"] == 6 * 6 * 8 * 2  # dtype: float16
    assert found["dense_2"]["activation_memory"] == 2 * 8  # dtype: float64


def test_the_keras_columns_are_untouched():
    """With --columns, each line of the table starts as Keras's line does (the table's
    right border apart), and Keras's totals lines follow unchanged."""
    spec = ROOT / "specs" / "mnist-convnet.yaml"
    keras = (GOLDEN / "mnist-convnet.cols200.out").read_text().splitlines()
    result = run_cli("summarize", spec, "--columns", ALL, columns="200")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    for mine, theirs in zip(lines, keras):
        assert mine.startswith(theirs[:-1]), (mine, theirs)
    assert lines[len(keras):] == [" Total MACs: 3,100,032 (per sample)",
                                  lines[len(keras) + 1]]
    assert lines[len(keras) - 3:len(keras)] == keras[-3:]
    assert "MACs" in lines[2] and "Receptive field" in lines[2] and "Kernel" in lines[2]


def test_default_output_has_no_extra_columns():
    spec = ROOT / "specs" / "mnist-convnet.yaml"
    assert run_cli("summarize", spec).output == (GOLDEN / "mnist-convnet.cols200.out").read_text()
    assert "macs" not in run_cli("summarize", spec, "--format", "json").output


def test_bad_columns():
    spec = ROOT / "specs" / "mnist-convnet.yaml"
    result = run_cli("summarize", spec, "--columns", "mac")
    assert result.exit_code == 2 and "Did you mean 'macs'" in result.output
    result = run_cli("summarize", spec, "--columns", "macs", "--style", "keras2")
    assert result.exit_code == 2 and "--columns" in result.output


@pytest.mark.parametrize("fmt", ["markdown", "csv"])
def test_reports_carry_the_columns(fmt):
    result = run_cli("summarize", ROOT / "specs" / "lecture-example-2.yaml", "--columns", "macs", "--format", fmt)
    assert result.exit_code == 0
    assert "2,880" in result.output or "2880" in result.output  # conv2d: 8 × 8 × 5 × 9
