"""Keras's table written without rich (render/plain_table.table_text) is what rich writes
for the same table: the goldens hold Keras's own output at a few widths; here every width
from the narrowest a layout holds, on consoles narrower and wider than the table (rich
crops), and cells that wrap, against rich itself."""

import io

import pytest

from convcalc.cli import load_summary
from convcalc.render import keras_table, plain_table

SPEC = """
api: functional
name: a_model_with_a_rather_long_name
inputs: {image_input_with_a_long_name: [32, 32, 3]}
layers:
  - Conv2D: [8, 3]
    name: a_convolution_whose_name_is_too_long_for_its_column
  - MaxPooling2D
  - Flatten
  - Dense: 10
"""


@pytest.fixture(scope="module")
def summary(tmp_path_factory):
    path = tmp_path_factory.mktemp("plain") / "spec.yaml"
    path.write_text(SPEC)
    return load_summary(path)


@pytest.mark.parametrize("show_trainable", [False, True])
@pytest.mark.parametrize("console", ["40", "80", "200"])
def test_the_table_without_rich_is_richs(summary, monkeypatch, capsys, console, show_trainable):
    monkeypatch.setenv("COLUMNS", console)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("TTY_COMPATIBLE", raising=False)
    compared = 0
    for line_length in range(20, 140, 3):
        try:
            with_rich = io.StringIO()
            keras_table.print_table(summary, line_length, show_trainable, file=with_rich)
        except keras_table.LineTooShort:
            continue
        capsys.readouterr()
        assert keras_table._print_without_rich(summary, line_length, show_trainable)
        assert capsys.readouterr().out == with_rich.getvalue(), line_length
        compared += 1
    assert compared > 30


def test_rich_decides_when_it_may_colour(monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert plain_table.console_width() is None
    monkeypatch.delenv("FORCE_COLOR")
    monkeypatch.setenv("COLUMNS", "123")
    assert plain_table.console_width() == 123


def test_text_rich_would_read_goes_to_rich():
    """A cell with markup or an emoji code, a title too wide: rich's own rendering."""
    assert plain_table.table_text(80, 'Model: "m"', ["a"], ["left"], [20], [[":smile:"]], []) is None
    assert plain_table.table_text(80, 'Model: "' + "m" * 80 + '"', ["a"], ["left"], [20], [["x"]], []) is None
    assert "".join(plain_table.table_text(80, 'Model: "m"', ["a"], ["left"], [20], [["x"]], [" Total params: 0 (0.00 B)"]))


def test_a_small_specs_table_imports_no_rich():
    from conftest import cli_modules

    code, modules, done = cli_modules("summarize", "specs/lecture-example-2.yaml")
    assert code == 0, done.stderr
    assert "conv2d_1 (Conv2D)" in done.stdout
    assert [m for m in modules if m == "rich" or m.startswith("rich.")] == []
