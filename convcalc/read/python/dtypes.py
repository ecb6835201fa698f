"""Dtypes in Keras code: an input's (keras.Input(dtype=...)) and the global dtype policy
the code sets (keras.mixed_precision.set_global_policy, keras.config.set_dtype_policy),
which each layer it makes next takes as its own (Layer.__init__: dtype_policies.get(None)).
What convcalc cannot know is refused with its line, never guessed.
"""

from __future__ import annotations

from convcalc.errors import shown
from convcalc.graph import UnknownDtype
from convcalc.layers.base import VARIABLE_BITS
from convcalc.layers.input_arguments import KERAS_DTYPES
from convcalc.read.python.values import Builtin, Unknown

# The policies convcalc follows (keras/src/dtype_policies/dtype_policy.py DTypePolicy)
POLICY_NAMES = tuple(name for name in VARIABLE_BITS if name)
# (module, name) -> what calling it does: set the global policy, make a DTypePolicy (read
# as its name, which a layer's dtype= takes the same), set floatx
POLICY_FUNCTIONS = {
    ("keras.mixed_precision", "set_global_policy"): "set", ("keras.mixed_precision", "set_dtype_policy"): "set",
    ("keras.config", "set_dtype_policy"): "set",
    ("keras.mixed_precision", "Policy"): "make", ("keras.mixed_precision", "DTypePolicy"): "make",
    ("keras", "DTypePolicy"): "make", ("keras.dtype_policies", "DTypePolicy"): "make",
    ("keras.config", "set_floatx"): "floatx", ("keras.backend", "set_floatx"): "floatx",
}
# keras/src/backend/common/dtypes.py PYTHON_DTYPES_MAP, on TensorFlow
PYTHON_DTYPES = {"int": "int64", "float": "float32", "bool": "bool", "str": "string", "complex": "complex128"}


def policy_function(path, name):
    """What POLICY_FUNCTIONS says of `path.name`, or None."""
    return POLICY_FUNCTIONS.get((path, name))


def call_policy_function(interpreter, thing, args, kwargs, node):
    """set_global_policy(policy) recorded from this point of the run (the seq counter);
    Policy(name): its name; set_floatx("float32") only (another floatx changes every
    input's and layer's default dtype)."""
    what = policy_function(*thing.path.rsplit(".", 1))
    keyword = {"set": "policy", "make": "name", "floatx": "value"}[what]
    bound = interpreter.bind(thing.path, (keyword,), args, kwargs, node)
    value = bound.get(keyword)
    if what == "floatx":
        if value != "float32":
            raise interpreter.error(f"{thing.path}({shown(value)}) changes the default dtype of every input and "
                                    "layer, which convcalc does not follow", node,
                                    hint="set a dtype policy instead: keras.config.set_dtype_policy(...)")
        return None
    if not isinstance(value, str) or value not in POLICY_NAMES:
        what_it_is = value.describe() if isinstance(value, Unknown) else shown(value)
        raise interpreter.error(f"{thing.path}: the dtype policy {what_it_is} is not one convcalc follows",
                                node, hint=f"the policies: {', '.join(POLICY_NAMES)}")
    if what == "set":
        interpreter.dtype_policies = [*interpreter.dtype_policies, (interpreter.seq, value)]
        return None
    return value


def policy_at(policies, seq):
    """The global policy the code had set when the value numbered `seq` was made (None:
    none yet); `policies`: (seq, policy) in the order the code set them."""
    found = None
    for since, policy in policies:
        if since >= seq:
            break
        found = policy
    return found


def input_dtype(value, line):
    """keras.Input's dtype= as Keras standardizes it (keras/src/backend/common/variables.py
    standardize_dtype): a name, tf.int32 and np.int32 read as theirs, Python's int as
    int64; None: floatx (float32); else an UnknownDtype."""
    if value is None or isinstance(value, str) and value in KERAS_DTYPES:
        return PYTHON_DTYPES.get(value, value) if value is not None else None
    if isinstance(value, Builtin) and value.name in PYTHON_DTYPES:
        return PYTHON_DTYPES[value.name]
    what = value.describe() if isinstance(value, Unknown) else shown(value)
    return UnknownDtype(f"the input's dtype is {what} (line {line}), which convcalc does not read")
