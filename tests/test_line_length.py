"""--line-length below what a layout can hold (issue 12): refused with the least length
that fits. Keras 3 refuses it itself ("Insufficient console width"; the minimums below are
the least line_length real Keras 3.15's summary() took for these layouts, checked while
writing them); tf-keras 2 would never finish its rows, so the least length is the one
whose every column takes a character a line."""

import time

import pytest

from conftest import CASES, ROOT, run_cli

LECTURE2 = ROOT / "specs" / "lecture-example-2.yaml"  # Keras's sequential-like layout
RESIDUAL = CASES / "graph-residual-block.yaml"  # the four-column layout
NESTED = CASES / "nested-models.yaml"


@pytest.mark.parametrize("spec, options, minimum", [
    (LECTURE2, [], 16), (LECTURE2, ["--show-trainable"], 31), (RESIDUAL, [], 19), (RESIDUAL, ["--show-trainable"], 31),
])
def test_keras3_refuses_below_its_minimum(spec, options, minimum):
    short = run_cli("summarize", spec, "--line-length", minimum - 1, *options)
    assert short.exit_code == 2 and isinstance(short.exception, SystemExit)
    assert f"--line-length {minimum - 1} is too short for the summary's columns: give at least {minimum}" in short.stderr
    assert run_cli("summarize", spec, "--line-length", minimum, *options).exit_code == 0


@pytest.mark.parametrize("spec, options", [(LECTURE2, []), (RESIDUAL, ["--show-trainable"]), (NESTED, ["--expand-nested"]),
                                           (NESTED, ["--expand-nested", "--show-trainable"])])
@pytest.mark.parametrize("length", [1, 5, 9])
def test_keras2_refuses_a_width_its_rows_would_never_fit_and_ends_at_the_minimum(spec, options, length):
    start = time.monotonic()
    short = run_cli("summarize", spec, "--style", "keras2", "--line-length", length, *options)
    assert time.monotonic() - start < 10
    assert short.exit_code == 2 and isinstance(short.exception, SystemExit), short.output
    minimum = int(short.stderr.rsplit("give at least ", 1)[1])
    assert minimum > length
    fits = run_cli("summarize", spec, "--style", "keras2", "--line-length", minimum, *options)
    assert fits.exit_code == 0 and "Total params" in fits.stdout
    assert run_cli("summarize", spec, "--style", "keras2", "--line-length", minimum - 1, *options).exit_code == 2


def test_a_narrow_terminal_is_named():
    result = run_cli("summarize", LECTURE2, columns="8")
    assert result.exit_code == 2
    assert "the terminal is too narrow for the summary's columns" in result.stderr and "--line-length 16" in result.stderr


def test_a_line_length_past_the_cap_is_refused_before_anything_is_printed():
    result = run_cli("summarize", LECTURE2, "--line-length", 10**9)
    assert result.exit_code == 2 and result.stdout == ""
    assert "at most 10,000 characters wide" in result.stderr
