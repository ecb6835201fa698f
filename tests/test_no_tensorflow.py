"""convcalc computes everything analytically: summarizing a spec never imports a
deep-learning framework (nor numpy's heavy friends), however the CLI is used."""

import os
import subprocess
import sys

import pytest

from conftest import CLI_MODULES, ROOT, cli_modules

FRAMEWORKS = ("tensorflow", "keras", "jax", "torch", "tf_keras", "flax")


def imported_frameworks(*args, program=CLI_MODULES):
    """(exit code, the frameworks loaded: a top-level name or any of its submodules, the
    process) of the CLI run on `args`."""
    code, modules, done = cli_modules(*args, program=program)
    return code, sorted({m.split(".")[0] for m in modules} & set(FRAMEWORKS)), done


@pytest.mark.parametrize("args", [
    ["summarize", "specs/lecture-example-2.yaml"],
    ["summarize", "specs/lecture-example-2.yaml", "--format", "json"],
    ["summarize", "--show-trainable", *sorted(str(p) for p in (ROOT / "specs").glob("*.yaml"))],
    ["--help"],
], ids=["table", "json", "every-spec", "help"])
def test_summarize_imports_no_framework(args):
    code, loaded, done = imported_frameworks(*args)
    assert code == 0, done.stderr
    assert loaded == [], f"convcalc imported {loaded}"


def test_an_error_imports_no_framework(tmp_path):
    spec = tmp_path / "bad.yaml"
    spec.write_text("input: [5, 5, 1]\nlayers:\n  - Conv2D: [5, 7]\n")
    code, loaded, done = imported_frameworks("summarize", spec)
    assert code == 2 and "5 − 7 + 1 = −1" in done.stderr
    assert loaded == []


def test_the_wrapper_would_see_a_framework():
    """The check itself works: a process that does import keras is caught."""
    probe = CLI_MODULES.replace("    main()", "    import keras")
    assert probe != CLI_MODULES
    _, loaded, _ = imported_frameworks(program=probe)
    assert "keras" in loaded


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
