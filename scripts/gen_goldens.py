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

The other readers' cases (tests/test_readers_golden.py), golden files named after the
whole file name (NAME.py.json, NAME.json.cols80.out, ...), Keras 3's VARIANTS only:
- tests/code/*.py: Keras code, run here with Keras (these trusted files only: convcalc
  itself never runs code); code Keras refuses gets NAME.py.keras-error.txt (its error),
  which convcalc must refuse too; else the model is the one convcalc picks (the last built), and
  every other module-level model variable VAR gets NAME.py--model-VAR.json and
  NAME.py--model-VAR.cols200.out;
- tests/notebooks/*.ipynb: notebooks, their code cells run as tests/code's files are, as
  the code convcalc reads from them (convcalc.read.notebook: magics and shell lines out);
- tests/configs/*.json: Keras model configs, written here first by model.to_json() for
  the CONFIG_CASES specs and the CODE_CONFIG_CASES code, and loaded back with
  keras.models.model_from_json;
- tests/configs/*.keras: model.save() archives (weights included) of ARCHIVE_CASES and
  CODE_ARCHIVE_CASES, loaded back with keras.models.load_model;
- tests/configs/*.tf_keras.json: tf-keras 2 configs of LEGACY_CONFIG_CASES, whose
  goldens are tf-keras's KERAS2_VARIANTS (Keras 3 cannot load them).

Run: python scripts/gen_goldens.py   (needs the [test] extra: Keras, TensorFlow, tf-keras)
     python scripts/gen_goldens.py PATH...   (only these cases; other golden files stay)
"""

from __future__ import annotations

import json
import os
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from convcalc.oracle.keras_reference import (  # noqa: E402
    build_model,
    figures,
    import_keras,
    import_tf_keras,
    no_weights,
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


CODE = ROOT / "tests" / "code"
NOTEBOOKS = ROOT / "tests" / "notebooks"
CONFIGS = ROOT / "tests" / "configs"
# specs whose Keras model's to_json() becomes tests/configs/NAME.json
CONFIG_CASES = (
    "lecture-example-2", "lecture-no-max-pool", "mnist-convnet", "batch-size-and-name", "dtype-and-lora",
    "frozen-layers", "graph-residual-block", "graph-shared-call-index", "graph-shared-siamese",
    "graph-two-inputs-two-outputs", "graph-unet-skip", "nested-models", "nested-sequential-in-sequential",
    "nested-shared-encoder", "channels-first", "separable-depthwise", "two-heads", "rnn-initial-state",
    "masks-functional", "masking-sequence",
)
ARCHIVE_CASES = ("lecture-example-2", "nested-models")  # model.save() -> tests/configs/NAME.keras
# tests/code files whose model's to_json() becomes tests/configs/STEM.json, and model.save()
# tests/configs/STEM.keras (configs with input dtypes and dtype policies, which specs lack)
CODE_CONFIG_CASES = ("dtype-int-embedding-mixed-float16.py", "dtype-string-lookups-text-vectorization.py")
CODE_ARCHIVE_CASES = ("dtype-int-embedding-mixed-float16.py",)
LEGACY_CONFIG_CASES = ("mnist-convnet", "nested-models", "graph-shared-siamese", "batchnorm")


def spec_path(stem):
    return next(p for p in case_paths() if p.stem == stem)


def write_if_changed(path, data):
    if not path.exists() or path.read_bytes() != data:
        path.write_bytes(data)


def _stable(config_json):
    """A saved config without what changes from run to run (shared_object_id is an id())."""
    import re

    return re.sub(rb'"shared_object_id": \d+', b'"shared_object_id": 0', config_json)


def make_configs(keras, tf_keras):
    """tests/configs/: Keras's own model.to_json() and model.save() of some specs."""
    import tempfile
    import zipfile

    from convcalc.read.python import choose_model, interpret

    def code_model(name):
        namespace = run_code(CODE / name, keras)
        model = namespace[choose_model(interpret(CODE / name))[0]]
        keras.config.set_dtype_policy("float32")  # the policy the code set: not the next case's
        return model

    CONFIGS.mkdir(parents=True, exist_ok=True)
    for stem in CONFIG_CASES:
        model = build_model(read_model(spec_path(stem)), keras)
        write_if_changed(CONFIGS / f"{stem}.json", model.to_json().encode())
    for name in CODE_CONFIG_CASES:
        write_if_changed(CONFIGS / f"{pathlib.Path(name).stem}.json", code_model(name).to_json().encode())
    archives = [(stem, lambda stem=stem: build_model(read_model(spec_path(stem)), keras)) for stem in ARCHIVE_CASES]
    archives += [(pathlib.Path(name).stem, lambda name=name: code_model(name)) for name in CODE_ARCHIVE_CASES]
    for stem, make in archives:
        model = make()
        target = CONFIGS / f"{stem}.keras"
        with tempfile.TemporaryDirectory() as tmp:
            saved = pathlib.Path(tmp) / f"{stem}.keras"
            model.save(saved)
            with zipfile.ZipFile(saved) as new:
                changed = not target.exists()
                if not changed:
                    with zipfile.ZipFile(target) as old:
                        changed = _stable(old.read("config.json")) != _stable(new.read("config.json"))
            if changed:  # the archive holds a timestamp: rewritten only when the model changes
                target.write_bytes(saved.read_bytes())
    for stem in LEGACY_CONFIG_CASES:
        model = build_model(read_model(spec_path(stem)), tf_keras)
        write_if_changed(CONFIGS / f"{stem}.tf_keras.json", model.to_json().encode())


def reader_case_paths():
    return (sorted(CODE.glob("*.py")) + sorted(NOTEBOOKS.glob("*.ipynb")) + sorted(p for p in CONFIGS.glob("*.json") if not p.name.endswith(".tf_keras.json"))
            + sorted(CONFIGS.glob("*.keras")))


def legacy_case_paths():
    return sorted(CONFIGS.glob("*.tf_keras.json"))


def run_code(path, keras, dtype_policy=None):
    """Run a trusted test file with Keras (weights='imagenet' fetches nothing: there is no
    network, and the figures are the architecture's); its module-level variables.
    `dtype_policy`: the global dtype policy it starts under (clear_session resets it)."""
    import contextlib
    import io

    from convcalc.read.notebook import read_notebook
    from convcalc.read.python.values import MAX_FILE_BYTES

    keras.backend.clear_session()
    if dtype_policy is not None:
        keras.config.set_dtype_policy(dtype_policy)
    namespace = {"__name__": "__main__", "__file__": str(path)}
    code = read_notebook(path, str(path), MAX_FILE_BYTES)[0] if path.suffix == ".ipynb" else path.read_text()
    # the slides' own model.summary() silenced; keras.applications built without weights
    with contextlib.redirect_stdout(io.StringIO()), no_weights(keras):
        exec(compile(code, str(path), "exec"), namespace)  # noqa: S102 (tests/code and tests/notebooks only)
    return namespace


def reader_goldens(keras, tf_keras, files, paths, legacy_paths):
    from convcalc.read.python import choose_model, interpret, model_variables, summarized_alone

    def summaries(key, model, variants):
        files[f"{key}.json"] = json.dumps(figures(model, keras), indent=2) + "\n"
        for variant, (columns, options) in variants.items():
            os.environ["COLUMNS"] = columns
            try:
                files[f"{key}.{variant}.out"] = summary_text(model, **options)
            except ValueError as error:  # a layer_range that no layer name matches
                files[f"{key}.{variant}.error.txt"] = f"{error}\n"

    for path in paths:
        if path.suffix in (".py", ".ipynb"):
            try:
                namespace = run_code(path, keras)
            except Exception as error:  # noqa: BLE001 -- Keras refuses the code: convcalc must too
                message = str(error).strip().splitlines()[0] if str(error).strip() else ""
                files[f"{path.name}.keras-error.txt"] = f"{type(error).__name__}: {message}\n"
                print(f"{path.relative_to(ROOT)}: Keras refuses it ({type(error).__name__})")
                continue
            interpreter = interpret(path)
            chosen, _ = choose_model(interpreter)
            summaries(path.name, namespace[chosen], VARIANTS)
            for variable, value in model_variables(interpreter):
                if variable != chosen and summarized_alone(value, interpreter):  # not: one built only nested
                    summaries(f"{path.name}--model-{variable}", namespace[variable],
                              {"cols200": VARIANTS["cols200"]})
        elif path.suffix == ".keras":
            keras.backend.clear_session()
            summaries(path.name, keras.models.load_model(path, compile=False), VARIANTS)
        else:
            keras.backend.clear_session()
            summaries(path.name, keras.models.model_from_json(path.read_text()), VARIANTS)
        print(f"{path.relative_to(ROOT)}: {json.loads(files[f'{path.name}.json'])['total_params']:,} params")
    for path in legacy_paths:
        tf_keras.backend.clear_session()
        model = tf_keras.models.model_from_json(path.read_text())
        for variant, options in KERAS2_VARIANTS.items():
            files[f"{path.name}.{variant}.out"] = summary_text(model, **options)
        print(f"{path.relative_to(ROOT)}: tf-keras")


def main():
    keras = import_keras("tensorflow")
    tf_keras = import_tf_keras()
    make_configs(keras, tf_keras)
    only = {pathlib.Path(a).resolve() for a in sys.argv[1:]}

    def selected(paths):
        return [p for p in paths if not only or p.resolve() in only]

    files = {}  # written only once every case has built: a failure leaves tests/golden/ as it was
    reader_goldens(keras, tf_keras, files, selected(reader_case_paths()), selected(legacy_case_paths()))
    for path in selected(case_paths()):
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
    for old in GOLDEN.iterdir() if not only else ():
        if old.name not in files:
            old.unlink()
    for name, text in files.items():
        (GOLDEN / name).write_text(text)


if __name__ == "__main__":
    main()
