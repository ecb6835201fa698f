"""Byte-for-byte and field-for-field comparison with what real Keras printed.

tests/golden/ is written by scripts/gen_goldens.py, which builds every spec in specs/
and tests/cases/ with Keras; nothing there is written by hand or by convcalc.
"""

import json

import pytest

from conftest import GOLDEN, KERAS2_VARIANTS, ROOT, VARIANTS, run_cli, summarize_json

SPECS = sorted((ROOT / "specs").glob("*.yaml")) + sorted((ROOT / "tests" / "cases").glob("*.yaml"))
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
    result = run_cli("summarize", spec, *options, columns=columns)
    refused = GOLDEN / f"{spec.stem}.{variant}.error.txt"
    if refused.exists():  # Keras refused (a layer_range that matches no layer): so does convcalc
        assert result.exit_code == 2, result.output
        assert "--layer-range: no layer name matches" in result.output
        return
    expected = (GOLDEN / f"{spec.stem}.{variant}.out").read_text()
    assert result.exit_code == 0, result.output
    assert result.output == expected


# Must match scripts/gen_goldens.py DTYPE_POLICIES: Keras 3 under a global dtype policy
DTYPE_POLICIES = ("float16", "bfloat16", "mixed_float16")


# Only the cases Keras could build under the policy (TensorFlow on CPU has no bfloat16
# kernels for some layers): the others have nothing to compare, so they are not tests.
DTYPE_CASES = [
    (spec, policy)
    for spec in SPECS
    for policy in DTYPE_POLICIES
    if not (GOLDEN / f"{spec.stem}.dtype-{policy}.error.txt").exists()
]


def test_most_cases_have_dtype_goldens():
    assert len(DTYPE_CASES) >= 0.9 * len(SPECS) * len(DTYPE_POLICIES)


@pytest.mark.parametrize("spec, policy", DTYPE_CASES, ids=lambda v: getattr(v, "stem", v))
def test_table_under_a_dtype_policy_is_byte_identical_to_keras(spec, policy):
    """--dtype sizes the weights (the totals' bytes) as Keras does under set_dtype_policy."""
    expected = (GOLDEN / f"{spec.stem}.dtype-{policy}.out").read_text()
    result = run_cli("summarize", spec, "--dtype", policy, columns="200")
    assert result.exit_code == 0, result.output
    assert result.output == expected


def test_dtype_goldens_differ_from_float32():
    """The policy goldens do change the sizes (else they would test nothing)."""
    default = (GOLDEN / "mnist-convnet.cols200.out").read_text()
    assert (GOLDEN / "mnist-convnet.dtype-float16.out").read_text() != default
    assert (GOLDEN / "mnist-convnet.dtype-mixed_float16.out").read_text() == default  # float32 weights


def test_layer_range_goldens_cover_some_cases():
    assert len(list(GOLDEN.glob("*.range.out"))) >= 2


# Only the cases tf-keras 2 can build (it lacks some Keras 3 layers and options).
KERAS2_SPECS = [p for p in SPECS if not (GOLDEN / f"{p.stem}.keras2.error.txt").exists()]


def test_most_cases_have_keras2_goldens():
    assert len(KERAS2_SPECS) >= 0.6 * len(SPECS)


@pytest.mark.parametrize("variant", KERAS2_VARIANTS)
@pytest.mark.parametrize("spec", KERAS2_SPECS, ids=lambda p: p.stem)
def test_keras2_table_is_byte_identical_to_tf_keras(spec, variant):
    expected = (GOLDEN / f"{spec.stem}.{variant}.out").read_text()
    result = run_cli("summarize", spec, "--style", "keras2", *KERAS2_VARIANTS[variant])
    assert result.exit_code == 0, result.output
    assert result.output == expected
