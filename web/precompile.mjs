// Build step (scripts/build_web.py), run by Node: the page's Python modules compiled to
// bytecode by the page's own Python (Pyodide's, so the .pyc files match it), as a zip of
// their __pycache__ folders to unpack beside the wheels: the page then compiles nothing
// at start. Unchecked-hash .pyc files: shipped with their sources, never stale.
//   node web/precompile.mjs WHEELS_FOLDER BRIDGE.py OUT.zip
import fs from "node:fs";
import path from "node:path";
import { loadPyodide } from "./node_modules/pyodide/pyodide.mjs";

const [wheels, bridge, out] = process.argv.slice(2);
const pyodide = await loadPyodide();
const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_paths()['purelib']");
for (const name of fs.readdirSync(wheels).filter((n) => n.endsWith(".whl")).sort()) {
  pyodide.unpackArchive(new Uint8Array(fs.readFileSync(path.join(wheels, name))), "wheel", { extractDir: sitePackages });
}
pyodide.FS.writeFile(`${sitePackages}/${path.basename(bridge)}`, fs.readFileSync(bridge, "utf8"));
pyodide.runPython(`
import compileall, pathlib, py_compile, sysconfig, zipfile
site = pathlib.Path(sysconfig.get_paths()["purelib"])
if not compileall.compile_dir(site, quiet=1, invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH):
    raise SystemExit("precompile: a module did not compile")
with zipfile.ZipFile("/tmp/bytecode.zip", "w", zipfile.ZIP_DEFLATED) as archive:
    for pyc in sorted(site.rglob("*.pyc")):
        archive.write(pyc, pyc.relative_to(site).as_posix())
`);
fs.writeFileSync(out, pyodide.FS.readFile("/tmp/bytecode.zip"));
