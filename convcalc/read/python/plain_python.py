"""The plain Python around models: functions defined in the file, builtins, and the list,
dict and str methods real code calls."""

from __future__ import annotations

import ast

from convcalc.errors import SpecError
from convcalc.layers.signatures import canonical_class_name, layer_bases
from convcalc.read.python.values import (
    MATH_FUNCTIONS_BY_PATH, MAX_DEPTH, MAX_ITEMS, NUMPY_ELEMENTWISE, ArrayValue, Break, Builtin, Continue, InputValue,
    KerasThing, LayerValue, ModelValue, Partial, plain, Return, Scope, ShapedTensor, TensorValue, Unknown, UserClass,
    UserLayerValue, UserObject, WeightValue, literal_array_shape,
)

PYTHON_TYPES = {"int": int, "float": float, "str": str, "bool": bool, "list": list, "tuple": tuple, "dict": dict,
                "set": set}


class PlainPython:
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
        elif name in ("index", "count") and len(args) == 1 and plain(owner):
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
            return owner.get(*args) if plain(args[0]) and not isinstance(args[0], (list, dict, set)) else None
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
        if not (plain(args) and plain(kwargs)):
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

    def call_function(self, function, args, kwargs, node, context=None):
        """`context`: names the body sees besides its arguments (a method's __class__ and
        __self__, for super())."""
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
        scope.vars.update(context or {})
        self.depth += 1
        try:
            if isinstance(definition, ast.Lambda):
                return self.eval(definition.body, scope)
            self.block(definition.body, scope)
        except Return as result:
            return result.value
        except (Break, Continue):
            raise self.error("`break` or `continue` outside a loop", node) from None
        finally:
            self.depth -= 1
        return None

    def call_builtin(self, name, args, kwargs, node):
        if name == "print":
            return None  # never printed: nothing is run
        if name == "abs" and len(args) == 1 and not kwargs and isinstance(args[0], TensorValue):
            return self.operation("Absolute", args, {}, node)  # KerasTensor.__abs__
        if name == "partial":  # functools.partial
            if not args:
                raise self.error("functools.partial takes the function (or layer class) to call", node)
            return Partial(args[0], list(args[1:]), dict(kwargs))
        if name == "isinstance":
            return self.is_instance(args, kwargs, node)
        if name == "type" and len(args) == 1 and not kwargs and isinstance(args[0], (LayerValue, UserLayerValue)):
            layer = args[0]  # type(layer) in [keras.layers.Conv2D, ...]: its class
            return layer.cls if isinstance(layer, UserLayerValue) else KerasThing(
                "layer", layer.class_name, f"keras.layers.{layer.class_name}")
        if name == "getattr":
            return self.get_attribute(args, kwargs, node)
        if name == "tensorflow.TensorShape" and len(args) == 1 and not kwargs:  # model.build(tf.TensorShape([...]))
            dims = args[0]
            if isinstance(dims, (list, tuple)) and all(d is None or isinstance(d, int) and not isinstance(d, bool)
                                                       for d in dims):
                return tuple(dims)
            return self.unknown(node, "a tf.TensorShape of sizes convcalc does not compute")
        if name in NUMPY_ELEMENTWISE and args and (not kwargs or isinstance(args[0], (ArrayValue, ShapedTensor))):
            return self.numpy_elementwise(name, args, node)  # keywords (clip_value_min=...) keep an array's shape
        if not (plain(args) and plain(kwargs)):
            if name in ("len", "list", "tuple", "enumerate", "zip", "reversed") and not kwargs:
                return self.builtin_on_objects(name, args, node)
            if name == "dict":  # dict(pairs) or dict(key=value) of tensors, layers, ...
                return self.dict_of_objects(args, kwargs, node)
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
            if name in MATH_FUNCTIONS_BY_PATH:
                if any(isinstance(a, int) and a.bit_length() > 256 for a in args):
                    raise self.error("a number this large is not a layer argument", node)
                return MATH_FUNCTIONS_BY_PATH[name](*args, **kwargs)
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

    def is_instance(self, args, kwargs, node):
        """isinstance(value, classes): Python's types, and Keras's classes for the layers and
        models the code made (Layer, Model, Sequential, a layer class or its exported base)."""
        if len(args) != 2 or kwargs:
            raise self.error("isinstance takes a value and a class (or a tuple of classes)", node)
        value, classes = args[0], args[1] if isinstance(args[1], tuple) else (args[1],)
        for item in (value, *classes):
            if isinstance(item, Unknown):
                return item
        found = False
        for cls in classes:
            if isinstance(cls, Builtin) and cls.name in PYTHON_TYPES:
                found = found or isinstance(value, PYTHON_TYPES[cls.name])
            elif isinstance(cls, KerasThing) and cls.kind in ("layer", "layer_base", "sequential", "model"):
                wanted = canonical_class_name(cls.name) if cls.kind == "layer" else cls.name
                found = found or wanted in self.keras_classes_of(value)
            elif isinstance(cls, UserClass):
                found = found or (isinstance(value, UserObject) and cls in value.cls.mro())
            else:
                what = cls.name if isinstance(getattr(cls, "name", None), str) else self.shown(cls)
                raise self.error(f"isinstance: {what} is not a class convcalc knows", node)
        return found

    def keras_classes_of(self, value):
        """The Keras classes a value of the interpreter is an instance of (Functional is a
        Model: keras.Model(inputs, outputs) makes one)."""
        if isinstance(value, LayerValue):
            return ("Layer", value.class_name, *layer_bases(value.class_name))
        if isinstance(value, InputValue):
            return ("Layer", "InputLayer")
        if isinstance(value, ModelValue):
            return ("Layer", "Model", "Sequential" if value.kind == "sequential" else "Functional")
        if isinstance(value, UserLayerValue):
            return ("Layer", "Model") if value.kind == "model" else ("Layer",)
        return ()

    def get_attribute(self, args, kwargs, node):
        """getattr(owner, "name"[, default]): owner.name, with the name a string."""
        if not 2 <= len(args) <= 3 or kwargs:
            raise self.error("getattr takes an object, an attribute name and perhaps a default", node)
        if isinstance(args[1], Unknown):
            return args[1]
        if not isinstance(args[1], str):
            raise self.error(f"getattr's attribute name must be a string; got {self.shown(args[1])}", node)
        try:
            return self.attribute(args[0], args[1], node)
        except SpecError:
            if len(args) == 3:
                return args[2]
            raise

    def dict_of_objects(self, args, kwargs, node):
        pairs = [] if not args else args[0]
        if len(args) > 1 or not isinstance(pairs, (list, tuple, dict)):
            return self.unknown(node, "dict() of values convcalc does not compute")
        items = list(pairs.items()) if isinstance(pairs, dict) else pairs
        if not all(isinstance(p, (list, tuple)) and len(p) == 2 and plain(p[0])
                   and not isinstance(p[0], (list, dict, set)) for p in items):
            return self.unknown(node, "dict() of pairs convcalc does not compute")
        return {**dict(items), **kwargs}

    def numpy_elementwise(self, name, args, node):
        """np.log(x), np.ceil(x), np.clip(x, a, b), ...: of a number, numpy's float; of data
        (an array, a list of numbers), data of its shape, computed where the code writes
        the numbers."""
        function, (value, *rest) = NUMPY_ELEMENTWISE[name], args

        def each(item):
            if isinstance(item, (list, tuple)):
                return [each(i) for i in item]
            if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (item, *rest)):
                raise TypeError("not a number")
            return float(function(item, *rest))

        if isinstance(value, ArrayValue):
            return ArrayValue(value.shape, node.lineno)
        if isinstance(value, (ShapedTensor, WeightValue)) and name.startswith("tensorflow."):
            return ShapedTensor(tuple(value.shape))  # tf.clip_by_value in a layer's call: a tensor of its shape
        shape = literal_array_shape(value) if isinstance(value, (list, tuple)) else ()
        if shape is None:
            return self.unknown(node, f"{name} of values convcalc does not compute")
        try:
            result = each(value)
        except (TypeError, ValueError, OverflowError):  # numpy's nan and inf, or data it does not hold
            return self.unknown(node, f"{name} of values convcalc does not compute")
        return ArrayValue(shape, node.lineno, result) if shape else result

    def builtin_on_objects(self, name, args, node):
        """len(model.layers), list(layers), zip(names, layers), ... on containers."""
        if name == "len" and len(args) == 1 and isinstance(args[0], (list, tuple, dict)):
            return len(args[0])
        if name == "len" and len(args) == 1 and isinstance(args[0], ArrayValue) and args[0].shape:
            return args[0].shape[0]  # an array's first axis
        if name in ("list", "tuple") and len(args) == 1:
            items = self.iterate(args[0], node)
            return items if name == "list" else tuple(items)
        if name in ("enumerate", "zip", "reversed"):
            unknown = next((a for a in args if isinstance(a, Unknown)), None)
            if unknown is not None:  # zip(gradients, model.trainable_variables): unknown until it is looped over
                return Unknown(self.text_of(node), node.lineno, f"{name}() of {unknown.describe()}")
            lists = [self.iterate(a, node) for a in args]
            return list({"enumerate": enumerate, "zip": zip, "reversed": reversed}[name](*lists))
        return self.unknown(node, f"{name}() of values convcalc does not compute")


