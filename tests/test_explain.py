"""convcalc explain: each derivation checked against the hand derivation of the lecture
(convolution-lecture.md) or against arithmetic written out here. Every expected number
below is computed by hand in the test (its formula beside it), never read from convcalc.
"""

import json
import math
import re

import pytest

from conftest import ROOT, run_cli, summarize_json, write_spec

SPECS = sorted((ROOT / "specs").glob("*.yaml")) + sorted((ROOT / "tests" / "cases").glob("*.yaml"))


def explain(path, *options):
    result = run_cli("explain", path, "--format", "json", *options)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def layers(path):
    return {layer["name"]: layer for layer in explain(path)["layers"]}


def one_layer(tmp_path, input_shape, entry):
    spec = write_spec(tmp_path, f"input: {list(input_shape)}\nlayers:\n  - {entry}\n".replace("None", "null"))
    (layer,) = explain(spec)["layers"]
    return layer


# -- the lecture's examples -------------------------------------------------------------


def test_lecture_example_1():
    conv = layers(ROOT / "specs" / "lecture-example-1.yaml")["conv2d"]
    assert conv["output"] == ["floor((10 − 3) / 1) + 1 = 8  →  (None, 8, 8, 1)"]
    assert conv["params"][0].startswith("(3 × 3 × 1 + 1) × 1 = 10  ")  # 3x3 kernel, 1 channel, a bias; 1 filter
    assert conv["param_count"] == (3 * 3 * 1 + 1) * 1 == 10


def test_lecture_example_2():
    found = layers(ROOT / "specs" / "lecture-example-2.yaml")
    assert found["conv2d"]["output"] == ["floor((10 − 3) / 1) + 1 = 8  →  (None, 8, 8, 5)"]
    assert found["conv2d"]["params"] == [
        "(3 × 3 × 1 + 1) × 5 = 50  (3×3 kernel over 1 channel, plus a bias, for each of 5 filters)"
    ]
    assert found["conv2d_1"]["output"] == ["floor((8 − 3) / 1) + 1 = 6  →  (None, 6, 6, 2)"]
    assert found["conv2d_1"]["params"][0].startswith("(3 × 3 × 5 + 1) × 2 = 92  ")  # (3*3*5 + 1) * 2 = 92


def test_lecture_example_3():
    found = layers(ROOT / "specs" / "lecture-example-3.yaml")
    assert found["conv2d"]["params"][0].startswith("(3 × 3 × 3 + 1) × 8 = 224  ")  # (27 + 1) * 8
    assert found["conv2d_1"]["params"][0].startswith("(3 × 3 × 8 + 1) × 1 = 73  ")  # (72 + 1) * 1
    assert found["conv2d"]["output"][-1].endswith("= 98  →  (None, 98, 98, 8)")  # 100 − 3 + 1


def test_lecture_example_4_conv1d():
    found = layers(ROOT / "specs" / "lecture-example-4.yaml")
    assert found["conv1d"]["params"][0].startswith("(3 × 5 + 1) × 8 = 128  (3-wide kernel over 5 channels")
    assert found["conv1d_1"]["params"][0].startswith("(3 × 8 + 1) × 1 = 25  ")  # (24 + 1) * 1
    assert found["conv1d"]["receptive_field"]["size"] == [3]


def test_lecture_no_max_pool_dense_head():
    """64 × (22 × 22) + 1 = 30,977: the Dense(1) head on the flattened 22×22×64 map."""
    found = layers(ROOT / "specs" / "lecture-no-max-pool.yaml")
    assert found["flatten"]["output"] == ["22 × 22 × 64 = 30,976  →  (None, 30976)"]
    head = found["dense"]
    assert head["param_count"] == 64 * 22 * 22 + 1 == 30_977
    assert head["params"][0].startswith("(22 × 22 × 64 + 1) × 1 = 30,977  ")


def test_three_stacked_3x3_convolutions_see_7x7():
    """The lecture: the 3×3 windows of the third layer see 7×7 windows of the input."""
    found = layers(ROOT / "specs" / "lecture-no-max-pool.yaml")
    sizes = [found[name]["receptive_field"]["size"] for name in ("conv2d", "conv2d_1", "conv2d_2")]
    assert sizes == [[3, 3], [5, 5], [7, 7]]  # 1 + 2, 3 + 2, 5 + 2
    assert found["conv2d_2"]["receptive_field"]["derivation"] == ["5 + (3 − 1) × 1 = 7, jump 1 × 1 = 1"]
    assert found["dense"]["receptive_field"]["whole_input"] is True


def test_pooling_doubles_the_jump():
    found = layers(ROOT / "specs" / "mnist-convnet.yaml")
    pool = found["max_pooling2d"]["receptive_field"]
    assert pool["size"] == [4, 4] and pool["jump"] == [2, 2]  # 3 + (2 − 1) × 1 = 4; jump 1 × 2
    after = found["conv2d_1"]["receptive_field"]
    assert after["size"] == [8, 8] and after["jump"] == [2, 2]  # 4 + (3 − 1) × 2 = 8
    second = found["max_pooling2d_1"]["receptive_field"]
    assert second["size"] == [10, 10] and second["jump"] == [4, 4]  # 8 + (2 − 1) × 2; 2 × 2
    assert found["conv2d_2"]["receptive_field"]["size"] == [18, 18]  # 10 + (3 − 1) × 4
    # the 3×3 positions of conv2d_2 see (3 − 1) × 4 + 18 = 26 rows: the 28×28 input's last 2 are never seen
    assert found["dense"]["receptive_field"]["size"] == [26, 26]


# -- padding, strides, dilation, groups ---------------------------------------------------------


def test_same_padding_with_strides_is_a_ceiling(tmp_path):
    layer = one_layer(tmp_path, (11, 11, 1), "Conv2D: [4, 3]\n    strides: 2\n    padding: same")
    assert layer["output"] == ["'same' padding: ceil(11 / 2) = 6  →  (None, 6, 6, 4)"]  # ceil(5.5)
    assert layer["receptive_field"]["size"] == [3, 3] and layer["receptive_field"]["jump"] == [2, 2]


def test_valid_padding_with_strides_is_a_floor(tmp_path):
    layer = one_layer(tmp_path, (11, 11, 1), "Conv2D: [4, 3]\n    strides: 2")
    assert layer["output"] == ["floor((11 − 3) / 2) + 1 = 5  →  (None, 5, 5, 4)"]  # floor(4) + 1


def test_axes_with_different_arithmetic_are_named(tmp_path):
    layer = one_layer(tmp_path, (11, 8, 1), "Conv2D: [4, [3, 1]]\n    strides: [2, 1]")
    assert layer["output"] == [
        "height: floor((11 − 3) / 2) + 1 = 5",
        "width: floor((8 − 1) / 1) + 1 = 8  →  (None, 5, 8, 4)",
    ]


def test_dilation_widens_the_kernel(tmp_path):
    layer = one_layer(tmp_path, (10, 10, 1), "Conv2D: [2, 3]\n    dilation_rate: 2")
    assert layer["output"] == [
        "dilated kernel: (3 − 1) × 2 + 1 = 5",
        "floor((10 − 5) / 1) + 1 = 6  →  (None, 6, 6, 2)",
    ]
    assert layer["params"][0].startswith("(3 × 3 × 1 + 1) × 2 = 20  ")  # dilation adds no weights
    assert layer["receptive_field"]["size"] == [5, 5]  # 1 + (5 − 1) × 1


def test_groups_divide_the_channels(tmp_path):
    layer = one_layer(tmp_path, (6, 6, 16), "Conv2D: [8, 3]\n    groups: 4")
    # each filter sees 16 / 4 = 4 channels: (3 × 3 × 4 + 1) × 8 = 296
    assert layer["params"] == [
        "(3 × 3 × 4 + 1) × 8 = 296  (3×3 kernel over 4 channels (16 channels / 4 groups), plus a bias, "
        "for each of 8 filters)"
    ]
    assert layer["macs"] == 4 * 4 * 8 * (3 * 3 * 4)  # output positions × filters × window


def test_no_bias(tmp_path):
    layer = one_layer(tmp_path, (5, 5, 2), "Conv2D: [3, 2]\n    use_bias: false")
    assert layer["params"][0].startswith("2 × 2 × 2 × 3 = 24  (2×2 kernel over 2 channels, no bias")


# -- depthwise and separable ------------------------------------------------------------


def test_depthwise(tmp_path):
    layer = one_layer(tmp_path, (8, 8, 4), "DepthwiseConv2D: 3\n    depth_multiplier: 2")
    # one 3×3 kernel and a bias per (channel, multiplier): (9 + 1) × 4 × 2 = 80
    assert layer["params"][0].startswith("(3 × 3 + 1) × 4 × 2 = 80  ")
    assert layer["output"][-1] == "channels: 4 × 2 (depth_multiplier) = 8  →  (None, 6, 6, 8)"
    assert layer["macs"] == 6 * 6 * 8 * 9  # output positions × channels × 3×3 window = 2,592


def test_separable(tmp_path):
    layer = one_layer(tmp_path, (8, 8, 4), "SeparableConv2D: [16, 3]")
    assert layer["params"] == [
        "depthwise: 3 × 3 × 4 = 36  (a 3×3 kernel for each of 4 channels)",
        "pointwise: (4 + 1) × 16 = 80  (a 1×1 kernel over 4 channels, plus a bias, for each of 16 filters)",
        "total: 36 + 80 = 116",
    ]
    # depthwise 6·6·4·9 = 1,296, then pointwise 6·6·16·4 = 2,304
    assert layer["macs"] == 6 * 6 * 4 * 9 + 6 * 6 * 16 * 4 == 3_600


# -- BatchNormalization, Dense, pooling, reshaping -------------------------------------


def test_batch_normalization_halves(tmp_path):
    layer = one_layer(tmp_path, (4, 4, 32), "BatchNormalization")
    assert layer["params"] == [
        "trainable: gamma + beta = 2 × 32 = 64  (a scale and an offset for each of 32 channels)",
        "non-trainable: moving_mean + moving_variance = 2 × 32 = 64  "
        "(running statistics: the layer updates them, not the optimizer)",
        "total: 64 + 64 = 128",
    ]
    assert (layer["trainable_params"], layer["non_trainable_params"]) == (64, 64)


def test_dense_on_a_rank_3_input(tmp_path):
    layer = one_layer(tmp_path, (5, 7, 3), "Dense: 4")
    assert layer["output"] == ["on the last axis: 3 features → 4 units, at each of the 5 × 7 positions  →  (None, 5, 7, 4)"]
    assert layer["params"][0].startswith("(3 + 1) × 4 = 16  ")  # the same kernel at every position
    assert layer["macs"] == 5 * 7 * 3 * 4


def test_pooling_has_no_weights(tmp_path):
    layer = one_layer(tmp_path, (26, 26, 32), "MaxPooling2D")
    assert layer["output"] == ["floor((26 − 2) / 2) + 1 = 13  →  (None, 13, 13, 32)"]  # the lecture's 26 → 13
    assert layer["param_count"] == 0 and layer["macs"] == 0


def test_zero_padding_and_reshape(tmp_path):
    padded = one_layer(tmp_path, (10, 9, 2), "ZeroPadding2D: [[[1, 2], [0, 3]]]")
    assert padded["output"] == ["height: 10 + 1 + 2 = 13", "width: 9 + 0 + 3 = 12  →  (None, 13, 12, 2)"]
    reshaped = one_layer(tmp_path, (6, 4), "Reshape: [[3, -1]]")
    assert reshaped["output"] == ["6 × 4 = 24 values", "−1: 24 / 3 = 8  →  (None, 3, 8)"]


def test_lstm_gates(tmp_path):
    layer = one_layer(tmp_path, (12, 10), "LSTM: 32")
    # 4 gates × ((inputs + units) × units + bias) = 4 × ((10 + 32) × 32 + 32) = 5,504
    assert layer["params"][0].startswith("4 × ((10 + 32) × 32 + 32) = 5,504  ")
    assert layer["param_count"] == 4 * ((10 + 32) * 32 + 32)
    assert layer["macs"] == 12 * 4 * (10 + 32) * 32  # steps × gates × (inputs + units) × units


# -- every layer, every formula ---------------------------------------------------------

ARITHMETIC = re.compile(r"^[0-9,()+×−/ .]+ = −?[0-9,]+$")  # after floor, ceil and max are taken out


def check_arithmetic(line):
    """A derivation line's formula, evaluated: its left side gives its right side."""
    body = line.split("  →  ")[0].split("  (")[0]
    while re.match(r"^[A-Za-z_' /\-]+: ", body):  # labels: 'height: ', "'same' padding: "
        body = body.split(": ", 1)[1]
    for part in re.split(r", (?=jump )", body):
        if part.startswith("jump "):
            part = part[len("jump "):]
        if not ARITHMETIC.match(re.sub(r"floor|ceil|max", "", part)):
            continue
        left, right = part.rsplit(" = ", 1)
        expression = left.replace("×", "*").replace("−", "-")
        expression = re.sub(r"(?<=\d),(?=\d{3})", "", expression)  # 30,976: thousands
        expression = expression.replace("floor", "math.floor").replace("ceil", "math.ceil")
        value = eval(expression, {"math": math, "max": max})  # noqa: S307 (digits and operators only: checked above)
        assert value == int(right.replace(",", "").replace("−", "-")), line
        yield part


def formula_mismatches(spec):
    """The layers whose params formula missed their weights: the text shows the generic
    listing instead (so the arithmetic above still checks), only the explanation's
    `mismatch` tells."""
    from convcalc.analysis.engine import analyze
    from convcalc.report.explain import explain_model
    from convcalc.read import read_model

    return [layer.mismatch for layer in explain_model(analyze(read_model(spec))).layers if layer.mismatch]


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
def test_every_layer_is_explained_and_every_formula_adds_up(spec):
    data = explain(spec)
    checked = 0
    for layer in data["layers"]:
        assert layer["output"] and layer["params"], layer["name"]
        shapes = layer["output_shapes"]
        assert layer["output"][-1].endswith("  →  " + (
            str(tuple(shapes[0])).replace("None", "None") if len(shapes) == 1 else
            "[" + ", ".join(str(tuple(s)) for s in shapes) + "]")), layer["name"]
        lines = layer["output"] + layer["params"] + layer["macs_derivation"]
        lines += (layer["receptive_field"] or {}).get("derivation", [])
        checked += sum(1 for line in lines for _ in check_arithmetic(line))
    nested = any(layer["class_name"] in ("Functional", "Sequential") for layer in data["layers"])
    assert formula_mismatches(spec) == []
    if spec.parent.name == "specs" and not nested:  # the lecture's: convolutions, every one checked
        assert checked >= 3 * len(data["layers"]) // 2


def test_one_layer_and_a_missing_one():
    spec = ROOT / "specs" / "lecture-example-2.yaml"
    data = explain(spec, "--layer", "conv2d_1")
    assert [layer["name"] for layer in data["layers"]] == ["conv2d_1"]
    result = run_cli("explain", spec, "--layer", "conv2d_9")
    assert result.exit_code == 2
    assert "no layer 'conv2d_9'" in result.output and "Traceback" not in result.output


def test_text_is_plain_when_piped():
    result = run_cli("explain", ROOT / "specs" / "lecture-example-2.yaml")
    assert result.exit_code == 0
    assert "\x1b[" not in result.output
    assert "  params:          (3 × 3 × 1 + 1) × 5 = 50  (3×3 kernel over 1 channel" in result.output
    assert "receptive field: 3 + (3 − 1) × 1 = 5, jump 1 × 1 = 1  →  5×5, jump 1×1" in result.output


def test_a_rule_subclass_derives_as_the_class_it_refines():
    """The derivations are the rule's methods: a rule class without its own derives as
    its nearest ancestor does (a subclass of Conv2D as Conv2D); one whose ancestors derive
    nothing gets the generic ones (each weight's shape product, MACs not counted)."""
    from convcalc.layers.base import Call, Layer, Weight
    from convcalc.layers.conv import Conv2D

    class MyConv(Conv2D):
        pass

    class Unknown(Layer):
        pass

    conv = MyConv("Conv2D", {"filters": 1, "kernel_size": 3, "strides": 1, "padding": "valid",
                             "data_format": None, "dilation_rate": 1, "groups": 1,
                             "activation": None, "use_bias": True, "lora_rank": None})
    call = Call("MyConv", [(None, 5, 5, 1)], [(None, 3, 3, 1)], conv.build((None, 5, 5, 1)))
    assert conv.param_formula(call) == (
        ["(3 × 3 × 1 + 1) × 1 = 10  (3×3 kernel over 1 channel, plus a bias, for the one filter)"], 10)
    assert conv.macs(call)[0] == 3 * 3 * 1 * (3 * 3 * 1)  # output positions × filters × window
    assert conv.field_step(call, [None])[0] is None  # its input's field unknown: so is its own
    unknown = Unknown("Unknown", {})
    call = Call("Unknown", [(None, 2)], [(None, 3)], [Weight("kernel", (2, 3)), Weight("bias", (3,))])
    assert unknown.param_formula(call) == (["kernel: 2 × 3 = 6", "bias: 3", "total: 6 + 3 = 9"], 9)
    assert unknown.macs(call) == (None, ["not counted: convcalc has no MAC rule for Unknown"])
    assert unknown.field_step(call, [None]) == (None, ["not tracked through Unknown"])


def test_an_application_sums_its_params_by_class(tmp_path):
    """ResNet50's 106 layers with weights are summed per class (53 + 53), not named one by one;
    the sum is the params of its row (tests/test_applications_keras.py checks those)."""
    spec = write_spec(tmp_path, "layers:\n  - ResNet50: {include_top: false, input_shape: [64, 64, 3]}\n"
                                "    trainable: false\n  - Flatten\n")
    (params_line, frozen) = explain(spec)["layers"][0]["params"]
    total = summarize_json(spec)["layers"][0]["params"]
    assert re.fullmatch(r"its layers' by class: [\d,]+ \+ [\d,]+ = ([\d,]+)  "
                        r"\(53 Conv2D [\d,]+, 53 BatchNormalization [\d,]+\)", params_line)
    assert params_line.split(" = ")[1].startswith(f"{total:,}  (")
    assert len(list(check_arithmetic(params_line))) == 1
    assert f"{total:,} are non-trainable" in frozen


def test_explain_imports_are_acyclic():
    """The modules of convcalc/report/explain import each other without a cycle (lazy imports
    inside functions included)."""
    import ast
    from pathlib import Path

    import convcalc.report.explain

    root = Path(convcalc.report.explain.__file__).parent
    graph = {}
    for path in root.glob("*.py"):
        deps = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("convcalc.report.explain."):
                deps.add(node.module.rsplit(".", 1)[1])
            elif isinstance(node, ast.ImportFrom) and node.module == "convcalc.report.explain":
                deps |= {alias.name for alias in node.names}
            elif isinstance(node, ast.Import):
                deps |= {a.name.rsplit(".", 1)[1] for a in node.names if a.name.startswith("convcalc.report.explain.")}
        graph[path.stem] = deps - {path.stem}
    state = {}

    def visit(module, path):
        state[module] = "open"
        for dep in sorted(graph.get(module, ())):
            assert state.get(dep) != "open", "import cycle: " + " -> ".join([*path, module, dep])
            if dep not in state:
                visit(dep, [*path, module])
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [])


def test_a_formula_that_misses_the_weights_is_recorded(tmp_path, monkeypatch):
    """A wrong formula falls back to the listing for the reader, and is recorded for tests."""
    from convcalc.layers.core import Dense

    spec = write_spec(tmp_path, "input: [4]\nlayers:\n  - Dense: 3\n")
    assert formula_mismatches(spec) == []
    real = Dense.param_formula

    def off_by_one(self, call):
        lines, total = real(self, call)
        return lines, total + 1

    monkeypatch.setattr(Dense, "param_formula", off_by_one)
    assert formula_mismatches(spec) == ["dense (Dense): the formula gives 16, the weights hold 15"]
    (layer,) = explain(spec)["layers"]
    assert layer["params"] == ["kernel: 4 × 3 = 12", "bias: 3", "total: 12 + 3 = 15"]
