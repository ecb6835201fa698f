"""Statements: how the interpreter follows each kind (assignments, if, for, while, def,
class, import, ...); nothing is ever run."""

from __future__ import annotations

import ast
import re

from convcalc.errors import SpecError
from convcalc.read.python.values import (
    Break, Continue, Function, is_layer_module, LayerValue, ModelValue, Namespace, normalize, plain,
    Return, TensorValue, Unknown, UserObject,
)


def _load(target):
    """The load form of an assignment target (for `x += 1`)."""
    copy = ast.fix_missing_locations(ast.parse(ast.unparse(target), mode="eval").body)
    return ast.copy_location(copy, target) if hasattr(target, "lineno") else copy


# tf.keras 2's submodules of keras.layers, which Keras 3 does not have (its own are keras.src.layers...)
KERAS2_MODULE = (r"(tensorflow\.)?keras\.layers\.(core|merge|convolutional|recurrent|pooling|normalization"
                 r"|embeddings|advanced_activations|wrappers|noise|local|experimental)(\..*)?")


class Statements:
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
                self.assign_name(alias.asname, Namespace(normalize(alias.name)), scope)
            else:
                root = alias.name.split(".")[0]
                self.assign_name(root, Namespace(normalize(root)), scope)

    def stmt_ImportFrom(self, node, scope):
        if node.level:  # a relative import: the project's own modules
            for alias in node.names:
                if alias.name != "*":
                    self.assign_name(alias.asname or alias.name, Unknown(
                        f"{'.' * node.level}{node.module or ''}.{alias.name}", node.lineno,
                        "imported from the project's own code, which convcalc does not read"), scope)
            return
        if re.fullmatch(KERAS2_MODULE, node.module or ""):  # Keras 3 raises ModuleNotFoundError
            raise self.error(f"No module named '{node.module}' in Keras 3 (Keras raises ModuleNotFoundError): "
                             "its layers are in keras.layers itself", node,
                             hint="write from keras import layers (or from tensorflow.keras import layers)")
        module = Namespace(normalize(node.module))
        for alias in node.names:
            if alias.name == "*":
                if is_layer_module(module.path) or module.path == "keras":
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
        raise Break()

    def stmt_Continue(self, node, scope):
        raise Continue()

    def stmt_Return(self, node, scope):
        raise Return(None if node.value is None else self.eval(node.value, scope))

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
        except Break:
            return False
        except Continue:
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
        self.assign_name(node.name, self.define_class(node, scope), scope)

    # -- assignment ---------------------------------------------------------------------
    def assign_name(self, name, value, scope):
        if name in scope.globals:
            scope = scope.module()
        scope.vars[name] = value
        if scope is self.module:  # the order of module-level bindings: the model bound last is summarized
            self.bindings.append((name, value))

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
            if isinstance(owner, (list, dict)) and plain(key):
                try:
                    owner[key] = value
                except (IndexError, KeyError, TypeError) as error:
                    raise self.error(f"cannot assign to {self.text_of(target)}: {error}", target) from None
        elif isinstance(target, ast.Starred):
            raise self.error("a starred assignment target is not followed", target)

    def unpack(self, target, value, scope):
        starred = [i for i, e in enumerate(target.elts) if isinstance(e, ast.Starred)]
        if len(starred) > 1:
            raise self.error("multiple starred expressions in assignment", target)
        elements = [e.value if isinstance(e, ast.Starred) else e for e in target.elts]  # *rest: the name rest
        several = isinstance(value, TensorValue) and value.node is not None and value.index is None
        if several and not starred:
            items = [TensorValue(value.node, i) for i in range(len(elements))]  # out, h, c = lstm(x)
        elif isinstance(value, Unknown):
            items = [value] * len(elements)
        else:
            if several:  # out, *state = lstm(x): as many outputs as the call gives
                shapes = self.shape_of(value, target)
                if not (isinstance(shapes, list) and shapes and isinstance(shapes[0], tuple)):
                    raise self.error("a starred assignment of one symbolic tensor: Keras refuses to iterate it", target)
                value = [TensorValue(value.node, i) for i in range(len(shapes))]
            items = self.iterate(value, target)
            if starred:  # first, *rest = layers: the starred name takes a list of what is left
                before, after = starred[0], len(elements) - starred[0] - 1
                if len(items) < before + after:
                    raise self.error(f"cannot unpack {len(items)} values into at least {before + after} names",
                                     target)
                items = [*items[:before], list(items[before:len(items) - after]), *items[len(items) - after:]]
            elif len(items) != len(elements):
                raise self.error(f"cannot unpack {len(items)} values into {len(elements)} names", target)
        for element, item in zip(elements, items):
            self.assign(element, item, scope)

    def set_attribute(self, owner, name, value, node):
        if isinstance(owner, UserObject):
            self.set_user_attribute(owner, name, value, node)
            return
        if isinstance(owner, (LayerValue, ModelValue)):
            if name != "trainable":
                raise self.error(f"convcalc does not follow setting `.{name}` of a layer or model", node)
            if not isinstance(value, bool):
                raise self.error(f"`.trainable` must be True or False; got {self.shown(value)}", node)
            owner.trainable = value
            if isinstance(owner, ModelValue):
                self.set_layers_trainable(owner, value, node)
        # attributes of anything else (an unknown object) change nothing convcalc follows

