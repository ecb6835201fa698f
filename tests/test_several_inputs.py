"""Several inputs in one run (issue 12): each gets its output or its message, in order, and
one bad input never hides the others; exit status 2 when any was refused. check: 0 all
agree, 1 some disagree, 2 a spec cannot be read, 3 convcalc failed on one."""

import json

import pytest

from conftest import GOLDEN, ROOT, run_cli, write_spec

LECTURE2 = ROOT / "specs" / "lecture-example-2.yaml"
LECTURE1 = ROOT / "specs" / "lecture-example-1.yaml"
CONFIG = ROOT / "tests" / "configs" / "lecture-example-2.json"
BAD = "input: [4]\nlayers:\n  - Dense: -1\n"


def golden(name):
    return (GOLDEN / name).read_text()


def test_summarize_prints_the_good_specs_and_the_bad_ones_message(tmp_path):
    bad = write_spec(tmp_path, BAD)
    result = run_cli("summarize", LECTURE2, bad, LECTURE1)
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit)
    assert result.stdout == golden("lecture-example-2.cols200.out") + golden("lecture-example-1.cols200.out")
    assert result.stderr == f"convcalc: error: {bad}:3: layer 1 'dense' (Dense): 'units' must be a positive integer; got -1\n"


def test_summarize_json_lists_each_input_in_order_with_its_message(tmp_path):
    bad = write_spec(tmp_path, BAD)
    result = run_cli("summarize", "--format", "json", bad, LECTURE2)
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert data[0] == {"file": str(bad), "error": result.stderr.removeprefix("convcalc: error: ").rstrip("\n")}
    assert data[1] == json.loads(golden("lecture-example-2.json"))


@pytest.mark.parametrize("fmt", ["markdown", "csv", "html", "svg"])
def test_the_report_formats_hold_the_good_specs(tmp_path, fmt):
    bad = write_spec(tmp_path, BAD)
    both = run_cli("summarize", "--format", fmt, LECTURE2, bad)
    assert both.exit_code == 2 and "'units' must be a positive integer" in both.stderr
    assert both.stdout == run_cli("summarize", "--format", fmt, LECTURE2).stdout


def test_explain_explains_the_good_specs(tmp_path):
    bad = write_spec(tmp_path, BAD)
    result = run_cli("explain", bad, LECTURE2, LECTURE1)
    assert result.exit_code == 2 and result.stderr.count("convcalc: error:") == 1
    assert result.stdout == run_cli("explain", LECTURE2, LECTURE1).stdout
    data = json.loads(run_cli("explain", "--format", "json", LECTURE2, bad).stdout)
    assert data[0]["model"] == "functional" and data[1]["file"] == str(bad)


def test_import_writes_each_good_source_as_its_own_document(tmp_path):
    bad = write_spec(tmp_path, BAD, "bad.json")
    result = run_cli("import", CONFIG, bad, CONFIG)
    assert result.exit_code == 2 and "bad.json:1:" in result.stderr
    single = run_cli("import", CONFIG).stdout
    assert result.stdout == single + "---\n" + single
    refused = run_cli("import", CONFIG, CONFIG, "-o", tmp_path / "out.yaml")
    assert refused.exit_code == 2 and "-o writes one spec" in refused.stderr


def test_a_single_bad_input_is_still_one_message_and_no_output(tmp_path):
    for command in (["summarize"], ["summarize", "--format", "json"], ["explain"], ["import"]):
        result = run_cli(*command, write_spec(tmp_path, BAD))
        assert result.exit_code == 2 and result.stdout == "" and result.stderr.count("convcalc: error:") == 1


# -- check: its exit statuses ------------------------------------------------------------

@pytest.fixture(scope="module")
def keras():
    from convcalc.oracle.keras_reference import import_keras

    return import_keras("tensorflow")


def test_check_reports_a_bad_spec_and_checks_the_others(tmp_path, keras):
    bad = write_spec(tmp_path, "layers: [\n")
    result = run_cli("check", "--format", "json", LECTURE2, bad)
    assert result.exit_code == 2, result.output
    data = json.loads(result.stdout)
    assert data["specs"][0]["agree"] is True and data["specs"][1]["agree"] is None
    assert "invalid YAML" in data["specs"][1]["error"] and data["agree"] is False
    assert "invalid YAML" in result.stderr


def test_check_exits_3_when_convcalc_fails_and_checks_the_others(tmp_path, keras, monkeypatch):
    import convcalc.oracle.check as check

    analytic = check.analytic_figures

    def crash_on_dense(graph):
        if any(call.class_name == "Dense" for call in graph.layers):
            raise ZeroDivisionError("a bug")
        return analytic(graph)

    monkeypatch.setattr(check, "analytic_figures", crash_on_dense)
    dense = write_spec(tmp_path, "input: [4]\nlayers:\n  - Dense: 2\n")
    result = run_cli("check", "--format", "json", dense, LECTURE2)
    assert result.exit_code == 3, result.output
    data = json.loads(result.stdout)
    assert data["specs"][0]["convcalc_failed"] is True and data["specs"][1]["agree"] is True
    assert "convcalc: internal error:" in result.stderr and "ZeroDivisionError: a bug" in result.stderr
    assert "Traceback" not in result.output
    table = run_cli("check", dense, LECTURE2, LECTURE1)
    assert table.exit_code == 3 and "all 2 specs agree" in table.stdout
