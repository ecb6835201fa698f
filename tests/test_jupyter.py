"""convcalc in Jupyter: `%load_ext convcalc`'s magics and a Summary's display, in a real
IPython kernel (nbclient runs a notebook), compared with the goldens real Keras wrote."""

import nbclient
import nbformat
import pytest
import rich.color

from conftest import GOLDEN, ROOT, run_cli
from convcalc.jupyter import earlier_imports

LECTURE2 = ROOT / "specs" / "lecture-example-2.yaml"
CODE = ROOT / "tests" / "code" / "lecture-example-2.py"
RESIDUAL = ROOT / "tests" / "cases" / "graph-residual-block.yaml"


def outputs(cell):
    texts = {"stdout": "", "stderr": ""}
    data = {}
    for output in cell["outputs"]:
        assert output["output_type"] != "error", output  # never a traceback
        if output["output_type"] == "stream":
            texts[output["name"]] += output["text"]
        else:
            data.update(output["data"])
    return texts, data


@pytest.fixture(scope="module")
def notebook(tmp_path_factory):
    cells = [
        "%load_ext convcalc",
        "%%convcalc\n" + CODE.read_text() + "ran = True\n",  # the lecture's code: read, not run
        'print("ran" in globals())',
        f"%convcalc {LECTURE2} --line-length 70",
        "%%convcalc\nimport keras\nmodel = keras.Sequential([keras.Input((4,)), keras.layers.Conv2D(5, 3)])\n",
        f"%convcalc {LECTURE2} --bogus",
        f"import convcalc\nconvcalc.summarize({str(RESIDUAL)!r})",
        f"%convcalc {LECTURE2} --optimizer adam --depth 1 --format json",
    ]
    book = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    env = pytest.MonkeyPatch()
    env.setenv("COLUMNS", "80")  # the kernel's terminal width, as the cols80 goldens'
    env.setenv("PYTHONPATH", str(ROOT))
    try:
        nbclient.NotebookClient(book, timeout=120, kernel_name="python3",
                                resources={"metadata": {"path": str(ROOT)}}).execute()
    finally:
        env.undo()
    return book["cells"]


def test_the_cell_magic_summarizes_the_cell_without_running_it(notebook):
    texts, data = outputs(notebook[1])
    assert data["text/plain"] + "\n" == (GOLDEN / "lecture-example-2.py.cols80.out").read_text()
    assert outputs(notebook[2])[0]["stdout"] == "False\n"  # `ran = True` never ran


def test_a_summary_displays_in_keras_s_colours(notebook):
    html = outputs(notebook[1])[1]["text/html"]
    assert html.startswith("<pre ") and "conv2d" in html
    for number, colour in (("50", "color(34)"), ("None", "color(45)")):  # render/keras_table.py's, as Keras's
        hex_colour = rich.color.Color.parse(colour).get_truecolor().hex
        assert f'<span style="color: {hex_colour}; text-decoration-color: {hex_colour}">{number}</span>' in html


def test_the_line_magic_takes_the_cli_s_options(notebook):
    assert outputs(notebook[3])[1]["text/plain"] + "\n" == (GOLDEN / "lecture-example-2.ll70.out").read_text()


def test_bad_input_is_one_message(notebook):
    texts, data = outputs(notebook[4])
    assert texts["stderr"].startswith("convcalc: error: <cell>:2: layer 1 'conv2d' (Conv2D): Conv2D needs a 4-D input")
    assert not data
    assert outputs(notebook[5])[0]["stderr"].startswith("convcalc: error: No such option '--bogus'")


def test_the_api_s_summary_displays_itself(notebook):
    texts, data = outputs(notebook[6])
    assert data["text/plain"] + "\n" == (GOLDEN / "graph-residual-block.cols80.out").read_text()
    assert data["text/html"].startswith("<pre ") and "Connected to" in data["text/html"]


def test_earlier_cells_imports_are_read_first():
    inputs = ["", "import numpy as np\nfrom keras import layers\nx = 1", "def f(:", "from __future__ import annotations",
              "get_ipython().run_cell_magic('convcalc', '', 'import keras')", "from keras import layers"]
    assert earlier_imports(inputs) == ["import numpy as np", "from keras import layers"]


def test_the_magic_takes_every_summarize_option(notebook):
    texts, _ = outputs(notebook[7])
    cli = run_cli("summarize", LECTURE2, "--optimizer", "adam", "--depth", "1", "--format", "json")
    assert cli.exit_code == 0 and texts["stdout"] == cli.output
