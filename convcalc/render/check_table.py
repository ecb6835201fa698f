"""`convcalc check`'s report for people: per spec a table of convcalc's and Keras's
figures with ✓/✗ per field, then a verdict line; a final line for all specs."""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from convcalc.oracle.check import SpecCheck

AGREE, DIFFER = Text("✓", style="green"), Text("✗", style="bold red")
# Fields the table has a column for; any other disagreement is listed under it.
IN_TABLE = {"output_shapes", "params", "trainable_params", "non_trainable_params", "total_params"}
# (output shapes, params, trainable, non-trainable) of a layer's row, and of the totals
LAYER_KEYS = ("output_shapes", "params", "trainable_params", "non_trainable_params")
TOTAL_KEYS = (None, "total_params", "trainable_params", "non_trainable_params")


def _mark(same):
    return AGREE if same else DIFFER


def _shapes(shapes):
    text = ", ".join("(" + ", ".join(map(str, shape)) + ("," if len(shape) == 1 else "") + ")" for shape in shapes)
    return text if len(shapes) == 1 else f"[{text}]"


def _count(n):
    return f"{n:,}"


def _field_rows(ours, theirs, keys):
    """(field, convcalc's text, Keras's text, same) for the figures of a layer (keys:
    its output shapes and param counts) or the model (keys: its totals). Trainable and
    non-trainable counts get rows of their own only where something is non-trainable,
    or where they differ."""
    shapes, params, trainable, frozen = keys
    rows = []
    if shapes:
        rows.append(("output shape", _shapes(ours[shapes]), _shapes(theirs[shapes]), ours[shapes] == theirs[shapes]))
    rows.append(("params", _count(ours[params]), _count(theirs[params]), ours[params] == theirs[params]))
    split = ours[frozen] or theirs[frozen] or ours[trainable] != theirs[trainable]
    for label, key in (("trainable", trainable), ("non-trainable", frozen)) if split else ():
        rows.append((label, _count(ours[key]), _count(theirs[key]), ours[key] == theirs[key]))
    return rows


def _add_rows(table, labels, rows):
    """One row per field; the first column shows the labels (name, then type)."""
    for i, (field, mine, keras, same) in enumerate(rows):
        label = labels[i] if i < len(labels) else ""
        style = "" if same else "red"
        table.add_row(label, field, Text(mine, style=style), Text(keras, style=style), _mark(same))


def figures_table(result: SpecCheck):
    """Layer, field, convcalc's figure, Keras's, ✓/✗: one row per field of each layer."""
    table = Table(title=Text(result.spec), title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("Layer (type)", overflow="fold")
    table.add_column("Field")
    table.add_column("convcalc", overflow="fold")
    table.add_column("Keras", overflow="fold")
    table.add_column("", justify="center")
    ours, theirs = result.convcalc, result.keras
    for mine, keras_row in zip(ours["layers"], theirs["layers"]):
        labels = [Text(mine["name"]), Text(f"({mine['class_name']})", style="dim")]
        _add_rows(table, labels, _field_rows(mine, keras_row, LAYER_KEYS))
    table.add_section()
    _add_rows(table, [Text("Total", style="bold")], _field_rows(ours, theirs, TOTAL_KEYS))
    return table


def _other_disagreements(result: SpecCheck):
    """Disagreements the table has no column for: names, classes, connections, layers
    one side lacks, the model's name."""
    for d in result.disagreements:
        if d.field not in IN_TABLE:
            where = d.name if d.name is not None else "model"
            yield Text.assemble(DIFFER, f" {where}: {d.field}: convcalc {d.convcalc!r}, Keras {d.keras!r}")


def _refusals(result: SpecCheck):
    for side, message in (("convcalc", result.convcalc_error), ("Keras", result.keras_error)):
        text = message if message is not None else "accepts the spec"
        yield Text.assemble((f"  {side}: ", "bold"), text)


def verdict(result: SpecCheck):
    spec = result.spec
    if result.convcalc_error and result.keras_error:
        return Text.assemble(AGREE, f" {spec}: convcalc and Keras both refuse it")
    if result.refused:
        who = "Keras refuses what convcalc accepts" if result.keras_error else "convcalc refuses what Keras accepts"
        return Text.assemble(DIFFER, f" {spec}: {who}")
    layers = len(result.convcalc["layers"])
    if result.agree:
        return Text.assemble(AGREE, f" {spec}: convcalc agrees with Keras on all {layers} layers and the totals")
    fields = sorted({f"{d.name or 'model'}: {d.field}" for d in result.disagreements})
    count = len(result.disagreements)
    return Text.assemble(DIFFER, f" {spec}: {count} disagreement{'s' * (count != 1)} with Keras ({'; '.join(fields)})")


def final_line(results, backend):
    differ = sum(not r.agree for r in results)
    n = len(results)
    specs = f"{n} spec{'s' * (n != 1)}"
    if not differ:
        return Text.assemble(AGREE, f" all {specs} agree with Keras ({backend} backend)", style="bold")
    verb = "disagrees" if differ == 1 else "disagree"
    return Text.assemble(DIFFER, f" {differ} of {specs} {verb} with Keras ({backend} backend)", style="bold")


def print_check(console: Console, result: SpecCheck):
    """One spec: its table (or both sides' refusals), what else differs, its verdict."""
    if result.refused:
        console.print(Text(result.spec, style="italic"))
        for line in _refusals(result):
            console.print(line)
    else:
        console.print(figures_table(result))
        for line in _other_disagreements(result):
            console.print(line)
    console.print(verdict(result))
    console.print()


def progress(items, description="checking against Keras", few=3, console=None):
    """The items, with a progress bar on the terminal's stderr when there are more than
    a few (never on a pipe or a file: scripts read stdout, and logs need no bar)."""
    from rich.progress import track

    console = console or Console(stderr=True)
    if len(items) <= few or not console.is_terminal:
        return items
    return track(items, description=description, console=console, transient=True)
