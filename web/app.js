// The page: convcalc's own command line (web/convcalc_web.py) on Pyodide, Graphviz in
// WebAssembly for the graph. Everything it loads is beside it (scripts/build_web.py).
import { loadPyodide } from "./pyodide/pyodide.mjs";
import { ansiToFragment, stripAnsi } from "./ansi.js";

const $ = (id) => document.getElementById(id);
const timings = (window.convcalcTimings = {});
let bridge = null;
let viz = null;
let view = "summary";
let computed = {};  // view -> the model's key it shows

function setState(state, message) {
  document.body.dataset.state = state;
  if (message !== undefined) $("status").textContent = message;
}

// -- the model in the address: #spec=... or #code=..., base64url of its UTF-8 text --------
function toBase64url(text) {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64url(data) {
  const binary = atob(data.replace(/-/g, "+").replace(/_/g, "/"));
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

function modelFromFragment() {
  const match = /^#(spec|code)=([A-Za-z0-9_-]*)$/.exec(location.hash);
  if (!match) return null;
  try {
    return { kind: match[1], text: fromBase64url(match[2]) };
  } catch {
    return null;
  }
}

function kind() {
  return document.querySelector('input[name="kind"]:checked').value;
}

function setModel(model) {
  document.querySelector(`input[name="kind"][value="${model.kind}"]`).checked = true;
  $("source").value = model.text;
}

function model() {
  return { kind: kind(), text: $("source").value };
}

// -- running convcalc ---------------------------------------------------------------------
function call(name, ...args) {
  const result = bridge[name](...args);
  const [code, out, err] = result.toJs();
  result.destroy();
  return { code, out, err };
}

function modules() {  // the names of the modules Python has imported (tests/test_web.py)
  const names = bridge.modules();
  try {
    return names.toJs();
  } finally {
    names.destroy();
  }
}

function showError(err) {
  $("error").hidden = !err;
  $("error").textContent = stripAnsi(err || "");
}

function show(element, result) {
  element.replaceChildren(result.code === 0 || result.code === 1 ? ansiToFragment(result.out) : "");
  showError(result.code === 0 || (result.code === 1 && result.out) ? "" : result.err || result.out);
  return result.code;
}

async function graphOf(m) {
  if (!bridge.graph_available()) {
    $("graph").textContent = "graph unavailable: this convcalc has no `plot` command";
    showError("");
    return;
  }
  const result = call("plot", m.kind, m.text);
  if (result.code !== 0) {
    $("graph").replaceChildren();
    showError(result.err);
    return;
  }
  if (!viz) viz = await (await import("./viz/viz.js")).instance();
  $("graph").replaceChildren(viz.renderSVGElement(result.out));
  showError("");
}

async function render(which = view) {
  const m = model();
  const key = m.kind + "\n" + m.text;
  setState("running", "Running…");
  const start = performance.now();
  try {
    if (which === "summary") show($("summary"), call("summarize", m.kind, m.text));
    else if (which === "explain") show($("explain"), call("explain", m.kind, m.text));
    else if (which === "graph") await graphOf(m);
    else if (which === "grade") show($("grade"), call("grade", m.kind, m.text, $("answers").value));
  } catch (error) {  // the page's own defect (convcalc's errors are its messages, above)
    console.error(error);
    showError(`the page failed: ${error.message}`);
  }
  const elapsed = performance.now() - start;
  timings[which] = elapsed;
  timings.runs = (timings.runs || 0) + 1;
  computed[which] = key;
  setState("done", `${which} in ${Math.round(elapsed)} ms`);
}

function summarizeNow() {
  const m = model();
  history.replaceState(null, "", `#${m.kind}=${toBase64url(m.text)}`);
  computed = {};
  return render(view === "grade" ? "summary" : view).then(() => view === "grade" ? render("grade") : null);
}

function selectView(name) {
  view = name;
  for (const tab of document.querySelectorAll(".tabs button")) {
    tab.setAttribute("aria-selected", String(tab.dataset.view === name));
    $(`view-${tab.dataset.view}`).hidden = tab.dataset.view !== name;
  }
  const m = model();
  if (bridge && m.text && name !== "grade" && computed[name] !== m.kind + "\n" + m.text) return render(name);
  return Promise.resolve();
}

// -- start: examples, Pyodide, the wheels, convcalc ---------------------------------------
async function start() {
  const site = await (await fetch("site.json")).json();
  const wheels = site.wheels.map((name) => fetch(`wheels/${name}`).then((r) => r.arrayBuffer()));
  const bridgeSource = fetch("convcalc_web.py").then((r) => r.text());
  const bytecode = fetch(site.bytecode).then((r) => r.arrayBuffer());
  for (const [i, example] of site.examples.entries()) {
    const option = new Option(`${example.name} (${example.kind === "spec" ? "YAML spec" : "Keras code"})`, i);
    $("examples").append(option);
  }
  $("examples").addEventListener("change", () => {
    const example = site.examples[$("examples").value];
    if (!example) return;
    setModel(example);
    if (bridge) summarizeNow();
  });
  const fromAddress = modelFromFragment();
  if (fromAddress) setModel(fromAddress);
  else setModel(site.examples[0]);
  const shown = site.examples.findIndex((e) => e.kind === kind() && e.text === $("source").value);
  if (shown >= 0) $("examples").value = String(shown);  // a link to an example names it

  const pyodide = await loadPyodide({ indexURL: new URL("pyodide/", location.href).href });
  timings.pyodide = performance.now();
  const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_paths()['purelib']");
  for (const wheel of await Promise.all(wheels)) pyodide.unpackArchive(wheel, "wheel", { extractDir: sitePackages });
  pyodide.FS.writeFile(`${sitePackages}/convcalc_web.py`, await bridgeSource);
  pyodide.unpackArchive(await bytecode, "zip", { extractDir: sitePackages });  // compiled at build time
  timings.wheels = performance.now();
  bridge = pyodide.pyimport("convcalc_web");
  timings.imported = performance.now();
  bridge.warm_up();
  timings.ready = performance.now();  // since the navigation started
  $("run").disabled = $("grade-run").disabled = false;
  setState("ready", `Ready in ${(timings.ready / 1000).toFixed(1)} s`);
  await summarizeNow();  // the model of the address, or the first example
}

$("run").addEventListener("click", () => summarizeNow());
$("grade-run").addEventListener("click", () => render("grade"));
$("source").addEventListener("keydown", (event) => {
  if (event.key === "Enter" && event.ctrlKey && bridge) summarizeNow();
});
for (const tab of document.querySelectorAll(".tabs button")) tab.addEventListener("click", () => selectView(tab.dataset.view));
window.addEventListener("hashchange", () => {
  const m = modelFromFragment();
  if (m && bridge && (m.kind !== kind() || m.text !== $("source").value)) {
    setModel(m);
    summarizeNow();
  }
});
// for scripts (tests/test_web.py, scripts/benchmark_web.py)
window.convcalc = { summarizeNow, selectView, setModel, render, modules };

start().catch((error) => {
  console.error(error);
  setState("error", `convcalc could not start: ${error.message}`);
});
