"""Expressions: constants, names, containers, comprehensions, operators, comparisons and
subscripts, computed as Python would on the values the interpreter holds."""

from __future__ import annotations

import ast
import itertools
import re

from convcalc.errors import shown
from convcalc.layers.operations_tensor import UNKNOWN_BOUND, key_text
from convcalc.read.python.tensor_ops import TENSORS

from convcalc.read.python.values import (
    BUILTINS, MAX_INT_BITS, MAX_ITEMS, ArrayValue, Builtin, Function, KerasThing, LayerValue, ModelValue, Namespace,
    plain, Scope, ShapedTensor, TensorValue, Unknown, UserClass,
)


class Expressions:
    # -- expressions --------------------------------------------------------------------
    def eval(self, node, scope):
        method = getattr(self, f"expr_{type(node).__name__}", None)
        if method is None:
            raise self.error(f"convcalc does not follow this expression ({type(node).__name__}): "
                             f"{self.text_of(node)}", node)
        return method(node, scope)

    def expr_Constant(self, node, scope):
        if isinstance(node.value, bytes):
            return self.unknown(node, "not a value a layer takes")
        return node.value

    def expr_Name(self, node, scope):
        found, value = scope.lookup(node.id)
        if found:
            if type(value) is Unknown:  # named as the code uses it, from where it came
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
        return set(items) if plain(items) else self.unknown(node, "a set of values convcalc does not compute")

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
            if not plain(key_value) or isinstance(key_value, (list, dict, set)):
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
            if not plain(item):
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
        args = node.args
        defaults = [self.eval(d, scope) for d in args.defaults]
        kw_defaults = [None if d is None else self.eval(d, scope) for d in args.kw_defaults]
        function = Function(node, scope, defaults, kw_defaults)
        function.node.name = "<lambda>"
        return function

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
        if self.tracing:  # a bound computed in a layer's call (tf.shape(x)[1]), unknown: not `None` (no bound)
            parts = [UNKNOWN_BOUND if v is None and p is not None and not _none_literal(p) else v
                     for v, p in zip(parts, (node.lower, node.upper, node.step))]
        if not all(p is None or p is UNKNOWN_BOUND or isinstance(p, int) for p in parts):
            return self.unknown(node, "a slice convcalc does not compute")
        return slice(*parts)

    def expr_Starred(self, node, scope):
        raise self.error("a starred expression is not followed here", node)

    def expr_ListComp(self, node, scope):
        return self.comprehension(node, scope, lambda s: [self.eval(node.elt, s)])

    expr_GeneratorExp = expr_ListComp

    def expr_SetComp(self, node, scope):
        items = self.comprehension(node, scope, lambda s: [self.eval(node.elt, s)])
        return set(items) if plain(items) else self.unknown(node, "a set of values convcalc does not compute")

    def expr_DictComp(self, node, scope):
        pairs = self.comprehension(node, scope, lambda s: [(self.eval(node.key, s), self.eval(node.value, s))])
        if not all(plain(k) and not isinstance(k, (list, dict, set)) for k, _ in pairs):
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
            return value.carried()
        if isinstance(value, TENSORS):
            return self.unary_operation(node.op, value, node)
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
                return value.carried()
        if isinstance(left, TENSORS) or isinstance(right, TENSORS):
            return self.binary_operation(op, left, right, node)
        if isinstance(left, ArrayValue) or isinstance(right, ArrayValue):
            return self.array_arithmetic(left, right, node)
        if self.tracing and None in (left, right) and all(v is None or isinstance(v, (int, float)) for v in (left, right)):
            return None  # in a layer's call, a size ops.shape does not know (the batch's): still unknown
        sequences = (list, tuple)
        if isinstance(op, ast.Add) and isinstance(left, sequences) and type(left) is type(right):
            if len(left) + len(right) > MAX_ITEMS:  # checked before it is made: doubling grows fast
                raise self.error(f"a value longer than {MAX_ITEMS:,} items is not followed", node)
            return left + right  # lists of layers, too
        if isinstance(op, ast.Mult) and isinstance(left, sequences) and isinstance(right, int) \
                and not plain(left):
            self.guard_binop(op, left, right, node)
            return left * right
        if not (plain(left) and plain(right)):
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
            if isinstance(left, TENSORS) or isinstance(right, TENSORS):
                if len(node.ops) > 1:
                    return self.unknown(node, "a chained comparison of tensors")
                result = self.compare_operation(op, left, right, node)
                if result is not None:
                    return result
            if isinstance(op, (ast.Is, ast.IsNot)):
                result = (left is right) if (left is None or right is None or isinstance(left, bool)) else (left == right)
                result = result if isinstance(op, ast.Is) else not result
            elif not (plain(left) and plain(right)) and not (
                    isinstance(op, (ast.Eq, ast.NotEq, ast.In, ast.NotIn)) and _class_like(left) and _class_like(right)):
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
        if isinstance(owner, TENSORS):
            return self.get_item(owner, key, node)
        if isinstance(owner, (list, tuple, str, range, dict)):
            try:
                result = owner[key]
            except (IndexError, KeyError, TypeError) as error:
                raise self.error(f"{self.text_of(node)}: {type(error).__name__}: {error}", node) from None
            return result
        if isinstance(owner, ArrayValue) and owner.shape:
            return self.array_item(owner, key, node)
        return self.unknown(node, "indexes a value convcalc does not compute")

    def array_arithmetic(self, left, right, node):
        """numpy arithmetic of data and numbers (1 - mask): data of the broadcast shape."""
        shapes = []
        for value in (left, right):
            if isinstance(value, ArrayValue):
                shapes.append(value.shape)
            elif not (isinstance(value, (int, float)) and not isinstance(value, bool)):
                return self.unknown(node, "arithmetic on values convcalc does not compute")
        shape = []
        for sizes in itertools.zip_longest(*(reversed(s) for s in shapes), fillvalue=1):
            wider = {d for d in sizes if d != 1}
            if len(wider) > 1:
                raise self.error(f"{self.text_of(node)}: ValueError: operands could not be broadcast together "
                                 f"with shapes {' '.join(map(str, shapes))}", node)
            shape.append(wider.pop() if wider else 1)
        return ArrayValue(tuple(reversed(shape)), node.lineno)

    def array_item(self, array, key, node):
        """numpy's indexing of data on its first axis: an index drops it, a slice keeps
        what it selects (masks[i], x[:100])."""
        rows = array.shape[0]
        if isinstance(key, int) and not isinstance(key, bool):
            if not -rows <= key < rows:
                raise self.error(f"{self.text_of(node)}: IndexError: index {key} is out of bounds for axis 0 "
                                 f"with size {rows}", node)
            return ArrayValue(array.shape[1:], node.lineno)
        if isinstance(key, slice) and all(v is None or isinstance(v, int) for v in (key.start, key.stop, key.step)):
            if key.step == 0:
                raise self.error(f"{self.text_of(node)}: ValueError: slice step cannot be zero", node)
            return ArrayValue((len(range(rows)[key]), *array.shape[1:]), node.lineno)
        text = key_text(key) if isinstance(key, tuple) or key is None or key is Ellipsis else None
        if text is not None:  # x[..., np.newaxis], x[:, 0]: basic indexing, as keras.ops's GetItem reads it
            return ArrayValue(self.operation("GetItem", [ShapedTensor(array.shape)], {"key": text}, node).shape,
                              node.lineno)
        return self.unknown(node, "indexes data in a way convcalc does not compute")

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
        if plain(value) or isinstance(value, (LayerValue, ModelValue, TensorValue, KerasThing, Namespace, Function)):
            return bool(value)
        return True

    def iterate(self, value, node):
        if isinstance(value, (list, tuple, str, range)):
            if len(value) > MAX_ITEMS:
                raise self.error(f"a loop over more than {MAX_ITEMS:,} items is not followed", node)
            return list(value)
        if isinstance(value, dict):
            return list(value)
        if isinstance(value, set) and plain(value):
            return sorted(value, key=repr)
        what = value.describe() if isinstance(value, Unknown) else self.text_of(node)
        raise self.error(
            f"convcalc cannot loop over {what}",
            node, hint="convcalc follows loops over literal lists, tuples and range(...)",
        )

    def shown(self, value):
        return value.describe() if isinstance(value, Unknown) else shown(value)


def _none_literal(node):
    return isinstance(node, ast.Constant) and node.value is None


def _class_like(value):
    """A value a class test compares (type(layer) in [layers.Conv2D, ...]): a plain value,
    a Keras or file's class, or a list or tuple of them."""
    if isinstance(value, (list, tuple)):
        return all(map(_class_like, value))
    return plain(value) or isinstance(value, UserClass) or isinstance(value, KerasThing) and value.kind == "layer"
