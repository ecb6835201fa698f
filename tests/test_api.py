"""The Python API (convcalc/api.py): the same text and figures as the command line, whose
goldens real Keras wrote (tests/golden/, scripts/gen_goldens.py)."""

import json
import subprocess
import sys

import pytest
import yaml

import convcalc
from conftest import CASES, GOLDEN, ROOT, run_cli

LECTURE2 = ROOT / "specs" / "lecture-example-2.yaml"
RESIDUAL = CASES / "graph-residual-block.yaml"
CODE = ROOT / "tests" / "code" / "lecture-example-2.py"


@pytest.fixture
def columns(monkeypatch):
    """The terminal width Keras (and convcalc) size the table by, as the goldens' COLUMNS."""
    def set_columns(value):
        monkeypatch.setenv("COLUMNS", value)
    return set_columns


@pytest.mark.parametrize("spec", [LECTURE2, RESIDUAL, CODE])
@pytest.mark.parametrize("width", ["80", "200"])
def test_str_is_what_keras_prints(spec, width, columns):
    columns(width)
    assert str(convcalc.summarize(spec)) == (GOLDEN / f"{spec.stem if spec.suffix == '.yaml' else spec.name}"
                                             f".cols{width}.out").read_text()


def test_keywords_are_keras_s_options(columns):
    columns("200")
    assert str(convcalc.summarize(LECTURE2, line_length=70)) == (GOLDEN / "lecture-example-2.ll70.out").read_text()
    assert str(convcalc.summarize(LECTURE2, show_trainable=True)) == \
        (GOLDEN / "lecture-example-2.trainable.out").read_text()
    assert str(convcalc.summarize(LECTURE2, layer_range=("conv2d", "(activation|flatten|max_pooling2d)"))) == \
        (GOLDEN / "lecture-example-2.range.out").read_text()
    assert str(convcalc.summarize(LECTURE2, dtype="float16")) == \
        (GOLDEN / "lecture-example-2.dtype-float16.out").read_text()
    assert str(convcalc.summarize(LECTURE2, style="keras2")) == (GOLDEN / "lecture-example-2.keras2.out").read_text()


def test_attributes_are_keras_s_figures():
    keras = json.loads((GOLDEN / "lecture-example-2.json").read_text())
    summary = convcalc.summarize(LECTURE2)
    assert summary.name == keras["model"] and summary.api == "functional"
    assert (summary.total_params, summary.trainable_params, summary.non_trainable_params) == \
        (keras["total_params"], keras["trainable_params"], keras["non_trainable_params"])
    assert [layer.name for layer in summary.layers] == [layer["name"] for layer in keras["layers"]]
    assert [layer.params for layer in summary.layers] == [layer["params"] for layer in keras["layers"]]
    assert [list(layer.output_shape) for layer in summary.layers] == [layer["output_shapes"][0]
                                                                      for layer in keras["layers"]]
    assert summary.layers[1].output_shape == tuple(keras["layers"][1]["output_shapes"][0])


@pytest.mark.parametrize("options, keywords", [
    ([], {}), (["--columns", "macs,kernel"], {"columns": "macs,kernel"}), (["--style", "keras2"], {"style": "keras2"}),
    (["--depth", "1"], {"depth": 1}), (["--memory"], {"memory": True}), (["--batch-size", "64"], {"batch_size": 64}),
    (["--optimizer", "SGD(momentum=0.9)"], {"optimizer": "SGD(momentum=0.9)"}),
])
def test_to_dict_is_the_cli_json(options, keywords):
    cli = run_cli("summarize", RESIDUAL, "--format", "json", *options)
    assert cli.exit_code == 0, cli.output
    summary = convcalc.summarize(RESIDUAL, **keywords)
    assert summary.to_dict() == json.loads(cli.output)
    assert summary.render("json") == cli.output


@pytest.mark.parametrize("fmt", ["markdown", "csv", "html", "svg"])
def test_render_is_the_cli_report(fmt):
    cli = run_cli("summarize", LECTURE2, "--format", fmt)
    assert convcalc.summarize(LECTURE2).render(fmt) == cli.output


def test_a_source_string_or_dict_is_the_file(columns):
    columns("80")
    expected = (GOLDEN / "lecture-example-2.cols80.out").read_text()
    assert str(convcalc.summarize(LECTURE2.read_text())) == expected
    assert str(convcalc.summarize(yaml.safe_load(LECTURE2.read_text()))) == expected
    assert str(convcalc.summarize(str(LECTURE2))) == expected
    python = CODE.read_text()
    assert str(convcalc.summarize(python)) == (GOLDEN / "lecture-example-2.py.cols80.out").read_text()
    as_tuples = {"api": "functional", "input": (10, 10, 1), "layers": [{"Convolution2D": (5, 3)}, {"Activation": "sigmoid"},
                                                  {"Convolution2D": (2, 3)}, {"Activation": "sigmoid"}]}
    assert str(convcalc.summarize(as_tuples)) == expected


@pytest.mark.parametrize("path, golden", [
    (ROOT / "tests" / "notebooks" / "tf-quickstart-beginner.ipynb", "tf-quickstart-beginner.ipynb.cols80.out"),
    (ROOT / "tests" / "configs" / "batch-size-and-name.json", "batch-size-and-name.json.cols80.out"),
])
def test_a_notebook_or_config_as_text_or_dict_is_the_file(columns, path, golden):
    columns("80")
    expected = (GOLDEN / golden).read_text()
    assert str(convcalc.summarize(path.read_text())) == expected
    assert str(convcalc.summarize(json.loads(path.read_text()))) == expected


def test_a_yaml_flow_mapping_is_still_a_spec(columns):
    columns("80")
    flow = json.dumps(yaml.safe_load(LECTURE2.read_text())).replace('"', "")  # {input: [10, 10, 1], ...}
    assert str(convcalc.summarize(flow)) == (GOLDEN / "lecture-example-2.cols80.out").read_text()


BAD = "input: [10, 10, 1]\nlayers:\n  - Conv2D: [5, 3]\n  - Conv2D: [5, 9]\n"


def test_bad_input_raises_spec_error_with_the_cli_message(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(BAD)
    cli = run_cli("summarize", path)
    assert cli.exit_code == 2
    with pytest.raises(convcalc.SpecError) as raised:
        convcalc.summarize(path)
    assert cli.output == f"convcalc: error: {raised.value}\n"
    with pytest.raises(convcalc.SpecError) as raised:
        convcalc.summarize(BAD)
    assert str(raised.value).startswith("<string>:4: layer 2 'conv2d_1' (Conv2D): the output would have a zero")
    with pytest.raises(convcalc.SpecError) as raised:  # a dict has no lines to cite
        convcalc.summarize(yaml.safe_load(BAD))
    assert str(raised.value).startswith("<dict>: layer 2 'conv2d_1' (Conv2D): the output would have a zero")
    assert convcalc.SpecError is __import__("convcalc.errors").errors.SpecError  # one class, not two


@pytest.mark.parametrize("source, keywords, message", [
    (42, {}, "a model is given as a file's path, a YAML or Python source string, or a dict"),
    ({"layers": [{"Dense": object()}]}, {}, "holds an object of type object"),
    (str(ROOT / "nope.yaml"), {}, "nope.yaml: no such file"),
    ("import keras\nmodel = keras.Sequential([keras.layers.Dense(x)])\n", {}, "<string>:2: "),
    (LECTURE2, {"style": "keras4"}, "the styles are keras3, keras2"),
    (LECTURE2, {"dtype": "int8"}, "not a Keras dtype policy"),
    (LECTURE2, {"line_length": 0}, "line_length must be a positive"),
    (LECTURE2, {"line_length": 10}, "too short"),
    (LECTURE2, {"layer_range": "conv2d"}, "layer_range is (START, END)"),
    (LECTURE2, {"columns": ["megaflops"]}, "unknown column 'megaflops'"),
    (LECTURE2, {"model": "model"}, "picks one of the models a .py file builds"),
    (LECTURE2, {"depth": 0}, "depth must be a positive whole number"),
    (LECTURE2, {"batch_size": 2.5}, "batch_size must be a positive whole number"),
    (LECTURE2, {"depth": 2, "expand_nested": True}, "depth and expand_nested both say"),
    (LECTURE2, {"style": "keras2", "columns": "macs"}, "columns adds to Keras 3's table: leave out style='keras2'"),
    (LECTURE2, {"style": "keras2", "memory": True}, "memory adds to Keras 3's table"),
    (LECTURE2, {"style": "keras2", "optimizer": "adam"}, "optimizer and quantize are Keras 3's"),
])
def test_every_bad_keyword_is_a_spec_error(source, keywords, message):
    with pytest.raises(convcalc.SpecError) as raised:
        str(convcalc.summarize(source, **keywords))
    assert message in str(raised.value)


def test_explain_is_the_cli_s():
    cli = run_cli("explain", LECTURE2)
    assert str(convcalc.explain(LECTURE2)) == cli.output
    cli = run_cli("explain", LECTURE2, "--layer", "conv2d", "--format", "json")
    assert convcalc.explain(LECTURE2, layer="conv2d").to_dict() == json.loads(cli.output)


def test_grade_is_the_cli_json(tmp_path):
    answers = tmp_path / "alice.yaml"
    answers.write_text("layers:\n  conv2d: {params: 50}\n  conv2d_1: {params: 90}\ntotal_params: 142\n")
    cli = run_cli("grade", LECTURE2, answers, "--format", "json")
    assert convcalc.grade(LECTURE2, answers) == json.loads(cli.output)
    assert convcalc.grade(LECTURE2, [answers]) == json.loads(cli.output)
    from_text = convcalc.grade(LECTURE2, answers.read_text())
    from_dict = convcalc.grade(LECTURE2, yaml.safe_load(answers.read_text()))
    for report in (from_text, from_dict):
        assert [(i["field"], i["right"]) for i in report["results"][0]["items"]] == \
            [("params", True), ("params", False), ("total_params", True)]
    with pytest.raises(convcalc.SpecError) as raised:
        convcalc.grade(LECTURE2, "[oops]\n")
    assert str(raised.value).startswith("<answers>:1: ")


def test_import_convcalc_loads_no_renderer_nor_reader():
    code = "import sys, convcalc; print(sorted(m for m in sys.modules if m.split('.')[0] in " \
           "('rich', 'yaml', 'click', 'convcalc')))"
    loaded = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "['convcalc']"


def test_check_without_keras_says_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "keras", None)  # `import keras` fails, as without the extra
    with pytest.raises(convcalc.SpecError) as raised:
        convcalc.check(LECTURE2)
    assert 'pip install "convcalc[keras]"' in str(raised.value)


def test_check_agrees_with_keras():
    cli = run_cli("check", LECTURE2, "--format", "json")
    assert cli.exit_code == 0, cli.output
    assert convcalc.check(LECTURE2) == json.loads(cli.output)
    assert convcalc.check(LECTURE2.read_text())["agree"] is True
