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


def summarize_json(path):
    result = run_cli("summarize", path, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)
