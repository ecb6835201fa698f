"""Fuzz convcalc for a while (issue 12): random inputs for every reader, run through every
command, in this process (tests/fuzzing.py says what they are and what fails a run).

Each failing input is kept in tests/fuzz_cases/ (named by its failure; its command line
beside it in NAME.args), which tests/test_fuzz.py runs on every test run: fix the cause,
and the case stays as a regression test.

Run: python scripts/fuzz.py --minutes 10 [--seed N] [--no-keep]
"""

from __future__ import annotations

import argparse
import hashlib
import pathlib
import random
import re
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import fuzzing  # noqa: E402


def keep(name, data, args, failure):
    """The failing input in tests/fuzz_cases/, its command line beside it."""
    fuzzing.CASES.mkdir(exist_ok=True)
    kind = re.sub(r"[^a-z0-9]+", "-", failure.split(":")[0].lower()).strip("-")
    digest = hashlib.sha1(data + " ".join(args).encode()).hexdigest()[:10]
    suffix = next((s for s in (".json.gz", *fuzzing.SUFFIXES) if name.endswith(s)), pathlib.Path(name).suffix)
    path = fuzzing.CASES / f"fuzz-{kind}-{digest}{suffix}"
    path.write_bytes(data)
    args = [a.replace(str(ROOT), "{root}") for a in args]  # the repository's files, wherever it is
    path.with_name(path.name + ".args").write_text("\n".join(args) + "\n")
    return path


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=None, help="default: a new one (printed)")
    parser.add_argument("--no-keep", action="store_true", help="report failures without keeping them")
    options = parser.parse_args()
    seed = options.seed if options.seed is not None else random.SystemRandom().randrange(2**32)
    print(f"seed {seed}, {options.minutes} minutes")
    rng = random.Random(seed)
    runs, failures = 0, {}
    stop = time.monotonic() + 60 * options.minutes
    with tempfile.TemporaryDirectory() as folder:
        while time.monotonic() < stop:
            name, data, args = fuzzing.random_case(rng)
            failure = fuzzing.run_case(folder, name, data, args)
            runs += 1
            if failure is None:
                continue
            key = re.sub(r"\d+", "N", failure)[:160]  # one kept case per kind of failure
            if key in failures:
                continue
            failures[key] = keep(name, data, args, failure) if not options.no_keep else None
            print(f"FAIL {failure[:300]}\n     {failures[key] or name} ({' '.join(args)})", flush=True)
    print(f"{runs} runs, {len(failures)} kinds of failure")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
