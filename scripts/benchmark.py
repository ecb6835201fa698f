"""Speed benchmark: convcalc in fresh processes, against Keras where Keras can build the model.

Every command runs in a fresh process, several times after a warm-up; the median wall time
(and the peak memory) is printed in one table with each row's goal and whether it is met:

- the lecture's example 2: `convcalc summarize` at most 1/40 of the time of the lecture's
  Keras code (tests/code/), at most 60 MiB peak memory;
- ResNet50's config: `convcalc summarize resnet50.json` at most 1/10 of the time Keras takes
  to build the model from the same file (keras.models.model_from_json) and print its summary;
- NASNetLarge's config (1,041 layers): under 1 s;
- generated specs of 1,000, 10,000 and 100,000 layers, a Sequential stack and two functional
  chains of residual blocks (convolution blocks; Dense and Add): 10,000 layers under 1 s
  (the Dense and Add chain, four-column layout, under 0.6 s), 100,000 Sequential layers
  under 400 MiB, and time growing linearly with layers (the time per layer added, from 10k
  to 100k, at most 1.5 times that from 1k to 10k).

The applications' configs are tests/applications/NAME.json.gz (scripts/gen_applications.py);
one that is missing is written by Keras into the temporary folder.

Then (unless --no-keras or --no-memory) scripts/benchmark_memory.py: the training-memory
estimate against one real training step on Keras's torch backend.

Run: python scripts/benchmark.py [--runs N] [--no-keras] [--no-memory]   (the Keras side needs the [keras] extra)
"""

from __future__ import annotations

import argparse
import gzip
import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
APPLICATIONS = ROOT / "tests" / "applications"
SIZES = (1_000, 10_000, 100_000)
LINEARITY = 1.5  # the largest step's time per layer added, at most this times the smaller step's


# -- generated specs ----------------------------------------------------------------------
def sequential_spec(layers):
    """The YAML of a Sequential spec of `layers` layers: a stack of convolution blocks
    (Conv2D, BatchNormalization, Activation, Dense) on an 8×8×3 input, its shape kept."""
    block = ["  - Conv2D: [16, 3]\n    padding: same\n", "  - BatchNormalization\n",
             "  - Activation: relu\n", "  - Dense: 16\n"]
    return "input: [8, 8, 3]\nlayers:\n" + "".join(block[i % len(block)] for i in range(layers))


def residual_spec(layers):
    """The YAML of a functional spec of `layers` layers (input included): a chain of residual
    blocks (Conv2D, BatchNormalization, Activation, Add of the block's input and its
    activation), auto-named but for the two layers the Add refers to."""
    entries = []
    for i in range(layers - 1):
        block, step = divmod(i, 4)
        source = f"add_{block - 1}" if block else "image"
        entries.append((
            "  - Conv2D: [16, 3]\n    padding: same\n",
            "  - BatchNormalization\n",
            f"  - Activation: relu\n    name: relu_{block}\n",
            f"  - Add: {{inputs: [{source}, relu_{block}], name: add_{block}}}\n",
        )[step])
    return "inputs: {image: [8, 8, 16]}\nlayers:\n" + "".join(entries)


def dense_residual_spec(layers):
    """The YAML of a functional spec of `layers` layers (input included): a chain of Dense
    and Add pairs, each Add summing the Dense's input and output (Keras's four-column
    layout), auto-named but for the layers an Add refers to."""
    entries = []
    for i in range(layers - 1):
        pair, step = divmod(i, 2)
        source = f"add_{pair - 1}" if pair else "features"
        entries.append(f"  - Dense: {{units: 16, name: dense_{pair}}}\n" if step == 0 else
                       f"  - Add: {{inputs: [{source}, dense_{pair}], name: add_{pair}}}\n")
    return "inputs: {features: [16]}\nlayers:\n" + "".join(entries)


GENERATED = {"Sequential": sequential_spec, "residual": residual_spec, "Dense+Add": dense_residual_spec}
# goals beyond linearity: {(kind, layers): (label, seconds, MiB)}
GOALS = {("Sequential", 10_000): ("< 1 s", 1, None), ("residual", 10_000): ("< 1 s", 1, None),
         ("Dense+Add", 10_000): ("< 0.6 s", 0.6, None), ("Sequential", 100_000): ("≤ 400 MiB", None, 400)}


# -- timing ---------------------------------------------------------------------------------
def convcalc_command():
    script = pathlib.Path(sys.executable).with_name("convcalc")
    if script.exists():
        return [str(script)]
    found = shutil.which("convcalc")
    return [found] if found else [sys.executable, "-m", "convcalc"]


def run_once(command):
    """(wall seconds, peak RSS in MiB) of one fresh process."""
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")
    # Measure as installed: pip writes bytecode at install time, so let the warm-up run
    # write it too (this machine's environment may say not to).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{process.stderr.read().decode()}")
    return wall, usage.ru_maxrss / 1024


def measure(command, runs):
    run_once(command)  # warm-up: bytecode and the disk cache, as for any installed tool
    results = [run_once(command) for _ in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def summarize(spec, runs):
    return measure([*convcalc_command(), "summarize", str(spec)], runs)


def keras_time(code, runs):
    return measure([sys.executable, "-c", code], max(3, runs // 2))[0]


def from_config_code(config):
    """A Keras program that builds the model of a config file and prints its summary."""
    return f"import keras\nkeras.models.model_from_json(open({str(config)!r}).read()).summary()\n"


def application_config(name, folder):
    """tests/applications/NAME.json.gz unpacked into `folder`; written by Keras when missing."""
    path = folder / f"{name.lower()}.json"
    packed = APPLICATIONS / f"{name.lower()}.json.gz"
    if packed.exists():
        path.write_bytes(gzip.decompress(packed.read_bytes()))
    else:
        print(f"({packed.relative_to(ROOT)} is missing: Keras writes {name}'s config)", file=sys.stderr)
        code = f"import keras\nopen({str(path)!r}, 'w').write(keras.applications.{name}(weights=None).to_json())"
        run_once([sys.executable, "-c", code])
    return path


# -- the rows -------------------------------------------------------------------------------
class Rows:
    """The table's rows: (model, layers, convcalc, Keras, ratio, ms/layer, peak, goal, met)."""

    def __init__(self):
        self.rows, self.all_met = [], True

    def add(self, model, layers, seconds, mib, goal, met, keras=None):
        self.all_met &= met
        self.rows.append((
            model, f"{layers:,}" if layers else "", f"{seconds * 1000:,.0f} ms",
            f"{keras * 1000:,.0f} ms" if keras else "", f"1/{keras / seconds:.1f}" if keras else "",
            f"{seconds * 1000 / layers:.3f}" if layers else "", f"{mib:.1f} MiB", goal, "met" if met else "MISSED",
        ))

    def print(self):
        from rich.console import Console
        from rich.table import Table

        table = Table(title="convcalc summarize (fresh processes, median wall time)")
        for column in ("model", "layers", "convcalc", "Keras", "ratio", "ms/layer", "peak", "goal", "met"):
            table.add_column(column, justify="left" if column in ("model", "goal") else "right")
        for row in self.rows:
            table.add_row(*row)
        console = Console()
        console.width = max(console.width, 132)  # one line a row, in a log file too
        console.print(table)


def against_keras(rows, label, spec, keras_code, ratio, runs, memory=None):
    ours, mib = summarize(spec, runs)
    if keras_code is None:
        rows.add(label, None, ours, mib, "(Keras not run)", True)
        return
    theirs = keras_time(keras_code, runs)
    goal = f"≤ 1/{ratio} of Keras's time" + (f", ≤ {memory} MiB" if memory else "")
    rows.add(label, None, ours, mib, goal, ours <= theirs / ratio and (memory is None or mib <= memory), theirs)


def generated(rows, kind, make, folder, runs):
    times = {}
    for size in SIZES:
        spec = folder / f"{kind.lower()}-{size}.yaml"
        spec.write_text(make(size))
        times[size], mib = summarize(spec, runs if size < SIZES[-1] else max(1, runs // 2))
        goals, met = [], True
        label, seconds, memory = GOALS.get((kind, size), (None, None, None))
        if label:
            goals.append(label)
            met &= (seconds is None or times[size] < seconds) and (memory is None or mib <= memory)
        if size == SIZES[-1]:
            small, large = (marginal(times, a, b) for a, b in zip(SIZES, SIZES[1:]))
            goals.append(f"linear: {large * 1000:.3f} ms/layer added ≤ {LINEARITY} × {small * 1000:.3f} (1k→10k)")
            met &= large <= LINEARITY * small
        goal = "; ".join(goals)
        rows.add(f"{kind} spec", size, times[size], mib, goal, met)


def marginal(times, smaller, larger):
    """Seconds per layer added from `smaller` to `larger` layers."""
    return (times[larger] - times[smaller]) / (larger - smaller)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per command (median taken)")
    parser.add_argument("--no-keras", action="store_true", help="time convcalc only (no Keras side)")
    parser.add_argument("--no-memory", action="store_true", help="leave out scripts/benchmark_memory.py")
    args = parser.parse_args()
    keras = not args.no_keras

    rows = Rows()
    with tempfile.TemporaryDirectory(prefix="convcalc-benchmark-") as temp:
        folder = pathlib.Path(temp)
        lecture = (ROOT / "tests" / "code" / "lecture-example-2.py").read_text() if keras else None
        against_keras(rows, "lecture example 2", ROOT / "specs" / "lecture-example-2.yaml", lecture, 40, args.runs,
                      memory=60)
        resnet = application_config("ResNet50", folder)
        against_keras(rows, "ResNet50 config", resnet, from_config_code(resnet) if keras else None, 10, args.runs)
        nasnet, mib = summarize(application_config("NASNetLarge", folder), args.runs)
        rows.add("NASNetLarge config", 1_041, nasnet, mib, "< 1 s", nasnet < 1)
        for kind, make in GENERATED.items():
            generated(rows, kind, make, folder, args.runs)
    rows.print()
    memory_met = True
    if keras and not args.no_memory:  # the training-memory estimate (needs the [torch] extra)
        memory_met = subprocess.run([sys.executable, str(ROOT / "scripts" / "benchmark_memory.py")]).returncode == 0
    return 0 if rows.all_met and memory_met else 1


if __name__ == "__main__":
    sys.exit(main())
