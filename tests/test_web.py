"""The web page (web/, built by scripts/build_web.py) in a real browser: Debian's headless
Chromium, driven through the DevTools protocol (scripts/headless_chromium.py), the built
site served on 127.0.0.1.

The summaries are compared byte for byte with the goldens real Keras wrote (COLUMNS=80:
what Keras prints without a terminal); explain, grade and the error messages with what
convcalc's command line prints for the same file. Every request the page makes must stay
on its origin.

The site ships only what the page's commands import (scripts/build_web.py leaves the rest
out): run on every example and on bad input, the page imports each top-level module of the
standard library, rich, click and PyYAML the site holds, and never fails for want of one;
under CPython, the commands ask for none of the modules left out on a wide corpus.

The site is built once per session (npm ci, the wheels) and loaded once per module.
Without Chromium or npm the tests are skipped aloud (NOT CHECKED) on a developer's
machine, and fail in CI, which installs both (.ci/run).
"""

import base64
import importlib.util
import json
import os
import re
import shutil
import site
import subprocess
import sys
import zipfile

import pytest

from conftest import CASES, GOLDEN, ROOT


def _script(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


headless_chromium = _script("headless_chromium")
build_web = _script("build_web")

SPEC = ROOT / "specs" / "lecture-example-2.yaml"
CODE = ROOT / "tests" / "code" / "functional-graph.py"
BAD_SPEC = "input: [5, 5, 1]\nlayers:\n  - Conv2D: [4, 3]\n  - Conv2D: [4, 3]\n  - Conv2D: [4, 3]\n"
BAD_CODE = "import keras\nmodel = keras.Sequential([keras.Input((4,)), keras.layers.Dense(-2)])\n"
LOAD_TIMEOUT = 240  # seconds: a cold start on a busy 2-core machine (the speed goal is scripts/benchmark_web.py's)
# Beyond the examples, inputs that take other paths: convcalc's messages, wide names (rich's
# Unicode table), figures past a float's, a coding cookie and a SyntaxWarning in the code
MORE_INPUTS = [("spec", BAD_SPEC), ("code", BAD_CODE), ("spec", "input: [3, 3\nlayers: []\n"), ("code", "def (:\n"),
               ("spec", "input: [4]\nlayers:\n  - Nope: 2\n"),
               ("spec", "name: 模型\ninput: [4]\nlayers:\n  - Dense: {units: 2, name: 密集层}\n"),
               ("spec", f"input: [3]\nlayers:\n  - Dense: {10 ** 308}\n"),
               ("code", "# -*- coding: cp1252 -*-\nimport keras\npattern = '\\d'\n"
                        "model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2)])\n")]
ANSWERS = ("layers:\n  conv2d: {output_shape: [null, 8, 8, 5], params: 51}\ntotal_params: 142\n", "total_params: [\n")


_bridge_spec = importlib.util.spec_from_file_location("convcalc_web", ROOT / "web" / "convcalc_web.py")


@pytest.fixture
def bridge(tmp_path, monkeypatch):
    """The page's Python side (web/convcalc_web.py), here in CPython, writing into tmp_path."""
    module = importlib.util.module_from_spec(_bridge_spec)
    _bridge_spec.loader.exec_module(module)
    monkeypatch.setattr(module, "FOLDER", tmp_path)
    for name in ("FORCE_COLOR", "TERM", "COLUMNS", "LINES"):
        monkeypatch.setenv(name, os.environ.get(name, ""))  # restored after the test
    monkeypatch.chdir(tmp_path)
    return module


def test_bridge_usage_error_is_clicks_message(bridge):
    code, out, err = bridge.run(["summarize", "--no-such-option", "model.yaml"])
    assert code == 2 and out == ""
    assert err.startswith("Usage: convcalc summarize") and "No such option '--no-such-option'" in err


def test_bridge_internal_error_is_one_line(bridge, monkeypatch):
    def broken(*args, **kwargs):
        raise KeyError("oops")

    monkeypatch.setattr(bridge, "main", broken)
    assert bridge.summarize("spec", SPEC.read_text()) == (3, "", "convcalc: internal error: KeyError: 'oops'\n")


def test_bridge_summary_is_colour_over_the_clis_text(bridge):
    code, out, err = bridge.summarize("spec", SPEC.read_text())
    assert code == 0 and err == ""
    assert "\x1b[38;5;34m50\x1b[0m" in out  # rich's colour(34) of Keras's markup, as a terminal gets it
    assert re.sub("\x1b\\[[0-9;]*m", "", out) == (GOLDEN / "lecture-example-2.cols80.out").read_text()


def missing_tools():
    missing = [name for name, found in (("Chromium", headless_chromium.executable()), ("npm", shutil.which("npm")))
               if not found]
    return missing


@pytest.fixture(scope="session")
def site_folder(tmp_path_factory):
    missing = missing_tools()
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"CI must install {' and '.join(missing)} (.ci/run)")
        pytest.skip(f"NOT CHECKED: the web page in a browser needs {' and '.join(missing)} (apt-get install chromium npm)")
    out = tmp_path_factory.mktemp("web") / "dist"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build_web.py"), "--out", str(out)], check=True,
                   stdout=subprocess.DEVNULL)
    return out


@pytest.fixture(scope="module")
def browser(site_folder):
    with headless_chromium.Site(site_folder) as site, headless_chromium.Chromium() as chromium:
        page = chromium.page()
        page.navigate(f"{site.origin}/index.html#spec={fragment(SPEC.read_text())}")
        page.wait_for("document.body && ['done', 'error'].includes(document.body.dataset.state)", timeout=LOAD_TIMEOUT)
        yield site, page


def fragment(text):
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def text_of(page, element_id):
    return page.evaluate(f"document.getElementById({element_id!r}).textContent")


def show(page, kind, text, view="summary"):
    """Put a model in the address, as a shared link does; wait for the page's run of it."""
    page.evaluate(f"window.convcalc.selectView({view!r})")  # (which may run the model shown before)
    runs = page.evaluate("window.convcalcTimings.runs || 0")
    address = f"#{kind}={fragment(text)}"
    page.evaluate(f"location.hash === {address!r} ? window.convcalc.summarizeNow() : (location.hash = {address!r})")
    page.wait_for(f"window.convcalcTimings.runs > {runs} && document.body.dataset.state === 'done'")


# The command line as the page has it: PyYAML without its C extension (whose parser words
# some YAML errors otherwise), on a stdout that is not a terminal
CLI_WITH_PURE_YAML = "import sys; sys.modules['yaml._yaml'] = None; from convcalc.cli import run; sys.argv[0] = 'convcalc'; run()"


def cli(tmp_path, name, text, *args):
    """What `convcalc ARGS` prints without a terminal for a file NAME in the current folder."""
    (tmp_path / name).write_text(text)
    return subprocess.run([sys.executable, "-c", CLI_WITH_PURE_YAML, *args], cwd=tmp_path, capture_output=True,
                          text=True, env={**os.environ, "COLUMNS": "80", "PYTHONPATH": str(ROOT)})


def test_page_loaded_a_spec_from_its_address(browser):
    _, page = browser
    assert page.evaluate("document.body.dataset.state") == "done", text_of(page, "status")
    assert text_of(page, "summary") == (GOLDEN / "lecture-example-2.cols80.out").read_text()
    assert page.evaluate("document.getElementById('source').value") == SPEC.read_text()
    assert text_of(page, "error") == ""


def test_summary_is_coloured_as_keras_colours_it(browser):
    _, page = browser
    colours = page.evaluate("[...document.querySelectorAll('#summary span')].map(s => s.style.color + '|' + s.textContent)")
    # rich's colour(33) (the class names), colour(34) (the figures) and colour(45) (None), as Keras marks them up
    assert "rgb(0, 135, 255)|Conv2D" in colours
    assert "rgb(0, 175, 0)|50" in colours
    assert "rgb(0, 215, 255)|None" in colours


def test_keras_code_summary_equals_keras(browser):
    _, page = browser
    show(page, "code", CODE.read_text())
    assert text_of(page, "error") == ""
    assert text_of(page, "summary") == (GOLDEN / "functional-graph.py.cols80.out").read_text()


def test_link_holds_the_model(browser):
    _, page = browser
    text = (ROOT / "specs" / "mnist-convnet.yaml").read_text()
    page.evaluate(f"window.convcalc.setModel({{kind: 'spec', text: {text!r}}}); window.convcalc.summarizeNow()")
    assert page.evaluate("location.hash") == f"#spec={fragment(text)}"
    assert text_of(page, "summary") == (GOLDEN / "mnist-convnet.cols80.out").read_text()


@pytest.mark.parametrize("kind, name, text", [("spec", "model.yaml", BAD_SPEC), ("code", "model.py", BAD_CODE),
                                              ("spec", "model.yaml", "input: [3, 3\nlayers: []\n")],
                         ids=["shapes", "code", "yaml"])
def test_bad_input_shows_convcalc_message(browser, tmp_path, kind, name, text):
    _, page = browser
    show(page, kind, text)
    expected = cli(tmp_path, name, text, "summarize", name)
    assert expected.returncode == 2 and expected.stderr.startswith("convcalc: error: ")
    assert text_of(page, "error") == expected.stderr
    assert text_of(page, "summary") == ""
    assert "Traceback" not in page.evaluate("document.body.innerText")


def test_explain_equals_the_command_line(browser, tmp_path):
    _, page = browser
    show(page, "spec", SPEC.read_text(), view="explain")
    assert text_of(page, "explain") == cli(tmp_path, "model.yaml", SPEC.read_text(), "explain", "model.yaml").stdout


def test_grade_equals_the_command_line(browser, tmp_path):
    _, page = browser
    answers = "layers:\n  conv2d: {output_shape: [null, 8, 8, 5], params: 51}\ntotal_params: 142\n"
    show(page, "spec", SPEC.read_text())
    page.evaluate(f"window.convcalc.selectView('grade'); document.getElementById('answers').value = {answers!r};"
                  "window.convcalc.render('grade')")
    (tmp_path / "answers.yaml").write_text(answers)
    expected = cli(tmp_path, "model.yaml", SPEC.read_text(), "grade", "model.yaml", "answers.yaml")
    assert expected.returncode == 1  # one answer wrong
    assert text_of(page, "grade") == expected.stdout


def test_graph_is_drawn_by_graphviz_in_the_page(browser):
    _, page = browser
    # Graphviz (WebAssembly) itself, from the page's own folder
    svg = page.evaluate("import('./viz/viz.js').then(m => m.instance())"
                        ".then(v => v.renderSVGElement('digraph { a -> b }').outerHTML)")
    assert svg.startswith("<svg") and "<title>a</title>" in svg and 'class="edge"' in svg
    from convcalc.cli import main

    show(page, "spec", SPEC.read_text(), view="graph")
    if "plot" in main.commands:  # convcalc plot --format dot: the page draws its DOT
        assert text_of(page, "error") == ""
        assert page.evaluate("document.querySelectorAll('#graph svg g.node').length") >= 5
        assert "conv2d" in text_of(page, "graph")
    else:  # a convcalc without plot: the page says so
        assert "graph unavailable" in text_of(page, "graph")


def test_no_request_leaves_the_origin(browser):
    site, page = browser
    requests = page.requests()
    assert any(url.endswith(".wasm") for url in requests) and any("/wheels/" in url for url in requests)
    outside = [url for url in requests if not url.startswith(site.origin + "/") and not url.startswith(("data:", "blob:"))]
    assert outside == []


# Shipped though no example imports them: _pylong (int's own division of integers of thousands
# of digits: convcalc reads up to 4,300) and click's text wrapping (its usage and help messages)
KEPT = {"_pylong", "click._textwrap"}
REVIEWED = ("asyncio.windows_events", "email", "xml", "multiprocessing", "unittest", "_pyrepl", "wsgiref",
            "convcalc.oracle", "convcalc.jupyter", "rich.syntax", "rich.markdown", "rich.traceback")


def modules_in(archive):
    """The dotted names of the modules a zip holds (bytecode.zip's __pycache__ .pyc files too)."""
    names = set()
    for name in zipfile.ZipFile(archive).namelist():
        if name.endswith((".py", ".pyc")):
            name = re.sub(r"__pycache__/([^/]+?)\.[^./]+\.pyc$", r"\1.py", name)
            names.add(name.rsplit(".", 1)[0].replace("/", ".").removesuffix(".__init__"))
    return names


def under(name, modules):
    return any(name == module or name.startswith(module + ".") for module in modules)


def test_the_site_ships_only_what_the_page_imports(browser, site_folder):
    """Every example and MORE_INPUTS in every view: convcalc's output or message, never a
    failure; then each top-level module of the standard library the site ships, and each of
    click's, rich's and PyYAML's, is one the page imported (but KEPT), and none left out is there."""
    _, page = browser
    examples = [(e["kind"], e["text"]) for e in json.loads((site_folder / "site.json").read_text())["examples"]]
    for kind, text in examples + MORE_INPUTS:
        page.evaluate(f"window.convcalc.setModel({{kind: {kind!r}, text: {json.dumps(text)}}})")
        for view, answers in [("summary", ""), ("explain", ""), ("graph", "")] + [("grade", a) for a in ANSWERS]:
            page.evaluate(f"document.getElementById('answers').value = {json.dumps(answers)};"
                          f"window.convcalc.render({view!r})", timeout=120)
            error = text_of(page, "error")
            assert page.evaluate("document.body.dataset.state") == "done"
            assert error == "" or error.startswith("convcalc: error: "), (view, text, error)  # never an ImportError
            if (kind, text) in examples and view in ("summary", "explain", "graph"):
                assert error == "" and text_of(page, view), (view, text)
    imported = set(page.evaluate("window.convcalc.modules()"))
    tops = {name.partition(".")[0] for name in imported}

    stdlib = modules_in(site_folder / "pyodide" / "python_stdlib.zip")
    assert {name.partition(".")[0] for name in stdlib} - tops <= KEPT  # each top-level module is one it imports
    wheels = {path.name.partition("-")[0]: modules_in(path) for path in (site_folder / "wheels").glob("*.whl")}
    for project in ("click", "rich", "PyYAML"):  # convcalc's own modules are the model's choice (below)
        assert wheels[project] - imported <= KEPT, project
    shipped = stdlib | modules_in(site_folder / "bytecode.zip") | set().union(*wheels.values())
    left_out = build_web.STDLIB_LEFT_OUT + build_web.WHEELS_LEFT_OUT + REVIEWED
    assert sorted(name for name in shipped if under(name, left_out)) == []
    assert "asyncio" in stdlib and "asyncio" in tops  # Pyodide's own start-up imports it
    assert {name for name in wheels["rich"] if "_unicode_data.unicode" in name} == {
        name for name in imported if "_unicode_data.unicode" in name}  # the table rich loads, and no other


# In a fresh interpreter, the page's commands (web/convcalc_web.py) on RUNS (stdin, JSON) with a
# finder that finds nothing but notes each module left out that convcalc, click, rich, PyYAML
# or the bridge asks for (the standard library's own imports differ from Pyodide's Python's)
IMPORT_AUDIT = r"""
import importlib.util, json, pathlib, sys, tempfile
left_out, runs = json.load(sys.stdin)
OURS = {"convcalc", "click", "rich", "yaml", "convcalc_web"}
asked = set()

class Audit:
    def find_spec(self, name, path=None, target=None):
        if any(name == n or name.startswith(n + ".") for n in left_out):
            frame = sys._getframe(1)
            while frame and (frame.f_code.co_filename.startswith("<frozen")
                             or frame.f_globals.get("__name__", "").startswith("importlib")):
                frame = frame.f_back
            importer = frame.f_globals.get("__name__", "") if frame else ""
            if importer.partition(".")[0] in OURS:
                asked.add(f"{importer} imports {name}")
        return None

sys.meta_path.insert(0, Audit())
for name in [m for m in sys.modules if any(m == n or m.startswith(n + ".") for n in left_out)]:
    del sys.modules[name]  # imported by CPython's own start-up (its pathlib: urllib): asked for anew
sys.modules["yaml._yaml"] = None  # PyYAML without its C extension, as in the page
spec = importlib.util.spec_from_file_location("convcalc_web", sys.argv[1])
bridge = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bridge)
bridge.FOLDER = pathlib.Path(tempfile.mkdtemp())
failed = []
for command, *args in runs:
    code, out, err = getattr(bridge, command)(*args)
    failed += [f"{command} {args[1][:60]!r}: {err}"] if code == 3 else []
print(json.dumps({"asked": sorted(asked), "failed": failed}))
"""
# PyYAML asks for its C extension's wrapper in a try, in the page too (and does without it)
ASKED_IN_A_TRY = {"yaml imports yaml.cyaml"}


def test_the_commands_ask_for_nothing_the_site_leaves_out(tmp_path):
    """Every spec and Keras code file of the tests summarized, the specs and the page's inputs
    also explained, plotted and graded: none of convcalc's, click's, rich's or PyYAML's modules
    imports a module the site leaves out, even in a try (nor fails: an internal error)."""
    specs = sorted((ROOT / "specs").glob("*.yaml")) + sorted(CASES.glob("*.yaml"))
    code = sorted((ROOT / "tests" / "code").glob("*.py"))
    fuzz = sorted(p for p in (ROOT / "tests" / "fuzz_cases").iterdir() if p.suffix in (".py", ".yaml"))
    models = [("spec" if p.suffix == ".yaml" else "code", p.read_text()) for p in specs + code + fuzz]
    small = [("spec", p.read_text()) for p in specs] + [("code", (ROOT / "tests" / "code" / name).read_text())
                                                         for name in build_web.CODE_EXAMPLES] + MORE_INPUTS
    runs = [["summarize", kind, text] for kind, text in models + MORE_INPUTS]
    runs += [[command, kind, text] for kind, text in small for command in ("explain", "plot")]
    runs += [["grade", kind, text, answers] for kind, text in small for answers in ANSWERS]
    left_out = build_web.STDLIB_LEFT_OUT + build_web.WHEELS_LEFT_OUT
    path = os.pathsep.join([str(ROOT), *site.getsitepackages()])  # with -S: no .pth file imports anything
    result = subprocess.run([sys.executable, "-S", "-c", IMPORT_AUDIT, str(ROOT / "web" / "convcalc_web.py")],
                            input=json.dumps([left_out, runs]), capture_output=True, text=True, cwd=tmp_path,
                            env={**os.environ, "PYTHONPATH": path})
    assert result.returncode == 0, result.stderr[-3000:]
    audit = json.loads(result.stdout)
    assert audit["failed"] == []
    assert set(audit["asked"]) - ASKED_IN_A_TRY == set()
