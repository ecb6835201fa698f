"""Bad input (spec-format.md, "What bad input gets"): one clear message on stderr, exit
status 2, never a traceback; the file, line and layer where there are some; what is
wrong and what would be right; and nothing ever constructed or run from a spec.

What Keras itself accepts or refuses was checked against keras 3.15 while writing these.
"""

import subprocess
import sys
import time

import pytest

from conftest import ROOT, run_cli, write_spec


def error_of(result):
    """The one error message of a failed run, after checking how it failed."""
    assert result.exit_code == 2, (result.exit_code, result.output, result.exception)
    assert isinstance(result.exception, SystemExit), result.exception  # not a crash
    assert result.stdout == ""
    message = result.stderr
    assert message.startswith("convcalc: error: ")
    assert message.count("convcalc: error:") == 1
    assert "Traceback" not in message
    return message


def spec_error(tmp_path, text, *options):
    """Write `text` as a spec, summarize it, and return the error message."""
    path = write_spec(tmp_path, text)
    return error_of(run_cli("summarize", path, *options))


def at(line):
    """How a message starts for spec.yaml, line `line`."""
    return f"spec.yaml:{line}:"


# -- the file and its YAML ---------------------------------------------------------


def test_missing_file(tmp_path):
    message = error_of(run_cli("summarize", tmp_path / "nope.yaml"))
    assert "nope.yaml: no such file" in message


def test_directory(tmp_path):
    message = error_of(run_cli("summarize", tmp_path))
    assert "is a directory" in message


@pytest.mark.parametrize("text", ["", "# only a comment\n", "---\n"])
def test_empty_file(tmp_path, text):
    assert "the spec is empty" in spec_error(tmp_path, text)


def test_not_utf8(tmp_path):
    path = tmp_path / "spec.yaml"
    path.write_bytes(b"input: [10]\nlayers:\n  - Dense: \xff3\n")
    message = error_of(run_cli("summarize", path))
    assert at(3) in message and "not UTF-8" in message and "0xff" in message
    assert "column 12" in message


def test_control_character(tmp_path):
    message = spec_error(tmp_path, "input: [10]\nlayers:\n  - Dense: 3\x07\n")
    assert at(3) in message and "column 13" in message and "#x0007" in message


def test_yaml_syntax_error_has_line_and_column(tmp_path):
    message = spec_error(tmp_path, "input: [10, 10\nlayers:\n  - Dense: 3\n")
    assert at(2) in message and "invalid YAML (column 7)" in message
    assert "did not find expected ',' or ']'" in message
    assert "starts at line 1, column 8" in message  # where the unclosed list began


def test_yaml_bad_indentation(tmp_path):
    message = spec_error(tmp_path, "input: [10]\nlayers:\n  - Dense: 3\n   units: 4\n")
    assert at(4) in message and "invalid YAML (column" in message


def test_yaml_tab_indentation(tmp_path):
    message = spec_error(tmp_path, "input: [10]\nlayers:\n\t- Dense: 3\n")
    assert at(3) in message and "invalid YAML" in message


def test_yaml_unterminated_string(tmp_path):
    message = spec_error(tmp_path, 'input: [10]\nlayers:\n  - Dense: "abc\n')
    assert "invalid YAML" in message and "quoted scalar that starts at line 3" in message


def test_yaml_undefined_alias(tmp_path):
    message = spec_error(tmp_path, "input: [10]\nlayers:\n  - Dense: *units\n")
    assert at(3) in message and "undefined alias" in message


def test_yaml_unhashable_key_is_not_called_a_tag(tmp_path):
    message = spec_error(tmp_path, "input: [10]\nlayers:\n  - {[a]: 3, Dense: 3}\n")
    assert at(3) in message and "unhashable key" in message and "tag" not in message


def test_two_yaml_documents(tmp_path):
    message = spec_error(tmp_path, "input: [10]\nlayers:\n  - Dense: 3\n---\ninput: [3]\n")
    assert at(4) in message and "expected a single document" in message


def test_repeated_key(tmp_path):
    message = spec_error(tmp_path, "input: [10]\nlayers:\n  - Dense: 3\ninput: [3]\n")
    assert at(4) in message and "'input' is given twice" in message and "line 1" in message


def test_repeated_keyword_in_a_layer(tmp_path):
    message = spec_error(tmp_path, "input: [10]\nlayers:\n  - Dense: {units: 3, units: 4}\n")
    assert at(3) in message and "'units' is given twice" in message


def test_deep_nesting(tmp_path):
    message = spec_error(tmp_path, "input: [10]\nlayers:\n  - Dense: " + "[" * 5000 + "]" * 5000 + "\n")
    assert at(3) in message


def test_nesting_limit(tmp_path):
    """Models nested in models, 80 deep: refused before anything recurses that deep."""
    entry = "- Dense: 2"
    for _ in range(80):
        entry = "- Sequential:\n    layers:\n" + "\n".join("      " + line for line in entry.splitlines())
    message = spec_error(tmp_path, "input: [4]\nlayers:\n" + "\n".join("  " + line for line in entry.splitlines()) + "\n")
    assert "the spec nests 244 levels deep; convcalc reads at most 200" in message


@pytest.mark.parametrize("text, line", [
    ("input: [10]\nlayers:\n  - Dense: {units: &a [*a]}\n", 3),
    ("input: [10]\nlayers: &l\n  - Dense: 3\n  - *l\n", 2),
    ("&t\ninput: [10]\nlayers:\n  - Sequential: *t\n", 1),
    ("input: [10]\nlayers:\n  - &e {TimeDistributed: {layer: *e}}\n", 3),
])
def test_recursive_alias(tmp_path, text, line):
    message = spec_error(tmp_path, text)
    assert at(line) in message and "alias is used inside its own anchor" in message


def test_alias_bomb_is_quoted_short_and_fast(tmp_path):
    """A billion-laughs spec: each list holds 9 of the one before; repr would never end."""
    # rate 0: Keras makes no SeedGenerator, so it never checks the seed (a rate above 0 refuses it)
    lines = ["input: [10]", "layers:", '  - Dropout: {rate: 0, seed: &a ["lol", "lol", "lol"]}']
    for previous, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"  - Dropout: {{rate: 0, seed: &{name} [{', '.join([f'*{previous}'] * 9)}]}}")
    lines.append("  - Dense: {units: *i}")
    start = time.monotonic()
    message = spec_error(tmp_path, "\n".join(lines) + "\n")
    assert time.monotonic() - start < 10
    assert "'units' must be a positive integer" in message and len(message) < 1000


# -- nothing is ever constructed from a tag ------------------------------------------


@pytest.mark.parametrize("where", ["entry", "top", "argument"])
@pytest.mark.parametrize("tag", [
    "!!python/object/apply:os.system",
    "!!python/object/new:os.system",
    "!!python/name:os.system",
    "!!python/module:os",
])
def test_python_tag_is_refused_and_nothing_runs(tmp_path, tag, where):
    marker = tmp_path / "convcalc-pwned"
    value = f'{tag} ["touch {marker}"]' if "name:" not in tag and "module:" not in tag else f"{tag} ''"
    text = {
        "entry": f"input: [10]\nlayers:\n  - {value}\n",
        "top": f"{value}\n",
        "argument": f"input: [10]\nlayers:\n  - Dense: {{units: {value}}}\n",
    }[where]
    message = spec_error(tmp_path, text)
    assert "YAML tag not allowed" in message and tag.removeprefix("!!") in message
    assert at(1 if where == "top" else 3) in message
    assert not marker.exists()


def test_unknown_local_tag_is_refused(tmp_path):
    message = spec_error(tmp_path, "input: [10]\nlayers:\n  - Dense: !units 3\n")
    assert at(3) in message and "YAML tag not allowed" in message and "!units" in message


# -- the spec's structure --------------------------------------------------------------


@pytest.mark.parametrize("text, kind", [
    ("- Conv2D: [5, 3]\n", "list"),
    ("Conv2D\n", "str"),
    ("42\n", "int"),
])
def test_spec_not_a_mapping(tmp_path, text, kind):
    message = spec_error(tmp_path, text)
    assert at(1) in message and f"a spec must be a mapping with a `layers:` list; got {kind}" in message


@pytest.mark.parametrize("text, line", [
    ("input: [10]\n", None),
    ("input: [10]\nlayers: []\n", 2),
    ("input: [10]\nlayers:\n", 2),
])
def test_no_layers(tmp_path, text, line):
    message = spec_error(tmp_path, text)
    assert "the spec has no layers" in message and "layers:" in message  # the hint shows one
    if line:
        assert at(line) in message


def test_layers_not_a_list(tmp_path):
    message = spec_error(tmp_path, "input: [10]\nlayers: 5\n")
    assert at(2) in message and "`layers` must be a list of layer entries" in message


@pytest.mark.parametrize("entry", ["5", "[Dense, 3]", "null"])
def test_entry_not_a_class_or_mapping(tmp_path, entry):
    message = spec_error(tmp_path, f"input: [10]\nlayers:\n  - Flatten\n  - {entry}\n")
    assert at(4) in message and "layer 2: an entry must be a class name or a mapping" in message


def test_entry_with_two_class_keys(tmp_path):
    """Usually a forgotten '- ' before the second layer."""
    message = spec_error(tmp_path, "input: [10, 10, 1]\nlayers:\n  - Conv2D: [5, 3]\n    Dense: 3\n")
    assert at(3) in message and "exactly one layer class key" in message
    assert "Conv2D, Dense" in message and "'- '" in message


def test_entry_with_a_lowercase_class(tmp_path):
    message = spec_error(tmp_path, "input: [10]\nlayers:\n  - dense: 3\n")
    assert at(3) in message and "found none" in message and "Did you mean 'Dense'?" in message


def test_unknown_top_level_key(tmp_path):
    message = spec_error(tmp_path, "input: [10]\nlayer:\n  - Dense: 3\n")
    assert at(2) in message and "unknown top-level key 'layer'. Did you mean 'layers'?" in message


@pytest.mark.parametrize("value", ["[-1, 3]", "[-1]", '"28x28"', "28", "[28.0, 28]", "[true]"])
def test_bad_input_shape(tmp_path, value):
    message = spec_error(tmp_path, f"input: {value}\nlayers:\n  - Flatten\n")
    assert at(1) in message and "'input' must be a list of whole numbers, 0 or more" in message


def test_bad_named_input_shape(tmp_path):
    message = spec_error(tmp_path, "inputs:\n  image: [28, 28, 1]\n  meta: [-2]\nlayers:\n  - Dense: {units: 3, inputs: meta}\n")
    assert at(3) in message and "input 'meta' must be a list of whole numbers, 0 or more" in message


def test_inputs_not_a_mapping(tmp_path):
    message = spec_error(tmp_path, "api: functional\ninputs: [1, 2]\nlayers:\n  - Dense: 3\n")
    assert at(2) in message and "'inputs' must map input names to shapes" in message


def test_input_and_inputs(tmp_path):
    message = spec_error(tmp_path, "input: [3]\ninputs: {a: [3]}\nlayers:\n  - Dense: 3\n")
    assert "give either `input` or `inputs`, not both" in message


def test_no_input_shape(tmp_path):
    message = spec_error(tmp_path, "layers:\n  - Dense: 3\n")
    assert at(2) in message and "layer 1 (Dense)" in message and "no input shape" in message
    assert "input: [28, 28, 1]" in message


@pytest.mark.parametrize("keyword, value, expected", [
    ("input_shape", "5", "'input_shape' must be a list of whole numbers, 0 or more"),
    ("input_shape", "[-1]", "'input_shape' must be a list of whole numbers, 0 or more"),
    ("input_shape", "abc", "'input_shape' must be a list of whole numbers, 0 or more"),
    ("input_dim", "[3]", "'input_dim' must be a positive integer"),
])
def test_bad_first_layer_input_shape(tmp_path, keyword, value, expected):
    message = spec_error(tmp_path, f"layers:\n  - Dense: {{units: 3, {keyword}: {value}}}\n")
    assert at(2) in message and expected in message


def test_input_shape_and_input_dim(tmp_path):
    """Keras: "Unrecognized keyword arguments passed to Dense: {'input_shape': ...}"."""
    message = spec_error(tmp_path, "layers:\n  - Dense: {units: 3, input_dim: 4, input_shape: [4]}\n")
    assert at(2) in message and "not both" in message


@pytest.mark.parametrize("text, line, expected", [
    ("api: seq\ninput: [10]\nlayers:\n  - Dense: 3\n", 1, "'api' must be sequential or functional; got 'seq'"),
    ("batch_size: -3\ninput: [10]\nlayers:\n  - Dense: 3\n", 1, "'batch_size' must be a whole number, 0 or more"),
    ("name: [1]\ninput: [10]\nlayers:\n  - Dense: 3\n", 1, "'name' must be a string; got [1]"),
    ("api: functional\ninput: [10]\nlayers:\n  - Dense: 3\noutputs: 5\n", 5, "'outputs' must be a list of layer names"),
    ("input: [10]\nlayers:\n  - Dense: 3\noutputs: [dense]\n", 4, "'outputs' needs `api: functional`"),
])
def test_bad_top_level_values(tmp_path, text, line, expected):
    message = spec_error(tmp_path, text)
    assert at(line) in message and expected in message


def test_unknown_output_name(tmp_path):
    message = spec_error(tmp_path, "api: functional\ninput: [10]\nlayers:\n  - Dense: 3\noutputs: [dens]\n")
    assert at(5) in message and "'dens'" in message and "Did you mean 'dense'?" in message


def test_unknown_inputs_reference(tmp_path):
    message = spec_error(tmp_path, "inputs: {image: [10]}\nlayers:\n  - Dense: {units: 3, inputs: imag}\n")
    assert at(3) in message and "layer 1 'dense' (Dense)" in message
    assert "'imag' is not an input or an earlier layer. Did you mean 'image'?" in message


def test_sequential_with_inputs_on_a_layer(tmp_path):
    message = spec_error(tmp_path, "api: sequential\ninput: [10]\nlayers:\n  - Dense: {units: 3, inputs: x}\n")
    assert at(1) in message and "api: functional" in message


def test_functional_without_inputs(tmp_path):
    message = spec_error(tmp_path, "api: functional\nlayers:\n  - Dense: 3\n")
    assert "a functional model needs its inputs" in message


def test_duplicate_layer_name(tmp_path):
    message = spec_error(tmp_path, "input: [10]\nlayers:\n  - Dense: {units: 3, name: x}\n  - Dense: {units: 3, name: x}\n")
    assert at(4) in message and "layer 2 'x' (Dense)" in message and "the name 'x' is used twice" in message


def test_name_with_a_slash(tmp_path):
    """Keras: "Argument `name` must be a string and cannot contain character `/`"."""
    message = spec_error(tmp_path, "input: [10]\nlayers:\n  - Dense: {units: 3, name: a/b}\n")
    assert at(3) in message and "'name' must be a string without '/'" in message


# -- layer classes and keywords ----------------------------------------------------------


def test_unknown_layer_class(tmp_path):
    message = spec_error(tmp_path, "input: [10, 10, 1]\nlayers:\n  - Conv2D: [5, 3]\n  - Conv2d: [5, 3]\n")
    assert at(4) in message and "layer 2 (Conv2d)" in message
    assert "unknown layer class 'Conv2d'. Did you mean 'Conv2D'?" in message


def test_unknown_layer_class_as_a_bare_name(tmp_path):
    message = spec_error(tmp_path, "input: [10, 10, 1]\nlayers:\n  - Flaten\n")
    assert at(3) in message and "Did you mean 'Flatten'?" in message


def test_lambda_is_refused(tmp_path):
    message = spec_error(tmp_path, "input: [10]\nlayers:\n  - Lambda: {function: x}\n")
    assert at(3) in message and "Lambda wraps Python code" in message and "never runs" in message


def test_unknown_keyword(tmp_path):
    message = spec_error(tmp_path, "input: [10, 10, 1]\nlayers:\n  - Conv2D: {filter: 32, kernel_size: 3}\n")
    assert at(3) in message and "layer 1 'conv2d' (Conv2D)" in message
    assert "Conv2D has no keyword 'filter'. Did you mean 'filters'?" in message
    assert "Conv2D takes: filters, kernel_size, strides" in message


def test_unknown_keyword_beside_the_class_key(tmp_path):
    message = spec_error(tmp_path, "input: [10, 10, 1]\nlayers:\n  - Conv2D: [32, 3]\n    paddng: same\n")
    assert at(3) in message and "no keyword 'paddng'. Did you mean 'padding'?" in message


def test_keyword_given_twice(tmp_path):
    message = spec_error(tmp_path, "input: [10, 10, 1]\nlayers:\n  - Conv2D: [32, 3]\n    filters: 16\n")
    assert at(3) in message and "'filters' twice" in message


def test_missing_required_argument(tmp_path):
    message = spec_error(tmp_path, "input: [10, 10, 1]\nlayers:\n  - Conv2D: 32\n")
    assert at(3) in message and "Conv2D needs the argument 'kernel_size'" in message


def test_too_many_positional_arguments(tmp_path):
    message = spec_error(tmp_path, "input: [10]\nlayers:\n  - Flatten: [channels_last, 3]\n")
    assert at(3) in message and "Flatten takes at most 1 positional argument (data_format); got 2" in message


# -- argument types and values -------------------------------------------------------------


@pytest.mark.parametrize("layer, expected", [
    ('Conv2D: {filters: "32", kernel_size: 3}', "'filters' must be a positive integer; got '32'"),
    ("Conv2D: {filters: 3.0, kernel_size: 3}", "'filters' must be a positive integer; got 3.0"),
    ("Conv2D: {filters: 3, kernel_size: [3]}", "'kernel_size' must be a positive integer or a list of 2 positive integers; got [3]"),
    ("Conv2D: {filters: 3, kernel_size: [3, 3, 3]}", "'kernel_size' must be a positive integer or a list of 2"),
    ("Conv2D: {filters: 3, kernel_size: 2.5}", "'kernel_size' must be a positive integer"),
    ('Conv2D: {filters: 3, kernel_size: "3"}', "'kernel_size' must be a positive integer"),
    ("Conv2D: {filters: 3, kernel_size: 3, padding: full}", "'padding' must be one of 'valid', 'same'; got 'full'"),
    ("Conv2D: {filters: 3, kernel_size: 3, padding: causal}", "'padding' must be one of 'valid', 'same'; got 'causal'"),
    ("Conv2D: {filters: 3, kernel_size: 3, data_format: channels_middle}", "'data_format' must be one of"),
    ('Conv2D: {filters: 3, kernel_size: 3, use_bias: "yes"}', "'use_bias' must be true or false; got 'yes'"),
    ("Conv2D: {filters: 3, kernel_size: 3, activation: relux}", "unknown activation 'relux'. Did you mean 'relu'?"),
    ("Conv2D: {filters: 3, kernel_size: 3, activation: ReLU}", "unknown activation 'ReLU'. Did you mean 'relu'?"),
    ("Conv2D: {filters: 3, kernel_size: 3, activation: 5}", "unknown activation 5"),
    ("Conv2D: {filters: 3, kernel_size: 3, dtype: [1]}", "'dtype' must be one of float32"),
    ("Conv2D: {filters: 3, kernel_size: 3, dtype: int8}", "'dtype' must be one of float32"),
    ('Conv2D: {filters: 3, kernel_size: 3, trainable: "no"}', "'trainable' must be true or false; got 'no'"),
    ("Conv2D: {filters: 4, kernel_size: 3, groups: 3}", "filters (4) must be divisible by groups (3)"),
    ("Conv2D: {filters: 4, kernel_size: 3, strides: 2, dilation_rate: 2}", "strides > 1 cannot be combined with dilation_rate > 1"),
    ("MaxPooling2D: {pool_size: 2, padding: SAME}", "'padding' must be one of 'valid', 'same'; got 'SAME'"),
    ('MaxPooling2D: "2"', "'pool_size' must be a positive integer or a list of 2 positive integers; got '2'"),
    ("Dropout: 2", "'rate' must be a number between 0 and 1; got 2"),
    ("Dropout: -0.1", "'rate' must be a number between 0 and 1; got -0.1"),
    ('Dropout: "0.5"', "'rate' must be a number between 0 and 1; got '0.5'"),
    ("Dropout: .nan", "'rate' must be a number between 0 and 1; got nan"),
    ("BatchNormalization: {axis: [1, 2]}", "'axis' must be an integer; got [1, 2]"),
    ("BatchNormalization: {axis: 5}", "axis 5 is out of range for a 4-D input"),
    ("BatchNormalization: {center: 1}", "'center' must be true or false; got 1"),
    ("GlobalAveragePooling2D: {keepdims: yes please}", "'keepdims' must be true or false"),
    ("Reshape: 5", "'target_shape' must be a list of non-negative integers, with at most one -1; got 5"),
    ("Reshape: [[-1, -1]]", "'target_shape' may hold only one -1"),
    ("Reshape: [[7, 7]]", "cannot reshape (10, 10, 1) (100 values) into (7, 7) (49 values)"),
    ("Reshape: [[3, -1]]", "100 is not divisible by 3"),
    ("ZeroPadding2D: {padding: [[1, 2, 3], 3]}", "'padding' must be a non-negative integer or a list of 2"),
    ("ZeroPadding2D: {padding: -1}", "'padding' must be a non-negative integer"),
    ('ZeroPadding2D: "ab"', "'padding' must be an integer, a list of 2 integers"),
    ("Activation: sigmoidd", "unknown activation 'sigmoidd'. Did you mean 'sigmoid'?"),
    ("Dense: {units: 3, name: {a: 1}}", "'name' must be a string without '/'; got {'a': 1}"),
    ("Dense: {units: 3, 1: 2}", "Dense has no keyword '1'"),
])
def test_wrong_argument(tmp_path, layer, expected):
    message = spec_error(tmp_path, f"input: [10, 10, 1]\nlayers:\n  - Flatten\n  - {layer}\n"
                         if layer.startswith("Dense") else f"input: [10, 10, 1]\nlayers:\n  - {layer}\n")
    line = 4 if layer.startswith("Dense") else 3
    assert at(line) in message and f"layer {line - 2} " in message
    assert expected in message


def test_quoted_number_gets_a_hint(tmp_path):
    message = spec_error(tmp_path, 'input: [10, 10, 1]\nlayers:\n  - Conv2D: {filters: "32", kernel_size: 3}\n')
    assert "write it without quotes: 32" in message


def test_string_boolean_gets_a_hint(tmp_path):
    message = spec_error(tmp_path, 'input: [10]\nlayers:\n  - Dense: {units: 3, use_bias: "false"}\n')
    assert "even 'false', as true" in message


@pytest.mark.parametrize("layer, argument", [
    ("Conv2D: [0, 3]", "filters"),
    ("Conv2D: [-2, 3]", "filters"),
    ("Dense: -1", "units"),
    ("Dense: 0", "units"),
    ("Conv2D: [5, 0]", "kernel_size"),
    ("Conv2D: [5, [3, -1]]", "kernel_size"),
    ("Conv2D: {filters: 5, kernel_size: 3, strides: 0}", "strides"),
    ("Conv2D: {filters: 5, kernel_size: 3, strides: [1, 0]}", "strides"),
    ("Conv2D: {filters: 5, kernel_size: 3, dilation_rate: 0}", "dilation_rate"),
    ("Conv2D: {filters: 4, kernel_size: 3, groups: 0}", "groups"),
    ("DepthwiseConv2D: {kernel_size: 3, depth_multiplier: 0}", "depth_multiplier"),
    ("SeparableConv2D: {filters: 0, kernel_size: 3}", "filters"),
    ("MaxPooling2D: 0", "pool_size"),
    ("MaxPooling2D: {pool_size: 2, strides: 0}", "strides"),
    ("Conv1D: [4, 0]", "kernel_size"),
    ("Dense: {units: 4, lora_rank: -1}", "lora_rank"),
])
def test_non_positive_sizes(tmp_path, layer, argument):
    shape = "[10, 3]" if layer.startswith("Conv1D") else "[10, 10, 3]"
    message = spec_error(tmp_path, f"input: {shape}\nlayers:\n  - {layer}\n")
    assert at(3) in message and "layer 1 " in message
    assert f"'{argument}' must be a positive integer" in message


# -- shapes -------------------------------------------------------------------------------


def test_conv2d_on_a_flat_input(tmp_path):
    message = spec_error(tmp_path, "input: [784]\nlayers:\n  - Conv2D: [32, 3]\n")
    assert at(3) in message and "layer 1 'conv2d' (Conv2D)" in message
    assert "Conv2D needs a 4-D input (batch axis included); got the 2-D shape (None, 784)" in message
    assert "(batch, height, width, channels)" in message


def test_conv2d_after_flatten(tmp_path):
    message = spec_error(tmp_path, "input: [28, 28, 1]\nlayers:\n  - Flatten\n  - Conv2D: [32, 3]\n")
    assert at(4) in message and "layer 2 'conv2d' (Conv2D)" in message and "needs a 4-D input" in message


def test_conv1d_on_an_image(tmp_path):
    message = spec_error(tmp_path, "input: [28, 28, 3]\nlayers:\n  - Conv1D: [8, 3]\n")
    assert at(3) in message and "layer 1 'conv1d' (Conv1D)" in message
    assert "Conv1D needs a 3-D input (batch axis included); got the 4-D shape (None, 28, 28, 3)" in message
    assert "(batch, steps, channels)" in message


@pytest.mark.parametrize("layer, needs", [
    ("MaxPooling2D", "a 4-D input"),
    ("GlobalAveragePooling1D", "a 3-D input"),
    ("ZeroPadding3D", "a 5-D input"),
    ("SpatialDropout2D: 0.5", "a 4-D input"),
])
def test_other_layers_of_the_wrong_rank(tmp_path, layer, needs):
    message = spec_error(tmp_path, f"input: [10]\nlayers:\n  - {layer}\n")
    assert at(3) in message and f"needs {needs}" in message


def test_dense_on_a_scalar(tmp_path):
    message = spec_error(tmp_path, "input: []\nlayers:\n  - Dense: 3\n")
    assert "Dense needs an input of at least 2 dimensions (batch axis included); got the 1-D shape (None,)" in message


def test_unknown_channels(tmp_path):
    message = spec_error(tmp_path, "input: [10, 10, null]\nlayers:\n  - Conv2D: [4, 3]\n")
    assert at(3) in message and "needs a known number of input channels" in message


def test_channels_not_divisible_by_groups(tmp_path):
    message = spec_error(tmp_path, "input: [10, 10, 3]\nlayers:\n  - Conv2D: {filters: 4, kernel_size: 3, groups: 2}\n")
    assert at(3) in message and "the input's 3 channels must be divisible by groups (2)" in message


def test_negative_output_size_shows_the_arithmetic(tmp_path):
    """The issue's example: three 3x3 convolutions on a 5x5 image."""
    message = spec_error(tmp_path, "input: [5, 5, 1]\nlayers:\n"
                         "  - Conv2D: [5, 3]\n  - Conv2D: [5, 3]\n  - Conv2D: [5, 3]\n")
    assert at(5) in message and "layer 3 'conv2d_2' (Conv2D)" in message
    assert "zero or negative size" in message
    assert "5 − 3 + 1 = 3, then 3 − 3 + 1 = 1, then 1 − 3 + 1 = −1" in message
    assert "padding: same" in message  # what would be right


def test_zero_output_size_through_pooling_and_strides(tmp_path):
    message = spec_error(tmp_path, "input: [6, 6, 1]\nlayers:\n  - MaxPooling2D: 2\n"
                         "  - Conv2D: {filters: 1, kernel_size: 3, strides: 2}\n  - Conv2D: [1, 3]\n")
    assert at(5) in message and "layer 3 'conv2d_1' (Conv2D)" in message
    assert "floor((6 − 2) / 2) + 1 = 3, then floor((3 − 3) / 2) + 1 = 1, then 1 − 3 + 1 = −1" in message


def test_zero_output_size_with_dilation(tmp_path):
    message = spec_error(tmp_path, "input: [4, 4, 1]\nlayers:\n  - Conv2D: {filters: 1, kernel_size: 3, dilation_rate: 2}\n")
    assert "4 − 5 + 1 = 0" in message  # effective kernel (3 − 1) * 2 + 1 = 5


def test_zero_output_size_of_a_pool(tmp_path):
    message = spec_error(tmp_path, "input: [10, 10, 1]\nlayers:\n  - MaxPooling2D: 20\n")
    assert "floor((10 − 20) / 20) + 1 = 0" in message


def test_channels_first_negative_size_names_the_axis(tmp_path):
    """data_format is lower-cased, as Keras does; channels_first makes (10, 1) the image."""
    message = spec_error(tmp_path, "input: [10, 10, 1]\nlayers:\n"
                         "  - Conv2D: {filters: 4, kernel_size: 3, data_format: CHANNELS_FIRST}\n")
    assert "axis 3 of (None, 10, 10, 1): 1 − 3 + 1 = −1" in message


# -- several files, and what is not an error ----------------------------------------------


def test_error_names_the_file_that_failed(tmp_path):
    good = write_spec(tmp_path, "input: [10]\nlayers:\n  - Dense: 3\n", "good.yaml")
    bad = write_spec(tmp_path, "input: [10]\nlayers:\n  - Dense: 0\n", "bad.yaml")
    result = run_cli("summarize", good, bad)  # the good one summarized, the bad one's message (issue 12)
    assert result.exit_code == 2 and 'Model: "sequential"' in result.stdout
    message = result.stderr
    assert message.count("convcalc: error:") == 1 and "bad.yaml:3:" in message and "good.yaml" not in message


@pytest.mark.parametrize("text", [
    "input: [10, 10, 1]\nlayers:\n  - Conv2D: {filters: 3, kernel_size: 3, padding: SAME}\n",  # Keras lower-cases
    "input: [10]\nlayers:\n  - Dense: {units: 3, lora_rank: 0}\n",  # Keras: 0 leaves LoRA off
    "input: [10]\nlayers:\n  - Activation: {activation: null}\n",  # Keras: linear
    "input: [10]\nlayers:\n  - Dense: {units: 3, use_bias: no}\n",  # YAML 1.1: no is false
    "input: [10]\nlayers:\n  - Dense: 99999999999999999999999999\n",  # huge, but well-formed
    "\ufeffinput: [10]\nlayers:\n  - Dense: 3\n",  # a byte-order mark
])
def test_accepted_as_keras_accepts_it(tmp_path, text):
    result = run_cli("summarize", write_spec(tmp_path, text))
    assert result.exit_code == 0, result.output
    assert result.stderr == ""


def test_cli_process_exit_status_and_stderr(tmp_path):
    """The real process: status 2, one line of message and its hint, no traceback."""
    path = write_spec(tmp_path, "input: [5, 5, 1]\nlayers:\n  - Conv2D: [5, 7]\n")
    done = subprocess.run([sys.executable, "-m", "convcalc", "summarize", str(path)],
                          capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith("convcalc: error: ") and "Traceback" not in done.stderr
    assert "5 − 7 + 1 = −1" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 2


def test_a_list_meant_as_one_argument(tmp_path):
    """`Reshape: [4, 6]` is Reshape(4, 6): the hint shows the nested form."""
    message = spec_error(tmp_path, "input: [24]\nlayers:\n  - Reshape: [4, 6]\n")
    assert at(3) in message and "Reshape takes at most 1 positional argument (target_shape); got 2" in message
    assert "Reshape: [[4, 6]]" in message


def test_a_padding_pair_read_as_two_arguments(tmp_path):
    """`ZeroPadding2D: [1, 2]` is ZeroPadding2D(1, 2): 2 lands in data_format."""
    message = spec_error(tmp_path, "input: [10, 10, 3]\nlayers:\n  - ZeroPadding2D: [1, 2]\n")
    assert "'data_format' must be one of 'channels_last', 'channels_first'; got 2" in message
    assert "[[1, 2]]" in message


def test_merge_inputs_written_as_arguments(tmp_path):
    message = spec_error(tmp_path, "inputs: {a: [3], b: [3]}\nlayers:\n  - Add: [a, b]\n")
    assert at(3) in message and "Add takes no positional arguments; got 2" in message
    assert "`inputs:`" in message


def test_keras_layer_without_a_rule(tmp_path, monkeypatch):
    """A class Keras exports but convcalc has no rule for (every class has one today: take
    one away to see the message a future Keras class would get)."""
    from convcalc.layers import RULES

    monkeypatch.setattr(RULES, "_modules", {n: m for n, m in RULES._index().items() if n != "Flatten"})
    monkeypatch.setattr(RULES, "_rules", {n: r for n, r in RULES._rules.items() if n != "Flatten"})
    message = spec_error(tmp_path, "input: [10]\nlayers:\n  - Flatten\n")
    assert at(3) in message and "Flatten is a Keras layer, but convcalc has no rule for it yet" in message


@pytest.mark.parametrize("keyword, value, expected", [
    ("kernel_initializer", "he_normall", "'kernel_initializer' must name one of Keras's initializers; got 'he_normall'. Did you mean 'he_normal'?"),
    ("kernel_initializer", "0.5", "must name one of Keras's initializers; got 0.5"),
    ("bias_regularizer", "L3", "'bias_regularizer' must name one of Keras's regularizers; got 'L3'"),
    ("activity_regularizer", "[1]", "must name one of Keras's regularizers"),
    ("kernel_constraint", "{class_name: L2}", "'kernel_constraint' must name one of Keras's constraints"),
    ("bias_initializer", "constant", "'bias_initializer' must name one of Keras's initializers; got 'constant'"),
])
def test_unknown_initializer_regularizer_constraint(tmp_path, keyword, value, expected):
    """Keras: "Could not interpret initializer identifier" (and the same for the others)."""
    message = spec_error(tmp_path, f"input: [10]\nlayers:\n  - Dense: {{units: 3, {keyword}: {value}}}\n")
    assert at(3) in message and expected in message


def test_initializers_keras_accepts(tmp_path):
    text = ("input: [10]\nlayers:\n  - Dense: {units: 3, kernel_initializer: HeNormal, bias_initializer: zeros,"
            " kernel_regularizer: {class_name: L2, config: {l2: 0.01}}, kernel_constraint: max_norm}\n"
            "  - Dense: {units: 3, bias_initializer: {class_name: Constant, config: {value: 0.0}}}\n")
    result = run_cli("summarize", write_spec(tmp_path, text))
    assert result.exit_code == 0, result.output


def test_deeply_nested_or_shared_array_arguments(tmp_path):
    """Normalization's mean: lists nested beyond numpy's 64 dimensions, and no exponential
    walk over shared YAML aliases."""
    deep = "[" * 150 + "1" + "]" * 150
    message = spec_error(tmp_path, f"input: [10]\nlayers:\n  - Normalization: {{mean: {deep}, variance: 1}}\n")
    assert at(3) in message and "'mean' must be a number or a (nested) list of numbers" in message
    # rate 0: Keras never checks the seed (it makes no SeedGenerator)
    lines = ["input: [10]", "layers:", "  - Dropout: {rate: 0, seed: &a [1, 1, 1, 1, 1, 1, 1, 1, 1]}"]
    for previous, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"  - Dropout: {{rate: 0, seed: &{name} [{', '.join([f'*{previous}'] * 9)}]}}")
    lines.append("  - Normalization: {mean: *i, variance: *i}")
    start = time.monotonic()
    message = spec_error(tmp_path, "\n".join(lines) + "\n")
    assert time.monotonic() - start < 10 and "'mean' has 9 dimensions" in message


def test_unhashable_output_mode(tmp_path):
    message = spec_error(tmp_path, "input: [10]\nlayers:\n  - StringLookup: {output_mode: [1]}\n")
    assert at(3) in message and "'output_mode' must be one of" in message


# -- a call's keywords (initial_state:, mask:, training:) -------------------------------------


def test_call_keyword_the_layer_call_lacks(tmp_path):
    """Keras's Dense.call takes no initial_state (a TypeError there)."""
    message = spec_error(tmp_path, """
        inputs: {x: [5, 3], h: [4]}
        layers:
          - Dense: {units: 4, inputs: x}
            initial_state: h
    """)
    assert at(4) in message and "Dense's call takes no 'initial_state'" in message
    assert "its call takes: inputs, training" in message


def test_initial_state_must_name_tensors(tmp_path):
    message = spec_error(tmp_path, """
        inputs: {x: [5, 3]}
        layers:
          - LSTM: {units: 4, inputs: x}
            initial_state: [1, 2]
    """)
    assert at(4) in message and "the call's 'initial_state' must be a name or a list of names; got [1, 2]" in message


def test_initial_state_names_an_earlier_tensor(tmp_path):
    message = spec_error(tmp_path, """
        inputs: {x: [5, 3]}
        layers:
          - LSTM: {units: 4, inputs: x}
            initial_state: ["encoder[1]", "encoder[2]"]
    """)
    assert "'encoder[1]' is not an input or an earlier layer" in message


def test_training_is_a_flag(tmp_path):
    message = spec_error(tmp_path, """
        input: [5, 3]
        layers:
          - LSTM: 4
            training: maybe
    """)
    assert "the call's 'training' must be true, false or null; got 'maybe'" in message


def test_initial_state_needs_a_functional_model(tmp_path):
    message = spec_error(tmp_path, """
        api: sequential
        input: [5, 3]
        layers:
          - LSTM: {units: 4, return_state: true}
          - LSTM: 4
            initial_state: lstm[1]
    """)
    assert "a sequential model has one input and applies each layer, once, to the one before" in message


def test_use_takes_call_keywords_only(tmp_path):
    message = spec_error(tmp_path, """
        inputs: {x: [5, 3], h: [4]}
        layers:
          - LSTM: {units: 4, inputs: x, name: rnn}
          - use: rnn
            inputs: x
            initial_state: h
            units: 8
    """)
    assert "`use:` takes only `inputs:` and the call's keywords (initial_state, mask, training) beside it; got units" in message
