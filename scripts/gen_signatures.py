"""Write convcalc/layers/keras_signatures.json from the installed Keras.

The analytic engine accepts exactly the arguments Keras accepts. Rather than copy
143 argument lists by hand, this script reads them from Keras itself:
- a class's positional parameters are those of its own ``__init__``;
- its keywords are its own, plus those of every base class it forwards
  ``**kwargs`` to (minus the ones it fixes itself in its ``super().__init__``
  call, such as ``rank=2`` in Conv2D), down to ``keras.layers.Layer``;
- plus the keywords an ``__init__`` pops from its ``**kwargs`` itself (Embedding's
  deprecated ``input_length``, LeakyReLU's ``alpha``): Keras accepts them.

It also writes, apart (``other_classes``), the signatures of what a model config may hold
that keras.layers does not export, under the class names convcalc's graph gives them
(convcalc/layers/applications.py, convcalc/layers/operations.py): the layer classes of
keras.applications (LayerScale, CustomScaleLayer), and the keras.ops operations of
OPERATIONS as ``ops.Add``, ...: their ``name`` and, as keywords, their operands (the
parameters of their ``call``), which a graph gives when an operand is a constant; and
each one's module, where convcalc check finds the class in Keras. And the keras.ops
functions that make those operations, with their parameters (``operation_functions``).

And, apart (``calls``), how each class is called: its call's parameters (which keywords
a call takes: LSTM's ``initial_state`` and ``mask``), and how it handles a mask
(keras/src/layers/layer.py ``__call__``): whether it overrides ``compute_mask`` and what
its ``__init__`` sets ``supports_masking`` to (``true``, ``false``, or the argument it
copies: Embedding's ``mask_zero``); ``null``: not set, so Layer's own (whether it
overrides ``compute_mask``).

Run it after upgrading the pinned Keras: ``python scripts/gen_signatures.py``.
"""

import ast
import importlib
import inspect
import json
import pathlib
import textwrap

import keras
from keras.src.layers.layer import Layer

OUT = pathlib.Path(__file__).resolve().parents[1] / "convcalc" / "layers" / "keras_signatures.json"
# keras.applications' own layer classes: class name -> its module.
APPLICATION_LAYERS = {
    "LayerScale": "keras.src.applications.convnext",
    "CustomScaleLayer": "keras.src.applications.inception_resnet_v2",
}
# keras.ops operations a functional model records when code applies them to symbolic
# tensors (`x + 3.0`, `x[:, 0]`, `ops.mean(x, axis=1)`), by module: each has a rule in
# convcalc/layers/operations*.py.
OPERATIONS = {
    "keras.src.ops.numpy": (
        "Add", "Subtract", "Multiply", "Divide", "TrueDivide", "Power", "Maximum", "Minimum",
        "FloorDivide", "Mod", "Equal", "NotEqual", "Greater", "GreaterEqual", "Less", "LessEqual",
        "LogicalAnd", "LogicalOr", "LogicalXor", "Matmul", "Any",
        "Negative", "Absolute", "Exp", "Log", "Sqrt", "Square", "Tanh", "LogicalNot",
        "GetItem", "Reshape", "Transpose", "ExpandDims", "Squeeze", "Concatenate", "Stack",
        "Mean", "Sum", "Max", "Min", "Argmax", "Argmin", "Std", "Var", "BroadcastTo", "Tile", "Einsum",
        "Clip", "Pad", "Split", "Tensordot", "Take", "TakeAlongAxis",
        "Sin", "Cos", "Tan", "Log1p", "Expm1", "Floor", "Ceil", "Sign", "Reciprocal", "Log2", "Log10",
        "Sinh", "Cosh", "Arctan", "Arcsin", "Arccos", "Exp2",
    ),
    "keras.src.ops.core": ("Cast",),
    "keras.src.ops.math": ("Rsqrt", "Erf"),
    "keras.src.ops.nn": ("Relu", "Sigmoid", "Softmax", "Gelu", "Silu", "OneHot", "Softplus", "Relu6", "Selu",
                         "Softsign", "HardSigmoid", "HardSilu", "DepthToSpace", "SpaceToDepth", "Elu",
                         "LeakyRelu"),
    "keras.src.activations.activations": ("ReLU",),  # keras.activations.relu's own operation
    "keras.src.ops.image": ("ExtractPatches", "Resize"),
}
# keras.ops functions named otherwise than their operation's snake case (ops.abs is absolute)
FUNCTION_ALIASES = {"abs": "Absolute"}
# Layer.__init__ pops these two from **kwargs before refusing the rest.
LAYER_EXTRA_KWARGS = ["input_shape", "input_dim"]


def jsonable_default(value):
    if value is inspect.Parameter.empty:
        return {"required": True}
    try:
        json.dumps(value)
    except TypeError:
        return {"repr": repr(value)}
    return {"value": list(value) if isinstance(value, tuple) else value}


def fixed_by_super_call(cls):
    """Keyword names a class passes itself to ``super().__init__``, and how many
    leading positional arguments it passes (LSTM's ``super().__init__(cell, ...)``
    fixes RNN's ``cell``: LSTM takes no ``cell``)."""
    try:
        source = textwrap.dedent(inspect.getsource(cls.__init__))
    except (OSError, TypeError):
        return set(), 0
    fixed, positional = set(), 0
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "__init__"
        ):
            fixed.update(k.arg for k in node.keywords if k.arg)
            if not any(isinstance(a, ast.Starred) for a in node.args):
                positional = max(positional, len(node.args))
    return fixed, positional


def popped_keywords(cls):
    """{keyword: default} that a class's own ``__init__`` takes out of its ``**kwargs``
    (``kwargs.pop("input_length", None)``), in source order."""
    try:
        source = textwrap.dedent(inspect.getsource(cls.__init__))
    except (OSError, TypeError):
        return {}
    params = own_params(cls)
    var_kw = next((p.name for p in params if p.kind == p.VAR_KEYWORD), None)
    popped = []
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "pop"
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == var_kw
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            default = None
            if len(node.args) > 1:
                try:
                    default = ast.literal_eval(node.args[1])
                except ValueError:  # computed from other arguments
                    popped.append((node.lineno, node.args[0].value, {"repr": ast.unparse(node.args[1])}))
                    continue
            popped.append((node.lineno, node.args[0].value, jsonable_default(default)))
    return {name: default for _, name, default in sorted(popped, key=lambda p: p[0])}


def own_params(cls):
    sig = inspect.signature(cls.__init__)
    return [p for p in list(sig.parameters.values())[1:]]


def accepted_keywords(cls):
    """{keyword: default} for every keyword the class accepts, in Keras's order."""
    names = {}
    fixed = set()
    popped = {}  # popped from **kwargs: accepted, after every declared keyword
    positional = 0  # leading parameters the subclass passed positionally
    for klass in cls.__mro__:
        if "__init__" not in klass.__dict__:
            continue
        params = own_params(klass)
        fixed |= {p.name for p in params[:positional]}
        for p in params:
            if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD) or p.name in fixed:
                continue
            names.setdefault(p.name, jsonable_default(p.default))
        if klass is Layer:
            for name in LAYER_EXTRA_KWARGS:
                names.setdefault(name, {"value": None})
            break
        if not any(p.kind == p.VAR_KEYWORD for p in params):
            break
        popped.update({k: v for k, v in popped_keywords(klass).items() if k not in popped})
        keywords, positional = fixed_by_super_call(klass)
        fixed |= keywords
    for name, default in popped.items():
        names.setdefault(name, default)
    return names


# Arguments named *_initializer, *_regularizer, *_constraint take one of these by name.
KERAS_OBJECTS = {
    "initializers": keras.initializers,
    "regularizers": keras.regularizers,
    "constraints": keras.constraints,
}


def object_names(module, unaided=True):
    """The names module.get() accepts: those of ALL_OBJECTS_DICT it can build unaided
    (or, unaided=False, the others: only a {class_name, config} mapping builds them)."""
    names = []
    for name in sorted(importlib.import_module(module.get.__module__).ALL_OBJECTS_DICT):
        try:
            module.get(name)
        except Exception:  # e.g. 'constant' needs a value
            if not unaided:
                names.append(name)
            continue
        if unaided:
            names.append(name)
    return names


def layer_signature(cls):
    keywords = accepted_keywords(cls)
    return {
        "positional": [
            p.name
            for p in own_params(cls)
            if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
        ],
        "keywords": list(keywords),
        "defaults": keywords,
    }


def operation_signature(cls):
    """An operation's `name` (Operation.__init__), then its operands (its call's
    parameters), each None (a tensor) unless the graph gives it a constant."""
    keywords = {p.name: jsonable_default(p.default) for p in own_params(cls)
                if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)}  # Any(axis, keepdims, *, name)
    operands = [p.name for p in list(inspect.signature(cls.call).parameters.values())[1:]]
    keywords.update({name: {"value": None} for name in operands})
    return {"positional": [], "keywords": list(keywords), "defaults": keywords, "operands": operands,
            "module": cls.__module__}


def supports_masking_set(cls):
    """What the nearest ``__init__`` that sets ``self.supports_masking`` sets it to: a
    bool, the name of the argument it copies, or None when none sets it."""
    for klass in cls.__mro__:
        if klass is Layer:
            return None
        if "__init__" not in klass.__dict__:
            continue
        try:
            source = textwrap.dedent(inspect.getsource(klass.__init__))
        except (OSError, TypeError):
            continue
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Attribute) and t.attr in ("supports_masking", "_supports_masking")
                for t in node.targets
            ):
                value = node.value
                return value.value if isinstance(value, ast.Constant) else ast.unparse(value)
    return None


def call_signature(cls):
    from keras.src import utils

    return {
        "arguments": list(inspect.signature(cls.call).parameters)[1:],
        "compute_mask": not utils.is_default(cls.compute_mask),
        "supports_masking": supports_masking_set(cls),
    }


def other_classes():
    """The graph class name -> signature of each application layer class and operation."""
    found = {name: {**layer_signature(getattr(importlib.import_module(module), name)), "module": module}
             for name, module in APPLICATION_LAYERS.items()}
    for module_name, names in OPERATIONS.items():
        module = importlib.import_module(module_name)
        found.update({f"ops.{name}": operation_signature(getattr(module, name)) for name in names})
    return found


def operation_functions():
    """keras.ops function -> (its operation's class, its parameters): how the Python
    reader binds `ops.mean(x, 1)` to Mean(axis=1) on the operand x. Each function is
    checked to make that operation (its source names the class)."""
    from keras.src.utils.naming import to_snake_case

    classes = [name for names in OPERATIONS.values() for name in names]
    wanted = {to_snake_case(name): name for name in classes} | FUNCTION_ALIASES
    found = {}
    namespaces = (keras.ops, keras.ops.nn, keras.ops.image)
    for function_name, class_name in sorted(wanted.items()):
        function = next((getattr(n, function_name) for n in namespaces if hasattr(n, function_name)), None)
        if function is None:
            continue
        source = inspect.getsource(inspect.unwrap(function))
        if class_name not in source and function_name not in FUNCTION_ALIASES:
            raise SystemExit(f"keras.ops.{function_name} does not make {class_name}")
        parameters = inspect.signature(function).parameters.values()  # *operands written with its star
        found[function_name] = {"operation": class_name,
                                "parameters": [("*" if p.kind == p.VAR_POSITIONAL else "") + p.name
                                               for p in parameters if p.kind != p.VAR_KEYWORD]}
    return found


def built_at_init(cls):
    """Whether a layer is built once constructed (keras/src/layers/layer.py
    _build_at_init: its __init__ calls it, and the class keeps Layer's own build)."""
    from keras.src.utils.python_utils import is_default

    if not is_default(cls.build):
        return False
    for klass in cls.__mro__:
        if klass is Layer:
            return False
        init = klass.__dict__.get("__init__")
        if init is not None and any(s in inspect.getsource(init) for s in ("self._build_at_init()",
                                                                            "self.built = True")):
            return True  # Reshape's __init__ sets built itself
    return False


def main():
    classes, aliases, built, calls = {}, {}, [], {}
    for export in sorted(dir(keras.layers)):
        obj = getattr(keras.layers, export)
        if not (inspect.isclass(obj) and issubclass(obj, Layer)):
            continue
        if export != obj.__name__:
            aliases[export] = obj.__name__
        if obj.__name__ in classes:
            continue
        classes[obj.__name__] = layer_signature(obj)
        calls[obj.__name__] = call_signature(obj)
        if built_at_init(obj):
            built.append(obj.__name__)
    exported = set(classes)
    bases = {name: [k.__name__ for k in getattr(keras.layers, name).__mro__[1:]
                    if k.__name__ in exported and issubclass(k, Layer)]
             for name in classes if hasattr(keras.layers, name)}
    from keras.src.activations import ALL_OBJECTS_DICT

    data = {
        "keras_version": keras.__version__,
        "classes": classes,
        "calls": calls,
        "other_classes": other_classes(),
        "operation_functions": operation_functions(),
        "aliases": aliases,
        "built_at_init": built,
        "layer_bases": bases,  # each class's exported base classes (isinstance in code)
        "activations": sorted(ALL_OBJECTS_DICT),
        **{kind: object_names(module) for kind, module in KERAS_OBJECTS.items()},
        "with_config": {kind: object_names(module, unaided=False) for kind, module in KERAS_OBJECTS.items()},
    }
    OUT.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n")
    print(f"wrote {OUT}: {len(classes)} classes, {len(aliases)} aliases")


if __name__ == "__main__":
    main()
