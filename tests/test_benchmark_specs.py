"""The benchmark's generated specs (scripts/benchmark.py) are valid specs of the size asked
for. Only their validity is tested here: speed is the benchmark's to measure."""

import importlib.util

import pytest
from conftest import ROOT

from convcalc.cli import load_summary

_spec = importlib.util.spec_from_file_location("benchmark", ROOT / "scripts" / "benchmark.py")
benchmark = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(benchmark)


@pytest.mark.parametrize("kind", sorted(benchmark.GENERATED))
@pytest.mark.parametrize("layers", [2, 9, 200])
def test_generated_spec_has_the_layers_asked_for(tmp_path, kind, layers):
    spec = tmp_path / "generated.yaml"
    spec.write_text(benchmark.GENERATED[kind](layers))
    summary = load_summary(spec)
    assert len(summary.rows) == layers  # the summary's rows: a functional model's input is one
    assert summary.total.params > 0
