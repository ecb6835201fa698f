"""`convcalc grade`: right, wrong, partial and malformed answers files.

The right answers are Keras's own figures (tests/golden/NAME.json, written by
scripts/gen_goldens.py from real Keras); the wrong ones are those figures changed."""

import json
import re

import pytest

from conftest import GOLDEN, ROOT, run_cli

LECTURE2 = ROOT / "specs" / "lecture-example-2.yaml"
GRAPH = ROOT / "tests" / "cases" / "graph-residual-block.yaml"


def keras(spec):
    return json.loads((GOLDEN / f"{spec.stem}.json").read_text())


def yaml_shape(shape):
    return "[" + ", ".join("null" if d is None else str(d) for d in shape) + "]"


def right_answers(spec, by_position=(), fields=("output_shape", "params", "trainable_params", "non_trainable_params")):
    """An answers file with Keras's figures for every layer (some named by position)."""
    data = keras(spec)
    lines = ["layers:"]
    for position, layer in enumerate(data["layers"], 1):
        key = position if position in by_position else layer["name"]
        answers = []
        for field in fields:
            value = yaml_shape(layer["output_shapes"][0]) if field == "output_shape" else layer[field]
            answers.append(f"{field}: {value}")
        lines.append(f"  {key}: {{{', '.join(answers)}}}")
    lines += [f"{key}: {data[key]}" for key in ("total_params", "trainable_params", "non_trainable_params")]
    return "\n".join(lines) + "\n"


def write(tmp_path, text, name="answers.yaml"):
    path = tmp_path / name
    path.write_text(text)
    return path


def grade(*args):
    return run_cli("grade", *args)


@pytest.mark.parametrize("spec", [LECTURE2, GRAPH, ROOT / "specs" / "mnist-convnet.yaml",
                                  ROOT / "tests" / "cases" / "nested-models.yaml"], ids=lambda p: p.stem)
def test_all_right_exits_0(tmp_path, spec):
    answers = write(tmp_path, right_answers(spec, by_position=(2,)))
    result = grade(spec, answers)
    assert result.exit_code == 0, result.output
    count = 4 * len(keras(spec)["layers"]) + 3
    assert f"Score: {count}/{count} (100%)" in result.output
    assert "✗" not in result.output and result.output.count("✓") == count


def test_wrong_answers_exit_1_with_the_right_values(tmp_path):
    data = keras(LECTURE2)
    conv, conv_1 = data["layers"][1], data["layers"][3]
    answers = write(tmp_path, (
        "layers:\n"
        f"  {conv['name']}: {{output_shape: {yaml_shape(conv['output_shapes'][0])}, params: {conv['params']}}}\n"
        f"  {conv_1['name']}: {{params: {conv_1['params'] + 1}}}\n"
        f"total_params: {data['total_params'] - 2}\n"
    ))
    result = grade(LECTURE2, answers)
    assert result.exit_code == 1, result.output
    assert f"✓ {conv['name']} params: {conv['params']}" in result.output
    assert f"✗ {conv_1['name']} params: {conv_1['params'] + 1}, right: {conv_1['params']}" in result.output
    assert f"✗ total_params: {data['total_params'] - 2}, right: {data['total_params']}" in result.output
    assert "Score: 2/4 (50%)" in result.output
    # each wrong answer's derivation (convcalc explain's; a total's: the layers' params added)
    after = result.output.split(f"✗ {conv_1['name']} params")[1].splitlines()[1]
    assert after.startswith("      ") and f"= {conv_1['params']}" in after
    after = result.output.split("✗ total_params")[1].splitlines()[1]
    assert after.strip() == f"the layers' params, added: {conv['params']} + {conv_1['params']} = {data['total_params']}"
    items = json.loads(grade(LECTURE2, answers, "--format", "json").output)["results"][0]["items"]
    assert f"= {conv_1['params']}" in items[2]["derivation"][0]


def test_hints_name_the_wrong_answers_without_their_values(tmp_path):
    data = keras(LECTURE2)
    conv_1 = data["layers"][3]
    answers = write(tmp_path, f"layers:\n  {conv_1['name']}: {{params: {conv_1['params'] + 1}}}\n")
    result = grade(LECTURE2, answers, "--hints")
    assert result.exit_code == 1
    assert f"✗ {conv_1['name']} params: {conv_1['params'] + 1} is wrong" in result.output
    graded = result.output.split("\n", 1)[1]  # past the header line, whose paths may hold any digits
    assert str(conv_1["params"]) not in graded.replace(str(conv_1["params"] + 1), "")
    items = json.loads(grade(LECTURE2, answers, "--hints", "--format", "json").output)["results"][0]["items"]
    assert items[0]["right"] is False and "expected" not in items[0] and "derivation" not in items[0]


def test_partial_answers_are_scored_on_what_is_answered(tmp_path):
    data = keras(GRAPH)
    layer = data["layers"][1]
    answers = write(tmp_path, f"layers:\n  2: {{params: {layer['params']}}}\n")
    result = grade(GRAPH, answers)
    assert result.exit_code == 0, result.output
    assert f"✓ layer 2 ({layer['name']}) params: {layer['params']:,}" in result.output
    assert "Score: 1/1 (100%)" in result.output


def test_answers_as_keras_prints_them(tmp_path):
    """"(None, 8, 8, 5)" and "30,977" as copied from a summary; the batch axis forgotten."""
    data = keras(ROOT / "specs" / "lecture-no-max-pool.yaml")
    dense = data["layers"][-1]
    shape_text = "(" + ", ".join("None" if d is None else str(d) for d in dense["output_shapes"][0]) + ")"
    conv = data["layers"][0]
    answers = write(tmp_path, (
        "layers:\n"
        f"  {dense['name']}:\n    output_shape: \"{shape_text}\"\n    params: \"{dense['params']:,}\"\n"
        f"  {conv['name']}: {{output_shape: {yaml_shape(conv['output_shapes'][0][1:])}}}\n"
    ))
    result = grade(ROOT / "specs" / "lecture-no-max-pool.yaml", answers)
    assert result.exit_code == 1, result.output
    assert f"✓ {dense['name']} output_shape: {shape_text}" in result.output
    assert f"✓ {dense['name']} params: {dense['params']:,}" in result.output
    assert "the batch axis comes first" in result.output


def test_json_schema(tmp_path):
    data = keras(LECTURE2)
    conv_1 = data["layers"][3]
    answers = write(tmp_path, (
        f"layers:\n  {conv_1['name']}: {{params: {conv_1['params'] + 1}, "
        f"output_shape: {yaml_shape(conv_1['output_shapes'][0])}}}\ntotal_params: {data['total_params']}\n"
    ))
    result = grade(LECTURE2, answers, "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["spec"] == str(LECTURE2) and report["model"] == data["model"] and report["hints"] is False
    (file,) = report["results"]
    assert (file["answers"], file["score"], file["out_of"], file["all_right"]) == (str(answers), 2, 3, False)
    wrong, shape, total = file["items"]
    derivation = wrong.pop("derivation")
    assert wrong == {"layer": conv_1["name"], "position": 4, "field": "params", "line": 2,
                     "answer": conv_1["params"] + 1, "right": False, "expected": conv_1["params"],
                     "explanation": None}
    assert isinstance(derivation, list) and all(isinstance(line, str) for line in derivation)
    assert shape["answer"] == shape["expected"] == conv_1["output_shapes"] and shape["right"] is True
    assert total == {"layer": None, "position": None, "field": "total_params", "line": 3,
                     "answer": data["total_params"], "right": True, "expected": data["total_params"]}
    assert report["summary"] == {"files": 1, "all_right": 0, "with_wrong": 1, "errors": 0, "score": 2, "out_of": 3}


def test_keras2_style_grades_tf_keras_names(tmp_path):
    """tf-keras names the input input_1 (read from tf-keras's own golden summary)."""
    name = re.search(r"^ (\w+) \(InputLayer\)", (GOLDEN / "lecture-example-2.keras2.out").read_text(), re.M)[1]
    answers = write(tmp_path, f"layers:\n  {name}: {{params: 0}}\n")
    assert grade(LECTURE2, answers, "--style", "keras2").exit_code == 0
    result = grade(LECTURE2, answers)
    assert result.exit_code == 1 and f"no layer named '{name}'" in result.output


MALFORMED = {  # not an answers file at all: the file is refused
    "bad-yaml": ("layers:\n  conv2d: {params: 50\ntotal_params: 1\n", ":3:", "invalid YAML"),
    "duplicate-key": ("total_params: 1\ntotal_params: 2\n", ":2:", "given twice"),
    "python-tag": ("total_params: !!python/object:os.system 1\n", ":1:", "tag not allowed"),
    "empty": ("# nothing\n", "", "the answers file is empty"),
    "no-answers": ("layers: {}\n", ":1:", "holds no answers"),
    "a-list": ("- conv2d: {params: 50}\n", ":1:", "an answers file is a mapping"),
}


@pytest.mark.parametrize("case", MALFORMED)
def test_malformed_answers_exit_2_with_file_and_line(tmp_path, case):
    text, line, message = MALFORMED[case]
    answers = write(tmp_path, text, f"{case}.yaml")
    result = grade(LECTURE2, answers)
    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"convcalc: error: {answers}{line}")
    assert message in result.output and "Traceback" not in result.output


UNREADABLE = {  # one answer that cannot be read: one ✗ with the reason, the others graded
    "unknown-top-key": ("total_param: 142\n", "✗ total_param: 142\n", "Did you mean 'total_params'?"),
    "unknown-field": ("layers:\n  conv2d:\n    parms: 50\n", "✗ conv2d parms: 50\n", "Did you mean 'params'?"),
    "not-a-number": ("layers:\n  conv2d: {params: fifty}\n", "✗ conv2d params: fifty, right: 50\n",
                     "'fifty' is not a whole number"),
    "a-fraction": ("layers:\n  conv2d: {params: 50.5}\n", "✗ conv2d params: 50.5, right: 50\n", "not a whole number"),
    "bad-shape": ("layers:\n  conv2d: {output_shape: [None, eight]}\n", "✗ conv2d output_shape: ['None', 'eight'], right:",
                  "is not a shape"),
    "no-such-layer": ("layers:\n  conv2dd: {params: 50}\n", "✗ conv2dd params: 50\n", "Did you mean 'conv2d'?"),
    "position-too-far": ("layers:\n  99: {params: 50}\n", "✗ layer 99 params: 50\n", "there is no layer 99"),
    "position-zero": ("layers:\n  0: {params: 50}\n", "✗ layer 0: {'params': 50}\n", "start at 1"),
    "not-a-mapping": ("layers:\n  conv2d: 50\n", "✗ conv2d: 50\n", "give its answers as a mapping"),
    "layers-a-number": ("layers: 5\n", "✗ layers: 5\n", "maps each layer"),
}


@pytest.mark.parametrize("case", UNREADABLE)
def test_an_unreadable_answer_is_one_wrong_answer_with_its_reason(tmp_path, case):
    text, shown, reason = UNREADABLE[case]
    data = keras(LECTURE2)
    answers = write(tmp_path, f"non_trainable_params: {data['non_trainable_params']}\n" + text, f"{case}.yaml")
    result = grade(LECTURE2, answers)
    assert result.exit_code == 1, result.output
    assert "✓ non_trainable_params: 0" in result.output and "Score: 1/2 (50%)" in result.output
    assert shown in result.output and reason in result.output.split(shown)[1]
    items = json.loads(grade(LECTURE2, answers, "--format", "json").output)["results"][0]["items"]
    assert items[1]["right"] is False and items[1]["line"] == len(text.splitlines()) + 1
    assert reason in (items[1].get("problem") or items[1]["explanation"])


LENIENT = [  # spellings of the right answers (the values from Keras's golden figures)
    "output_shape: (None, {s})", "output_shape: [None, {s}]", "output_shape: \"(None, {s})\"",
    "output_shape: [null, {s}]", "output_shape: None, {s}", "Output Shape: (None, {s})", "shape: \"[None, {s}]\"",
    "params: {p}.0", "params: \"{p}\"", "params: \"{pc}\"", "Param #: {p}", "params: {p}e0",
]


# (a shape without brackets is a YAML list inside a flow mapping: not a spelling to read there)
@pytest.mark.parametrize("spelling, style", [(s, style) for s in LENIENT for style in ("block", "flow", "keras-row-name")
                                             if not (style == "flow" and s.startswith("output_shape: None"))])
def test_any_spelling_of_the_right_value_is_right(tmp_path, spelling, style):
    spec = ROOT / "specs" / "lecture-no-max-pool.yaml"
    dense = keras(spec)["layers"][-1]
    key, value = spelling.format(s=", ".join(map(str, dense["output_shapes"][0][1:])), p=dense["params"],
                                 pc=f"{dense['params']:,}").split(": ", 1)
    name = f"{dense['name']} ({dense['class_name']})" if style == "keras-row-name" else dense["name"]
    if style == "flow":
        text = f"layers:\n  {name}: {{\"{key}\": {value}}}\n"
    else:
        text = f"layers:\n  {name}:\n    \"{key}\": {value}\n"
    result = grade(spec, write(tmp_path, text))
    assert result.exit_code == 0, result.output
    assert "Score: 1/1 (100%)" in result.output


def test_several_outputs_as_keras_prints_them(tmp_path):
    spec = ROOT / "tests" / "cases" / "rnn-return-state.yaml"
    layer = next(l for l in keras(spec)["layers"] if len(l["output_shapes"]) > 1)
    text = "[" + ", ".join("(" + ", ".join("None" if d is None else str(d) for d in s) + ")"
                           for s in layer["output_shapes"]) + "]"
    result = grade(spec, write(tmp_path, f"layers:\n  {layer['name']}: {{output_shape: {text}}}\n"))
    assert result.exit_code == 0, result.output


def test_missing_answers_file_and_bad_spec_exit_2(tmp_path):
    assert grade(LECTURE2, tmp_path / "nope.yaml").exit_code == 2
    bad_spec = write(tmp_path, "layers: [Conv2D]\n", "spec.yaml")
    result = grade(bad_spec, write(tmp_path, "total_params: 1\n"))
    assert result.exit_code == 2 and "spec.yaml" in result.output


def test_a_folder_of_answers_one_line_per_file_and_a_summary(tmp_path):
    data = keras(LECTURE2)
    folder = tmp_path / "homework"
    folder.mkdir()
    write(folder, right_answers(LECTURE2), "alice.yaml")
    write(folder, f"total_params: {data['total_params'] + 1}\nlayers:\n  2: {{params: {data['layers'][1]['params']}}}\n",
          "bob.yml")
    (folder / "notes.txt").write_text("not an answers file")
    result = grade(LECTURE2, folder)
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    count = 4 * len(data["layers"]) + 3
    assert re.search(rf"alice\.yaml\s+{count}/{count}\s+100%$", lines[1])
    assert re.search(r"bob\.yml\s+1/2\s+50%\s+✗ total_params$", lines[2])
    assert lines[-1] == f"2 answer files: 1 all right, 1 with wrong answers, 0 not graded; " \
                        f"{count + 1} of {count + 2} answers right ({round(100 * (count + 1) / (count + 2))}%)"

    write(folder, "[oops]\n", "carol.yaml")
    result = grade(LECTURE2, folder, "--format", "json")
    assert result.exit_code == 2
    report = json.loads(result.output)
    assert [r["answers"].rsplit("/", 1)[1] for r in report["results"]] == ["alice.yaml", "bob.yml", "carol.yaml"]
    assert report["results"][2]["error"].startswith(f"{folder / 'carol.yaml'}:1:")
    assert report["summary"] == {"files": 3, "all_right": 1, "with_wrong": 1, "errors": 1,
                                 "score": count + 1, "out_of": count + 2}
    text = grade(LECTURE2, folder).output
    assert re.search(r"carol\.yaml\s+error: .*carol\.yaml:1:", text)


def test_several_answers_files_and_an_empty_folder(tmp_path):
    a = write(tmp_path, right_answers(LECTURE2), "a.yaml")
    b = write(tmp_path, right_answers(LECTURE2, by_position=(1, 3)), "b.yaml")
    result = grade(LECTURE2, a, b)
    assert result.exit_code == 0 and "2 answer files: 2 all right" in result.output
    empty = tmp_path / "empty"
    empty.mkdir()
    result = grade(LECTURE2, empty)
    assert result.exit_code == 2 and "holds no answers files" in result.output
