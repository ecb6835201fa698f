"""Regenerate tests/golden/plot/ from real Keras: keras.utils.model_to_dot's DOT text.

For each case of PLOT_CASES (specs/ and tests/cases/ stems, tests/code/ and tests/configs/
file names) and each variant of PLOT_VARIANTS (model_to_dot's arguments,
and the global dtype policy to build under) it builds the model with Keras (Keras 3.15 on
TensorFlow CPU, a fresh session) and writes NAME.VARIANT.dot: pydot's to_string() of
model_to_dot(model, ...), byte for byte, except the boxes' ids. Keras names each box by
id(layer), a memory address that changes from run to run; here each id becomes the
box's number in the order the text declares the boxes (1, 2, ...), as convcalc numbers
them. An edge to a box the text never declares would have no number: it stops the script.

A code file is run with Keras as scripts/gen_goldens.py runs it (these trusted files
only), its model the one convcalc picks; a config is loaded with Keras; both under the
variant's global dtype policy (set after clear_session; the code may set its own).

Run: python scripts/gen_plot_goldens.py   (needs the [test] extra and pydot)
     python scripts/gen_plot_goldens.py --out DIR --all [--code]   (every spec of specs/
     and tests/cases/, with --code every file of tests/code/ and tests/configs/ too, into
     DIR: to compare convcalc with Keras more widely than the goldens)
"""

from __future__ import annotations

import argparse
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

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
    "no-dtype": ({**FULL, "show_dtype": False}, None),
    "mixed-float16": ({"show_dtype": True, "show_trainable": True}, "mixed_float16"),
}
# case -> (an option, what convcalc says): the variants with that option convcalc refuses
# (tests/test_plot.py checks it does), where Keras shows what convcalc does not derive
REFUSED = {
    "prep-hashing-embedding.py": ("show_dtype", "--show-dtype: convcalc does not derive the output dtype of the "
                                                "layer 'hashing' (Hashing): Keras gives it by the layer's output_mode"),
    "dtype-policy-between-layers-lambda.py": ("show_layer_activations", "--show-layer-activations: convcalc does "
                                              "not know whether Halve, a class the file defines"),
}
# specs/ and tests/cases/ stems: sequential, functional with branches, shared layers,
# several inputs and outputs, nested models (Sequential in Sequential, in functional),
# activations of every kind, recurrent layers, frozen layers
PLOT_CASES = (
    "mnist-convnet", "lecture-example-2", "graph-residual-block", "graph-two-inputs-two-outputs",
    "graph-shared-siamese", "graph-unet-skip", "nested-models", "nested-sequential-in-sequential",
    "nested-shared-encoder", "activations-functional", "activations", "frozen-layers", "rnn-initial-state",
    "separable-depthwise", "dtype-and-lora",
    # Keras code (activations given as layers), and a config
    "activation-objects.py", "course-lenet5-tanh-average-pooling.py", "nested-models.json",
    # dtypes: text layers on a spec's float32 inputs; code's int and string inputs, its
    # policies, casts and comparisons; configs and an archive of such code; Hashing (refused)
    "preprocessing-text", "dtype-int-embedding-mixed-float16.py", "dtype-cast-ops-float16-policy.py",
    "dtype-string-lookups-text-vectorization.py", "misc-mixed-precision-policy.py",
    "prep-stringlookup-categoryencoding.py", "basic-seq-conv1d-text-int-input.py",
    "dtype-int-embedding-mixed-float16.json", "dtype-string-lookups-text-vectorization.json",
    "dtype-int-embedding-mixed-float16.keras", "prep-hashing-embedding.py", "dtype-policy-between-layers-lambda.py",
    "clear-session-between-models.py", "lambda-layers.py",
)


def case_paths():
    return sorted((ROOT / "specs").glob("*.yaml")) + sorted((ROOT / "tests" / "cases").glob("*.yaml"))


def reader_paths():
    from gen_goldens import reader_case_paths

    return reader_case_paths()


def case_name(path):
    """A spec's stem, a code file's or config's whole name (as their summary goldens)."""
    return path.stem if path.suffix == ".yaml" else path.name


def keras_model(path, keras, dtype_policy):
    """The Keras model of a case, as scripts/gen_goldens.py builds it; a code file run,
    a config loaded, under the global `dtype_policy` (the code may set its own)."""
    if path.suffix == ".yaml":
        return build_model(read_model(path), keras, dtype_policy=dtype_policy)
    keras.backend.clear_session()
    if path.suffix in (".py", ".ipynb"):
        from gen_goldens import run_code

        from convcalc.read.python import choose_model, interpret

        namespace = run_code(path, keras, dtype_policy)
        return namespace[choose_model(interpret(path))[0]]
    if dtype_policy is not None:
        keras.config.set_dtype_policy(dtype_policy)
    if path.suffix == ".keras":
        return keras.models.load_model(path, compile=False)
    return keras.models.model_from_json(path.read_text())


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


def keras_dot(model, options):
    from keras.src.utils.model_visualization import model_to_dot

    return numbered(model_to_dot(model, **options).to_string())


def variants(path):
    """The variants of a case: every one, minus those REFUSED says convcalc refuses."""
    option = REFUSED.get(case_name(path), (None,))[0]
    return {name: (options, policy) for name, (options, policy) in PLOT_VARIANTS.items() if not options.get(option)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=pathlib.Path, default=GOLDEN)
    parser.add_argument("--all", action="store_true", help="every spec, not only PLOT_CASES")
    parser.add_argument("--code", action="store_true", help="with --all: tests/code/ and tests/configs/ too")
    parser.add_argument("--variant", action="append", help="only these variants (default: all)")
    arguments = parser.parse_args()
    keras = import_keras()
    arguments.out.mkdir(parents=True, exist_ok=True)
    every = case_paths() + reader_paths()
    if arguments.all:
        paths = [p for p in every if arguments.code or p.suffix == ".yaml"]
    else:
        paths = [p for p in every if case_name(p) in PLOT_CASES]
        assert len(paths) == len(PLOT_CASES), "a PLOT_CASES case is missing"
    for path in paths:
        models = {}  # dtype policy -> the model built under it
        for variant, (options, dtype_policy) in variants(path).items():
            if arguments.variant and variant not in arguments.variant:
                continue
            if dtype_policy in models and models[dtype_policy] is None:  # Keras refused to build it
                continue
            target = arguments.out / f"{case_name(path)}.{variant}.dot"
            try:
                if dtype_policy not in models:
                    models[dtype_policy] = keras_model(path, keras, dtype_policy)
                text = keras_dot(models[dtype_policy], options)
            except Exception as error:  # noqa: BLE001 -- Keras refuses it: reported, no golden
                print(f"{case_name(path)} {variant}: Keras refuses it: {type(error).__name__}: {error}"[:300])
                models[dtype_policy] = None
                continue
            finally:  # whatever policy the variant or the code set
                keras.config.set_dtype_policy("float32")
            if not target.exists() or target.read_text() != text:
                target.write_text(text)


if __name__ == "__main__":
    main()
