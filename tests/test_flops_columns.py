"""summarize --columns flops, params_percent, input_shape, and kernel's groups. Each
expected figure comes from elsewhere than convcalc: FLOPs from PyTorch's own counter
(torch.utils.flop_counter.FlopCounterMode, 2 FLOPs per multiply-add) run on the
equivalent torch layers; percents and input shapes from the figures real Keras printed
(tests/golden/*.json); kernel shapes by Keras's rule (k_h, k_w, in / groups, filters)."""

import json

import pytest

from conftest import GOLDEN, ROOT, run_cli, write_spec


def layers(spec, columns, *options):
    result = run_cli("summarize", spec, "--format", "json", "--columns", columns, *options)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    return {row["name"]: row for row in data["layers"]}, data


def torch_flops(module, shape):
    """What PyTorch's flop counter counts for one sample through `module` (NCHW input)."""
    import torch  # the test extra's (setup.cfg): a missing torch fails, never skips
    from torch.utils.flop_counter import FlopCounterMode

    counter = FlopCounterMode(display=False)
    with counter, torch.no_grad():
        module(torch.zeros(1, *shape))
    return counter.get_total_flops()


def test_flops_are_pytorchs_flop_counter_on_the_same_layers(tmp_path):
    import torch.nn as nn

    spec = write_spec(tmp_path, "input: [11, 11, 4]\nlayers:\n"
                      "  - Conv2D: [8, 3]\n    strides: 2\n    padding: same\n"   # 11 -> 6, as torch's padding 1
                      "  - Conv2D: [6, 3]\n    groups: 2\n"                      # 6 -> 4, grouped
                      "  - DepthwiseConv2D: 3\n    depth_multiplier: 2\n"        # 4 -> 2, 6 -> 12 channels
                      "  - Flatten\n"
                      "  - Dense: 5\n")
    found, data = layers(spec, "flops,macs")
    expected = {
        "conv2d": torch_flops(nn.Conv2d(4, 8, 3, stride=2, padding=1), (4, 11, 11)),
        "conv2d_1": torch_flops(nn.Conv2d(8, 6, 3, groups=2), (8, 6, 6)),
        "depthwise_conv2d": torch_flops(nn.Conv2d(6, 12, 3, groups=6), (6, 4, 4)),
        "flatten": 0,
        "dense": torch_flops(nn.Linear(2 * 2 * 12, 5), (2 * 2 * 12,)),
    }
    assert {name: row["flops"] for name, row in found.items()} == expected
    assert all(row["flops"] == 2 * row["macs"] for row in found.values())
    assert data["total_flops"] == sum(expected.values())


def test_flops_of_dense_on_a_sequence_and_of_conv1d(tmp_path):
    import torch.nn as nn

    spec = write_spec(tmp_path, "input: [7, 10]\nlayers:\n  - Dense: 4\n  - Conv1D: [3, 2]\n")
    found, _ = layers(spec, "flops")
    assert found["dense"]["flops"] == torch_flops(nn.Linear(10, 4), (7, 10))  # every position
    assert found["conv1d"]["flops"] == torch_flops(nn.Conv1d(4, 3, 2), (4, 7))


def test_flops_header_and_totals_name_both_conventions():
    result = run_cli("summarize", ROOT / "specs" / "lecture-example-2.yaml", "--columns", "flops")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert "FLOPs (2×MACs)" in lines[2]
    total = lines[-1]
    # conv2d 8·8·5·9 and conv2d_1 6·6·2·45 multiply-adds, 2 FLOPs each
    assert total.startswith(f" Total FLOPs: {2 * (8 * 8 * 5 * 9 + 6 * 6 * 2 * 45):,} (per sample, 2 per multiply-add")
    assert "fvcore, ptflops and thop count 1" in total


@pytest.mark.parametrize("stem", ["mnist-convnet", "nested-models", "graph-residual-block"])
def test_params_percent_is_each_rows_share_of_keras_total(stem):
    keras = json.loads((GOLDEN / f"{stem}.json").read_text())
    spec = next(p for p in [ROOT / "specs" / f"{stem}.yaml", ROOT / "tests" / "cases" / f"{stem}.yaml"] if p.exists())
    found, _ = layers(spec, "params_percent")
    for row in keras["layers"]:
        expected = 100 * row["params"] / keras["total_params"]
        assert found[row["name"]]["params_percent"] == pytest.approx(expected), row["name"]


def test_params_percent_text():
    result = run_cli("summarize", ROOT / "specs" / "mnist-convnet.yaml", "--columns", "params_percent")
    keras = json.loads((GOLDEN / "mnist-convnet.json").read_text())
    dense = next(row for row in keras["layers"] if row["name"] == "dense")
    share = f"{100 * dense['params'] / keras['total_params']:.2f}%"
    line = next(line for line in result.output.splitlines() if line.startswith("│ dense "))
    assert line.rstrip("│ ").endswith(share)
    flatten = next(line for line in result.output.splitlines() if line.startswith("│ flatten "))
    assert flatten.rstrip("│ ").endswith("-")  # no params: no share


def test_input_shape_is_the_previous_rows_output_in_keras():
    keras = json.loads((GOLDEN / "mnist-convnet.json").read_text())["layers"]
    found, _ = layers(ROOT / "specs" / "mnist-convnet.yaml", "input_shape")
    assert found["conv2d"]["input_shape"] == [[None, 28, 28, 1]]  # the spec's input
    for before, row in zip(keras, keras[1:]):
        assert found[row["name"]]["input_shape"] == before["output_shapes"], row["name"]


def test_input_shape_of_a_merge_lists_each_input():
    keras = {row["name"]: row for row in json.loads((GOLDEN / "nested-shared-encoder.json").read_text())["layers"]}
    found, _ = layers(ROOT / "tests" / "cases" / "nested-shared-encoder.yaml", "input_shape")
    assert found["subtract"]["input_shape"] == keras["code_a"]["output_shapes"] + keras["encoder"]["output_shapes"]
    assert found["a"]["input_shape"] == []  # an InputLayer has no inputs
    text = run_cli("summarize", ROOT / "tests" / "cases" / "nested-shared-encoder.yaml", "--columns", "input_shape",
                   columns="250").output
    assert "[(None, 4), (None, 4)]" in text


def test_kernel_shows_groups(tmp_path):
    spec = write_spec(tmp_path, "input: [8, 8, 4]\nlayers:\n  - Conv2D: [8, 3]\n    groups: 2\n  - Conv2D: [5, 1]\n")
    found, _ = layers(spec, "kernel")
    assert found["conv2d"]["kernel"] == [[3, 3, 4 // 2, 8]] and found["conv2d"]["kernel_groups"] == 2
    assert found["conv2d_1"]["kernel_groups"] == 1
    text = run_cli("summarize", spec, "--columns", "kernel").output
    assert "(3, 3, 2, 8), groups=2" in text
    assert "(1, 1, 8, 5) " in text  # ungrouped: the shape alone
