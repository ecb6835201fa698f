"""Keras layers convcalc refuses, and why: data, read by the engine (resolve_class) and by
scripts/gen_coverage.py (docs/coverage.md).

A class here has no rule on purpose: its shapes and weights are defined by code or files
that a spec cannot hold, and convcalc never runs code from a spec (nor loads files).
"""

from __future__ import annotations

from dataclasses import dataclass

NEVER_RUNS = "convcalc never runs code from a spec (nor loads files)"


@dataclass(frozen=True)
class Refusal:
    why: str  # completes "<ClassName> ..."
    instead: str  # how to describe the layer instead
    runs_code: bool = True  # refused because it wraps code or files

    def message(self, class_name):
        return f"{class_name} {self.why}"

    def hint(self):
        return f"{NEVER_RUNS}; {self.instead}" if self.runs_code else self.instead


REFUSED: dict[str, Refusal] = {
    "Lambda": Refusal(
        "wraps Python code (its `function`): its output shape is whatever that code returns",
        "write the layers the function stands for with Keras's own classes "
        "(e.g. Activation, Rescaling, Reshape, Permute, Multiply)",
    ),
    "Layer": Refusal(
        "is the base class of custom layers: a subclass's weights and output are defined by "
        "Python code (its build and call)",
        "describe the custom layer by the Keras layers it is made of, e.g. a nested "
        "`Sequential:` entry with those layers",
    ),
    "Wrapper": Refusal(
        "is the abstract base class of layer wrappers: what a subclass computes is defined "
        "by Python code",
        "use one of Keras's wrappers, e.g. TimeDistributed or Bidirectional, with the "
        "wrapped layer as a layer entry",
    ),
    "FlaxLayer": Refusal(
        "wraps a Flax module (Python code run by JAX): its weights and output come from "
        "running that module",
        "describe the module by the Keras layers it is equivalent to",
    ),
    "JaxLayer": Refusal(
        "wraps JAX functions (call_fn, init_fn): its weights and output come from running them",
        "describe the computation by the Keras layers it is equivalent to",
    ),
    "TorchModuleWrapper": Refusal(
        "wraps a PyTorch module (Python code run by PyTorch): its weights and output come "
        "from running that module",
        "describe the module by the Keras layers it is equivalent to "
        "(e.g. torch.nn.Linear as Dense, torch.nn.Conv2d as Conv2D)",
    ),
    "TFSMLayer": Refusal(
        "wraps a TensorFlow SavedModel loaded from disk: its weights and output come from "
        "that file's graph",
        "describe the saved model's layers in the spec, e.g. as a nested `Sequential:` or "
        "`Functional:` entry",
    ),
}

# Classes with a rule that Keras cannot use as a model's own layer (only inside another
# layer, such as Pipeline): class -> why, completing "<ClassName> ...".
NOT_A_MODEL_LAYER: dict[str, Refusal] = {
    "Equalization": Refusal(
        "cannot be a model's layer in Keras 3.15: its compute_output_spec returns its input "
        "tensor itself, and Keras refuses the model ('... is part of a cycle')",
        "use it inside a Pipeline: `Pipeline: {layers: [{Equalization: {}}]}`, which Keras builds",
        runs_code=False,
    ),
}
