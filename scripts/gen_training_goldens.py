"""Regenerate tests/golden_training/ from real Keras: summaries after an optimizer is
built (`convcalc summarize --optimizer`) and after model.quantize (`--quantize`).

For each (spec, optimizer) of OPTIMIZER_CASES it builds the spec's model with Keras 3.15
(TensorFlow CPU) in a fresh session, compiles it with the optimizer, builds the optimizer
on model.trainable_variables (as fit does) and writes what model.summary() prints
(COLUMNS=200); a QUANTIZE_CASES spec is quantized with model.quantize(mode) first. An
optimizer or a mode Keras refuses gets NAME.error.txt with Keras's message instead.
cases.json lists each golden file with the spec and the convcalc options it stands for
(tests/test_training_golden.py runs convcalc on each).

The optimizer texts are convcalc's --optimizer syntax; here (trusted text only) they are
evaluated with keras.optimizers' names to build Keras's optimizer.

Run: python scripts/gen_training_goldens.py   (needs the [test] extra: Keras, TensorFlow)
"""

from __future__ import annotations

import json
import os
import pathlib
import sys
import warnings

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from convcalc.oracle.keras_reference import build_model, import_keras, summary_text  # noqa: E402
from convcalc.read import read_model  # noqa: E402

GOLDEN = ROOT / "tests" / "golden_training"
SPECS = ("specs/lecture-example-2.yaml", "specs/mnist-convnet.yaml", "tests/cases/nested-models.yaml",
         "tests/cases/embedding-einsum-keras3.yaml", "tests/cases/frozen-layers.yaml", "tests/cases/batchnorm.yaml",
         "tests/cases/dtype-and-lora.yaml", "tests/cases/frozen-recurrent-attention.yaml", "tests/cases/attention.yaml")
OPTIMIZERS = (
    "adam", "Adam(amsgrad=True)", "AdamW(weight_decay=0.01)", "sgd", "SGD(momentum=0.9)",
    "SGD(momentum=0.9, nesterov=True)", "rmsprop", "RMSprop(momentum=0.5, centered=True)", "adagrad", "adadelta",
    "adamax", "nadam", "ftrl", "Lion()", "Lamb()", "adafactor", "muon", "Muon(exclude_layers=['dense'])",
    "ScheduleFreeAdamW()", "LossScaleOptimizer(Adam())", "Adam(use_ema=True)",
    "SGD(gradient_accumulation_steps=4)", "Adam(learning_rate=ExponentialDecay(0.01, 1000, 0.9))",
    "keras.optimizers.RMSprop(0.01, 0.8, 0.1)",
    # refused by Keras (convcalc must refuse too)
    "SGD(momentum=1)", "Adam(learning_rate=1)", "AdamW(weight_decay=None)", "Adam(clipnorm=1.0, clipvalue=0.5)",
    "Adam(gradient_accumulation_steps=1)", "Adam(beta_3=0.5)", "lamb",
)
# (spec, optimizer, dtype policy): every optimizer on the first specs, a few elsewhere
OPTIMIZER_CASES = [(spec, optimizer, None) for spec in SPECS[:3] for optimizer in OPTIMIZERS] + [
    (spec, optimizer, None) for spec in SPECS[3:]
    for optimizer in ("adam", "SGD(momentum=0.9)", "adafactor", "muon", "nadam", "Adam(use_ema=True)")
] + [
    ("specs/mnist-convnet.yaml", "adam", "mixed_float16"), ("specs/mnist-convnet.yaml", "nadam", "float16"),
    ("specs/mnist-convnet.yaml", "adafactor", "bfloat16"), ("tests/cases/dtype-and-lora.yaml", "nadam", None),
    ("tests/code/basic-seq-no-input-mlp.py", "adam", None),  # unbuilt: no trainable variables yet
    ("tests/code/layer-token-position-embedding-transformer-block.py", "muon", None),
    ("tests/code/model-subclass-called-on-zeros.py", "Adam(amsgrad=True)", None),
    # Muon's paths: a subclassed model builds its layers in its name scope ("mlp/dense/kernel")
    ("tests/code/model-subclass-called-on-zeros.py", "Muon(exclude_layers=['^mlp/dense/'])", None),
    ("specs/mnist-convnet.yaml", "Muon(exclude_layers=['^sequential/conv2d_1/', 'dense'])", None),
    ("tests/code/layer-token-position-embedding-transformer-block.py", "Muon(exclude_embeddings=False)", None),
]
QUANTIZE_SPECS = ("specs/mnist-convnet.yaml", "tests/cases/embedding-einsum-keras3.yaml",
                  "tests/cases/dtype-and-lora.yaml", "tests/cases/attention.yaml", "tests/cases/dense-any-rank.yaml",
                  "tests/cases/nested-models.yaml", "tests/cases/frozen-layers.yaml", "tests/cases/quantize-layers.yaml",
                  "tests/cases/attention-gated-grouped.yaml", "tests/cases/bidirectional-timedistributed.yaml",
                  "tests/cases/frozen-recurrent-attention.yaml", "tests/cases/spectral-normalization.yaml")
QUANTIZE_MODES = ("int8", "int4", "float8")
# (spec, mode, optimizer, dtype policy)
QUANTIZE_CASES = [(spec, mode, None, None) for spec in QUANTIZE_SPECS for mode in QUANTIZE_MODES] + [
    ("specs/mnist-convnet.yaml", "float8", "adam", None), ("specs/mnist-convnet.yaml", "int8", "adafactor", None),
    ("tests/cases/embedding-einsum-keras3.yaml", "float8", "muon", None),
    ("tests/cases/quantize-layers.yaml", "float8", "adam", None), ("tests/cases/quantize-layers.yaml", "int4", "muon", None),
    ("tests/cases/quantize-layers.yaml", "int8", "adafactor", None),
    ("tests/cases/quantize-layers.yaml", "int8", None, "mixed_bfloat16"),
    ("tests/cases/quantize-layers.yaml", "int4", "adam", "mixed_float16"),
    ("specs/mnist-convnet.yaml", "int8", None, "float16"), ("specs/mnist-convnet.yaml", "int4", None, "bfloat16"),
    ("tests/code/basic-seq-no-input-mlp.py", "int8", None, None),  # unbuilt: Keras refuses
    ("tests/code/custom-layer-add-weight.py", "int8", "adam", None),  # a layer class of its own weights only
]


def keras_optimizer(keras, text):
    """Keras's optimizer for a --optimizer text (this script's own texts only)."""
    if text.isidentifier():
        return text  # an identifier, as compile(optimizer="adam") takes it
    names = {"keras": keras, **vars(keras.optimizers), **vars(keras.optimizers.schedules)}
    return eval(text, names)  # noqa: S307 (OPTIMIZERS above, never input)


def case_name(spec, options):
    stem = pathlib.Path(spec).stem
    text = "_".join(options).replace("--", "")
    return stem + "." + "".join(c if c.isalnum() or c in "=._-" else "-" for c in text)


def keras_model(keras, spec, dtype):
    """The spec's model built by Keras; Keras code run as scripts/gen_goldens.py runs it
    (the model convcalc picks: the last built)."""
    if not spec.endswith(".py"):
        return build_model(read_model(ROOT / spec), keras, dtype)
    from gen_goldens import run_code

    from convcalc.read.python import choose_model, interpret

    namespace = run_code(ROOT / spec, keras)
    return namespace[choose_model(interpret(ROOT / spec))[0]]


def keras_summary(keras, spec, optimizer=None, dtype=None, mode=None):
    """What Keras prints, or ('error', message)."""
    os.environ["COLUMNS"] = "200"
    model = keras_model(keras, spec, dtype)
    try:
        if mode is not None:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                model.quantize(mode)
        if optimizer is not None:
            model.compile(optimizer=keras_optimizer(keras, optimizer), loss="mse")
            model.optimizer.build(model.trainable_variables)
    except (ValueError, TypeError) as error:
        return "error", str(error)
    return "out", summary_text(model)


def main():
    keras = import_keras("tensorflow")
    files, cases = {}, {}
    plan = [(spec, optimizer, dtype, None) for spec, optimizer, dtype in OPTIMIZER_CASES] + [
        (spec, optimizer, dtype, mode) for spec, mode, optimizer, dtype in QUANTIZE_CASES]
    for spec, optimizer, dtype, mode in plan:
        options = ([f"--quantize={mode}"] if mode else []) + ([f"--optimizer={optimizer}"] if optimizer else []) + (
            [f"--dtype={dtype}"] if dtype else [])
        name = case_name(spec, options)
        kind, text = keras_summary(keras, spec, optimizer, dtype, mode)
        files[f"{name}.{kind}.txt"] = text if kind == "out" else text + "\n"
        cases[name] = {"spec": spec, "options": options, "refused": kind == "error"}
        print(f"{name}: {'refused' if kind == 'error' else 'ok'}")
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for old in GOLDEN.iterdir():
        old.unlink()
    for name, text in files.items():
        (GOLDEN / name).write_text(text)
    (GOLDEN / "cases.json").write_text(json.dumps(cases, indent=1) + "\n")


if __name__ == "__main__":
    main()
