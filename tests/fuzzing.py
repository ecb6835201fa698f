"""Fuzzing convcalc (issue 12): random inputs for every reader (YAML specs, answers, Keras
configs and archives, code, notebooks, random bytes), each run through a command
(summarize in its formats and styles, explain, import, grade) in this process, and what
counts as a failure: a traceback (any exception but a clean exit), an exit status a
command never gives, a Python object's repr in a message, a run over TIME_LIMIT seconds
or one that grows the process by more than MEMORY_LIMIT bytes.

tests/test_fuzz.py runs it under hypothesis for about a minute; scripts/fuzz.py runs it for
as long as asked and keeps each failing input in tests/fuzz_cases/, which the test suite
runs every time. Everything is drawn from one random.Random, so a seed reproduces a case.
"""

from __future__ import annotations

import copy
import gzip
import io
import json
import pathlib
import re
import resource
import signal
import sys
import zipfile

from click.testing import CliRunner

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from convcalc.cli import main  # noqa: E402

CASES = ROOT / "tests" / "fuzz_cases"
TIME_LIMIT = 20  # seconds one run may take (a hang, else)
MEMORY_LIMIT = 2**30  # bytes one run may add to the process's peak
OBJECT_REPR = re.compile(r"0x[0-9a-f]{6,}|<[\w.]+ object|<function |<built-in |<bound method")

SPECS = sorted([*(ROOT / "specs").glob("*.yaml"), *(ROOT / "tests" / "cases").glob("*.yaml")])
CONFIGS = sorted((ROOT / "tests" / "configs").glob("*.json"))
CODE = sorted((ROOT / "tests" / "code").glob("*.py"))
SUFFIXES = [".yaml", ".json", ".json.gz", ".keras", ".py", ".ipynb"]
# what a mutation puts in a text: YAML and Python syntax, junk values, huge and odd numbers
TOKENS = ["{", "}", "[", "]", ": ", "- ", "-", ",", "\t", "\n", "  ", "null", "~", "true", "-1", "0", "1e309",
          "9" * 4301, "2" * 30, ".inf", "'", '"', "&a ", "*a", "!!python/object:os.system ", "!!binary ", "<<: ",
          "Dense", "Conv2D", "InputLayer", "input:", "layers:", "inputs:", "use:", "api: functional", "#",
          "\x00", "\ufeff", "é", "lambda x: x", "object()", "print", "(", ")", "None", "*", "**", "range(10**9)",
          "while True:\n    pass\n", "import os\n", "keras.layers.Dense", "model.add(", "s = s + s\n"]
JUNK = [None, 0, -1, 3, 1.5, True, "x", "", [], {}, [1, 2], ["a"], {"a": 1}, [[1]], 10**30, 2**64,
        {"class_name": "__keras_tensor__", "config": "s"}, {"class_name": "__tuple__", "config": {"value": 3}}]
OPTIONS = [[], ["--format", "json"], ["--format", "markdown"], ["--format", "csv"], ["--style", "keras2"],
           ["--expand-nested"], ["--show-trainable"], ["--columns", "macs,receptive_field,activation_memory,kernel"],
           ["--line-length", "5"], ["--style", "keras2", "--line-length", "7"], ["--layer-range", "a", "z"],
           ["--dtype", "mixed_float16"]]
EXIT_STATUSES = {"summarize": {0, 2}, "explain": {0, 2}, "import": {0, 2}, "grade": {0, 1, 2}}


# -- inputs ------------------------------------------------------------------------------

def mutate_text(text, rng):
    """A few random edits: a token put in, a span cut out, a line doubled or dropped."""
    for _ in range(rng.randint(1, 4)):
        where = rng.randint(0, len(text))
        kind = rng.random()
        if kind < 0.5:
            text = text[:where] + rng.choice(TOKENS) + text[where:]
        elif kind < 0.7:
            text = text[:where] + text[where + rng.randint(1, 20):]
        else:
            lines = text.split("\n")
            i = rng.randrange(len(lines))
            lines[i:i + 1] = [] if kind < 0.85 else [lines[i], lines[i]]
            text = "\n".join(lines)
    return text


def _paths(value, path=()):
    yield path
    if isinstance(value, dict):
        for key in value:
            yield from _paths(value[key], path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _paths(item, path + (i,))


def mutate_data(data, rng):
    """A Keras config with one to three fields replaced by junk, or dropped."""
    data = copy.deepcopy(data)
    for _ in range(rng.randint(1, 3)):
        paths = list(_paths(data))[1:]
        if not paths:
            break
        path = rng.choice(paths)
        parent = data
        for key in path[:-1]:
            parent = parent[key]
        if rng.random() < 0.8:
            parent[path[-1]] = copy.deepcopy(rng.choice(JUNK))
        elif isinstance(parent, dict):
            del parent[path[-1]]
        else:
            parent.pop(path[-1])
    return data


def mutate_code(text, rng):
    literal = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?![\w.])|\"[a-z_]+\"|\([0-9, ]+\)")
    for _ in range(rng.randint(1, 3)):
        spans = [m.span() for m in literal.finditer(text)]
        if not spans or rng.random() < 0.2:
            return mutate_text(text, rng)
        start, stop = rng.choice(spans)
        text = text[:start] + rng.choice(TOKENS[18:] + ["x", "model", "self", "layers.Dense(3)", "keras.Input((3,))",
                                                        "[]", "{}", "(1, 'a')", "-5", "10**40", "2.5"]) + text[stop:]
    return text


def notebook(code):
    return json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {},
                       "cells": [{"cell_type": "code", "metadata": {}, "source": code.splitlines(True),
                                  "outputs": [], "execution_count": None}]})


def keras_archive(text):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("config.json", text)
    return buffer.getvalue()


def random_case(rng):
    """(file name, bytes, command and options) of one random run."""
    kind = rng.choice(["bytes", "spec", "spec", "spec", "config", "config", "archive", "gzip", "code", "code",
                       "notebook", "answers"])
    if kind == "bytes":
        name, data = "input" + rng.choice(SUFFIXES), bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 300)))
    elif kind in ("spec", "answers"):
        name, data = "spec.yaml", mutate_text(rng.choice(SPECS).read_text(), rng).encode("utf-8", "replace")
    elif kind in ("config", "archive", "gzip"):
        text = json.dumps(mutate_data(json.loads(rng.choice(CONFIGS).read_text()), rng))
        if rng.random() < 0.2:
            text = mutate_text(text, rng)
        name, data = {"config": ("model.json", text.encode()), "archive": ("model.keras", keras_archive(text)),
                      "gzip": ("model.json.gz", gzip.compress(text.encode()))}[kind]
    else:
        code = mutate_code(rng.choice(CODE).read_text(), rng)
        name, data = ("model.py", code.encode()) if kind == "code" else ("model.ipynb", notebook(code).encode())
    if kind == "answers":  # a student's answers, mutated, graded against a good spec
        answers = mutate_text("layers:\n  conv2d: {output_shape: [null, 8, 8, 5], params: 50}\n  2: {params: 92}\n"
                              "total_params: 142\n", rng)
        return "answers.yaml", answers.encode("utf-8", "replace"), ["grade", str(ROOT / "specs" / "lecture-example-2.yaml"),
                                                                    "{file}"]
    command = rng.choice(["summarize"] * 4 + ["explain", "import"])
    options = rng.choice(OPTIONS) if command == "summarize" else []
    return name, data, [command, "{file}", *options]


# -- a run, and what fails it -----------------------------------------------------------

class Hang(Exception):
    pass


def _alarm(signum, frame):
    raise Hang


def peak_rss():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # kilobytes on Linux


def run_case(folder, name, data, args):
    """Write one case's input in `folder` and run it; its failure as text, or None."""
    path = pathlib.Path(folder) / name
    path.write_bytes(data)
    return run_argv([a.replace("{file}", str(path)) for a in args])


def run_argv(argv):
    """Run the command line in this process; its failure as text, or None."""
    before = peak_rss()
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(TIME_LIMIT)
    try:
        result = CliRunner().invoke(main, argv, env={"COLUMNS": "100"})
    except Hang:
        return f"hang: over {TIME_LIMIT} s"
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    if isinstance(result.exception, Hang):
        return f"hang: over {TIME_LIMIT} s"
    if peak_rss() - before > MEMORY_LIMIT:
        return f"memory: the run grew the process by {(peak_rss() - before) // 2**20} MiB"
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        import traceback

        where = traceback.extract_tb(result.exception.__traceback__)[-1]
        return f"traceback: {type(result.exception).__name__}: {result.exception} ({where.filename}:{where.lineno})"
    if result.exit_code not in EXIT_STATUSES[argv[0]]:
        return f"exit status {result.exit_code}"
    if OBJECT_REPR.search(result.stderr) or "Traceback" in result.output:
        return f"message: {result.stderr[:300]}"
    return None


def kept_cases():
    """(path, argv) of every kept case: each file of tests/fuzz_cases, summarized and
    explained, or run by its own command line (NAME.args beside it: one argument a line,
    {file} for the file)."""
    cases = []
    for path in sorted(CASES.iterdir()) if CASES.exists() else []:
        if path.suffix == ".args":
            continue
        extra = path.with_name(path.name + ".args")
        commands = [extra.read_text().splitlines()] if extra.exists() else [["summarize", "{file}"], ["explain", "{file}"]]
        cases += [(path, [a.replace("{file}", str(path)).replace("{root}", str(ROOT)) for a in command])
                  for command in commands]
    return cases
