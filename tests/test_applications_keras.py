"""keras.applications as spec layers, against the real applications.

For every application convcalc ports (convcalc/applications), its default model and
random argument sets (input shapes, include_top, pooling, classes, weights,
classifier_activation) are built both ways: convcalc's graph analyzed, Keras's model
built by keras.applications itself (weights never fetched), and every figure compared
(names, classes, output shapes, params, connections, totals; convcalc/oracle/check.py). Where
Keras refuses the arguments, convcalc must refuse them too, with a clean SpecError.

Environment: CONVCALC_DIFF_SEED (the seed, default fixed so CI is reproducible),
CONVCALC_APP_CASES (random argument sets per application, default 2).
"""

import os
import random

import pytest

from convcalc.applications import APPLICATIONS, build
from convcalc.oracle.check import compare, keras_refusal
from convcalc.analysis.engine import analyze
from convcalc.errors import SpecError
from convcalc.graph import LayerCall
from convcalc.report.summary import figures as analytic_figures, summarize

SEED = int(os.environ.get("CONVCALC_DIFF_SEED", "20260101"))
CASES = int(os.environ.get("CONVCALC_APP_CASES", "2"))


@pytest.fixture(scope="module")
def keras():
    from convcalc.oracle.keras_reference import import_keras

    return import_keras("tensorflow")


def random_arguments(rng):
    """One application's arguments as a spec might give them: mostly valid, sometimes not
    (a small input, 1 or 4 channels with imagenet weights, classes with imagenet)."""
    include_top = rng.random() < 0.4
    weights = rng.choice([None, None, "imagenet"])
    side = lambda: rng.choice([None, rng.randint(24, 360)]) if not include_top else rng.randint(24, 360)  # noqa: E731
    kwargs = {"include_top": include_top, "weights": weights,
              "input_shape": [side(), side(), rng.choice([3, 3, 3, 1, 4])]}
    if include_top:
        kwargs["classes"] = rng.choice([1000, rng.randint(1, 50)])
        kwargs["classifier_activation"] = rng.choice(["softmax", None, "sigmoid"])
    else:
        kwargs["pooling"] = rng.choice([None, "avg", "max"])
    return kwargs


def argument_sets():
    rng = random.Random(SEED)
    for name in sorted(APPLICATIONS):
        yield pytest.param(name, {}, id=f"{name}-default")
        for case in range(CASES):
            yield pytest.param(name, random_arguments(rng), id=f"{name}-{case}")


def keras_figures(name, kwargs, keras):
    from convcalc.oracle.keras_reference import build_application, figures, quiet

    try:
        model = build_application(LayerCall(name, kwargs=kwargs), keras, initialize=False)
        with quiet():
            return figures(model, keras), None
    except Exception as error:  # any refusal by Keras, whatever its type
        return None, keras_refusal(error)


@pytest.mark.parametrize("name, kwargs", list(argument_sets()))
def test_application_equals_keras(name, kwargs, keras):
    try:
        ours, our_error = analytic_figures(summarize(analyze(build(name, [], kwargs)[0]))), None
    except SpecError as error:
        ours, our_error = None, str(error)
    theirs, their_error = keras_figures(name, kwargs, keras)
    assert (ours is None) == (theirs is None), f"{name}{kwargs}: convcalc: {our_error}; Keras: {their_error}"
    if ours is not None:
        disagreements = compare(ours, theirs)
        assert not disagreements, f"{name}{kwargs}:\n" + "\n".join(map(str, disagreements[:10]))


def test_every_keras_application_is_ported(keras):
    exported = {n for n in dir(keras.applications) if n[:1].isupper()}
    assert sorted(exported - set(APPLICATIONS)) == []


def arithmetic(layers, Model):
    """Every operator the tracer's KerasTensor records, plain and reflected, with constants
    on either side and between tensors (MobileNetV3's hard sigmoid is `relu6(x + 3) * (1 / 6)`)."""
    inputs = layers.Input(shape=(8, 8, 3))
    x = layers.Conv2D(4, 1)(inputs)
    y = layers.ReLU(6.0)(x + 3.0) * (1.0 / 6.0)
    y = 2 ** (1.0 - y / 2.0) ** 2
    y = 1 / (3 * y + x - x)
    y = layers.GlobalAveragePooling2D(keepdims=True)(y) * y
    return Model(inputs, y, name="arithmetic")


def test_tracer_arithmetic_records_operations_as_keras(keras):
    """The operations' names, classes, shapes and connections equal those of the Keras model
    the same code builds, and each constant operand stands on Keras's side of it (x1 or x2)."""
    from convcalc.applications.tracer import Functional, layers, trace
    from convcalc.oracle.keras_reference import figures, quiet

    graph = trace(lambda: arithmetic(layers, Functional), {})
    ours = analytic_figures(summarize(analyze(graph)))
    with quiet():
        keras.backend.clear_session()
        model = arithmetic(keras.layers, keras.Model)
        theirs = figures(model, keras)
    assert [row["class_name"] for row in theirs["layers"]].count("Multiply") == 3
    assert not compare(ours, theirs)
    their_constants = [
        (type(op).__name__, {f"x{i}": arg for i, arg in enumerate(op._inbound_nodes[0].arguments.args, start=1)
                             if not isinstance(arg, keras.KerasTensor)})
        for op in model.operations if type(op).__module__.startswith("keras.src.ops")
    ]
    our_constants = [(call.class_name.removeprefix("ops."), call.kwargs) for call in graph.layers
                     if call.class_name.startswith("ops.")]
    assert our_constants == their_constants
