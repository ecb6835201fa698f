"""Regenerate tests/golden/plot/ from real Keras: keras.utils.model_to_dot's DOT text.

For each spec of PLOT_CASES and each variant of PLOT_VARIANTS (model_to_dot's arguments,
and the global dtype policy to build under) it builds the model with Keras (Keras 3.15 on
TensorFlow CPU, a fresh session) and writes NAME.VARIANT.dot: pydot's to_string() of
model_to_dot(model, ...), byte for byte, except the boxes' ids. Keras names each box by
id(layer), a memory address that changes from run to run; here each id becomes the
box's number in the order the text declares the boxes (1, 2, ...), as convcalc numbers
them. An edge to a box the text never declares would have no number: it stops the script.

Run: python scripts/gen_plot_goldens.py   (needs the [test] extra and pydot)
     python scripts/gen_plot_goldens.py --out DIR --all   (every spec of specs/ and
     tests/cases/, into DIR: to compare convcalc with Keras more widely than the goldens)
"""

from __future__ import annotations

import argparse
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from convcalc.oracle.keras_reference import build_model, import_keras  # noqa: E402
from convcalc.read import read_model  # noqa: E402

GOLDEN = ROOT / "tests" / "golden" / "plot"
FULL = {"show_shapes": True, "show_dtype": True, "show_layer_activations": True, "show_trainable": True}
# name -> (model_to_dot's arguments, the global dtype policy); tests/test_plot.py runs
# `convcalc plot` with the same, as options (variant_options)
PLOT_VARIANTS = {
    "default": ({}, None),
    "full": (FULL, None),
    "lr-no-names": ({"rankdir": "LR", "show_layer_names": False, "dpi": 96, "show_shapes": True}, None),
    "nested": ({"expand_nested": True, **FULL}, None),
    "mixed-float16": ({"show_dtype": True, "show_trainable": True}, "mixed_float16"),
}
# specs/ and tests/cases/ stems: sequential, functional with branches, shared layers,
# several inputs and outputs, nested models (Sequential in Sequential, in functional),
# activations of every kind, recurrent layers, frozen layers
PLOT_CASES = (
    "mnist-convnet", "lecture-example-2", "graph-residual-block", "graph-two-inputs-two-outputs",
    "graph-shared-siamese", "graph-unet-skip", "nested-models", "nested-sequential-in-sequential",
    "nested-shared-encoder", "activations-functional", "activations", "frozen-layers", "rnn-initial-state",
    "separable-depthwise", "dtype-and-lora",
)


def case_paths():
    return sorted((ROOT / "specs").glob("*.yaml")) + sorted((ROOT / "tests" / "cases").glob("*.yaml"))


def numbered(text):
    """The DOT text with each box's id(layer) replaced by its declaration number."""
    ids = {}
    for match in re.finditer(r"^(\d+) \[label=", text, re.M):
        ids.setdefault(match[1], str(len(ids) + 1))

    def edge(match):
        missing = [i for i in (match[1], match[2]) if i not in ids]
        if missing:
            raise ValueError(f"an edge to a box never declared: {missing}")
        return f"{ids[match[1]]} -> {ids[match[2]]} ["

    text = re.sub(r"^(\d+) -> (\d+) \[", edge, text, flags=re.M)
    return re.sub(r"^(\d+) \[label=", lambda m: f"{ids[m[1]]} [label=", text, flags=re.M)


def keras_dot(path, options, dtype_policy, keras):
    from keras.src.utils.model_visualization import model_to_dot

    model = build_model(read_model(path), keras, dtype_policy=dtype_policy)
    try:
        return numbered(model_to_dot(model, **options).to_string())
    finally:
        if dtype_policy is not None:
            keras.config.set_dtype_policy("float32")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=pathlib.Path, default=GOLDEN)
    parser.add_argument("--all", action="store_true", help="every spec, not only PLOT_CASES")
    arguments = parser.parse_args()
    keras = import_keras()
    arguments.out.mkdir(parents=True, exist_ok=True)
    paths = [p for p in case_paths() if arguments.all or p.stem in PLOT_CASES]
    assert arguments.all or len(paths) == len(PLOT_CASES), "a PLOT_CASES spec is missing"
    for path in paths:
        for variant, (options, dtype_policy) in PLOT_VARIANTS.items():
            target = arguments.out / f"{path.stem}.{variant}.dot"
            try:
                text = keras_dot(path, options, dtype_policy, keras)
            except Exception as error:  # noqa: BLE001 -- Keras refuses it: reported, no golden
                print(f"{path.stem} {variant}: Keras refuses it: {type(error).__name__}: {error}"[:300])
                continue
            if not target.exists() or target.read_text() != text:
                target.write_text(text)


if __name__ == "__main__":
    main()
