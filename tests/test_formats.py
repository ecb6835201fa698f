"""The report formats (markdown, csv, html, svg) and --layer-range: every figure in them
is the JSON summary's (itself checked against Keras's in test_golden.py)."""

import csv
import html
import io
import json
import re
from collections import defaultdict

import pytest

from conftest import ROOT, run_cli

SPECS = sorted((ROOT / "specs").glob("*.yaml")) + sorted((ROOT / "tests" / "cases").glob("*.yaml"))
SOME = [ROOT / "specs" / "lecture-example-2.yaml", ROOT / "tests" / "cases" / "graph-residual-block.yaml",
        ROOT / "tests" / "cases" / "nested-models.yaml"]


def run(*args):
    result = run_cli("summarize", *args)
    assert result.exit_code == 0, result.output
    return result.output


def summary_json(spec, *options):
    return json.loads(run(spec, "--format", "json", *options))


def keras3_shape(shapes):
    """Keras 3's Output Shape text of a row, from the JSON's output_shapes."""
    texts = ["(" + ", ".join("None" if d is None else str(d) for d in shape) + ")" for shape in shapes]
    return texts[0] if len(texts) == 1 else "[" + ", ".join(texts) + "]"


def markdown_rows(text):
    """{title: [cells of each row]} and the totals lines of a markdown report."""
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    cells = [[c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", row)[1:-1]] for row in rows]
    totals = dict(re.findall(r"^- \*\*(.+?):\*\* (.+)$", text, re.M))
    return cells[0], cells[1:], totals


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
def test_markdown_figures_are_the_json_summary(spec):
    data = summary_json(spec)
    header, rows, totals = markdown_rows(run(spec, "--format", "markdown"))
    assert header[:3] == ["Layer (type)", "Output Shape", "Param #"]
    assert len(rows) == len(data["layers"])
    for cells, layer in zip(rows, data["layers"]):
        assert cells[0] == f"{layer['name']} ({layer['class_name']})"
        assert cells[1] == keras3_shape(layer["output_shapes"])
        assert int(cells[2].replace(",", "")) == layer["params"]
        if "Connected to" in header:
            assert cells[3] == (", ".join(layer["connected_to"]) or "-")
    assert totals["Total params"].split(" (")[0].replace(",", "") == str(data["total_params"])
    assert totals["Trainable params"].split(" (")[0].replace(",", "") == str(data["trainable_params"])
    assert totals["Non-trainable params"].split(" (")[0].replace(",", "") == str(data["non_trainable_params"])


def test_markdown_keras2_style_has_tf_keras_names_and_cells():
    spec = ROOT / "specs" / "lecture-example-2.yaml"
    data = summary_json(spec, "--style", "keras2")
    assert data["model"] == "model" and data["layers"][0]["name"] == "input_1"
    header, rows, totals = markdown_rows(run(spec, "--format", "markdown", "--style", "keras2"))
    assert rows[0][:2] == ["input_1 (InputLayer)", "[(None, 10, 10, 1)]"]  # tf-keras's own cell
    assert [int(r[2]) for r in rows] == [layer["params"] for layer in data["layers"]]
    assert totals["Total params"] == f"{data['total_params']} (568.00 Byte)"


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
def test_csv_figures_are_the_json_summary(spec):
    data = summary_json(spec, "--expand-nested")
    rows = list(csv.DictReader(io.StringIO(run(spec, "--format", "csv", "--expand-nested"))))
    *layers, total = rows
    assert len(layers) == len(data["layers"])
    for row, layer in zip(layers, data["layers"]):
        assert row["model"] == data["model"]
        assert (row["layer"], row["class_name"]) == (layer["name"], layer["class_name"])
        assert row["output_shape"] == keras3_shape(layer["output_shapes"])
        for key in ("params", "trainable_params", "non_trainable_params"):
            assert int(row[key]) == layer[key]
        assert row["connected_to"] == ", ".join(layer.get("connected_to", []))
    assert total["layer"] == "(total)"
    for key in ("total_params", "trainable_params", "non_trainable_params"):
        assert int(total["params" if key == "total_params" else key]) == data[key]


def test_csv_of_several_specs_has_one_total_per_model():
    rows = list(csv.DictReader(io.StringIO(run(*SOME[:2], "--format", "csv"))))
    assert [r["params"] for r in rows if r["layer"] == "(total)"] == ["142", "4704"]


def html_text(page):
    body = re.search(r"<code[^>]*>(.*)</code>", page, re.S)[1]
    return html.unescape(re.sub(r"<[^>]+>", "", body))


@pytest.mark.parametrize("spec", SOME, ids=lambda p: p.stem)
@pytest.mark.parametrize("options", [[], ["--show-trainable", "--expand-nested"]], ids=["plain", "options"])
def test_html_is_richs_export_of_the_same_table(spec, options):
    page = run(spec, "--format", "html", *options)
    assert page.startswith("<!DOCTYPE html>") and "color:" in page  # Keras's colours, as CSS
    assert html_text(page) == run(spec, *options)  # the table convcalc (and Keras) prints


def test_html_keras2_style_is_the_tf_keras_layout():
    spec = SOME[0]
    assert html_text(run(spec, "--format", "html", "--style", "keras2")) == run(spec, "--style", "keras2")


def svg_lines(svg):
    """The text of an SVG export, line by line (its <text> pieces placed by x)."""
    lines = defaultdict(list)
    for x, y, length, text in re.findall(
        r'<text class="[^"]*-r\d+" x="([\d.]+)" y="([\d.]+)" textLength="([\d.]+)"[^>]*>([^<]*)</text>', svg
    ):
        lines[float(y)].append((float(x), float(length), html.unescape(text).replace("\xa0", " ")))
    width = next(length / len(text) for pieces in lines.values() for _, length, text in pieces if text)
    out = []
    for y in sorted(lines):
        line = ""
        for x, _, text in sorted(lines[y]):
            line = line.ljust(round(x / width)) + text
        out.append(line.rstrip())
    return out


@pytest.mark.parametrize("spec", SOME, ids=lambda p: p.stem)
def test_svg_is_richs_export_of_the_same_table(spec):
    svg = run(spec, "--format", "svg")
    assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")
    table = [line.rstrip() for line in run(spec).splitlines()]
    assert svg_lines(svg) == table
    data = summary_json(spec)
    for layer in data["layers"]:
        assert any(f"{layer['name']} (" in line and f" {layer['params']:,} " in line for line in table)


def test_svg_keras2_style():
    svg = run(SOME[0], "--format", "svg", "--style", "keras2")
    assert svg_lines(svg) == [line.rstrip() for line in run(SOME[0], "--style", "keras2").splitlines()]


@pytest.mark.parametrize("fmt", ["markdown", "csv", "html", "svg"])
def test_reports_of_bad_input_exit_2(tmp_path, fmt):
    bad = tmp_path / "bad.yaml"
    bad.write_text("layers:\n  - Conv2D: [5, 3]\n    input_shape: [2, 2, 1]\n")
    result = run_cli("summarize", bad, "--format", fmt)
    assert result.exit_code == 2 and "bad.yaml:2" in result.output


def test_line_too_short_for_a_report_exits_2():
    result = run_cli("summarize", SOME[0], "--format", "html", "--line-length", "8")
    assert result.exit_code == 2 and "too short" in result.output


# -- --layer-range beyond the golden files ----------------------------------------------
def names(spec, *options):
    return [layer["name"] for layer in summary_json(spec, *options)["layers"]]


def test_layer_range_filters_every_format_and_keeps_the_totals():
    spec = SOME[0]
    data = summary_json(spec, "--layer-range", "conv2d_1", "activation_1")
    assert [l["name"] for l in data["layers"]] == ["conv2d_1", "activation_1"]
    assert data["total_params"] == summary_json(spec)["total_params"]
    rows = list(csv.DictReader(io.StringIO(run(spec, "--format", "csv", "--layer-range", "conv2d_1", "activation_1"))))
    assert [r["layer"] for r in rows] == ["conv2d_1", "activation_1", "(total)"]


def test_layer_range_bounds_given_in_reverse_are_swapped_as_keras_does():
    spec = SOME[0]
    assert names(spec, "--layer-range", "activation_1", "conv2d_1") == ["conv2d_1", "activation_1"]


def test_layer_range_bad_regex_exits_2():
    result = run_cli("summarize", SOME[0], "--layer-range", "conv2d(", "dense")
    assert result.exit_code == 2
    assert "not a regular expression" in result.output and "Traceback" not in result.output


def test_layer_range_no_match_lists_the_layers():
    result = run_cli("summarize", SOME[0], "--layer-range", "dense", "conv2d")
    assert result.exit_code == 2
    assert "no layer name matches 'dense'" in result.output and "conv2d_1" in result.output
