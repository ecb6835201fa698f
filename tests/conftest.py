import json
import pathlib

import pytest
from click.testing import CliRunner

from convcalc.cli import main

ROOT = pathlib.Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"
CASES = ROOT / "tests" / "cases"


def run_cli(*args, columns="200"):
    """Run the CLI in-process, as on a non-terminal stdout of `columns` columns."""
    result = CliRunner().invoke(main, [str(a) for a in args], env={"COLUMNS": columns})
    return result


@pytest.fixture
def cli():
    return run_cli


def write_spec(tmp_path, text, name="spec.yaml"):
    path = tmp_path / name
    path.write_text(text)
    return path


def summarize_json(path, *options):
    result = run_cli("summarize", path, "--format", "json", *options)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def pytest_terminal_summary(terminalreporter):
    """A check that could not run here (a backend not installed) is said aloud at the end,
    never counted as a pass in silence: its skip reason starts with NOT CHECKED."""
    for report in terminalreporter.stats.get("skipped", []):
        reason = report.longrepr[-1] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        if "NOT CHECKED" in reason:
            terminalreporter.write_line(f"{report.nodeid}: {reason.removeprefix('Skipped: ')}", yellow=True, bold=True)


# Must match scripts/gen_goldens.py VARIANTS: name -> (COLUMNS, CLI options)
VARIANTS = {
    "cols80": ("80", []),
    "cols200": ("200", []),
    "trainable": ("200", ["--show-trainable"]),
    "ll70": ("200", ["--line-length", "70"]),
    "expanded": ("200", ["--expand-nested"]),
    "range": ("200", ["--layer-range", "conv2d", "(activation|flatten|max_pooling2d)"]),
}
# Must match scripts/gen_goldens.py KERAS2_VARIANTS: tf-keras 2's summary, --style keras2
KERAS2_VARIANTS = {
    "keras2": [],
    "keras2-ll50": ["--line-length", "50"],
    "keras2-expanded-trainable": ["--expand-nested", "--show-trainable"],
}


# Runs the command line (convcalc.cli.main, which the console script and `python -m
# convcalc` run before they end the process at once) on ARGS... in a fresh interpreter,
# then reports its exit code and every module in sys.modules.
CLI_MODULES = """
import json, sys
sys.argv = ["convcalc", *sys.argv[1:]]
try:
    from convcalc.cli import main
    main()
    code = 0
except SystemExit as exit:
    code = exit.code or 0
sys.stdout.flush()
print("\\nCONVCALC-MODULES " + json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def cli_modules(*args, program=CLI_MODULES):
    """(exit code, the modules loaded, the finished process) of the CLI run on `args`."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", program, *map(str, args)],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    report = json.loads(done.stdout.rsplit("CONVCALC-MODULES ", 1)[-1])
    return report["code"], report["modules"], done
