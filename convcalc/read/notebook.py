"""A Jupyter notebook (.ipynb) as the Python code its code cells hold, in order, as one
module, for the Python reader (convcalc/read/python/): never run.

What IPython would not run as Python is left out, line for line, so that each line of
the module is a line of a cell (errors name the cell and its line: `nb.ipynb, cell 7,
line 3`, counting every cell, markdown too, from 1):
- markdown and raw cells, and cells of a cell magic whose body is not Python (`%%bash`,
  `%%html`, `%%writefile`, ...; `%%timeit`, whose names are not kept); `%%time`,
  `%%capture` and `%%prun` run the rest of the cell (IPython's magics, IPython/core/magics/);
- line magics (`%matplotlib inline`) and shell lines (`!pip install ...`) become `pass`,
  except `%time STATEMENT`, which runs its statement; `x = !ls` and `x = %magic` are
  IPython's `get_ipython()` calls, values convcalc does not compute;
- help lines (`?obj`, `obj?`, `obj??`) become `pass`, and so do `from __future__`
  imports (IPython takes them in any cell; they change nothing a model is);
as IPython's input transformers do (IPython/core/inputtransformer2.py): only at the start
of a logical line (not inside a string or brackets), after the cell's first indentation
is removed from its lines.

scripts/gen_goldens.py runs the same code (notebook_code) with Keras for the goldens.
"""

from __future__ import annotations

import json
import re

from convcalc.errors import SpecError
from convcalc.read.files import parse_python, read_bytes

NOTEBOOK_SUFFIXES = (".ipynb",)
MAX_NOTEBOOK_BYTES = 32 * 2**20  # outputs (plots) included; its code has the .py limit
# Cell magics that run the rest of the cell as Python in the notebook's namespace
PYTHON_CELL_MAGICS = ("time", "capture", "prun")
_HELP = re.compile(r"\s*(\?\??)?[\w.%*]+(\?\??)?\s*$")
_FUTURE = re.compile(r"from\s+__future__\s+import\s+[\w\s,]+$")
_ASSIGNED_ESCAPE = re.compile(r"(\s*[\w.,\[\]() ]+?)\s*=\s*([!%])(.*)$")


class NotebookSource(str):
    """A notebook's file name, as messages write it, with where each line of its code is:
    errors.SpecError writes `NAME, cell C, line L` for a line of the module."""

    def __new__(cls, name, cells):
        self = super().__new__(cls, name)
        self.cells = cells  # module line - 1 -> (cell number, line in the cell)
        return self

    def __getnewargs__(self):  # copied (a graph's deepcopy) with its cells
        return str(self), self.cells

    def locate(self, line):
        if not isinstance(line, int) or not 1 <= line <= len(self.cells):
            return f"line {line}"
        cell, in_cell = self.cells[line - 1]
        return f"cell {cell}, line {in_cell}"


def read_notebook(path, source, max_code_bytes):
    """(the module's text, its NotebookSource) of a notebook file."""
    data = read_bytes(path, source, "notebook", MAX_NOTEBOOK_BYTES)
    try:
        notebook = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise SpecError(f"cannot decode the notebook: {error}", hint="a notebook is UTF-8 JSON", file=source) from None
    except (json.JSONDecodeError, RecursionError) as error:
        where = f" (line {error.lineno}, column {error.colno})" if isinstance(error, json.JSONDecodeError) else ""
        raise SpecError(f"not a notebook: invalid JSON{where}", hint="save it again from Jupyter", file=source) from None
    text, cells = notebook_code(notebook, source)
    if len(text.encode()) > max_code_bytes:
        raise SpecError(f"the notebook's code is larger than {max_code_bytes // 2**20} MiB", file=source)
    return text, NotebookSource(source, cells)


def notebook_code(notebook, source="notebook"):
    """(the Python code of a notebook's code cells as one module, [(cell, line)] of each of
    its lines): `notebook` is the file's JSON (nbformat 4, or 3's worksheets)."""
    lines, where = [], []
    for number, cell in code_cells(notebook, source):
        code = cell_code(cell, number, source)
        for index, line in enumerate(code):
            lines.append(line)
            where.append((number, index + 1))
        # each cell is compiled on its own, as IPython does: an open bracket ends with its cell
        parse_python("".join(line + "\n" for line in code), NotebookSource(source, where),
                     len(where) - len(code) + 1)
    return "".join(line + "\n" for line in lines), where


def code_cells(notebook, source):
    """(number, cell) of the code cells, numbered among all cells from 1."""
    if not isinstance(notebook, dict) or "nbformat" not in notebook:
        raise SpecError("not a notebook: the JSON has no 'nbformat'", hint="a .ipynb file as Jupyter saves it",
                        file=source)
    version = notebook["nbformat"]
    if version == 3:  # cells in worksheets, code in "input"
        worksheets = notebook.get("worksheets")
        if not isinstance(worksheets, list) or not all(isinstance(w, dict) for w in worksheets):
            raise SpecError("an nbformat 3 notebook needs a list of worksheets", file=source)
        cells = [c for w in worksheets for c in (w.get("cells") if isinstance(w.get("cells"), list) else [])]
    elif version == 4:
        cells = notebook.get("cells")
    else:
        raise SpecError(f"nbformat {version!r}: convcalc reads notebooks of nbformat 4 (and 3)",
                        hint="open and save it in a current Jupyter", file=source)
    if not isinstance(cells, list):
        raise SpecError("the notebook's 'cells' is not a list", file=source)
    language = _language(notebook)
    if language is not None and language.lower() != "python":
        raise SpecError(f"the notebook's language is {language}, not Python: convcalc reads Keras code in Python",
                        file=source)
    found = []
    for number, cell in enumerate(cells, 1):
        if not isinstance(cell, dict) or not isinstance(cell.get("cell_type"), str):
            raise SpecError(f"cell {number} is not a notebook cell (a mapping with a 'cell_type')", file=source)
        if cell["cell_type"] == "code":
            found.append((number, cell))
    return found


def _language(notebook):
    metadata = notebook.get("metadata")
    if not isinstance(metadata, dict):
        return None
    for key in ("kernelspec", "language_info"):
        info = metadata.get(key)
        if isinstance(info, dict) and isinstance(info.get("language" if key == "kernelspec" else "name"), str):
            return info["language" if key == "kernelspec" else "name"]
    return None


def cell_code(cell, number, source):
    """A code cell's lines as IPython runs them (see the module's docstring)."""
    text = cell.get("source", cell.get("input", ""))
    if isinstance(text, list) and all(isinstance(t, str) for t in text):
        text = "".join(text)
    if not isinstance(text, str):
        raise SpecError(f"cell {number}'s source is neither a string nor a list of strings", file=source)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return []
    indent = lines[first][: len(lines[first]) - len(lines[first].lstrip())]
    if indent:  # IPython's leading_indent: the first line's indentation off every line
        lines = [line[len(indent):] if line.startswith(indent) else line for line in lines]
    if lines[first].startswith("%%"):
        magic = lines[first][2:].split(maxsplit=1)[0] if lines[first][2:].strip() else ""
        if magic not in PYTHON_CELL_MAGICS:
            return [""] * len(lines)  # its body is not Python (or its names are not kept)
        lines[first] = ""
    return _escapes_out(lines)


def _escapes_out(lines):
    """Magic, shell and help lines as the Python IPython makes of them (see the module's
    docstring), at the start of logical lines only."""
    result, state = [], _Scanner()
    for line in lines:
        if not state.continued():
            stripped = line.lstrip()
            indent = line[: len(line) - len(stripped)]
            if stripped.startswith("%time "):
                line = indent + stripped[len("%time "):].lstrip()
            elif (stripped[:1] in ("%", "!") or (stripped and _HELP.match(stripped) and "?" in stripped)
                  or _FUTURE.match(line)):  # IPython takes a __future__ import in any cell; one module would not
                result.append(indent + "pass")
                continue
            else:
                assigned = _ASSIGNED_ESCAPE.match(line)
                if assigned:
                    target, escape, rest = assigned.groups()
                    call = "getoutput" if escape == "!" else "run_line_magic"
                    result.append(f"{target} = get_ipython().{call}({rest.strip()!r})")
                    continue
        state.scan(line)
        result.append(line)
    return result


class _Scanner:
    """Whether the next line continues a logical line: open brackets, an open triple-quoted
    string, or a backslash at the end."""

    def __init__(self):
        self.depth, self.quote, self.backslash = 0, None, False

    def continued(self):
        return self.depth > 0 or self.quote is not None or self.backslash

    def scan(self, line):
        i, self.backslash = 0, False
        while i < len(line):
            char = line[i]
            if self.quote is not None:
                if char == "\\":
                    i += 2
                    continue
                if line.startswith(self.quote, i):
                    i += len(self.quote)
                    self.quote = None
                    continue
                i += 1
                continue
            if char == "#":
                break
            if char in "\"'":
                self.quote = line[i:i + 3] if line[i:i + 3] in ('"""', "'''") else char
                i += len(self.quote)
                continue
            if char in "([{":
                self.depth += 1
            elif char in ")]}":
                self.depth = max(self.depth - 1, 0)
            elif char == "\\" and i == len(line) - 1:
                self.backslash = True
            i += 1
        if self.quote in ('"', "'"):  # a one-line string left open: Python's error, not ours
            self.quote = None
