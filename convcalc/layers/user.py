"""The rule of a layer class the code defines (`class X(keras.layers.Layer)`): no Keras
source to follow, so its figures are what the Python reader found by following the
class's own build and call on the shapes it is called on (convcalc/read/python/
user_classes.py), as Keras's Layer.__call__ does (keras/src/layers/layer.py): each
call's output shapes, and the weights its build and call made."""

from __future__ import annotations

from convcalc.errors import SpecError
from convcalc.graph import UnknownDtype
from convcalc.layers.base import COMPUTE_DTYPES, DTYPE_POLICY, VARIABLE_BITS, Layer, format_shape


def shape_key(shapes):
    """A call's input shapes as a dict key: a tuple, or a tuple of them."""
    if isinstance(shapes, dict):
        return tuple(sorted((key, shape_key(value)) for key, value in shapes.items()))
    if isinstance(shapes, (list, tuple)) and shapes and isinstance(shapes[0], (list, tuple, dict)):
        return tuple(shape_key(s) for s in shapes)
    return tuple(shapes)


class GivenLayer(Layer):
    """`built`, `shape`: for a row of a subclassed model's summary, which calls nothing
    (keras/src/utils/summary_utils.py: a layer built with no node of its own shows
    compute_output_shape of its build's shape, or ? when it has none)."""

    def __init__(self, class_name, weights, outputs, trainable, input_kind, built=True, shape=None,
                 call_arguments=(), mask=None):
        super().__init__(class_name, {"trainable": trainable})
        self.weights = list(weights)
        self.outputs = dict(outputs)  # shape_key(input shapes) -> output shape(s)
        self.input_kind = input_kind
        self.built, self.shape = built, shape
        self.listing = None  # a model class's: the ModelGraph of the layers it holds (expand_nested lists them)
        # how Keras calls it (layers/masks.py): its call's parameters; whether it supports
        # masking (a compute_mask of its own, or supports_masking = True)
        self.call_signature = {"arguments": list(call_arguments), "compute_mask": mask is not None,
                               "supports_masking": mask is not None}
        self.mask = mask  # a MaskRecipe, or None: it drops the mask

    # Set by the Python reader: whether Keras gives its output spec by its compute_output_shape,
    # in its compute dtype (a Lambda's; a class's that defines one: keras/src/layers/layer.py
    # compute_output_spec), else by running its call; its policy (its dtype=, the one the code
    # set), None: the analysis's
    output_spec_by_shape = False
    given_policy = None

    def take_policy(self):
        """Its weights sized by its policy, the analysis's global one if the reader gave none
        (made before the analysis, it could not take it then)."""
        policy = self.given_policy or DTYPE_POLICY.get()
        if policy in VARIABLE_BITS:
            self.dtype_policy, self.weight_bits = policy, VARIABLE_BITS[policy]

    @property
    def compute_dtype(self):
        """Its policy's compute dtype, or an UnknownDtype."""
        policy = self.given_policy or DTYPE_POLICY.get()
        if policy not in COMPUTE_DTYPES:
            return UnknownDtype(f"it is the compute dtype of {self.code}, whose dtype is {policy}")
        return COMPUTE_DTYPES[policy]

    @property
    def code(self):
        """What of the file's code it is, for messages."""
        return "a Lambda's function" if self.class_name == "Lambda" else f"{self.class_name}, a class the file defines"

    def compute_output_shape(self, input_shape):
        key = shape_key(input_shape)
        if key not in self.outputs:
            raise SpecError(f"{self.class_name} was followed on the shapes "
                            f"{', '.join(map(format_shape, self.outputs))}, not on {format_shape(key)}")
        return self.outputs[key]

    def build(self, input_shape):
        return list(self.weights)

    def compute_mask(self, inputs, mask, operation):
        return self.mask.replay(inputs, mask, operation)


class MaskRecipe:
    """What a class's compute_mask(inputs, previous_mask) returns, as the reader followed
    it on its input shapes (keras/src/layers/layer.py _set_mask_metadata): the keras.ops
    operations it applies to the inputs, in order, each (class name, operand indexes,
    output shape), an index counting the flat inputs first, then each operation's
    result; and each output's mask: an index, "previous" (the mask it was given, as
    Layer.compute_mask and supports_masking = True pass it on) or None."""

    def __init__(self, steps, outputs, single):
        self.steps, self.outputs, self.single = list(steps), list(outputs), single

    def replay(self, inputs, mask, operation):
        values = list(inputs) if isinstance(inputs, (list, tuple)) else [inputs]
        for class_name, operands, shape in self.steps:
            values.append(operation(class_name, [values[i] for i in operands], shape))
        masks = [mask if item == "previous" else None if item is None else values[item] for item in self.outputs]
        return masks[0] if self.single else masks
