"""CSV of the summary, for spreadsheets: one row per listed layer, then one `(total)` row
per model. Figures are plain integers (those of `--format json`); `depth` > 0 marks a
nested model's layer (--expand-nested), already counted in its model's row;
`connected_to` is filled for functional models, as in the JSON."""

from __future__ import annotations

import csv
import io

COLUMNS = ["model", "layer", "class_name", "depth", "output_shape", "params",
           "trainable_params", "non_trainable_params", "connected_to"]
TOTAL = "(total)"


def render(summaries, table, line_length=None, show_trainable=False):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    extra = list(dict.fromkeys(c for s in summaries for c in s.columns))  # --columns, after the others
    writer.writerow(COLUMNS + extra)
    for summary in summaries:
        for row in summary.rows:
            shape = table.text_cells(row, summary)[1]  # as the style's table writes it
            connected = ", ".join(str(reference) for reference in row.connected_to
                                  if summary.api == "functional")  # as the JSON's connected_to
            writer.writerow([summary.model_name, row.name, row.class_name, row.depth, shape, row.params,
                             row.trainable_params, row.non_trainable_params, connected]
                            + [_extra(row, c) for c in extra])
        writer.writerow([summary.model_name, TOTAL, "", "", "", summary.total.params,
                         summary.trainable.params, summary.non_trainable.params, ""]
                        + [summary.column_totals.get(c, ("", None))[0] for c in extra])
    return out.getvalue()


def _extra(row, column):
    """A --columns value: integers plain (MACs, FLOPs, bytes), the rest as the table writes them."""
    value = row.extra.get(column)
    if column in ("macs", "flops", "activation_memory", "memory"):
        return "" if value is None else value
    from convcalc.render.extra_columns import cell_text

    return cell_text(column, value) if column in row.extra else ""
