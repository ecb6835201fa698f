"""graph.Reference: the one parser and formatter of "layer", "layer[i]" and "layer[n][i]"."""

import pytest

from convcalc.graph import Reference


@pytest.mark.parametrize("text, expected", [
    ("dense", Reference("dense")),
    ("lstm[2]", Reference("lstm", output=2)),
    ("conv2d_1[1][0]", Reference("conv2d_1", 1, 0)),
    ("a[1][2][3]", Reference("a[1]", 2, 3)),  # at most two indices: the rest is the name
    ("x[]", Reference("x[]")),
    ("[0]", Reference("[0]")),  # a name is never empty
])
def test_parse(text, expected):
    assert Reference.parse(text) == expected


@pytest.mark.parametrize("text", ["dense", "lstm[2]", "conv2d_1[1][0]", "a[1][2][3]"])
def test_str_is_the_text_parsed(text):
    assert str(Reference.parse(text)) == text


def test_str_writes_numbers_as_keras_does():
    assert str(Reference.parse("d[01][002]")) == "d[1][2]"
    assert str(Reference("d", 0, 3)) == "d[0][3]"
