"""Read Python code that builds a Keras model (as slides and textbooks write it) into a
ModelGraph: with Python's `ast` only. The code is never run: no eval, exec or import of it.

A small interpreter walks the module's statements and follows what builds models:
imports of Keras (`keras`, `tensorflow.keras`, `tf.keras`, `tf_keras`, their `layers` and
`models`, bare `from keras.layers import Conv2D`), layer constructors (aliases such as
Convolution2D included) with literal arguments, `Input(shape=...)`, `Sequential([...])`,
`model.add(...)`, `model.pop()`, `model.build(...)`, calls of layers on tensors,
`Model(inputs, outputs)`, nested models, keras.applications models (`VGG16(...)`, held as
the spec's application entry), `.trainable = False`, and the plain Python around
them: constants, arithmetic on them, tuples, lists, dicts, f-strings, `for` loops over
literals and `range(...)`, `if` on constants, list comprehensions, and functions defined
in the file (called with such values). Everything else is an *unknown* value: harmless
while unused (`os.system(...)`, `model.fit(...)` and `print(...)` are never run, only
skipped), and a clear error naming its line once a model would depend on it.

Names: Keras names what it creates as the code runs (conv2d, conv2d_1, ... in one
session, models and inputs included). The reader counts them in the same order; when the
engine, naming in graph order, would give every layer the same name, the graph leaves
names out (a YAML written from it stays as the code wrote it); otherwise it names each
layer explicitly.
"""

from __future__ import annotations

import ast
import copy
import inspect
import io
import math
import re
import tokenize

from convcalc.errors import SpecError, did_you_mean, shown
from convcalc.graph import LayerCall, ModelGraph, ModelInput, Output
from convcalc.layers.refused import REFUSED
from convcalc.layers.signatures import canonical_class_name, keras_activations, keras_aliases, keras_classes
from convcalc.naming import KERAS3, Names
from convcalc.read.files import read_bytes

MAX_STEPS = 200_000  # statements and calls followed, in all: loops end
MAX_DEPTH = 50  # nested calls of the file's own functions
MAX_ITEMS = 100_000  # the longest list, tuple, string or range a value may be
MAX_INT_BITS = 4096  # the largest integer
MAX_FILE_BYTES = 8 * 2**20

# Module paths that are Keras: normalized to "keras..." (tf.keras is Keras)
KERAS_ROOTS = {"keras": "keras", "tf_keras": "keras", "tensorflow.keras": "keras",
               "tensorflow.python.keras": "keras", "keras.api": "keras", "keras.src": "keras"}
LAYER_MODULES = ("keras.layers", "keras.src.layers")
MODEL_MODULES = ("keras.models", "keras.src.models", "keras.engine", "keras.src.engine")
# Keras's call-time arguments that never change a shape
IGNORED_CALL_KWARGS = ("training",)
# Model methods that do not change what the model is (never run; their result is unknown)
MODEL_METHODS = {"summary", "compile", "fit", "evaluate", "predict", "save", "save_weights",
                 "load_weights", "count_params", "get_config", "to_json", "get_weights",
                 "set_weights", "train_on_batch", "test_on_batch", "predict_on_batch", "export",
                 "fit_generator", "evaluate_generator", "predict_generator", "reset_states"}
# Positional arguments of Keras's initializer, regularizer and constraint constructors
OBJECT_POSITIONAL = {
    "L1": ("l1",), "L2": ("l2",), "L1L2": ("l1", "l2"), "OrthogonalRegularizer": ("factor", "mode"),
    "Constant": ("value",), "RandomNormal": ("mean", "stddev", "seed"),
    "RandomUniform": ("minval", "maxval", "seed"), "TruncatedNormal": ("mean", "stddev", "seed"),
    "VarianceScaling": ("scale", "mode", "distribution", "seed"), "Orthogonal": ("gain", "seed"),
    "Identity": ("gain",), "GlorotNormal": ("seed",), "GlorotUniform": ("seed",),
    "HeNormal": ("seed",), "HeUniform": ("seed",), "LecunNormal": ("seed",), "LecunUniform": ("seed",),
    "MaxNorm": ("max_value", "axis"), "MinMaxNorm": ("min_value", "max_value", "rate", "axis"),
    "UnitNorm": ("axis",),
}
OBJECT_FUNCTIONS = {"l1": "L1", "l2": "L2", "l1_l2": "L1L2"}  # keras.regularizers.l2(...) -> L2
# TensorFlow's own initializers (tf.random_normal_initializer(0., 0.02)), which Keras accepts
TF_INITIALIZERS = {"random_normal_initializer": "RandomNormal", "random_uniform_initializer": "RandomUniform",
                   "truncated_normal_initializer": "TruncatedNormal", "constant_initializer": "Constant",
                   "zeros_initializer": "Zeros", "ones_initializer": "Ones"}
# keras.layers' functional forms of the merging layers: concatenate([a, b]) is
# Concatenate()([a, b]); their positional arguments after the inputs
MERGE_FUNCTIONS = {"add": ("Add", ()), "subtract": ("Subtract", ()), "multiply": ("Multiply", ()),
                   "average": ("Average", ()), "maximum": ("Maximum", ()), "minimum": ("Minimum", ()),
                   "concatenate": ("Concatenate", ("axis",)), "dot": ("Dot", ("axes", "normalize"))}
# Keras settings a fresh session reads as their defaults (keras.json is not read)
KERAS_SETTINGS = {"image_data_format": "channels_last", "floatx": "float32", "backend": "tensorflow",
                  "epsilon": 1e-07}
INPUT_ARGUMENTS = ("shape", "batch_size", "dtype", "sparse", "ragged", "batch_shape", "name", "tensor", "optional")
SEQUENTIAL_ARGUMENTS = ("layers", "trainable", "name")
MODEL_ARGUMENTS = ("inputs", "outputs", "name", "trainable")


# -- values the interpreter holds ---------------------------------------------------
class Unknown:
    """A value convcalc does not compute: from code it does not follow."""

    def __init__(self, text, line, why):
        self.text, self.line, self.why = text, line, why

    def describe(self):
        return f"{self.text} (line {self.line}: {self.why})"


class Namespace:
    """An imported module, or a part of one, by its dotted path (Keras's normalized)."""

    def __init__(self, path):
        self.path = path


class KerasThing:
    """Something Keras exports that convcalc follows: a layer class, Input, Sequential,
    Model, an activation, an initializer/regularizer/constraint class."""

    def __init__(self, kind, name, path):
        self.kind, self.name, self.path = kind, name, path


class KerasObject:
    """An initializer, regularizer or constraint object: Keras's {class_name, config}."""

    def __init__(self, class_name, config):
        self.class_name, self.config = class_name, config


class AutoNamed:
    """Something Keras names: its given name, or the one Keras's auto-naming gives it."""

    @property
    def display_name(self):
        return self.name or self.auto_name


class Layer(AutoNamed):
    def __init__(self, written, class_name, args, kwargs, line, seq):
        self.written, self.class_name = written, class_name
        self.args, self.kwargs = args, kwargs
        self.line, self.seq = line, seq
        self.name = kwargs.get("name") if isinstance(kwargs.get("name"), str) else None
        self.auto_name = None
        self.trainable = None  # set by `layer.trainable = ...` after construction
        self.nodes = []


class InputLayer(AutoNamed):
    """Input(...) or InputLayer(...): a model input."""

    def __init__(self, shape, batch_size, name, line, seq):
        self.shape, self.batch_size, self.name = shape, batch_size, name
        self.line, self.seq = line, seq
        self.auto_name = None
        self.tensor = Tensor(None, None, self)


class Node:
    """One call of a layer (or of a model used as a layer) on tensors."""

    def __init__(self, layer, inputs, line, seq):
        self.layer, self.inputs, self.line, self.seq = layer, inputs, line, seq


class Tensor:
    """A symbolic tensor: output `index` (None: the call's whole output) of a node, or a
    model input."""

    def __init__(self, node, index, input_layer=None):
        self.node, self.index, self.input_layer = node, index, input_layer


class Model(AutoNamed):
    def __init__(self, kind, line, seq):
        self.kind, self.line, self.seq = kind, line, seq  # kind: sequential | functional | application
        self.name = None
        self.auto_name = None
        self.trainable = True
        self.nodes = []
        self.items = []  # sequential: (value, line) in order
        self.built_input = None  # sequential: the InputLayer build() made
        self.built_by_call = False  # sequential: built when first called (no input of its own)
        self.inputs = self.outputs = None  # functional: structures of Tensors
        self.inputs_line = None
        self.input_made = False  # sequential: its InputLayer made from a first model's input shape
        self.application = None  # application: LayerCall(its class, arguments), as a spec writes it
        self.built = None  # application: the graph its builder makes (convcalc.applications.build)


class Function:
    def __init__(self, node, scope, defaults, kw_defaults):
        self.node, self.scope, self.defaults, self.kw_defaults = node, scope, defaults, kw_defaults


class UserClass:
    def __init__(self, name, line):
        self.name, self.line = name, line


class Method:
    def __init__(self, owner, name):
        self.owner, self.name = owner, name


class Builtin:
    def __init__(self, name):
        self.name = name


class _Break(Exception):
    pass


class _Continue(Exception):
    pass


class _Return(Exception):
    def __init__(self, value):
        self.value = value


class Scope:
    def __init__(self, parent=None):
        self.vars, self.parent, self.globals = {}, parent, set()
        self.star_layers = False  # `from keras.layers import *`

    def lookup(self, name):
        scope = self
        while scope is not None:
            if name in scope.vars:
                return True, scope.vars[name]
            if scope.star_layers and canonical_class_name(name) is not None:
                return True, KerasThing("layer", name, f"keras.layers.{name}")
            if scope.star_layers and name == "Input":
                return True, KerasThing("input", name, "keras.layers.Input")
            scope = scope.parent
        return False, None

    def module(self):
        scope = self
        while scope.parent is not None:
            scope = scope.parent
        return scope


BUILTINS = ("range", "len", "int", "float", "str", "bool", "tuple", "list", "dict", "min", "max",
            "abs", "sum", "round", "enumerate", "zip", "reversed", "sorted", "print", "set")
PLAIN_SCALARS = (type(None), bool, int, float, str, complex)


def _walk(value, limit=MAX_ITEMS):
    """Every value inside a value (containers opened), at most `limit` of them: a list
    that holds itself many times over is not walked for ever. None past the limit."""
    seen, stack, count = [], [value], 0
    while stack:
        item = stack.pop()
        count += 1
        if count > limit:
            return None
        seen.append(item)
        if isinstance(item, (list, tuple, set)):
            stack.extend(item)
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
    return seen


def _plain(value):
    """Python data convcalc computes with: numbers, strings, None and containers of them."""
    if isinstance(value, PLAIN_SCALARS + (range,)):
        return True
    items = _walk(value)
    return items is not None and all(isinstance(v, PLAIN_SCALARS + (list, tuple, set, dict, range)) for v in items)


def _find(value, kinds):
    """The first value of `kinds` inside a value (containers searched)."""
    if isinstance(value, kinds):
        return value
    items = _walk(value) or []
    return next((v for v in items if isinstance(v, kinds)), None)


def _normalize(path):
    """A module path as convcalc knows it: tensorflow.keras.layers -> keras.layers."""
    if path in ("tf", "tensorflow"):
        return "tensorflow"
    for root, normal in sorted(KERAS_ROOTS.items(), key=lambda kv: -len(kv[0])):
        if path == root or path.startswith(root + "."):
            rest = path[len(root):]
            if rest.startswith(".src.") or rest == ".src":  # keras.src.layers -> keras.layers
                rest = rest[4:]
            if rest.startswith(".api.") or rest == ".api":
                rest = rest[4:]
            return normal + rest
    return path


def _is_layer_module(path):
    return any(path == m or path.startswith(m + ".") for m in LAYER_MODULES)


def _is_model_module(path):
    return any(path == m or path.startswith(m + ".") for m in MODEL_MODULES)


# -- the interpreter --------------------------------------------------------------------
class Interpreter:
    def __init__(self, text, source, naming):
        self.text, self.source = text, source
        self.lines = None
        self.names = Names(naming)
        self.naming = naming
        self.steps = 0
        self.depth = 0
        self.seq = 0
        self.module = Scope()
        self.module.vars["__name__"] = "__main__"
        self.models = []

    # -- helpers ------------------------------------------------------------------------
    def next_seq(self):
        self.seq += 1
        return self.seq

    def step(self, node):
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise SpecError(
                f"the code runs too long for convcalc to follow ({MAX_STEPS:,} steps)",
                hint="convcalc follows loops over short literal lists; it never runs the code",
                file=self.source, line=getattr(node, "lineno", None),
            )

    def error(self, what, node=None, hint=None, line=None):
        return SpecError(what, hint=hint, file=self.source,
                         line=line if line is not None else getattr(node, "lineno", None))

    def text_of(self, node):
        """The source of an expression, shortened for messages (fast on large files)."""
        if self.lines is None:
            self.lines = self.text.splitlines(keepends=True)
        try:
            first, last = node.lineno - 1, min(node.end_lineno - 1, node.lineno + 1)
            if first == last:
                text = self.lines[first].encode()[node.col_offset:node.end_col_offset].decode()
            else:
                text = self.lines[first].encode()[node.col_offset:].decode() + "".join(self.lines[first + 1:last + 1])
        except (AttributeError, IndexError, TypeError, UnicodeDecodeError):
            text = type(node).__name__
        text = " ".join(text.split()) or type(node).__name__
        return text if len(text) <= 60 else text[:57] + "..."

    def unknown(self, node, why):
        return Unknown(self.text_of(node), node.lineno, why)

    # -- statements -------------------------------------------------------------------------
    def run(self, tree):
        self.block(tree.body, self.module)

    def block(self, statements, scope):
        for statement in statements:
            self.statement(statement, scope)

    def statement(self, node, scope):
        self.step(node)
        try:
            method = getattr(self, f"stmt_{type(node).__name__}", None)
            if method is None:
                raise self.error(
                    f"convcalc does not follow a `{type(node).__name__}` statement",
                    node, hint="write the model with plain statements: assignments, calls, for, if",
                )
            method(node, scope)
        except SpecError as error:
            raise error.located(file=self.source, line=node.lineno) from None
        except RecursionError:
            raise self.error("the code is nested too deeply for convcalc to follow", node) from None

    def stmt_Import(self, node, scope):
        for alias in node.names:
            if alias.asname:
                self.assign_name(alias.asname, Namespace(_normalize(alias.name)), scope)
            else:
                root = alias.name.split(".")[0]
                self.assign_name(root, Namespace(_normalize(root)), scope)

    def stmt_ImportFrom(self, node, scope):
        if node.level:  # a relative import: the project's own modules
            for alias in node.names:
                if alias.name != "*":
                    self.assign_name(alias.asname or alias.name, Unknown(
                        f"{'.' * node.level}{node.module or ''}.{alias.name}", node.lineno,
                        "imported from the project's own code, which convcalc does not read"), scope)
            return
        module = Namespace(_normalize(node.module))
        for alias in node.names:
            if alias.name == "*":
                if _is_layer_module(module.path) or module.path == "keras":
                    scope.star_layers = True
                continue
            value = self.attribute(module, alias.name, node)
            self.assign_name(alias.asname or alias.name, value, scope)

    def stmt_Assign(self, node, scope):
        value = self.eval(node.value, scope)
        for target in node.targets:
            self.assign(target, value, scope)

    def stmt_AnnAssign(self, node, scope):
        if node.value is not None:
            self.assign(node.target, self.eval(node.value, scope), scope)

    def stmt_AugAssign(self, node, scope):
        current = self.eval(_load(node.target), scope)
        value = self.eval(node.value, scope)
        if isinstance(current, list) and isinstance(node.op, ast.Add) and isinstance(value, (list, tuple)):
            current.extend(value)  # `layers += [...]` changes the list itself, as in Python
            self.check_size(current, node)
            return
        self.assign(node.target, self.binop(node.op, current, value, node), scope)

    def stmt_Expr(self, node, scope):
        self.eval(node.value, scope)

    def stmt_Pass(self, node, scope):
        pass

    def stmt_Assert(self, node, scope):
        pass  # a check, never a change

    def stmt_Global(self, node, scope):
        scope.globals.update(node.names)

    def stmt_Nonlocal(self, node, scope):
        pass

    def stmt_Delete(self, node, scope):
        for target in node.targets:
            if isinstance(target, ast.Name):
                scope.vars.pop(target.id, None)

    def stmt_Break(self, node, scope):
        raise _Break()

    def stmt_Continue(self, node, scope):
        raise _Continue()

    def stmt_Return(self, node, scope):
        raise _Return(None if node.value is None else self.eval(node.value, scope))

    def stmt_Raise(self, node, scope):
        raise self.error("the code raises an exception here, so Keras would build no model", node)

    def stmt_If(self, node, scope):
        if self.truth(self.eval(node.test, scope), node.test):
            self.block(node.body, scope)
        else:
            self.block(node.orelse, scope)

    def stmt_For(self, node, scope):
        items = self.iterate(self.eval(node.iter, scope), node.iter)
        for item in items:
            self.step(node)
            self.assign(node.target, item, scope)
            if not self.loop_body(node, scope):
                break
        else:
            self.block(node.orelse, scope)

    def stmt_While(self, node, scope):
        while self.truth(self.eval(node.test, scope), node.test):
            self.step(node)
            if not self.loop_body(node, scope):
                break
        else:
            self.block(node.orelse, scope)

    def loop_body(self, node, scope):
        """Run one pass of a loop's body; False when it breaks out of the loop."""
        try:
            self.block(node.body, scope)
        except _Break:
            return False
        except _Continue:
            pass
        return True

    def stmt_With(self, node, scope):
        for item in node.items:  # e.g. `with strategy.scope():` -- never entered, only read
            value = self.eval(item.context_expr, scope)
            if item.optional_vars is not None:
                self.assign(item.optional_vars, Unknown(self.text_of(item.context_expr), node.lineno,
                                                        "a context manager, never entered"), scope)
            del value
        self.block(node.body, scope)

    def stmt_Try(self, node, scope):
        self.block(node.body, scope)  # followed as if nothing raised: handlers are skipped
        self.block(node.orelse, scope)
        self.block(node.finalbody, scope)

    def stmt_FunctionDef(self, node, scope):
        args = node.args
        defaults = [self.eval(d, scope) for d in args.defaults]
        kw_defaults = [None if d is None else self.eval(d, scope) for d in args.kw_defaults]
        self.assign_name(node.name, Function(node, scope, defaults, kw_defaults), scope)

    def stmt_ClassDef(self, node, scope):
        self.assign_name(node.name, UserClass(node.name, node.lineno), scope)

    # -- assignment ---------------------------------------------------------------------
    def assign_name(self, name, value, scope):
        if name in scope.globals:
            scope.module().vars[name] = value
        else:
            scope.vars[name] = value

    def assign(self, target, value, scope):
        if isinstance(target, ast.Name):
            self.assign_name(target.id, value, scope)
        elif isinstance(target, (ast.Tuple, ast.List)):
            self.unpack(target, value, scope)
        elif isinstance(target, ast.Attribute):
            self.set_attribute(self.eval(target.value, scope), target.attr, value, target)
        elif isinstance(target, ast.Subscript):
            owner = self.eval(target.value, scope)
            key = self.eval(target.slice, scope)
            if isinstance(owner, (list, dict)) and _plain(key):
                try:
                    owner[key] = value
                except (IndexError, KeyError, TypeError) as error:
                    raise self.error(f"cannot assign to {self.text_of(target)}: {error}", target) from None
        elif isinstance(target, ast.Starred):
            raise self.error("a starred assignment target is not followed", target)

    def unpack(self, target, value, scope):
        elements = target.elts
        if any(isinstance(e, ast.Starred) for e in elements):
            raise self.error("starred unpacking is not followed", target)
        if isinstance(value, Tensor) and value.node is not None and value.index is None:
            items = [Tensor(value.node, i) for i in range(len(elements))]  # out, h, c = lstm(x)
        elif isinstance(value, Unknown):
            items = [value] * len(elements)
        else:
            items = self.iterate(value, target)
            if len(items) != len(elements):
                raise self.error(f"cannot unpack {len(items)} values into {len(elements)} names", target)
        for element, item in zip(elements, items):
            self.assign(element, item, scope)

    def set_attribute(self, owner, name, value, node):
        if isinstance(owner, (Layer, Model)):
            if name != "trainable":
                raise self.error(f"convcalc does not follow setting `.{name}` of a layer or model", node)
            if not isinstance(value, bool):
                raise self.error(f"`.trainable` must be True or False; got {self.shown(value)}", node)
            owner.trainable = value
        # attributes of anything else (an unknown object) change nothing convcalc follows

    # -- expressions --------------------------------------------------------------------
    def eval(self, node, scope):
        method = getattr(self, f"expr_{type(node).__name__}", None)
        if method is None:
            raise self.error(f"convcalc does not follow this expression ({type(node).__name__}): "
                             f"{self.text_of(node)}", node)
        return method(node, scope)

    def expr_Constant(self, node, scope):
        if node.value is Ellipsis or isinstance(node.value, bytes):
            return self.unknown(node, "not a value a layer takes")
        return node.value

    def expr_Name(self, node, scope):
        found, value = scope.lookup(node.id)
        if found:
            if isinstance(value, Unknown):  # named as the code uses it, from where it came
                return Unknown(node.id, value.line, value.why)
            return value
        if node.id in BUILTINS:
            return Builtin(node.id)
        return self.unknown(node, f"'{node.id}' is defined nowhere in the file")

    def expr_Attribute(self, node, scope):
        return self.attribute(self.eval(node.value, scope), node.attr, node)

    def expr_Tuple(self, node, scope):
        return tuple(self.elements(node.elts, scope))

    def expr_List(self, node, scope):
        return self.elements(node.elts, scope)

    def expr_Set(self, node, scope):
        items = self.elements(node.elts, scope)
        return set(items) if _plain(items) else self.unknown(node, "a set of values convcalc does not compute")

    def elements(self, nodes, scope):
        items = []
        for element in nodes:
            if isinstance(element, ast.Starred):
                items.extend(self.iterate(self.eval(element.value, scope), element))
            else:
                items.append(self.eval(element, scope))
            self.check_size(items, element)
        return items

    def expr_Dict(self, node, scope):
        result = {}
        for key, value in zip(node.keys, node.values):
            if key is None:  # {**other}
                other = self.eval(value, scope)
                if not isinstance(other, dict):
                    return self.unknown(node, "unpacks a value that is not a dict convcalc computes")
                result.update(other)
                continue
            key_value = self.eval(key, scope)
            if not _plain(key_value) or isinstance(key_value, (list, dict, set)):
                return self.unknown(node, "a dict with keys convcalc does not compute")
            result[key_value] = self.eval(value, scope)
        return result

    def expr_JoinedStr(self, node, scope):
        parts = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append(str(value.value))
                continue
            item = self.eval(value.value, scope)
            if not _plain(item):
                return self.unknown(node, "formats a value convcalc does not compute")
            spec = "" if value.format_spec is None else self.eval(value.format_spec, scope)
            if isinstance(spec, Unknown):
                return spec
            self.check_format(spec, node)
            if value.conversion == ord("r"):
                item = repr(item)
            elif value.conversion in (ord("s"), ord("a")):
                item = str(item) if value.conversion == ord("s") else ascii(item)
            try:
                parts.append(format(item, spec))
            except (ValueError, TypeError) as error:
                raise self.error(f"cannot format {self.text_of(value.value)}: {error}", node) from None
        text = "".join(parts)
        self.check_size(text, node)
        return text

    def expr_Lambda(self, node, scope):
        return self.unknown(node, "a lambda: Python code, which convcalc never runs")

    def expr_IfExp(self, node, scope):
        if self.truth(self.eval(node.test, scope), node.test):
            return self.eval(node.body, scope)
        return self.eval(node.orelse, scope)

    def expr_NamedExpr(self, node, scope):
        value = self.eval(node.value, scope)
        self.assign(node.target, value, scope)
        return value

    def expr_Slice(self, node, scope):
        parts = [None if p is None else self.eval(p, scope) for p in (node.lower, node.upper, node.step)]
        if not all(p is None or isinstance(p, int) for p in parts):
            return self.unknown(node, "a slice convcalc does not compute")
        return slice(*parts)

    def expr_Starred(self, node, scope):
        raise self.error("a starred expression is not followed here", node)

    def expr_ListComp(self, node, scope):
        return self.comprehension(node, scope, lambda s: [self.eval(node.elt, s)])

    expr_GeneratorExp = expr_ListComp

    def expr_SetComp(self, node, scope):
        items = self.comprehension(node, scope, lambda s: [self.eval(node.elt, s)])
        return set(items) if _plain(items) else self.unknown(node, "a set of values convcalc does not compute")

    def expr_DictComp(self, node, scope):
        pairs = self.comprehension(node, scope, lambda s: [(self.eval(node.key, s), self.eval(node.value, s))])
        if not all(_plain(k) and not isinstance(k, (list, dict, set)) for k, _ in pairs):
            return self.unknown(node, "a dict with keys convcalc does not compute")
        return dict(pairs)

    def comprehension(self, node, scope, produce):
        inner = Scope(scope)
        results = []

        def loop(generators):
            if not generators:
                results.extend(produce(inner))
                self.check_size(results, node)
                return
            generator = generators[0]
            if generator.is_async:
                raise self.error("an async comprehension is not followed", node)
            for item in self.iterate(self.eval(generator.iter, inner), generator.iter):
                self.step(node)
                self.assign(generator.target, item, inner)
                if all(self.truth(self.eval(test, inner), test) for test in generator.ifs):
                    loop(generators[1:])

        loop(node.generators)
        return results

    def expr_BoolOp(self, node, scope):
        is_and = isinstance(node.op, ast.And)
        value = None
        for operand in node.values:
            value = self.eval(operand, scope)
            truth = self.truth(value, operand)
            if truth != is_and:
                return value
        return value

    def expr_UnaryOp(self, node, scope):
        value = self.eval(node.operand, scope)
        if isinstance(node.op, ast.Not):
            return not self.truth(value, node.operand)
        if isinstance(value, Unknown):
            return value
        if isinstance(value, Tensor):
            return self.unknown(node, "arithmetic on a tensor: a keras.ops operation, not a layer")
        if not isinstance(value, (int, float, complex)):
            return self.unknown(node, "arithmetic on a value convcalc does not compute")
        try:
            result = {ast.USub: lambda v: -v, ast.UAdd: lambda v: +v, ast.Invert: lambda v: ~v}[type(node.op)](value)
        except TypeError as error:
            raise self.error(f"{self.text_of(node)}: {error}", node) from None
        return self.check_number(result, node)

    def expr_BinOp(self, node, scope):
        return self.binop(node.op, self.eval(node.left, scope), self.eval(node.right, scope), node)

    def binop(self, op, left, right, node):
        for value in (left, right):
            if isinstance(value, Unknown):
                return value
        if isinstance(left, Tensor) or isinstance(right, Tensor):
            return self.unknown(node, "arithmetic on tensors is a keras.ops operation, not a layer "
                                      "(write e.g. layers.Add()([a, b]))")
        sequences = (list, tuple)
        if isinstance(op, ast.Add) and isinstance(left, sequences) and type(left) is type(right):
            self.check_size(range(len(left) + len(right)), node)
            return left + right  # lists of layers, too
        if isinstance(op, ast.Mult) and isinstance(left, sequences) and isinstance(right, int) \
                and not _plain(left):
            self.guard_binop(op, left, right, node)
            return left * right
        if not (_plain(left) and _plain(right)):
            return self.unknown(node, "arithmetic on values convcalc does not compute")
        self.guard_binop(op, left, right, node)
        operators = {
            ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b, ast.Mult: lambda a, b: a * b,
            ast.Div: lambda a, b: a / b, ast.FloorDiv: lambda a, b: a // b, ast.Mod: lambda a, b: a % b,
            ast.Pow: lambda a, b: a ** b, ast.LShift: lambda a, b: a << b, ast.RShift: lambda a, b: a >> b,
            ast.BitOr: lambda a, b: a | b, ast.BitAnd: lambda a, b: a & b, ast.BitXor: lambda a, b: a ^ b,
        }
        operator = operators.get(type(op))
        if operator is None:
            return self.unknown(node, "an operator convcalc does not compute")
        try:
            result = operator(left, right)
        except (ArithmeticError, TypeError, ValueError) as error:
            raise self.error(f"{self.text_of(node)}: {type(error).__name__}: {error}", node) from None
        self.check_size(result, node)
        return self.check_number(result, node)

    def guard_binop(self, op, left, right, node):
        """Refuse arithmetic that would take huge time or memory (the code is not trusted)."""
        def length(v):
            return len(v) if isinstance(v, (str, list, tuple)) else None

        if isinstance(op, ast.Mult):
            for seq, count in ((left, right), (right, left)):
                if length(seq) is not None and isinstance(count, int) and length(seq) * max(count, 0) > MAX_ITEMS:
                    raise self.error("a sequence this long is not a layer argument", node)
        if isinstance(op, ast.Pow) and isinstance(left, int) and isinstance(right, int):
            if right > 0 and max(abs(left), 2).bit_length() * right > MAX_INT_BITS:
                raise self.error("a number this large is not a layer argument", node)
        if isinstance(op, ast.LShift) and isinstance(right, int) and right > MAX_INT_BITS:
            raise self.error("a number this large is not a layer argument", node)
        if isinstance(op, ast.Mod) and isinstance(left, str):
            self.check_format(left, node)

    def check_format(self, text, node):
        if isinstance(text, str) and re.search(r"\d{5,}", text):
            raise self.error("a format width this large is not followed", node)

    def check_number(self, value, node):
        if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > MAX_INT_BITS:
            raise self.error("a number this large is not a layer argument", node)
        return value

    def check_size(self, value, node):
        if isinstance(value, (str, list, tuple)) and len(value) > MAX_ITEMS:
            raise self.error(f"a value longer than {MAX_ITEMS:,} items is not followed", node)

    def expr_Compare(self, node, scope):
        left = self.eval(node.left, scope)
        for op, right_node in zip(node.ops, node.comparators):
            right = self.eval(right_node, scope)
            for value in (left, right):
                if isinstance(value, Unknown):
                    return value
            if isinstance(op, (ast.Is, ast.IsNot)):
                result = (left is right) if (left is None or right is None or isinstance(left, bool)) else (left == right)
                result = result if isinstance(op, ast.Is) else not result
            elif not (_plain(left) and _plain(right)):
                return self.unknown(node, "compares values convcalc does not compute")
            else:
                operators = {
                    ast.Eq: lambda a, b: a == b, ast.NotEq: lambda a, b: a != b, ast.Lt: lambda a, b: a < b,
                    ast.LtE: lambda a, b: a <= b, ast.Gt: lambda a, b: a > b, ast.GtE: lambda a, b: a >= b,
                    ast.In: lambda a, b: a in b, ast.NotIn: lambda a, b: a not in b,
                }
                try:
                    result = operators[type(op)](left, right)
                except TypeError as error:
                    raise self.error(f"{self.text_of(node)}: {error}", node) from None
            if not result:
                return False
            left = right
        return True

    def expr_Subscript(self, node, scope):
        owner = self.eval(node.value, scope)
        key = self.eval(node.slice, scope)
        if isinstance(owner, Unknown):
            return Unknown(self.text_of(node), owner.line, owner.why)
        if isinstance(key, Unknown):
            return Unknown(self.text_of(node), key.line, key.why)
        if isinstance(owner, Tensor):
            if owner.node is not None and owner.index is None and isinstance(key, int) and key >= 0:
                return Tensor(owner.node, key)  # an output of a layer with several
            return self.unknown(node, "slicing a tensor is a keras.ops operation, not a layer")
        if isinstance(owner, (list, tuple, str, range, dict)):
            try:
                result = owner[key]
            except (IndexError, KeyError, TypeError) as error:
                raise self.error(f"{self.text_of(node)}: {type(error).__name__}: {error}", node) from None
            return result
        return self.unknown(node, "indexes a value convcalc does not compute")

    def expr_Await(self, node, scope):
        raise self.error("`await` is not followed", node)

    def expr_Yield(self, node, scope):
        raise self.error("a generator (`yield`) is not followed", node)

    expr_YieldFrom = expr_Yield

    def truth(self, value, node):
        if isinstance(value, Unknown):
            raise self.error(
                f"this condition depends on {value.describe()}, which convcalc does not compute",
                node, hint="convcalc follows `if` and `while` on constants only; it never runs the code",
            )
        if _plain(value) or isinstance(value, (Layer, Model, Tensor, KerasThing, Namespace, Function)):
            return bool(value)
        return True

    def iterate(self, value, node):
        if isinstance(value, (list, tuple, str, range)):
            if len(value) > MAX_ITEMS:
                raise self.error(f"a loop over more than {MAX_ITEMS:,} items is not followed", node)
            return list(value)
        if isinstance(value, dict):
            return list(value)
        if isinstance(value, set) and _plain(value):
            return sorted(value, key=repr)
        what = value.describe() if isinstance(value, Unknown) else self.text_of(node)
        raise self.error(
            f"convcalc cannot loop over {what}",
            node, hint="convcalc follows loops over literal lists, tuples and range(...)",
        )

    def shown(self, value):
        return value.describe() if isinstance(value, Unknown) else shown(value)

    # -- attributes ---------------------------------------------------------------------
    def attribute(self, owner, name, node):
        if isinstance(owner, Unknown):
            return Unknown(f"{owner.text}.{name}", owner.line, owner.why)
        if isinstance(owner, Namespace):
            return self.namespace_attribute(owner.path, name, node)
        if isinstance(owner, Layer):
            return self.layer_attribute(owner, name, node)
        if isinstance(owner, InputLayer):
            if name == "output":
                return owner.tensor
            if name == "name":
                return owner.display_name
        if isinstance(owner, Model):
            return self.model_attribute(owner, name, node)
        if isinstance(owner, Tensor):
            return self.unknown(node, f"a tensor's `.{name}`: known only once the model is computed")
        if isinstance(owner, (list, dict, str)) and not name.startswith("_"):
            return Method(owner, name)
        return self.unknown(node, "an attribute convcalc does not follow")

    def namespace_attribute(self, path, name, node):
        full = f"{path}.{name}"
        if path == "tensorflow" and name == "keras":
            return Namespace("keras")
        if path == "tensorflow" and name in TF_INITIALIZERS:
            return KerasThing("initializers", TF_INITIALIZERS[name], full)
        if path.startswith("tensorflow.nn") or path == "tensorflow":
            if path == "tensorflow.nn" and name in keras_activations():
                return KerasThing("activation", name, full)
            return Namespace(full) if path == "tensorflow" and name == "nn" else Unknown(
                full, node.lineno, "a TensorFlow function, not a Keras layer")
        if not (path == "keras" or path.startswith("keras.")):
            return Unknown(full, node.lineno, f"from {path.split('.')[0]}, which convcalc does not follow")
        if path in ("keras.backend", "keras.utils") and name == "clear_session":
            return KerasThing("clear_session", name, full)
        if path in ("keras.backend", "keras.config") and name in KERAS_SETTINGS:
            return KerasThing("setting", name, full)
        if _is_layer_module(path):
            if name == "Input":
                return KerasThing("input", name, full)
            if name in MERGE_FUNCTIONS:
                return KerasThing("merge", name, full)
            if canonical_class_name(name) is not None:
                return KerasThing("layer", name, full)
            if name[:1].isupper():
                known = list(keras_classes()) + list(keras_aliases())
                raise self.error(f"keras.layers has no class '{name}'.{did_you_mean(name, known)}", node)
            return Namespace(full)
        if path in ("keras",) or _is_model_module(path):
            if name == "Input":
                return KerasThing("input", name, full)
            if name == "Sequential":
                return KerasThing("sequential", name, full)
            if name in ("Model", "Functional"):
                return KerasThing("model", name, full)
            if name in ("load_model", "model_from_json", "model_from_config", "clone_model"):
                return KerasThing("load_model", name, full)
            if path != "keras" and name[:1].isupper():
                return Unknown(full, node.lineno, "not a Keras model class convcalc follows")
            return Namespace(_normalize(full))
        if path == "keras.activations":
            if name in keras_activations():
                return KerasThing("activation", name, full)
            return Unknown(full, node.lineno, "not an activation convcalc knows")
        for kind in ("initializers", "regularizers", "constraints"):
            if path == f"keras.{kind}":
                return KerasThing(kind, name, full)
        if path.startswith("keras.applications"):  # VGG16, or a module: vgg16, resnet_v2
            return KerasThing("application", name, full) if name[:1].isupper() else Namespace(full)
        return Namespace(full) if not name[:1].isupper() else Unknown(
            full, node.lineno, "a Keras object convcalc does not follow")

    def layer_attribute(self, layer, name, node):
        if name == "trainable":
            return layer.trainable if layer.trainable is not None else bool(layer.kwargs.get("trainable", True))
        if name == "name":
            return layer.display_name
        if name == "output":
            if not layer.nodes:
                raise self.error(f"'{layer.display_name}' has no output: it is not called on a tensor yet", node)
            return Tensor(layer.nodes[-1], None)
        return Method(layer, name)

    def model_attribute(self, model, name, node):
        if name == "trainable":
            return model.trainable
        if name == "name":
            return model.display_name
        if model.kind == "application" and name in ("layers", "input", "inputs", "output", "outputs"):
            return self.application_inside(model, f".{name}", node)
        if name == "layers":
            return self.model_layers(model, node)
        if model.kind == "functional" and name in ("input", "inputs", "output", "outputs"):
            value = model.inputs if name.startswith("input") else model.outputs
            if name in ("inputs", "outputs"):
                return list(_flatten(value))
            return value
        if name in ("input", "inputs", "output", "outputs"):
            return self.unknown(node, "a Sequential model's tensors: call the model on an Input instead")
        return Method(model, name)

    def application_inside(self, model, what, node):
        return self.unknown(node, f"the application {model.application.class_name}'s {what}: convcalc reads "
                                  "a keras.applications model as one layer (call it on a tensor: x = base(inputs))")

    def model_layers(self, model, node):
        if model.kind == "sequential":
            return [v for v, _ in model.items if not isinstance(v, InputLayer)]
        nodes = _relevant_nodes(model)
        layers = [i.input_layer for i in _flatten(model.inputs)]
        for n in sorted(nodes, key=lambda n: n.seq):
            if n.layer not in layers:
                layers.append(n.layer)
        return layers

    # -- calls --------------------------------------------------------------------------
    def expr_Call(self, node, scope):
        self.step(node)
        function = self.eval(node.func, scope)
        args = []
        for arg in node.args:
            if isinstance(arg, ast.Starred):
                args.extend(self.iterate(self.eval(arg.value, scope), arg))
            else:
                args.append(self.eval(arg, scope))
        kwargs = {}
        for keyword in node.keywords:
            value = self.eval(keyword.value, scope)
            if keyword.arg is None:  # **options
                if not isinstance(value, dict) or not all(isinstance(k, str) for k in value):
                    return self.unknown(node, "unpacks keyword arguments convcalc does not compute")
                kwargs.update(value)
            else:
                kwargs[keyword.arg] = value
        return self.call(function, args, kwargs, node)

    def call(self, function, args, kwargs, node):
        if isinstance(function, KerasThing):
            return self.call_keras(function, args, kwargs, node)
        if isinstance(function, Layer):
            return self.call_layer(function, args, kwargs, node)
        if isinstance(function, Model):
            return self.call_model(function, args, kwargs, node)
        if isinstance(function, InputLayer):
            raise self.error("an InputLayer is not called on tensors", node)
        if isinstance(function, Method):
            return self.call_method(function, args, kwargs, node)
        if isinstance(function, Function):
            return self.call_function(function, args, kwargs, node)
        if isinstance(function, Builtin):
            return self.call_builtin(function.name, args, kwargs, node)
        if isinstance(function, UserClass):
            return self.unknown(node, f"an instance of {function.name}, a class defined at line "
                                      f"{function.line} whose code convcalc never runs")
        if isinstance(function, Unknown):
            written = self.text_of(node.func)
            if _find((args, kwargs), (Tensor,)) is not None:
                return self.unknown(node, f"{written}(...) on tensors is not a Keras layer "
                                          "(a TensorFlow or keras.ops operation)")
            return Unknown(self.text_of(node), node.lineno, f"the result of {written}(...), never run")
        return self.unknown(node, "a call convcalc does not follow")

    def call_keras(self, thing, args, kwargs, node):
        kind = thing.kind
        if kind == "layer":
            return self.make_layer(thing, args, kwargs, node)
        if kind == "input":
            return self.make_input(args, kwargs, node).tensor
        if kind == "sequential":
            return self.make_sequential(args, kwargs, node)
        if kind == "model":
            return self.make_functional(args, kwargs, node)
        if kind in ("initializers", "regularizers", "constraints"):
            return self.make_object(thing, args, kwargs, node)
        if kind == "clear_session":  # a fresh session: the auto-names start again (dense, ...)
            self.names = Names(self.names.naming)
            return None
        if kind == "setting" and not args and not kwargs:
            return KERAS_SETTINGS[thing.name]  # the default of a fresh Keras
        if kind == "merge":
            class_name, positional = MERGE_FUNCTIONS[thing.name]
            if not args:
                raise self.error(f"{thing.path} takes the list of tensors to merge", node)
            layer_args = self.bind(thing.path, positional, list(args[1:]), {}, node)
            layer = self.make_layer(KerasThing("layer", class_name, f"keras.layers.{class_name}"), [],
                                    {**layer_args, **kwargs}, node)
            return self.call_layer(layer, [args[0]], {}, node)
        if kind == "activation":
            if _find((args, kwargs), (Tensor,)) is not None:
                return self.unknown(node, f"{thing.path}(...) on a tensor is an operation, not a layer "
                                          f"(write layers.Activation('{thing.name}'))")
            return self.unknown(node, "an activation function's result")
        if kind == "application":
            return self.make_application(thing, args, kwargs, node)
        if kind == "load_model":
            return self.unknown(node, f"{thing.path} reads a saved model, which convcalc does not follow here "
                                      "(summarize the .keras or .json file itself)")
        raise self.error(f"{thing.path} is not followed", node)

    def bind(self, what, names, args, kwargs, node):
        if len(args) > len(names):
            raise self.error(f"{what} takes at most {len(names)} positional arguments; got {len(args)}", node)
        bound = dict(zip(names, args))
        for key, value in kwargs.items():
            if key not in names:
                raise self.error(f"{what} has no keyword '{key}'.{did_you_mean(key, names)}", node,
                                 hint=f"{what} takes: {', '.join(names)}")
            if key in bound:
                raise self.error(f"{what} got '{key}' twice", node)
            bound[key] = value
        return bound

    def make_layer(self, thing, args, kwargs, node):
        class_name = canonical_class_name(thing.name)
        if class_name == "InputLayer":
            return self.make_input_layer(args, kwargs, node)
        refusal = REFUSED.get(class_name)
        if refusal is not None:
            raise self.error(refusal.message(class_name), node, hint=refusal.hint())
        name = kwargs.get("name")
        if name is not None and not isinstance(name, str):
            raise self.error(f"{thing.name}'s name must be a string; got {self.shown(name)}", node)
        layer = Layer(thing.name, class_name, list(args), dict(kwargs), node.lineno, self.next_seq())
        if layer.name is None:
            layer.auto_name = self.names.auto(class_name)
        return layer

    def input_shape_of(self, bound, node, what):
        """(shape without the batch axis, batch size) of Input/InputLayer arguments."""
        shape, batch = bound.get("shape"), bound.get("batch_size")
        for key in ("batch_shape", "batch_input_shape"):
            if bound.get(key) is not None:
                full = bound[key]
                if isinstance(full, (list, tuple)) and full:
                    shape, batch = tuple(full[1:]), full[0]
                else:
                    shape = full
        if shape is None and bound.get("input_shape") is not None:
            shape = bound["input_shape"]
        if isinstance(shape, int) and not isinstance(shape, bool):  # Keras: "Cannot convert '784' to a shape."
            key = next(k for k in ("batch_shape", "batch_input_shape", "shape", "input_shape") if bound.get(k) is not None)
            raise self.error(f"{what}'s {key}={shape} is an int, not a shape; Keras refuses it "
                             f"(\"Cannot convert '{shape}' to a shape.\"): write {key}=({shape},)", node)
        return shape, batch

    def make_input(self, args, kwargs, node):
        bound = self.bind("Input", INPUT_ARGUMENTS, args, kwargs, node)
        if bound.get("tensor") is not None:
            raise self.error("Input(tensor=...) wraps an existing tensor, which convcalc does not follow", node)
        return self.new_input(bound, node)

    def make_input_layer(self, args, kwargs, node):
        names = tuple(keras_classes()["InputLayer"]["keywords"]) + ("batch_input_shape",)
        positional = tuple(keras_classes()["InputLayer"]["positional"])
        bound = self.bind("InputLayer", names, [], {**dict(zip(positional, args)), **kwargs}, node)
        return self.new_input(bound, node)

    def new_input(self, bound, node):
        shape, batch = self.input_shape_of(bound, node, "Input")
        name = bound.get("name")
        if name is not None and not isinstance(name, str):
            raise self.error(f"an input's name must be a string; got {self.shown(name)}", node)
        layer = InputLayer(shape, batch, name, node.lineno, self.next_seq())
        if name is None:
            layer.auto_name = self.names.auto("InputLayer")
        return layer

    def make_sequential(self, args, kwargs, node):
        bound = self.bind("Sequential", SEQUENTIAL_ARGUMENTS, args, kwargs, node)
        model = self.new_model("sequential", bound, node)
        items = bound.get("layers")
        if items is not None:
            if not isinstance(items, (list, tuple)):
                raise self.error(f"Sequential takes a list of layers; got {self.shown(items)}", node)
            for item in items:
                self.sequential_add(model, item, node, rebuild=False)
            self.maybe_rebuild(model)
        return model

    def new_model(self, kind, bound, node):
        model = Model(kind, node.lineno, self.next_seq())
        name = bound.get("name")
        if name is not None and not isinstance(name, str):
            raise self.error(f"a model's name must be a string; got {self.shown(name)}", node)
        trainable = bound.get("trainable", True)
        if not isinstance(trainable, bool):
            raise self.error(f"a model's trainable must be True or False; got {self.shown(trainable)}", node)
        model.name, model.trainable = name, trainable
        if name is None:
            model.auto_name = self.names.auto("Sequential" if kind == "sequential" else "Functional")
        self.models.append(model)
        return model

    def sequential_add(self, model, item, node, rebuild=True):
        """Sequential.add, with the names Keras creates on the way (its InputLayer, and the
        Functional each rebuild makes)."""
        if isinstance(item, Tensor) and item.input_layer is not None:
            item = item.input_layer
        if not model.items and isinstance(item, Layer) and self.input_shape_arg(item) is not None:
            if self.naming.sequential_input_numbered:  # Keras 3: InputLayer(shape=...) now
                self.names.auto("InputLayer")
        if isinstance(item, InputLayer) and model.items:
            raise self.error("an Input can only be the first entry of a Sequential model", node)
        if isinstance(item, Model) and item is model:
            raise self.error("a model cannot hold itself", node)
        if any(v is item for v, _ in model.items) and not isinstance(item, Unknown):
            raise self.error(f"'{item.display_name}' is added to the Sequential model twice; "
                             "Keras requires unique layer names", node)
        model.items.append((item, node.lineno))
        if rebuild:
            self.maybe_rebuild(model)

    def input_shape_arg(self, layer):
        if layer.kwargs.get("input_dim") is not None:
            return (layer.kwargs["input_dim"],)
        return layer.kwargs.get("input_shape")

    def maybe_rebuild(self, model):
        """Keras's Sequential._maybe_rebuild: with an InputLayer first (given, made from the
        first layer's input_shape, or by build()) and another layer, it builds: a new
        Functional (named) inside, and a nested Sequential not built yet builds too."""
        if not model.items:
            return
        first = model.items[0][0]
        implicit = model.built_input is not None or (
            isinstance(first, Layer) and self.input_shape_arg(first) is not None)
        if self.has_input_shape(first) and len(model.items) > 1 and not model.input_made:
            model.input_made = True  # Keras: hasattr(first, "input_shape"); build() puts an InputLayer first
            if self.naming.sequential_input_numbered:
                self.names.auto("InputLayer")
        implicit = implicit or model.input_made
        if (isinstance(first, InputLayer) or implicit) and len(model.items) + implicit > 1:
            for item, _ in model.items:
                if isinstance(item, Model) and item.kind == "sequential":
                    self.build_when_called(item)
            if self.naming.sequential_makes_functional:
                self.names.auto("Functional")

    def make_functional(self, args, kwargs, node):
        if "input" in kwargs or "output" in kwargs:
            raise self.error("Model(input=..., output=...) is Keras 1's spelling; Keras takes inputs= and outputs=",
                             node, hint="write Model(inputs=my_input, outputs=my_output)")
        bound = self.bind("Model", MODEL_ARGUMENTS, args, kwargs, node)
        if "inputs" not in bound or "outputs" not in bound:
            raise self.error(
                "Model() without inputs and outputs is a subclassed model, whose layers are Python code",
                node, hint="build a functional model: Model(inputs, outputs)",
            )
        model = self.new_model("functional", bound, node)
        model.inputs, model.outputs = bound["inputs"], bound["outputs"]
        return model

    def make_application(self, thing, args, kwargs, node):
        """keras.applications.VGG16(...): a Functional model of its own, held as its class and
        arguments. Its builder is traced at once (nothing of Keras runs), because Keras names
        what it makes as it is constructed: its Input (input_layer_N) and any unnamed layer."""
        from convcalc import applications

        if thing.name not in applications.APPLICATIONS:
            known = list(applications.APPLICATIONS)
            return self.unknown(node, f"{thing.path}, a keras.applications model convcalc does not read "
                                      f"(it reads {', '.join(known)}){did_you_mean(thing.name, known)}")
        parameters = list(inspect.signature(applications.APPLICATIONS[thing.name]).parameters)
        given = {**dict(zip(parameters, args)), **kwargs}
        if given.get("input_tensor") is not None:
            raise self.error(
                f"{thing.name}(input_tensor=...) builds the application on an existing tensor, which "
                "convcalc does not hold", node,
                hint=f"call the application on it instead: base = {thing.name}(include_top=False, "
                     "input_shape=...); x = base(tensor)")
        weights = given.get("weights")
        if isinstance(weights, str) and weights != "imagenet":
            raise self.error(
                f"{thing.name}(weights={weights!r}) loads a weights file, which convcalc does not read", node,
                hint="write weights=None (or 'imagenet'): the figures are the architecture's, the same for any weights")
        if "trainable" in kwargs:  # a spec's `trainable:`; Keras's builders take no such argument
            raise self.error(f"{thing.name}() has no argument 'trainable'", node,
                             hint=f"freeze it after: base = {thing.name}(...); base.trainable = False")
        for key, value in [*zip(parameters, args), *kwargs.items()]:
            if isinstance(value, KerasThing) and value.kind == "activation":
                value = value.name
            if not _plain(value):
                raise self.error(f"{thing.name}'s argument '{key}' is {self.shown(value)}, which convcalc does "
                                 "not compute", node, hint="write the value itself: convcalc never runs code")
        plain = (lambda v: v.name if isinstance(v, KerasThing) else _spec_value_plain(v))
        call = LayerCall(thing.name, [plain(v) for v in args], {k: plain(v) for k, v in kwargs.items()},
                         line=node.lineno)
        try:
            built, _ = applications.build(call.class_name, call.args, call.kwargs)
        except SpecError as error:
            raise error.located(file=self.source, line=node.lineno) from None
        model = Model("application", node.lineno, self.next_seq())
        model.application, model.built, model.name = call, built, built.name
        model.auto_names = {key: self.names.auto(class_name) for key, class_name in _auto_named(built)}
        self.models.append(model)
        return model

    def make_object(self, thing, args, kwargs, node):
        kind = thing.kind
        class_name = OBJECT_FUNCTIONS.get(thing.name, thing.name) if kind == "regularizers" else thing.name
        names = OBJECT_POSITIONAL.get(class_name, ())
        if len(args) > len(names):
            raise self.error(f"give {thing.path}'s arguments as keywords", node)
        config = {**dict(zip(names, args)), **kwargs}
        for key, value in config.items():
            if not _plain(value):
                raise self.error(f"{thing.path}'s argument '{key}' is {self.shown(value)}, "
                                 "which convcalc does not compute", node)
        return KerasObject(class_name, _spec_value_plain(config))

    def tensor_arguments(self, layer_label, args, kwargs, node, class_name):
        """A layer call's inputs: one tensor, a list, or a mapping of named tensors."""
        named = {}
        for key, value in kwargs.items():
            if _find(value, (Tensor,)) is not None:
                named[key] = value
            elif key in IGNORED_CALL_KWARGS or value is None:
                continue
            else:
                raise self.error(
                    f"{layer_label} is called with {key}={self.shown(value)}, a call argument "
                    "convcalc does not follow", node)
        if not args and not named:
            raise self.error(f"{layer_label} is called on nothing", node)
        if len(args) == 1 and not named:
            return args[0]
        if args and len(args) > 1 or named:
            from convcalc.layers import RULES

            rule = RULES.get(class_name or "")
            names = getattr(rule, "CALL_TENSORS", None)
            if rule is None or getattr(rule, "input_kind", None) != "mapping" or not names:
                raise self.error(f"{layer_label} is called with several tensor arguments, "
                                 "which convcalc cannot name for it", node)
            for key, value in zip(names, args):
                if key in named:
                    raise self.error(f"{layer_label} gets '{key}' twice", node)
                named[key] = value
            return named
        return args[0]

    def call_layer(self, layer, args, kwargs, node):
        inputs = self.tensor_arguments(f"'{layer.display_name}' ({layer.written})", args, kwargs, node,
                                       layer.class_name)
        call = Node(layer, inputs, node.lineno, self.next_seq())
        layer.nodes.append(call)
        return Tensor(call, None)

    def call_model(self, model, args, kwargs, node):
        inputs = self.tensor_arguments(f"the model '{model.display_name}'", args, kwargs, node, None)
        if model.kind == "sequential":
            self.build_when_called(model)
        call = Node(model, inputs, node.lineno, self.next_seq())
        model.nodes.append(call)
        return Tensor(call, None)

    def build_when_called(self, model):
        """A Sequential model without an input builds when first called: Keras 3 makes
        its InputLayer and a Functional then (both named)."""
        if model.built_by_call or self.sequential_has_input(model):
            return
        model.built_by_call = True
        if self.naming.sequential_makes_functional:
            self.names.auto("InputLayer")
            self.names.auto("Functional")

    def sequential_has_input(self, model):
        if model.built_input is not None or not model.items:
            return model.built_input is not None
        first = model.items[0][0]
        return (isinstance(first, InputLayer) or (isinstance(first, Layer) and self.input_shape_arg(first) is not None)
                or self.has_input_shape(first))

    def has_input_shape(self, item):
        """Whether a model has an input shape of its own (Keras's `input_shape` property):
        a functional model or an application, or a Sequential that has one."""
        return isinstance(item, Model) and (item.kind != "sequential" or self.sequential_has_input(item))

    def call_method(self, method, args, kwargs, node):
        owner, name = method.owner, method.name
        if isinstance(owner, Model):
            return self.model_method(owner, name, args, kwargs, node)
        if isinstance(owner, Layer):
            return self.unknown(node, f"the layer method .{name}(), never run")
        if isinstance(owner, list):
            return self.list_method(owner, name, args, kwargs, node)
        if isinstance(owner, dict):
            return self.dict_method(owner, name, args, kwargs, node)
        if isinstance(owner, str):
            return self.str_method(owner, name, args, kwargs, node)
        return self.unknown(node, "a method convcalc does not follow")

    def model_method(self, model, name, args, kwargs, node):
        if name == "add" and model.kind == "sequential":
            if len(args) != 1 or kwargs:
                raise self.error("model.add takes one layer", node)
            self.sequential_add(model, args[0], node)
            return None
        if name == "pop" and model.kind == "sequential":
            if not model.items:
                raise self.error("model.pop() on a model with no layers", node)
            value, _ = model.items.pop()
            if model.items:
                self.maybe_rebuild(model)
            return value
        if name == "build" and model.kind == "sequential":
            bound = self.bind("build", ("input_shape",), args, kwargs, node)
            shape = bound.get("input_shape")
            if not isinstance(shape, (list, tuple)) or not shape:
                raise self.error(f"model.build takes a shape with its batch axis; got {self.shown(shape)}", node)
            if not self.sequential_has_input(model):
                layer = InputLayer(tuple(shape[1:]), shape[0], None, node.lineno, self.next_seq())
                if self.naming.sequential_input_numbered:
                    layer.auto_name = self.names.auto("InputLayer")
                model.built_input = layer
                if self.naming.sequential_makes_functional:
                    self.names.auto("Functional")
            return None
        if name == "get_layer" and model.kind == "application":
            return self.application_inside(model, ".get_layer()", node)
        if name == "get_layer":
            bound = self.bind("get_layer", ("name", "index"), args, kwargs, node)
            layers = self.model_layers(model, node)
            if bound.get("index") is not None:
                return layers[bound["index"]]
            for layer in layers:
                if getattr(layer, "display_name", None) == bound.get("name"):
                    return layer
            raise self.error(f"the model has no layer named {self.shown(bound.get('name'))}", node)
        if name in MODEL_METHODS or name in ("add", "pop", "build"):
            return self.unknown(node, f"model.{name}(), never run")
        return self.unknown(node, f"the model method .{name}(), never run")

    def list_method(self, owner, name, args, kwargs, node):
        if kwargs:
            return self.unknown(node, "a list method convcalc does not follow")
        if name == "append" and len(args) == 1:
            owner.append(args[0])
        elif name == "extend" and len(args) == 1:
            owner.extend(self.iterate(args[0], node))
        elif name == "insert" and len(args) == 2 and isinstance(args[0], int):
            owner.insert(args[0], args[1])
        elif name == "pop" and len(args) <= 1:
            try:
                return owner.pop(*args)
            except (IndexError, TypeError) as error:
                raise self.error(f"{self.text_of(node)}: {error}", node) from None
        elif name == "copy" and not args:
            return list(owner)
        elif name == "reverse" and not args:
            owner.reverse()
        elif name in ("index", "count") and len(args) == 1 and _plain(owner):
            try:
                return getattr(owner, name)(args[0])
            except ValueError as error:
                raise self.error(f"{self.text_of(node)}: {error}", node) from None
        else:
            return self.unknown(node, "a list method convcalc does not follow")
        self.check_size(owner, node)
        return None

    def dict_method(self, owner, name, args, kwargs, node):
        if name == "get" and 1 <= len(args) <= 2 and not kwargs:
            return owner.get(*args) if _plain(args[0]) and not isinstance(args[0], (list, dict, set)) else None
        if name in ("keys", "values", "items") and not args and not kwargs:
            return [tuple(i) if name == "items" else i for i in getattr(owner, name)()]
        if name == "copy" and not args and not kwargs:
            return dict(owner)
        if name == "update" and len(args) <= 1:
            if args and not isinstance(args[0], dict):
                return self.unknown(node, "a dict update convcalc does not follow")
            owner.update(*args, **kwargs)
            return None
        if name == "pop" and 1 <= len(args) <= 2 and not kwargs:
            return owner.pop(*args) if len(args) == 2 or args[0] in owner else None
        return self.unknown(node, "a dict method convcalc does not follow")

    def str_method(self, owner, name, args, kwargs, node):
        if not (_plain(args) and _plain(kwargs)):
            return self.unknown(node, "a string method on values convcalc does not compute")
        if name == "format":
            self.check_format(owner, node)
        allowed = ("format", "join", "upper", "lower", "replace", "strip", "lstrip", "rstrip", "title",
                   "capitalize", "split", "startswith", "endswith")
        if name not in allowed:
            return self.unknown(node, "a string method convcalc does not follow")
        if name == "replace" and len(args) >= 2 and isinstance(args[1], str) and len(args[1]) > 1:
            if len(owner) * len(args[1]) > MAX_ITEMS:
                raise self.error("a string this long is not followed", node)
        try:
            result = getattr(owner, name)(*args, **kwargs)
        except (ValueError, TypeError, IndexError, KeyError) as error:
            raise self.error(f"{self.text_of(node)}: {error}", node) from None
        self.check_size(result, node)
        return result

    def call_function(self, function, args, kwargs, node):
        if self.depth >= MAX_DEPTH:
            raise self.error(f"functions call each other more than {MAX_DEPTH} deep", node)
        definition = function.node
        spec = definition.args
        scope = Scope(function.scope)
        positional = [a.arg for a in spec.posonlyargs + spec.args]
        defaults = dict(zip(positional[len(positional) - len(function.defaults):], function.defaults))
        bound = {}
        if len(args) > len(positional) and spec.vararg is None:
            raise self.error(f"{definition.name}() takes {len(positional)} positional arguments; got {len(args)}", node)
        bound.update(zip(positional, args))
        if spec.vararg is not None:
            bound[spec.vararg.arg] = tuple(args[len(positional):])
        extra = {}
        keyword_names = positional + [a.arg for a in spec.kwonlyargs]
        for key, value in kwargs.items():
            if key in bound and key in positional[:len(args)]:
                raise self.error(f"{definition.name}() got '{key}' twice", node)
            if key in keyword_names:
                bound[key] = value
            elif spec.kwarg is not None:
                extra[key] = value
            else:
                raise self.error(f"{definition.name}() has no argument '{key}'", node)
        for name in positional:
            if name not in bound:
                if name not in defaults:
                    raise self.error(f"{definition.name}() needs the argument '{name}'", node)
                bound[name] = defaults[name]
        for argument, default in zip(spec.kwonlyargs, function.kw_defaults):
            if argument.arg not in bound:
                if default is None and argument.arg not in kwargs:
                    raise self.error(f"{definition.name}() needs the argument '{argument.arg}'", node)
                bound[argument.arg] = default
        if spec.kwarg is not None:
            bound[spec.kwarg.arg] = extra
        scope.vars.update(bound)
        self.depth += 1
        try:
            self.block(definition.body, scope)
        except _Return as result:
            return result.value
        except (_Break, _Continue):
            raise self.error("`break` or `continue` outside a loop", node) from None
        finally:
            self.depth -= 1
        return None

    def call_builtin(self, name, args, kwargs, node):
        if name == "print":
            return None  # never printed: nothing is run
        if not (_plain(args) and _plain(kwargs)):
            if name in ("len", "list", "tuple", "enumerate", "zip", "reversed") and not kwargs:
                return self.builtin_on_objects(name, args, node)
            return self.unknown(node, f"{name}() of values convcalc does not compute")
        try:
            if name == "range":
                result = range(*args)
                if len(result) > MAX_ITEMS:
                    raise self.error(f"a range of more than {MAX_ITEMS:,} items is not followed", node)
                return result
            if name in ("int", "float", "str", "bool", "abs", "round", "len", "min", "max", "sum"):
                if name == "str" and args and isinstance(args[0], int) and args[0].bit_length() > 256:
                    raise self.error("a number this large is not a layer argument", node)
                return {"int": int, "float": float, "str": str, "bool": bool, "abs": abs, "round": round,
                        "len": len, "min": min, "max": max, "sum": sum}[name](*args, **kwargs)
            if name in ("tuple", "list", "set"):
                items = self.iterate(args[0], node) if args else []
                return {"tuple": tuple, "list": list, "set": set}[name](items)
            if name == "dict":
                return dict(*args, **kwargs)
            if name in ("enumerate", "zip", "reversed", "sorted"):
                lists = [self.iterate(a, node) if not isinstance(a, int) else a for a in args]
                return list({"enumerate": enumerate, "zip": zip, "reversed": reversed,
                             "sorted": sorted}[name](*lists, **kwargs))
        except SpecError:
            raise
        except (TypeError, ValueError, ArithmeticError, OverflowError) as error:
            raise self.error(f"{self.text_of(node)}: {type(error).__name__}: {error}", node) from None
        return self.unknown(node, f"{name}() is not followed")

    def builtin_on_objects(self, name, args, node):
        """len(model.layers), list(layers), zip(names, layers), ... on containers."""
        if name == "len" and len(args) == 1 and isinstance(args[0], (list, tuple, dict)):
            return len(args[0])
        if name in ("list", "tuple") and len(args) == 1:
            items = self.iterate(args[0], node)
            return items if name == "list" else tuple(items)
        if name in ("enumerate", "zip", "reversed"):
            lists = [self.iterate(a, node) for a in args]
            return list({"enumerate": enumerate, "zip": zip, "reversed": reversed}[name](*lists))
        return self.unknown(node, f"{name}() of values convcalc does not compute")


def _load(target):
    """The load form of an assignment target (for `x += 1`)."""
    copy = ast.fix_missing_locations(ast.parse(ast.unparse(target), mode="eval").body)
    return ast.copy_location(copy, target) if hasattr(target, "lineno") else copy


def _flatten(structure):
    """Tensors of a structure in Keras's order (tree.flatten: a dict's values by sorted key)."""
    if isinstance(structure, dict):
        return [t for key in sorted(structure, key=str) for t in _flatten(structure[key])]
    if isinstance(structure, (list, tuple)):
        return [t for item in structure for t in _flatten(item)]
    return [structure]


def _relevant_nodes(model):
    """The calls a functional model's outputs come from (back to tensors that are not calls)."""
    seen, stack = {}, list(_flatten(model.outputs))
    while stack:
        tensor = stack.pop()
        if not isinstance(tensor, Tensor):
            continue
        if tensor.input_layer is not None or tensor.node is None or id(tensor.node) in seen:
            continue
        seen[id(tensor.node)] = tensor.node
        stack.extend(_flatten(tensor.node.inputs))
    return list(seen.values())


def _auto_named(graph):
    """(key, class name) of each thing constructing a graph's model names by itself, in
    order: its unnamed inputs, its unnamed layers (a nested model's own first), itself
    if unnamed. Keys as the engine's name plan keys them: (id(graph), input index),
    id(LayerCall), id(ModelGraph)."""
    for index, model_input in enumerate(graph.inputs):
        if model_input.name is None:
            yield (id(graph), index), "InputLayer"
    for call in graph.layers:
        if call.use is not None:
            continue
        if call.class_name in ("Sequential", "Functional"):
            yield from _auto_named(call.kwargs["model"])
        elif not isinstance(call.kwargs.get("name"), str):
            yield id(call), canonical_class_name(call.class_name) or call.class_name
    if graph.name is None:
        yield id(graph), graph.api.capitalize()


def _spec_form(graph):
    """A graph convcalc.applications built, as a spec holds it, once everything in it has
    a name: references by name (not Output, by identity), lists for tuples."""
    def name(ref):
        if isinstance(ref, dict):
            return {key: name(r) for key, r in ref.items()}
        if isinstance(ref, list):
            return [name(r) for r in ref]
        if not isinstance(ref, Output):
            return ref
        if isinstance(ref.source, ModelInput):
            return ref.source.name
        layer = ref.source.kwargs["name"]
        return layer if ref.index is None else f"{layer}[{ref.index}]"

    for call in graph.layers:
        call.inputs = name(call.inputs)
        if call.class_name in ("Sequential", "Functional") and call.use is None:
            _spec_form(call.kwargs["model"])
        elif call.use is None:
            call.args, call.kwargs = _spec_value_plain(call.args), _spec_value_plain(call.kwargs)
    if graph.outputs is not None:
        graph.outputs = name(graph.outputs)


def _spec_value_plain(value):
    """Plain data as a spec holds it: tuples become lists."""
    if isinstance(value, (list, tuple)):
        return [_spec_value_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _spec_value_plain(v) for k, v in value.items()}
    if isinstance(value, range):
        return list(value)
    return value


# -- from the interpreter's objects to a ModelGraph --------------------------------------
class GraphBuilder:
    """The ModelGraph of a model object. `explicit`: name every layer, input and model as
    the code's run names them; else leave auto-names out (the engine gives them)."""

    def __init__(self, source, explicit):
        self.source = source
        self.explicit = explicit
        self.expected = []  # (kind, object id, index, name): the names the run gives
        self.applications = []  # (LayerCall, application Model): built for the name check
        self.built_graphs = []  # the applications' graphs (copies)
        self.insides = []  # (LayerCall, ModelInput or ModelGraph in them, the name the run gives it)

    def error(self, what, line=None, hint=None):
        return SpecError(what, hint=hint, file=self.source, line=line)

    def name_of(self, obj):
        return obj.name if obj.name is not None else (obj.auto_name if self.explicit else None)

    def graph(self, model):
        build = {"sequential": self.sequential, "application": self.application}.get(model.kind, self.functional)
        graph = build(model)
        graph.name = self.name_of(model)
        graph.source = self.source
        self.expected.append(("model", id(graph), 0, model.display_name))
        return graph

    def sequential(self, model):
        items = list(model.items)
        if not items:
            raise self.error(f"the Sequential model '{model.display_name}' has no layers", model.line)
        inputs, batch_size, input_layer = [], None, None
        if isinstance(items[0][0], InputLayer):
            input_layer = items.pop(0)[0]
        elif model.built_input is not None:
            input_layer = model.built_input
        if input_layer is not None:
            inputs, batch_size = [self.model_input(input_layer)], self.batch_size(input_layer)
        if not items:
            raise self.error(f"the Sequential model '{model.display_name}' has only an input, no layers", model.line)
        calls = []
        for position, (item, line) in enumerate(items, 1):
            calls.append(self.first_call(item, position, line, None))
        graph = ModelGraph(calls, "sequential", inputs=inputs, batch_size=batch_size)
        if input_layer is not None and input_layer.display_name is not None:
            self.expected.append(("input", id(graph), 0, input_layer.display_name))
        return graph

    def application(self, model):
        """The graph an application's builder makes (a copy); the names the run gives what
        it made by itself are expected, and set by name_insides."""
        memo = {}
        graph = copy.deepcopy(model.built, memo)
        for key, name in model.auto_names.items():
            if isinstance(key, tuple):  # an input: (id(graph), index)
                owner = memo[key[0]]
                self.expected.append(("input", id(owner), key[1], name))
                self.insides.append((owner.inputs[key[1]], name))
            else:
                target = memo[key]
                self.expected.append(("model" if isinstance(target, ModelGraph) else "layer", id(target), 0, name))
                self.insides.append((target, name))
        self.built_graphs.append(graph)
        return graph

    def name_insides(self, graph):
        """The graph with what the applications made named as the run names it, and
        referred to by name (a spec's references): for when the engine, naming in graph
        order, would name it otherwise (an application used as a layer stays the
        Functional model it builds)."""
        for target, name in self.insides:
            if isinstance(target, LayerCall):
                target.kwargs["name"] = name
            else:  # a ModelInput or a ModelGraph
                target.name = name
        for built in self.built_graphs:
            _spec_form(built)
        return graph

    def as_written(self, graph):
        """The graph with each application used as a layer put back as the code wrote it:
        LayerCall(VGG16, its arguments, trainable), a spec's `- VGG16: {...}` entry (the
        engine builds it again). Until then it is the Functional model it builds, so that
        the name check sees its inside."""
        for call, model in self.applications:
            written = model.application
            call.class_name, call.args = written.class_name, list(written.args)
            call.kwargs = {**written.kwargs, **({} if model.trainable else {"trainable": False})}
        return graph

    def model_input(self, layer):
        shape = layer.shape
        if isinstance(shape, Unknown) or not _plain(shape) or not isinstance(shape, (list, tuple)):
            what = shape.describe() if isinstance(shape, Unknown) else shown(shape)
            raise self.error(
                f"the input's shape is {what}, which convcalc does not compute",
                layer.line, hint="write the shape itself, e.g. Input(shape=(28, 28, 1))",
            )
        try:
            from convcalc.layers import arguments

            shape = arguments.shape(_spec_value_plain(shape), "the input's shape")
        except SpecError as error:
            raise error.located(file=self.source, line=layer.line) from None
        return ModelInput(self.name_of(layer), shape, layer.line)

    def batch_size(self, layer):
        batch = layer.batch_size
        if batch is not None and not (isinstance(batch, int) and not isinstance(batch, bool) and batch > 0):
            raise self.error(f"the input's batch size must be a positive integer; got {shown(batch)}", layer.line)
        return batch

    def functional(self, model):
        inputs = _flatten(model.inputs)
        model_inputs, batch_sizes, input_ids = [], set(), set()
        for tensor in inputs:
            if not (isinstance(tensor, Tensor) and tensor.input_layer is not None):
                what = tensor.describe() if isinstance(tensor, Unknown) else self.describe(tensor)
                raise self.error(f"the model's inputs must be Input() tensors; one is {what}", model.line)
            model_inputs.append(self.model_input(tensor.input_layer))
            batch_sizes.add(self.batch_size(tensor.input_layer))
            input_ids.add(id(tensor.input_layer))
        if len(batch_sizes) > 1:
            raise self.error("the inputs have different batch sizes", model.line,
                             hint="convcalc models one batch size per model")
        outputs = _flatten(model.outputs)
        nodes = self.walk(model, outputs, input_ids)
        counts, index_of, calls = {}, {}, []
        for node in sorted(nodes, key=lambda n: n.seq):
            layer = node.layer
            refs = self.references(node.inputs, counts, index_of, node.line)
            if id(layer) in counts:
                call = LayerCall(None, inputs=refs, position=len(calls) + 1, line=node.line,
                                 use=layer.display_name)
            else:
                call = self.first_call(layer, len(calls) + 1, node.line, refs)
            index_of[id(node)] = counts.get(id(layer), 0)
            counts[id(layer)] = counts.get(id(layer), 0) + 1
            calls.append(call)
        output_refs = [self.reference(t, counts, index_of, model.line) for t in outputs]
        graph = ModelGraph(calls, "functional", inputs=model_inputs, outputs=output_refs,
                           batch_size=batch_sizes.pop() if batch_sizes else None)
        for index, tensor in enumerate(inputs):
            self.expected.append(("input", id(graph), index, tensor.input_layer.display_name))
        return graph

    def describe(self, value):
        if isinstance(value, Tensor):
            return "a layer's output, not an Input()"
        if isinstance(value, (Layer, Model)):
            return f"the layer '{value.display_name}' itself (not a tensor: call it on one)"
        return shown(value)

    def walk(self, model, outputs, input_ids):
        seen, stack = {}, list(outputs)
        while stack:
            tensor = stack.pop()
            if isinstance(tensor, Unknown):
                raise self.error(f"the model depends on {tensor.describe()}, which convcalc does not follow",
                                 tensor.line)
            if not isinstance(tensor, Tensor):
                raise self.error(f"a layer is applied to {self.describe(tensor)}", model.line)
            if tensor.input_layer is not None:
                if id(tensor.input_layer) not in input_ids:
                    raise self.error(
                        f"the model's outputs depend on the input '{tensor.input_layer.display_name}' "
                        f"(line {tensor.input_layer.line}), which is not among its inputs", model.line)
                continue
            if id(tensor.node) in seen:
                continue
            seen[id(tensor.node)] = tensor.node
            for item in _flatten(tensor.node.inputs):
                if isinstance(item, Unknown):
                    raise self.error(
                        f"'{tensor.node.layer.display_name}' is applied to {item.describe()}, "
                        "which convcalc does not follow", tensor.node.line)
                if not isinstance(item, Tensor):
                    raise self.error(f"'{tensor.node.layer.display_name}' is applied to {self.describe(item)}",
                                     tensor.node.line)
                stack.append(item)
        return list(seen.values())

    def references(self, inputs, counts, index_of, line):
        if isinstance(inputs, dict):
            return {key: self.reference(t, counts, index_of, line) for key, t in inputs.items()}
        if isinstance(inputs, (list, tuple)):
            return [self.reference(t, counts, index_of, line) for t in inputs]
        return self.reference(inputs, counts, index_of, line)

    def reference(self, tensor, counts, index_of, line):
        if not isinstance(tensor, Tensor):
            raise self.error(f"a layer is applied to {self.describe(tensor)}", line)
        if tensor.input_layer is not None:
            return tensor.input_layer.display_name
        layer = tensor.node.layer
        name = layer.display_name
        call = index_of[id(tensor.node)]
        if call == counts[id(layer)] - 1:
            return name if tensor.index is None else f"{name}[{tensor.index}]"
        return f"{name}[{call}][{tensor.index or 0}]"

    def first_call(self, item, position, line, inputs):
        if isinstance(item, Model):
            subgraph = self.graph(item)
            call = LayerCall("Sequential" if item.kind == "sequential" else "Functional",
                             kwargs={"model": subgraph, "trainable": item.trainable},
                             inputs=inputs, position=position, line=line)
            if item.kind == "application":
                self.applications.append((call, item))
            return call
        if isinstance(item, InputLayer):
            raise self.error("an Input can only be the first entry of a Sequential model", line)
        if not isinstance(item, Layer):
            what = item.describe() if isinstance(item, Unknown) else self.describe(item)
            raise self.error(f"a model holds {what}, which is not a Keras layer convcalc follows", line)
        call = self.layer_call(item)
        call.inputs, call.position = inputs, position
        return call

    def layer_call(self, layer):
        where = f"{layer.written}"
        args = [self.value(v, layer, f"{where}'s argument {i + 1}") for i, v in enumerate(layer.args)]
        kwargs = {k: self.value(v, layer, f"{where}'s argument '{k}'") for k, v in layer.kwargs.items()}
        if "name" not in kwargs and self.explicit:
            kwargs["name"] = layer.auto_name
        if layer.trainable is not None:
            kwargs["trainable"] = layer.trainable
        call = LayerCall(layer.written, args, kwargs, position=0, line=layer.line)
        self.expected.append(("layer", id(call), 0, layer.display_name))
        return call

    def value(self, value, layer, what):
        if isinstance(value, (list, tuple, dict)) and _walk(value) is None:
            raise self.error(f"{what} holds more than {MAX_ITEMS:,} values", layer.line)
        if isinstance(value, Unknown):
            raise self.error(
                f"{what} is {value.text}, which convcalc does not compute ({value.why}, line {value.line})",
                layer.line, hint="write the value itself: convcalc never runs code",
            )
        if isinstance(value, Layer):
            return self.layer_call(value)
        if isinstance(value, KerasObject):
            return {"class_name": value.class_name, "config": value.config}
        if isinstance(value, KerasThing) and value.kind == "activation":
            return value.name
        if isinstance(value, (list, tuple)):
            return [self.value(v, layer, what) for v in value]
        if isinstance(value, range):
            return list(value)
        if isinstance(value, dict):
            return {k: self.value(v, layer, what) for k, v in value.items()}
        if isinstance(value, (set, complex)) or not isinstance(value, PLAIN_SCALARS):
            raise self.error(f"{what} is {self.describe(value) if isinstance(value, (Tensor, Model)) else type(value).__name__}, "
                             "not a value a layer takes", layer.line)
        return value


# -- reading a file ----------------------------------------------------------------------
def _read_source(path, source):
    data = read_bytes(path, source, "Python file", MAX_FILE_BYTES)
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        text = data.decode(encoding)
    except (SyntaxError, LookupError, UnicodeDecodeError) as error:
        raise SpecError(f"cannot decode the file: {error}", hint="save it as UTF-8", file=source) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        tree = ast.parse(text, filename=source)
    except SyntaxError as error:
        column = f" (column {error.offset})" if error.offset else ""
        raise SpecError(f"invalid Python{column}: {error.msg}", file=source, line=error.lineno) from None
    except (ValueError, RecursionError, MemoryError) as error:
        raise SpecError(f"invalid Python: {error}", file=source) from None
    return text, tree


def interpret(path, naming=None):
    """Follow a file's statements; the interpreter holds the models it built."""
    source = str(path)
    text, tree = _read_source(path, source)
    interpreter = Interpreter(text, source, naming or KERAS3)
    interpreter.run(tree)
    return interpreter


def model_variables(interpreter):
    """(variable, model) of the module-level variables that hold a model, in the order
    the models were built."""
    found = [(name, v) for name, v in interpreter.module.vars.items() if isinstance(v, Model)]
    return sorted(found, key=lambda item: item[1].seq)


def choose_model(interpreter, model=None):
    """The variable name and model `--model` names, or else the last model built that is
    not used inside another one."""
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
    nested = set()
    for _, value in variables:
        for item in _all_models(value):
            if item is not value:
                nested.add(id(item))
    outer = [(n, v) for n, v in variables if id(v) not in nested and not v.nodes]
    return (outer or variables)[-1]


def _all_models(model, depth=0):
    """A model and every model it holds (as an entry or a call), depth-first."""
    found = [model]
    if depth > 50:
        return found
    if model.kind == "sequential":
        items = [v for v, _ in model.items]
    else:
        items = [n.layer for n in _relevant_nodes(model)]
    for item in items:
        if isinstance(item, Model):
            found += _all_models(item, depth + 1)
    return found


def read_code(path, model=None, naming=None) -> ModelGraph:
    """The graph of the model a .py file builds (see the module's docstring)."""
    naming = naming or KERAS3
    interpreter = interpret(path, naming)
    variable, chosen = choose_model(interpreter, model)
    source = interpreter.source
    naming_builder = GraphBuilder(source, explicit=True)
    named = naming_builder.graph(chosen)  # reports what it cannot read
    if not standalone(chosen, interpreter):
        raise SpecError(
            f"the model '{variable}' has no input shape of its own: Keras gives it one only when "
            "another model uses it",
            hint="summarize the model that uses it (--model), or start it with an Input(shape=...)",
            file=source, line=chosen.line,
        )
    builder = GraphBuilder(source, explicit=False)
    unnamed = builder.graph(chosen)
    if chosen.kind != "application" and _engine_names_agree(unnamed, builder.expected, naming):
        graph = builder.as_written(unnamed)
    elif chosen.kind != "application" and _engine_names_agree(named, naming_builder.expected, naming):
        graph = naming_builder.as_written(named)
    else:  # an application summarized itself, or one the engine would name otherwise inside
        graph = naming_builder.name_insides(named)
    if not chosen.trainable:  # model.trainable = False freezes every layer it holds
        for call in graph.layers:
            if call.use is None:
                call.kwargs["trainable"] = False
    return graph


def standalone(model, interpreter):
    """Whether a model has its input shape without another model: a functional model, an
    application, or a Sequential with an Input, a first layer's input_shape, a first model
    with an input shape, or build()."""
    return interpreter.has_input_shape(model)


def _engine_names_agree(graph, expected, naming):
    """Whether the engine, naming in graph order, names everything as the code's run does."""
    from convcalc.engine import analyze

    try:
        model = analyze(graph, naming)
    except SpecError:
        return False
    got = {}

    def collect(analyzed, graph):
        got[("model", id(graph), 0)] = analyzed.name
        if graph.api == "functional" or graph.inputs:
            for index, tensor in enumerate(analyzed.inputs):
                got[("input", id(graph), index)] = tensor.layer.name
        for layer in analyzed.layers:
            if layer.call is None:
                continue
            if layer.model is not None:
                collect(layer.model, layer.call.kwargs["model"])
            else:
                got[("layer", id(layer.call), 0)] = layer.name

    collect(model, graph)
    for kind, key, index, name in expected:
        if kind == "layer" and (kind, key, index) not in got:
            continue  # a layer given as another's argument: the engine names it inside
        if got.get((kind, key, index)) != name:
            return False
    return True
