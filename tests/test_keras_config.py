"""Reading Keras model configs (convcalc/read/keras_config.py): what is mapped, what is
dropped, what is refused by name, and .keras archives whose weights are never read.

Expected summaries are the goldens Keras wrote (tests/golden/, scripts/gen_goldens.py);
the configs edited here are Keras's own (tests/configs/), changed one key at a time.
"""

import json
import zipfile

import pytest

from conftest import GOLDEN, ROOT, run_cli
from convcalc.errors import SpecError
from convcalc.read import read_model
from convcalc.read.keras_config import graph_from_config

CONFIGS = ROOT / "tests" / "configs"


def config(name):
    return json.loads((CONFIGS / name).read_text())


def write_json(tmp_path, data, name="model.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data))
    return path


def error(path):
    result = run_cli("summarize", path)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    return result.output


def layer_entry(data, name):
    return next(e for e in data["config"]["layers"] if e["name"] == name)


def test_config_maps_onto_the_graph():
    graph = read_model(CONFIGS / "graph-shared-siamese.json")
    assert graph.api == "functional" and [i.name for i in graph.inputs] == ["left", "right"]
    encoder = graph.layers[0]
    assert encoder.class_name == "Dense" and encoder.kwargs["name"] == "encoder" and encoder.inputs == "left"
    assert graph.layers[1].use == "encoder" and graph.layers[1].inputs == "right"  # its second call
    assert graph.layers[2].inputs == "encoder[0][0]"  # the first call, after the second
    assert encoder.kwargs["dtype"] == "float32"  # the DTypePolicy dict -> its name
    assert encoder.kwargs["kernel_initializer"]["class_name"] == "GlorotUniform"  # passed through


def test_input_layer_batch_shape_and_batch_size():
    graph = read_model(CONFIGS / "batch-size-and-name.json")
    assert graph.batch_size is not None and all(len(i.shape) >= 1 for i in graph.inputs)
    sequential = read_model(CONFIGS / "lecture-no-max-pool.json")
    assert sequential.api == "sequential" and sequential.inputs[0].shape == (28, 28, 1)


def test_dtype_policies_become_names():
    graph = read_model(CONFIGS / "dtype-and-lora.json")
    assert {c.kwargs["dtype"] for c in graph.layers} >= {"float16", "mixed_float16", "float64"}


def test_serialize_only_keys_are_dropped():
    data = {"class_name": "Sequential", "config": {"name": "s", "layers": [
        {"module": "keras.layers", "class_name": "InputLayer", "config": {"batch_shape": [None, 4], "name": "i"}},
        {"module": "keras.layers", "class_name": "LayerNormalization",
         "config": {"name": "norm", "rms_scaling": False, "epsilon": 0.001}},
    ]}}
    graph = graph_from_config(data)
    assert "rms_scaling" not in graph.layers[0].kwargs and graph.layers[0].kwargs["epsilon"] == 0.001


def test_a_key_that_is_no_argument_is_an_error_with_the_layer(tmp_path):
    data = config("mnist-convnet.json")
    data["config"]["layers"][1]["config"]["fliters"] = 3
    message = error(write_json(tmp_path, data))
    assert "layer 1 'conv2d' (Conv2D): Conv2D has no keyword 'fliters'. Did you mean 'filters'?" in message


@pytest.mark.parametrize("class_name, module, registered, expected", [
    ("Lambda", "keras.layers", None, "Lambda wraps Python code"),
    ("MyScale", "my_project.layers", "MyProject>MyScale",
     "MyScale is a custom class from my_project.layers (registered as 'MyProject>MyScale')"),
    ("Cumsum", "keras.src.ops.numpy", "Cumsum", "the keras.ops operation Cumsum (keras.src.ops.numpy): convcalc has no rule"),
    ("TFOpLambda", None, None, "TFOpLambda wraps a TensorFlow op"),
    ("FixedDropout", "keras.src.applications.efficientnet", "FixedDropout",
     "FixedDropout is a layer class of keras.applications (keras.src.applications.efficientnet) that convcalc has no rule for"),
])
def test_code_custom_classes_and_ops_are_refused_by_name(tmp_path, class_name, module, registered, expected):
    data = config("graph-residual-block.json")
    entry = data["config"]["layers"][1]
    entry["class_name"], entry["registered_name"] = class_name, registered
    if module is None:
        entry.pop("module")
    else:
        entry["module"] = module
    message = error(write_json(tmp_path, data))
    assert expected in message and f"'{entry['name']}'" in message, message


def test_a_subclassed_model_is_refused(tmp_path):
    data = {"module": "my_models", "class_name": "ResNetish", "config": {"units": 3}, "registered_name": "ResNetish"}
    assert "is a 'ResNetish', not a Sequential or Functional model" in error(write_json(tmp_path, data))


def test_invalid_json_has_its_line(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"class_name": "Sequential",\n "config": {"layers": [}\n')
    assert f"{path}:2: invalid JSON" in error(path)


def test_not_a_model_config(tmp_path):
    assert "not a Keras model config" in error(write_json(tmp_path, {"hello": 1}))


def test_a_loop_in_the_graph_is_reported(tmp_path):
    data = config("graph-residual-block.json")
    first = next(e for e in data["config"]["layers"] if e["inbound_nodes"])
    last = data["config"]["layers"][-1]
    history = first["inbound_nodes"][0]["args"][0]["config"]["keras_history"]
    history[:] = [last["name"], 0, 0]
    assert "the layers' calls cannot be ordered" in error(write_json(tmp_path, data))


def test_bare_get_config_dict_is_read():
    data = config("two-heads.json")
    graph = graph_from_config(data["config"])
    assert graph.api == "functional" and graph.name == data["config"]["name"]


# -- .keras archives -----------------------------------------------------------------------
def test_keras_archive_reads_config_json_only(tmp_path, monkeypatch):
    opened = []
    original = zipfile.ZipFile.open

    def spy(self, name, *args, **kwargs):
        opened.append(name.filename if isinstance(name, zipfile.ZipInfo) else name)
        return original(self, name, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", spy)
    graph = read_model(CONFIGS / "nested-models.keras")
    assert opened == ["config.json"] and graph.layers
    with zipfile.ZipFile(CONFIGS / "nested-models.keras") as archive:  # the weights are there
        assert "model.weights.h5" in archive.namelist()


def test_keras_archive_with_broken_weights_reads_the_same(tmp_path):
    """The weights file is never touched: garbage in its place changes nothing."""
    source = CONFIGS / "lecture-example-2.keras"
    broken = tmp_path / "broken.keras"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(broken, "w") as new:
        for name in old.namelist():
            new.writestr(name, b"not hdf5 at all" if name.endswith(".h5") else old.read(name))
    result = run_cli("summarize", broken)
    assert result.exit_code == 0, result.output
    assert result.output == (GOLDEN / "lecture-example-2.keras.cols200.out").read_text()


def test_keras_archive_errors(tmp_path):
    not_zip = tmp_path / "model.keras"
    not_zip.write_text("hello")
    assert "not a readable .keras archive" in error(not_zip)
    no_config = tmp_path / "empty.keras"
    with zipfile.ZipFile(no_config, "w") as archive:
        archive.writestr("model.weights.h5", b"")
    assert "the archive holds no config.json" in error(no_config)


def test_model_option_is_for_code_only():
    result = run_cli("summarize", CONFIGS / "mnist-convnet.json", "--model", "x")
    assert result.exit_code == 2 and "picks one of the models a .py file builds" in result.output


def test_every_kind_of_file_at_once():
    """YAML, code, config and archive of the same lecture example print the same table."""
    files = [ROOT / "specs" / "lecture-example-2.yaml", ROOT / "tests" / "code" / "lecture-example-2.py",
             CONFIGS / "lecture-example-2.json", CONFIGS / "lecture-example-2.keras"]
    result = run_cli("summarize", *files)
    assert result.exit_code == 0, result.output
    expected = "".join((GOLDEN / f"{name}.cols200.out").read_text() for name in (
        "lecture-example-2", "lecture-example-2.py", "lecture-example-2.json", "lecture-example-2.keras"))
    assert result.output == expected


def test_reading_errors_are_spec_errors(tmp_path):
    with pytest.raises(SpecError):
        read_model(write_json(tmp_path, [1, 2, 3]))


@pytest.mark.parametrize("path", [
    "tests/code/tf-keras-sequential-list.py", "tests/configs/nested-models.json", "tests/configs/nested-models.keras",
])
def test_other_readers_import_no_framework(path):
    """Reading code that imports TensorFlow, or a Keras config, imports no framework."""
    from test_no_tensorflow import imported_frameworks

    for command in (["summarize", path], ["import", path]):
        code, loaded, done = imported_frameworks(*command)
        assert code == 0, done.stderr
        assert loaded == [], f"convcalc imported {loaded}"
