"""The differential test of `summarize --optimizer` and `--quantize`: random models
(tests/spec_generator.py) with a random optimizer, and quantized in a random mode, built
by real Keras (TensorFlow) and by convcalc.

Each random spec is built by Keras, compiled with a random optimizer whose optimizer is
then built on model.trainable_variables (as fit builds it): its variables' count and
bytes must be convcalc's Optimizer params. The same model is then quantized in a random
mode: Keras and convcalc refuse alike, or every row's params and the totals' counts and
bytes agree.

Environment: CONVCALC_DIFF_SEED (first seed), CONVCALC_DIFF_TRAINING_COUNT (models, default
40), CONVCALC_DIFF_SECONDS (time box, default 150). Reproduce a failure with the seed and
optimizer it prints.
"""

import os
import random
import time
import warnings

import pytest

import spec_generator
from conftest import ROOT, run_cli
from convcalc.cli import load_summary
from convcalc.errors import SpecError
from convcalc.report.summary import figures

SEED = int(os.environ.get("CONVCALC_DIFF_SEED", "20260101"))
COUNT = int(os.environ.get("CONVCALC_DIFF_TRAINING_COUNT", "40"))
SECONDS = float(os.environ.get("CONVCALC_DIFF_SECONDS", "150"))
MODES = ("int8", "int4", "float8")


@pytest.fixture(scope="module")
def keras():
    from convcalc.oracle.keras_reference import import_keras

    return import_keras("tensorflow")


def random_optimizer(rng, wrapper=True):
    """A random optimizer in --optimizer syntax, its options those that change its state."""
    name = rng.choice(["Adam", "AdamW", "SGD", "RMSprop", "Adagrad", "Adadelta", "Adamax", "Nadam", "Ftrl", "Lion",
                       "Lamb", "Adafactor", "Muon", "ScheduleFreeAdamW"] + ["LossScaleOptimizer"] * wrapper)
    if name == "LossScaleOptimizer":
        return f"LossScaleOptimizer({random_optimizer(rng, wrapper=False)})"
    args = []
    if name in ("Adam", "AdamW") and rng.random() < 0.5:
        args.append("amsgrad=True")
    if name == "SGD":
        args.append(f"momentum={rng.choice([0.0, 0.5, 0.9])}")
        if rng.random() < 0.3:
            args.append("nesterov=True")
    if name == "RMSprop":
        args += [f"momentum={rng.choice([0.0, 0.9])}", f"centered={rng.random() < 0.5}"]
    if name == "Muon":
        args.append(f"exclude_embeddings={rng.random() < 0.7}")
        if rng.random() < 0.4:
            args.append(f"exclude_layers={rng.choice([['dense'], ['conv', 'lstm'], ['^sequential']])!r}")
    if rng.random() < 0.2:
        args.append("use_ema=True")
    if rng.random() < 0.2:
        args.append(f"gradient_accumulation_steps={rng.randint(2, 4)}")
    if rng.random() < 0.15:
        args.append("learning_rate=ExponentialDecay(0.01, 100, 0.9)")
    return f"{name}({', '.join(args)})"


def keras_optimizer(keras, text):
    return eval(text, {**vars(keras.optimizers), **vars(keras.optimizers.schedules)})  # noqa: S307 (random_optimizer's)


def keras_totals(keras, model):
    from keras.src.utils.summary_utils import count_params, weight_memory_size

    return {
        "trainable": (count_params(model.trainable_weights), weight_memory_size(model.trainable_weights)),
        "non_trainable": (count_params(model.non_trainable_weights), weight_memory_size(model.non_trainable_weights)),
    }


def keras_rows(keras, model):
    from convcalc.oracle.keras_reference import figures as keras_figures

    return [(row["name"], row["params"], row["trainable_params"]) for row in keras_figures(model, keras)["layers"]]


def convcalc_rows(summary):
    return [(row["name"], row["params"], row["trainable_params"]) for row in figures(summary)["layers"]]


def check_seed(keras, path, seed, rng):
    """A list of disagreements (empty: Keras and convcalc agree) for the seed's model."""
    from convcalc.oracle.keras_reference import build_model
    from convcalc.read import read_model

    from keras.src.utils.summary_utils import count_params, weight_memory_size

    problems = []
    graph = read_model(path)
    try:
        model = build_model(graph, keras)
    except Exception:  # noqa: BLE001 -- Keras cannot build it (a bfloat16 kernel TensorFlow's CPU lacks, ...)
        return None
    optimizer = random_optimizer(rng)
    model.compile(optimizer=keras_optimizer(keras, optimizer), loss="mse")
    model.optimizer.build(model.trainable_variables)
    expected = (count_params(model.optimizer.variables), weight_memory_size(model.optimizer.variables))
    state = load_summary(path, optimizer=optimizer).optimizer
    if (state.params, state.bytes) != expected:
        problems.append(f"--optimizer {optimizer!r}: convcalc {(state.params, state.bytes)}, Keras {expected}")
    mode = rng.choice(MODES)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model = build_model(graph, keras)
            model.quantize(mode)
        keras_error = None
    except (ValueError, TypeError) as error:
        keras_error = error
    try:
        summary = load_summary(path, quantize=mode)
        convcalc_error = None
    except SpecError as error:
        convcalc_error = error
    if (keras_error is None) != (convcalc_error is None):
        problems.append(f"--quantize {mode}: convcalc refuses: {convcalc_error}; Keras refuses: {keras_error}")
    elif keras_error is None:
        totals = keras_totals(keras, model)
        mine = {"trainable": (summary.trainable.params, summary.trainable.bytes),
                "non_trainable": (summary.non_trainable.params, summary.non_trainable.bytes)}
        if mine != totals:
            problems.append(f"--quantize {mode}: totals: convcalc {mine}, Keras {totals}")
        if convcalc_rows(summary) != keras_rows(keras, model):
            problems.append(f"--quantize {mode}: rows: convcalc {convcalc_rows(summary)}, Keras {keras_rows(keras, model)}")
    return problems


def test_random_models_with_an_optimizer_and_quantized_agree_with_keras(keras, tmp_path):
    failures, compared, start = [], 0, time.monotonic()
    for i in range(COUNT):
        if time.monotonic() - start > SECONDS:
            pytest.fail(f"only {i} of {COUNT} random models in {SECONDS:.0f} s (CONVCALC_DIFF_SECONDS)")
        seed = SEED + i
        text = spec_generator.to_yaml(spec_generator.valid_spec(seed))
        path = tmp_path / f"seed-{seed}.yaml"
        path.write_text(text)
        try:
            problems = check_seed(keras, path, seed, random.Random(seed))
        except SpecError:  # the generator's rare model convcalc refuses: test_differential's to report
            continue
        if problems is None:  # nor one Keras cannot build: nothing to compare
            continue
        compared += 1
        failures += [(seed, problem, text) for problem in problems]
    shown = "\n\n".join(f"seed {seed}: {problem}\n{text}" for seed, problem, text in failures[:3])
    assert not failures, f"{len(failures)} disagreements; the first:\n\n{shown}"
    assert compared >= 0.8 * COUNT, f"only {compared} of {COUNT} random models were compared"


def test_the_random_optimizers_are_read_by_convcalc():
    rng = random.Random(SEED)
    for _ in range(200):
        text = random_optimizer(rng)
        result = run_cli("summarize", ROOT / "specs" / "lecture-example-2.yaml", "--optimizer", text)
        assert result.exit_code == 0 and " Optimizer params: " in result.output, (text, result.output)
