"""TimeDistributed: its layer's derivations on one step (the time axis taken out), its
MACs once per step."""

from __future__ import annotations

from types import SimpleNamespace

from convcalc.explain.base import ARROW, Explainer
from convcalc.explain.registry import explainer_class, explains
from convcalc.layers.base import Weight
from convcalc.layers.operation_utils import number


@explains("TimeDistributed")
class TimeDistributedExplainer(Explainer):
    def inner(self):
        """The explainer of the wrapped layer, on one step's shapes."""
        entry = self.rule.layer
        prefix = entry.name + "/"
        weights = [Weight(w.name.removeprefix(prefix), w.shape, w.trainable) for w in self.weights]
        size = sum(w.size for w in weights)
        layer = SimpleNamespace(
            name=entry.name, class_name=entry.class_name, rule=entry.rule, weights=weights,
            trainable=self.layer.trainable, params=size, call=None, model=None,
        )

        def tensor(shape):
            return SimpleNamespace(shape=(shape[0], *shape[2:]), layer=SimpleNamespace(class_name=None), node=None)

        node = SimpleNamespace(input_tensors=[tensor(self.input_shape)],
                               outputs=[tensor(s) for s in self.output_shapes])
        return explainer_class(entry.rule)(layer, node)

    @property
    def steps(self):
        return self.input_shape[1]

    def output(self):
        lines = [line.rpartition(ARROW)[0] if ARROW in line else line for line in self.inner().output()]
        steps = number(self.steps) if self.steps is not None else "None"
        lines[0] = f"each of the {steps} steps (axis 1): {lines[0]}"
        return self.result(lines)

    def params(self):
        inner = self.inner()
        lines = inner.params()
        self.mismatch = inner.mismatch  # the wrapped layer's formula is this layer's
        return lines

    def macs(self):
        value, lines = self.inner().macs()
        if value is None or not value:
            return value, lines
        if self.steps is None:
            return None, ["unknown: the number of steps is None"]
        return value * self.steps, lines + [f"× {number(self.steps)} steps = {number(value * self.steps)}"]
