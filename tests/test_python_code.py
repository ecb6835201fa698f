"""Reading Keras code (convcalc/read/python/): each construct slides and textbooks
use, malformed code, and proof that nothing in the file is ever run.

Expected figures are Keras's: a snippet that builds the same model as a golden case must
print exactly that case's golden summary (tests/golden/, written by Keras). Other tests
check the graph the reader builds, or the error it reports.
"""

import os
import textwrap

import pytest

from conftest import GOLDEN, ROOT, run_cli
from convcalc.errors import SpecError
from convcalc.read import read_model


def write(tmp_path, code, name="snippet.py"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(code).lstrip("\n"))
    return path


def summary(path, *options):
    result = run_cli("summarize", path, *options)
    assert result.exit_code == 0, result.output
    return result.output


def error(path, *options):
    result = run_cli("summarize", path, *options)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    return result.output


# The lecture's example 2, written in every way the reader follows; Keras's own summary of
# it is tests/golden/lecture-example-2.cols200.out.
EXAMPLE_2 = {
    "tf.keras": """
        import tensorflow as tf
        my_input = tf.keras.Input(shape=(10, 10, 1))
        x = tf.keras.layers.Conv2D(5, 3)(my_input)
        x = tf.keras.layers.Activation("sigmoid")(x)
        x = tf.keras.layers.Conv2D(2, 3)(x)
        x = tf.keras.layers.Activation("sigmoid")(x)
        model = tf.keras.Model(my_input, x)
    """,
    "from tensorflow.keras": """
        from tensorflow.keras import layers, Input, Model
        inp = Input((10, 10, 1))
        out = layers.Activation(activation="sigmoid")(layers.Convolution2D(filters=5, kernel_size=(3, 3))(inp))
        out = layers.Activation("sigmoid")(layers.Conv2D(2, kernel_size=[3, 3])(out))
        model = Model(inputs=inp, outputs=out)
    """,
    "star import, keras 3": """
        from keras.layers import *
        from keras.models import Model
        i = Input(shape=(10, 10, 1))
        o = Activation('sigmoid')(Conv2D(5, 3)(i))
        o = Activation('sigmoid')(Conv2D(2, 3)(o))
        model = Model(i, o)
    """,
    "constants and a loop": """
        import keras as K
        from keras import layers as L
        SIZE, K_SIZE = 10, 1 + 2
        SHAPE = (SIZE, SIZE) + (1,)
        FILTERS = [5, 2]
        x = inputs = K.Input(shape=SHAPE)
        for f in FILTERS:
            x = L.Conv2D(f, K_SIZE)(x)
            x = L.Activation("sig" + "moid")(x)
        model = K.Model(inputs, x)
    """,
    "a function, keyword dicts": """
        import keras
        from keras import layers

        def block(x, filters, activation="sigmoid", **options):
            x = layers.Conv2D(filters, **options)(x)
            return layers.Activation(activation)(x)

        common = {"kernel_size": 3}
        def build(shape=(10, 10, 1)):
            inputs = keras.Input(shape)
            x = inputs
            for filters in (5, 2):
                x = block(x, filters, **common)
            return keras.Model(inputs, x)

        model = build()
    """,
    "comprehension, range, if, while": """
        from keras import Input, Model, layers
        convs = [layers.Conv2D(f, 3) for f in [5, 2]]
        acts = [layers.Activation("sigmoid") for _ in range(len(convs))]
        x = first = Input((10, 10, 1))
        i = 0
        while i < len(convs):
            x = convs[i](x)
            if True:
                x = acts[i](x)
            i += 1
        model = Model(first, x)
    """,
    "side effects never run": """
        import os, subprocess, shutil
        import keras
        os.system("touch MARKER_os_system")
        subprocess.run(["touch", "MARKER_subprocess"])
        open("MARKER_open", "w").write("written")
        eval("open('MARKER_eval', 'w')")
        exec("open('MARKER_exec', 'w')")
        __import__("os").system("touch MARKER_import")
        shutil.rmtree(".")
        inputs = keras.Input((10, 10, 1))
        x = keras.layers.Conv2D(5, 3)(inputs)
        x = keras.layers.Activation("sigmoid")(x)
        x = keras.layers.Conv2D(2, 3)(x)
        x = keras.layers.Activation("sigmoid")(x)
        model = keras.Model(inputs, x)
        model.compile(optimizer="adam", loss="mse")
        model.fit(os.listdir("."), epochs=int(os.environ["EPOCHS"]))
        model.save("MARKER_model.keras")
        print(model.summary())
    """,
}


@pytest.mark.parametrize("spelling", EXAMPLE_2)
def test_each_spelling_prints_keras_summary(tmp_path, monkeypatch, spelling):
    monkeypatch.chdir(tmp_path)
    path = write(tmp_path, EXAMPLE_2[spelling])
    assert summary(path) == (GOLDEN / "lecture-example-2.cols200.out").read_text()
    assert not [p for p in os.listdir(tmp_path) if p.startswith("MARKER")], "the code was run"


# The lecture's no-max-pool model (Sequential), spelled in other ways: Keras's summary is
# tests/golden/lecture-no-max-pool.cols200.out.
NO_MAX_POOL = {
    "list": """
        from keras import layers, models
        model = models.Sequential([
            layers.Conv2D(32, (3, 3), activation='relu', input_shape=(28, 28, 1)),
            layers.Conv2D(64, (3, 3), activation='relu'),
            layers.Conv2D(64, (3, 3), activation='relu'),
            layers.Flatten(),
            layers.Dense(1),
        ])
    """,
    "add in a loop": """
        import tensorflow as tf
        model = tf.keras.models.Sequential()
        for i, filters in enumerate([32, 64, 64]):
            extra = {"input_shape": (28, 28, 1)} if i == 0 else {}
            model.add(tf.keras.layers.Convolution2D(filters, (3, 3), activation="relu", **extra))
        model.add(tf.keras.layers.Flatten())
        model.add(tf.keras.layers.Dense(units=1))
    """,
    "bare imports, list.append": """
        from keras.models import Sequential
        from keras.layers import Conv2D, Flatten, Dense
        stack = []
        stack.append(Conv2D(32, (3, 3), activation="relu", input_shape=(28, 28, 1)))
        stack.extend([Conv2D(n, (3, 3), activation="relu") for n in (64, 64)])
        stack += [Flatten(), Dense(1)]
        model = Sequential(stack)
    """,
}


@pytest.mark.parametrize("spelling", NO_MAX_POOL)
def test_sequential_spellings_print_keras_summary(tmp_path, spelling):
    path = write(tmp_path, NO_MAX_POOL[spelling])
    assert summary(path) == (GOLDEN / "lecture-no-max-pool.cols200.out").read_text()


def test_several_outputs_by_unpacking_and_index(tmp_path):
    path = write(tmp_path, """
        from keras import Input, Model, layers
        x = Input((20, 8))
        out, h, c = layers.LSTM(4, return_state=True, name="enc")(x)
        states = layers.LSTM(3, return_state=True)(out[:, None] if False else x)
        y = layers.Concatenate()([layers.Dense(2)(h), layers.Dense(2)(states[2])])
        model = Model(x, [y, c])
    """)
    graph = read_model(path)
    inputs = [call.inputs for call in graph.layers]
    assert "enc[1]" in inputs and "lstm[2]" in inputs
    assert graph.outputs == ["concatenate", "enc[2]"]


def test_a_shared_layers_earlier_call_is_named_by_its_call(tmp_path):
    path = write(tmp_path, """
        import keras
        a, b = keras.Input((4,), name="a"), keras.Input((4,), name="b")
        shared = keras.layers.Dense(3, name="shared")
        ya, yb = shared(a), shared(b)
        model = keras.Model([a, b], keras.layers.Add()([ya, yb]))
    """)
    graph = read_model(path)
    assert graph.layers[1].use == "shared" and graph.layers[1].inputs == "b"
    assert graph.layers[2].inputs == ["shared[0][0]", "shared"]


def test_names_follow_the_run_when_the_graph_order_differs(tmp_path):
    """Layers built in another order than called, or by an earlier model, are named as
    the run names them: explicitly, since the engine names in graph order."""
    path = write(tmp_path, """
        import keras
        unused = keras.layers.Dense(1)
        second, first = keras.layers.Dense(2), keras.layers.Dense(3)
        x = keras.Input((5,))
        model = keras.Model(x, second(first(x)))
    """)
    graph = read_model(path)
    assert [c.kwargs.get("name") for c in graph.layers] == ["dense_2", "dense_1"]
    assert graph.name == "functional" and graph.inputs[0].name == "input_layer"


def test_in_order_code_leaves_names_to_the_engine(tmp_path):
    graph = read_model(write(tmp_path, EXAMPLE_2["tf.keras"]))
    assert [c.kwargs.get("name") for c in graph.layers] == [None] * 4 and graph.name is None


def test_trainable_set_after_construction(tmp_path):
    path = write(tmp_path, """
        from keras import Sequential, Input, layers
        base = Sequential([Input((8,)), layers.Dense(4), layers.Dense(4)])
        for layer in base.layers[:1]:
            layer.trainable = False
        model = Sequential([Input((8,)), base, layers.Dense(1)])
        model.layers[-1].trainable = False
    """)
    graph = read_model(path)
    nested = graph.layers[0].kwargs["model"]
    assert nested.layers[0].kwargs["trainable"] is False and "trainable" not in nested.layers[1].kwargs
    assert graph.layers[1].kwargs["trainable"] is False


def test_model_option_and_default(tmp_path):
    path = write(tmp_path, """
        from keras import Sequential, layers
        small = Sequential([layers.Dense(2, input_shape=(3,))])
        big = Sequential([layers.Dense(5, input_shape=(3,)), layers.Dense(1)])
    """)
    assert read_model(path).name is None or read_model(path).name == "sequential_1"
    assert len(read_model(path).layers) == 2
    assert len(read_model(path, model="small").layers) == 1
    message = error(path, "--model", "smal")
    assert "--model smal" in message and "Did you mean 'small'?" in message and "small, big" in message


def test_import_writes_the_spec(tmp_path):
    path = write(tmp_path, NO_MAX_POOL["add in a loop"])
    spec = tmp_path / "out.yaml"
    result = run_cli("import", path, "-o", spec)
    assert result.exit_code == 0, result.output
    assert "Convolution2D: [32, [3, 3]]" in spec.read_text()
    assert summary(spec) == (GOLDEN / "lecture-no-max-pool.cols200.out").read_text()
    refused = run_cli("import", path, "-o", path)
    assert refused.exit_code == 2 and "another file" in refused.output


# -- what the reader cannot read: one message, with the line -----------------------------
ERRORS = {
    "syntax": ("import keras\nmodel = keras.Sequential([\n", ":2: invalid Python (column 26): '[' was never closed"),
    "shape from data": ("""
        import numpy as np
        from keras import Input, Model, layers
        x_train = np.load("data.npy")
        inputs = Input(shape=x_train.shape[1:])
        model = Model(inputs, layers.Dense(1)(inputs))
    """, ":4: the input's shape is x_train.shape[1:] (line 3: the result of np.load(...), never run)"),
    "argument from data": ("""
        import sys
        from keras import Sequential, layers
        n = int(sys.argv[1])
        model = Sequential([layers.Dense(n, input_shape=(4,))])
    """, ":4: Dense's argument 1 is n, which convcalc does not compute"),
    "lambda layer": ("""
        from keras import Sequential, layers
        model = Sequential([layers.Dense(4, input_shape=(3,))])
        model.add(layers.Lambda(lambda t: t * 2))
    """, ":3: Lambda wraps Python code"),
    "custom layer class": ("""
        from keras import Sequential, layers
        class Scale(layers.Layer):
            def call(self, x):
                return x * 2
        model = Sequential([layers.Dense(4, input_shape=(3,)), Scale()])
    """, "Scale, a class defined at line 2 whose code convcalc never runs"),
    "tensor arithmetic": ("""
        import keras
        a = keras.Input((4,))
        b = keras.layers.Dense(4)(a)
        model = keras.Model(a, a + b)
    """, "layers.Add()([a, b])"),
    "tensorflow op": ("""
        import tensorflow as tf
        a = tf.keras.Input((4,))
        model = tf.keras.Model(a, tf.concat([a, a], axis=-1))
    """, "tf.concat(...) on tensors is not a Keras layer"),
    "loop over data": ("""
        import json
        from keras import Sequential, layers
        config = json.load(open("config.json"))
        model = Sequential()
        for units in config["units"]:
            model.add(layers.Dense(units))
    """, ":5: convcalc cannot loop over config[\"units\"]"),
    "condition on data": ("""
        import argparse
        from keras import Sequential, layers
        args = argparse.ArgumentParser().parse_args()
        model = Sequential([layers.Dense(2, input_shape=(3,))])
        if args.deep:
            model.add(layers.Dense(2))
    """, ":5: this condition depends on args.deep"),
    "call keyword the layer's call lacks": ("""
        import keras
        x = keras.Input((None, 8))
        h = keras.Input((4,))
        y = keras.layers.LSTM(4)(x, constants=[h])
    """, ":4: 'lstm' (LSTM) is called with constants=..., which Keras's LSTM.call does not take"),
    "mask on a layer without one": ("""
        import keras
        x = keras.Input((None, 8))
        m = keras.Input((None,), dtype="bool")
        y = keras.layers.Dense(4)(x, mask=m)
    """, ":4: 'dense' (Dense) is called with mask=..., which Keras's Dense.call does not take"),
    "initial_state not tensors": ("""
        import keras
        x = keras.Input((None, 8))
        y = keras.layers.GRU(4)(x, initial_state={"h": x})
    """, ":3: 'gru' (GRU) is called with initial_state= a dict: convcalc follows a tensor or a list of tensors"),
    "mask through a merge": ("""
        import keras
        tokens = keras.Input((None,), dtype="int32")
        a = keras.layers.Embedding(100, 8, mask_zero=True)(tokens)
        b = keras.layers.Embedding(100, 8)(tokens)
        model = keras.Model(tokens, keras.layers.Concatenate()([a, b]))
    """, ":5: layer 3 'concatenate' (Concatenate): convcalc does not follow a mask through Concatenate"),
    "class typo": ("""
        from keras import layers
        conv = layers.Conv2d(4, 3)
    """, ":2: keras.layers has no class 'Conv2d'. Did you mean 'Conv2D'?"),
    "keras 1 model": ("""
        from keras.layers import Input, Dense
        from keras.models import Model
        a = Input((3,))
        model = Model(input=a, output=Dense(1)(a))
    """, ":4: Model(input=..., output=...) is Keras 1's spelling"),
    "no model": ("""
        from keras import Sequential, layers
        def build():
            return Sequential([layers.Dense(1, input_shape=(2,))])
    """, "builds no Keras model at module level\n  build one with Sequential([...]) or Model(inputs, outputs), "
         "assigned to a variable; a function that builds one (build) must be called"),
    "application on a tensor": ("""
        import keras
        inputs = keras.Input((150, 150, 3))
        base = keras.applications.VGG16(include_top=False, input_tensor=inputs)
    """, ":3: VGG16(input_tensor=...) builds the application on an existing tensor, which convcalc does not "
         "hold\n  call the application on it instead"),
    "application weights file": ("""
        from keras.applications.vgg19 import VGG19
        base = VGG19(
            weights="vgg19_notop.h5", include_top=False)
    """, ":2: VGG19(weights='vgg19_notop.h5') loads a weights file, which convcalc does not read\n"
         "  write weights=None"),
    "application trainable argument": ("""
        from keras.applications import VGG16
        base = VGG16(include_top=False, trainable=False)
    """, ":2: VGG16() has no argument 'trainable'\n  freeze it after: base = VGG16(...); base.trainable = False"),
    "application argument from data": ("""
        import sys
        from keras.applications import VGG16
        base = VGG16(include_top=False, input_shape=sys.argv[1])
    """, ":3: VGG16's argument 'input_shape' is sys.argv[1]"),
    "application Keras refuses": ("""
        import keras
        base = keras.applications.VGG16(classes=10)
    """, ":2: If using `weights='imagenet'` with `include_top=True`, `classes` should be 1000"),
    "application typo": ("""
        import keras
        base = keras.applications.VGG17(include_top=False)
        model = keras.Sequential([base, keras.layers.Dense(1)])
    """, "a keras.applications model convcalc does not read (it reads VGG16, "),
    "application's inside": ("""
        import keras
        base = keras.applications.VGG16(include_top=False, input_shape=(64, 64, 3))
        x = keras.layers.Flatten()(base.output)
        model = keras.Model(base.input, keras.layers.Dense(1)(x))
    """, ":4: the model's inputs must be Input() tensors; one is base.input (line 4: the application VGG16's "
         ".input: convcalc reads a keras.applications model as one layer (call it on a tensor: x = base(inputs))"),
    "fine-tuning an application's layers": ("""
        import keras
        base = keras.applications.VGG16(include_top=False, input_shape=(64, 64, 3))
        for layer in base.layers[:-4]:
            layer.trainable = False
    """, ":3: convcalc cannot loop over base.layers[:-4] (line 3: the application VGG16's .layers"),
    "endless loop": ("""
        while True:
            pass
    """, "the code runs too long for convcalc to follow"),
    "huge range": ("""
        from keras import Sequential, layers
        model = Sequential([layers.Dense(1, input_shape=(2,))])
        for i in range(10 ** 12):
            model.add(layers.Dense(1))
    """, ":3: a range of more than 100,000 items is not followed"),
    "huge number": ("x = 10 ** 10 ** 10\n", ":1: a number this large is not a layer argument"),
    "huge string": ("s = 'a' * 10 ** 9\n", ":1: a sequence this long is not a layer argument"),
    "raise": ("raise SystemExit('no')\n", ":1: the code raises an exception here"),
}


# The book's transfer-learning model (tests/code/transfer-learning-vgg16.py), spelled in
# other ways: Keras's summary of it is that file's golden.
TRANSFER_LEARNING = {
    "model.add, the first edition": """
        from keras.applications import VGG16
        from keras import models
        from keras import layers
        conv_base = VGG16(weights='imagenet',
                          include_top=False,
                          input_shape=(150, 150, 3))
        model = models.Sequential()
        model.add(conv_base)
        model.add(layers.Flatten())
        model.add(layers.Dense(256, activation='relu'))
        model.add(layers.Dense(1, activation='sigmoid'))
        conv_base.trainable = False
    """,
    "tensorflow.keras module path, positional arguments": """
        import tensorflow as tf
        from tensorflow.keras.applications.vgg16 import VGG16
        base = VGG16(False, "imagenet", None, [150, 150, 3])
        base.trainable = False
        model = tf.keras.Sequential(
            [base, tf.keras.layers.Flatten(), tf.keras.layers.Dense(256, "relu"), tf.keras.layers.Dense(1, "sigmoid")])
    """,
}


@pytest.mark.parametrize("spelling", TRANSFER_LEARNING)
def test_application_spellings_print_keras_summary(tmp_path, spelling):
    path = write(tmp_path, TRANSFER_LEARNING[spelling])
    assert summary(path) == (GOLDEN / "transfer-learning-vgg16.py.cols200.out").read_text()
    assert summary(path, "--expand-nested") == (GOLDEN / "transfer-learning-vgg16.py.expanded.out").read_text()


def test_an_application_is_held_as_its_spec_entry(tmp_path):
    """The graph holds VGG16(...) as the spec's application entry, and convcalc import
    writes it back as one; its construction takes the names Keras gives it then."""
    graph = read_model(ROOT / "tests" / "code" / "transfer-learning-vgg16.py")
    base = graph.layers[0]
    assert (base.class_name, base.args) == ("VGG16", [])
    assert base.kwargs == {"weights": "imagenet", "include_top": False, "input_shape": [150, 150, 3],
                           "trainable": False}
    spec = tmp_path / "imported.yaml"
    assert run_cli("import", ROOT / "tests" / "code" / "transfer-learning-vgg16.py", "-o", spec).exit_code == 0
    assert "  - VGG16: {weights: imagenet, include_top: false, input_shape: [150, 150, 3], trainable: false}\n" in (
        spec.read_text())
    path = write(tmp_path, """
        import keras
        from keras import layers
        inputs = keras.Input((64, 64, 3))
        a = layers.GlobalAveragePooling2D()(layers.Conv2D(4, 3)(inputs))
        b = keras.applications.VGG19(include_top=False, weights=None, pooling="avg")(inputs)
        model = keras.Model(inputs, layers.Concatenate()([a, b]))
    """)
    text = summary(path, "--expand-nested", "--line-length", "200")
    assert "│    └ input_layer_1 (InputLayer) " in text  # VGG19's: the model's Input came first
    assert "│    └ global_average_pooling2d_1 (GlobalAveragePooling2D) " in text


@pytest.mark.parametrize("case", ERRORS)
def test_what_cannot_be_read_is_reported_with_its_line(tmp_path, case):
    code, expected = ERRORS[case]
    path = write(tmp_path, code)
    message = error(path)
    assert message.startswith(f"convcalc: error: {path}"), message
    assert expected in message, message


def test_masking_under_a_dtype_policy_is_refused(tmp_path):
    """Keras casts Masking's float32 input under float16 first (a cast node the mask starts
    from); convcalc says so rather than print another graph."""
    path = ROOT / "tests" / "code" / "masking-functional-stacked-gru.py"
    assert "│ any (Any) " in summary(path, "--line-length", "200")
    message = error(path, "--dtype", "float16")
    assert ":7: layer 1 'masking' (Masking): Keras casts Masking's input to its dtype (float16) first" in message


def test_errors_in_import_too(tmp_path):
    path = write(tmp_path, ERRORS["lambda layer"][0])
    result = run_cli("import", path)
    assert result.exit_code == 2 and "Lambda wraps Python code" in result.output


def test_reading_never_imports_or_runs_what_the_file_names(tmp_path, monkeypatch):
    """No import of the file's modules happens: a module the file imports that would
    write a marker on import is never imported."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    write(tmp_path, "open('MARKER_imported', 'w')\n", name="evil_module.py")
    path = write(tmp_path, """
        import evil_module
        from evil_module import thing
        from keras import Sequential, layers
        evil_module.run()
        model = Sequential([layers.Dense(1, input_shape=(2,))])
    """)
    summary(path)
    assert not (tmp_path / "MARKER_imported").exists()


def test_reader_source_uses_no_exec_eval_or_import_of_the_code():
    """The reader's own source never calls exec/eval/compile/__import__/importlib."""
    modules = sorted((ROOT / "convcalc" / "read" / "python").glob("*.py"))
    assert len(modules) >= 8
    for module in modules:
        source = module.read_text()
        for forbidden in ("exec(", "eval(", "compile(", "__import__", "importlib", "runpy", "subprocess"):
            assert forbidden not in source.replace("def eval(", "").replace("self.eval(", ""), (module.name, forbidden)


def test_errors_are_spec_errors(tmp_path):
    with pytest.raises(SpecError) as caught:
        read_model(write(tmp_path, ERRORS["class typo"][0]))
    assert caught.value.line == 2


def test_values_that_hold_themselves_many_times_are_refused_fast(tmp_path):
    path = write(tmp_path, """
        from keras import Sequential, layers
        a = [[0] * 100000] * 100000
        b = a + a
        model = Sequential([layers.Dense(a, input_shape=(2,))])
    """)
    assert ":4: Dense's argument 1 holds more than 100,000 values" in error(path)


@pytest.mark.parametrize("call, key", [
    ("keras.Input(shape=(784))", "shape"),
    ("keras.layers.InputLayer(shape=784)", "shape"),
    ("keras.Input(batch_shape=784)", "batch_shape"),
])
def test_an_int_shape_is_refused_as_keras_refuses_it(tmp_path, call, key):
    # Keras 3.15: ValueError "Cannot convert '784' to a shape." -- (784) is an int, not a tuple
    path = write(tmp_path, f"""
        import keras
        from keras import layers
        model = keras.Sequential([{call}, layers.Dense(10)])
        """)
    output = error(path)
    assert output.count("\n") <= 2 and f"{path}:3:" in output, output
    assert f"{key}=784 is an int, not a shape" in output and f"write {key}=(784,)" in output, output
