"""Reading notebooks (convcalc/read/notebook.py): the code IPython would run, cell by cell
as one module, magics and shell lines left out; errors naming the cell and its line;
malformed notebooks refused with one message. Keras's own summaries of whole notebooks
are the goldens of tests/notebooks/ (tests/test_readers_golden.py)."""

import json

import pytest

from conftest import GOLDEN, ROOT, run_cli
from convcalc.errors import SpecError
from convcalc.read.notebook import MAX_NOTEBOOK_BYTES, NotebookSource, notebook_code

DENSE = "import keras\nmodel = keras.Sequential([keras.Input((3,)), keras.layers.Dense(4)])\n"


def notebook(*cells, nbformat=4, metadata=None):
    """A notebook of code cells (strings) and other cells (dicts as written)."""
    made = [c if isinstance(c, dict) else {"cell_type": "code", "metadata": {}, "outputs": [], "source": c}
            for c in cells]
    return {"nbformat": nbformat, "nbformat_minor": 5, "metadata": metadata or {}, "cells": made}


def write(tmp_path, content, name="nb.ipynb"):
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content))
    return path


def error(path, *options, command="summarize"):
    result = run_cli(command, path, *options)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    return result.output


def code(*cells):
    return notebook_code(notebook(*cells))[0].splitlines()


def test_magics_shell_and_help_lines_are_left_out_line_for_line():
    assert code("!pip install keras\n%matplotlib inline\nimport keras\nkeras.layers.Dense?\n??keras\nx = 1") == [
        "pass", "pass", "import keras", "pass", "pass", "x = 1"]
    assert code("for i in range(2):\n    %timeit f(i)\n    !ls") == ["for i in range(2):", "    pass", "    pass"]


def test_time_runs_its_statement_and_timeit_does_not_keep_names():
    assert code("%time model = make()") == ["model = make()"]
    assert code("%timeit model = make()") == ["pass"]
    assert code("%%time\nmodel = make()\n") == ["", "model = make()", ""]
    assert code("%%timeit\nmodel = make()") == ["", ""]


@pytest.mark.parametrize("magic", ["bash", "sh", "html", "writefile model.py", "javascript", "script python"])
def test_a_cell_magic_whose_body_is_not_python_is_skipped(magic):
    assert code(f"%%{magic}\nmodel = 1\n") == ["", "", ""]


@pytest.mark.parametrize("magic", ["time", "capture", "prun"])
def test_a_cell_magic_that_runs_python_keeps_the_cell(magic):
    assert code(f"\n%%{magic}\nmodel = 1") == ["", "", "model = 1"]


def test_a_future_import_in_a_later_cell_is_no_error(tmp_path):
    assert code("import keras", "from __future__ import annotations\nx = 1") == ["import keras", "pass", "x = 1"]
    path = write(tmp_path, notebook(DENSE, "from __future__ import annotations\n"))
    assert run_cli("summarize", path).exit_code == 0


def test_escapes_inside_strings_and_brackets_stay_python():
    cell = 'text = """\n!not shell\n%not magic\n"""\nsizes = [\n  1,\n]\ns = "%d" % 3  # a comment?'
    assert code(cell) == cell.split("\n")


def test_shell_and_magic_assignments_are_ipythons_calls():
    assert code("files = !ls -la\nwho = %who_ls") == [
        "files = get_ipython().getoutput('ls -la')", "who = get_ipython().run_line_magic('who_ls')"]


def test_the_first_lines_indentation_comes_off_every_line_as_in_ipython():
    assert code("    a = 1\n    b = 2\n") == ["a = 1", "b = 2", ""]


def test_markdown_raw_and_empty_cells_are_not_code():
    found = code({"cell_type": "markdown", "source": "model = 1"}, {"cell_type": "raw", "source": ["x\n"]},
                 "", ["a = 1\n", "b = 2"])
    assert found == ["a = 1", "b = 2"]


def test_a_notebook_summarizes_as_its_code(tmp_path):
    path = write(tmp_path, notebook("%pip install keras\n", ["import keras\n"], {"cell_type": "markdown", "source": "#"},
                                    "model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(4)])"))
    same = tmp_path / "same.py"
    same.write_text(DENSE)
    assert run_cli("summarize", path).output == run_cli("summarize", same).output
    assert "dense (Dense)" in run_cli("summarize", path).output


def test_every_command_that_reads_code_reads_notebooks(tmp_path):
    path = write(tmp_path, notebook(DENSE))
    for command in (["check"], ["explain"], ["import"], ["summarize", "--model", "model"]):
        result = run_cli(*command[:1], path, *command[1:])
        assert result.exit_code == 0, (command, result.output)
    assert "Dense: 4" in run_cli("import", path).output
    same = tmp_path / "same.py"
    same.write_text(DENSE)
    drawn = run_cli("plot", path, "--format", "dot", "--show-shapes")
    assert drawn.exit_code == 0 and drawn.output == run_cli("plot", same, "--format", "dot", "--show-shapes").output
    assert "<b>dense</b> (Dense)" in drawn.output


def test_errors_name_the_cell_and_its_line(tmp_path):
    path = write(tmp_path, notebook("import keras\n", {"cell_type": "markdown", "source": "hi"},
                                    "a = 1\n\nmodel = keras.Sequential([keras.Input((3,)), keras.layers.Dense(units)])"))
    assert error(path).startswith(f"convcalc: error: {path}, cell 3, line 3: Dense's argument 1 is units, "
                                  "which convcalc does not compute ('units' is defined nowhere in the file, "
                                  "cell 3, line 3)")
    path = write(tmp_path, notebook("import keras\n", "model = keras.Sequential([keras.Input((3,)), "
                                    "keras.layers.Dense(-4)])"))
    assert f"{path}, cell 2, line 1: layer 1 'dense' (Dense): 'units' must be a positive integer" in error(path)
    path = write(tmp_path, notebook(DENSE, "x = (1,\ny = 2"))
    assert f"{path}, cell 2, line 1: invalid Python (column 5): '(' was never closed" in error(path)


def test_an_open_bracket_ends_with_its_cell(tmp_path):
    """IPython compiles each cell alone: a cell left open is its own error, not the next one's."""
    path = write(tmp_path, notebook("sizes = [1,\n", DENSE))
    assert f"{path}, cell 1, line 1: invalid Python" in error(path)


def test_model_option_names_a_notebooks_variable(tmp_path):
    path = write(tmp_path, notebook(DENSE, "other = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])"))
    assert "Total params: 16" in run_cli("summarize", path, "--model", "model").output
    assert "no module-level variable of that name holds a model" in error(path, "--model", "nope")


@pytest.mark.parametrize("content, message", [
    ('{"nbformat": 4, ', "not a notebook: invalid JSON (line 1, column 17)"),
    ("[1, 2]", "not a notebook: the JSON has no 'nbformat'"),
    ('{"cells": []}', "not a notebook: the JSON has no 'nbformat'"),
    ('{"nbformat": 2, "cells": []}', "nbformat 2: convcalc reads notebooks of nbformat 4 (and 3)"),
    ('{"nbformat": 4, "cells": {}}', "the notebook's 'cells' is not a list"),
    ('{"nbformat": 3, "worksheets": 7}', "an nbformat 3 notebook needs a list of worksheets"),
    ('{"nbformat": 4, "cells": [3]}', "cell 1 is not a notebook cell (a mapping with a 'cell_type')"),
    ('{"nbformat": 4, "cells": [{"cell_type": "code", "source": ["a = 1", 2]}]}',
     "cell 1's source is neither a string nor a list of strings"),
    ('{"nbformat": 4, "cells": [{"cell_type": "code", "source": null}]}',
     "cell 1's source is neither a string nor a list of strings"),
    ('{"nbformat": 4, "metadata": {"kernelspec": {"language": "R"}}, "cells": []}',
     "the notebook's language is R, not Python: convcalc reads Keras code in Python"),
    ('{"nbformat": 4, "cells": [{"cell_type": "markdown", "source": "# only text"}]}',
     "the file builds no Keras model at module level"),
])
def test_malformed_notebooks_get_one_clear_message(tmp_path, content, message):
    path = write(tmp_path, content)
    assert error(path).startswith(f"convcalc: error: {path}: {message}")


def test_bytes_that_are_not_utf8(tmp_path):
    path = tmp_path / "nb.ipynb"
    path.write_bytes(b'{"nbformat": 4, "cells": ["\xff"]}')
    assert "cannot decode the notebook" in error(path)


def test_nbformat_3_reads_its_worksheets(tmp_path):
    cell = {"cell_type": "code", "input": DENSE.splitlines(keepends=True), "language": "python", "outputs": []}
    path = write(tmp_path, {"nbformat": 3, "worksheets": [{"cells": [{"cell_type": "heading", "source": "x"}, cell]}]})
    assert "Total params: 16" in run_cli("summarize", path).output


def test_a_notebook_too_large_is_refused_unread(tmp_path):
    path = tmp_path / "big.ipynb"
    with open(path, "wb") as file:
        file.truncate(MAX_NOTEBOOK_BYTES + 1)
    assert f"{path}: the notebook is larger than {MAX_NOTEBOOK_BYTES // 2**20} MiB" in error(path)


def test_a_notebook_whose_code_is_too_large_is_refused(tmp_path):
    from convcalc.read.python.values import MAX_FILE_BYTES

    cells = [("x = 1  #" + "#" * 1000 + "\n") * 1000 for _ in range(MAX_FILE_BYTES // 1_000_000 + 1)]
    path = write(tmp_path, notebook(*cells))
    assert f"the notebook's code is larger than {MAX_FILE_BYTES // 2**20} MiB" in error(path)


def test_nothing_in_a_notebook_is_run(tmp_path):
    marker = tmp_path / "ran"
    path = write(tmp_path, notebook(f"open({str(marker)!r}, 'w').write('x')\n", f"!touch {marker}\n",
                                    f"%%bash\ntouch {marker}\n", DENSE))
    assert run_cli("summarize", path).exit_code == 0
    assert not marker.exists()


def test_a_notebook_source_survives_a_copy():
    import copy

    source = NotebookSource("nb.ipynb", [(2, 1), (2, 2)])
    copied = copy.deepcopy(source)
    assert copied == "nb.ipynb" and copied.locate(2) == "cell 2, line 2"


def test_spec_error_locations_without_a_notebook_are_as_before():
    assert str(SpecError("bad", file="a.py", line=3)) == "a.py:3: bad"


def test_the_notebook_goldens_come_from_their_code_run_by_keras():
    notebooks = sorted((ROOT / "tests" / "notebooks").glob("*.ipynb"))
    assert len(notebooks) >= 5
    for path in notebooks:
        assert (GOLDEN / f"{path.name}.json").exists()
        assert notebook_code(json.loads(path.read_text()))[0].lstrip().startswith("# ")  # names its pattern


def test_a_notebook_is_graded_against_keras_figures(tmp_path):
    """grade SPEC: a notebook as the model; the right totals are Keras's (its golden)."""
    path = ROOT / "tests" / "notebooks" / "tf-cnn-cifar10.ipynb"
    figures = json.loads((GOLDEN / f"{path.name}.json").read_text())
    answers = tmp_path / "answers.yaml"
    answers.write_text("".join(f"{key}: {figures[key]}\n" for key in ("total_params", "trainable_params")))
    result = run_cli("grade", path, answers)
    assert result.exit_code == 0 and "Score: 2/2 (100%)" in result.output, result.output
    answers.write_text(f"total_params: {figures['total_params'] + 1}\n")
    assert run_cli("grade", path, answers).exit_code == 1


@pytest.mark.parametrize("name", ["keras-functional-api-guide.ipynb", "tf-transfer-learning-mobilenetv2.ipynb"])
def test_import_writes_the_spec_of_the_notebooks_code(tmp_path, name):
    """The spec a notebook imports to is its code's (simplified alike: the source is copied)."""
    path = ROOT / "tests" / "notebooks" / name
    same = tmp_path / "same.py"
    same.write_text(notebook_code(json.loads(path.read_text()))[0])
    written, expected = (run_cli("import", p).output.splitlines()[1:] for p in (path, same))
    assert written == expected and written
