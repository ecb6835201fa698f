"""`convcalc summarize`'s options, defined once: the command (cli.py) and the notebook
magic (jupyter.py) parse with these, and `keywords` turns what they parsed into the
Python API's keywords (convcalc.summarize)."""

from __future__ import annotations

import click

from convcalc.render import SUMMARY_FORMATS

OPTIONS = [
    click.option("--format", "fmt", type=click.Choice(SUMMARY_FORMATS),
                 default="table", help="table: what Keras's model.summary() prints; json: for scripts; "
                 "markdown, csv, html, svg: for reports and slides."),
    click.option("--line-length", type=click.IntRange(min=1), default=None,
                 help="Total width of the table, as Keras's line_length."),
    click.option("--show-trainable", is_flag=True, help="Add Keras's Trainable column."),
    click.option("--expand-nested", is_flag=True, help="List nested models' layers, as Keras's expand_nested."),
    click.option("--layer-range", nargs=2, metavar="START END", default=None,
                 help="List the layers from the first whose name matches START to the last that matches END "
                      "(regular expressions), as Keras's layer_range."),
    click.option("--style", type=click.Choice(["keras3", "keras2"]), default="keras3",
                 help="keras3: Keras 3's table; keras2: tf-keras 2's classic layout and names."),
    click.option("--columns", "columns_text", default=None, metavar="NAME,...",
                 help="Add convcalc's own columns after Keras's: macs, flops (2 × MACs), receptive_field, "
                      "activation_memory, kernel, params_percent, input_shape, memory (with --batch-size)."),
    click.option("--dtype", type=click.Choice(["float32", "float16", "bfloat16", "mixed_float16", "mixed_bfloat16"]),
                 default=None, help="The global dtype policy (keras.config.set_dtype_policy): sizes weights "
                 "(and activations) as Keras does under it."),
    click.option("--model", "model_name", metavar="NAME", default=None,
                 help="A .py file (or notebook) that builds several models: the one variable NAME holds (default: the last)."),
    click.option("--optimizer", metavar="OPTIMIZER", default=None,
                 help='Compile with this optimizer and build it, as fit does: adam, "SGD(momentum=0.9)" (read, never '
                      "run); adds Keras's Optimizer params line, and is --memory's optimizer (Adam without it)."),
    click.option("--quantize", type=click.Choice(["int8", "int4", "float8"]), default=None,
                 help="The summary after model.quantize(MODE): quantized weights and scales."),
    click.option("--depth", type=click.IntRange(min=1), default=None, metavar="N",
                 help="List nested models' layers down to N levels (torchinfo's depth: 1 is the model's own "
                      "layers), indented as Keras's expand_nested."),
    click.option("--memory", "memory_flag", is_flag=True,
                 help="Add an estimate of the memory one training step takes (weights, gradients, optimizer state, "
                      "activations, inputs), after the totals."),
    click.option("--batch-size", type=click.IntRange(min=1), default=None, metavar="N",
                 help="The batch size of --memory (and --columns memory); implies --memory. Default: the model's "
                      "own batch size, else 32 (Keras's fit default)."),
]


def summary_options(command):
    """Decorate a click command with summarize's options, in their --help order."""
    for option in reversed(OPTIONS):
        command = option(command)
    return command


def keywords(params):
    """convcalc.summarize's keywords for what summary_options parsed."""
    return {"style": params["style"], "line_length": params["line_length"],
            "show_trainable": params["show_trainable"], "expand_nested": params["expand_nested"],
            "layer_range": params["layer_range"], "columns": params["columns_text"] or (),
            "dtype": params["dtype"], "model": params["model_name"], "optimizer": params["optimizer"],
            "quantize": params["quantize"], "depth": params["depth"], "memory": params["memory_flag"],
            "batch_size": params["batch_size"]}
