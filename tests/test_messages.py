"""Messages (issue 12): never a Python object's repr (`<... object at 0x...>`), and a hint
for the common YAML slips, naming the line and what was meant."""

import re

import pytest

from conftest import run_cli, write_spec
from convcalc.errors import shown
from convcalc.layers.base import InnerLayer
from convcalc.read.python.values import Builtin

OBJECT_REPR = re.compile(r"0x[0-9a-f]{6,}|<[\w.]+ object|<function|<built-in|<bound")


def error(tmp_path, text, name="spec.yaml"):
    result = run_cli("summarize", write_spec(tmp_path, text, name))
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit), result.output
    return result.stderr


def test_shown_says_objects_in_words():
    layer = InnerLayer("dense", "Dense", object())
    assert shown(layer) == "a Dense layer 'dense'"
    assert shown([Builtin("len"), 3]) == "[len (a Builtin), 3]"
    assert shown(object()) == "an object of type object"
    assert not OBJECT_REPR.search(shown({"a": (object(), layer)}))


@pytest.mark.parametrize("code", [
    "import keras\nmodel = keras.Sequential([keras.Input((4,)), keras.layers.Dense(len)])\n",
    "import keras\nd = keras.layers.Dense(3)\nmodel = keras.Sequential([keras.Input((4,)), keras.layers.Dense(d)])\n",
    "import keras\nmodel = keras.Sequential([keras.Input((4,)), keras.layers.Dropout(print)])\n",
    "import keras\nmodel = keras.Sequential([keras.Input((4,), name=len), keras.layers.Dense(3)])\n",
])
def test_no_object_repr_in_a_code_message(tmp_path, code):
    message = error(tmp_path, code, "model.py")
    assert not OBJECT_REPR.search(message), message


@pytest.mark.parametrize("text, line, hint", [
    ("input: [4]\nlayers:\n  - Dense: 10, activation: softmax\n", 3,
     "a layer's arguments after the first go in one mapping, in braces: - Dense: {units: 10, activation: softmax}"),
    ("input: [10, 10, 1]\nlayers:\n  - Conv2D: [5, 3], padding: same\n", 3,
     "- Conv2D: {filters: 5, kernel_size: 3, padding: same}"),
    ("input: [4]\nlayers:\n\t- Dense: 10\n", 3, "line 3 holds a tab: YAML indents with spaces only"),
    ("input: [4]\nlayers:\n  - Dense: 10\n\t- Dense: 3\n", 4, "line 4 holds a tab"),
    ("input: [4]\nlayers:\n  -Dense: 10\n", 3, "each list item starts with a dash and a space: - Dense: 10"),
])
def test_common_yaml_slips_get_the_line_and_what_was_meant(tmp_path, text, line, hint):
    message = error(tmp_path, text)
    assert message.startswith(f"convcalc: error: {tmp_path / 'spec.yaml'}:{line}:"), message
    assert hint in message, message


@pytest.mark.parametrize("case", ["input-shape-with-a-range.py", "user-model-called-on-unknown-data.py",
                                  "get-layer-index-not-an-int.py"])
def test_code_reader_crashes_found_by_fuzzing_are_messages(case):
    from conftest import ROOT

    result = run_cli("summarize", ROOT / "tests" / "fuzz_cases" / case)
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit), result.output
    assert not OBJECT_REPR.search(result.stderr)
