"""Every command's --help ends with two or three examples; grade's shows the answers
format, quiz's the levels. The examples that name files of this repository run as shown."""

import pathlib
import re
import shlex

import pytest

from conftest import ROOT, run_cli
from convcalc.cli import main

COMMANDS = sorted(main.commands)


def examples(command):
    text = run_cli(command, "--help").output
    assert "Examples:" in text, f"convcalc {command} --help shows no examples"
    block = text.split("Examples:", 1)[1]
    return [line.strip() for line in block.splitlines() if line.strip().startswith("convcalc ")]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_help_ends_with_examples(command):
    shown = examples(command)
    assert 2 <= len(shown) <= 3, shown
    assert sum(line.split()[1] == command for line in shown) >= 2, shown


def test_the_top_level_help_ends_with_examples_of_commands():
    text = run_cli("--help").output
    block = text.split("Examples:", 1)[1]
    shown = [line.strip() for line in block.splitlines() if line.strip().startswith("convcalc ")]
    assert 2 <= len(shown) <= 3 and all(line.split()[1] in COMMANDS for line in shown), shown


def test_grade_help_shows_the_answers_format():
    text = run_cli("grade", "--help").output
    assert "ANSWERS format" in text and "output_shape" in text and "total_params" in text and "points" in text


def test_quiz_help_shows_the_levels():
    text = run_cli("quiz", "--help").output
    assert all(level in text for level in ("intro", "conv", "advanced"))


# check runs real Keras (tests/test_check.py); quiz writes a folder (tests/test_quiz.py)
RUNNABLE = [(c, line) for c in COMMANDS if c not in ("check", "quiz") for line in examples(c)
            if all((ROOT / a).exists() for a in shlex.split(line)[2:] if re.search(r"\.(yaml|py|json|keras|ipynb)$", a))
            and "-o" not in shlex.split(line)]


@pytest.mark.parametrize("command, line", RUNNABLE)
def test_the_examples_on_this_repositorys_files_run(command, line):
    result = run_cli(*shlex.split(line)[1:])
    assert result.exit_code == 0, result.output


def test_some_examples_run():
    assert len(RUNNABLE) >= 4, RUNNABLE
