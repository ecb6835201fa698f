"""model.compile with an optimizer, then model.fit: fit builds the optimizer, and Keras's
summary then counts its variables (keras/src/utils/summary_utils.py: ` Optimizer params`,
in Total params too; keras/src/trainers/trainer.py compile: optimizer="rmsprop" unless
given). What the code compiles is kept as report/optimizer.py reads an optimizer
(`adam`, `SGD(momentum=0.9)`); the summary of a model fit after compile counts it."""

from __future__ import annotations

from convcalc.errors import SpecError
from convcalc.read.python.values import Unknown, plain

DEFAULT_OPTIMIZER = "rmsprop"  # Model.compile's default (keras/src/trainers/trainer.py)
TRAINING_METHODS = ("fit", "train_on_batch", "fit_generator")  # each builds the optimizer before its first step


class OptimizerValue(Unknown):
    """keras.optimizers.Adam(...): never built here; `text` is how report/optimizer.py
    reads it (None: arguments convcalc does not hold, `why`)."""

    def __init__(self, text, line, class_name, args, kwargs):
        values = [*args, *kwargs.values()]
        held = all(plain(v) for v in values)
        super().__init__(text, line, "an optimizer, built only by fit" if held else
                         "an optimizer of arguments convcalc does not hold (a schedule, a variable)")
        written = [repr(a) for a in args] + [f"{key}={value!r}" for key, value in kwargs.items()]
        self.optimizer = f"{class_name}({', '.join(written)})" if held else None


def compile_model(interpreter, model, args, kwargs, node):
    """model.compile: the optimizer it gives the model (Keras's default rmsprop)."""
    given = args[0] if args else kwargs.get("optimizer", DEFAULT_OPTIMIZER)
    set_optimizer(interpreter, model, given, node)
    return interpreter.unknown(node, "model.compile, never run")


def set_optimizer(interpreter, model, given, node):
    """The optimizer compile gives a model, or a compile of the code's own assigns to
    self.optimizer (keras-io's Zero-DCE): fit builds it."""
    if isinstance(given, str):
        model.compiled_optimizer = (given, node.lineno)
    elif isinstance(given, OptimizerValue) and given.optimizer is not None:
        model.compiled_optimizer = (given.optimizer, node.lineno)
    else:
        what = given.why if isinstance(given, Unknown) else interpreter.shown(given)
        model.compiled_optimizer = (None, node.lineno, what)


def train_model(model):
    """model.fit(...) of a compiled model: its optimizer is built (once)."""
    if model.compiled_optimizer is not None and model.trained_optimizer is None:
        model.trained_optimizer = model.compiled_optimizer


def trained_optimizer(model, source):
    """The optimizer a fit built, as report/optimizer.py reads it; None if none was."""
    trained = model.trained_optimizer
    if trained is None:
        return None
    if trained[0] is None:
        raise SpecError(f"the model is fit, compiled with {trained[2]}: Keras's summary then "
                        "counts the optimizer's variables, which convcalc cannot", file=source, line=trained[1],
                        hint="compile with an optimizer of literal arguments: keras.optimizers.Adam(learning_rate=1e-3)")
    return trained[0]
