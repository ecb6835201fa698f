"""The arguments of keras.layers.InputLayer (and keras.Input, which makes one), checked as
keras/src/layers/core/input_layer.py checks them: what Keras refuses is refused with its
reason, what it ignores is ignored (InputLayer takes **kwargs and drops the unknown ones).
"""

from __future__ import annotations

from convcalc.errors import SpecError, shown
from convcalc.layers.arguments import batch_size as batch_size_argument, is_int

# keras/src/backend/common/dtypes.py ALLOWED_DTYPES (and PYTHON_DTYPES_MAP's "int")
KERAS_DTYPES = ("float16", "float32", "float64", "uint8", "uint16", "uint32", "uint64", "int8", "int16",
                "int32", "int64", "bfloat16", "bool", "string", "float8_e4m3fn", "float8_e5m2",
                "complex64", "complex128", "int")
# InputLayer's own keywords (keras.Input's `tensor` is InputLayer's `input_tensor`)
INPUT_LAYER_KEYWORDS = ("shape", "batch_size", "dtype", "sparse", "ragged", "batch_shape", "input_tensor",
                        "optional", "name", "input_shape", "batch_input_shape")


def check_input_arguments(arguments, what="InputLayer"):
    """Refuse what Keras's InputLayer.__init__ refuses of `arguments` (a mapping of its
    keywords): two shapes, a batch size beside a batch shape, no shape, an invalid dtype or
    name. Values convcalc cannot see (not plain data) are left to the caller."""
    shape = arguments.get("shape", arguments.get("input_shape"))
    batch_shape = arguments.get("batch_shape", arguments.get("batch_input_shape"))
    if arguments.get("input_tensor", arguments.get("tensor")) is not None:
        raise SpecError(f"{what}: input_tensor must be a KerasTensor (keras.Input(...)); got "
                        f"{shown(arguments.get('input_tensor', arguments.get('tensor')))}")
    if shape is not None and batch_shape is not None:
        raise SpecError(f"{what}: Keras refuses both `shape` and `batch_shape` at the same time",
                        hint="give shape (without the batch axis) or batch_shape (with it)")
    if arguments.get("batch_size") is not None and batch_shape is not None:
        raise SpecError(f"{what}: Keras refuses both `batch_size` and `batch_shape` at the same time",
                        hint="batch_shape holds the batch size first: [4, 28, 28, 1]")
    if shape is None and batch_shape is None:
        raise SpecError(f"{what}: it needs a `shape` (Keras: \"You must pass a `shape` argument.\")",
                        hint="give it the shape of one sample (no batch axis), e.g. [28, 28, 1]")
    dtype = arguments.get("dtype")
    if isinstance(dtype, str) and dtype not in KERAS_DTYPES:
        raise SpecError(f"{what}: invalid dtype {shown(dtype)} (Keras: \"Invalid dtype: {dtype}\")",
                        hint=f"Keras's dtypes: {', '.join(KERAS_DTYPES[:-1])}")
    name = arguments.get("name")
    if name is not None and (not isinstance(name, str) or "/" in name):
        raise SpecError(f"{what}: its name must be a string without '/'; got {shown(name)}")


def input_layer_shape(arguments, what="InputLayer"):
    """(shape without the batch axis, batch size) of an InputLayer's plain-data arguments
    (a spec's `- InputLayer: {shape: [10]}`), checked as Keras checks them."""
    check_input_arguments(arguments, what)
    batch_shape = arguments.get("batch_shape", arguments.get("batch_input_shape"))
    if batch_shape is not None:
        if not isinstance(batch_shape, list) or not batch_shape:
            raise SpecError(f"{what}: batch_shape must be a list [batch size or null, *shape]; got {shown(batch_shape)}")
        batch, shape = batch_shape[0], batch_shape[1:]
    else:
        batch, shape = arguments.get("batch_size"), arguments.get("shape", arguments.get("input_shape"))
    batch_size_argument(batch, f"{what}: the batch size")
    if not isinstance(shape, list):  # Keras: "Cannot convert '10' to a shape."
        raise SpecError(f"{what}: shape must be a list of sizes; got {shown(shape)}",
                        hint=f"for example: shape: [{shape}]" if is_int(shape) else None)
    return shape, batch
