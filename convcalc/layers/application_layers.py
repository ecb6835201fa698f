"""Layer classes of keras.applications itself, which keras.layers does not export:
ConvNeXt's LayerScale (keras/src/applications/convnext.py) and Inception-ResNet-V2's
CustomScaleLayer (keras/src/applications/inception_resnet_v2.py).

In the graph (convcalc.graph.LayerCall) they are the class names `LayerScale` and
`CustomScaleLayer`, with Keras's arguments: LayerCall("LayerScale", kwargs={"init_values":
1e-6, "projection_dim": 96}) called on one tensor; LayerCall("CustomScaleLayer",
kwargs={"scale": 0.17}) called on a list of two, [shortcut, residual].
"""

from __future__ import annotations

from convcalc.errors import SpecError
from convcalc.layers import arguments as arg
from convcalc.layers.base import Layer, Weight
from convcalc.layers.operation_utils import broadcast_shapes
from convcalc.layers.registry import register


@register
class LayerScale(Layer):
    """x * gamma: build adds the trainable weight gamma of shape (projection_dim,); the
    output is the product's shape (Keras traces call: the shapes broadcast)."""

    def configure(self, a):
        arg.number(a.init_values, "init_values")
        self.projection_dim = arg.positive_int(a.projection_dim, "projection_dim")

    def build(self, input_shape):
        self.compute_output_shape(input_shape)
        return [Weight("gamma", (self.projection_dim,))]

    def compute_output_shape(self, input_shape):
        return broadcast_shapes(input_shape, (self.projection_dim,))


@register
class CustomScaleLayer(Layer):
    """inputs[0] + inputs[1] * scale, no weights: called on a list of (at least) two
    tensors, whose shapes broadcast (Keras's call reads the first two only)."""

    input_kind = "list"

    def configure(self, a):
        arg.number(a.scale, "scale")

    def build(self, input_shape):
        self.compute_output_shape(input_shape)
        return []

    def compute_output_shape(self, input_shape):
        if len(input_shape) < 2:
            raise SpecError(
                f"CustomScaleLayer adds inputs[0] and inputs[1] * scale: it needs a list of two tensors; "
                f"got {len(input_shape)}"
            )
        return broadcast_shapes(input_shape[0], input_shape[1])
