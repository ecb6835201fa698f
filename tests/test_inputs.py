"""Inputs (issue 12): only regular files are read (a device, a folder or a fifo is refused
by name, never read until memory runs out or forever), each kind of input is capped in
size, and `-` reads standard input in every command."""

import json
import os

import pytest

from conftest import GOLDEN, ROOT, run_cli

LECTURE2 = ROOT / "specs" / "lecture-example-2.yaml"
SUFFIXES = [".yaml", ".json", ".json.gz", ".keras", ".py", ".ipynb"]


def error(result):
    assert result.exit_code == 2, (result.exit_code, result.output)
    assert isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result.stderr


@pytest.mark.parametrize("suffix", SUFFIXES)
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_is_refused_whatever_its_name(tmp_path, suffix, device):
    link = tmp_path / f"model{suffix}"
    link.symlink_to(device)
    message = error(run_cli("summarize", link))
    assert f"{link}: is not a regular file (a device, a fifo or a socket)" in message


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path, suffix):
    fifo = tmp_path / f"model{suffix}"
    os.mkfifo(fifo)
    assert "is not a regular file" in error(run_cli("summarize", fifo))


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_a_folder_is_refused(tmp_path, suffix):
    folder = tmp_path / f"model{suffix}"
    folder.mkdir()
    assert f"{folder}: is a directory" in error(run_cli("summarize", folder))


def test_a_device_as_answers_is_refused(tmp_path):
    result = run_cli("grade", LECTURE2, "/dev/zero")
    assert "/dev/zero: is not a regular file" in error(result)


@pytest.mark.parametrize("suffix, kind, limit", [
    (".yaml", "spec file", "16 MiB"), (".json", "model config", "64 MiB"),
    (".py", "Python file", "8 MiB"), (".ipynb", "notebook", "32 MiB"),
])
def test_a_file_over_its_cap_is_refused_unread(tmp_path, suffix, kind, limit):
    big = tmp_path / f"big{suffix}"
    with open(big, "wb") as file:  # sparse: nothing is written
        file.truncate(65 * 2**20)
    assert f"the {kind} is larger than {limit}" in error(run_cli("summarize", big))


def test_answers_over_the_cap_are_refused(tmp_path):
    big = tmp_path / "answers.yaml"
    with open(big, "wb") as file:
        file.truncate(17 * 2**20)
    assert "the answers file is larger than 16 MiB" in error(run_cli("grade", LECTURE2, big))


def stdin(*args, data):
    from click.testing import CliRunner

    from convcalc.cli import main

    return CliRunner().invoke(main, [str(a) for a in args], input=data, env={"COLUMNS": "200"})


@pytest.mark.parametrize("source, golden", [
    (ROOT / "specs" / "lecture-example-2.yaml", "lecture-example-2.cols200.out"),
    (ROOT / "tests" / "configs" / "lecture-example-2.json", "lecture-example-2.cols200.out"),
    (ROOT / "tests" / "configs" / "lecture-example-2.keras", "lecture-example-2.cols200.out"),
])
def test_summarize_reads_standard_input(source, golden):
    result = stdin("summarize", "-", data=source.read_bytes())
    assert result.exit_code == 0, result.output
    assert result.stdout == (GOLDEN / golden).read_text()


def test_code_and_notebooks_on_standard_input_are_read_as_their_files():
    for source in (ROOT / "tests" / "code" / "addition-rnn.py",
                   ROOT / "tests" / "notebooks" / "keras-functional-api-guide.ipynb"):
        from_file = run_cli("summarize", source, "--format", "json")
        from_stdin = stdin("summarize", "-", "--format", "json", data=source.read_bytes())
        assert from_file.exit_code == 0 and from_stdin.stdout == from_file.stdout


def test_explain_and_import_read_standard_input():
    text = LECTURE2.read_bytes()
    assert stdin("explain", "-", data=text).stdout == run_cli("explain", LECTURE2).stdout
    imported = stdin("import", "-", data=(ROOT / "tests" / "configs" / "lecture-example-2.json").read_bytes())
    assert imported.exit_code == 0 and imported.stdout == run_cli("import", ROOT / "tests" / "configs" / "lecture-example-2.json").stdout.replace("lecture-example-2.json", "<stdin>")


def test_grade_reads_answers_on_standard_input(tmp_path):
    answers = "total_params: 142\n"
    result = stdin("grade", LECTURE2, "-", data=answers)
    assert result.exit_code == 0, result.output
    wrong = stdin("grade", LECTURE2, "-", "--format", "json", data="total_params: 143\n")
    assert wrong.exit_code == 1
    assert "both" in error(stdin("grade", "-", "-", data=answers))


def test_a_message_about_standard_input_names_it():
    message = error(stdin("summarize", "-", data="input: [10]\nlayers:\n  - Dense: -3\n"))
    assert message.startswith("convcalc: error: <stdin>:3:"), message
    assert error(stdin("check", "-", data="layers: 3\n")).startswith("convcalc: error: <stdin>")
