"""convcalc computes everything analytically: summarizing a spec never imports a
deep-learning framework (nor numpy's heavy friends), however the CLI is used."""

import json
import os
import subprocess
import sys

import pytest

from conftest import ROOT

FRAMEWORKS = ("tensorflow", "keras", "jax", "torch", "tf_keras", "flax")

# Runs the command line (convcalc.cli.main, which the console script and `python -m
# convcalc` run before they end the process at once) on ARGS... in this interpreter, then
# reports which of the frameworks ended up in sys.modules (a top-level name or any of its
# submodules).
WRAPPER = """
import json, sys
frameworks = json.loads(sys.argv[1])
sys.argv = ["convcalc", *sys.argv[2:]]
try:
    from convcalc.cli import main
    main()
    code = 0
except SystemExit as exit:
    code = exit.code or 0
loaded = sorted({m.split(".")[0] for m in sys.modules} & set(frameworks))
sys.stdout.flush()
print("\\nCONVCALC-MODULES " + json.dumps({"code": code, "loaded": loaded}))
"""


def imported_frameworks(*args):
    done = subprocess.run(
        [sys.executable, "-c", WRAPPER, json.dumps(FRAMEWORKS), *map(str, args)],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )
    report = done.stdout.rsplit("CONVCALC-MODULES ", 1)[-1]
    return json.loads(report), done


@pytest.mark.parametrize("args", [
    ["summarize", "specs/lecture-example-2.yaml"],
    ["summarize", "specs/lecture-example-2.yaml", "--format", "json"],
    ["summarize", "--show-trainable", *sorted(str(p) for p in (ROOT / "specs").glob("*.yaml"))],
    ["--help"],
], ids=["table", "json", "every-spec", "help"])
def test_summarize_imports_no_framework(args):
    report, done = imported_frameworks(*args)
    assert report["code"] == 0, done.stderr
    assert report["loaded"] == [], f"convcalc imported {report['loaded']}"


def test_an_error_imports_no_framework(tmp_path):
    spec = tmp_path / "bad.yaml"
    spec.write_text("input: [5, 5, 1]\nlayers:\n  - Conv2D: [5, 7]\n")
    report, done = imported_frameworks("summarize", spec)
    assert report["code"] == 2 and "5 − 7 + 1 = −1" in done.stderr
    assert report["loaded"] == []


def test_the_wrapper_would_see_a_framework():
    """The check itself works: a process that does import keras is caught."""
    probe = WRAPPER.replace("    main()", "    import keras")
    assert probe != WRAPPER
    done = subprocess.run([sys.executable, "-c", probe, json.dumps(FRAMEWORKS)],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    report = json.loads(done.stdout.rsplit("CONVCALC-MODULES ", 1)[-1])
    assert "keras" in report["loaded"]


def test_the_process_ends_with_all_its_output_and_status(tmp_path):
    """`python -m convcalc` (as the console script) ends the process at once: after all the
    output is written, with the command's exit status."""
    env = {**os.environ, "COLUMNS": "80"}
    done = subprocess.run([sys.executable, "-m", "convcalc", "summarize", "specs/lecture-example-2.yaml"],
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout == (ROOT / "tests" / "golden" / "lecture-example-2.cols80.out").read_text()
    done = subprocess.run([sys.executable, "-m", "convcalc", "summarize", tmp_path / "missing.yaml"],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 2 and done.stderr.startswith("convcalc: error: ") and done.stdout == ""
