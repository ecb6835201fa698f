"""The interpreter: follows a module's statements (never running them) with the values of
values.py; each family of constructs is a mixin of its own module."""

from __future__ import annotations

import ast

from convcalc.errors import SpecError
from convcalc.naming import Names
from convcalc.read.python.expressions import Expressions
from convcalc.read.python.keras_layers import KerasLayers
from convcalc.read.python.keras_models import KerasModels
from convcalc.read.python.plain_python import PlainPython
from convcalc.read.python.statements import Statements
from convcalc.read.python.values import (
    MAX_STEPS, Builtin, find, Function, InputValue, KerasThing, LayerValue, Method, ModelValue, Scope,
    TensorValue, Unknown, UserClass,
)


class Interpreter(Statements, Expressions, KerasLayers, KerasModels, PlainPython):
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
        self.pending_builds = {}  # id(layer) -> the Sequential models whose builds' calls are not made yet

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
        if isinstance(function, LayerValue):
            return self.call_layer(function, args, kwargs, node)
        if isinstance(function, ModelValue):
            return self.call_model(function, args, kwargs, node)
        if isinstance(function, InputValue):
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
            if find((args, kwargs), (TensorValue,)) is not None:
                return self.unknown(node, f"{written}(...) on tensors is not a Keras layer "
                                          "(a TensorFlow or keras.ops operation)")
            return Unknown(self.text_of(node), node.lineno, f"the result of {written}(...), never run")
        return self.unknown(node, "a call convcalc does not follow")


    def call_method(self, method, args, kwargs, node):
        owner, name = method.owner, method.name
        if isinstance(owner, ModelValue):
            return self.model_method(owner, name, args, kwargs, node)
        if isinstance(owner, LayerValue):
            return self.unknown(node, f"the layer method .{name}(), never run")
        if isinstance(owner, list):
            return self.list_method(owner, name, args, kwargs, node)
        if isinstance(owner, dict):
            return self.dict_method(owner, name, args, kwargs, node)
        if isinstance(owner, str):
            return self.str_method(owner, name, args, kwargs, node)
        return self.unknown(node, "a method convcalc does not follow")

