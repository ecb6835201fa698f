"""The rule of a layer class the code defines (`class X(keras.layers.Layer)`): no Keras
source to follow, so its figures are what the Python reader found by following the
class's own build and call on the shapes it is called on (convcalc/read/python/
user_classes.py), as Keras's Layer.__call__ does (keras/src/layers/layer.py): each
call's output shapes, and the weights its build and call made."""

from __future__ import annotations

from convcalc.errors import SpecError
from convcalc.layers.base import Layer, format_shape


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

    def __init__(self, class_name, weights, outputs, trainable, input_kind, built=True, shape=None):
        super().__init__(class_name, {"trainable": trainable})
        self.weights = list(weights)
        self.outputs = dict(outputs)  # shape_key(input shapes) -> output shape(s)
        self.input_kind = input_kind
        self.built, self.shape = built, shape

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
