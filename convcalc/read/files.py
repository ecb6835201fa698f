"""Reading a model file's bytes, with convcalc's messages for what can go wrong."""

from __future__ import annotations

import ast
import contextlib
import sys

from convcalc.errors import SpecError


class InlineSource:
    """A model (or answers) given as text rather than as a file: the Python API's source
    string or dict (convcalc/sources.py). Messages name it `name`; its suffix picks the
    reader as a file's would; read_bytes returns its text."""

    def __init__(self, text, name, suffix, has_lines=True):
        self.data = text.encode("utf-8")
        self.name = name  # as messages write it: "<string>", "<cell>"
        self.suffix = suffix  # ".yaml" or ".py"
        self.has_lines = has_lines  # False: text convcalc wrote (from a dict), whose lines mean nothing

    def __fspath__(self):
        return self.name + self.suffix

    def __str__(self):
        return self.name


def read_bytes(path, source, kind, limit=None):
    """The file's bytes; `kind` names it in messages ("spec file", "model config", ...);
    a file over `limit` bytes is refused without being read whole; `-` is standard input."""
    if isinstance(path, InlineSource):
        if limit is not None and len(path.data) > limit:
            raise SpecError(f"the {kind} is larger than {limit // 2**20} MiB", file=source)
        return path.data
    try:
        with open(path, "rb") if str(path) != "-" else contextlib.nullcontext(sys.stdin.buffer) as file:
            data = file.read() if limit is None else file.read(limit + 1)
    except FileNotFoundError:
        raise SpecError("no such file", file=source) from None
    except IsADirectoryError:
        raise SpecError(f"is a directory, not a {kind}", file=source) from None
    except OSError as error:
        raise SpecError(f"cannot read the file: {error.strerror or error}", file=source) from None
    if limit is not None and len(data) > limit:
        raise SpecError(f"the {kind} is larger than {limit // 2**20} MiB", file=source)
    return data


def parse_python(text, source, first_line=1):
    """The ast of Python code (never run) whose first line is line `first_line` of
    `source`, or convcalc's message for the syntax error."""
    try:
        return ast.parse(text, filename=source)
    except SyntaxError as error:
        column = f" (column {error.offset})" if error.offset else ""
        line = None if error.lineno is None else error.lineno + first_line - 1
        raise SpecError(f"invalid Python{column}: {error.msg}", file=source, line=line) from None
    except (ValueError, RecursionError, MemoryError) as error:
        raise SpecError(f"invalid Python: {error}", file=source) from None
