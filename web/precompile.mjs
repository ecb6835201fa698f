// Build step (scripts/build_web.py), run by Node: Python modules compiled to bytecode by
// the page's own Python (Pyodide's, so the .pyc files match it), so that the page compiles
// nothing at start (most of its start-up otherwise):
// - Pyodide's standard library zip (less what build_web.py leaves out), its modules as .pyc
//   files in their place (zipimport's own layout), their sources left out;
// - the wheels' modules and the page's convcalc_web.py, as a zip of their __pycache__
//   folders, to unpack beside the wheels.
// Unchecked-hash .pyc files: built with their sources, never stale. It fails if a module kept
// imports, in its unconditional top-level statements, one the build left out (LEFT_OUT.json).
//   node web/precompile.mjs STDLIB.zip STDLIB_OUT.zip WHEELS_FOLDER BRIDGE.py BYTECODE_OUT.zip LEFT_OUT.json
import fs from "node:fs";
import path from "node:path";
import { loadPyodide } from "./node_modules/pyodide/pyodide.mjs";

const [stdlib, stdlibOut, wheels, bridge, bytecodeOut, leftOut] = process.argv.slice(2);
const pyodide = await loadPyodide();
const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_paths()['purelib']");
for (const name of fs.readdirSync(wheels).filter((n) => n.endsWith(".whl")).sort()) {
  pyodide.unpackArchive(new Uint8Array(fs.readFileSync(path.join(wheels, name))), "wheel", { extractDir: sitePackages });
}
pyodide.FS.writeFile(`${sitePackages}/${path.basename(bridge)}`, fs.readFileSync(bridge, "utf8"));
pyodide.FS.writeFile("/tmp/stdlib.zip", new Uint8Array(fs.readFileSync(stdlib)));
pyodide.FS.writeFile("/tmp/left_out.json", fs.readFileSync(leftOut, "utf8"));
pyodide.runPython(`
import ast, compileall, json, pathlib, py_compile, sys, sysconfig, zipfile
UNCHECKED = py_compile.PycInvalidationMode.UNCHECKED_HASH

site = pathlib.Path(sysconfig.get_paths()["purelib"])
if not compileall.compile_dir(site, quiet=1, invalidation_mode=UNCHECKED):
    raise SystemExit("precompile: a module of the wheels did not compile")
with zipfile.ZipFile("/tmp/bytecode.zip", "w", zipfile.ZIP_DEFLATED) as archive:
    for pyc in sorted(site.rglob("*.pyc")):
        archive.write(pyc, pyc.relative_to(site).as_posix())

# the standard library: compiled where it is unpacked, named as where Pyodide mounts it
zip_path = f"/lib/python{sys.version_info[0]}{sys.version_info[1]}.zip"
with zipfile.ZipFile("/tmp/stdlib.zip") as source:
    source.extractall("/tmp/stdlib")
    names = source.namelist()
compileall.compile_dir("/tmp/stdlib", quiet=2, legacy=True, invalidation_mode=UNCHECKED,
                       stripdir="/tmp/stdlib", prependdir=zip_path)
with zipfile.ZipFile("/tmp/stdlib-out.zip", "w", zipfile.ZIP_DEFLATED) as archive:
    for name in names:
        compiled = pathlib.Path("/tmp/stdlib", name + "c")
        if name.endswith(".py") and compiled.exists():  # a module that did not compile keeps its source
            archive.write(compiled, name + "c")
        else:
            archive.write(pathlib.Path("/tmp/stdlib", name), name)
`);
const problems = pyodide.runPython(`
# no module kept imports one left out as it is imported (its unconditional top-level statements)
left_out = set(json.loads(pathlib.Path("/tmp/left_out.json").read_text()))

def imported(tree, package):
    for node in tree.body:
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            parts = package.split(".")[:len(package.split(".")) - node.level + 1] if node.level else []
            base = ".".join(parts + ([node.module] if node.module else []))
            yield base
            yield from (f"{base}.{alias.name}" for alias in node.names)

problems = []
for folder in (pathlib.Path("/tmp/stdlib"), site):
    for path in sorted(folder.rglob("*.py")):
        module = ".".join(path.relative_to(folder).with_suffix("").parts)
        package = module.removesuffix(".__init__") if path.name == "__init__.py" else module.rpartition(".")[0]
        for name in imported(ast.parse(path.read_bytes()), package):
            parts = name.split(".")
            if any(".".join(parts[:i]) in left_out for i in range(1, len(parts) + 1)):
                problems.append(f"{module.removesuffix('.__init__')} imports {name}")
"; ".join(sorted(set(problems)))
`);
if (problems) {
  console.error(`precompile: a module kept imports one left out: ${problems}`);
  process.exit(1);
}
fs.writeFileSync(bytecodeOut, pyodide.FS.readFile("/tmp/bytecode.zip"));
fs.writeFileSync(stdlibOut, pyodide.FS.readFile("/tmp/stdlib-out.zip"));
