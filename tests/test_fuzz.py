"""The fuzz test (issue 12): random inputs for every reader through every command, for a
bounded time (CONVCALC_FUZZ_SECONDS, default 60), and every failing input ever found kept
in tests/fuzz_cases/ (scripts/fuzz.py keeps them): 0 tracebacks, 0 hangs, 0 runs over
1 GiB, no Python object's repr in a message (tests/fuzzing.py says what fails a run).

The examples are derandomized (the same every run, so CI is reproducible); give
CONVCALC_FUZZ_SEED for others, or run scripts/fuzz.py --minutes N for new seeds."""

import os
import random
import time

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import fuzzing

SECONDS = float(os.environ.get("CONVCALC_FUZZ_SECONDS", "60"))
SEED = os.environ.get("CONVCALC_FUZZ_SEED")
START = []


@pytest.mark.parametrize("path, argv", fuzzing.kept_cases(), ids=lambda v: getattr(v, "name", None) or v[0])
def test_every_kept_fuzz_case_is_a_clean_run(path, argv):
    assert fuzzing.run_argv(argv) is None


@settings(max_examples=max(10, int(SECONDS * 100)), deadline=None, database=None, derandomize=SEED is None,
          suppress_health_check=list(HealthCheck))
@given(st.integers(min_value=0, max_value=2**32 - 1) if SEED is None else st.just(int(SEED)), st.integers(0, 2**16))
def test_random_inputs_through_every_command_run_cleanly(tmp_path_factory, seed, offset):
    start = START or START.append(time.monotonic()) or START
    if time.monotonic() - start[0] > SECONDS:  # the time is up: the remaining examples pass at once
        return
    rng = random.Random(seed * 65537 + offset)
    name, data, args = fuzzing.random_case(rng)
    if len(START) == 1:
        START.append(tmp_path_factory.mktemp("fuzz"))  # one folder: each case overwrites the last
    folder = START[1]
    failure = fuzzing.run_case(folder, name, data, args)
    assert failure is None, f"{failure}\n  {name} ({' '.join(args)}); keep it: python scripts/fuzz.py"


def test_the_generator_reaches_every_reader_and_command():
    rng = random.Random(0)
    cases = [fuzzing.random_case(rng) for _ in range(400)]
    assert {name.split(".", 1)[1] for name, _, _ in cases} >= {"yaml", "json", "json.gz", "keras", "py", "ipynb"}
    assert {args[0] for _, _, args in cases} == {"summarize", "explain", "import", "grade"}
