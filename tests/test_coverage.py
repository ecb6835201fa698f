"""Every class keras.layers exports has a rule or a reason, and docs/coverage.md says so."""

import importlib.util

from conftest import ROOT

_spec = importlib.util.spec_from_file_location("gen_coverage", ROOT / "scripts" / "gen_coverage.py")
gen_coverage = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(gen_coverage)


def test_every_keras_class_has_a_rule_or_a_reason():
    missing = gen_coverage.uncovered()
    assert not missing, (
        f"{len(missing)} classes keras.layers exports have neither a rule (convcalc/layers/) "
        f"nor a reason (convcalc/layers/refused.py): {', '.join(missing)}"
    )


def test_coverage_doc_is_current():
    path = ROOT / "docs" / "coverage.md"
    assert path.exists(), "run: python scripts/gen_coverage.py"
    assert path.read_text() == gen_coverage.render(), "docs/coverage.md is stale; run: python scripts/gen_coverage.py"


def test_rule_index_is_current():
    """RULES finds each rule's family through rule_index.json: it must name every rule's module."""
    from convcalc.layers.registry import INDEX

    assert INDEX.read_text(encoding="utf-8") == gen_coverage.rule_index(), (
        "convcalc/layers/rule_index.json is stale; run: python scripts/gen_coverage.py")
