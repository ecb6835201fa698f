"""Reading an input's bytes: the one place convcalc opens a file it is given (a spec, an
answers file, a model config, code, a notebook), or reads standard input (`-`).

Every read is capped (a file over its kind's limit is refused before it is read whole),
and only regular files are read: a folder, a device (/dev/zero, /dev/urandom), a fifo or
a socket is refused by name, never read until memory runs out or forever.
"""

from __future__ import annotations

import ast
import io
import os
import re
import stat
import sys
import warnings

from convcalc.errors import SpecError, too_many_digits

STDIN = "-"  # the argument that names standard input
STDIN_SOURCE = "<stdin>"  # how messages name it
MAX_INPUT_BYTES = 64 * 2**20  # any input, standard input included; each reader may cap lower
_stdin = (None, b"")  # (the stream read, its bytes): standard input is read once per stream

# What standard input holds, by its first bytes, as the suffix a file of it would have.
_PYTHON_LINE = re.compile(rb"^(import|from)\s+[\w.]+", re.MULTILINE)


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


def is_stdin(path):
    return str(path) == STDIN


def source_name(path):
    """How messages name an input: its path, or <stdin>."""
    return STDIN_SOURCE if is_stdin(path) else str(path)


def suffix_of(path, suffixes):
    """The suffix that picks an input's reader: the longest of `suffixes` its name ends
    with, else its last suffix; standard input's is that of what it holds (sniff_suffix)."""
    if is_stdin(path):
        return sniff_suffix(_stdin_bytes())
    name = os.path.basename(os.fspath(path)).lower()  # an InlineSource's: its name and suffix
    found = [s for s in suffixes if name.endswith(s)]
    return max(found, key=len) if found else os.path.splitext(name)[1]


def sniff_suffix(data):
    """What an input of no name holds: gzip, a zip archive (.keras), a notebook or a model
    config (JSON), Python code (a line that imports), else a YAML spec."""
    if data.startswith(b"\x1f\x8b"):
        return ".json.gz"
    if data.startswith(b"PK\x03\x04"):
        return ".keras"
    if data.lstrip()[:1] == b"{":
        return ".ipynb" if b'"nbformat"' in data else ".json"
    return ".py" if _PYTHON_LINE.search(data) else ".yaml"


def read_bytes(path, source, kind, limit=MAX_INPUT_BYTES):
    """The input's bytes; `kind` names it in messages ("spec file", "model config", ...);
    an input over `limit` bytes is refused without being read whole."""
    limit = MAX_INPUT_BYTES if limit is None else limit
    if isinstance(path, InlineSource):
        data = path.data
    elif is_stdin(path):
        data = _stdin_bytes()
    else:
        with open_input(path, source, kind, limit) as file:
            try:
                data = file.read(limit + 1)
            except OSError as error:
                raise SpecError(f"cannot read the file: {error.strerror or error}", file=source) from None
    if len(data) > limit:
        raise SpecError(f"the {kind} is larger than {_size(limit)}", file=source)
    return data


def open_input(path, source, kind, limit=MAX_INPUT_BYTES):
    """A regular file opened for reading (binary), or standard input's bytes as one; what
    is not a regular file, or is larger than `limit`, is refused first."""
    if is_stdin(path):
        return io.BytesIO(read_bytes(path, source, kind, limit))
    try:
        status = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        raise SpecError("no such file", file=source) from None
    except (OSError, ValueError) as error:
        raise SpecError(f"cannot read the file: {getattr(error, 'strerror', None) or error}", file=source) from None
    if stat.S_ISDIR(status.st_mode):
        raise SpecError(f"is a directory, not a {kind}", file=source)
    if not stat.S_ISREG(status.st_mode):
        raise SpecError(
            f"is not a regular file (a device, a fifo or a socket), not a {kind}",
            hint="give a file, or `-` to read standard input",
            file=source,
        )
    if status.st_size > limit:
        raise SpecError(f"the {kind} is larger than {_size(limit)}", file=source)
    try:
        return open(path, "rb")
    except OSError as error:
        raise SpecError(f"cannot read the file: {error.strerror or error}", file=source) from None


def _stdin_bytes():
    """Standard input's bytes, at most MAX_INPUT_BYTES + 1 of them, read once."""
    global _stdin
    stream = sys.stdin
    if _stdin[0] is not stream:
        buffer = getattr(stream, "buffer", None)
        try:
            data = buffer.read(MAX_INPUT_BYTES + 1) if buffer is not None else stream.read(MAX_INPUT_BYTES + 1)
        except (OSError, ValueError) as error:  # closed, or not readable
            raise SpecError(f"cannot read standard input: {getattr(error, 'strerror', None) or error}",
                            file=STDIN_SOURCE) from None
        _stdin = (stream, data.encode() if isinstance(data, str) else data)
    return _stdin[1]


def _size(limit):
    return f"{limit // 2**20} MiB" if limit >= 2**20 else f"{limit:,} bytes"


def parse_python(text, source, first_line=1):
    """The ast of Python code (never run) whose first line is line `first_line` of
    `source`, or convcalc's message for the syntax error."""
    try:
        with warnings.catch_warnings():  # the code's own slips ("1if x"): never printed, it is not run
            warnings.simplefilter("ignore", SyntaxWarning)
            return ast.parse(text, filename=source)
    except SyntaxError as error:
        column = f" (column {error.offset})" if error.offset else ""
        line = None if error.lineno is None else error.lineno + first_line - 1
        digits = too_many_digits(error.msg, file=source, line=line)  # a literal of more than 4,300 digits
        if digits is not None:
            raise digits from None
        raise SpecError(f"invalid Python{column}: {error.msg}", file=source, line=line) from None
    except (ValueError, RecursionError, MemoryError) as error:
        digits = too_many_digits(error, text, file=source)
        if digits is not None:
            digits.line = digits.line and digits.line + first_line - 1
            raise digits from None
        raise SpecError(f"invalid Python: {error}", file=source) from None
