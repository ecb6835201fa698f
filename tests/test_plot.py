"""convcalc plot: the graph keras.utils.plot_model draws, compared with real Keras.

tests/golden/plot/ is written by scripts/gen_plot_goldens.py from Keras's own
model_to_dot (pydot's to_string()). The comparison is byte for byte: pydot writes a
graph's attributes, boxes, clusters and edges in the order model_to_dot adds them, so the
order is Keras's and meaningful. Only the boxes' ids differ by construction (Keras's are
id(layer), memory addresses); the generator numbers them in declaration order, as
convcalc does, and an edge to an undeclared box would stop it.
"""

import importlib.util
import os
import re
import shutil

import pytest

from conftest import ROOT, cli_modules, run_cli, write_spec

_spec = importlib.util.spec_from_file_location("gen_plot_goldens", ROOT / "scripts" / "gen_plot_goldens.py")
gen = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(gen)  # its tables only: it imports Keras when run, not here

GOLDEN = gen.GOLDEN
SPECS = {gen.case_name(path): path for path in gen.case_paths() + gen.reader_paths()}


def variant_options(variant):
    """`convcalc plot`'s options for a variant of model_to_dot's arguments."""
    arguments, dtype_policy = gen.PLOT_VARIANTS[variant]
    options = []
    for key, value in arguments.items():
        if key in ("rankdir", "dpi"):
            options += [f"--{key}", str(value)]
        elif key == "show_layer_names":
            options += [] if value else ["--no-show-layer-names"]
        elif value:
            options.append("--" + key.replace("_", "-"))
    return options + (["--dtype", dtype_policy] if dtype_policy else [])


CASES = [(name, variant) for name in gen.PLOT_CASES for variant in gen.variants(SPECS[name])]


def test_every_case_has_its_golden_files():
    missing = [f"{stem}.{variant}.dot" for stem, variant in CASES if not (GOLDEN / f"{stem}.{variant}.dot").exists()]
    assert not missing, f"run scripts/gen_plot_goldens.py: missing {missing}"
    assert len(CASES) >= 50


def test_the_goldens_cover_what_plot_model_draws():
    """Sequential and functional models, branches, clusters, every cell kind, LR, dpi."""
    texts = {(stem, variant): (GOLDEN / f"{stem}.{variant}.dot").read_text() for stem, variant in CASES}
    everything = "".join(texts.values())
    for needed in ("subgraph cluster_", "style=dashed;", "Activation: <b>", "Input shape: <b>[(",
                   "Output dtype: <b>float16</b>", "<b>Non-trainable</b>", "<b>Trainable</b>", "rankdir=LR;",
                   "dpi=96;"):
        assert needed in everything, needed
    fan_out = [key for key, text in texts.items() if len(set(re.findall(r"^(\d+) -> ", text, re.M)))
               < len(re.findall(r"^(\d+) -> ", text, re.M))]
    assert fan_out, "no golden with a box that feeds several others (branches)"


@pytest.mark.parametrize("stem, variant", CASES, ids=lambda v: v)
def test_dot_text_is_byte_identical_to_keras(stem, variant):
    result = run_cli("plot", SPECS[stem], *variant_options(variant))
    assert result.exit_code == 0, result.output
    assert result.output == (GOLDEN / f"{stem}.{variant}.dot").read_text()


def test_option_flags_change_the_text_as_their_goldens_do():
    """A check of the check: the variants' goldens differ, so each option is compared."""
    texts = {variant: (GOLDEN / f"nested-models.{variant}.dot").read_text() for variant in gen.PLOT_VARIANTS}
    assert len(set(texts.values())) == len(texts)


def _dot_graph(text):
    boxes = re.findall(r"^(\d+) \[label=<.*?<b>([^<]+)</b>", text, re.M)
    edges = re.findall(r"^(\d+) -> (\d+) ", text, re.M)
    clusters = re.findall(r"^subgraph (\S+) \{", text, re.M)
    return boxes, edges, len(clusters)


def _mermaid_graph(text):
    boxes = re.findall(r'^\s*n(\d+)\["<b>([^<]+)</b>', text, re.M)
    edges = re.findall(r"^\s*n(\d+) --> n(\d+)$", text, re.M)
    clusters = re.findall(r"^\s*subgraph c\d+ \[", text, re.M)
    return boxes, edges, len(clusters)


@pytest.mark.parametrize("stem", ["nested-models", "graph-two-inputs-two-outputs", "mnist-convnet"])
def test_mermaid_has_the_same_boxes_and_edges(stem):
    options = variant_options("nested")
    mermaid = run_cli("plot", SPECS[stem], "--format", "mermaid", *options)
    assert mermaid.exit_code == 0, mermaid.output
    assert mermaid.output.startswith("flowchart TB\n")
    dot = (GOLDEN / f"{stem}.nested.dot").read_text()
    assert _mermaid_graph(mermaid.output) == _dot_graph(dot)
    assert _dot_graph(dot)[0] and _dot_graph(dot)[1]


def test_mermaid_left_to_right_and_its_file(tmp_path):
    target = tmp_path / "model.mmd"
    result = run_cli("plot", SPECS["nested-models"], "--rankdir", "LR", "--show-trainable", "-o", target)
    assert result.exit_code == 0, result.output
    text = target.read_text()
    assert text.startswith("flowchart LR\n")
    assert "style c1 stroke-dasharray: 5 5" not in text  # not expanded: no clusters
    # as the DOT golden's cells: the frozen sequential, the trainable head and dense_2
    full = (GOLDEN / "nested-models.full.dot").read_text()
    assert full.count("<b>Non-trainable</b>") == 1 and full.count("<b>Trainable</b>") == 2
    assert "  class n2 frozen\n  class n3,n4 trainable\n" in text


def test_dot_file_equals_the_standard_output_text(tmp_path):
    """What the web page calls in-process: `plot SPEC --format dot`, a path or `-`."""
    spec = SPECS["lecture-example-2"]
    target = tmp_path / "model.dot"
    assert run_cli("plot", spec, "-o", target).exit_code == 0
    printed = run_cli("plot", spec, "--format", "dot")
    assert printed.exit_code == 0
    assert printed.output == target.read_text() == (GOLDEN / "lecture-example-2.default.dot").read_text()
    from click.testing import CliRunner

    from convcalc.cli import main

    piped = CliRunner().invoke(main, ["plot", "-", "--format", "dot"], input=spec.read_bytes())
    assert piped.exit_code == 0, piped.output
    assert piped.output == printed.output


def test_bad_input_from_standard_input_names_its_line():
    from click.testing import CliRunner

    from convcalc.cli import main

    result = CliRunner().invoke(main, ["plot", "-"], input=b"input: [4]\nlayers:\n  - Conv2D: [2, 3]\n")
    assert result.exit_code == 2
    assert result.output.startswith("convcalc: error: <stdin>:3: layer 1 'conv2d' (Conv2D): Conv2D needs a 4-D input")
    assert "Traceback" not in result.output


@pytest.mark.parametrize("suffix, magic", [("svg", b"<?xml"), ("png", b"\x89PNG"), ("pdf", b"%PDF")])
def test_graphviz_draws_the_picture(tmp_path, suffix, magic):
    if shutil.which("dot") is None:
        if os.environ.get("CI"):
            pytest.fail("CI must install Graphviz (.ci/run)")
        pytest.skip("NOT CHECKED: Graphviz's dot is not installed (apt-get install graphviz)")
    target = tmp_path / f"model.{suffix}"
    result = run_cli("plot", SPECS["nested-models"], "--expand-nested", "--show-shapes", "-o", target)
    assert result.exit_code == 0, result.output
    data = target.read_bytes()
    assert data.startswith(magic)
    if suffix == "svg":
        text = data.decode()
        for name in ("input_layer", "conv2d", "batch_normalization", "input_layer_2", "dense_1", "dense_2"):
            assert f"<text text-anchor=\"start\"" in text and f">{name}</text>" in text, name
        assert "(None, 26, 26, 8)" in text
        assert text.count("<g id=\"clust") == 2  # the dashed clusters: sequential, head


def test_a_missing_graphviz_is_named(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no dot on it
    result = run_cli("plot", SPECS["mnist-convnet"], "-o", tmp_path / "model.png")
    assert result.exit_code == 2
    assert "Graphviz's `dot` program, which is not installed" in result.output
    assert "Debian's graphviz package" in result.output
    assert not (tmp_path / "model.png").exists()


@pytest.mark.parametrize("arguments, message", [
    (["-o", "model.jpg"], "convcalc plot writes .dot, .gv, .mmd, .svg, .png or .pdf files"),
    (["--format", "mermaid", "-o", "model.svg"], "a Mermaid flowchart is text"),
    (["--format", "dot", "-o", "model.mmd"], "a .mmd file holds a Mermaid flowchart"),
])
def test_bad_output_options_get_one_message(tmp_path, arguments, message):
    arguments = [str(tmp_path / a) if a.startswith("model.") else a for a in arguments]
    result = run_cli("plot", SPECS["mnist-convnet"], *arguments)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_one_file_holds_one_graph(tmp_path):
    result = run_cli("plot", SPECS["mnist-convnet"], SPECS["lecture-example-2"], "-o", tmp_path / "m.dot")
    assert result.exit_code == 2
    assert "give one SPEC" in result.output
    both = run_cli("plot", SPECS["mnist-convnet"], SPECS["lecture-example-2"])
    assert both.exit_code == 0
    assert both.output == ((GOLDEN / "mnist-convnet.default.dot").read_text()
                           + (GOLDEN / "lecture-example-2.default.dot").read_text())


REFUSED = [(name, variant) for name in gen.REFUSED for variant in gen.PLOT_VARIANTS
           if variant not in gen.variants(SPECS[name])]


@pytest.mark.parametrize("stem, variant", REFUSED, ids=lambda v: v)
def test_what_convcalc_does_not_derive_is_refused(stem, variant):
    """Hashing's output dtype follows its output_mode and dtype; a class of the file's may
    have an activation: refused, never guessed; the case's other variants are compared
    with Keras's."""
    assert REFUSED and all(name in gen.PLOT_CASES for name in gen.REFUSED)
    result = run_cli("plot", SPECS[stem], *variant_options(variant))
    assert result.exit_code == 2
    assert gen.REFUSED[stem][1] in " ".join(result.output.split()), result.output
    assert "Traceback" not in result.output


def test_code_and_configs_show_their_dtypes():
    """Among the goldens: a code file's int32 and string inputs, the policy it sets, a
    config's and an archive's InputLayer dtype."""
    names = {stem for stem, variant in CASES if gen.PLOT_VARIANTS[variant][0].get("show_dtype")}
    kinds = {SPECS[name].suffix for name in names}
    assert {".yaml", ".py", ".json", ".keras"} <= kinds
    texts = "".join((GOLDEN / f"{stem}.{variant}.dot").read_text() for stem, variant in CASES
                    if SPECS[stem].suffix != ".yaml" and gen.PLOT_VARIANTS[variant][0].get("show_dtype"))
    for dtype in ("int32", "int64", "string", "bool", "float16"):
        assert f"Output dtype: <b>{dtype}</b>" in texts, dtype


def test_an_unbuilt_model_is_refused_as_keras_refuses_it(tmp_path):
    code = write_spec(tmp_path, "import keras\nmodel = keras.Sequential([keras.layers.Dense(3)])\n", "m.py")
    result = run_cli("plot", code)
    assert result.exit_code == 2
    assert "is not built" in result.output and "plot_model refuses it" in result.output


def test_plot_imports_neither_pydot_nor_a_framework(tmp_path):
    code, modules, done = cli_modules("plot", SPECS["nested-models"], "--show-shapes", "--expand-nested")
    assert code == 0, done.stderr
    loaded = {m.split(".")[0] for m in modules}
    assert not loaded & {"pydot", "pyparsing", "keras", "tensorflow", "jax", "torch"}
    assert "convcalc.report.plot" in modules


HEADER = "import keras\nfrom keras import layers, ops\n"


@pytest.mark.parametrize("code, message", [
    ("from settings import DTYPE\ninputs = keras.Input((4,), dtype=DTYPE)\noutputs = layers.Dense(2)(inputs)\n",
     "the layer 'input_layer' (InputLayer): the input's dtype is DTYPE (line 3: from settings"),
    ("class Twice(layers.Layer):\n    def call(self, x):\n        return ops.cast(x * 2, 'int32')\n\n"
     "inputs = keras.Input((4,))\noutputs = Twice()(inputs)\n",
     "m.py:8: --show-dtype: convcalc does not derive the output dtype of the layer 'twice' (Twice): it is Twice, a "
     "class the file defines without compute_output_shape: Keras runs its call, which convcalc follows by shapes only"),
    ("import numpy as np\ninputs = keras.Input((3,))\noutputs = inputs + np.array([1.0, 2.0, 3.0])\n",
     "m.py:5: --show-dtype: convcalc does not derive the output dtype of the layer 'add' (Add): an operand is a "
     "constant tensor, whose dtype convcalc does not keep"),
])
def test_dtypes_of_keras_code_convcalc_cannot_know_are_refused(tmp_path, code, message):
    """What Keras's dtype follows and convcalc does not derive: refused with --show-dtype
    only, with its line, never guessed."""
    path = write_spec(tmp_path, HEADER + code + "model = keras.Model(inputs, outputs)\n", "m.py")
    result = run_cli("plot", path, "--show-dtype")
    assert result.exit_code == 2, result.output
    assert message in " ".join(result.output.split()), result.output
    assert run_cli("plot", path, "--show-shapes").exit_code == 0


@pytest.mark.parametrize("code, message", [
    ("keras.config.set_floatx('float16')\n",
     "m.py:3: keras.config.set_floatx('float16') changes the default dtype of every input and layer, which convcalc "
     "does not follow"),
    ("keras.mixed_precision.set_global_policy('int8_from_float32')\n",
     "m.py:3: keras.mixed_precision.set_global_policy: the dtype policy 'int8_from_float32' is not one convcalc follows"),
    ("from settings import POLICY\nkeras.config.set_dtype_policy(POLICY)\n",
     "m.py:4: keras.config.set_dtype_policy: the dtype policy POLICY (line 3: from settings"),
])
def test_settings_convcalc_does_not_follow_are_refused(tmp_path, code, message):
    """They change what every layer computes in (and weighs): refused, summary included."""
    text = HEADER + code + "inputs = keras.Input((4,))\nmodel = keras.Model(inputs, layers.Dense(2)(inputs))\n"
    path = write_spec(tmp_path, text, "m.py")
    result = run_cli("summarize", path)
    assert result.exit_code == 2, result.output
    assert message in " ".join(result.output.split()), result.output


def test_activations_convcalc_cannot_tell_are_refused(tmp_path):
    """A class the file defines may have an `activation` attribute; tf.nn.softmax is named
    softmax_v2: Keras would show what convcalc cannot know."""
    user = run_cli("plot", ROOT / "tests" / "code" / "factory-residual-unit-layer-loop.py", "--show-layer-activations")
    assert user.exit_code == 2
    assert "factory-residual-unit-layer-loop.py:46: --show-layer-activations: convcalc does not know whether " \
           "ResidualUnit, a class the file defines (the layer 'residual_unit') has an `activation` attribute" in user.output
    code = write_spec(tmp_path, "import keras\nimport tensorflow as tf\ninputs = keras.Input((4,))\n"
                      "outputs = keras.layers.Dense(3, activation=tf.nn.softmax)(inputs)\n"
                      "model = keras.Model(inputs, outputs)\n", "m.py")
    result = run_cli("plot", code, "--show-layer-activations")
    assert result.exit_code == 2
    assert "m.py:4: --show-layer-activations: the layer 'dense' has the activation softmax" in result.output
    assert run_cli("plot", code, "--show-shapes").exit_code == 0
