"""Speed benchmark: convcalc against Keras on the same model, in fresh processes.

For each model it times `convcalc summarize SPEC` and a fresh Python process that
builds the same model with Keras and calls model.summary() (the lecture's code),
takes the median wall time of several runs and the peak memory of each process, and
prints both, their ratio and whether the goal is met:
convcalc ≤ 1/20 of Keras's time, ≤ 60 MiB peak memory.

Run: python scripts/benchmark.py [--runs N]   (needs the [keras] extra for the Keras side)
"""

from __future__ import annotations

import argparse
import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
GOAL_RATIO = 1 / 20
GOAL_MEMORY_MIB = 60

# (label, convcalc's input, the Keras program that builds the same model and prints its
# summary): the lecture's example 2 as its slide writes it (tests/code/ holds that code).
CASES = [
    (
        "lecture example 2",
        ROOT / "specs" / "lecture-example-2.yaml",
        (ROOT / "tests" / "code" / "lecture-example-2.py").read_text(),
    )
]


def convcalc_command():
    script = pathlib.Path(sys.executable).with_name("convcalc")
    if script.exists():
        return [str(script)]
    found = shutil.which("convcalc")
    return [found] if found else [sys.executable, "-m", "convcalc"]


def run_once(command):
    """(wall seconds, peak RSS in MiB) of one fresh process."""
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")
    # Measure as installed: pip writes bytecode at install time, so let the warm-up run
    # write it too (this machine's environment may say not to).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{process.stderr.read().decode()}")
    return wall, usage.ru_maxrss / 1024


def measure(command, runs):
    run_once(command)  # warm-up: bytecode and the disk cache, as for any installed tool
    results = [run_once(command) for _ in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per command (median taken)")
    args = parser.parse_args()

    from rich.console import Console
    from rich.table import Table

    table = Table(title="convcalc vs Keras (fresh processes, median wall time)")
    for column in ("model", "convcalc", "Keras", "ratio", "convcalc peak", "goal"):
        table.add_column(column, justify="left" if column == "model" else "right")
    all_met = True
    for label, spec, keras_code in CASES:
        ours, ours_mib = measure([*convcalc_command(), "summarize", str(spec)], args.runs)
        theirs, _ = measure([sys.executable, "-c", keras_code], max(3, args.runs // 2))
        ratio = ours / theirs
        met = ratio <= GOAL_RATIO and ours_mib <= GOAL_MEMORY_MIB
        all_met &= met
        table.add_row(
            label, f"{ours * 1000:.0f} ms", f"{theirs * 1000:.0f} ms", f"1/{1 / ratio:.1f}",
            f"{ours_mib:.1f} MiB", "met" if met else "MISSED",
        )
    Console().print(table)
    print(f"goal: convcalc at most 1/{round(1 / GOAL_RATIO)} of Keras's time and {GOAL_MEMORY_MIB} MiB peak")
    return 0 if all_met else 1


if __name__ == "__main__":
    sys.exit(main())
