"""--optimizer and --quantize: how they are read, and what they refuse (the figures
themselves are compared with Keras in test_training_golden.py and
test_differential_training.py)."""

import json

import pytest

from conftest import ROOT, run_cli, write_spec
from convcalc.errors import SpecError
from convcalc.report.optimizer import compiled, optimizer_variables, parse_optimizer

LECTURE = ROOT / "specs" / "lecture-example-2.yaml"


@pytest.mark.parametrize("text, why", [
    ("Adamm()", "unknown optimizer class 'Adamm'. Did you mean 'Adam'?"),
    ("adamm", "Could not interpret optimizer identifier: adamm. Did you mean 'adam'?"),
    ("Adam(", "is not a Python expression"),
    ("Adam(learning_rate=lr)", "the argument learning_rate must be a literal"),
    ("Adam(learning_rate=__import__('os').getcwd())", "must be a literal"),
    ("Adam(**options)", "*args and **kwargs cannot be read"),
    ("Adam(0.1, learning_rate=0.2)", "got two values for the argument learning_rate"),
    ("SGD(0.1, 0.9, False, None, None, None, None, False, 0.99, None, None, None, 'x', 1)",
     "takes at most 13 positional arguments"),
    ("3", "is not an optimizer"),
    ("MultiOptimizer()", "MultiOptimizer is not supported"),
    ("LossScaleOptimizer(Adam(), weight_decay=0.1)", "LossScaleOptimizer does not support `weight_decay`"),
    ("LossScaleOptimizer(dynamic=False, inner_optimizer=Adam())", "no longer supports `dynamic=False`"),
    ("LossScaleOptimizer('adam')", "its inner_optimizer must be an optimizer"),
    ("Ftrl(learning_rate_power=0.5)", "`learning_rate_power` needs to be negative or zero"),
    ("Lion(beta_1=0.0)", "Argument `beta_1` must be in the [0, 1] range"),
    ("Adam(use_ema=True, ema_momentum=2.0)", "`ema_momentum` must be in the range [0, 1]"),
    ("RMSprop(momentum='a')", "`momentum` must be a number"),
])
def test_a_bad_optimizer_gets_one_clear_message(text, why):
    result = run_cli("summarize", LECTURE, "--optimizer", text)
    assert result.exit_code == 2
    assert result.output.startswith("convcalc: error: --optimizer: ")
    assert why in result.output
    assert "Traceback" not in result.output


def test_the_optimizer_is_read_never_run(tmp_path):
    marker = tmp_path / "ran"
    result = run_cli("summarize", LECTURE, "--optimizer", f"Adam(learning_rate=open({str(marker)!r}, 'w'))")
    assert result.exit_code == 2 and not marker.exists()


def test_identifiers_are_keras_s_and_classes_may_be_dotted():
    assert parse_optimizer("RMSProp").class_name == "RMSprop"  # keras.optimizers.get lowercases
    assert parse_optimizer("'adamw'").class_name == "AdamW"
    assert parse_optimizer("keras.optimizers.SGD(0.1, 0.9)")["momentum"] == 0.9
    assert parse_optimizer("Adam(decay=0.1)").class_name == "Adam"  # Keras ignores decay, with a warning


def test_mixed_float16_wraps_the_optimizer_in_a_loss_scale_optimizer():
    adam = parse_optimizer("adam")
    assert compiled(adam, "mixed_float16").class_name == "LossScaleOptimizer"
    assert compiled(adam, "mixed_bfloat16") is adam
    wrapped = parse_optimizer("LossScaleOptimizer(Adam())")
    assert compiled(wrapped, "mixed_float16") is wrapped


def test_a_schedule_makes_no_learning_rate_variable():
    constant = optimizer_variables(parse_optimizer("SGD()"), [])
    scheduled = optimizer_variables(parse_optimizer("SGD(learning_rate=CosineDecay(0.1, 1000))"), [])
    assert len(constant) == 2 and len(scheduled) == 1


def test_keras2_style_refuses_them():
    for option in (["--optimizer", "adam"], ["--quantize", "int8"]):
        result = run_cli("summarize", LECTURE, "--style", "keras2", *option)
        assert result.exit_code == 2 and "leave out --style keras2" in result.output


def test_the_optimizer_line_in_every_format():
    lines = {fmt: run_cli("summarize", LECTURE, "--format", fmt, "--optimizer", "sgd").output
             for fmt in ("markdown", "html")}
    assert all("Optimizer params" in text for text in lines.values()), lines
    data = json.loads(run_cli("summarize", LECTURE, LECTURE, "--format", "json", "--optimizer", "sgd").output)
    assert [d["optimizer_params"] for d in data] == [2, 2]  # SGD without momentum: iteration, learning_rate


def test_quantize_refuses_a_layer_class_of_the_file(tmp_path):
    code = write_spec(tmp_path, """
import keras
from keras import layers

class Block(layers.Layer):
    def __init__(self):
        super().__init__()
        self.dense = layers.Dense(4)

    def call(self, x):
        return self.dense(x)

inputs = keras.Input((8,))
model = keras.Model(inputs, Block()(inputs))
""", name="block.py")
    result = run_cli("summarize", code, "--quantize", "int8")
    assert result.exit_code == 2
    assert "cannot tell which weights of 'block' (Block, a class the file defines) Keras quantizes" in result.output


def test_quantize_leaves_unquantizable_layers_as_they_are(tmp_path):
    spec = write_spec(tmp_path, "input: [8, 8, 3]\nlayers:\n  - Conv2D: [4, 3]\n  - BatchNormalization: {}\n")
    plain = run_cli("summarize", spec).output
    for mode in ("int8", "int4", "float8"):
        assert run_cli("summarize", spec, "--quantize", mode).output == plain


def test_the_api_takes_them_as_keyword_arguments():
    from convcalc.analysis.engine import analyze
    from convcalc.read import read_model
    from convcalc.report.summary import summarize

    summary = summarize(analyze(read_model(LECTURE)), optimizer="adam", quantize="float8")
    # Conv2D only: float8 changes nothing; Adam's two slots per weight, iteration and learning_rate
    assert summary.optimizer.params == 2 * summary.trainable.params + 2 == 2 * 142 + 2
    with pytest.raises(SpecError, match="unknown mode"):
        summarize(analyze(read_model(LECTURE)), quantize="int2")


def test_int8_under_float16_is_checked_on_the_leaves_keras_checks(tmp_path):
    """A wrapper's dtype is not its layer's: Keras checks the wrapped Dense (float32)."""
    wrapper = write_spec(tmp_path, "input: [1, 2]\nlayers:\n- TimeDistributed:\n  - {Dense: 2}\n  dtype: float16\n")
    assert run_cli("summarize", wrapper, "--quantize", "int8").exit_code == 0
    inner = write_spec(tmp_path, "input: [1, 2]\nlayers:\n- TimeDistributed:\n  - {Dense: {units: 2, dtype: float16}}\n",
                       name="inner.yaml")
    result = run_cli("summarize", inner, "--quantize", "int8")
    assert result.exit_code == 2 and "doesn't work well with compute_dtype='float16'" in result.output
