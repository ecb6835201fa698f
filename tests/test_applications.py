"""Every model of keras.applications, as a Keras config: convcalc's summary is Keras's.

tests/applications/ holds, for each application (scripts/gen_applications.py, which
builds it with Keras: weights=None, default arguments, a fresh session), its
`model.to_json()` (NAME.json.gz), what Keras's model.summary() printed (NAME.out.gz) and
Keras's own figures (NAME.figures.json.gz). A stored file missing is a failure.

They hold the classes keras.layers does not export (ConvNeXt's LayerScale, Inception-
ResNet-V2's CustomScaleLayer) and keras.ops operations (MobileNetV3's `x + 3.0`,
ConvNeXt's residual `a + b`), whose graph form other readers produce too: checked here.
"""

import gzip
import importlib.util
import json

import pytest

from conftest import ROOT, run_cli
from convcalc.analysis.engine import analyze
from convcalc.graph import LayerCall, ModelGraph, ModelInput
from convcalc.read import read_model

STORED = ROOT / "tests" / "applications"


def _generator():
    spec = importlib.util.spec_from_file_location("gen_applications", ROOT / "scripts" / "gen_applications.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # imports no framework: Keras only in its main()
    return module


GENERATOR = _generator()
NAMES = GENERATOR.APPLICATIONS


def stored(name, suffix):
    return STORED / f"{GENERATOR.file_stem(name)}{suffix}"


def gunzipped(path):
    return gzip.decompress(path.read_bytes()).decode()


def test_every_application_is_stored_and_nothing_else():
    assert len(NAMES) == 40
    expected = {stored(n, s).name for n in NAMES for s in (".json.gz", ".out.gz", ".figures.json.gz")}
    present = {p.name for p in STORED.iterdir()}
    assert expected - present == set(), "run scripts/gen_applications.py"
    assert present - expected == set(), "files of no application in keras.applications"


@pytest.mark.parametrize("name", NAMES)
def test_summary_is_keras(name):
    """The table byte for byte (COLUMNS=200, as the script ran Keras), and every figure."""
    table = run_cli("summarize", stored(name, ".json.gz"), columns=GENERATOR.COLUMNS)
    assert table.exit_code == 0, table.output
    assert table.output == gunzipped(stored(name, ".out.gz"))
    figures = run_cli("summarize", stored(name, ".json.gz"), "--format", "json")
    assert figures.exit_code == 0, figures.output
    assert json.loads(figures.output) == json.loads(gunzipped(stored(name, ".figures.json.gz")))


def calls(graph, class_name):
    return [c for c in graph.layers if c.class_name == class_name]


def test_operations_in_the_graph():
    """x + 3.0 is an ops.Add call on [x] with the constant x2; a + b one on [a, b]."""
    mobilenet = read_model(stored("MobileNetV3Small", ".json.gz"))
    add = calls(mobilenet, "ops.Add")[0]
    assert add.kwargs == {"name": "add", "x2": 3.0} and isinstance(add.inputs, list) and len(add.inputs) == 1
    assert calls(mobilenet, "ops.Multiply")[0].kwargs["x2"] == pytest.approx(1 / 6)
    convnext = read_model(stored("ConvNeXtTiny", ".json.gz"))
    residual = calls(convnext, "ops.Add")[0]
    assert len(residual.inputs) == 2 and set(residual.kwargs) == {"name"}


def test_application_layers_in_the_graph():
    convnext = read_model(stored("ConvNeXtTiny", ".json.gz"))
    scale = calls(convnext, "LayerScale")[0].kwargs
    assert (scale["init_values"], scale["projection_dim"]) == (1e-6, 96)
    inception = read_model(stored("InceptionResNetV2", ".json.gz"))
    custom = calls(inception, "CustomScaleLayer")[0]
    assert custom.kwargs["scale"] == 0.17 and len(custom.inputs) == 2


def test_a_graph_of_unnamed_calls_matches_the_stored_config():
    """A reader that builds the graph itself (no names, constants as keywords) gets the
    rows Keras printed for the same calls: MobileNetV3Small's first block,
    Conv2D -> hard_sigmoid (x + 3.0, ReLU6, x * (1/6)) -> Multiply, auto-named."""
    keras_rows = json.loads(gunzipped(stored("MobileNetV3Small", ".figures.json.gz")))["layers"]
    wanted = ["add", "re_lu_1", "multiply"]
    expected = [(r["name"], r["class_name"], r["output_shapes"], r["params"]) for r in keras_rows if r["name"] in wanted]
    hard_sigmoid = [
        LayerCall("ops.Add", inputs=["input_layer"], kwargs={"x2": 3.0}, position=1),
        LayerCall("ReLU", kwargs={"max_value": 6.0}, position=2),  # auto-named re_lu: Keras's is re_lu_1
        LayerCall("ops.Multiply", kwargs={"x2": 1 / 6}, inputs=["re_lu[0]"], position=3),
    ]
    model = analyze(ModelGraph(hard_sigmoid, "functional", inputs=[ModelInput("input_layer", (1, 1, 16))]))
    rows = [(l.name, l.class_name, [list(s) for s in l.output_shapes], l.params) for l in model.layers[1:]]
    assert rows == [(n.replace("re_lu_1", "re_lu"), c, s, p) for n, c, s, p in expected]


def test_layer_scale_and_custom_scale_from_a_graph():
    """LayerScale's gamma and CustomScaleLayer's sum, as the stored ConvNeXt and
    Inception-ResNet-V2 rows give them (Keras's figures)."""
    convnext = {r["name"]: r for r in json.loads(gunzipped(stored("ConvNeXtTiny", ".figures.json.gz")))["layers"]}
    row = convnext["convnext_tiny_stage_0_block_0_layer_scale"]
    graph = ModelGraph([LayerCall("LayerScale", kwargs={"init_values": 1e-6, "projection_dim": 96}, position=1)],
                       "functional", inputs=[ModelInput(None, tuple(row["output_shapes"][0][1:]))])
    layer = analyze(graph).layers[1]
    assert (layer.name, layer.params, [list(s) for s in layer.output_shapes]) == (
        "layer_scale", row["params"], row["output_shapes"])


@pytest.mark.parametrize("edit, expected", [
    (lambda e: e.update(class_name="Cumsum", registered_name="Cumsum"),
     "the keras.ops operation Cumsum (keras.src.ops.numpy): convcalc has no rule for it"),
    (lambda e: e["inbound_nodes"][0]["args"].__setitem__(1, "three"),
     "Add's operand 'x2' is 'three': not a number, nor a tensor"),
    (lambda e: e["inbound_nodes"][0]["args"].append(1.0),
     "the operation takes x1, x2"),
])
def test_operation_errors_name_the_layer(tmp_path, edit, expected):
    data = json.loads(gunzipped(stored("MobileNetV3Small", ".json.gz")))
    entry = next(e for e in data["config"]["layers"] if e["name"] == "add")
    edit(entry)
    path = tmp_path / "model.json"
    path.write_text(json.dumps(data))
    result = run_cli("summarize", path)
    assert result.exit_code == 2 and "Traceback" not in result.output, result.output
    assert expected in result.output and "'add'" in result.output, result.output


def test_a_gzipped_config_that_is_not_gzip(tmp_path):
    path = tmp_path / "model.json.gz"
    path.write_text("{}")
    result = run_cli("summarize", path)
    assert result.exit_code == 2 and "not a readable gzip file" in result.output, result.output


def test_operations_are_refused_in_the_keras2_layout():
    """tf-keras would list `x + 3.0` as a TFOpLambda layer: not modeled, said so."""
    result = run_cli("summarize", stored("MobileNetV3Small", ".json.gz"), "--style", "keras2")
    assert result.exit_code == 2 and "Traceback" not in result.output, result.output
    assert "'add' (ops.Add): tf-keras lists the keras.ops operation Add as a TFOpLambda layer" in result.output
