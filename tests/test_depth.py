"""summarize --depth N (torchinfo's depth: 1 lists the model's own layers): Keras's
expand_nested table (the golden real Keras printed) with the rows nested deeper than N
levels taken out, every other line, the parents' figures and the totals unchanged."""

import re

import pytest

from conftest import GOLDEN, ROOT, run_cli

NESTED = ["nested-three-levels", "nested-models", "nested-sequential-in-sequential", "nested-shared-encoder",
          "nested-model-with-frozen-layer"]


def level(row_lines):
    """A row's nesting level, from the name cell of its first line: Keras writes
    '   ' × level + '└ ' before a nested layer's name (summary_utils.print_layer)."""
    match = re.match(r"│ ( *)└ ", row_lines[0])
    return len(match.group(1)) // 3 if match else 0


def keras_down_to(stem, depth):
    """Keras's expand_nested output without the rows below `depth` levels."""
    lines = (GOLDEN / f"{stem}.expanded.out").read_text().splitlines()
    head_end = next(i for i, line in enumerate(lines) if line.startswith("┡")) + 1
    foot_start = next(i for i, line in enumerate(lines) if line.startswith("└"))
    rows, row = [], []
    separator = None
    for line in lines[head_end:foot_start]:
        if line.startswith("├"):
            separator = line
            rows.append(row)
            row = []
        else:
            row.append(line)
    rows.append(row)
    kept = [r for r in rows if level(r) < depth]
    body = []
    for i, r in enumerate(kept):
        body += ([separator] if i else []) + r
    return "\n".join(lines[:head_end] + body + lines[foot_start:]) + "\n"


@pytest.mark.parametrize("stem", NESTED)
@pytest.mark.parametrize("depth", [1, 2, 3, 4])
def test_depth_is_keras_expand_nested_cut_at_that_level(stem, depth):
    expected = keras_down_to(stem, depth)
    result = run_cli("summarize", ROOT / "tests" / "cases" / f"{stem}.yaml", "--depth", depth)
    assert result.exit_code == 0, result.output
    assert result.output == expected


def test_the_three_levels_case_has_rows_at_each_level():
    """The cut is tested at every level: the golden nests three levels deep."""
    text = (GOLDEN / "nested-three-levels.expanded.out").read_text()
    assert "│          └ conv2d_1 (Conv2D)" in text
    assert keras_down_to("nested-three-levels", 1) == (GOLDEN / "nested-three-levels.cols200.out").read_text()
    assert keras_down_to("nested-three-levels", 4) == text
    assert len({keras_down_to("nested-three-levels", d) for d in (1, 2, 3, 4)}) == 4


def test_depth_json_lists_the_same_rows():
    spec = ROOT / "tests" / "cases" / "nested-three-levels.yaml"
    import json

    names = [row["name"] for row in json.loads(run_cli("summarize", spec, "--depth", 2, "--format", "json").output)["layers"]]
    assert names == ["input_layer", "backbone", "conv2d", "block", "flatten", "dense"]


def test_depth_with_expand_nested_is_refused():
    spec = ROOT / "tests" / "cases" / "nested-three-levels.yaml"
    result = run_cli("summarize", spec, "--depth", 2, "--expand-nested")
    assert result.exit_code == 2 and "give one" in result.output
    assert run_cli("summarize", spec, "--depth", 0).exit_code == 2
