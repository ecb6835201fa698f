"""Readers: turn a source into a ModelGraph, chosen by the file's suffix.

- .py: Python code that builds a Keras model, read with `ast` and never run
  (convcalc/read/python/); .ipynb: a notebook's code cells, the same (read/notebook.py);
- .json: a Keras model config, as model.to_json() writes it (.json.gz: gzipped); .keras:
  the config.json of a model.save() archive (convcalc/read/keras_config.py);
- anything else: a YAML spec (convcalc/read/yaml_spec.py).
"""

from __future__ import annotations

from convcalc.errors import SpecError
from convcalc.graph import ModelGraph
from convcalc.read.files import source_name, suffix_of

CODE_SUFFIXES = (".py", ".ipynb")
CONFIG_SUFFIXES = (".json", ".keras", ".json.gz")


def read_model(path, *, model=None, naming=None) -> ModelGraph:
    """The graph `path` describes. `model`: which model of a .py file (its variable name;
    default: the last one built); `naming`: the Keras naming scheme the code is run under
    (convcalc/naming.py; default Keras 3), for the names Keras gives as the code runs."""
    suffix = suffix_of(path, CONFIG_SUFFIXES)  # standard input (`-`): what it holds
    if suffix in CODE_SUFFIXES:
        from convcalc.read.python import read_code

        return read_code(path, model=model, naming=naming)
    if model is not None:
        raise SpecError(
            f"--model {model}: picks one of the models a .py file builds (or a .ipynb notebook); this is neither",
            file=source_name(path),
        )
    if suffix in CONFIG_SUFFIXES:
        from convcalc.read.keras_config import read_config

        return read_config(path)
    from convcalc.read.yaml_spec import read_spec

    return read_spec(path)
