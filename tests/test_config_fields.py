"""A Keras model config whose fields have the wrong type (issue 12): each field is checked
where it is read, and the message names its path in the config, never a traceback."""

import json

import pytest

from conftest import ROOT, run_cli

CONFIGS = ROOT / "tests" / "configs"


def residual():
    return json.loads((CONFIGS / "graph-residual-block.json").read_text())


def first_arg(data, layer=3):
    return data["config"]["layers"][layer]["inbound_nodes"][0]["args"][0]


def set_module(data):
    data["config"]["layers"][3]["module"] = 7


def set_class_name(data):
    data["config"]["layers"][3]["class_name"] = ["Activation"]


def set_history_name(data):
    first_arg(data)["config"]["keras_history"][0] = ["bn"]


def set_tensor_config(data):
    first_arg(data)["config"] = "a string"


def set_node_kwargs(data):
    data["config"]["layers"][3]["inbound_nodes"][0]["kwargs"] = [1, 2]


def set_node_args(data):
    data["config"]["layers"][3]["inbound_nodes"][0]["args"] = 5


def set_file_module(data):
    data["module"] = {"a": 1}


def set_input_shape(data):
    data["config"]["layers"][0]["config"]["batch_shape"] = [None, "32", 32, 3]


def set_history_short(data):
    first_arg(data)["config"]["keras_history"] = ["bn", 0]


def set_config_name(data):
    data["config"]["layers"][3]["config"]["name"] = 3


@pytest.mark.parametrize("change, path", [
    (set_module, "layers[3].module must be a string; got 7"),
    (set_class_name, "layers[3].class_name must be a string; got ['Activation']"),
    (set_history_name, "layers[3].inbound_nodes[0].args[0].config.keras_history[0] must be a layer's name"),
    (set_tensor_config, "layers[3].inbound_nodes[0].args[0].config must be an object with a keras_history"),
    (set_node_kwargs, "layers[3].inbound_nodes[0].kwargs must be an object; got [1, 2]"),
    (set_node_args, "layers[3].inbound_nodes[0].args must be a list; got 5"),
    (set_file_module, "the file's module must be a string"),
    (set_input_shape, "layers[0].config.batch_shape[1:] must be a list of whole numbers, 0 or more"),
    (set_history_short, "layers[3].inbound_nodes[0].args[0].config.keras_history must be [layer, node, tensor]"),
    (set_config_name, "layers[3].config.name must be a string; got 3"),
])
def test_a_field_of_the_wrong_type_is_named_by_its_path(tmp_path, change, path):
    data = residual()
    change(data)
    spec = tmp_path / "model.json"
    spec.write_text(json.dumps(data))
    result = run_cli("summarize", spec)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and result.exception.__class__ is SystemExit
    assert path in result.stderr, result.stderr
    assert result.stderr.startswith(f"convcalc: error: {spec}:")


def test_a_nested_models_fields_are_named_from_the_file(tmp_path):
    data = json.loads((CONFIGS / "nested-models.json").read_text())
    nested = next(i for i, e in enumerate(data["config"]["layers"]) if e["class_name"] in ("Sequential", "Functional"))
    data["config"]["layers"][nested]["config"]["layers"][1]["module"] = 1.5
    spec = tmp_path / "model.json"
    spec.write_text(json.dumps(data))
    result = run_cli("summarize", spec)
    assert result.exit_code == 2
    assert f"layers[{nested}].config.layers[1].module must be a string; got 1.5" in result.stderr, result.stderr
