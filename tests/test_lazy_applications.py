"""The applications' builders are imported only when a model names one: a small spec's
summary pays for none of them (they were a third of its import time), and a spec that
names VGG16 imports vgg.py alone."""

import importlib
import json
import pathlib
import subprocess
import sys

import pytest

from conftest import ROOT
from convcalc import applications

# Runs the command line on ARGS... in a fresh interpreter and reports its exit code and
# the modules of convcalc.applications in sys.modules.
WRAPPER = """
import json, sys
sys.argv = ["convcalc", *sys.argv[1:]]
try:
    from convcalc.cli import main
    main()
    code = 0
except SystemExit as exit:
    code = exit.code or 0
loaded = sorted(m for m in sys.modules if m.startswith("convcalc.applications."))
sys.stdout.flush()
print("\\nCONVCALC-MODULES " + json.dumps({"code": code, "loaded": loaded}))
"""


def summarize(*args):
    done = subprocess.run([sys.executable, "-c", WRAPPER, "summarize", *map(str, args)],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    return json.loads(done.stdout.rsplit("CONVCALC-MODULES ", 1)[-1]), done


@pytest.mark.parametrize("spec", ["specs/lecture-example-2.yaml", "specs/mnist-convnet.yaml"])
def test_a_spec_naming_no_application_imports_no_builder(spec):
    report, done = summarize(spec)
    assert report["code"] == 0, done.stderr
    assert report["loaded"] == []


def test_a_spec_naming_an_application_imports_its_module_only():
    report, done = summarize("specs/transfer-learning-vgg16.yaml")
    assert report["code"] == 0, done.stderr
    assert "vgg16 (Functional)" in done.stdout
    builders = [m for m in report["loaded"] if m.rsplit(".", 1)[1] in applications.FAMILIES]
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
