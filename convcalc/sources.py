"""A model as the command line and the Python API are given it, read, analyzed and
summarized: one place for both (convcalc/cli.py, convcalc/api.py).

A source is a file's path, or (the API, the notebook magic) a YAML or Python source
string, or a dict in the spec format. Text is read by the same readers as a file, through
read/files.py's InlineSource, so that every check and message is the same.
"""

from __future__ import annotations

import json
import os
import re

from convcalc.errors import SpecError, shown

# The suffixes the readers know (read/__init__.py): a one-line string ending in one is a path
FILE_SUFFIXES = (".yaml", ".yml", ".py", ".ipynb", ".json", ".json.gz", ".keras")
_YAML_KEY_LINE = re.compile(r"[A-Za-z_][\w-]*\s*:(\s|$)")
_PYTHON_KEYWORDS = ("def", "class", "if", "elif", "else", "for", "while", "with", "try", "except", "finally",
                    "lambda", "async", "match", "case")
_SOURCE_KINDS = "a file's path, a YAML or Python source string, or a dict in the spec format"


def readable(source, name="<string>", python=None):
    """What the readers take for `source`: a path as given (`-`: standard input), or an InlineSource holding a
    source string (YAML or Python: `python`, or else guessed, looks_like_python) or a
    dict (written as YAML)."""
    from convcalc.read.files import InlineSource

    if isinstance(source, os.PathLike):
        return source
    if isinstance(source, dict):
        suffix = _json_kind(source)
        if suffix is not None:  # a notebook's JSON, or a model config (model.get_config() as Keras writes it)
            return InlineSource(json.dumps(source), "<dict>", suffix)
        return InlineSource(dict_yaml(source), "<dict>", ".yaml", has_lines=False)
    if not isinstance(source, str):
        raise SpecError(f"a model is given as {_SOURCE_KINDS}; got {type(source).__name__}")
    if source == "-" or "\n" not in source and (os.path.exists(source) or source.lower().endswith(FILE_SUFFIXES)):
        return source
    if source.lstrip()[:1] == "{" and python is None:  # a notebook's or a model config's JSON text
        try:
            suffix = _json_kind(json.loads(source))
        except ValueError:  # not JSON: a YAML flow mapping, say
            suffix = None
        if suffix is not None:
            return InlineSource(source, name, suffix)
    python = looks_like_python(source) if python is None else python
    return InlineSource(source, name, ".py" if python else ".yaml")


def _json_kind(data):
    """".ipynb" for a notebook's JSON, ".json" for a Keras model config, else None (a spec)."""
    if not isinstance(data, dict):
        return None
    if "nbformat" in data:
        return ".ipynb"
    return ".json" if "class_name" in data and "config" in data else None


def looks_like_python(text):
    """Whether a source string is Python rather than YAML: YAML when it reads as a YAML
    mapping (a spec); else Python when it parses as Python; else (neither reads) YAML when
    its first line is a `key:` line, so that its message is the YAML reader's."""
    import ast

    import yaml

    try:
        if isinstance(yaml.safe_load(text), dict):
            return False
    except Exception:  # noqa: BLE001 (not YAML: the readers say why, this only picks one)
        pass
    try:
        ast.parse(text)
        return True
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        pass
    first = next((line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith("#")), "")
    return not (_YAML_KEY_LINE.match(first) and first.split(":")[0].strip() not in _PYTHON_KEYWORDS)


def dict_yaml(data):
    """A spec (or answers) given as a dict (tuples for lists welcome), as the YAML the reader reads."""
    import yaml

    return yaml.safe_dump(_plain(data, "the dict"), sort_keys=False, allow_unicode=True)


def _plain(value, where):
    if isinstance(value, dict):
        for key in value:
            if isinstance(key, bool) or not isinstance(key, (str, int)):
                raise SpecError(f"{where} has a key {shown(key)}: keys are strings (or layer positions)")
        return {key: _plain(item, f"{where}[{key!r}]") for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item, f"{where}[{i}]") for i, item in enumerate(value)]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise SpecError(f"{where} holds {shown(value)}, a {type(value).__name__}",
                    hint="a dict given for a spec (or answers) holds dicts, lists, tuples, strings, numbers, booleans and None only")


def _without_lines(error, source):
    """A dict's error: the lines of the YAML convcalc wrote from it would mislead."""
    if getattr(source, "has_lines", True) is False:
        error.line = None
    return error


def read_source(source, *, model=None, naming=None):
    """The ModelGraph of a source (read/__init__.py's read_model on it)."""
    from convcalc.read import read_model

    path = readable(source)
    try:
        return read_model(path, model=model, naming=naming)
    except SpecError as error:
        raise _without_lines(error, path) from None


def keyword(name, value=None):
    """An option as the Python API spells it: style='keras2'."""
    return name if value is None else f"{name}={value!r}"


def check_summary_options(style="keras3", columns=(), optimizer=None, quantize=None, depth=None,
                          expand_nested=False, memory=None, table=True, spelled=keyword):
    """Refuse the options that cannot go together (the command line's and the API's alike,
    each message naming the options as `spelled` writes them): convcalc's columns and the
    memory block add to Keras 3's table (tf-keras 2's layout has no room for them; its JSON
    does: `table` False); the optimizer state and model.quantize are Keras 3's only; depth
    and expand_nested are two answers to one question."""
    keras2 = spelled("style", "keras2")
    if style == "keras2" and table:
        for name, given in (("columns", columns), ("memory", memory is not None)):
            if given:
                raise SpecError(f"{spelled(name)} adds to Keras 3's table: leave out {keras2} (or ask for JSON)")
    if style == "keras2" and (optimizer or quantize):
        raise SpecError(f"{spelled('optimizer')} and {spelled('quantize')} are Keras 3's: tf-keras 2's model.summary() "
                        f"prints no optimizer state and tf-keras has no model.quantize; leave out {keras2}")
    if depth is not None and expand_nested:
        raise SpecError(f"{spelled('depth')} and {spelled('expand_nested')} both say how deep to list nested models: "
                        f"give one ({spelled('expand_nested')} lists every level)")


def load_summary(source, expand_nested=False, layer_range=None, style="keras3", columns=(), dtype=None,
                 model=None, optimizer=None, quantize=None, depth=None, memory=None, table=True):
    """The summary (report/summary.py) of a source, as `convcalc summarize` prints it
    (`table` False: for its JSON, which has room for what tf-keras 2's table has not)."""
    from convcalc.analysis.engine import analyze, require_built
    from convcalc.layers.base import VARIABLE_BITS
    from convcalc.naming import NAMINGS
    from convcalc.report.summary import summarize

    if style not in NAMINGS:
        raise SpecError(f"style {shown(style)}: the styles are {', '.join(NAMINGS)}")
    if dtype is not None and dtype not in VARIABLE_BITS:
        raise SpecError(f"dtype {shown(dtype)} is not a Keras dtype policy",
                        hint="the policies: " + ", ".join(p for p in VARIABLE_BITS if p))
    check_summary_options(style, columns, optimizer, quantize, depth, expand_nested, memory, table)
    naming = NAMINGS[style]
    path = readable(source)
    try:
        graph = read_source(path, model=model, naming=naming)
        if optimizer is None and style == "keras3":  # the code's fit built one: Keras's summary counts it
            optimizer = graph.optimizer
        analyzed = analyze(graph, naming, dtype_policy=dtype)
        policy = graph.dtype_policy or dtype  # the model's own: the one its code had set, or --dtype
        if style == "keras2":
            require_built(analyzed, "tf-keras 2's model.summary() refuses it ('This model has not yet been built')",
                          hint="summarize it in Keras 3's layout (leave out --style keras2), or give it an input shape")
        if optimizer is not None:  # compile(optimizer=...): as Keras wraps it under mixed_float16
            from convcalc.report.optimizer import compiled, parse_optimizer

            optimizer = compiled(parse_optimizer(optimizer), policy)
        trained = optimizer
        if memory is not None and trained is None:  # the estimate's optimizer without --optimizer: Adam, compiled
            from convcalc.report.memory import DEFAULT_OPTIMIZER
            from convcalc.report.optimizer import compiled, parse_optimizer

            trained = compiled(parse_optimizer(DEFAULT_OPTIMIZER), policy)
        summary = summarize(analyzed, expand_nested=expand_nested, layer_range=layer_range, columns=columns,
                            depth=depth, batch_size=(memory or {}).get("batch_size"), optimizer=optimizer,
                            quantize=quantize, trained_with=trained)
        if memory is not None:  # --memory, --batch-size: the training-memory estimate after the totals
            from convcalc.report.memory import estimate

            summary.memory = estimate(summary, optimizer=trained, **memory)
        return summary
    except SpecError as error:
        raise _without_lines(error, path) from None


def load_explanation(source, layer=None, model=None):
    """`convcalc explain`'s derivations (report/explain/) of a source's layers."""
    from convcalc.analysis.engine import analyze, require_built
    from convcalc.report.explain import explain_model

    from convcalc.read.files import source_name

    path = readable(source)
    hint = "give it an input shape: keras.Input(shape=...) first, or model.build((None, ...))"
    try:
        analyzed = require_built(analyze(read_source(path, model=model)), "its layers have no shapes to derive", hint)
        return explain_model(analyzed, layer)
    except SpecError as error:  # a layer's, the model's: the file is the input's
        raise _without_lines(error.located(file=source_name(path)), path) from None
