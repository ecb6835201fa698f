"""Renderers: one module per output format, each taking a Summary.

keras_table (Keras 3's table) and keras2_table (tf-keras 2's layout) are the two table
styles; markdown_out, csv_out, html_out and svg_out write reports of either style."""

from __future__ import annotations

import importlib

STYLES = {"keras3": "keras_table", "keras2": "keras2_table"}
REPORTS = {"markdown": "markdown_out", "csv": "csv_out", "html": "html_out", "svg": "svg_out"}
SUMMARY_FORMATS = ("table", "json", *REPORTS)  # summarize --format's (and the API's render's)


def table_style(style):
    """The table module of a style: header(), text_cells(), totals_text(), ..."""
    return importlib.import_module(f"convcalc.render.{STYLES[style]}")


def render_report(fmt, summaries, style="keras3", line_length=None, show_trainable=False):
    """The text of a report format (markdown, csv, html, svg) for the summaries."""
    module = importlib.import_module(f"convcalc.render.{REPORTS[fmt]}")
    return module.render(summaries, table_style(style), line_length=line_length, show_trainable=show_trainable)
