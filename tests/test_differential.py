"""The differential test, the project's main guard: random models built both ways.

Each random spec (tests/spec_generator.py) is written as YAML, read by convcalc's reader,
analyzed by the engine and built by real Keras (TensorFlow, imported once), and every
figure is compared (convcalc/oracle/check.py: names, classes, output shapes, params, trainable
and non-trainable, connections, totals). Random invalid specs check refusals: whatever
Keras refuses, convcalc refuses with a clean SpecError.

Environment: CONVCALC_DIFF_SEED (first seed; default fixed, so CI is reproducible),
CONVCALC_DIFF_COUNT (models per test, default 300), CONVCALC_DIFF_SECONDS (time box per
test, default 150), CONVCALC_DIFF_BACKEND_COUNT (of those models, how many are checked on
JAX too, default 100). A failure prints each failing spec as YAML with its seed; reproduce
one with `python tests/spec_generator.py SEED [--invalid]`.
"""

import json
import os
import re
import subprocess
import sys
import time

import pytest

import spec_generator
from convcalc.oracle.check import check_graph
from convcalc.errors import SpecError
from convcalc.layers import RULES
from conftest import ROOT
from convcalc.read import read_model

SEED = int(os.environ.get("CONVCALC_DIFF_SEED", "20260101"))
COUNT = int(os.environ.get("CONVCALC_DIFF_COUNT", "300"))
SECONDS = float(os.environ.get("CONVCALC_DIFF_SECONDS", "150"))
SHOWN = 3  # failing specs printed in full
# Random models checked on JAX as well (a process of its own: a process has one backend)
BACKEND_COUNT = int(os.environ.get("CONVCALC_DIFF_BACKEND_COUNT", "100"))

# Where convcalc refuses on purpose what Keras takes: a bool option written as 0, 1 or
# a string (Keras reads any non-empty string, "false" too, as true), a float axis,
# integer dtype policies (convcalc sizes float weights only), adaptive pooling on an
# input of the wrong rank and Softmax on an axis out of range (Keras builds both, and
# fails when run), a lora_rank of [] (Keras reads it as false: no LoRA), a ConvLSTM
# of 0 filters (Keras builds it with no weights; its Conv layers refuse 0), and Masking on
# an input of another dtype (Keras casts it first, an operation its mask starts from).
STRICTER = re.compile(
    r"must be true or false|'axis' must be an integer|'dtype' must be one of"
    r"|Adaptive(Average|Max)Pooling\dD needs a \d-D input|\(Softmax\): axis -?\d+ is out of range"
    r"|'lora_rank' must be a positive integer; got \[\]|\(ConvLSTM\dD\): 'filters' must be a positive integer; got 0"
    r"|\(Masking\): Keras casts Masking's input to its dtype"
)


@pytest.fixture(scope="module")
def keras():
    from convcalc.oracle.keras_reference import import_keras

    return import_keras("tensorflow")


class Crashed(Exception):
    """convcalc failed with something other than a SpecError: a bug, whatever the spec."""


def check_seed(keras, tmp_path, seed, data):
    """(YAML text, the check of it, the reader's refusal or None); a crash is reported
    with the spec that caused it, like a disagreement."""
    text = spec_generator.to_yaml(data)
    path = tmp_path / f"seed-{seed}.yaml"
    path.write_text(text)
    try:
        graph = read_model(path)
    except SpecError as error:
        return text, None, error
    try:
        return text, check_graph(graph, keras, str(path)), None
    except Exception as error:  # noqa: BLE001 (reported with its seed and spec)
        return text, None, Crashed(f"convcalc crashed: {type(error).__name__}: {error}")


def report(failures, what):
    shown = "\n\n".join(
        f"seed {seed}: {why}\n  reproduce: python tests/spec_generator.py {seed}{flag}\n{text}"
        for seed, why, text, flag in failures[:SHOWN]
    )
    return f"{len(failures)} {what}; the first:\n\n{shown}"


def describe(result):
    if result.refused:
        return f"convcalc: {result.convcalc_error!r}; Keras: {result.keras_error!r}"
    return "; ".join(f"{d.name or 'model'}: {d.field}: convcalc {d.convcalc!r}, Keras {d.keras!r}"
                     for d in result.disagreements)


def seeds(what):
    """SEED, SEED+1, ... until COUNT are done; fails if the time box ends first."""
    start = time.monotonic()
    for i in range(COUNT):
        if time.monotonic() - start > SECONDS:
            pytest.fail(f"only {i} of {COUNT} {what} in {SECONDS:.0f} s (CONVCALC_DIFF_SECONDS)")
        yield SEED + i


def test_random_models_agree_with_keras(keras, tmp_path):
    failures, built = [], 0
    for seed in seeds("random models"):
        text, result, refused = check_seed(keras, tmp_path, seed, spec_generator.valid_spec(seed))
        if refused is not None:
            failures.append((seed, f"convcalc refuses it: {refused}", text, ""))
        elif not result.agree:
            failures.append((seed, describe(result), text, ""))
        elif result.keras is not None:
            built += 1
    assert not failures, report(failures, "random models where convcalc and Keras differ")
    # The generator aims at valid models: nearly all must build (else it tests little).
    assert built >= 0.97 * COUNT, f"only {built} of {COUNT} random specs were valid models"


def test_random_invalid_specs_are_refused_as_keras_refuses(keras, tmp_path):
    failures, refused_by_keras = [], 0
    for seed in seeds("random invalid specs"):
        data, mutation = spec_generator.invalid_spec(seed)
        text, result, reader_refusal = check_seed(keras, tmp_path, seed, data)
        if isinstance(reader_refusal, Crashed):
            failures.append((seed, f"{mutation}: {reader_refusal}", text, " --invalid"))
            continue
        if reader_refusal is not None:  # the reader's own clean refusal: Keras never sees it
            continue
        refused_by_keras += result.keras_error is not None
        if result.keras_error is not None and result.convcalc_error is None:
            failures.append((seed, f"{mutation}: Keras refuses, convcalc accepts: {describe(result)}", text, " --invalid"))
        elif result.convcalc_error is not None and result.keras_error is None:
            if not STRICTER.search(result.convcalc_error):
                failures.append((seed, f"{mutation}: convcalc refuses, Keras accepts: {describe(result)}", text, " --invalid"))
        elif not result.agree:
            failures.append((seed, f"{mutation}: {describe(result)}", text, " --invalid"))
    assert not failures, report(failures, "random invalid specs refused differently")
    assert refused_by_keras >= COUNT // 2, f"only {refused_by_keras} of {COUNT} mutated specs were invalid"


def test_random_models_agree_on_jax(tmp_path):
    """Keras's figures may depend on its backend (who sets `trainable` when): the same
    random models, checked on JAX by `convcalc check --backend jax`."""
    paths = {}
    for seed in range(SEED, SEED + BACKEND_COUNT):
        paths[seed] = tmp_path / f"seed-{seed}.yaml"
        paths[seed].write_text(spec_generator.to_yaml(spec_generator.valid_spec(seed)))
    done = subprocess.run([sys.executable, "-m", "convcalc", "check", "--backend", "jax", "--format", "json",
                           *map(str, paths.values())], capture_output=True, text=True, cwd=ROOT, timeout=600)
    results = dict(zip(paths, json.loads(done.stdout)["specs"]))
    failures = [(seed, json.dumps(r["layers"] or r["refused"]), paths[seed].read_text(), "")
                for seed, r in results.items() if not r["agree"]]
    assert not failures, report(failures, "random models where convcalc and Keras on JAX differ")
    assert done.returncode == 0 and len(results) == BACKEND_COUNT


def test_every_rule_is_generated_or_says_why_not():
    """Grow the generator with every new layer: a rule is generated, or listed in
    spec_generator.NOT_GENERATED with the reason."""
    missing = sorted(set(RULES) - spec_generator.GENERATED - set(spec_generator.NOT_GENERATED))
    assert not missing, f"add these layers to tests/spec_generator.py (or to NOT_GENERATED, with why): {missing}"
    stale = sorted(set(spec_generator.NOT_GENERATED) & spec_generator.GENERATED)
    assert not stale, f"generated now: remove from NOT_GENERATED: {stale}"
