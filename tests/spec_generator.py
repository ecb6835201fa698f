"""Random specs for the differential test: valid models over every layer and option the
analytic engine supports, and invalid variants of them.

A spec is generated as plain data (what the YAML holds), then written as YAML text. The
generator tracks each tensor's shape with its own small arithmetic, only to steer towards
models that Keras can build (kernels that fit, groups that divide, merges of equal shapes);
the oracle is Keras, never this file. Everything is drawn from one random.Random(seed),
so a seed reproduces its spec exactly.

Grow it with every new layer: add a maker to MAKERS (or a reason to NOT_GENERATED);
test_differential fails on a rule that has neither.
"""

from __future__ import annotations

import math
import random

import yaml

from convcalc.layers.signatures import call_signature, keras_classes, other_classes

DTYPES = ("float32", "float16", "bfloat16", "float64", "mixed_float16", "mixed_bfloat16")
ACTIVATIONS = (None, "relu", "sigmoid", "tanh", "softmax", "gelu", "linear")
MERGES = ("Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum")
ATTENTION = ("Attention", "AdditiveAttention", "MultiHeadAttention", "GroupedQueryAttention")
# Layers whose weights belong to sublayers they hold (a cell, a wrapped layer, projections).
SUBLAYERED = ("TimeDistributed", "Bidirectional", "RNN", "SimpleRNN", "LSTM", "GRU", "ConvLSTM1D",
              "ConvLSTM2D", "SpectralNormalization", "MultiHeadAttention", "GroupedQueryAttention")


def spatial_axes(shape, data_format):
    """(channels index, spatial indices) of a shape without its batch axis."""
    if data_format == "channels_first":
        return 0, list(range(1, len(shape)))
    return len(shape) - 1, list(range(len(shape) - 1))


def window_length(n, window, stride, padding, dilation=1):
    """Keras's conv/pooling output length (None stays None)."""
    if n is None:
        return None
    if padding == "valid":
        return (n - (window - 1) * dilation - 1) // stride + 1
    return (n - 1) // stride + 1


class Generator:
    """Draws one spec. `shape`s are tuples without the batch axis (None: a free axis)."""

    def __init__(self, rng: random.Random, depth=0):
        self.rng = rng
        self.depth = depth  # nesting level: nested models hold no deeper models past 2
        self.names = 0

    # -- small draws --------------------------------------------------------------------
    def chance(self, p):
        return self.rng.random() < p

    def pick(self, options):
        return self.rng.choice(list(options))

    def fresh_name(self, prefix="t"):
        self.names += 1
        return f"{prefix}{self.depth}_{self.names}"

    def per_axis(self, values):
        """An int when all axes share it (sometimes), else a list."""
        if len(set(values)) == 1 and self.chance(0.6):
            return values[0]
        return list(values)

    def data_format(self):
        return "channels_first" if self.chance(0.25) else self.pick([None, "channels_last"])

    def common(self, class_name, kwargs):
        """Options every layer may take (where Keras's class takes them)."""
        keywords = keras_classes()[class_name]["keywords"]
        if "dtype" in keywords and self.chance(0.15):
            kwargs["dtype"] = self.pick(DTYPES)
        # Known difference between Keras's backends, not modeled: freezing a model sets each
        # layer's `trainable`, which sets its sublayers' too, except on TensorFlow for a
        # layer already constructed frozen (there its sublayers' variables stay trainable
        # in the model's totals; on JAX they do not)
        frozen_twice = class_name in SUBLAYERED and self.depth > 0
        if "trainable" in keywords and not frozen_twice and self.chance(0.12):
            kwargs["trainable"] = False
        return kwargs

    def merge_entry(self, class_name):
        kwargs = self.common(class_name, {})
        return {class_name: kwargs or None}

    def entry(self, class_name, kwargs):
        """A layer entry; Keras's leading positional arguments sometimes written as a list."""
        kwargs = {k: v for k, v in kwargs.items() if v is not None}
        positional = keras_classes()[class_name]["positional"]
        leading = []
        for key in positional:
            if key not in kwargs or not self.chance(0.5):
                break
            leading.append(kwargs.pop(key))
        if not leading:
            return {class_name: kwargs} if kwargs else class_name
        if len(leading) == 1 and not isinstance(leading[0], (list, dict)) and self.chance(0.5):
            return {class_name: leading[0], **kwargs}  # `Dense: 8`: one positional argument
        return {class_name: leading, **kwargs}

    # -- layers on one tensor ------------------------------------------------------------
    def layer(self, shape, allow_nested=True):
        """(entry, output shape) of a random layer applicable to `shape`, or None."""
        makers = [m for m in WEIGHTS if m.applies(self, shape)]
        weights = [WEIGHTS[m] for m in makers]
        if allow_nested and self.depth < 2:
            makers += [NestedSequential, NestedFunctional]
            weights += [0.5, 0.5]
        for _ in range(8):
            result = self.rng.choices(makers, weights)[0].make(self, shape)
            if result is not None:
                return result
        return None

    def chain(self, shape, length, allow_nested=True):
        """(entries, output shape) of `length` layers applied one after another."""
        entries = []
        for _ in range(length):
            made = self.layer(shape, allow_nested)
            if made is None:
                break
            entry, shape = made
            entries.append(entry)
        return entries, shape

    # -- whole specs --------------------------------------------------------------------
    def input_shape(self):
        rank = self.pick([1, 2, 2, 3, 3, 3, 4])  # vectors, sequences, images, volumes
        shape = [self.rng.randint(1, 9) for _ in range(rank - 1)] + [self.rng.randint(1, 6)]
        if rank == 3:
            shape[:2] = [self.rng.randint(3, 14) for _ in range(2)]
        if rank > 1 and self.chance(0.1):  # a free spatial axis
            shape[0] = None
        return tuple(shape)

    def sequential(self):
        shape = self.input_shape()
        entries, _ = self.chain(shape, self.rng.randint(1, 6))
        if not entries:
            entries = ["Flatten"]
        data = {}
        first = entries[0]
        first_class = next(iter(first)) if isinstance(first, dict) else None
        takes_shape = first_class in keras_classes() and "input_shape" in keras_classes()[first_class]["keywords"]
        if takes_shape and None not in shape and self.chance(0.2):
            first["input_shape"] = list(shape)  # Keras 3 still takes it on the first layer
        else:
            data["input"] = list(shape)
        data["layers"] = entries
        return data

    def functional(self):
        graph = FunctionalGraph(self)
        return graph.spec()

    def spec(self):
        data = self.functional() if self.chance(0.5) else self.sequential()
        if self.chance(0.2):
            data["batch_size"] = self.rng.randint(1, 8)
        if self.chance(0.15):
            data["name"] = self.pick(["net", "my_model", "m1"])
        return data


class FunctionalGraph:
    """A functional model: named inputs, branches merged again, shared layers, several
    outputs. Tensors are referred to by the names the generator gives the layers."""

    def __init__(self, gen: Generator):
        self.gen = gen
        self.entries = []
        self.tensors = {}  # name -> shape of each tensor a later entry may refer to
        self.current = None  # (name or None, shape) of the last entry's output
        self.layers_by_name = {}  # name -> input shape of each named single-input layer

    def spec(self):
        gen = self.gen
        inputs = {}
        first = gen.input_shape()
        inputs["image"] = list(first)
        if gen.chance(0.3):  # a second input: the same shape (to merge) or another
            inputs["extra"] = list(first) if gen.chance(0.5) else list(gen.input_shape())
        for name, shape in inputs.items():
            self.tensors[name] = tuple(shape)
        self.current = ("image", first)
        for _ in range(gen.rng.randint(1, 5)):
            self.step()
        data = {"api": "functional", "inputs": inputs, "layers": self.entries}
        if not self.entries:
            self.add(("Flatten", first[:0] + (_product(first),)), "image")
        outputs = self.outputs()
        if outputs:
            data["outputs"] = outputs
        return data

    def add(self, made, source=None, name=None, inputs=None):
        """Append an entry made by a maker; applied to `source` (a name) or the last output."""
        entry, shape = made
        if isinstance(entry, str):
            entry = {entry: None}
        if inputs is not None:
            entry["inputs"] = inputs
        elif source is not None and source != self.current[0]:
            entry["inputs"] = source
        if name is None and self.gen.chance(0.5):
            name = self.gen.fresh_name()
        if name is not None:
            self.name_entry(entry, name)
            self.tensors[name] = shape
        self.entries.append(entry)
        self.current = (name, shape)
        return name, shape

    def name_entry(self, entry, name):
        class_name = next(k for k in entry if k[:1].isupper() or k.startswith("ops."))
        value = entry[class_name]
        if class_name in ("Sequential", "Functional"):
            value["name"] = name
        elif isinstance(value, dict):
            value["name"] = name
        else:
            entry["name"] = name

    def source(self):
        """A tensor to apply the next layer to: mostly the last one."""
        if self.current[0] is not None or not self.tensors or self.gen.chance(0.7):
            return self.current
        name = self.gen.pick(self.tensors)
        return name, self.tensors[name]

    def step(self):
        kind = self.gen.pick(["layer", "layer", "residual", "concat", "shared", "dot", "attention", "operation",
                              "masked", "states"])
        getattr(self, kind)()

    def operation(self):
        """A keras.ops operation on the last output, as code writes it on tensors: x[:, 1:],
        ops.mean(x, axis=1), x * 2.0, -x, ops.transpose(x), ops.concatenate([x, y]), x @ y, ..."""
        if None in self.current[1]:
            return self.layer()
        start, shape = self.named_current()
        gen, rng = self.gen, self.gen.rng
        rank = len(shape)  # the batch axis not counted: an operation's axes count it
        kind = gen.pick(["slice", "reduce", "unary", "constant", "binary", "transpose", "expand", "reshape",
                         "concat", "matmul"])
        inputs, kwargs, out = [start], {}, shape
        if kind == "slice":
            first = rng.randint(0, shape[0] - 1)
            if rank > 1 and gen.chance(0.4):
                kwargs["key"], out = gen.pick([f"[:, {first}]", f"[:, {first - shape[0]}]"]), shape[1:]
            elif gen.chance(0.5):
                kwargs["key"], out = f"[:, {first}:]", (shape[0] - first, *shape[1:])
            else:
                stop = rng.randint(1, shape[-1])
                kwargs["key"], out = f"[..., :{stop}]", (*shape[:-1], stop)
            class_name = "ops.GetItem"
        elif kind == "reduce":
            class_name = gen.pick(["ops.Mean", "ops.Sum", "ops.Max", "ops.Min"])
            axis = rng.randint(1, rank)
            kwargs["axis"] = gen.pick([axis, axis - rank - 1])
            keep = rank == 1 or gen.chance(0.3)
            if keep:
                kwargs["keepdims"] = True
            out = tuple(1 if i == axis - 1 else d for i, d in enumerate(shape)) if keep else \
                tuple(d for i, d in enumerate(shape) if i != axis - 1)
        elif kind == "unary":
            class_name = gen.pick(["ops.Negative", "ops.Absolute", "ops.Square", "ops.Relu", "ops.Sigmoid",
                                   "ops.Tanh", "ops.Softmax", "ops.Exp", "ops.Cast"])
            if class_name == "ops.Cast" and "dtype" in str(self.entries):
                # Keras casts a layer's inputs to its dtype with ops.cast, whose Cast operations
                # take the names cast, cast_1, ...: convcalc does not model those casts
                class_name = "ops.Negative"
            if class_name == "ops.Cast":
                kwargs["dtype"] = gen.pick(["float16", "int32", "float64"])
        elif kind == "constant":
            class_name = gen.pick(["ops.Add", "ops.Multiply", "ops.Subtract", "ops.TrueDivide", "ops.Greater"])
            kwargs[gen.pick(["x1", "x2"]) if class_name != "ops.TrueDivide" else "x2"] = gen.pick([2.0, 0.5, 3, 1])
        elif kind == "binary":
            class_name = gen.pick(["ops.Add", "ops.Multiply", "ops.Maximum", "ops.Subtract"])
            inputs = [start, self.same_shaped(shape, exclude=[start]) or start]
        elif kind == "transpose":
            class_name = "ops.Transpose"
            axes = [0] + rng.sample(range(1, rank + 1), rank)
            kwargs["axes"], out = axes, tuple(shape[a - 1] for a in axes[1:])
        elif kind == "expand":
            class_name = gen.pick(["ops.ExpandDims", "ops.Squeeze"]) if 1 in shape else "ops.ExpandDims"
            if class_name == "ops.ExpandDims":
                axis = rng.randint(1, rank + 1)
                kwargs["axis"], out = axis, (*shape[:axis - 1], 1, *shape[axis - 1:])
            else:
                axis = shape.index(1) + 1
                kwargs["axis"], out = axis, tuple(d for i, d in enumerate(shape) if i != axis - 1)
                if not out:
                    return self.layer()
        elif kind == "reshape":
            class_name = "ops.Reshape"
            kwargs["newshape"], out = [-1, _product(shape)], (_product(shape),)
        elif kind == "concat":
            class_name = "ops.Concatenate"
            inputs = [start, self.same_shaped(shape, exclude=[start]) or start]
            kwargs["axis"] = gen.pick([-1, rank])
            out = (*shape[:-1], shape[-1] * 2)
        else:
            if rank < 2:
                return self.layer()
            class_name = "ops.Matmul"
            transposed, _ = self.add(({"ops.Transpose": {"axes": [0, *range(1, rank - 1), rank, rank - 1]}},
                                      (*shape[:-2], shape[-1], shape[-2])), inputs=[start], name=gen.fresh_name())
            inputs, out = [start, transposed], (*shape[:-1], shape[-2])
        self.add(({class_name: kwargs or None}, out), inputs=inputs)

    def hidden(self, entry, source=None, inputs=None):
        """An entry no later step refers to by name (its output is masked, or several):
        only the steps that made it use it."""
        if inputs is not None:
            entry["inputs"] = inputs
        elif source is not None:
            entry["inputs"] = source
        name = self.gen.fresh_name("m")
        self.name_entry(entry, name)
        self.entries.append(entry)
        return name

    def masked(self):
        """A mask made (Embedding's mask_zero on a vector of ids, Masking on a sequence),
        carried by layers that take or pass it on, and ended (the last step of an RNN,
        pooling) before anything else sees it: Keras 3 lists its not_equal and any."""
        name, shape = self.current
        gen, rng = self.gen, self.gen.rng
        if len(shape) == 1:
            dim = rng.randint(2, 8)
            start = self.hidden({"Embedding": {"input_dim": rng.randint(2, 50), "output_dim": dim,
                                               "mask_zero": True}}, source=name)
            shape = (shape[0], dim)
        elif len(shape) == 2 and shape[-1] is not None:
            # a float32 Dense first: on another dtype, Keras casts Masking's input (not modeled)
            start = self.hidden({"Dense": {"units": shape[-1]}}, source=name)
            start = self.hidden({"Masking": {"mask_value": gen.pick([0.0, -1.0, 0.5])}}, source=start)
        else:
            return self.layer()
        for _ in range(rng.randint(0, 2)):  # layers that pass the mask on
            kind = gen.pick(["Dropout", "Dense", "BatchNormalization", "LSTM", "GRU", "Bidirectional"])
            units = rng.randint(1, 5)
            entry = {"Dropout": {"rate": 0.1}, "Dense": {"units": units}, "BatchNormalization": {},
                     "LSTM": {"units": units, "return_sequences": True},
                     "GRU": {"units": units, "return_sequences": True},
                     "Bidirectional": {"layer": {"SimpleRNN": {"units": units, "return_sequences": True}}}}[kind]
            start = self.hidden({kind: entry}, source=start)
            if kind not in ("Dropout", "BatchNormalization"):
                shape = (shape[0], 2 * units if kind == "Bidirectional" else units)
        end = gen.pick(["LSTM", "GRU", "Bidirectional", "GlobalAveragePooling1D"])
        units = rng.randint(1, 5)
        if end == "GlobalAveragePooling1D":
            self.add(({end: None}, (shape[-1],)), inputs=start)
        elif end == "Bidirectional":
            self.add(({end: {"layer": {"LSTM": units}}}, (2 * units,)), inputs=start)
        else:
            self.add(({end: units}, (units,)), inputs=start)

    def states(self):
        """An RNN's states (return_state) start another's (initial_state:): LSTM's h and c,
        GRU's and SimpleRNN's one, a Bidirectional LSTM's four."""
        name, shape = self.current
        if len(shape) != 2 or shape[-1] is None:
            return self.layer()
        start, shape = self.named_current()
        gen, rng = self.gen, self.gen.rng
        units = rng.randint(1, 5)
        class_name = gen.pick(["LSTM", "GRU", "SimpleRNN", "Bidirectional"])
        sequences = gen.chance(0.5)
        if class_name == "Bidirectional":
            inner = {"LSTM": {"units": units, "return_state": True}}
            encoder = self.hidden({"Bidirectional": {"layer": inner}}, source=start)
            states = [f"{encoder}[{i}]" for i in range(1, 5)]
            decoder = {"Bidirectional": {"layer": {"LSTM": {"units": units, "return_sequences": sequences}}}}
            width = 2 * units
        else:
            encoder = self.hidden({class_name: {"units": units, "return_state": True,
                                                "return_sequences": gen.chance(0.5)}}, source=start)
            states = [f"{encoder}[{i}]" for i in range(1, 3 if class_name == "LSTM" else 2)]
            decoder = {class_name: {"units": units, "return_sequences": sequences}}
            width = units
        decoder["initial_state"] = states if len(states) > 1 or gen.chance(0.5) else states[0]
        self.add((decoder, (shape[0], width) if sequences else (width,)), inputs=start)

    def attention(self):
        """Self-attention over a sequence: Attention or AdditiveAttention on [query, value],
        MultiHeadAttention or GroupedQueryAttention on {query, value}."""
        name, shape = self.current
        if len(shape) != 2 or shape[-1] is None:
            return self.layer()
        start, shape = self.named_current()
        class_name = self.gen.pick(ATTENTION)
        rng = self.gen.rng
        if class_name in ("Attention", "AdditiveAttention"):
            kwargs = {"use_scale": True} if self.gen.chance(0.3) else {}
            inputs = [start, start]
        elif class_name == "MultiHeadAttention":
            kwargs = {"num_heads": rng.randint(1, 3), "key_dim": rng.randint(1, 4)}
            inputs = {"query": start, "value": start}
        else:
            kv_heads = rng.randint(1, 2)
            kwargs = {"head_dim": rng.randint(1, 4), "num_query_heads": kv_heads * rng.randint(1, 2),
                      "num_key_value_heads": kv_heads}
            inputs = {"query": start, "value": start}
        entry = {class_name: self.gen.common(class_name, kwargs) or None}
        self.add((entry, shape), inputs=inputs)

    def layer(self):
        name, shape = self.source()
        made = self.gen.layer(shape)
        if made is not None:
            self.add(made, source=name)

    def named_current(self):
        """The last output, named (an Activation named after it, if it has no name)."""
        name, shape = self.current
        if name is None:
            name, shape = self.add(Activation.make(self.gen, shape), name=self.gen.fresh_name())
        return name, shape

    def residual(self):
        """x → (a layer or two that keep the shape) → Add/Multiply/... with x."""
        if self.current[1][-1] is None:
            return self.layer()
        start, shape = self.named_current()
        branch = [KeepShape.make(self.gen, shape) for _ in range(self.gen.rng.randint(1, 2))]
        last = None
        for i, made in enumerate(branch):
            last, _ = self.add(made, source=start if i == 0 else None, name=self.gen.fresh_name())
        merge = self.gen.pick(MERGES[:1] * 3 + MERGES) if len(branch) else "Add"
        refs = [start, last]
        if merge != "Subtract" and self.gen.chance(0.2) and self.same_shaped(shape, exclude=refs):
            refs.append(self.same_shaped(shape, exclude=refs))
        self.add((self.gen.merge_entry(merge), shape), inputs=refs)

    def same_shaped(self, shape, exclude=()):
        names = [n for n, s in self.tensors.items() if s == shape and n not in exclude]
        return names[0] if names else None

    def concat(self):
        """x → two layers changing only the channel count → Concatenate."""
        name, shape = self.current
        if len(shape) < 1 or shape[-1] is None:
            return self.layer()
        start, shape = self.named_current()
        ends = []
        for _ in range(2):
            made = ChannelsOnly.make(self.gen, shape)
            ends.append(self.add(made, source=start, name=self.gen.fresh_name()))
        axis = self.gen.pick([-1, len(shape)])
        total = ends[0][1][-1] + ends[1][1][-1]
        entry = {"Concatenate": {"axis": axis}} if axis != -1 or self.gen.chance(0.5) else {"Concatenate": None}
        self.add((entry, shape[:-1] + (total,)), inputs=[ends[0][0], ends[1][0]])

    def shared(self):
        """A named layer applied to two tensors of one shape: `use:` it again."""
        name, shape = self.source()
        made = KeepShape.make(self.gen, shape) if shape[-1] is not None else None
        if made is None:
            return self.layer()
        layer_name = self.gen.fresh_name("shared")
        self.add(made, source=name, name=layer_name)
        other = self.same_shaped(shape) or name
        self.entries.append({"use": layer_name, "inputs": other} if other else {"use": layer_name})
        self.current = (layer_name, made[1])  # a name means the layer's latest call

    def dot(self):
        """Dot of two vectors (batch, n): the same tensor with a Dense of its own size."""
        name, shape = self.current
        if len(shape) != 1 or shape[0] is None:
            return self.layer()
        start, shape = self.named_current()
        other, _ = self.add(({"Dense": shape[0]}, shape), source=start, name=self.gen.fresh_name())
        axes = self.gen.pick([1, -1, [1, 1]])
        entry = {"Dot": {"axes": axes}}
        if self.gen.chance(0.3):
            entry["Dot"]["normalize"] = True
        self.add((entry, (1,)), inputs=[start, other])

    def outputs(self):
        """The last entry's output, and sometimes another named tensor as a second head."""
        last = self.current[0]
        others = [n for n in self.tensors if n not in ("image", "extra") and n != last]
        if last is None or not others or not self.gen.chance(0.3):
            return None
        return [last, self.gen.pick(others)]


def _product(shape):
    return None if None in shape else math.prod(shape)


# -- makers: one per layer family -----------------------------------------------------------


class Maker:
    """Makes a random layer of some classes for an input shape."""

    classes: tuple = ()

    @classmethod
    def applies(cls, gen, shape):
        return True

    @classmethod
    def make(cls, gen, shape):
        raise NotImplementedError


def _windows(gen, lengths, dilate=True, strided=True, valid_ok=True):
    """(window sizes, strides, dilations, padding) that fit the spatial lengths."""
    padding = gen.pick(["valid", "valid", "same"]) if valid_ok else "same"
    windows, strides, dilations = [], [], []
    dilated = dilate and gen.chance(0.25)
    for n in lengths:
        d = gen.rng.randint(2, 3) if dilated else 1
        room = n if n is not None else 5
        k = gen.rng.randint(1, max(1, min(4, (room - 1) // d + 1)))
        if padding == "valid" and n is not None and (k - 1) * d + 1 > n:
            k, d = 1, 1
        windows.append(k)
        dilations.append(d)
        strides.append(gen.rng.randint(1, 3) if strided and gen.chance(0.4) else 1)
    return windows, strides, dilations, padding


def _spatial_out(shape, data_format, windows, strides, dilations, padding, channels):
    ch, spatial = spatial_axes(shape, data_format)
    out = [window_length(shape[i], k, s, padding, d) for i, k, s, d in zip(spatial, windows, strides, dilations)]
    if any(n is not None and n <= 0 for n in out):
        return None
    return (channels, *out) if data_format == "channels_first" else (*out, channels)


class Conv(Maker):
    """Conv1D/2D/3D, DepthwiseConv1D/2D, SeparableConv1D/2D."""

    classes = ("Conv1D", "Conv2D", "Conv3D", "DepthwiseConv1D", "DepthwiseConv2D",
               "SeparableConv1D", "SeparableConv2D")

    @classmethod
    def applies(cls, gen, shape):
        return 2 <= len(shape) <= 4

    @classmethod
    def make(cls, gen, shape):
        rank = len(shape) - 1
        options = [c for c in cls.classes if c.endswith(f"{rank}D")]
        class_name = gen.pick(options)
        data_format = gen.data_format()
        ch, spatial = spatial_axes(shape, data_format or "channels_last")
        channels = shape[ch]
        if channels is None:
            return None
        windows, strides, dilations, padding = _windows(gen, [shape[i] for i in spatial])
        if class_name.startswith("Conv") and max(strides) > 1 and max(dilations) > 1:
            dilations = [1] * rank  # Keras refuses both (a valid spec does not)
        if class_name == "Conv1D" and gen.chance(0.2):
            padding = "causal"
        kwargs = {}
        if not class_name.startswith("Depthwise"):
            groups = 1
            if class_name.startswith("Conv") and gen.chance(0.3):
                groups = gen.pick([g for g in range(1, channels + 1) if channels % g == 0])
            kwargs["filters"] = groups * gen.rng.randint(1, 4)
            if groups > 1:
                kwargs["groups"] = groups
        kwargs["kernel_size"] = gen.per_axis(windows)
        if max(strides) > 1 or gen.chance(0.1):
            kwargs["strides"] = gen.per_axis(strides)
        if padding != "valid" or gen.chance(0.2):
            kwargs["padding"] = padding.upper() if gen.chance(0.1) else padding
        if max(dilations) > 1:
            kwargs["dilation_rate"] = gen.per_axis(dilations)
        if class_name.startswith(("Depthwise", "Separable")) and gen.chance(0.5):
            kwargs["depth_multiplier"] = gen.rng.randint(1, 3)
        if data_format:
            kwargs["data_format"] = data_format
        if gen.chance(0.2):
            kwargs["use_bias"] = False
        if gen.chance(0.3):
            kwargs["activation"] = gen.pick(ACTIVATIONS)
        if class_name.startswith("Conv") and gen.chance(0.15):
            kwargs["lora_rank"] = gen.rng.randint(1, 4)
        out_channels = kwargs.get("filters") or channels * kwargs.get("depth_multiplier", 1)
        out = _spatial_out(shape, data_format or "channels_last", windows, strides, dilations,
                           "same" if padding == "causal" else padding, out_channels)
        if out is None:
            return None
        return gen.entry(class_name, gen.common(class_name, kwargs)), out


class Pooling(Maker):
    classes = tuple(f"{kind}Pooling{r}D" for kind in ("Max", "Average") for r in (1, 2, 3))

    @classmethod
    def applies(cls, gen, shape):
        return 2 <= len(shape) <= 4

    @classmethod
    def make(cls, gen, shape):
        rank = len(shape) - 1
        class_name = f"{gen.pick(['Max', 'Average'])}Pooling{rank}D"
        data_format = gen.data_format()
        ch, spatial = spatial_axes(shape, data_format or "channels_last")
        windows, strides, _, padding = _windows(gen, [shape[i] for i in spatial], dilate=False)
        kwargs = {}
        # MaxPooling's pool_size defaults to 2; AveragePooling's must be given
        if class_name.startswith("Average") or windows != [2] * rank or gen.chance(0.3):
            kwargs["pool_size"] = gen.per_axis(windows)
        if gen.chance(0.4):
            kwargs["strides"] = gen.per_axis(strides)
        else:  # strides default to pool_size
            strides = windows
        if padding != "valid" or gen.chance(0.2):
            kwargs["padding"] = padding
        if data_format:
            kwargs["data_format"] = data_format
        out = _spatial_out(shape, data_format or "channels_last", windows, strides, [1] * rank, padding, shape[ch])
        if out is None:
            return None
        return gen.entry(class_name, gen.common(class_name, kwargs)), out


class GlobalPooling(Maker):
    classes = tuple(f"Global{kind}Pooling{r}D" for kind in ("Max", "Average") for r in (1, 2, 3))

    @classmethod
    def applies(cls, gen, shape):
        return 2 <= len(shape) <= 4

    @classmethod
    def make(cls, gen, shape):
        rank = len(shape) - 1
        class_name = f"Global{gen.pick(['Max', 'Average'])}Pooling{rank}D"
        data_format = gen.data_format()
        ch, _ = spatial_axes(shape, data_format or "channels_last")
        kwargs = {}
        if data_format:
            kwargs["data_format"] = data_format
        keepdims = gen.chance(0.3)
        if keepdims:
            kwargs["keepdims"] = True
        kept = (1,) * rank if keepdims else ()
        out = (shape[ch], *kept) if data_format == "channels_first" else (*kept, shape[ch])
        return gen.entry(class_name, gen.common(class_name, kwargs)), out


class Dense(Maker):
    classes = ("Dense",)

    @classmethod
    def applies(cls, gen, shape):
        return shape[-1] is not None

    @classmethod
    def make(cls, gen, shape, units=None):
        kwargs = {"units": units or gen.rng.randint(1, 10)}
        if gen.chance(0.3):
            kwargs["activation"] = gen.pick(ACTIVATIONS)
        if gen.chance(0.2):
            kwargs["use_bias"] = False
        if gen.chance(0.15):
            kwargs["lora_rank"] = gen.rng.randint(1, 4)
        return gen.entry("Dense", gen.common("Dense", kwargs)), (*shape[:-1], kwargs["units"])


class Activation(Maker):
    classes = ("Activation",)

    @classmethod
    def make(cls, gen, shape):
        return gen.entry("Activation", gen.common("Activation", {"activation": gen.pick(ACTIVATIONS[1:])})), shape


class Dropout(Maker):
    classes = ("Dropout", "SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D")

    @classmethod
    def make(cls, gen, shape):
        rate = gen.pick([0.0, 0.1, 0.25, 0.5, 0.9])
        if 2 <= len(shape) <= 4 and gen.chance(0.5):
            class_name = f"SpatialDropout{len(shape) - 1}D"
            kwargs = {"rate": rate}
            if len(shape) > 2 and gen.chance(0.3):
                kwargs["data_format"] = gen.pick(["channels_first", "channels_last"])
            return gen.entry(class_name, gen.common(class_name, kwargs)), shape
        return gen.entry("Dropout", gen.common("Dropout", {"rate": rate})), shape


class BatchNormalization(Maker):
    classes = ("BatchNormalization",)

    @classmethod
    def applies(cls, gen, shape):
        return any(d is not None for d in shape)

    @classmethod
    def make(cls, gen, shape):
        axes = [i + 1 for i, d in enumerate(shape) if d is not None]
        axis = gen.pick(axes)
        kwargs = {}
        if axis != len(shape) or gen.chance(0.2):
            kwargs["axis"] = axis if gen.chance(0.5) else axis - len(shape) - 1
        for flag in ("center", "scale"):
            if gen.chance(0.25):
                kwargs[flag] = False
        return gen.entry("BatchNormalization", gen.common("BatchNormalization", kwargs)), shape


class Flatten(Maker):
    classes = ("Flatten",)

    @classmethod
    def make(cls, gen, shape):
        kwargs = {"data_format": gen.data_format()} if gen.chance(0.2) else {}
        return gen.entry("Flatten", gen.common("Flatten", kwargs)), (_product(shape),)


class Reshape(Maker):
    classes = ("Reshape",)

    @classmethod
    def make(cls, gen, shape):
        size = _product(shape)
        if size is None:  # a free axis: -1 takes it
            target = [-1, *[d for d in shape if d is not None][:2]]
            out = (None, *target[1:])
        else:
            target = _factorize(gen, size)
            out = tuple(target)
            if gen.chance(0.4):
                target[gen.rng.randrange(len(target))] = -1
        return gen.entry("Reshape", gen.common("Reshape", {"target_shape": target})), out


def _factorize(gen, size):
    """1 to 3 factors whose product is size (1s allowed)."""
    factors = []
    for _ in range(gen.rng.randint(0, 2)):
        divisors = [d for d in range(1, size + 1) if size % d == 0]
        d = gen.pick(divisors)
        factors.append(d)
        size //= d
    return factors + [size]


class ZeroPadding(Maker):
    classes = ("ZeroPadding1D", "ZeroPadding2D", "ZeroPadding3D")

    @classmethod
    def applies(cls, gen, shape):
        return 2 <= len(shape) <= 4

    @classmethod
    def make(cls, gen, shape):
        rank = len(shape) - 1
        class_name = f"ZeroPadding{rank}D"
        pairs = [(gen.rng.randint(0, 2), gen.rng.randint(0, 2)) for _ in range(rank)]
        style = gen.pick(["int", "list", "pairs"])
        if style == "int":
            pairs = [(pairs[0][0],) * 2] * rank
            padding = pairs[0][0]
        elif style == "list" and rank > 1:
            pairs = [(a, a) for a, _ in pairs]
            padding = [a for a, _ in pairs]
        else:
            padding = list(pairs[0]) if rank == 1 else [list(p) for p in pairs]
        data_format = gen.data_format() if rank > 1 or gen.chance(0.5) else None
        kwargs = {"padding": padding}
        if data_format:
            kwargs["data_format"] = data_format
        _, spatial = spatial_axes(shape, data_format or "channels_last")
        out = list(shape)
        for i, (before, after) in zip(spatial, pairs):
            if out[i] is not None:
                out[i] += before + after
        return gen.entry(class_name, gen.common(class_name, kwargs)), tuple(out)


class Elementwise(Maker):
    """Layers that keep the shape: activations, noise, normalizations, masking."""

    classes = ("ReLU", "LeakyReLU", "ELU", "PReLU", "Softmax", "Identity", "GaussianNoise",
               "GaussianDropout", "AlphaDropout", "ActivityRegularization", "LayerNormalization",
               "UnitNormalization", "RMSNormalization", "GroupNormalization", "Rescaling")

    @classmethod
    def make(cls, gen, shape):
        class_name = gen.pick(cls.classes)
        known = [i + 1 for i, d in enumerate(shape) if d is not None]
        kwargs = {}
        if class_name == "ReLU" and gen.chance(0.5):
            kwargs = {"max_value": gen.pick([6.0, 1.0]), "negative_slope": gen.pick([0.0, 0.1])}
        elif class_name in ("LeakyReLU", "ELU") and gen.chance(0.5):
            kwargs = {"negative_slope" if class_name == "LeakyReLU" else "alpha": 0.2}
        elif class_name == "PReLU":
            if None in shape:
                return None
            if len(shape) > 1 and gen.chance(0.5):  # shared along some axes
                kwargs["shared_axes"] = sorted(gen.rng.sample(range(1, len(shape) + 1), gen.rng.randint(1, len(shape))))
        elif class_name in ("Softmax", "UnitNormalization", "LayerNormalization", "RMSNormalization"):
            if not known:
                return None
            if class_name == "RMSNormalization" and shape[-1] is None:
                return None
            if class_name != "RMSNormalization" and gen.chance(0.5):
                kwargs["axis"] = gen.pick(known)
        elif class_name == "GroupNormalization":
            if shape[-1] is None:
                return None
            kwargs["groups"] = gen.pick([g for g in range(1, shape[-1] + 1) if shape[-1] % g == 0])
        elif class_name in ("GaussianNoise",):
            kwargs["stddev"] = 0.1
        elif class_name in ("GaussianDropout", "AlphaDropout"):
            kwargs["rate"] = gen.pick([0.1, 0.5])
        elif class_name == "ActivityRegularization" and gen.chance(0.5):
            kwargs = {"l1": 0.01}
        elif class_name == "Rescaling":
            kwargs = {"scale": 0.5, "offset": gen.pick([0.0, 1.0])}
        return gen.entry(class_name, gen.common(class_name, kwargs)), shape


class Resampling(Maker):
    """UpSampling1D/2D/3D and Cropping1D/2D/3D."""

    classes = tuple(f"{kind}{r}D" for kind in ("UpSampling", "Cropping") for r in (1, 2, 3))

    @classmethod
    def applies(cls, gen, shape):
        return 2 <= len(shape) <= 4

    @classmethod
    def make(cls, gen, shape):
        rank = len(shape) - 1
        kind = gen.pick(["UpSampling", "Cropping"])
        class_name = f"{kind}{rank}D"
        data_format = gen.data_format() if rank > 1 else None
        _, spatial = spatial_axes(shape, data_format or "channels_last")
        out = list(shape)
        if kind == "UpSampling":
            sizes = [gen.rng.randint(1, 3) for _ in spatial]
            kwargs = {"size": sizes[0] if rank == 1 else gen.per_axis(sizes)}
            sizes = [sizes[0]] * rank if rank == 1 else sizes
            if isinstance(kwargs["size"], int):
                sizes = [kwargs["size"]] * rank
            for i, k in zip(spatial, sizes):
                out[i] = None if out[i] is None else out[i] * k
        else:
            if any(shape[i] is None or shape[i] < 3 for i in spatial):
                return None
            pairs = [(gen.rng.randint(0, (shape[i] - 1) // 2), gen.rng.randint(0, (shape[i] - 1) // 2)) for i in spatial]
            kwargs = {"cropping": list(pairs[0]) if rank == 1 else [list(p) for p in pairs]}
            for i, (a, b) in zip(spatial, pairs):
                out[i] -= a + b
        if data_format:
            kwargs["data_format"] = data_format
        return gen.entry(class_name, gen.common(class_name, kwargs)), tuple(out)


def transpose_length(n, k, s, padding, output_padding=None, d=1):
    """Keras's transposed-convolution output length (k dilated to (k - 1) * d + 1)."""
    k = (k - 1) * d + 1
    if padding == "valid":
        return (n - 1) * s + k + (max(k, s) - k if output_padding is None else output_padding)
    return n * s if output_padding is None else (n - 1) * s + k % 2 + output_padding


class ConvTranspose(Maker):
    classes = ("Conv1DTranspose", "Conv2DTranspose", "Conv3DTranspose")

    @classmethod
    def applies(cls, gen, shape):
        return 2 <= len(shape) <= 4 and None not in shape

    @classmethod
    def make(cls, gen, shape):
        rank = len(shape) - 1
        class_name = f"Conv{rank}DTranspose"
        data_format = gen.data_format()
        _, spatial = spatial_axes(shape, data_format or "channels_last")
        kernel = [gen.rng.randint(1, 4) for _ in spatial]
        strides = [gen.rng.randint(1, 3) for _ in spatial] if gen.chance(0.5) else [1] * rank
        # dilation only without strides (Keras refuses both); output_padding below strides
        dilations = [gen.rng.randint(1, 3) for _ in spatial] if max(strides) == 1 and gen.chance(0.25) else [1] * rank
        paddings = [gen.rng.randint(0, st - 1) for st in strides] if gen.chance(0.3) else None
        padding = gen.pick(["valid", "same"])
        kwargs = {"filters": gen.rng.randint(1, 5), "kernel_size": gen.per_axis(kernel)}
        if max(strides) > 1:
            kwargs["strides"] = gen.per_axis(strides)
        kwargs["padding"] = padding
        if paddings is not None:
            kwargs["output_padding"] = gen.per_axis(paddings)
        if max(dilations) > 1:
            kwargs["dilation_rate"] = gen.per_axis(dilations)
        if data_format:
            kwargs["data_format"] = data_format
        if gen.chance(0.2):
            kwargs["use_bias"] = False
        out_spatial = [transpose_length(shape[i], k, st, padding, None if paddings is None else p, d)
                       for i, k, st, p, d in zip(spatial, kernel, strides, paddings or [None] * rank, dilations)]
        if min(out_spatial) <= 0:  # Keras lets a length be 0 (same, output_padding 0, even kernel on 1)
            return None
        out = (kwargs["filters"], *out_spatial) if data_format == "channels_first" else (*out_spatial, kwargs["filters"])
        return gen.entry(class_name, gen.common(class_name, kwargs)), out


class Embeddings(Maker):
    """Embedding and ReversibleEmbedding (Keras builds them on float inputs too: it casts
    them only when run; mask_zero: FunctionalGraph.masked), and EinsumDense."""

    classes = ("Embedding", "ReversibleEmbedding", "EinsumDense")

    @classmethod
    def applies(cls, gen, shape):
        return len(shape) <= 3

    @classmethod
    def make(cls, gen, shape):
        class_name = gen.pick(cls.classes)
        if class_name != "EinsumDense":
            kwargs = {"input_dim": gen.rng.randint(1, 50), "output_dim": gen.rng.randint(1, 8)}
            if class_name == "ReversibleEmbedding" and gen.chance(0.5):
                kwargs["tie_weights"] = False
            elif gen.chance(0.2):  # (Keras cannot build LoRA with untied weights)
                kwargs["lora_rank"] = gen.rng.randint(1, 3)
            return gen.entry(class_name, gen.common(class_name, kwargs)), (*shape, kwargs["output_dim"])
        if shape[-1] is None:
            return None
        units = gen.rng.randint(1, 6)
        if len(shape) == 1:
            equation, output_shape, bias, out = "ab,bc->ac", units, "c", (units,)
        elif len(shape) == 2 and gen.chance(0.5):
            equation, output_shape, bias, out = "abc,cd->abd", [shape[0], units], "d", (shape[0], units)
        else:  # Keras 3 puts two or more elided axes back in reverse order (it inserts each at 1)
            equation, output_shape, bias, out = "...b,bc->...c", units, "c", (*reversed(shape[:-1]), units)
        kwargs = {"equation": equation, "output_shape": output_shape}
        if gen.chance(0.6):
            kwargs["bias_axes"] = bias
        if gen.chance(0.15):
            kwargs["lora_rank"] = gen.rng.randint(1, 3)
        return gen.entry(class_name, gen.common(class_name, kwargs)), out


class AdaptivePooling(Maker):
    classes = tuple(f"Adaptive{kind}Pooling{r}D" for kind in ("Average", "Max") for r in (1, 2, 3))

    @classmethod
    def applies(cls, gen, shape):
        return 2 <= len(shape) <= 4

    @classmethod
    def make(cls, gen, shape):
        rank = len(shape) - 1
        class_name = f"Adaptive{gen.pick(['Average', 'Max'])}Pooling{rank}D"
        data_format = gen.data_format()
        ch, spatial = spatial_axes(shape, data_format or "channels_last")
        sizes = [gen.rng.randint(1, 4) for _ in spatial]
        kwargs = {"output_size": gen.per_axis(sizes) if rank > 1 else sizes[0]}
        if isinstance(kwargs["output_size"], int):
            sizes = [kwargs["output_size"]] * rank
        if data_format:
            kwargs["data_format"] = data_format
        out = (shape[ch], *sizes) if data_format == "channels_first" else (*sizes, shape[ch])
        return gen.entry(class_name, gen.common(class_name, kwargs)), out


class Recurrent(Maker):
    """SimpleRNN, LSTM, GRU on sequences; Bidirectional and TimeDistributed around them."""

    classes = ("SimpleRNN", "LSTM", "GRU", "Bidirectional", "TimeDistributed")

    @classmethod
    def applies(cls, gen, shape):
        return len(shape) >= 2 and shape[-1] is not None

    @classmethod
    def make(cls, gen, shape):
        if len(shape) != 2 or gen.chance(0.25):  # TimeDistributed(Dense) on any rank >= 2
            units = gen.rng.randint(1, 6)
            inner = {"Dense": units}
            return gen.entry("TimeDistributed", gen.common("TimeDistributed", {"layer": inner})), (*shape[:-1], units)
        class_name = gen.pick(["SimpleRNN", "LSTM", "GRU"])
        units = gen.rng.randint(1, 6)
        kwargs = {"units": units}
        sequences = gen.chance(0.5)
        if sequences:
            kwargs["return_sequences"] = True
        if class_name == "GRU" and gen.chance(0.3):
            kwargs["reset_after"] = False
        out = (shape[0], units) if sequences else (units,)
        if gen.chance(0.3):
            merge = gen.pick(["concat", "sum", "mul", "ave"])
            wrapper = {"layer": {class_name: kwargs}}
            if merge != "concat":
                wrapper["merge_mode"] = merge
            width = units * 2 if merge == "concat" else units
            out = (shape[0], width) if sequences else (width,)
            return gen.entry("Bidirectional", gen.common("Bidirectional", wrapper)), out
        return gen.entry(class_name, gen.common(class_name, kwargs)), out


class Sequences(Maker):
    """RepeatVector (vectors to sequences) and Permute."""

    classes = ("RepeatVector", "Permute")

    @classmethod
    def make(cls, gen, shape):
        if len(shape) == 1:
            n = gen.rng.randint(1, 5)
            return gen.entry("RepeatVector", gen.common("RepeatVector", {"n": n})), (n, shape[0])
        dims = list(range(1, len(shape) + 1))
        gen.rng.shuffle(dims)
        return gen.entry("Permute", gen.common("Permute", {"dims": dims})), tuple(shape[d - 1] for d in dims)


class Cells(Maker):
    """RNN around a cell, a list of cells or StackedRNNCells; ConvLSTM1D/2D on sequences
    of maps; SpectralNormalization around a Dense."""

    classes = ("RNN", "SimpleRNNCell", "LSTMCell", "GRUCell", "StackedRNNCells", "ConvLSTM1D",
               "ConvLSTM2D", "SpectralNormalization")

    @classmethod
    def applies(cls, gen, shape):
        return shape[-1] is not None

    @classmethod
    def make(cls, gen, shape):
        sequences = gen.chance(0.5)
        if len(shape) in (3, 4) and None not in shape and gen.chance(0.6):
            return cls.conv_lstm(gen, shape, sequences)
        if len(shape) != 2 or gen.chance(0.2):
            units = gen.rng.randint(1, 5)
            kwargs = {"layer": {"Dense": units}}
            return gen.entry("SpectralNormalization", gen.common("SpectralNormalization", kwargs)), (*shape[:-1], units)
        cells = [{gen.pick(["SimpleRNNCell", "LSTMCell", "GRUCell"]): gen.rng.randint(1, 5)}
                 for _ in range(gen.rng.randint(1, 2))]
        units = next(iter(cells[-1].values()))
        if len(cells) == 1:
            cell = cells[0]
        else:
            cell = {"StackedRNNCells": {"cells": cells}} if gen.chance(0.5) else cells
        kwargs = {"cell": cell}
        if sequences:
            kwargs["return_sequences"] = True
        return gen.entry("RNN", gen.common("RNN", kwargs)), (shape[0], units) if sequences else (units,)

    @staticmethod
    def conv_lstm(gen, shape, sequences):
        """(time, *spatial, channels): a ConvLSTM of rank len(shape) - 2, padding same."""
        class_name = f"ConvLSTM{len(shape) - 2}D"
        filters = gen.rng.randint(1, 4)
        kwargs = {"filters": filters, "kernel_size": gen.rng.randint(1, 3), "padding": "same"}
        if sequences:
            kwargs["return_sequences"] = True
        spatial = shape[1:-1]
        out = (shape[0], *spatial, filters) if sequences else (*spatial, filters)
        return gen.entry(class_name, gen.common(class_name, kwargs)), out


class KeepShape:
    """A layer whose output has its input's shape (for a residual branch)."""

    @staticmethod
    def make(gen, shape):
        options = ["Dense", "Activation", "BatchNormalization", "Dropout"]
        if 2 <= len(shape) <= 3 and shape[-1] is not None:
            options.append("Conv")
        choice = gen.pick(options)
        if choice == "Dense":
            return Dense.make(gen, shape, units=shape[-1])
        if choice == "Conv":
            rank = len(shape) - 1
            kwargs = {"filters": shape[-1], "kernel_size": gen.rng.randint(1, 3), "padding": "same"}
            return gen.entry(f"Conv{rank}D", gen.common(f"Conv{rank}D", kwargs)), shape
        return MAKERS[choice].make(gen, shape)


class ChannelsOnly:
    """A layer that changes only the last axis (for a Concatenate)."""

    @staticmethod
    def make(gen, shape):
        if 2 <= len(shape) <= 3 and gen.chance(0.5):
            rank = len(shape) - 1
            filters = gen.rng.randint(1, 6)
            kwargs = {"filters": filters, "kernel_size": gen.rng.randint(1, 3), "padding": "same"}
            return gen.entry(f"Conv{rank}D", gen.common(f"Conv{rank}D", kwargs)), (*shape[:-1], filters)
        return Dense.make(gen, shape)


class NestedSequential:
    """A Sequential model used as a layer (frozen sometimes, named sometimes)."""

    @staticmethod
    def make(gen, shape):
        inner = Generator(gen.rng, gen.depth + 1)
        entries, out = inner.chain(shape, gen.rng.randint(1, 3))
        if not entries:
            return None
        body = {"layers": entries}
        if gen.chance(0.3):
            body["input"] = list(shape)
        entry = {"Sequential": body}
        if gen.chance(0.3):
            entry["trainable"] = False
        return entry, out


class NestedFunctional:
    """A Functional model used as a layer: its input declared with the call's shape."""

    @staticmethod
    def make(gen, shape):
        inner = Generator(gen.rng, gen.depth + 1)
        entries, out = inner.chain(shape, gen.rng.randint(1, 3))
        if not entries:
            return None
        entry = {"Functional": {"input": list(shape), "layers": entries}}
        if gen.chance(0.3):
            entry["trainable"] = False
        return entry, out


# How often each family is drawn (where it applies to the shape at hand).
WEIGHTS = {Conv: 4, Pooling: 2, GlobalPooling: 1, Dense: 3, Activation: 1, Dropout: 1,
           BatchNormalization: 1.5, Flatten: 1, Reshape: 1.5, ZeroPadding: 1, Elementwise: 2,
           Resampling: 1, ConvTranspose: 1, AdaptivePooling: 1, Recurrent: 1.5, Sequences: 1,
           Embeddings: 1, Cells: 1}
MAKERS = {name: maker for maker in WEIGHTS for name in maker.classes}
# Every class the generator makes, merges and models included.
OPERATIONS = {"ops.GetItem", "ops.Mean", "ops.Sum", "ops.Max", "ops.Min", "ops.Negative", "ops.Absolute",
              "ops.Square", "ops.Relu", "ops.Sigmoid", "ops.Tanh", "ops.Softmax", "ops.Exp", "ops.Cast", "ops.Add",
              "ops.Multiply", "ops.Subtract", "ops.TrueDivide", "ops.Greater", "ops.Maximum", "ops.Transpose",
              "ops.ExpandDims", "ops.Squeeze", "ops.Reshape", "ops.Concatenate", "ops.Matmul"}
GENERATED = set(MAKERS) | set(MERGES) | set(ATTENTION) | OPERATIONS | {"Concatenate", "Dot", "InputLayer",
                                                                       "Sequential", "Functional", "Masking"}

_PREPROCESSING = "image preprocessing and augmentation: not generated yet (covered by tests/cases and goldens)"
_LOOKUP = "takes integer or string inputs, which a spec's float Input cannot give"
# Rules the generator does not make yet, and why (test_differential fails on a rule that is
# in neither GENERATED nor here: grow the generator with every new layer).
NOT_GENERATED = {
    "ConvLSTM3D": "needs a 6-D input: the generator's tensors have at most 5 axes",
    **{name: _LOOKUP for name in ("CategoryEncoding", "Discretization", "HashedCrossing", "Hashing",
                                  "IntegerLookup", "StringLookup", "TextVectorization")},
    **{name: "audio preprocessing: not generated yet" for name in ("MelSpectrogram", "STFTSpectrogram")},
    "Normalization": "its mean and variance come from adapt() or arguments: not generated yet",
}
# Classes keras.layers does not export (a spec cannot name them): keras.applications' own
# layers and keras.ops operations, as model configs hold them; tests/test_applications.py
# checks them against every keras.applications model Keras built.
NOT_GENERATED.update({name: "not a keras.layers class: checked in the keras.applications configs"
                      for name in other_classes() if not name.startswith("ops.")})
NOT_GENERATED.update({name: "a keras.ops operation the generator does not make yet (covered by tests/code)"
                      for name in other_classes() if name.startswith("ops.") and name not in OPERATIONS})

NOT_GENERATED.update({name: _PREPROCESSING for name in (
    "AugMix", "AutoContrast", "CenterCrop", "ContrastLimitedAdaptiveHistogramEqualization",
    "CutMix", "Equalization", "MaxNumBoundingBoxes", "MixUp", "RandAugment",
    "RandomBrightness", "RandomColorDegeneration", "RandomColorJitter", "RandomContrast",
    "RandomCrop", "RandomElasticTransform", "RandomErasing", "RandomFlip",
    "RandomGaussianBlur", "RandomGrayscale", "RandomHue", "RandomInvert", "RandomPerspective",
    "RandomPosterization", "RandomRotation", "RandomSaturation", "RandomSharpness",
    "RandomShear", "RandomTranslation", "RandomZoom", "Resizing", "Solarization", "Pipeline",
)})


def valid_spec(seed):
    """The random valid spec of a seed, as data."""
    return Generator(random.Random(seed)).spec()


def to_yaml(data):
    return yaml.safe_dump(data, sort_keys=False, default_flow_style=None, width=100)


# -- invalid specs: a valid one with one thing made wrong ---------------------------------------


def _layer_entries(layers):
    """Every layer entry of a layers list, nested models' included (the dicts themselves)."""
    for entry in layers:
        if not isinstance(entry, dict):
            continue
        body = entry.get("Sequential") or entry.get("Functional")
        if isinstance(body, dict):
            yield from _layer_entries(body["layers"])
        elif "use" not in entry and any(k[:1].isupper() for k in entry):  # not an operation (ops.Mean)
            yield entry


def _as_kwargs(entry):
    """Rewrite an entry in place with its arguments as keywords; returns (class, kwargs)."""
    class_name = next(k for k in entry if k[:1].isupper())
    value = entry[class_name]
    positional = keras_classes()[class_name]["positional"]
    if isinstance(value, dict):
        kwargs = value
    elif isinstance(value, list):
        kwargs = dict(zip(positional, value))
    else:
        kwargs = {} if value is None else {positional[0]: value}
    entry[class_name] = kwargs
    return class_name, kwargs


BAD_NUMBERS = (0, -1, -3, 2.5, "3", None, [], [1, 2, 3, 4])
SIZE_KEYS = ("filters", "units", "kernel_size", "pool_size", "strides", "dilation_rate",
             "depth_multiplier", "groups", "lora_rank", "size", "cropping")


def bad_number(rng, entry):
    class_name, kwargs = _as_kwargs(entry)
    keys = [k for k in SIZE_KEYS if k in kwargs] or [k for k in SIZE_KEYS if k in keras_classes()[class_name]["keywords"]]
    if not keys:
        return False
    kwargs[rng.choice(keys)] = rng.choice(BAD_NUMBERS)
    return True


def too_big_window(rng, entry):
    class_name, kwargs = _as_kwargs(entry)
    for key in ("kernel_size", "pool_size"):
        if key in keras_classes()[class_name]["keywords"]:
            kwargs[key] = rng.choice([40, 99])
            kwargs["padding"] = "valid"
            return True
    return False


def unknown_keyword(rng, entry):
    _, kwargs = _as_kwargs(entry)
    kwargs[rng.choice(["filtres", "kernal_size", "stride", "unit", "bogus", "input_shap"])] = 3
    return True


def bad_option(rng, entry):
    class_name, kwargs = _as_kwargs(entry)
    options = {"padding": ["full", "bogus", "Same", "causal"], "data_format": ["channels_middle", "NHWC"],
               "activation": ["relux", "Relu", 3], "dtype": ["float8", "int32", "half"],
               "axis": [9, -9, 1.5], "rate": [1.5, -0.1, "half"], "keepdims": ["yes", 1],
               "use_bias": ["false", 0], "target_shape": [[7, 7, 7], [-1, -1], [0, 3], [-2]]}
    keys = [k for k in options if k in keras_classes()[class_name]["keywords"]]
    if not keys:
        return False
    key = rng.choice(keys)
    kwargs[key] = rng.choice(options[key])
    return True


def groups_not_dividing(rng, entry):
    class_name, kwargs = _as_kwargs(entry)
    if "groups" not in keras_classes()[class_name]["keywords"]:
        return False
    kwargs["groups"] = rng.choice([3, 5, 7])
    return True


def strides_with_dilation(rng, entry):
    class_name, kwargs = _as_kwargs(entry)
    if "dilation_rate" not in keras_classes()[class_name]["keywords"]:
        return False
    kwargs["strides"], kwargs["dilation_rate"], kwargs["padding"] = 2, 2, "same"
    return True


def wrong_rank(rng, entry):
    """Conv2D → Conv1D or Conv3D (and the like): the input has the wrong rank."""
    class_name = next(k for k in entry if k[:1].isupper())
    if not class_name[-2:] in ("1D", "2D", "3D"):
        return False
    other = f"{class_name[:-2]}{rng.choice([r for r in '123' if r != class_name[-2]])}D"
    if other not in keras_classes():
        return False
    entry[other] = entry.pop(class_name)
    return True


def keyword_the_call_lacks(rng, entry):
    """initial_state: on a functional entry whose Keras call takes none (Dense, Conv2D, ...)."""
    class_name = next(k for k in entry if k[:1].isupper())
    if "inputs" not in entry or class_name not in keras_classes():
        return False
    if "initial_state" in call_signature(class_name)["arguments"]:
        return False
    entry["initial_state"] = "image"
    return True


MUTATIONS = (bad_number, too_big_window, unknown_keyword, bad_option, groups_not_dividing,
             strides_with_dilation, wrong_rank, keyword_the_call_lacks)


def invalid_spec(seed):
    """A valid spec of the seed with one layer's argument (or its class's rank) made wrong:
    (data, the mutation's name)."""
    rng = random.Random(seed)
    data = Generator(rng).spec()
    entries = list(_layer_entries(data["layers"]))
    rng.shuffle(entries)
    mutations = list(MUTATIONS)
    rng.shuffle(mutations)
    for mutation in mutations:
        for entry in entries:
            if mutation(rng, entry):
                return data, mutation.__name__
    return data, None


if __name__ == "__main__":  # python tests/spec_generator.py SEED [--invalid]: the spec of a seed
    import sys

    seed = int(sys.argv[1])
    spec = invalid_spec(seed)[0] if "--invalid" in sys.argv else valid_spec(seed)
    print(to_yaml(spec), end="")
