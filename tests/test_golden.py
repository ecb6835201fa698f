"""Byte-for-byte and field-for-field comparison with what real Keras printed.

tests/golden/ is written by scripts/gen_goldens.py, which builds every spec in specs/
and tests/cases/ with Keras; nothing there is written by hand or by convcalc.
"""

import json

import pytest

from conftest import GOLDEN, ROOT, run_cli, summarize_json

SPECS = sorted((ROOT / "specs").glob("*.yaml")) + sorted((ROOT / "tests" / "cases").glob("*.yaml"))
# Must match scripts/gen_goldens.py VARIANTS: name -> (COLUMNS, CLI options)
VARIANTS = {
    "cols80": ("80", []),
    "cols200": ("200", []),
    "trainable": ("200", ["--show-trainable"]),
    "ll70": ("200", ["--line-length", "70"]),
    "expanded": ("200", ["--expand-nested"]),
}


def test_every_spec_has_a_golden_file():
    missing = [p.name for p in SPECS if not (GOLDEN / f"{p.stem}.json").exists()]
    assert not missing, f"run scripts/gen_goldens.py: no golden file for {missing}"
    assert len(SPECS) >= 7


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
def test_figures_equal_keras(spec):
    expected = json.loads((GOLDEN / f"{spec.stem}.json").read_text())
    assert summarize_json(spec) == expected


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
def test_table_is_byte_identical_to_keras(spec, variant):
    columns, options = VARIANTS[variant]
    expected = (GOLDEN / f"{spec.stem}.{variant}.out").read_text()
    result = run_cli("summarize", spec, *options, columns=columns)
    assert result.exit_code == 0, result.output
    assert result.output == expected
