"""Training memory: convcalc's estimate (`summarize --memory`) against the peak memory one
real training step allocates, on Keras's torch backend on CPU.

For each model and batch size, a fresh process (KERAS_BACKEND=torch) builds the model
with Keras from the same spec (convcalc.oracle.keras_reference.build_model), compiles it
with the row's optimizer (Adam unless the row names one; the same text convcalc gets as
--optimizer) and mse, runs one training step (train_on_batch: it builds the optimizer's
slots), then profiles a second step with torch.profiler (profile_memory=True). The
measured peak is what is resident when the step starts (the model's variables and the
optimizer's variables, each tensor's own bytes; the step's zero_grad has freed the
previous gradients, and its new ones are the step's allocations) plus
the highest running sum of the bytes the step allocates and frees, in time order (the
profiler's [memory] events). Printed: both peaks and their ratio (goal: within 1.5×
either way) and, per model, the growth from the smallest to the largest batch of each
side (goal: the estimate grows as the measure does, within 1.5×).

Run: python scripts/benchmark_memory.py   (needs the [torch] extra: Keras and torch)
     python scripts/benchmark_memory.py --models SGD,RMSprop   (only the rows whose name has one)
     python scripts/benchmark_memory.py --measure SPEC BATCH [POLICY] [--optimizer X]   (one measure, as JSON)
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

GOAL = 1.5
BATCHES = (16, 64, 256)
MNIST = ROOT / "specs" / "mnist-convnet.yaml"
MLP = ("input: [784]\nlayers:\n  - Dense: 512\n    activation: relu\n"
       "  - Dense: 512\n    activation: relu\n  - Dense: 10\n    activation: softmax\n")


def row(spec, policy=None, optimizer="adam"):
    """A model row: a spec text (or a spec file of the repository), built under a global
    dtype policy (keras.config.set_dtype_policy; summarize --dtype) if given, compiled
    with `optimizer` (--optimizer's syntax)."""
    return spec, policy, optimizer


MODELS = {
    "MNIST convnet": row(MNIST),
    "lecture, no max pool": row(ROOT / "specs" / "lecture-no-max-pool.yaml"),
    "MLP 784-512-512-10": row(MLP),
    "conv + BatchNorm": row("input: [32, 32, 3]\nlayers:\n  - Conv2D: [32, 3]\n    padding: same\n"
                            "  - BatchNormalization\n  - Activation: relu\n  - MaxPooling2D\n"
                            "  - Conv2D: [64, 3]\n    padding: same\n  - BatchNormalization\n  - Activation: relu\n"
                            "  - GlobalAveragePooling2D\n  - Dense: 10\n"),
    "residual block": row(ROOT / "tests" / "cases" / "graph-residual-block.yaml"),
    "transformer encoder": row(ROOT / "tests" / "cases" / "transformer-encoder.yaml"),
    "LSTM 64 on 50 steps": row("input: [50, 16]\nlayers:\n  - LSTM: 64\n  - Dense: 1\n"),
    "GRU 32 on 40 steps": row("input: [40, 8]\nlayers:\n  - GRU: 32\n  - Dense: 4\n"),
    "MNIST convnet, mixed_bfloat16": row(MNIST, "mixed_bfloat16"),
    "MLP, mixed_bfloat16": row(MLP.replace("\n    activation: softmax", ""), "mixed_bfloat16"),
    # other optimizers: the MLP's peak is its update's (weights, slots, temporaries), the
    # convnet's its activations'
    "MNIST convnet, SGD(momentum=0.9)": row(MNIST, optimizer="SGD(momentum=0.9)"),
    "MNIST convnet, RMSprop": row(MNIST, optimizer="rmsprop"),
    "MNIST convnet, AdamW": row(MNIST, optimizer="adamw"),
    "MLP, SGD": row(MLP, optimizer="sgd"),
    "MLP, SGD(momentum=0.9)": row(MLP, optimizer="SGD(momentum=0.9)"),
    "MLP, RMSprop": row(MLP, optimizer="rmsprop"),
    "MLP, AdamW": row(MLP, optimizer="adamw"),
    "MLP, Nadam": row(MLP, optimizer="nadam"),
    "MLP, Adagrad": row(MLP, optimizer="adagrad"),
    "MLP, Lion": row(MLP, optimizer="Lion()"),
    "MLP, Adafactor": row(MLP, optimizer="adafactor"),
    "MLP, Adam(use_ema=True)": row(MLP, optimizer="Adam(use_ema=True)"),
}


# -- the measure, in a process of its own (KERAS_BACKEND=torch) -------------------------
def measure(spec, batch, policy=None, optimizer="adam"):
    """{"peak": bytes} of one training step (the second) of the spec's model at `batch`,
    compiled with `optimizer`."""
    import numpy as np
    import keras
    import torch
    from torch.profiler import ProfilerActivity, profile

    from gen_training_goldens import keras_optimizer  # this script's texts only, as that one's

    from convcalc.oracle.keras_reference import build_model
    from convcalc.read import read_model

    model = build_model(read_model(spec), keras, policy)
    model.compile(optimizer=keras_optimizer(keras, optimizer), loss="mse")
    rng = np.random.default_rng(0)
    x = [rng.random((batch, *t.shape[1:]), dtype="float32") for t in model.inputs]
    y = [rng.random((batch, *t.shape[1:]), dtype="float32") for t in model.outputs]
    x, y = (x[0] if len(x) == 1 else x), (y[0] if len(y) == 1 else y)
    model.train_on_batch(x, y)  # the first step builds the optimizer's variables

    def nbytes(tensors):
        return sum(t.numel() * t.element_size() for t in tensors if t is not None)

    # The step starts with zero_grad (keras/src/backend/torch/trainer.py train_step), which
    # frees the previous step's gradients; the profiler records no free of a tensor made
    # before it started, so they are freed here first, or they would count twice: as
    # resident, and again as the step's new gradients.
    model.zero_grad()
    resident = nbytes([v.value for v in model.variables] + [v.value for v in model.optimizer.variables])
    with profile(activities=[ProfilerActivity.CPU], profile_memory=True) as profiler:
        model.train_on_batch(x, y)
    with tempfile.TemporaryDirectory() as folder:
        trace = pathlib.Path(folder) / "trace.json"
        profiler.export_chrome_trace(str(trace))
        events = json.loads(trace.read_text())["traceEvents"]
    memory = sorted((e for e in events if e.get("name") == "[memory]"), key=lambda e: e["ts"])
    running = highest = 0
    for event in memory:
        running += event["args"]["Bytes"]
        highest = max(highest, running)
    del torch
    return {"peak": resident + highest, "resident": resident}


def measured(spec, batch, policy=None, optimizer="adam"):
    env = dict(os.environ, KERAS_BACKEND="torch", TF_CPP_MIN_LOG_LEVEL="3")
    command = [sys.executable, __file__, "--measure", str(spec), str(batch), *([policy] if policy else []),
               "--optimizer", optimizer]
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(f"measuring {spec} at batch {batch} failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])["peak"]


def estimated(spec, batch, policy=None, optimizer="adam"):
    from click.testing import CliRunner

    from convcalc.cli import main

    result = CliRunner().invoke(main, ["summarize", str(spec), "--batch-size", str(batch), "--format", "json",
                                       "--optimizer", optimizer, *(["--dtype", policy] if policy else [])])
    if result.exit_code:
        raise SystemExit(f"convcalc failed on {spec}:\n{result.output}")
    return json.loads(result.output)["training_memory"]["peak"]


def mib(value):
    return f"{value / 2**20:,.2f} MiB"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--measure", nargs="+", metavar="SPEC BATCH [POLICY]", help=argparse.SUPPRESS)
    parser.add_argument("--optimizer", default="adam", help=argparse.SUPPRESS)  # --measure's
    parser.add_argument("--batches", default=",".join(map(str, BATCHES)), help="batch sizes, comma-separated")
    parser.add_argument("--models", default=None, metavar="TEXT,...",
                        help="only the rows whose name contains one of these (comma-separated)")
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure[0], int(args.measure[1]), *args.measure[2:], optimizer=args.optimizer)))
        return 0
    batches = [int(b) for b in args.batches.split(",")]
    from rich.console import Console
    from rich.table import Table

    table = Table(title="Training memory: convcalc's estimate against one training step (Keras, torch backend, CPU)")
    for column in ("model", "batch", "estimate", "measured", "measured / estimate", "growth (est. / meas.)", "met"):
        table.add_column(column, justify="left" if column == "model" else "right")
    all_met = True
    with tempfile.TemporaryDirectory(prefix="convcalc-memory-") as folder:
        wanted = [text.strip() for text in (args.models or "").split(",") if text.strip()]
        for name, (spec, policy, optimizer) in MODELS.items():
            if wanted and not any(text in name for text in wanted):
                continue
            if isinstance(spec, str):
                path = pathlib.Path(folder) / f"{len(table.rows)}.yaml"
                path.write_text(spec)
                spec = path
            results = [(batch, estimated(spec, batch, policy, optimizer), measured(spec, batch, policy, optimizer))
                       for batch in batches]
            (_, first_estimate, first_measure), (_, last_estimate, last_measure) = results[0], results[-1]
            growth = (last_estimate / first_estimate) / (last_measure / first_measure)
            growth_met = 1 / GOAL <= growth <= GOAL
            for i, (batch, estimate, peak) in enumerate(results):
                ratio = peak / estimate
                met = 1 / GOAL <= ratio <= GOAL and growth_met
                all_met &= met
                growth_text = (f"{last_estimate / first_estimate:.2f} / {last_measure / first_measure:.2f}"
                               if i == len(results) - 1 else "")
                table.add_row(name if i == 0 else "", str(batch), mib(estimate), mib(peak), f"{ratio:.2f}",
                              growth_text, "met" if met else "MISSED")
    console = Console()
    console.width = max(console.width, 120)
    console.print(table)
    print(f"goal: measured / estimate within {GOAL}× either way, and the growth from batch {batches[0]} to "
          f"{batches[-1]} within {GOAL}× of the measured growth")
    return 0 if all_met else 1


if __name__ == "__main__":
    sys.exit(main())
