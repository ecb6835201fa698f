"""Read Python code that builds a Keras model (as slides and textbooks write it) into a
ModelGraph: with Python's `ast` only. The code is never run: no eval, exec or import of it.

A small interpreter walks the module's statements and follows what builds models:
imports of Keras (`keras`, `tensorflow.keras`, `tf.keras`, `tf_keras`, their `layers` and
`models`, bare `from keras.layers import Conv2D`), layer constructors (aliases such as
Convolution2D included) with literal arguments, `Input(shape=...)`, `Sequential([...])`,
`model.add(...)`, `model.pop()`, `model.build(...)`, a Sequential built on data of a
literal shape (or left unbuilt), its tensors (`model.inputs`, `layer.output`), calls of
layers on tensors, `Model(inputs, outputs)`, nested models, keras.applications models
(`VGG16(...)`, held as the spec's application entry, or opened: `base.layers`,
`base.output`, application_values.py), `.trainable = False`, and the plain Python around
them: constants, arithmetic on them, tuples, lists, dicts, f-strings, `for` loops over
literals and `range(...)`, `if` on constants, list comprehensions, and functions defined
in the file (called with such values); layer factories (`functools.partial(layers.Conv2D,
kernel_size=3)`), `isinstance` with Keras's classes, `getattr(layers, "Conv2D")`, starred
unpacking and `keras.models.clone_model`. A notebook's code cells are read
the same, as one module (convcalc/read/notebook.py). Everything else is an *unknown* value: harmless
while unused (`os.system(...)`, `model.fit(...)` and `print(...)` are never run, only
skipped), and a clear error naming its line once a model would depend on it.

Names: Keras names what it creates as the code runs (conv2d, conv2d_1, ... in one
session, models and inputs included). The reader counts them in the same order and
names everything in the graph so: the analysis plans no name of its own for it, and the
reader never runs the analysis (a YAML written from the graph leaves out the names the
analysis would give the same: write_spec.py).

The package, in the order of the flow: values.py (what the interpreter holds, the limits),
statements.py and expressions.py (Python), plain_python.py (the file's functions,
builtins, list/dict/str methods), keras_layers.py and keras_models.py (the Keras API it
knows; application_values.py, an application's inside), interpreter.py (the mixins together), graph_builder.py (its objects to a
ModelGraph), and this module: reading a file and choosing its model.
"""

from __future__ import annotations

import io
import re
import tokenize

from convcalc.errors import SpecError, did_you_mean
from convcalc.graph import ModelGraph
from convcalc.layers.registry import OPERATION_PREFIX
from convcalc.naming import KERAS3
from convcalc.read.files import parse_python, read_bytes, source_name, suffix_of
from convcalc.read.notebook import NOTEBOOK_SUFFIXES, read_notebook
from convcalc.read.python.graph_builder import GraphBuilder
from convcalc.read.python.interpreter import Interpreter
from convcalc.read.python.training import trained_optimizer
from convcalc.read.python.values import MAX_FILE_BYTES, Function, ModelValue, Unknown, UserLayerValue


def _read_source(path, source):
    """(text, tree, source) of a .py file, or of a notebook's code cells (source: the
    notebook's name with where each line of its code is, read/notebook.py)."""
    if suffix_of(path, NOTEBOOK_SUFFIXES) in NOTEBOOK_SUFFIXES:
        text, source = read_notebook(path, source, MAX_FILE_BYTES)
    else:
        text = _decoded(read_bytes(path, source, "Python file", MAX_FILE_BYTES), source)
    return text, parse_python(text, source), source


def _decoded(data, source):
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        text = data.decode(encoding)
    except (SyntaxError, LookupError, UnicodeDecodeError) as error:
        raise SpecError(f"cannot decode the file: {error}", hint="save it as UTF-8", file=source) from None
    return text[1:] if text.startswith("\ufeff") else text


def interpret(path, naming=None):
    """Follow a file's statements; the interpreter holds the models it built."""
    text, tree, source = _read_source(path, source_name(path))
    interpreter = Interpreter(text, source, naming or KERAS3)
    interpreter.run(tree)
    return interpreter


def model_variables(interpreter):
    """(variable, model) of the module-level variables that hold a model, in the order
    the models were built."""
    found = [(name, v) for name, v in interpreter.module.vars.items()
             if isinstance(v, ModelValue) or (isinstance(v, UserLayerValue) and v.kind == "model")]
    return sorted(found, key=lambda item: item[1].seq)


def choose_model(interpreter, model=None):
    """The variable name and model `--model` names, or else the model the code binds last."""
    source = interpreter.source
    variables = model_variables(interpreter)
    if model is not None:
        for name, value in variables:
            if name == model:
                return name, value
        names = [n for n, _ in variables]
        raise SpecError(
            f"--model {model}: no module-level variable of that name holds a model."
            f"{did_you_mean(model, names)}",
            hint=f"the models: {', '.join(names)}" if names else "the file builds no model at module level",
            file=source,
        )
    if not variables:
        functions = [n for n, v in interpreter.module.vars.items() if isinstance(v, Function)]
        hint = "build one with Sequential([...]) or Model(inputs, outputs), assigned to a variable"
        if functions:
            hint += f"; a function that builds one ({', '.join(functions)}) must be called, e.g. model = {functions[0]}()"
        raise SpecError("the file builds no Keras model at module level", hint=hint, file=source)
    chosen = last_bound_model(interpreter, variables)
    refuse_a_later_model(interpreter, chosen)
    return chosen


def last_bound_model(interpreter, variables):
    """(variable, model) of the model the code binds last at module level (a variable it
    still holds), as a reader of the code takes it: the last `model = ...`."""
    held = {id(value): (name, value) for name, value in variables}
    for name, value in reversed(interpreter.bindings):
        if id(value) in held and interpreter.module.vars.get(name) is value:
            return name, value
    return variables[-1]


def _stands_for_a_model(name, value):
    """A value convcalc does not follow that the code binds as a model: a model loaded
    or built by code convcalc does not read (`model = load_model(...)`, `model =
    build_model()` from another module)."""
    return isinstance(value, Unknown) and (value.model_like or (
        re.search(r"model$", name, re.IGNORECASE) is not None and value.text.endswith(")")))


def refuse_a_later_model(interpreter, chosen):
    """convcalc summarizes the model the code binds last: when the code binds a model it
    cannot read after the one it would summarize, it says so instead."""
    name, model = chosen
    position = max(i for i, (n, v) in enumerate(interpreter.bindings) if v is model)
    for later, value in interpreter.bindings[position + 1:]:
        if _stands_for_a_model(later, value) and interpreter.module.vars.get(later) is value:
            raise SpecError(f"the model the code binds last is '{later}' = {value.describe()}, which convcalc does "
                            f"not follow; it would summarize '{name}' instead",
                            hint=f"summarize '{name}' with --model {name}, or build '{later}' with Keras code "
                                 "in the file", file=interpreter.source, line=value.line)


def read_code(path, model=None, naming=None) -> ModelGraph:
    """The graph of the model a .py file (or a notebook's code cells) builds (see the
    module's docstring)."""
    naming = naming or KERAS3
    interpreter = interpret(path, naming)
    variable, chosen = choose_model(interpreter, model)
    source = interpreter.source
    naming_builder = GraphBuilder(source, has_input_shape=interpreter.has_input_shape,
                                  built_elsewhere=interpreter.built_elsewhere,
                                  dtype_policy_at=interpreter.dtype_policy_at)
    if isinstance(chosen, UserLayerValue):  # a subclassed model: its layers as they stand
        graph = naming_builder.subclassed(chosen)
        graph.optimizer = trained_optimizer(chosen, source)
        return graph
    named = naming_builder.graph(chosen)  # reports what it cannot read; unbuilt without an input shape
    if not summarized_alone(chosen, interpreter):
        where = f"its call on another model's tensor (line {chosen.nodes[0].line})" if chosen.nodes else (
            "the model that holds it")
        raise SpecError(
            f"the model '{variable}' is built only by {where}, whose shape convcalc does not carry over",
            hint="summarize the model that uses it (--model), or start it with an Input(shape=...)",
            file=source, line=chosen.line,
        )
    graph = naming_builder.name_insides(named)  # what applications build, named as the run names it
    graph.optimizer = trained_optimizer(chosen, source)
    if not chosen.trainable:  # model.trainable = False freezes every layer it holds
        for call in graph.layers:
            if call.use is None and not (call.class_name or "").startswith(OPERATION_PREFIX):  # ops: no weights
                call.kwargs["trainable"] = False
    return graph


def standalone(model, interpreter):
    """Whether a model has its input shape without another model: a functional model, an
    application, or a Sequential with an Input, a first layer's input_shape, a first model
    with an input shape, or build()."""
    return interpreter.has_input_shape(model)


def summarized_alone(model, interpreter):
    """Whether a model is summarized by itself as Keras summarizes it: one with its input
    shape, or a Sequential never built (listed unbuilt); not a Sequential built only by
    its call on another model's tensor."""
    return standalone(model, interpreter) or (model.kind == "sequential" and not model.built_by_call)
