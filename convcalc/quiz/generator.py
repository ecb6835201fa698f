"""Random quiz models, as a course would set them: small specs (version-1 format) at one
of three levels, from random.Random(seed) only, so that a seed gives the same quiz on any
machine and any Python (no hash(), no set order).

- intro: a Sequential of Dense layers (on a vector, or a flattened image), or a small
  convolution or two on a small image with a Dense head;
- conv: a Sequential convnet: Conv2D with padding and strides, BatchNormalization,
  max/average pooling, Flatten or global pooling, Dropout, a Dense head;
- advanced: a functional model: residual blocks (Add, a 1×1 projection when the channels
  change), inception-like branches (Concatenate), DepthwiseConv2D and SeparableConv2D;
  or recurrent layers (SimpleRNN, LSTM, GRU, Bidirectional) on a sequence, in branches.

Sizes are tracked here only to steer towards models Keras builds; the figures of a
model come from convcalc's analysis (and the tests check them against real Keras).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from convcalc.errors import SpecError, did_you_mean
from convcalc.layers.operation_utils import window_output_length

# The layer kinds --layers may name; Flatten, global pooling and Activation are the glue
# every level may use.
KINDS = ("dense", "conv", "pool", "norm", "dropout", "depthwise", "separable", "merge", "rnn")
# Per level: (its kinds, what it is about: for `quiz --help` and the questions' header).
LEVELS = {
    "intro": (("dense", "conv"), "Dense and Flatten layers; a small convolution or two"),
    "conv": (("conv", "pool", "norm", "dropout", "dense"),
             "Conv2D with padding and strides, pooling, BatchNormalization, a Dense head"),
    "advanced": (("conv", "merge", "depthwise", "separable", "rnn", "pool", "norm", "dense"),
                 "Add and Concatenate branches, depthwise/separable convolutions, RNNs"),
}
DEFAULT_LEVEL = "conv"
# Per level: the kinds a model needs one of (the others only add to it).
NEEDS = {"intro": ("dense", "conv"), "conv": ("conv", "pool", "norm"),
         "advanced": ("conv", "depthwise", "separable", "pool", "rnn")}


@dataclass
class Problem:
    """One generated model: its spec (the YAML's data) and what the questions ask."""

    number: int
    level: str
    spec: dict
    asks_field: bool = False  # a receptive field is asked (of the last window on the grid)


def parse_layers(text, level):
    """The kinds `--layers a,b,...` allows at a level (all of the level's by default)."""
    own = LEVELS[level][0]
    if text is None:
        return own
    asked = [word.strip().lower() for word in text.split(",") if word.strip()]
    for word in asked:
        if word not in KINDS:
            raise SpecError(f"--layers: unknown layer kind {word!r}.{did_you_mean(word, KINDS)}",
                            hint=f"the kinds are {', '.join(KINDS)}")
    kept = tuple(kind for kind in own if kind in asked)
    if not kept:
        raise SpecError(f"--layers {text}: none of these kinds is used at level {level}",
                        hint=f"level {level} uses {', '.join(own)}")
    if not any(kind in kept for kind in NEEDS[level]):
        raise SpecError(f"--layers {text}: a level-{level} model needs one of {', '.join(NEEDS[level])}",
                        hint=f"add one of them: --layers {text},{NEEDS[level][0]}")
    if "merge" in kept and not {"conv", "rnn"} & set(kept):
        raise SpecError(f"--layers {text}: merge joins branches of convolutions or recurrent layers",
                        hint=f"add conv or rnn: --layers {text},conv")
    return kept


def generate(seed: int, count: int, level: str = DEFAULT_LEVEL, kinds=None) -> list[Problem]:
    """`count` problems of a level, each from its own seed drawn from random.Random(seed)."""
    kinds = LEVELS[level][0] if kinds is None else tuple(kinds)
    draw = random.Random(seed)
    problems = []
    for number in range(1, count + 1):
        rng = random.Random(draw.getrandbits(64))
        problems.append(MAKERS[level](rng, kinds, number))
    return problems


def window_out(size, kernel, stride, padding):
    """A sliding window's output length (the rules' own arithmetic), to steer by."""
    return window_output_length(size, kernel, stride, padding)[0]


def _entry(class_name, args=None, **kwargs):
    """A spec layer entry: `- Flatten`, `- Dense: 10`, `- Conv2D: [8, 3]` with keywords beside."""
    if args is None and not kwargs:
        return class_name
    entry = {class_name: args}
    entry.update(kwargs)
    return entry


class _Image:
    """A Sequential or functional stack on an image, its spatial size and channels tracked."""

    def __init__(self, rng, size, channels):
        self.rng, self.size, self.channels = rng, size, channels
        self.layers = []

    def add(self, entry):
        self.layers.append(entry)
        return entry

    def conv(self, filters, kernel, strides=1, padding="valid", activation=None, **extra):
        kwargs = {}
        if strides != 1:
            kwargs["strides"] = strides
        if padding != "valid":
            kwargs["padding"] = padding
        if activation:
            kwargs["activation"] = activation
        kwargs.update(extra)
        self.size = window_out(self.size, kernel, strides, padding)
        self.channels = filters
        return self.add(_entry("Conv2D", [filters, kernel], **kwargs))

    def fits(self, kernel, strides=1, padding="valid", least=2):
        return window_out(self.size, kernel, strides, padding) >= least

    def pool(self, class_name, pool_size=2, strides=None, padding="valid"):
        kwargs = {}
        if strides is not None:
            kwargs["strides"] = strides
        if padding != "valid":
            kwargs["padding"] = padding
        self.size = window_out(self.size, pool_size, strides or pool_size, padding)
        # MaxPooling2D's pool_size defaults to 2; AveragePooling2D has no default (Keras 3)
        default = class_name == "MaxPooling2D" and pool_size == 2 and not kwargs
        return self.add(_entry(class_name, None if default else pool_size, **kwargs))


# -- intro --

def intro(rng, kinds, number):
    if "conv" in kinds and ("dense" not in kinds or rng.random() < 0.5):
        size, channels = rng.choice((5, 6, 7, 8, 10, 12, 14)), rng.choice((1, 1, 3))
        image = _Image(rng, size, channels)
        for _ in range(rng.randint(1, 2)):
            kernel = rng.choice((3, 3, 5) if image.fits(5) else (3,))
            if not image.fits(kernel):
                break
            image.conv(rng.choice((2, 4, 5, 6, 8, 16)), kernel, activation=rng.choice((None, "relu", "sigmoid")))
        if "dense" in kinds:
            image.add("Flatten")
            units = rng.choice((1, 2, 4, 10))
            image.add(_entry("Dense", units, activation="sigmoid" if units == 1 else "softmax"))
        spec = {"input": [size, size, channels], "layers": image.layers}
        return Problem(number, "intro", spec, asks_field=True)
    layers = []
    if rng.random() < 0.5:
        side = rng.choice((4, 8, 28))
        shape = [side, side] if rng.random() < 0.5 else [side, side, 1]
        layers.append("Flatten")
    else:
        shape = [rng.choice((2, 3, 4, 8, 10, 20, 64, 784))]
    for i in range(rng.randint(1, 3)):
        layers.append(_entry("Dense", rng.choice((4, 8, 16, 32, 64, 128)), activation="relu"))
    units = rng.choice((1, 2, 3, 10))
    activation = rng.choice(("sigmoid", None) if units == 1 else ("sigmoid", "softmax", None))
    layers.append(_entry("Dense", units, **({"activation": activation} if activation else {})))
    return Problem(number, "intro", {"input": shape, "layers": layers})


# -- conv --

def conv(rng, kinds, number):
    size, channels = rng.choice((16, 28, 32, 48, 64)), rng.choice((1, 3))
    image = _Image(rng, size, channels)
    main = [kind for kind in ("conv", "pool", "norm") if kind in kinds]
    for _ in range(rng.randint(2, 4)):
        if "conv" in kinds:
            kernel = rng.choice((1, 3, 3, 3, 5))
            strides = 2 if rng.random() < 0.25 else 1
            padding = rng.choice(("valid", "same"))
            if image.fits(kernel, strides, padding):
                filters = rng.choice((8, 16, 32, 64))
                if "norm" in kinds and rng.random() < 0.4:  # conv, BN, relu: the bias is left out
                    image.conv(filters, kernel, strides, padding, use_bias=False)
                    image.add("BatchNormalization")
                    image.add(_entry("Activation", "relu"))
                else:
                    image.conv(filters, kernel, strides, padding, activation="relu")
        elif "norm" in kinds and rng.random() < 0.5:
            image.add("BatchNormalization")
        if "pool" in kinds and (rng.random() < 0.6 or main == ["pool"]):
            class_name = rng.choice(("MaxPooling2D", "MaxPooling2D", "AveragePooling2D"))
            pool_size = rng.choice((2, 2, 3))
            strides = rng.choice((None, None, 2)) if pool_size == 3 else None
            padding = rng.choice(("valid", "valid", "same"))
            if image.fits(pool_size, strides or pool_size, padding, least=1):
                image.pool(class_name, pool_size, strides, padding)
    if not image.layers and "norm" in kinds:  # only norm asked (and dropout, dense): normalize the input
        image.add("BatchNormalization")
    if "dense" in kinds:
        image.add(rng.choice(("Flatten", "GlobalAveragePooling2D", "GlobalMaxPooling2D")))
        if "dropout" in kinds and rng.random() < 0.5:
            image.add(_entry("Dropout", rng.choice((0.25, 0.5))))
        if rng.random() < 0.4:
            image.add(_entry("Dense", rng.choice((32, 64, 128)), activation="relu"))
            if "dropout" in kinds and rng.random() < 0.5:
                image.add(_entry("Dropout", 0.5))
        units = rng.choice((1, 2, 5, 10))
        image.add(_entry("Dense", units, activation="sigmoid" if units == 1 else "softmax"))
    spec = {"input": [size, size, channels], "layers": image.layers}
    return Problem(number, "conv", spec, asks_field="conv" in kinds or "pool" in kinds)


# -- advanced --

class _Graph(_Image):
    """A functional image model: each tensor a layer name, the current one in `self.at`."""

    def __init__(self, rng, size, channels, input_name):
        super().__init__(rng, size, channels)
        self.at = input_name
        self.counts = {}

    def name(self, stem):
        """A fresh layer name (features1, branch2, ...), numbered per stem."""
        self.counts[stem] = self.counts.get(stem, 0) + 1
        return f"{stem}{self.counts[stem]}"

    def apply(self, entry, inputs=None, name=None):
        """Add `entry` on `inputs` (the current tensor by default), named `name` if given."""
        if isinstance(entry, str):
            entry = {entry: None}
        if inputs is not None and inputs != self.at:
            entry["inputs"] = inputs
        if name is not None:
            entry["name"] = name
            self.at = name
        else:
            self.at = None  # unnamed: only the next entry takes it
        self.add(entry)
        return entry

    def named(self, stem):
        """The current tensor's name, naming its layer now if it has none."""
        if self.at is None:
            self.at = self.layers[-1]["name"] = self.name(stem)
        return self.at


def advanced(rng, kinds, number):
    images = any(kind in kinds for kind in ("conv", "depthwise", "separable", "pool"))
    if "rnn" in kinds and (not images or rng.random() < 0.35):
        return _recurrent(rng, kinds, number)
    return _image_graph(rng, kinds, number)


def _image_graph(rng, kinds, number):
    size, channels = rng.choice((16, 24, 32, 64)), rng.choice((1, 3))
    graph = _Graph(rng, size, channels, "image")
    if "conv" in kinds:
        filters, strides = rng.choice((8, 16, 32)), rng.choice((1, 2))
        graph.apply(_entry("Conv2D", [filters, 3], **({"strides": 2} if strides == 2 else {}), padding="same",
                           activation="relu"), name="stem")
        graph.channels, graph.size = filters, window_out(size, 3, strides, "same")
    blocks = [k for k in ("depthwise", "separable", "pool") if k in kinds]
    if "merge" in kinds and "conv" in kinds:  # residual and inception blocks: the level's heart
        blocks += ["merge", "merge"]
    for _ in range(rng.randint(2, 3)):
        kind = rng.choice(blocks) if blocks else "conv"
        if kind == "merge":
            (_residual if "conv" in kinds and rng.random() < 0.6 else _branches)(graph, kinds)
        elif kind == "depthwise" and graph.size >= 3:
            strides = rng.choice((1, 1, 2))
            padding = rng.choice(("same", "valid")) if graph.size >= 5 else "same"
            multiplier = rng.choice((1, 1, 2))
            kwargs = {"strides": strides} if strides != 1 else {}
            if padding != "valid":
                kwargs["padding"] = padding
            if multiplier != 1:
                kwargs["depth_multiplier"] = multiplier
            graph.apply(_entry("DepthwiseConv2D", 3, **kwargs))
            graph.size, graph.channels = window_out(graph.size, 3, strides, padding), graph.channels * multiplier
            if "norm" in kinds and rng.random() < 0.5:
                graph.apply("BatchNormalization")
            if "conv" in kinds:  # pointwise, as MobileNet follows a depthwise convolution
                filters = rng.choice((16, 32, 64))
                graph.apply(_entry("Conv2D", [filters, 1], activation="relu"))
                graph.channels = filters
        elif kind == "separable" and graph.size >= 3:
            filters, strides = rng.choice((16, 32, 64)), rng.choice((1, 1, 2))
            multiplier = rng.choice((1, 1, 2))
            kwargs = {"padding": "same", "activation": "relu"}
            if strides != 1:
                kwargs["strides"] = strides
            if multiplier != 1:
                kwargs["depth_multiplier"] = multiplier
            graph.apply(_entry("SeparableConv2D", [filters, 3], **kwargs))
            graph.size, graph.channels = window_out(graph.size, 3, strides, "same"), filters
        elif kind == "pool" and graph.size >= 4:
            class_name = rng.choice(("MaxPooling2D", "AveragePooling2D"))
            graph.apply(_entry(class_name, None if class_name == "MaxPooling2D" else 2))
            graph.size //= 2
        elif kind == "conv" and graph.size >= 3:
            filters = rng.choice((16, 32))
            graph.apply(_entry("Conv2D", [filters, 3], padding="same", activation="relu"))
            graph.channels = filters
    if not graph.layers:
        graph.apply(_entry("MaxPooling2D", None))
    graph.apply("GlobalAveragePooling2D")
    if "dense" in kinds:
        graph.apply(_entry("Dense", rng.choice((2, 5, 10)), activation="softmax"))
    spec = {"inputs": {"image": [size, size, channels]}, "layers": [_plain(e) for e in graph.layers]}
    return Problem(number, "advanced", spec, asks_field=True)


def _residual(graph, kinds):
    """x + F(x): two 3×3 'same' convolutions, a 1×1 projection of x when F changes its channels."""
    rng = graph.rng
    start = graph.named("features")
    filters = rng.choice((graph.channels, graph.channels, 2 * graph.channels, 16))
    graph.apply(_entry("Conv2D", [filters, 3], padding="same", activation="relu"), inputs=start)
    if "norm" in kinds and rng.random() < 0.4:
        graph.apply("BatchNormalization")
    graph.apply(_entry("Conv2D", [filters, 3], padding="same"))
    body = graph.named("residual")
    shortcut = start
    if filters != graph.channels:
        graph.apply(_entry("Conv2D", [filters, 1]), inputs=start, name=graph.name("shortcut"))
        shortcut = graph.at
    graph.apply({"Add": None, "inputs": [shortcut, body]})
    graph.apply(_entry("Activation", "relu"))
    graph.channels = filters


def _branches(graph, kinds):
    """Inception-like: a 1×1, a 3×3 (and a pooling) branch on one tensor, concatenated."""
    rng = graph.rng
    start = graph.named("features")
    ends, channels = [], 0
    for kernel in (1, 3, 5)[: rng.randint(2, 3)]:
        if kernel > 1 and "conv" in kinds and rng.random() < 0.5:  # a 1×1 reduction first
            graph.apply(_entry("Conv2D", [rng.choice((4, 8)), 1], activation="relu"), inputs=start)
            graph.apply(_entry("Conv2D", [f := rng.choice((8, 16)), kernel], padding="same", activation="relu"))
        else:
            graph.apply(_entry("Conv2D", [f := rng.choice((8, 16, 32)), kernel], padding="same", activation="relu"),
                        inputs=start)
        ends.append(graph.named("branch"))
        channels += f
    if "pool" in kinds and rng.random() < 0.6:
        graph.apply(_entry("MaxPooling2D", 3, strides=1, padding="same"), inputs=start, name=graph.name("pool"))
        ends.append(graph.at)
        channels += graph.channels
    graph.apply({"Concatenate": None, "inputs": ends})
    graph.channels = channels


def _recurrent(rng, kinds, number):
    steps, features = rng.choice((10, 20, 30, 100)), rng.choice((1, 4, 8, 16, 32))
    layers = []
    classes = ("SimpleRNN", "LSTM", "GRU")

    def rnn(units, sequences, inputs=None, name=None, bidirectional=False):
        inner = {rng.choice(classes): units}
        if sequences:
            inner["return_sequences"] = True
        entry = {"Bidirectional": [inner]} if bidirectional else inner
        if inputs is not None:
            entry["inputs"] = inputs
        if name is not None:
            entry["name"] = name
        layers.append(entry)

    if "merge" in kinds and rng.random() < 0.6:  # two recurrent branches on the same sequence
        rnn(rng.choice((8, 16, 32)), False, name="branch1", bidirectional=rng.random() < 0.4)
        rnn(rng.choice((8, 16, 32)), False, inputs="sequence", name="branch2")
        layers.append({"Concatenate": None, "inputs": ["branch1", "branch2"]})
    else:
        if "conv" in kinds and rng.random() < 0.4:
            kernel = rng.choice((3, 5))
            layers.append(_entry("Conv1D", [rng.choice((8, 16)), kernel], activation="relu"))
        for _ in range(rng.randint(0, 1)):
            rnn(rng.choice((8, 16, 32, 64)), True, bidirectional=rng.random() < 0.3)
        rnn(rng.choice((4, 8, 16, 32)), False, bidirectional=rng.random() < 0.3)
    if "dense" in kinds:
        units = rng.choice((1, 3, 5))
        layers.append(_entry("Dense", units, activation="sigmoid" if units == 1 else "softmax"))
    spec = {"inputs": {"sequence": [steps, features]}, "layers": [_plain(e) for e in layers]}
    return Problem(number, "advanced", spec)


def _plain(entry):
    """`{Flatten: None}` back to `- Flatten`."""
    if isinstance(entry, dict) and len(entry) == 1:
        (key, value), = entry.items()
        if value is None:
            return key
    return entry


MAKERS = {"intro": intro, "conv": conv, "advanced": advanced}
