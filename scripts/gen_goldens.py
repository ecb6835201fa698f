"""Regenerate tests/golden/ from real Keras: every spec in specs/ and tests/cases/.

For each case it builds the model with Keras (keras 3.15 on TensorFlow CPU) in a fresh
Keras session and writes
- NAME.json: Keras's own figures (the schema of `convcalc summarize --format json`);
- NAME.VARIANT.out: what model.summary() prints to a non-terminal stdout under each
  variant of VARIANTS (terminal width, line_length, show_trainable, layer_range); a
  variant whose summary() Keras refuses (a layer_range no layer matches) gets
  NAME.VARIANT.error.txt with Keras's message;
- NAME.dtype-POLICY.out: model.summary() of the model built under a global dtype policy
  (keras.config.set_dtype_policy, convcalc summarize --dtype POLICY);
- NAME.KERAS2VARIANT.out: the same model built with tf-keras 2 (in the same process,
  `import tf_keras`), what its model.summary() prints under each of KERAS2_VARIANTS
  (convcalc summarize --style keras2); a case tf-keras cannot build gets
  NAME.keras2.error.txt instead.

Run: python scripts/gen_goldens.py   (needs the [test] extra: Keras, TensorFlow, tf-keras)
"""

from __future__ import annotations

import json
import os
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from convcalc.keras_reference import (  # noqa: E402
    build_model,
    figures,
    import_keras,
    import_tf_keras,
    summary_text,
)
from convcalc.read import read_model  # noqa: E402

GOLDEN = ROOT / "tests" / "golden"
# name -> (COLUMNS, summary() arguments); tests run convcalc under the same.
VARIANTS = {
    "cols80": ("80", {}),
    "cols200": ("200", {}),
    "trainable": ("200", {"show_trainable": True}),
    "ll70": ("200", {"line_length": 70}),
    "expanded": ("200", {"expand_nested": True}),
    "range": ("200", {"layer_range": ["conv2d", "(activation|flatten|max_pooling2d)"]}),
}
# tf-keras 2 (--style keras2): name -> summary() arguments (its layout ignores the terminal)
KERAS2_VARIANTS = {
    "keras2": {},
    "keras2-ll50": {"line_length": 50},
    "keras2-expanded-trainable": {"expand_nested": True, "show_trainable": True},
}
# Keras 3 under a global dtype policy (convcalc summarize --dtype POLICY), COLUMNS=200:
# NAME.dtype-POLICY.out; a model Keras cannot build under it (TensorFlow has no bfloat16
# kernel for some ops on CPU) gets NAME.dtype-POLICY.error.txt instead.
DTYPE_POLICIES = ("float16", "bfloat16", "mixed_float16")


def case_paths():
    return sorted((ROOT / "specs").glob("*.yaml")) + sorted((ROOT / "tests" / "cases").glob("*.yaml"))


def main():
    keras = import_keras("tensorflow")
    tf_keras = import_tf_keras()
    files = {}  # written only once every case has built: a failure leaves tests/golden/ as it was
    for path in case_paths():
        graph = read_model(path)
        model = build_model(graph, keras)
        files[f"{path.stem}.json"] = json.dumps(figures(model, keras), indent=2) + "\n"
        for variant, (columns, options) in VARIANTS.items():
            os.environ["COLUMNS"] = columns
            try:
                files[f"{path.stem}.{variant}.out"] = summary_text(model, **options)
            except ValueError as error:  # e.g. a layer_range that no layer name matches
                files[f"{path.stem}.{variant}.error.txt"] = f"{error}\n"
        os.environ["COLUMNS"] = "200"
        for policy in DTYPE_POLICIES:
            try:
                files[f"{path.stem}.dtype-{policy}.out"] = summary_text(build_model(graph, keras, policy))
            except Exception as error:  # noqa: BLE001 (the backend's own errors, of any class)
                files[f"{path.stem}.dtype-{policy}.error.txt"] = f"{type(error).__name__}\n"
        try:
            model2 = build_model(graph, tf_keras)
        except (AttributeError, TypeError, ValueError) as error:  # a layer or argument tf-keras lacks
            files[f"{path.stem}.keras2.error.txt"] = f"{error}\n"
            model2 = None
        for variant, options in KERAS2_VARIANTS.items() if model2 is not None else ():
            files[f"{path.stem}.{variant}.out"] = summary_text(model2, **options)
        keras2 = "" if model2 is not None else " (tf-keras cannot build it)"
        print(f"{path.relative_to(ROOT)}: {figures(model, keras)['total_params']:,} params{keras2}")
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for old in GOLDEN.iterdir():
        if old.name not in files:
            old.unlink()
    for name, text in files.items():
        (GOLDEN / name).write_text(text)


if __name__ == "__main__":
    main()
