"""Random, valid, self-contained Keras 3 Python files for the code-level differential test
(tests/test_differential_code.py): what a YAML spec cannot hold.

Each file, from random.Random(seed), builds one model named `model`:
- a functional model whose steps are user Layer subclasses (__init__ with
  super().__init__(**kwargs), sublayers in attributes and in lists, build with
  self.add_weight of (input_shape[-1], n), trainable or not, call with keras.ops:
  matmul, +, *, slicing, mean/sum over an axis, concatenate, reshape, transpose,
  expand_dims/squeeze, activations, sublayer calls; sometimes compute_output_shape),
  keras.ops and Python operators on the functional tensors themselves (operation rows),
  Lambda layers of keras.ops, a user layer frozen (.trainable = False) or shared (called
  twice), and Keras's own Dense layers;
- or a subclassed keras.Model, called on a keras.Input, on np.zeros((batch, ...)), built
  with model.build(shape) or left unbuilt.

Shapes are tracked here only to steer towards models Keras can build: the oracle is
Keras, never this generator.

Run: python tests/code_generator.py SEED   (prints the file of that seed)
"""

from __future__ import annotations

import random
import sys

CLASS_NAMES = ("Projection", "GatedDense", "Mixer", "ResidualBlock", "FeatureScale", "TokenPool", "Expert",
               "Highway", "Adapter", "Bottleneck")
MODEL_NAMES = ("Classifier", "TinyNet", "Encoder", "Regressor", "ScoreModel")
ACTIVATIONS = ("relu", "sigmoid", "tanh", "gelu", "silu")


class Code:
    """The lines of a file, and fresh names."""

    def __init__(self, rng):
        self.rng = rng
        self.classes = []  # class definitions (lists of lines)
        self.body = []
        self.counts = {}
        self.refused = False
        self.class_names = list(CLASS_NAMES)
        rng.shuffle(self.class_names)
        self.model_names = list(MODEL_NAMES)
        rng.shuffle(self.model_names)

    def fresh(self, stem):
        self.counts[stem] = self.counts.get(stem, 0) + 1
        return f"{stem}{self.counts[stem]}"

    def class_name(self):
        name = self.class_names.pop() if self.class_names else self.fresh("Block")
        return name

    def text(self):
        lines = ["# Pattern: random user layers, keras.ops on tensors, Lambda and subclassed models (tests/code_generator.py)",
                 "import keras", "import numpy as np", "from keras import layers, ops", ""]
        for cls in self.classes:
            lines += ["", *cls, ""]
        return "\n".join(lines + ["", *self.body]) + "\n"


def swap_last(shape, units):
    return (*shape[:-1], units)


def call_body(code, shape, units, sub, depth):
    """Lines of a user layer's call on a tensor of `shape` (batch left out), what the call
    uses from self (attribute -> kind), and the shape it returns."""
    rng = code.rng
    lines, uses = [], {}
    h, current = "inputs", shape
    for _ in range(rng.randint(1, 4)):
        rank = len(current)
        choices = ["matmul", "activation", "scale", "sublayer", "list", "norm", "dropout", "gain"]
        if depth == 0:
            choices.append("inner")
        if rank == 1 and current[0] >= 4:
            choices.append("slice")
        if rank == 2:
            choices += ["mean", "transpose"]
        if rank == 1 and current[0] % 2 == 0 and current[0] >= 4:
            choices.append("reshape")
        if current == shape and "skip" not in uses:
            choices.append("concat")
        choices.append("expand")
        kind = rng.choice(choices)
        if kind == "matmul" and "w" not in uses and current[-1] == shape[-1]:  # build sized w on the input
            uses["w"] = current[-1]
            lines.append(f"h = ops.matmul({h}, self.w)")
            current = swap_last(current, units)
            if rng.random() < 0.6:
                uses["b"] = units
                lines.append("h = h + self.b")
        elif kind == "sublayer" and "dense" not in uses:
            uses["dense"] = sub
            lines.append(f"h = self.dense({h})")
            current = swap_last(current, sub)
        elif kind == "list" and "blocks" not in uses:
            uses["blocks"] = rng.randint(1, 3)
            lines += [f"h = {h}", "for block in self.blocks:", "    h = block(h)"]
            current = swap_last(current, sub)
        elif kind == "norm" and "norm" not in uses:
            uses["norm"] = True
            lines.append(f"h = self.norm({h})")
        elif kind == "gain" and "gain" not in uses:  # a weight made in __init__
            uses["gain"] = current[-1]
            lines.append(f"h = {h} * self.gain")
        elif kind == "dropout" and "dropout" not in uses:
            uses["dropout"] = True
            lines.append(f"h = self.dropout({h}, training=training)")
        elif kind == "inner" and "inner" not in uses:  # a user layer held by a user layer
            cls, args, out = user_layer(code, current, depth + 1)
            uses["inner"] = f"{cls}({args})"
            lines.append(f"h = self.inner({h})")
            current = out
        elif kind == "activation":
            fn = rng.choice(ACTIVATIONS)
            lines.append(rng.choice([f"h = ops.{fn}({h})" if fn != "gelu" else f"h = ops.gelu({h})",
                                     f"h = keras.activations.{fn}({h})"]))
        elif kind == "scale":
            lines.append(rng.choice([f"h = {h} * 0.5", f"h = {h} + 1.0", f"h = {h} * {h}", f"h = ops.square({h})"]))
        elif kind == "slice":
            k = rng.randint(1, current[0] - 1)
            lines.append(rng.choice([f"h = {h}[:, :{k}]", f"h = {h}[..., :{k}]"]))
            current = (k,)
        elif kind == "mean":
            fn = rng.choice(("mean", "sum", "max"))
            keep = rng.random() < 0.3
            lines.append(f"h = ops.{fn}({h}, axis=1{', keepdims=True' if keep else ''})")
            current = (1, current[1]) if keep else (current[1],)
        elif kind == "transpose":
            lines.append(f"h = ops.transpose({h}, (0, 2, 1))")
            current = (current[1], current[0])
        elif kind == "reshape":
            lines.append(f"h = ops.reshape({h}, (-1, 2, {current[0] // 2}))")
            current = (2, current[0] // 2)
        elif kind == "concat":
            uses["skip"] = True
            lines.append(f"h = ops.concatenate([{h}, inputs], axis=-1)")
            current = (*current[:-1], current[-1] + shape[-1])
        elif kind == "expand":
            lines += [f"h = ops.expand_dims({h}, axis=1)", "h = ops.squeeze(h, axis=1)"]
        else:
            continue
        h = "h"
    if h == "inputs":
        lines.append("h = ops.relu(inputs)")
    lines.append("return h")
    return lines, uses, current


def user_layer(code, shape, depth=0):
    """A new user Layer class fit for an input of `shape`; (class name, constructor
    arguments, output shape)."""
    rng = code.rng
    name = code.class_name()
    units = rng.choice((4, 6, 8, 12, 16))
    sub = rng.choice((4, 8, 10))
    body, uses, out = call_body(code, shape, units, sub, depth)
    init = ["    def __init__(self, units, **kwargs):", "        super().__init__(**kwargs)", "        self.units = units"]
    if "dense" in uses:
        act = rng.choice(["", ', activation="relu"'])
        init.append(f"        self.dense = layers.Dense({sub}{act})")
    if "blocks" in uses:
        init.append(f"        self.blocks = [layers.Dense({sub}, activation=\"relu\") for _ in range({uses['blocks']})]")
    if "norm" in uses:
        init.append(f"        self.norm = layers.{rng.choice(['LayerNormalization()', 'BatchNormalization()'])}")
    if "dropout" in uses:
        init.append("        self.dropout = layers.Dropout(0.1)")
    if "inner" in uses:
        init.append(f"        self.inner = {uses['inner']}")
    if "gain" in uses:
        init.append(f"        self.gain = self.add_weight(shape=({uses['gain']},), initializer=\"ones\", "
                    f"trainable={rng.random() < 0.5}, name=\"gain\")")
    lines = [f"class {name}(keras.layers.Layer):", *init]
    if "w" in uses:
        trainable = rng.random() < 0.8
        lines += ["", "    def build(self, input_shape):",
                  f"        self.w = self.add_weight(shape=(input_shape[-1], self.units), initializer=\"glorot_uniform\", trainable={trainable})"]
        if "b" in uses:
            trainable = rng.random() < 0.7
            lines.append(f"        self.b = self.add_weight(shape=(self.units,), initializer=\"zeros\", trainable={trainable})")
    signature = "inputs, training=None" if "dropout" in uses or rng.random() < 0.2 else "inputs"
    lines += ["", f"    def call(self, {signature}):", *(f"        {line}" for line in body)]
    if len(out) == len(shape) and out[:-1] == shape[:-1] and rng.random() < 0.4:
        lines += ["", "    def compute_output_shape(self, input_shape):",
                  f"        return (*input_shape[:-1], {out[-1]})"]
    code.classes.append(lines)
    return name, f"{units}", out


def functional_step(code, pool):
    """One step on the tensors of `pool` (name -> shape); appends the new tensor."""
    rng = code.rng
    x = rng.choice(list(pool)[-2:])
    shape = pool[x]
    kind = rng.choices(["user", "dense", "op", "lambda", "shared", "frozen", "submodel"], [4, 2, 3, 2, 1, 1, 1])[0]
    y = code.fresh("x")
    if kind == "submodel" and code.model_names:  # a subclassed model called in the functional model: one row
        name, out = subclassed(code, shape)
        code.body.append(f"{y} = {name}()({x})")
        pool[y] = out
        return
    if kind in ("user", "shared", "frozen"):
        cls, args, out = user_layer(code, shape)
        layer = code.fresh("layer")
        named = rng.random() < 0.3
        code.body.append(f"{layer} = {cls}({args}{f', name={layer!r}' if named else ''})")
        after = rng.random() < 0.5  # frozen before its call, or after it
        if kind == "frozen" and not after:
            code.body.append(f"{layer}.trainable = False")
        code.body.append(f"{y} = {layer}({x})")
        if kind == "frozen" and after:
            code.body.append(f"{layer}.trainable = False")
        pool[y] = out
        if kind == "shared":  # a second call, on another tensor of the same shape
            z, w = code.fresh("x"), code.fresh("x")
            code.body.append(f"{z} = {x} / 2.0")
            code.body.append(f"{w} = {layer}({z})")
            v = code.fresh("x")
            code.body.append(f"{v} = {rng.choice(['ops.add', 'ops.multiply', 'ops.subtract'])}({y}, {w})"
                             if rng.random() < 0.5 else f"{v} = {y} + {w}")
            pool[v] = out
        return
    if kind == "dense":
        units = rng.choice((4, 8, 16, 32))
        act = rng.choice(["", ', activation="relu"', ', activation="tanh"'])
        code.body.append(f"{y} = layers.Dense({units}{act})({x})")
        pool[y] = swap_last(shape, units)
        return
    if kind == "lambda":
        options = [(f"lambda t: ops.tanh(t) * 2.0", shape), (f"lambda t: ops.relu(t) + 1.0", shape),
                   ("lambda t: ops.square(t)", shape)]
        if len(shape) == 2:
            options.append(("lambda t: ops.mean(t, axis=1)", shape[1:]))
        if shape[-1] >= 2:
            k = rng.randint(1, shape[-1] - 1)
            options.append((f"lambda t: t[..., :{k}]", (*shape[:-1], k)))
        fn, out = rng.choice(options)
        code.body.append(f"{y} = layers.Lambda({fn})({x})")
        pool[y] = out
        return
    # keras.ops and Python operators on the functional tensors: operation rows
    options = [(f"{x} / 2.0", shape), (f"{x} + 1.0", shape), (f"ops.relu({x})", shape), (f"-{x}", shape),
               (f"ops.sigmoid({x})", shape)]
    twins = [t for t, s in pool.items() if s == shape and t != x]
    if twins:
        t = rng.choice(twins)
        options += [(f"{x} + {t}", shape), (f"{x} * {t}", shape), (f"ops.add({x}, {t})", shape)]
    same_lead = [t for t, s in pool.items() if s[:-1] == shape[:-1] and t != x]
    if same_lead:
        t = rng.choice(same_lead)
        options.append((f"ops.concatenate([{x}, {t}], axis=-1)", (*shape[:-1], shape[-1] + pool[t][-1])))
    if shape[-1] >= 2:
        k = rng.randint(1, shape[-1] - 1)
        options.append((rng.choice([f"{x}[..., :{k}]", f"{x}[:, :{k}]" if len(shape) == 1 else f"{x}[:, :, :{k}]"]),
                        (*shape[:-1], k)))
        options.append(rng.choice([(f"ops.take({x}, ops.arange({k}), axis=-1)", (*shape[:-1], k)),
                                   (f"ops.take({x}, [{k}, 0], axis=-1)", (*shape[:-1], 2))]))
    if twins:
        options.append((f"{x} - {rng.choice(twins)}", shape))
    options += [(f"ops.mean({x}, axis=-1, keepdims=True)", (*shape[:-1], 1)), (f"ops.square({x})", shape),
                (f"ops.expand_dims({x}, axis=-1)", (*shape, 1)) if len(shape) == 1 else (f"ops.tanh({x})", shape)]
    if len(shape) == 2:
        fn = rng.choice(("mean", "sum", "max"))
        options += [(f"ops.{fn}({x}, axis=1)", shape[1:]), (f"ops.transpose({x}, (0, 2, 1))", (shape[1], shape[0])),
                    (f"ops.reshape({x}, (-1, {shape[0] * shape[1]}))", (shape[0] * shape[1],))]
    if len(shape) == 1:
        options.append((f"ops.expand_dims({x}, axis=1)", (1, shape[0])))
        if shape[0] % 2 == 0:
            options.append((f"ops.reshape({x}, (-1, 2, {shape[0] // 2}))", (2, shape[0] // 2)))
    if len(shape) == 2 and shape[0] == 1:
        options.append((f"ops.squeeze({x}, axis=1)", shape[1:]))
    expression, out = rng.choice(options)
    mismatched = [t for t, s in pool.items() if len(s) == len(shape) and s[-1] != shape[-1] and 1 not in (s[-1], shape[-1])]
    if mismatched and rng.random() < 0.05:  # now and then code Keras refuses (shapes that do not broadcast)
        expression = f"{x} + {rng.choice(mismatched)}"
        code.refused = True  # the model's last step (convcalc checks no tensor the model leaves out)
    code.body.append(f"{y} = {expression}")
    pool[y] = out


def random_shape(rng):
    return rng.choice([(rng.choice((6, 8, 12, 16)),), (rng.choice((3, 4, 5)), rng.choice((4, 6, 8)))])


def functional(code):
    rng = code.rng
    shape = random_shape(rng)
    pool = {}
    if rng.random() < 0.25:  # two inputs of one shape, joined first
        a, b = "inputs_a", "inputs_b"
        code.body += [f"{a} = keras.Input(shape={shape!r})", f"{b} = keras.Input(shape={shape!r}, name=\"side\")"]
        pool[a], pool[b] = shape, shape
        joined = code.fresh("x")
        join = rng.choice([f"{a} + {b}", f"ops.concatenate([{a}, {b}], axis=-1)", f"layers.Add()([{a}, {b}])"])
        code.body.append(f"{joined} = {join}")
        pool[joined] = (*shape[:-1], shape[-1] * 2) if "concatenate" in join else shape
        inputs = f"[{a}, {b}]"
    else:
        code.body.append(f"inputs = keras.Input(shape={shape!r})")
        pool["inputs"] = shape
        inputs = "inputs"
    for _ in range(rng.randint(2, 6)):
        functional_step(code, pool)
        if code.refused:
            break
    last = list(pool)[-1]
    if rng.random() < 0.5:
        code.body.append(f"outputs = layers.Dense({rng.choice((1, 3, 10))})({last})")
    else:
        code.body.append(f"outputs = {last}")
    other = [t for t in list(pool)[1:-1] if t.startswith("x")]
    if other and rng.random() < 0.2:  # a second output
        code.body.append(f"outputs = [outputs, {rng.choice(other)}]")
    named = rng.choice(["", ', name="random_model"'])
    code.body.append(f"model = keras.Model({inputs}, outputs{named})")


def subclassed(code, shape=None):
    """A subclassed model's class for inputs of `shape`; its output shape."""
    rng = code.rng
    shape = shape or random_shape(rng)
    name = code.model_names.pop()
    init = ["    def __init__(self, **kwargs):", "        super().__init__(**kwargs)"]
    call = ["    def call(self, inputs):", "        x = inputs"]
    current = shape
    for i in range(rng.randint(1, 4)):
        kind = rng.choice(["dense", "user", "list", "op"])
        if kind == "dense":
            units = rng.choice((4, 8, 16))
            init.append(f"        self.dense{i} = layers.Dense({units}, activation=\"relu\")")
            call.append(f"        x = self.dense{i}(x)")
            current = swap_last(current, units)
        elif kind == "user":
            cls, args, out = user_layer(code, current)
            init.append(f"        self.block{i} = {cls}({args})")
            if rng.random() < 0.2:
                init.append(f"        self.block{i}.trainable = False")
            call.append(f"        x = self.block{i}(x)")
            if out == current and rng.random() < 0.4:  # shared: called twice
                call.append(f"        x = self.block{i}(x)")
            current = out
        elif kind == "list":
            units = rng.choice((4, 8))
            init.append(f"        self.stack{i} = [layers.Dense({units}) for _ in range({rng.randint(1, 3)})]")
            call += [f"        for layer in self.stack{i}:", "            x = layer(x)"]
            current = swap_last(current, units)
        else:
            call.append(rng.choice(["        x = ops.relu(x) * 2.0", "        x = x + 1.0"]))
    if len(current) == 2 and rng.random() < 0.5:
        call.append("        x = ops.mean(x, axis=1)")
        current = current[1:]
    head = rng.choice((1, 2, 5))
    init.append(f"        self.head = layers.Dense({head})")
    call += ["        return self.head(x)"]
    code.classes.append([f"class {name}(keras.Model):", *init, "", *call])
    return name, swap_last(current, head)


def subclassed_model(code):
    rng = code.rng
    shape = random_shape(rng)
    name, _ = subclassed(code, shape)
    code.body.append(f"model = {name}()")
    how = rng.choice(["input", "zeros", "build", "unbuilt"])
    if how == "input":
        code.body.append(f"outputs = model(keras.Input(shape={shape!r}))")
    elif how == "zeros":
        code.body.append(f"outputs = model(np.zeros(({rng.choice((1, 2, 4))}, {', '.join(map(str, shape))})))")
    elif how == "build":
        code.body.append(f"model.build((None, {', '.join(map(str, shape))}))")


def generate(seed):
    """The text of the file of `seed`."""
    code = Code(random.Random(seed))
    (subclassed_model if code.rng.random() < 0.25 else functional)(code)
    return code.text()


if __name__ == "__main__":
    print(generate(int(sys.argv[1])), end="")
