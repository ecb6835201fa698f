"""No import cycles in the convcalc package, between modules or between its folders.

A cycle makes import order matter and hides which layer owns what: the renderers may
use the analysis, `check` and `explain`, never the other way round. Imports are read
from the source with `ast` (lazy ones inside functions too), so an import made only
when a function runs counts like any other; importlib calls with computed names (the
renderer and application tables) cannot be read that way and are not counted.
"""

from __future__ import annotations

import ast
import pathlib

import pytest

PACKAGE = "convcalc"
SOURCE = pathlib.Path(__file__).resolve().parents[1] / PACKAGE


def module_files(root=SOURCE, package=PACKAGE):
    """{module name: path} of every module of the package (a package is its __init__)."""
    modules = {}
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules[".".join((package, *parts))] = path
    return modules


def imported_modules(name, source, modules, is_package=False):
    """The package's modules that `source` (module `name`) imports, anywhere in it.

    `from a.b import c` imports module a.b.c if there is one, else (a name defined in
    it) module a.b; relative imports are resolved from the module's own package."""
    package = name if is_package else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base)
    return {module for module in found if module in modules and module != name}


def import_graph(modules=None):
    """{module: modules it imports} over the whole package."""
    modules = modules or module_files()
    return {
        name: imported_modules(name, path.read_text(), modules, is_package=path.name == "__init__.py")
        for name, path in modules.items()
    }


def folder_graph(graph):
    """The graph between the package's top-level units: a subpackage (convcalc.render)
    or a top-level module (convcalc.oracle.check) stands for every module inside it."""

    def unit(module):
        return ".".join(module.split(".")[:2])

    folders = {unit(module): set() for module in graph}
    for module, targets in graph.items():
        folders[unit(module)].update(unit(t) for t in targets if unit(t) != unit(module))
    return folders


def cycles(graph):
    """(one cycle [a, b, ..., a], all its members) for each group of nodes that reach
    each other (strongly connected components of more than one node, by Tarjan's
    algorithm): the cycle names the problem, the members its whole extent."""
    index, low, stack, on_stack, groups = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(group)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return [(_cycle_through(graph, group), sorted(group)) for group in groups]


def _cycle_through(graph, group):
    """A shortest cycle from the group's first node back to it, inside the group."""
    start = min(group)
    paths, seen = [[start]], {start}
    while paths:
        path = paths.pop(0)
        for target in sorted(graph.get(path[-1], ())):
            if target == start:
                return path + [start]
            if target in group and target not in seen:
                seen.add(target)
                paths.append(path + [target])
    raise AssertionError(f"no cycle in {sorted(group)}")  # a component always has one


def _report(found):
    return "import cycles:\n" + "\n".join(
        f"  {' -> '.join(cycle)}  ({len(members)} reach each other: {', '.join(members)})"
        for cycle, members in found
    )


def test_the_cycle_finder_finds_cycles():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set(), "e": {"a"}, "f": {"f"}}
    assert cycles(graph) == [(["a", "b", "c", "a"], ["a", "b", "c"])]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": set()}) == []
    within = {"a": {"b", "c"}, "b": {"a"}, "c": {"b"}}  # two cycles, one group
    assert cycles(within) == [(["a", "b", "a"], ["a", "b", "c"])]
    folders = folder_graph({"p.x.m": {"p.y"}, "p.y": {"p.x.n"}, "p.x.n": set()})  # acyclic per module
    assert cycles(folders) == [(["p.x", "p.y", "p.x"], ["p.x", "p.y"])]


def test_imports_are_read_wherever_they_are():
    modules = dict.fromkeys(["p", "p.a", "p.a.b", "p.a.c", "p.d"])
    source = (
        "from . import c\n"
        "from .b import name\n"
        "def f():\n"
        "    import p.d\n"
        "    from .. import a\n"
        "    from p.a.b import other\n"
    )
    assert imported_modules("p.a.x", source, modules) == {"p.a.c", "p.a.b", "p.d", "p.a"}
    assert imported_modules("p.a", "from .b import name\nfrom . import c\n", modules, is_package=True) == {"p.a.b", "p.a.c"}
    graph = import_graph()
    assert "convcalc.oracle.check" in graph["convcalc.cli"]  # the real graph is read, lazy imports too
    assert "convcalc.report.summary" in graph["convcalc.render.json_out"]


def test_no_module_import_cycles():
    found = cycles(import_graph())
    if found:
        pytest.fail(_report(found), pytrace=False)


def test_no_folder_import_cycles():
    found = cycles(folder_graph(import_graph()))
    if found:
        pytest.fail(_report(found), pytrace=False)
