"""Speed of the web page (web/, scripts/build_web.py) in headless Chromium, with its goals:

- page ready (Pyodide, the wheels and convcalc loaded, its first imports done), cold: a
  fresh browser profile each run, so nothing is cached: under 6 s;
- a summary after that (the page's own timing of convcalc's run, median of the runs):
  under 0.5 s, for the lecture's example 2 (a spec), the MNIST convnet, and Keras code;
- the payload (every file the site holds): under 20 MB.

The machine's load average is printed beside: on a shared machine the times grow with it.

Run: python scripts/benchmark_web.py [--runs N] [--site web/dist]   (builds the site when the folder is missing)
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import statistics
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import headless_chromium  # noqa: E402

READY_GOAL, SUMMARY_GOAL, PAYLOAD_GOAL = 6.0, 0.5, 20e6
MODELS = (("lecture example 2 (spec)", "spec", ROOT / "specs" / "lecture-example-2.yaml"),
          ("MNIST convnet (spec)", "spec", ROOT / "specs" / "mnist-convnet.yaml"),
          ("functional-graph.py (Keras code)", "code", ROOT / "tests" / "code" / "functional-graph.py"))


def cold_start(site):
    """(seconds to ready, the browser's CPU seconds by then, {model: seconds per summary}) in a fresh browser."""
    with headless_chromium.Chromium() as browser:
        page = browser.page()
        page.navigate(f"{site.origin}/index.html")
        page.wait_for("window.convcalcTimings && (window.convcalcTimings.ready || document.body.dataset.state === 'error')",
                      timeout=300)
        if page.evaluate("document.body.dataset.state") == "error":
            status = page.evaluate("document.getElementById('status').textContent")
            raise SystemExit(f"the page did not start: {status}")
        ready = page.evaluate("window.convcalcTimings.ready") / 1000
        cpu = browser.cpu_seconds()
        summaries = {}
        for label, kind, path in MODELS:
            text = json.dumps(path.read_text())
            page.evaluate(f"window.convcalc.setModel({{kind: {kind!r}, text: {text}}})")
            times = []
            for _ in range(3):
                page.evaluate("window.convcalc.summarizeNow()")
                times.append(page.evaluate("window.convcalcTimings.summary") / 1000)
            summaries[label] = statistics.median(times)
        return ready, cpu, summaries


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="cold starts (default 3)")
    parser.add_argument("--site", type=pathlib.Path, default=ROOT / "web" / "dist")
    args = parser.parse_args()
    if not (args.site / "index.html").exists():
        subprocess.run([sys.executable, str(ROOT / "scripts" / "build_web.py"), "--out", str(args.site)], check=True)
    payload = sum(p.stat().st_size for p in args.site.rglob("*") if p.is_file())
    load_before = os.getloadavg()[0]
    with headless_chromium.Site(args.site) as site:
        runs = [cold_start(site) for _ in range(args.runs)]
    ready = statistics.median(r for r, _, _ in runs)
    cpu = statistics.median(c for _, c, _ in runs)
    rows = [("payload", f"{payload / 1e6:.1f} MB", f"< {PAYLOAD_GOAL / 1e6:.0f} MB", payload < PAYLOAD_GOAL),
            ("page ready, cold (median)", f"{ready:.2f} s", f"< {READY_GOAL:.0f} s", ready < READY_GOAL),
            ("  the browser's CPU time by then", f"{cpu:.2f} s", "", None)]
    for label, _, _ in MODELS:
        seconds = statistics.median(s[label] for _, _, s in runs)
        rows.append((f"summary: {label}", f"{seconds * 1000:.0f} ms", f"< {SUMMARY_GOAL * 1000:.0f} ms",
                     seconds < SUMMARY_GOAL))
    width = max(len(row[0]) for row in rows)
    print(f"{'measure':<{width}}  {'value':>9}  {'goal':>8}  met")
    for label, value, goal, met in rows:
        print(f"{label:<{width}}  {value:>9}  {goal:>8}  {'' if met is None else 'yes' if met else 'NO'}")
    print(f"({args.runs} cold starts; load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after, "
          f"on {os.cpu_count()} cores)")


if __name__ == "__main__":
    main()
