"""Measure convcalc on a corpus of Keras code: how many snippets it summarizes exactly.

For every .py in the given folders:
- Keras's side: the snippet runs with real Keras (TensorFlow CPU) in a fresh subprocess,
  as scripts/gen_goldens.py runs tests/code/*.py (its run_code: applications' weights
  never fetched nor loaded), and the last module-level variable the file assigns a model
  to is summarized at COLUMNS=200 (or Keras's error is recorded). The result is cached
  in .corpus-cache/keras-VERSION/ (git-ignored), keyed by the file's SHA-256.
- convcalc's side: `python -m convcalc summarize FILE` at COLUMNS=200.

Each snippet is one of
  exact          convcalc printed Keras's table byte for byte
  keras-refused  Keras itself fails on the file and convcalc refuses too (counted exact)
  refused        convcalc refused (exit 2, one message) a model Keras summarizes
  wrong          convcalc printed a table, not Keras's (or one for a file Keras refuses)
  traceback      convcalc crashed (or timed out)

Run: python scripts/corpus_score.py tests/pending [tests/code ...] [--json] [--diff]
This is a measurement, not a test: it never fails on a wrong snippet.
"""

from __future__ import annotations

import argparse
import ast
import collections
import hashlib
import importlib.metadata
import json
import os
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
CACHE = ROOT / ".corpus-cache"
PYTHON = sys.executable
KERAS_TIMEOUT, CONVCALC_TIMEOUT = 600, 120
KERAS_VERSION = importlib.metadata.version("keras")  # the cache's folder: a new Keras, new results


def assigned_names(tree):
    """Module-level names assigned (not in functions or classes), in statement order."""
    names = []

    def targets(node):
        if isinstance(node, ast.Name):
            names.append(node.id)
        elif isinstance(node, (ast.Tuple, ast.List)):
            for item in node.elts:
                targets(item)

    def walk(statements):
        for statement in statements:
            if isinstance(statement, ast.Assign):
                for target in statement.targets:
                    targets(target)
            elif isinstance(statement, (ast.AnnAssign, ast.AugAssign)):
                targets(statement.target)
            elif isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                continue
            for field in ("body", "orelse", "finalbody"):
                walk(getattr(statement, field, []) or [])
            for handler in getattr(statement, "handlers", []) or []:
                walk(handler.body)

    walk(tree.body)
    return names


def keras_one(path):
    """(In the subprocess) Keras's summary of the snippet's last model, as JSON on stdout."""
    sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]
    from gen_goldens import run_code  # the trusted-code runner of the goldens, weights stubbed

    from convcalc.oracle.keras_reference import import_keras, quiet, summary_text

    path = pathlib.Path(path)
    keras = import_keras("tensorflow")
    os.environ["COLUMNS"] = "200"
    try:
        with quiet():
            namespace = run_code(path, keras)
        models = [n for n in assigned_names(ast.parse(path.read_text()))
                  if isinstance(namespace.get(n), keras.Model)]
        if not models:
            raise ValueError("the file assigns no Keras model to a module-level variable")
        with quiet():
            text = summary_text(namespace[models[-1]])
        result = {"status": "ok", "variable": models[-1], "summary": text}
    except Exception as error:  # noqa: BLE001 (Keras's own errors, of any class)
        message = str(error).strip().splitlines()
        result = {"status": "refused", "error": f"{type(error).__name__}: {message[0] if message else ''}"}
    print("\nCORPUS-KERAS " + json.dumps(result))


def keras_result(path):
    """Keras's result for a file: from the cache, else from a fresh subprocess (one at a time)."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    cached = CACHE / f"keras-{KERAS_VERSION}" / f"{digest}.json"
    if cached.exists():
        return json.loads(cached.read_text())
    try:
        done = subprocess.run([PYTHON, __file__, "--keras-one", str(path.resolve())], capture_output=True, text=True,
                              cwd=ROOT, timeout=KERAS_TIMEOUT, env={**os.environ, "COLUMNS": "200"})
        result = json.loads(done.stdout.rsplit("CORPUS-KERAS ", 1)[1])
    except (subprocess.TimeoutExpired, IndexError):  # no result: not cached, tried again next run
        return {"status": "refused", "error": "the Keras run crashed or timed out"}
    cached.parent.mkdir(parents=True, exist_ok=True)
    cached.write_text(json.dumps(result))
    return result


def convcalc_result(path):
    """(exit code, stdout, stderr) of `convcalc summarize FILE` at COLUMNS=200."""
    try:
        done = subprocess.run([PYTHON, "-m", "convcalc", "summarize", str(path.resolve())], capture_output=True,
                              text=True, cwd=ROOT, timeout=CONVCALC_TIMEOUT, env={**os.environ, "COLUMNS": "200"})
    except subprocess.TimeoutExpired:
        return None, "", "timed out"
    return done.returncode, done.stdout, done.stderr


def first_difference(got, expected):
    got_lines, expected_lines = got.splitlines(), expected.splitlines()
    for number, (a, b) in enumerate(zip(got_lines, expected_lines), 1):
        if a != b:
            return f"line {number}: convcalc {a.strip()!r} Keras {b.strip()!r}"
    return f"convcalc {len(got_lines)} lines, Keras {len(expected_lines)}"


def classify(path):
    keras = keras_result(path)
    code, out, err = convcalc_result(path)
    message = err.strip().removeprefix("convcalc: error: ").splitlines()
    message = message[0] if message else ""
    if code not in (0, 2) or "Traceback (most recent call last)" in err:
        last = err.strip().splitlines()[-1] if err.strip() else f"exit {code}"
        return {"status": "traceback", "detail": last}
    if keras["status"] == "refused":
        if code == 2:
            return {"status": "keras-refused", "detail": keras["error"]}
        return {"status": "wrong", "detail": f"convcalc printed a table; Keras: {keras['error']}"}
    if code == 2:
        return {"status": "refused", "detail": message}
    if out == keras["summary"]:
        return {"status": "exact", "detail": ""}
    return {"status": "wrong", "detail": first_difference(out, keras["summary"]), "convcalc": out,
            "keras": keras["summary"]}


def pattern(detail):
    """A message with its file, line, names and numbers taken out: what groups failures together
    (the reason in "X is applied to y (line N: REASON), which ..." when there is one)."""
    detail = re.sub(r"^\S+\.py(:\d+)*:\s*", "", detail)
    reason = re.search(r"\(line \d+: (.*?)\)(, which convcalc does not follow)?$", detail)
    detail = reason.group(1) if reason else detail
    detail = re.sub(r"\b[A-Za-z_][\w.]*\(.*\)\(\.\.\.\)", "CALL(...)", detail)
    detail = re.sub(r"the result of [^,]*, never run", "the result of CALL(...), never run", detail)
    detail = re.sub(r"(instance of|application) [\w.]+", r"\1 X", detail)
    detail = re.sub(r"'[^']*'|\"[^\"]*\"|`[^`]*`", "…", detail)
    return re.sub(r"\d+", "N", detail)[:120]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=pathlib.Path)
    parser.add_argument("--json", action="store_true", help="one JSON document on stdout")
    parser.add_argument("--diff", action="store_true", help="print both tables of each wrong snippet")
    parser.add_argument("--keras-one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.keras_one:
        return keras_one(args.keras_one)
    files = sorted(p for folder in args.folders for p in (folder.glob("*.py") if folder.is_dir() else [folder]))
    results = {}
    for path in files:
        results[str(path)] = result = classify(path)
        if not args.json:
            detail = f": {result['detail']}" if result["detail"] else ""
            print(f"{result['status']:<14}{path}{detail}", flush=True)
            if args.diff and "convcalc" in result:
                print(result["convcalc"] + "--- Keras:\n" + result["keras"])
    counts = collections.Counter(r["status"] for r in results.values())
    total = len(results) or 1
    exact = counts["exact"] + counts["keras-refused"]
    if args.json:
        print(json.dumps({"files": results, "counts": dict(counts), "exact": exact, "total": len(results)}, indent=2))
        return
    both = f", {counts['keras-refused']} of them refused by Keras and convcalc" if counts["keras-refused"] else ""
    print(f"\n{len(results)} snippets: {exact} exact ({100 * exact / total:.0f}%{both})"
          + "".join(f", {counts[s]} {s} ({100 * counts[s] / total:.0f}%)" for s in ("refused", "wrong", "traceback") if counts[s]))
    groups = collections.Counter(pattern(r["detail"]) for r in results.values() if r["status"] in ("refused", "traceback"))
    if groups:
        print("\nrefusals and crashes, most common first:")
        for text, count in groups.most_common():
            print(f"{count:4}  {text}")


if __name__ == "__main__":
    main()
