"""A quiz spec written as the Keras code a course prints: `keras.Sequential([...])` with
its `keras.Input`, or functional code, one line per layer call, each named tensor a
variable of its name.

Covers the spec forms the quiz generator writes (convcalc/quiz/generator.py): a layer
entry with positional arguments, keywords, a nested layer (Bidirectional's), `name`, and
`inputs:` naming one tensor or a list of them; `input:` or named `inputs:`.
"""

from __future__ import annotations

import json

SPEC_KEYS = ("inputs",)  # a layer entry's keys that are the spec's own, not Keras's


def python_value(value):
    """A spec value as Python writes it: lists stand for tuples, strings double-quoted."""
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list):
        items = [python_value(v) for v in value]
        return f"({items[0]},)" if len(items) == 1 else f"({', '.join(items)})"
    if isinstance(value, dict) and _class_key(value):
        return layer_expression(value)
    return repr(value)


def _class_key(entry):
    keys = [key for key in entry if isinstance(key, str) and key[:1].isupper()]
    return keys[0] if len(keys) == 1 else None


def layer_expression(entry):
    """`layers.Conv2D(8, 3, padding="same")` of a spec layer entry."""
    if isinstance(entry, str):
        return f"layers.{entry}()"
    class_name = _class_key(entry)
    value = entry[class_name]
    arguments = []
    if isinstance(value, list):
        arguments += [python_value(v) for v in value]
    elif isinstance(value, dict) and not _class_key(value):
        arguments += [f"{key}={python_value(v)}" for key, v in value.items()]
    elif value is not None:
        arguments.append(python_value(value))
    arguments += [f"{key}={python_value(v)}" for key, v in entry.items()
                  if key != class_name and key not in SPEC_KEYS]
    return f"layers.{class_name}({', '.join(arguments)})"


def keras_code(spec: dict) -> str:
    """The Python file that builds the spec's model with Keras and prints its summary."""
    lines = ["import keras", "from keras import layers", ""]
    if spec.get("api", "functional" if "inputs" in spec else "sequential") == "sequential":
        lines.append("model = keras.Sequential([")
        lines.append(f"    keras.Input(shape={python_value(spec['input'])}),")
        lines += [f"    {layer_expression(entry)}," for entry in spec["layers"]]
        lines.append("])")
    else:
        lines += _functional(spec)
    lines.append("model.summary()")
    return "\n".join(lines) + "\n"


def _functional(spec):
    inputs = spec["inputs"] if "inputs" in spec else {"inputs": spec["input"]}
    lines = []
    for name, shape in inputs.items():
        named = f", name={python_value(name)}" if "inputs" in spec else ""
        lines.append(f"{name} = keras.Input(shape={python_value(shape)}{named})")
    previous = next(iter(inputs))
    for entry in spec["layers"]:
        sources = entry.get("inputs", previous) if isinstance(entry, dict) else previous
        argument = f"[{', '.join(sources)}]" if isinstance(sources, list) else sources
        variable = entry.get("name", "x") if isinstance(entry, dict) else "x"
        lines.append(f"{variable} = {layer_expression(entry)}({argument})")
        previous = variable
    model_inputs = next(iter(inputs)) if len(inputs) == 1 else f"[{', '.join(inputs)}]"
    lines.append(f"model = keras.Model({model_inputs}, {previous})")
    return lines
