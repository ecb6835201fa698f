"""The code-level differential test: random Keras Python files (tests/code_generator.py)
with user Layer subclasses, subclassed models, Lambda layers and keras.ops on tensors,
what YAML specs cannot hold.

All the files are run by real Keras in one subprocess (scripts/gen_goldens.py run_code,
convcalc.oracle.keras_reference figures and summary_text: the generator's trusted code only),
which records model.summary() at COLUMNS=200 and Keras's figures of `model`; convcalc
reads each file (never runs it) and its `summarize` table and `--format json` must be
Keras's, byte for byte and figure for figure. Code Keras refuses, convcalc must refuse.

Environment: CONVCALC_DIFFCODE_SEED (first seed; default fixed, so CI is reproducible),
CONVCALC_DIFFCODE_COUNT (files, default 60). A failure prints each failing file with its
seed and the first differing line; reproduce one with `python tests/code_generator.py SEED`.
"""

import difflib
import json
import os
import subprocess
import sys

import code_generator
from conftest import ROOT, run_cli

SEED = int(os.environ.get("CONVCALC_DIFFCODE_SEED", "20260301"))
COUNT = int(os.environ.get("CONVCALC_DIFFCODE_COUNT", "60"))
SHOWN = 3  # failing files printed in full

# Runs in the subprocess: every file with Keras, its model's summary and figures (or
# Keras's refusal) written as JSON to the last argument.
KERAS_SIDE = """
import json, os, pathlib, sys
sys.path.insert(0, str(pathlib.Path(sys.argv[1]) / "scripts"))
from gen_goldens import run_code
from convcalc.oracle.keras_reference import figures, import_keras, summary_text

keras = import_keras("tensorflow")
os.environ["COLUMNS"] = "200"
results = {}
for path in map(pathlib.Path, sys.argv[2:-1]):
    try:
        model = run_code(path, keras)["model"]
        results[str(path)] = {"summary": summary_text(model), "figures": figures(model, keras)}
    except Exception as error:  # Keras refuses the code: convcalc must too
        message = str(error).strip().splitlines()[0] if str(error).strip() else ""
        results[str(path)] = {"error": f"{type(error).__name__}: {message}"}
pathlib.Path(sys.argv[-1]).write_text(json.dumps(results))
"""


def keras_results(paths, tmp_path):
    out = tmp_path / "keras.json"
    done = subprocess.run([sys.executable, "-c", KERAS_SIDE, str(ROOT), *map(str, paths), str(out)],
                          capture_output=True, text=True, cwd=ROOT, timeout=900)
    assert done.returncode == 0, f"the Keras side failed:\n{done.stderr[-3000:]}"
    return json.loads(out.read_text())


def first_difference(convcalc, keras):
    """The first line where two texts differ, both ways."""
    a, b = convcalc.splitlines(), keras.splitlines()
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return f"line {i + 1}:\n  convcalc: {x}\n  Keras:    {y}"
    return f"line {min(len(a), len(b)) + 1}: convcalc has {len(a)} lines, Keras {len(b)}"


def compare(path, keras):
    """Why convcalc and Keras differ on the file at `path`, or None."""
    table = run_cli("summarize", path, columns="200")
    if "error" in keras:
        if table.exit_code == 2 and table.output.startswith(f"convcalc: error: {path}"):
            return None
        return f"Keras refuses it ({keras['error']}); convcalc printed:\n{table.output}"
    if table.exit_code != 0:
        return f"convcalc refuses it, Keras builds it:\n{table.output}"
    if table.output != keras["summary"]:
        return "summary tables differ at " + first_difference(table.output, keras["summary"])
    figures = run_cli("summarize", path, "--format", "json")
    if figures.exit_code != 0 or json.loads(figures.output) != keras["figures"]:
        theirs = json.dumps(keras["figures"], indent=1).splitlines()
        ours = figures.output.strip() if figures.exit_code else json.dumps(json.loads(figures.output), indent=1)
        diff = list(difflib.unified_diff(theirs, ours.splitlines(), "Keras", "convcalc", lineterm="", n=1))
        return "figures differ:\n" + "\n".join(diff[:20])
    return None


def test_random_code_agrees_with_keras(tmp_path):
    paths = {}
    for seed in range(SEED, SEED + COUNT):
        paths[seed] = tmp_path / f"seed_{seed}.py"
        paths[seed].write_text(code_generator.generate(seed))
    results = keras_results(paths.values(), tmp_path)
    failures = [(seed, why) for seed, path in paths.items() if (why := compare(path, results[str(path)]))]
    shown = "\n\n".join(f"seed {seed}: {why}\n  reproduce: python tests/code_generator.py {seed}\n{paths[seed].read_text()}"
                        for seed, why in failures[:SHOWN])
    assert not failures, f"{len(failures)} of {COUNT} random files where convcalc and Keras differ (seeds {[s for s, _ in failures]}); the first:\n\n{shown}"
    # The generator aims at models Keras builds: nearly all must (else it tests little).
    built = sum("error" not in r for r in results.values())
    assert built >= 0.9 * COUNT, f"only {built} of {COUNT} random files were models Keras builds"
