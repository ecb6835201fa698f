"""The other readers against real Keras: Keras code (tests/code/*.py), notebooks
(tests/notebooks/*.ipynb, their code cells), Keras model configs
(tests/configs/*.json, as model.to_json() wrote them) and .keras archives.

Every expected file is written by scripts/gen_goldens.py: it runs the (trusted) test code
with Keras, and loads the configs and archives back with Keras (model_from_json,
load_model), then records model.summary(). Golden files are named after the whole file
name: NAME.py.json, NAME.json.cols80.out, NAME.keras.expanded.out, ...
"""

import json
import re

import pytest

from conftest import GOLDEN, KERAS2_VARIANTS, ROOT, VARIANTS, run_cli, summarize_json
from convcalc.graph import code_defined
from convcalc.read import read_model

CODE = ROOT / "tests" / "code"
CONFIGS = ROOT / "tests" / "configs"
NOTEBOOKS = ROOT / "tests" / "notebooks"
CASES = (sorted(CODE.glob("*.py")) + sorted(NOTEBOOKS.glob("*.ipynb")) + sorted(p for p in CONFIGS.glob("*.json") if not p.name.endswith(".tf_keras.json"))
         + sorted(CONFIGS.glob("*.keras")))
LEGACY = sorted(CONFIGS.glob("*.tf_keras.json"))
LECTURE = ("lecture-example-1", "lecture-example-2", "lecture-example-3", "lecture-example-4", "lecture-no-max-pool")
OTHER_MODELS = sorted(GOLDEN.glob("*.py--model-*.json")) + sorted(GOLDEN.glob("*.ipynb--model-*.json"))


def keras_refuses(case):
    """Keras's error for code it refuses (scripts/gen_goldens.py), or None."""
    path = GOLDEN / f"{case.name}.keras-error.txt"
    return path.read_text().strip() if path.exists() else None


def assert_refused_as_keras_refuses(case, *command):
    result = run_cli(*command)
    assert result.exit_code == 2, f"Keras refuses it ({keras_refuses(case)}); convcalc printed:\n{result.output}"
    assert result.output.startswith(f"convcalc: error: {case}") and result.output.count("\n") <= 3, result.output


def test_every_case_has_golden_files():
    missing = [p.name for p in CASES if not (GOLDEN / f"{p.name}.json").exists() and not keras_refuses(p)]
    missing += [p.name for p in LEGACY if not (GOLDEN / f"{p.name}.keras2.out").exists()]
    assert not missing, f"run scripts/gen_goldens.py: no golden file for {missing}"
    kinds = {p.suffix for p in CASES}
    assert kinds == {".py", ".ipynb", ".json", ".keras"} and len(CASES) >= 25 and LEGACY
    assert len([p for p in CASES if p.suffix == ".ipynb"]) >= 5


def test_the_lecture_snippets_are_cases():
    """The lecture's own Keras code (convolution-lecture.md) is read as written."""
    for stem in LECTURE:
        assert (CODE / f"{stem}.py").exists()
        code = json.loads((GOLDEN / f"{stem}.py.json").read_text())
        spec = json.loads((GOLDEN / f"{stem}.json").read_text())  # the YAML spec's, also from Keras
        assert code == spec, f"{stem}: the slide's code and specs/{stem}.yaml build different models"


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_figures_equal_keras(case):
    if keras_refuses(case):
        return assert_refused_as_keras_refuses(case, "summarize", case, "--format", "json")
    assert summarize_json(case) == json.loads((GOLDEN / f"{case.name}.json").read_text())


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_table_is_byte_identical_to_keras(case, variant):
    columns, options = VARIANTS[variant]
    if keras_refuses(case):
        return assert_refused_as_keras_refuses(case, "summarize", case, *options)
    result = run_cli("summarize", case, *options, columns=columns)
    if (GOLDEN / f"{case.name}.{variant}.error.txt").exists():  # Keras refused the layer_range
        assert result.exit_code == 2 and "--layer-range: no layer name matches" in result.output
        return
    assert result.exit_code == 0, result.output
    assert result.output == (GOLDEN / f"{case.name}.{variant}.out").read_text()


@pytest.mark.parametrize("golden", OTHER_MODELS, ids=lambda p: p.name[: -len(".json")])
def test_model_option_picks_each_model_of_a_file(golden):
    """--model VAR: the model a module-level variable holds, named as Keras named it in the
    same run (its names count on across the file's models)."""
    file_name, variable = golden.name[: -len(".json")].split("--model-")
    path = (NOTEBOOKS if file_name.endswith(".ipynb") else CODE) / file_name
    result = run_cli("summarize", path, "--model", variable, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == json.loads(golden.read_text())
    table = run_cli("summarize", path, "--model", variable)
    assert table.output == golden.with_name(golden.name.replace(".json", ".cols200.out")).read_text()


def test_other_models_have_goldens():
    assert {p.name.split("--model-")[0] for p in OTHER_MODELS} >= {"several-models.py", "nested-and-frozen.py"}


@pytest.mark.parametrize("variant", KERAS2_VARIANTS)
@pytest.mark.parametrize("case", LEGACY, ids=lambda p: p.name)
def test_tf_keras_config_is_byte_identical_to_tf_keras(case, variant):
    """A tf-keras 2 config (legacy inbound nodes, batch_input_shape, ...) printed in the
    classic layout is what tf-keras prints for the model it loads from it."""
    result = run_cli("summarize", case, "--style", "keras2", *KERAS2_VARIANTS[variant])
    assert result.exit_code == 0, result.output
    assert result.output == (GOLDEN / f"{case.name}.{variant}.out").read_text()


# Files whose chosen model calls a layer another model called first: Keras numbers the
# layer's calls across both (Connected to: lstm_1[1][0]), which one model's spec cannot say;
# or whose mask operations are numbered after another model's (not_equal_1)
BUILT_ON_DATA = ("prep-normalization-adapt-regression.py", "tf-tutorial-regression-normalizer-adapt-random.py")
MODEL_IN_A_WRAPPER = [case.name for case in CASES if case.name.startswith("video-timedistributed-")]  # (cnn)
SHARED_WITH_AN_EARLIER_MODEL = {
    "seq2seq-lstm-inference.py": "was called by another model before, and Keras numbers its calls across models",
    "seq2seq-layers-output.py": "was called by another model before, and Keras numbers its calls across models",
    "rnn-seq2seq-inference-models.py": "was called by another model before, and Keras numbers its calls across models",
    "course-dense-autoencoder-encoder-decoder-from-layers.py": "was called by another model before, and Keras numbers its calls across models",
    "mask-names-across-models.py": "are named after those of another model of the file",
    "nested-models-and-masks.py": "are named after those of another model of the file",
}


def test_shared_cases_exist():
    assert set(SHARED_WITH_AN_EARLIER_MODEL) <= {case.name for case in CASES}


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_import_round_trip(case, tmp_path):
    """convcalc import writes a YAML spec whose summary is the source's (Keras's); a model
    whose layers another model called first is refused, with why."""
    spec = tmp_path / "imported.yaml"
    if keras_refuses(case):
        return assert_refused_as_keras_refuses(case, "import", case, "-o", spec)
    result = run_cli("import", case, "-o", spec)
    if case.suffix == ".py" and code_defined(read_model(case)) is not None:
        assert result.exit_code == 2 and "a YAML spec holds Keras's own layers, not code" in result.output, result.output
        return  # a class the code defines has no spec form
    if case.name in MODEL_IN_A_WRAPPER:
        assert result.exit_code == 2 and "wraps a whole model (TimeDistributed(cnn))" in result.output, result.output
        return
    if case.name in BUILT_ON_DATA:  # Normalization.adapt(array) built it: shown so in a model never built
        assert result.exit_code == 2 and "was built on data before the model (adapt:" in result.output, result.output
        return
    if case.name in SHARED_WITH_AN_EARLIER_MODEL:
        assert result.exit_code == 2, result.output
        assert SHARED_WITH_AN_EARLIER_MODEL[case.name] in result.output
        return
    assert result.exit_code == 0, result.output
    text = spec.read_text()
    assert text.startswith("# Imported by `convcalc import` from ")
    trained = re.search(r'summarize this spec with --optimizer "(.*)"\.', text)  # its code's fit built one
    options = ("--optimizer", trained.group(1)) if trained else ()
    assert (trained is not None) == (read_model(case).optimizer is not None)
    assert summarize_json(spec, *options) == json.loads((GOLDEN / f"{case.name}.json").read_text())
    table = run_cli("summarize", spec, "--expand-nested", *options)
    assert table.output == (GOLDEN / f"{case.name}.expanded.out").read_text()


def test_imported_lecture_code_reads_like_the_spec(tmp_path):
    """The slide's code imports to the spec a person would write (specs/lecture-*.yaml)."""
    for stem in LECTURE:
        result = run_cli("import", CODE / f"{stem}.py")
        assert result.exit_code == 0, result.output
        imported = [line for line in result.output.splitlines() if not line.startswith("#")]
        written = [line for line in (ROOT / "specs" / f"{stem}.yaml").read_text().splitlines()
                   if not line.startswith("#")]
        if stem == "lecture-no-max-pool":  # the spec leaves `api: sequential` implied
            written.insert(0, "api: sequential")
        assert imported == written, stem


@pytest.mark.parametrize("variant", KERAS2_VARIANTS)
@pytest.mark.parametrize("stem", LECTURE)
def test_keras2_style_of_the_lecture_code_is_tf_keras(stem, variant):
    """--style keras2 names what the code builds as tf-keras does (input_1, model, ...):
    tf-keras's own summary of the same model is the YAML spec's keras2 golden."""
    result = run_cli("summarize", CODE / f"{stem}.py", "--style", "keras2", *KERAS2_VARIANTS[variant])
    assert result.exit_code == 0, result.output
    assert result.output == (GOLDEN / f"{stem}.{variant}.out").read_text()
