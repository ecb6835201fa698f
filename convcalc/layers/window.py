"""What convolutions and windowed pooling share: a window sliding over the spatial axes.

Output length per axis (operation_utils.window_output_length): 'valid':
floor((n − k) / s) + 1 with k the dilated extent (k − 1) × d + 1; 'same' and 'causal':
ceil(n / s). Receptive field per axis: r + (k − 1) × j, jump j × s.
"""

from __future__ import annotations

from convcalc.layers.base import SpatialLayer
from convcalc.layers.field import Field
from convcalc.layers.operation_utils import (
    SPATIAL_AXES,
    merge_axes,
    numpy_dtype,
    receptive_field_step,
    window_extent,
    window_output_length,
)


class WindowLayer(SpatialLayer):
    """Subclasses say which window: (sizes, strides, dilations, padding, data_format)."""

    # Keras's shape function: compute_conv_output_shape (True) or compute_pooling_output_shape,
    # which compute on numpy arrays of different sizes (operation_utils.keras_window_step)
    KERAS_CONV = True

    def window(self):
        raise NotImplementedError

    def spatial_indices(self):
        windows, _, _, _, data_format = self.window()
        first = 1 if data_format == "channels_last" else 2
        return [first + i for i in range(len(windows))]

    def window_lines(self, call):
        windows, strides, dilations, padding, _ = self.window()
        axes = self.spatial_indices()
        sizes = [call.input_shape[axis] for axis in axes] if self.KERAS_CONV else call.input_shape
        dtype = numpy_dtype(sizes)
        per_axis = []
        for axis, k, s, d in zip(axes, windows, strides, dilations):
            lines = []
            if d > 1:
                lines.append(f"dilated kernel: {window_extent(k, d)[1]}")
            formula = window_output_length(call.input_shape[axis], k, s, padding, d, full=True, dtype=dtype,
                                           conv=self.KERAS_CONV)[1]
            lines.append(formula if padding == "valid" else f"'{padding}' padding: {formula}")
            per_axis.append(lines)
        return merge_axes(per_axis, SPATIAL_AXES[len(windows)])

    def shape_formula(self, call):
        return self.window_lines(call) + self.channel_lines(call)

    def channel_lines(self, call):
        return []

    def field_step(self, call, in_fields):
        windows, strides, dilations, _, _ = self.window()
        f = in_fields[0]
        if f is None:
            return None, ["not tracked (nor is its input's)"]
        if f.is_whole:
            return f, ["its input already sees the whole input"]
        if not f.on_grid or len(f.size) != len(windows):
            return None, ["not tracked: its input's positions are no longer on the input's grid"]
        sizes, jumps, per_axis = [], [], []
        for r, j, k, s, d in zip(f.size, f.jump, windows, strides, dilations):
            size, jump, text = receptive_field_step(r, j, k, s, d)
            sizes.append(size)
            jumps.append(jump)
            per_axis.append([text])
        return Field(tuple(sizes), tuple(jumps), f.input_size), merge_axes(per_axis, SPATIAL_AXES[len(windows)])

    def output_positions(self, call):
        """The output's spatial sizes (None if one is unknown)."""
        return [call.output_shape[axis] for axis in self.spatial_indices()]
