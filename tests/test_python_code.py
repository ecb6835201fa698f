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
        model.evaluate(os.listdir("."), steps=int(os.environ["EPOCHS"]))
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


def test_the_reader_names_everything_and_a_spec_leaves_out_the_analysis_own(tmp_path):
    """The reader names each layer and model as the code's run does (the analysis plans
    no name for it, and the reader never runs the analysis); a spec written from it
    leaves out the names the analysis would give the same."""
    path = write(tmp_path, EXAMPLE_2["tf.keras"])
    graph = read_model(path)
    assert [c.kwargs.get("name") for c in graph.layers] == ["conv2d", "activation", "conv2d_1", "activation_1"]
    assert graph.name == "functional"
    written = run_cli("import", path).output
    assert "name" not in written and "  - Conv2D: [5, 3]\n" in written, written


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
    "lambda layer of an imported function": ("""
        from keras import Sequential, layers
        from mylib import transform
        model = Sequential([layers.Dense(4, input_shape=(3,))])
        model.add(layers.Lambda(transform))
    """, ":4: Lambda's function is transform (line 2: from mylib, which convcalc does not follow): convcalc follows a lambda"),
    "custom layer of an unknown base": ("""
        from keras import Sequential, layers
        from mylib import Base
        class Scale(Base):
            def call(self, x):
                return x * 2
        model = Sequential([layers.Dense(4, input_shape=(3,)), Scale()])
    """, ":6: a model holds Scale() (line 6: an instance of Scale, whose base class Base convcalc does not follow)"),
    "custom layer without super().__init__()": ("""
        from keras import Sequential, layers
        class Scale(layers.Layer):
            def __init__(self, factor):
                self.factor = factor
            def call(self, x):
                return x * self.factor
        model = Sequential([layers.Dense(4, input_shape=(3,)), Scale(2)])
    """, ":7: Scale.__init__ does not call super().__init__(): Keras refuses the layer"),
    "custom layer returning data": ("""
        import keras
        class Bad(keras.layers.Layer):
            def call(self, x):
                return 3
        inputs = keras.Input((4,))
        model = keras.Model(inputs, Bad()(inputs))
    """, ":6: Bad.call returns 3, not a tensor convcalc follows"),
    "custom layer with unknown shapes in add_weight": ("""
        import keras
        class Bad(keras.layers.Layer):
            def build(self, input_shape):
                self.w = self.add_weight(shape=input_shape)
            def call(self, x):
                return x * self.w
        inputs = keras.Input((None,))
        model = keras.Model(inputs, Bad()(inputs))
    """, ":4: Bad.add_weight's shape is (None, None): convcalc needs its sizes (integers)"),
    "tensorflow op": ("""
        import tensorflow as tf
        a = tf.keras.Input((4,))
        model = tf.keras.Model(a, tf.concat([a, a], axis=-1))
    """, ":3: tf.concat(...) on a Keras tensor: Keras 3 refuses a TensorFlow function of a symbolic "
         "tensor (\"A KerasTensor cannot be used as input to a TensorFlow function\"); write keras.ops.concatenate(...)"),
    "tensorflow op without equivalent": ("""
        import tensorflow as tf
        a = tf.keras.Input((4,))
        model = tf.keras.Model(a, tf.signal.rfft(a))
    """, ":3: tf.signal.rfft(...) on a Keras tensor: Keras 3 refuses a TensorFlow function of a symbolic "
         "tensor (\"A KerasTensor cannot be used as input to a TensorFlow function\"); write a keras.ops function or "
         "a layer"),
    "slice by a tensor": ("""
        import keras
        a = keras.Input((4,))
        i = keras.Input((1,), dtype="int32")
        model = keras.Model([a, i], a[:, i])
    """, ":4: the model depends on a[:, i] (line 4: a slice of a tensor by values convcalc does not compute)"),
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
    "application on data that is not a model's tensor": ("""
        import keras
        import numpy as np
        images = np.load("images.npy")
        base = keras.applications.VGG16(include_top=False, input_tensor=images)
    """, ":4: VGG16(input_tensor=...) is images (line 3: the result of np.load(...), never run): convcalc "
         "builds an application on a model's tensor only\n  call the application on it instead"),
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
    "the layers of an application holding a nested model": ("""
        import keras
        base = keras.applications.ConvNeXtTiny(include_top=False, input_shape=(64, 64, 3))
        for layer in base.layers[:10]:
            layer.trainable = False
    """, ":3: the application ConvNeXtTiny holds a nested model, whose layers convcalc does not open"),
    "unbuilt model fit on data of an unknown shape": ("""
        import keras
        from keras import layers
        (x_train, y_train), _ = keras.datasets.mnist.load_data()
        model = keras.Sequential([layers.Flatten(), layers.Dense(10)])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x_train, y_train, epochs=5)
    """, ":6: the Sequential model 'sequential' is built at line 6 on x_train (line 3: "),
    "unbuilt model called on data of an unknown shape": ("""
        import numpy as np
        import keras
        model = keras.Sequential([keras.layers.Dense(10)])
        y = model(np.load("x.npy"))
    """, ":4: the Sequential model 'sequential' is built at line 4 on np.load(\"x.npy\") (line 4: "),
    "unbuilt model predicted with a batch size from data": ("""
        import sys
        import numpy as np
        import keras
        model = keras.Sequential([keras.layers.Dense(10)])
        y = model.predict(np.zeros((8, 4)), batch_size=int(sys.argv[1]))
    """, ":5: the Sequential model 'sequential' is built at line 5 on model.predict("),
    "a Sequential's .input (Keras 3 has only .inputs)": ("""
        import keras
        model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2)])
        features = keras.Model(model.input, model.layers[0].output)
    """, ":3: the layer sequential has never been called and thus has no defined input (Keras's words)\n"
         "  a Sequential model's own tensors are model.inputs: write model.inputs[0]"),
    "an unbuilt Sequential's .outputs": ("""
        import keras
        model = keras.Sequential([keras.layers.Dense(2)])
        y = keras.layers.Dense(1)(model.outputs[0])
    """, ":3: Sequential model 'sequential' has no defined outputs yet (Keras's words): it has no input shape"),
    "the output of a layer of an unbuilt Sequential": ("""
        import keras
        model = keras.Sequential([keras.layers.Dense(2)])
        y = model.layers[0].output
    """, ":3: 'dense' has no output: it is not called on a tensor yet"),
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
    """The graph holds the Functional model VGG16(...) builds, named as the code's run
    names it, and remembers the call as the code wrote it, which convcalc import writes
    back as the spec's application entry; its construction takes the names Keras gives
    it then."""
    graph = read_model(ROOT / "tests" / "code" / "transfer-learning-vgg16.py")
    base = graph.layers[0]
    assert base.class_name == "Functional" and base.kwargs["model"].name == "vgg16"
    written = base.written_as
    assert (written.class_name, written.args) == ("VGG16", [])
    assert written.kwargs == {"weights": "imagenet", "include_top": False, "input_shape": [150, 150, 3],
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
    path = write(tmp_path, ERRORS["lambda layer of an imported function"][0])
    result = run_cli("import", path)
    assert result.exit_code == 2 and "Lambda's function is transform" in result.output


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
    assert ":3: a value longer than 100,000 items is not followed" in error(path)  # a + a: over the item cap


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


def test_check_and_import_refuse_a_class_the_code_defines():
    """check builds in Keras the model convcalc read, import writes it as YAML: a class the
    code defines exists only in the code, which convcalc never runs, so both say so."""
    case = ROOT / "tests" / "code" / "custom-layer-add-weight.py"
    for command in ("check", "import"):
        result = run_cli(command, case)
        assert result.exit_code == 2, result.output
        assert f"{case}:36: the model holds Linear, a class the file defines" in result.output


# -- layer factories and helpers (the goldens: tests/code/factory-*.py, clone-model-*.py, ...) --
FACTORY_ERRORS = {
    "partial of nothing": ("from functools import partial\nDense = partial()\n", ":2: functools.partial takes the function"),
    "isinstance arity": ("from keras import layers\nok = isinstance(layers.Dense(1))\n",
                         ":2: isinstance takes a value and a class"),
    "getattr of a name not known": ("from keras import layers\nname = input()\nConv = getattr(layers, 3)\n",
                                    ":3: getattr's attribute name must be a string; got 3"),
    "getattr of no such class": ("from keras import layers\nConv = getattr(layers, 'Conv9D')\n",
                                 ":2: keras.layers has no class 'Conv9D'"),
    "two starred names": ("a, *b, *c = [1, 2, 3]\n", ":1: multiple starred expressions in assignment"),
    "starred, too few values": ("a, b, *c = [1]\n", ":1: cannot unpack 1 values into at least 2 names"),
    "starred, from a value not computed": ("import os\nimport keras\nfirst, *rest = os.environ\n"
                                           "model = keras.Sequential([keras.Input((3,)), *rest])\n",
                                           ":4: convcalc cannot loop over rest (line 3:"),
    "batch_input_shape on a layer": (
        "import keras\nmodel = keras.Sequential([keras.layers.Dense(3, batch_input_shape=(None, 4))])\n",
        ":2: Keras 3 refuses batch_input_shape= on a layer (\"Unrecognized keyword arguments passed to Dense: "
        "{'batch_input_shape': (None, 4)}\")\n  start the model with keras.Input(batch_shape=(None, 4))"),
    "a layer that is no activation as an activation": (
        "import keras\nmodel = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3, activation=keras.layers.Dense(2))])\n",
        ":2: layer 1 'dense_1' (Dense): activation=Dense(...): convcalc follows a layer as an activation only if"),
    "clone of a functional model": (
        "import keras\ni = keras.Input((3,))\nm = keras.Model(i, keras.layers.Dense(2)(i))\n"
        "model = keras.models.clone_model(m)\n",
        ":4: clone_model of a functional model whose Inputs have no names: Keras names the new inputs after "
        "its tensors (keras_tensor_N)"),
    "clone of an application": ("import keras\nm = keras.applications.VGG16(weights=None)\n"
                                "model = keras.models.clone_model(m)\n",
                                ":3: clone_model of the application VGG16 is not followed"),
    "clone of a functional model holding a model": (
        "import keras\ninner = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])\n"
        "i = keras.Input((3,), name='x')\nmodel = keras.models.clone_model(keras.Model(i, inner(i)))\n",
        ":4: clone_model of a model that holds a model is not followed"),
    "clone with a clone_function": (
        "import keras\nm = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])\n"
        "model = keras.models.clone_model(m, clone_function=lambda layer: layer)\n",
        ":3: clone_model's clone_function= runs code of its own, which convcalc does not follow"),
    "clone of a layer": ("import keras\nmodel = keras.models.clone_model(keras.layers.Dense(2))\n",
                         ":2: clone_model takes a model; got"),
    "clone of a model holding a model": (
        "import keras\ninner = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])\n"
        "model = keras.models.clone_model(keras.Sequential([inner, keras.layers.Dense(1)]))\n",
        ":3: clone_model of a Sequential that holds a model or was built by a call is not followed"),
}


@pytest.mark.parametrize("case", FACTORY_ERRORS)
def test_factories_and_helpers_refused_with_their_line(tmp_path, case):
    code, message = FACTORY_ERRORS[case]
    path = tmp_path / "snippet.py"
    path.write_text(code)
    output = error(path)
    assert f"{path}{message}" in output, output


def test_a_partial_passes_its_arguments_first_and_a_keyword_again_wins(tmp_path):
    path = write(tmp_path, """
        import functools
        import keras
        Conv = functools.partial(keras.layers.Conv2D, 8, kernel_size=5, padding="same")
        model = keras.Sequential([keras.Input((10, 10, 1)), Conv(kernel_size=3)])
    """)
    output = summary(path)
    assert "(None, 10, 10, 8)" in output and "Total params: 80 (" in output  # 3 × 3 × 1 × 8 + 8


def test_isinstance_follows_keras_classes_and_python_types(tmp_path):
    path = write(tmp_path, """
        import keras
        from keras import layers
        lstm, seq = layers.LSTM(2), keras.Sequential([keras.Input((3,)), layers.Dense(1)])
        i = keras.Input((3,))
        functional = keras.Model(i, layers.Dense(1)(i))
        checks = [isinstance(lstm, layers.RNN), isinstance(lstm, layers.GRU), isinstance(seq, keras.Model),
                  isinstance(seq, layers.Layer), isinstance(functional, keras.Sequential), isinstance(3, (str, int)),
                  isinstance([lstm], list), isinstance(layers.SpatialDropout2D(0.1), layers.Dropout),
                  isinstance(layers.InputLayer(shape=(2,)), layers.InputLayer), isinstance(i, layers.Layer)]
        assert checks == [True, False, True, True, False, True, True, True, True, False]
        model = seq if checks[0] else None
    """)
    from convcalc.read.python import interpret

    assert interpret(path).module.vars["checks"] == [True, False, True, True, False, True, True, True, True, False]


def test_clone_model_keeps_names_and_takes_no_auto_name_but_its_functional(tmp_path):
    """keras/src/models/cloning.py: layers from their configs (names kept); the new
    Sequential builds a Functional (functional_N counted), nothing else."""
    from convcalc.read.python import interpret

    path = write(tmp_path, """
        import keras
        a = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])
        b = keras.models.clone_model(a)
        c = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])
    """)
    found = interpret(path)
    a, b, c = (found.module.vars[k] for k in "abc")
    assert (b.display_name, b.items[1][0].display_name, b.items[0][0].display_name) == ("sequential", "dense",
                                                                                     "input_layer")
    assert (c.display_name, c.items[1][0].display_name) == ("sequential_1", "dense_1")


def test_the_readers_keras_facts_are_keras_own():
    """What the reader knows of Keras's classes, checked against Keras 3: the exported
    bases isinstance follows, the activation layers it takes as activation= (no weights in the summary),
    and the refusal of batch_input_shape= on a layer."""
    import inspect

    from convcalc.oracle.keras_reference import import_keras
    from convcalc.layers.arguments import ACTIVATION_LAYERS
    from convcalc.layers.signatures import keras_classes, layer_bases

    keras = import_keras("tensorflow")
    exported = {c: n for n, c in vars(keras.layers).items() if inspect.isclass(c)}
    bases = {}
    for cls, name in exported.items():
        found = [exported[b] for b in cls.__mro__[1:] if b in exported and b is not keras.layers.Layer]
        if found:
            bases[name] = tuple(found)
    generated = {name: tuple(b for b in layer_bases(name) if b != "Layer") for name in keras_classes()}
    assert bases == {name: found for name, found in generated.items() if found}
    for name in ACTIVATION_LAYERS:  # as a Dense's activation, none adds a weight to the summary
        layer = getattr(keras.layers, name)(*(["relu"] if name == "Activation" else []))
        model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3, activation=layer)])
        assert model.count_params() == 4 * 3 + 3, name
    with pytest.raises(ValueError, match=r"Unrecognized keyword arguments passed to Dense: \{'batch_input_shape'"):
        keras.layers.Dense(3, batch_input_shape=(None, 4))


def test_isinstance_follows_the_files_own_classes(tmp_path):
    from convcalc.read.python import interpret

    path = write(tmp_path, """
        from keras import layers
        class MCDropout(layers.Dropout):
            pass
        class Scale(layers.Layer):
            pass
        class Helper:
            pass
        scale, helper = Scale(), Helper()
        checks = [isinstance(layers.Dropout(0.1), MCDropout), isinstance(scale, Scale), isinstance(scale, layers.Layer),
                  isinstance(helper, Helper), isinstance(helper, Scale)]
    """)
    assert interpret(path).module.vars["checks"] == [False, True, True, True, False]


def test_an_unbuilt_model_is_refused_where_keras_prints_nothing_of_it(tmp_path):
    """tf-keras 2's summary() of a model never built raises; explain has no shapes to derive."""
    path = ROOT / "tests" / "code" / "unbuilt-sequential-guide.py"
    message = error(path, "--style", "keras2")
    assert "the model 'sequential' is not built (it has no input shape): tf-keras 2's model.summary() refuses it" in message
    result = run_cli("explain", path)
    assert result.exit_code == 2 and "is not built (it has no input shape): its layers have no shapes" in result.output


def test_an_unbuilt_spec_says_so(tmp_path):
    """A YAML spec writes an unbuilt Sequential as `built: false`, only on a Sequential without an input."""
    path = ROOT / "tests" / "code" / "unbuilt-mixed-nested.py"
    spec = tmp_path / "imported.yaml"
    assert run_cli("import", path, "-o", spec).exit_code == 0
    assert "\nbuilt: false\n" in spec.read_text() and spec.read_text().count("built: false") == 2
    bad = tmp_path / "bad.yaml"
    bad.write_text("input: [4]\nbuilt: false\nlayers:\n  - Dense: 2\n")
    message = error(bad)
    assert f"{bad}:2: `built: false` is for a Sequential without `input:` or `batch_size:`" in message


def test_a_sequential_built_only_by_its_call_in_another_model_is_refused(tmp_path):
    path = write(tmp_path, """
        import keras
        augment = keras.Sequential([keras.layers.RandomFlip()])
        inputs = keras.Input((32, 32, 3))
        model = keras.Model(inputs, keras.layers.Flatten()(augment(inputs)))
    """)
    message = error(path, "--model", "augment")
    assert f"{path}:2: the model 'augment' is built only by its call on another model's tensor (line 4)" in message


@pytest.mark.parametrize("later", ["model = build_model()", "model = keras.models.load_model('best.keras')",
                                   "classifier = MyModel()"])
def test_the_model_bound_last_is_the_one_summarized_or_refused(tmp_path, later):
    """convcalc never summarizes another model than the one the code binds last: when that
    one is a model it cannot read, it says so (--model still picks the other)."""
    path = write(tmp_path, f"""
        import keras
        from keras import layers
        from mymodels import build_model, TFModel
        class MyModel(TFModel):
            pass
        base = keras.Sequential([keras.Input((4,)), layers.Dense(2)])
        {later}
    """)
    message = error(path)
    assert f"{path}:7: the model the code binds last is '{later.split(' =')[0]}'" in message, message
    assert "it would summarize 'base' instead" in message and "--model base" in message
    assert summary(path, "--model", "base").startswith('Model: "sequential"')


    message = error(ROOT / "tests" / "code" / "build-and-functions.py", "--model", "body")
    assert "build-and-functions.py:8: the model 'body' is built only by the model that holds it, whose" in message


def test_a_long_add_loop_is_read_and_its_many_builds_are_said(tmp_path):
    """Keras builds a Sequential with an Input again at every add (each layer called once
    per build): convcalc records the builds, and keeps the calls of at most MAX_VIEW_CALLS."""
    code = textwrap.dedent("""
        import keras
        model = keras.Sequential([keras.Input((4,))])
        for i in range(1000):
            model.add(keras.layers.Dense(4))
    """)
    assert '"total_params": 20000' in summary(write(tmp_path, code), "--format", "json")
    path = write(tmp_path, code + "features = keras.Model(model.inputs, model.layers[-1].output)\n")
    message = error(path, "--model", "features")
    assert f"{path}:5: 'dense_999' is called again at each of the many builds of the Sequential model 'sequential'" in message


def test_a_nested_residual_model_is_run_once_per_call(tmp_path, monkeypatch):
    """A residual graph reaches each call once per path to it (2**20 paths here): run on
    its call's shapes, a nested model works out each of its calls once."""
    from convcalc.read.python.shapes import Shapes

    path = write(tmp_path, """
        import keras
        from keras import layers
        inner_in = keras.Input((8,))
        x = inner_in
        for _ in range(20):
            x = layers.Add()([x, layers.Dense(8)(x)])
        inner = keras.Model(inner_in, x)
        outer_in = keras.Input((8,))
        y = inner(outer_in)
        model = keras.Model(outer_in, layers.Dense(y.shape[-1] // 4)(y))
    """)
    applied = []
    apply_rule = Shapes.apply_rule
    monkeypatch.setattr(Shapes, "apply_rule", lambda self, layer, shapes: applied.append(layer) or
                        apply_rule(self, layer, shapes))
    read_model(path)
    assert len(applied) == 2 * 20


def test_a_cell_called_on_other_features_than_it_was_built_on_is_refused_as_keras_refuses_it(tmp_path):
    code = """
        import keras
        from keras import layers, ops
        class Dec(keras.Model):
            def __init__(self):
                super().__init__()
                self.cell = layers.LSTMCell(6)
                self.rnn = layers.RNN(self.cell, return_state=True, return_sequences=True)
            def call(self, x):
                seq, h, c = self.rnn(x)
                y, (h, c) = self.cell(seq[:, -1], states=[h, c])
                return y
        model = Dec()
        model(ops.zeros((2, 7, 4)))
    """
    path = write(tmp_path, code)
    output = error(path)
    assert f"{path}:10:" in output and "'lstm_cell' (LSTMCell) was built on steps of 4 features; here it is " \
                                       "called on 6" in output, output
    from convcalc.oracle.keras_reference import import_keras

    import_keras("tensorflow")
    with pytest.raises(Exception, match="Exception encountered when calling LSTMCell.call"):
        exec(compile(path.read_text(), str(path), "exec"), {})  # the test runs it in Keras: convcalc never does


def test_a_model_fit_with_an_optimizer_convcalc_cannot_read_is_refused(tmp_path):
    """fit builds the optimizer, and Keras's summary counts its variables: one convcalc
    cannot read (a schedule) is refused where the code compiles it, not left out."""
    path = write(tmp_path, """
        import numpy as np
        import keras
        from keras import layers
        model = keras.Sequential([keras.Input((8,)), layers.Dense(1)])
        schedule = keras.optimizers.schedules.ExponentialDecay(0.01, decay_steps=100, decay_rate=0.9)
        model.compile(optimizer=keras.optimizers.Adam(learning_rate=schedule), loss="mse")
        model.fit(np.zeros((16, 8)), np.zeros((16, 1)), epochs=1, verbose=0)
    """)
    output = error(path)
    assert f"{path}:6: the model is fit, compiled with an optimizer of arguments convcalc does " \
           "not hold" in output, output
    assert "Traceback" not in output


def test_a_model_class_built_on_data_convcalc_does_not_hold_is_refused(tmp_path):
    """Keras builds a model class on the data it is called or fit on; convcalc cannot, and
    says so rather than listing it unbuilt."""
    path = write(tmp_path, """
        import keras
        from keras import layers
        class Net(keras.Model):
            def __init__(self):
                super().__init__()
                self.dense = layers.Dense(4)
            def call(self, x):
                return self.dense(x)
        model = Net()
        model.compile(loss="mse")
        model.fit(dataset, epochs=1)
    """)
    output = error(path)
    assert f"{path}:11: 'net' (Net) is built at line 11 on" in output and "data of a shape convcalc does not know" \
        in output, output
