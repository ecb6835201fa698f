"""`convcalc quiz`: every generated model is valid Keras, its key is Keras's figures, its
Keras code builds the same model, and a seed gives the same quiz anywhere.

The Keras checks run in this one process (Keras imported once): a few hundred seeds in
well under a minute. CONVCALC_QUIZ_SEEDS sets how many seeds per level (default 100).
"""

import contextlib
import io
import json
import os
import re
import subprocess
import sys

import pytest
import yaml

from conftest import ROOT, run_cli
from convcalc.errors import SpecError
from convcalc.oracle.check import check_graph
from convcalc.quiz import LEVELS, write_quiz
from convcalc.quiz.generator import KINDS, NEEDS, generate, parse_layers
from convcalc.read import read_model
from convcalc.read.answers import read_answers

SEEDS = int(os.environ.get("CONVCALC_QUIZ_SEEDS", "100"))
FIRST_SEED = 9000


@pytest.fixture(scope="module")
def keras():
    from convcalc.oracle.keras_reference import import_keras

    return import_keras("tensorflow")


def quiz_files(out):
    """{relative path: bytes} of every file a quiz wrote."""
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def key_figures(key_path):
    """The key's answers as {layer: {field: value}} and {total: value}."""
    layers, totals = {}, {}
    for answer in read_answers(key_path):
        if answer.layer is None:
            totals[answer.field] = answer.value
        else:
            layers.setdefault(answer.layer, {})[answer.field] = answer.value
    return layers, totals


def assert_key_is_keras(key_path, keras_figures):
    """Every figure of the key equals Keras's own, and every layer Keras lists but the
    InputLayers is in the key."""
    layers, totals = key_figures(key_path)
    rows = {row["name"]: row for row in keras_figures["layers"]}
    assert set(layers) == {name for name, row in rows.items() if row["class_name"] != "InputLayer"}, key_path
    for name, answer in layers.items():
        assert answer["output_shape"] == [tuple(s) for s in rows[name]["output_shapes"]], (key_path, name)
        assert answer["params"] == rows[name]["params"], (key_path, name)
    for total in ("total_params", "trainable_params", "non_trainable_params"):
        assert totals[total] == keras_figures[total], (key_path, total)


def test_quizzes_are_valid_keras_and_their_keys_are_keras_figures(keras, tmp_path):
    """A few hundred seeds over the three levels: Keras builds each model, convcalc's
    figures agree with Keras's (check), and the key holds Keras's figures."""
    failures, classes = [], set()
    for level in LEVELS:
        for seed in range(FIRST_SEED, FIRST_SEED + SEEDS):
            out = tmp_path / level / str(seed)
            spec = write_quiz(out, seed, 1, level)[1]
            result = check_graph(read_model(spec), keras, str(spec))
            if result.keras is None or not result.agree:
                failures.append(f"{level} seed {seed}: {result.keras_error or result.disagreements}\n"
                                f"{spec.read_text()}")
                continue
            assert_key_is_keras(out / "answers" / "01.yaml", result.keras)
            classes |= {row["class_name"] for row in result.keras["layers"]}
    assert not failures, f"{len(failures)} quiz models Keras refuses or convcalc gets wrong; the first:\n{failures[0]}"
    # the levels between them set every kind of layer they promise
    for expected in ("Dense", "Flatten", "Conv2D", "MaxPooling2D", "AveragePooling2D", "BatchNormalization",
                     "Dropout", "Add", "Concatenate", "DepthwiseConv2D", "SeparableConv2D", "SimpleRNN", "LSTM",
                     "GRU", "Bidirectional", "GlobalAveragePooling2D"):
        assert expected in classes, f"no quiz model uses {expected}"


def test_every_layers_choice_makes_valid_models(keras, tmp_path):
    """--layers with each single kind a level uses, and a pair: valid models, only of
    those kinds (and the glue: Flatten, global pooling, Activation)."""
    kind_classes = {"dense": {"Dense"}, "conv": {"Conv2D", "Conv1D"}, "pool": {"MaxPooling2D", "AveragePooling2D"},
                    "norm": {"BatchNormalization"}, "dropout": {"Dropout"}, "depthwise": {"DepthwiseConv2D"},
                    "separable": {"SeparableConv2D"}, "merge": {"Add", "Concatenate"},
                    "rnn": {"SimpleRNN", "LSTM", "GRU", "Bidirectional"}}
    glue = {"InputLayer", "Flatten", "GlobalAveragePooling2D", "GlobalMaxPooling2D", "Activation"}
    for level, (kinds, _) in LEVELS.items():
        singles = [[kind] for kind in kinds if kind in NEEDS[level]]
        for chosen in singles + [[kind, NEEDS[level][0]] for kind in kinds if kind not in NEEDS[level]]:
            for seed in range(5):
                out = tmp_path / level / "-".join(chosen) / str(seed)
                spec = write_quiz(out, seed, 1, level, ",".join(chosen))[1]
                result = check_graph(read_model(spec), keras, str(spec))
                assert result.keras is not None and result.agree, (level, chosen, seed, spec.read_text(), result)
                allowed = glue.union(*(kind_classes[kind] for kind in chosen))
                used = {row["class_name"] for row in result.keras["layers"]}
                assert used <= allowed, (level, chosen, seed, used - allowed)


def summary_of_code(code, keras):
    """What the code's own model.summary() prints (to a non-terminal of 200 columns), in
    a fresh Keras session."""
    keras.backend.clear_session(free_memory=False)
    out = io.StringIO()
    os.environ["COLUMNS"] = "200"
    with contextlib.redirect_stdout(out):
        exec(compile(code, "<questions.md>", "exec"), {"__name__": "__quiz__"})  # noqa: S102 (our own output)
    return out.getvalue()


def test_the_keras_code_in_questions_prints_the_specs_summary(keras, tmp_path):
    """Each problem's code, as questions.md prints it, run with real Keras: its
    model.summary() is what `convcalc summarize` prints for the problem's spec."""
    for level in LEVELS:
        out = tmp_path / level
        count = 12
        write_quiz(out, 41, count, level)
        codes = re.findall(r"```python\n(.*?)```", (out / "questions.md").read_text(), re.S)
        assert len(codes) == count
        for number, code in enumerate(codes, 1):
            spec = out / f"{number:02d}.yaml"
            expected = run_cli("summarize", spec, columns="200")
            assert expected.exit_code == 0, expected.output
            assert summary_of_code(code, keras) == expected.output, (level, number, code)


def test_keys_grade_all_right_and_a_wrong_answer_is_marked(tmp_path):
    out = tmp_path / "quiz"
    result = run_cli("quiz", "--seed", 5, "--count", 3, "--level", "advanced", "--out", out)
    assert result.exit_code == 0, result.output
    for number in (1, 2, 3):
        graded = run_cli("grade", out / f"0{number}.yaml", out / "answers" / f"0{number}.yaml")
        assert graded.exit_code == 0, graded.output
        assert "✗" not in graded.output
    key = yaml.safe_load((out / "answers" / "01.yaml").read_text())
    key["total_params"] += 1
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text(yaml.safe_dump(key))
    graded = run_cli("grade", out / "01.yaml", wrong)
    assert graded.exit_code == 1 and "✗ total_params" in graded.output, graded.output


def test_the_same_seed_writes_the_same_quiz_in_another_process(tmp_path):
    """Another interpreter, another hash seed: the same bytes; another seed: another quiz."""
    here = tmp_path / "here"
    for level in LEVELS:
        write_quiz(here / level, 2026, 4, level)
    there = tmp_path / "there"
    env = {**os.environ, "PYTHONHASHSEED": "4242"}
    for level in LEVELS:
        done = subprocess.run([sys.executable, "-m", "convcalc", "quiz", "--seed", "2026", "--count", "4",
                               "--level", level, "--out", str(there / level)],
                              capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
        assert done.returncode == 0, done.stderr
    assert quiz_files(here) == quiz_files(there)
    assert len(quiz_files(here)) == 3 * (1 + 2 * 4)
    other = tmp_path / "other"
    write_quiz(other, 2027, 4, "conv")
    assert quiz_files(other)["01.yaml"] != quiz_files(here / "conv")["01.yaml"]


def test_count_width_and_files(tmp_path):
    written = write_quiz(tmp_path, 1, 12, "intro")
    names = sorted(str(p.relative_to(tmp_path)) for p in written)
    assert names[0] == "01.yaml" and "12.yaml" in names and "answers/12.yaml" in names
    assert "questions.md" in names and len(written) == 1 + 2 * 12
    text = (tmp_path / "questions.md").read_text()
    assert text.count("## Problem ") == 12 and "## Problem 12" in text


def receptive_field_by_hand(spec):
    """The receptive field of a Sequential stack of Conv2D and pooling layers, from its
    spec: r += (k − 1) × jump, jump ×= stride, layer after layer (an independent
    computation, written here)."""
    r, jump, fields = 1, 1, []
    for entry in spec["layers"]:
        name = entry if isinstance(entry, str) else next(iter(entry))
        args = None if isinstance(entry, str) else entry[name]
        if name == "Conv2D":
            kernel, strides = args[1], entry.get("strides", 1)
        elif name in ("MaxPooling2D", "AveragePooling2D"):
            kernel = 2 if args is None else args
            strides = entry.get("strides", kernel) if isinstance(entry, dict) else kernel
        else:
            fields.append(None)
            continue
        r, jump = r + (kernel - 1) * jump, jump * strides
        fields.append(r)
    return fields


def test_the_receptive_field_asked_is_the_stacks(tmp_path):
    """conv level (a Sequential of convolutions and poolings): the field the key gives for
    the layer asked is the one computed by hand from the spec."""
    asked = 0
    for seed in range(30):
        out = tmp_path / str(seed)
        write_quiz(out, seed, 1, "conv")
        spec = yaml.safe_load((out / "01.yaml").read_text())
        key = (out / "answers" / "01.yaml").read_text()
        found = re.search(r"^# of (\w+): (\d+)×(\d+)", key, re.M)
        if found is None:
            continue
        asked += 1
        names = [row["name"] for row in json.loads(run_cli("summarize", out / "01.yaml", "--format", "json").output)["layers"]]
        by_hand = receptive_field_by_hand(spec)
        assert int(found[2]) == int(found[3]) == by_hand[names.index(found[1])], (seed, key)
        assert f"`{found[1]}` see: its receptive field?" in (out / "questions.md").read_text()
    assert asked >= 25


def test_help_lists_the_levels_and_examples():
    result = run_cli("quiz", "--help")
    assert result.exit_code == 0
    for level, (_, about) in LEVELS.items():
        assert re.search(rf"^\s+{level}\s+{re.escape(about)}$", result.output, re.M), level
    assert result.output.count("convcalc quiz --seed") >= 2 and "convcalc grade" in result.output


@pytest.mark.parametrize("args, message", [
    (["--layers", "conv,bogus"], "--layers: unknown layer kind 'bogus'"),
    (["--layers", "rnn", "--level", "conv"], "none of these kinds is used at level conv"),
    (["--layers", "pol"], "Did you mean 'pool'?"),
    (["--layers", "dropout,dense"], "a level-conv model needs one of conv, pool, norm"),
    (["--layers", "merge,pool", "--level", "advanced"], "merge joins branches of convolutions or recurrent layers"),
])
def test_bad_arguments_get_one_message(tmp_path, args, message):
    result = run_cli("quiz", "--seed", 1, "--out", tmp_path / "q", *args)
    assert result.exit_code == 2, result.output
    assert message in result.output and "Traceback" not in result.output


def test_a_folder_that_cannot_be_written_gets_one_message(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    result = run_cli("quiz", "--seed", 1, "--out", blocker / "q")
    assert result.exit_code == 2 and "cannot write the quiz" in result.output, result.output


def test_parse_layers():
    assert parse_layers(None, "intro") == LEVELS["intro"][0]
    assert parse_layers(" Pool , conv ", "conv") == ("conv", "pool")
    with pytest.raises(SpecError):
        parse_layers(",", "conv")
    assert set(KINDS) == {kind for kinds, _ in LEVELS.values() for kind in kinds}
    assert [p.spec for p in generate(3, 2, "conv")] == [p.spec for p in generate(3, 2, "conv")]


def test_the_readme_example_is_what_the_command_writes(keras, tmp_path):
    """The README's quiz example: `convcalc quiz --seed 6 --count 1 --out week3`'s
    problem text and key, as written today, the key Keras's figures."""
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("## `convcalc quiz`"):]
    assert "`convcalc quiz --seed 6 --count 1 --out week3`" in section
    shown_problem = re.search(r"````markdown\n(.*?)\n````", section, re.S)[1]
    shown_key = re.search(r"`week3/answers/01.yaml`:\n\n```yaml\n(.*?)\n```", section, re.S)[1]
    result = run_cli("quiz", "--seed", 6, "--count", 1, "--out", tmp_path / "week3")
    assert result.exit_code == 0, result.output
    questions = (tmp_path / "week3" / "questions.md").read_text()
    assert questions[questions.index("## Problem 01"):].split("\n", 2)[2].strip() == shown_problem
    key = tmp_path / "week3" / "answers" / "01.yaml"
    assert key.read_text().strip() == shown_key
    check = check_graph(read_model(tmp_path / "week3" / "01.yaml"), keras)
    assert check.agree and check.keras is not None
    assert_key_is_keras(key, check.keras)
