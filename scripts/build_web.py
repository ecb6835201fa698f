"""Build the web page (web/) into a static folder: convcalc itself, unchanged, on Pyodide.

    python scripts/build_web.py --out web/dist      then   python -m http.server -d web/dist

The folder holds everything the page loads, so that no request leaves its origin:
- Pyodide's core (the `pyodide` npm package, pinned in web/package-lock.json): its loader,
  WebAssembly module and standard library; its lock file cut to its `info` (the page loads
  no Pyodide package: every wheel it needs is beside it);
- Graphviz in WebAssembly (`@viz-js/viz` from npm, one self-contained ES module);
- the pure wheels convcalc's commands import: click, rich (its own dependencies, pygments
  and markdown-it-py, are imported only by rich's syntax, markdown and traceback modules,
  which convcalc never imports), PyYAML's pure-Python package built from its sdist (its C
  extension, optional in PyYAML, is left out), and convcalc's own wheel;
- of those and of Pyodide's standard library, only what the page's commands import: the
  modules they never import (STDLIB_LEFT_OUT, WHEELS_LEFT_OUT) are left out;
- bytecode compiled by Pyodide's own Python at build time (web/precompile.mjs, run by
  Node), so that the page compiles nothing: its standard library zip holds .pyc files in
  place of the sources, and bytecode.zip those of the wheels and of convcalc_web.py;
- the page itself (web/index.html, app.js, ansi.js, style.css, convcalc_web.py) and the
  examples it offers (specs/*.yaml and a few of tests/code/*.py), in examples.json.

The payload is checked to stay under 20 MB.
"""

from __future__ import annotations

import argparse
import base64
import csv
import hashlib
import io
import json
import pathlib
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile

ROOT = pathlib.Path(__file__).resolve().parents[1]
WEB = ROOT / "web"
# The wheels the page installs, pinned (the versions CI's venv runs convcalc's tests with)
PURE_WHEELS = ("click==8.5.1", "rich==15.0.0")
PYYAML = "PyYAML==6.0.4"
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.js", "pyodide.asm.wasm")  # and python_stdlib.zip, compiled
PAGE_FILES = ("index.html", "app.js", "ansi.js", "style.css", "convcalc_web.py")
# Keras code offered as examples beside every spec of specs/ (their goldens are in tests/golden)
CODE_EXAMPLES = ("functional-graph.py", "basic-func-conv-autoencoder.py", "application-transfer-learning-tutorial.py",
                 "factory-partial-default-conv.py")
MAX_PAYLOAD = 20 * 1000 * 1000

# Left out of the site: the modules the page's commands (web/convcalc_web.py: summarize, explain,
# plot --format dot, grade) never import, each with its submodules. tests/test_web.py checks that
# the page, run on every example and on bad input, imports each top-level module kept and never
# fails for want of one left out, and that the commands ask for none on the tests' models.
# Pyodide's own start-up imports asyncio, logging, json, inspect, zipfile, subprocess...: kept.
# `encodings` stays whole: a Python file's coding cookie can name any of its text codecs.
STDLIB_LEFT_OUT = (
    # the network, mail and the web's formats (the page fetches with JavaScript)
    "email", "http", "urllib", "xmlrpc", "wsgiref", "socketserver", "smtplib", "imaplib", "poplib", "ftplib",
    "netrc", "mailbox", "mimetypes", "webbrowser", "antigravity", "html", "_markupbase", "ipaddress", "quopri",
    "stringprep", "encodings.idna", "encodings.quopri_codec", "importlib.metadata", "pyodide.http",
    # file formats and tools convcalc does not use
    "xml", "tarfile", "gzip", "csv", "configparser", "plistlib", "tomllib", "wave", "shelve", "zipapp", "zoneinfo",
    "calendar", "_strptime", "statistics", "pprint", "graphlib", "filecmp", "fileinput", "hashlib", "hmac", "secrets",
    # processes, threads, C libraries, terminals: none in a browser tab
    "multiprocessing", "concurrent.futures.process", "concurrent.futures.thread", "queue", "sched",
    "_threading_local", "ctypes", "pty", "tty", "getpass", "platform",
    "asyncio.windows_events", "asyncio.windows_utils", "asyncio.proactor_events",
    # development: tests, debuggers, profilers, REPLs, documentation, compilers, logging's set-ups
    "unittest", "doctest", "pdb", "bdb", "_pyrepl", "code", "codeop", "cmd", "rlcompleter", "pyodide.console", "pydoc",
    "profile", "cProfile", "pstats", "trace", "tracemalloc", "timeit", "modulefinder", "pyclbr", "symtable",
    "tabnanny", "compileall", "py_compile", "runpy", "pkgutil", "pickletools", "logging.config", "logging.handlers",
    # command lines (click parses convcalc's), python -m's
    "argparse", "optparse", "getopt", "shlex", "asyncio.__main__", "json.tool", "sysconfig.__main__", "zipfile.__main__",
    # pure-Python twins of built-in modules, other platforms', demos, re's old names
    "_pyio", "_pydatetime", "_py_abc", "_android_support", "_apple_support", "_ios_support", "nturl2path",
    "this", "__hello__", "__phello__", "sre_compile", "sre_constants", "sre_parse",
)
WHEELS_LEFT_OUT = (
    # convcalc: the commands the page has not (check: real Keras; quiz; import; the notebook magics;
    # python -m; the Python API) and the options it never passes (summarize --format and --style
    # keras2, plot to a picture or Mermaid, grade --format gradescope or csv)
    "convcalc.oracle", "convcalc.render.check_table", "convcalc.quiz", "convcalc.render.spec_text",
    "convcalc.jupyter", "convcalc.__main__", "convcalc.api", "convcalc.render.json_out", "convcalc.render.markdown_out",
    "convcalc.render.csv_out", "convcalc.render.html_out", "convcalc.render.svg_out", "convcalc.render.recorded",
    "convcalc.render.keras2_table", "convcalc.render.graphviz", "convcalc.render.mermaid_out",
    "convcalc.render.grade_exports",
    # rich: what convcalc never calls (syntax, markdown and traceback need pygments or markdown-it),
    # Windows' console; and its tables of older Unicode versions (unicode_tables)
    "rich.syntax", "rich.markdown", "rich.traceback", "rich.logging", "rich.__main__", "rich.diagnose", "rich.pretty",
    "rich._inspect", "rich.json", "rich.progress", "rich.progress_bar", "rich.bar", "rich.live", "rich.live_render",
    "rich.status", "rich.spinner", "rich._spinners", "rich.prompt", "rich.layout", "rich.tree", "rich.columns",
    "rich.panel", "rich.rule", "rich.scope", "rich.filesize", "rich.file_proxy", "rich.ansi", "rich.abc",
    "rich._stack", "rich._timer", "rich._windows", "rich._windows_renderer", "rich._win32_console",
    # click: its test runner, shell completion, pager, editor and progress bar, Windows' console
    "click.testing", "click.shell_completion", "click._termui_impl", "click._winconsole",
    "yaml.cyaml",  # the wrapper of PyYAML's C extension, not shipped
)


def run(command, cwd=None):
    subprocess.run(command, cwd=cwd, check=True)


def npm_ci():
    """web/node_modules exactly as web/package-lock.json pins it."""
    run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=WEB)


def copy_pyodide(out):
    source = WEB / "node_modules" / "pyodide"
    target = out / "pyodide"
    target.mkdir(parents=True)
    for name in PYODIDE_FILES:
        shutil.copy2(source / name, target / name)
    lock = json.loads((source / "pyodide-lock.json").read_text())
    (target / "pyodide-lock.json").write_text(json.dumps({"info": lock["info"], "packages": {}}))


def copy_viz(out):
    target = out / "viz"
    target.mkdir(parents=True)
    shutil.copy2(WEB / "node_modules" / "@viz-js" / "viz" / "dist" / "viz.js", target / "viz.js")


def pip(*args):
    run([sys.executable, "-m", "pip", "--disable-pip-version-check", "--quiet", *args])


def module_of(name):
    """The dotted name a zip's entry stands for: 'a/b/__init__.py' and 'a/b/' are 'a.b'."""
    name = name.rstrip("/").removesuffix(".pyc").removesuffix(".py").replace("/", ".")
    return name.removesuffix(".__init__")


def is_left_out(name, left_out):
    dotted = module_of(name)
    return any(dotted == module or dotted.startswith(module + ".") for module in left_out)


def older_unicode_tables(names):
    """rich's cell-width tables but the latest: the one it loads when UNICODE_VERSION is unset
    (rich/_unicode_data: load), as in the page."""
    tables = [name for name in names if re.fullmatch(r"rich/_unicode_data/unicode[0-9-]+\.py", name)]
    return set(sorted(tables, key=lambda name: [int(n) for n in re.findall(r"[0-9]+", name)])[:-1])


def pruned_zip(source, target, left_out, dropped):
    """SOURCE less its modules named in `left_out` (and rich's older tables), written to TARGET;
    a wheel's RECORD lists what is left. The dotted names of the modules dropped go into `dropped`."""
    with zipfile.ZipFile(source) as whole, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as kept:
        names = whole.namelist()
        out = {name for name in names if is_left_out(name, left_out)} | older_unicode_tables(names)
        dropped.update(module_of(name) for name in out if name.endswith(".py"))
        for info in whole.infolist():
            if info.filename in out:
                continue
            data = whole.read(info)
            if info.filename.endswith(".dist-info/RECORD"):
                rows = [row for row in csv.reader(io.StringIO(data.decode())) if row and row[0] not in out]
                record = io.StringIO()
                csv.writer(record, lineterminator="\n").writerows(rows)
                data = record.getvalue().encode()
            kept.writestr(info, data)


def pure_pyyaml_wheel(sdist, folder):
    """A py3-none-any wheel of PyYAML's pure-Python package (lib/yaml of its sdist): yaml
    imports its C extension only when it is there (`__with_libyaml__`)."""
    with tarfile.open(sdist) as archive:
        members = archive.getmembers()
        top = members[0].name.split("/")[0]
        metadata = archive.extractfile(f"{top}/PKG-INFO").read()
        modules = {m.name.split("/lib/", 1)[1]: archive.extractfile(m).read() for m in members
                   if m.isfile() and m.name.startswith(f"{top}/lib/yaml/") and m.name.endswith(".py")}
    version = top.split("-")[-1]
    info = f"PyYAML-{version}.dist-info"
    files = dict(modules)
    files[f"{info}/METADATA"] = metadata
    files[f"{info}/WHEEL"] = (b"Wheel-Version: 1.0\nGenerator: convcalc build_web\nRoot-Is-Purelib: true\n"
                              b"Tag: py3-none-any\n")
    record = io.StringIO()
    writer = csv.writer(record, lineterminator="\n")
    for name, data in sorted(files.items()):
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        writer.writerow([name, f"sha256={digest}", len(data)])
    writer.writerow([f"{info}/RECORD", "", ""])
    files[f"{info}/RECORD"] = record.getvalue().encode()
    path = folder / f"PyYAML-{version}-py3-none-any.whl"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as wheel:
        for name, data in sorted(files.items()):
            wheel.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
    return path


def build_wheels(out, dropped):
    target = out / "wheels"
    target.mkdir(parents=True)
    with tempfile.TemporaryDirectory(prefix="convcalc-web-") as temporary:
        temporary = pathlib.Path(temporary)
        pip("download", "--no-deps", "--only-binary", ":all:", "-d", str(temporary / "pure"), *PURE_WHEELS)
        pip("download", "--no-deps", "--no-binary", "PyYAML", "-d", str(temporary / "sdist"), PYYAML)
        pip("wheel", "--no-deps", "-w", str(temporary / "convcalc"), str(ROOT))
        wheels = sorted((temporary / "pure").glob("*.whl")) + sorted((temporary / "convcalc").glob("convcalc-*.whl"))
        wheels.append(pure_pyyaml_wheel(next((temporary / "sdist").glob("*.tar.gz")), temporary))
        for wheel in wheels:
            pruned_zip(wheel, target / wheel.name, WHEELS_LEFT_OUT, dropped)
    return sorted(path.name for path in target.iterdir())


def precompile(out, dropped):
    """Pyodide's standard library less STDLIB_LEFT_OUT as bytecode, in its place, and
    bytecode.zip of the wheels' modules: compiled by the page's own Python (web/precompile.mjs),
    which also checks that no module kept imports one left out (`dropped`) at its top level."""
    with tempfile.TemporaryDirectory(prefix="convcalc-web-") as temporary:
        stdlib, left_out = pathlib.Path(temporary) / "python_stdlib.zip", pathlib.Path(temporary) / "left_out.json"
        pruned_zip(WEB / "node_modules" / "pyodide" / "python_stdlib.zip", stdlib, STDLIB_LEFT_OUT, dropped)
        left_out.write_text(json.dumps(sorted(dropped)))
        run(["node", str(WEB / "precompile.mjs"), str(stdlib), str(out / "pyodide" / "python_stdlib.zip"),
             str(out / "wheels"), str(WEB / "convcalc_web.py"), str(out / "bytecode.zip"), str(left_out)], cwd=WEB)
    return "bytecode.zip"


def examples():
    """[{name, kind, text}]: the specs of specs/, then a few Keras code snippets."""
    found = [{"name": path.stem, "kind": "spec", "text": path.read_text()} for path in sorted((ROOT / "specs").glob("*.yaml"))]
    found += [{"name": name, "kind": "code", "text": (ROOT / "tests" / "code" / name).read_text()}
              for name in CODE_EXAMPLES]
    return found


def payload_size(out):
    return sum(path.stat().st_size for path in out.rglob("*") if path.is_file())


def build(out, skip_npm=False):
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    if not skip_npm:
        npm_ci()
    copy_pyodide(out)
    copy_viz(out)
    dropped = set()
    wheels = build_wheels(out, dropped)
    bytecode = precompile(out, dropped)
    for name in PAGE_FILES:
        shutil.copy2(WEB / name, out / name)
    (out / "site.json").write_text(json.dumps({"wheels": wheels, "bytecode": bytecode, "examples": examples()}, indent=1))
    size = payload_size(out)
    if size > MAX_PAYLOAD:
        raise SystemExit(f"build_web: the payload is {size / 1e6:.1f} MB, over {MAX_PAYLOAD / 1e6:.0f} MB")
    return size


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=pathlib.Path, default=WEB / "dist", help="the folder to write (replaced)")
    parser.add_argument("--skip-npm", action="store_true", help="use web/node_modules as it is (no npm ci)")
    args = parser.parse_args()
    size = build(args.out.resolve(), skip_npm=args.skip_npm)
    print(f"built {args.out} ({size / 1e6:.1f} MB): serve it with python -m http.server -d {args.out}")


if __name__ == "__main__":
    main()
