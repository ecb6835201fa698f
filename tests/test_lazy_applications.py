"""The applications' builders are imported only when a model names one: a small spec's
summary pays for none of them (they were a third of its import time), and a spec that
names VGG16 imports vgg.py alone."""

import importlib
import pathlib

import pytest

from conftest import cli_modules
from convcalc import applications

def summarize(*args):
    """(exit code, the convcalc.applications modules loaded, the process) of a summary."""
    code, modules, done = cli_modules("summarize", *args)
    return code, [m for m in modules if m.startswith("convcalc.applications.")], done


@pytest.mark.parametrize("spec", ["specs/lecture-example-2.yaml", "specs/mnist-convnet.yaml"])
def test_a_spec_naming_no_application_imports_no_builder(spec):
    code, loaded, done = summarize(spec)
    assert code == 0, done.stderr
    assert loaded == []


def test_a_spec_naming_an_application_imports_its_module_only():
    code, loaded, done = summarize("specs/transfer-learning-vgg16.yaml")
    assert code == 0, done.stderr
    assert "vgg16 (Functional)" in done.stdout
    builders = [m for m in loaded if m.rsplit(".", 1)[1] in applications.FAMILIES]
    assert builders == ["convcalc.applications.vgg"]


def test_families_are_the_modules_builders():
    """applications.FAMILIES, written out, names each builder module and its __all__."""
    package = pathlib.Path(applications.__file__).parent
    helpers = {"__init__", "tracer", "imagenet_utils"}
    assert set(applications.FAMILIES) == {p.stem for p in package.glob("*.py")} - helpers
    for module, names in applications.FAMILIES.items():
        assert importlib.import_module(f"convcalc.applications.{module}").__all__ == names, module
    assert "VGG16" in applications.APPLICATIONS and "VGG61" not in applications.APPLICATIONS
    assert applications.APPLICATIONS["VGG16"].__module__ == "convcalc.applications.vgg"


def test_a_spec_imports_only_the_rule_families_it_uses():
    """RULES imports a family's module when a model first uses one of its classes: the
    lecture's example (Convolution2D, Activation) needs conv.py and core.py only."""
    from convcalc.layers.registry import FAMILIES

    code, modules, done = cli_modules("summarize", "specs/lecture-example-2.yaml")
    assert code == 0, done.stderr
    assert {m.rsplit(".", 1)[1] for m in modules if m.startswith("convcalc.layers.")} & set(FAMILIES) == {"conv", "core"}
