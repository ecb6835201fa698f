"""Regenerate tests/golden/ from real Keras: every spec in specs/ and tests/cases/.

For each case it builds the model with Keras (keras 3.15 on TensorFlow CPU) in a fresh
Keras session and writes
- NAME.json: Keras's own figures (the schema of `convcalc summarize --format json`);
- NAME.VARIANT.out: what model.summary() prints to a non-terminal stdout under each
  variant of VARIANTS (terminal width, line_length, show_trainable).
A case that Keras refuses gets NAME.error.txt with Keras's message instead.

Run: python scripts/gen_goldens.py   (needs the [keras] extra)
"""

from __future__ import annotations

import json
import os
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from convcalc.keras_reference import build_model, figures, import_keras, summary_text  # noqa: E402
from convcalc.read import read_model  # noqa: E402

GOLDEN = ROOT / "tests" / "golden"
# name -> (COLUMNS, summary() arguments); tests run convcalc under the same.
VARIANTS = {
    "cols80": ("80", {}),
    "cols200": ("200", {}),
    "trainable": ("200", {"show_trainable": True}),
    "ll70": ("200", {"line_length": 70}),
    "expanded": ("200", {"expand_nested": True}),
}


def case_paths():
    return sorted((ROOT / "specs").glob("*.yaml")) + sorted((ROOT / "tests" / "cases").glob("*.yaml"))


def main():
    keras = import_keras("tensorflow")
    files = {}  # written only once every case has built: a failure leaves tests/golden/ as it was
    for path in case_paths():
        model = build_model(read_model(path), keras)
        files[f"{path.stem}.json"] = json.dumps(figures(model, keras), indent=2) + "\n"
        for variant, (columns, options) in VARIANTS.items():
            os.environ["COLUMNS"] = columns
            text = summary_text(model, **options)
            files[f"{path.stem}.{variant}.out"] = text
        print(f"{path.relative_to(ROOT)}: {figures(model, keras)['total_params']:,} params")
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for old in GOLDEN.iterdir():
        if old.name not in files:
            old.unlink()
    for name, text in files.items():
        (GOLDEN / name).write_text(text)


if __name__ == "__main__":
    main()
