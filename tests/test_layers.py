"""The package's layers hold: no import runs up the layer order and no import circle exists.

Layers, lowest first (README, issue 17): ``core`` <- ``data``, ``models`` <- ``analysis`` <- ``response``
<- ``plots`` <- ``course`` <- ``widgets``. A module may import its own layer and the layers below;
``data`` and ``models`` share a level and do not import each other. Every module of ``simulations/``
is parsed with :mod:`ast`: imports at module level *and* inside functions count (a lazy import runs
too, only later); imports under ``if TYPE_CHECKING:`` do not (they never run). The import graph must
have no circle (networkx strongly-connected components), lazy imports included.

The root package ``simulations/__init__.py`` sits at the level of what it imports (it imports
``models.hoax``), and ``simulations.__main__`` (the CLI) above every layer: nothing may import it.
"""

from __future__ import annotations

import ast
import textwrap
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parents[1]

LAYERS: tuple[tuple[str, ...], ...] = (
    ("core",),
    ("data", "models"),
    ("analysis",),
    ("response",),
    ("plots",),
    ("course",),
    ("widgets",),
)
"""The layers, lowest first; the folders of one tuple share a level and do not import each other."""

ALLOWED: frozenset[tuple[str, str]] = frozenset()
"""Import edges (importer, imported) tolerated by both checks; every other violation fails."""


@dataclass(frozen=True)
class Import:
    """One import statement's target, resolved to a module of the package."""

    importer: str
    imported: str
    line: int


def modules(root: Path, package: str) -> dict[str, Path]:
    """Return ``{dotted module name: file}`` for every ``.py`` file of ``root/package``."""
    out = {}
    for path in sorted((root / package).rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _statements(body: Iterable[ast.AST]) -> Iterable[ast.AST]:
    """Yield every node below ``body`` except the bodies of ``if TYPE_CHECKING:`` blocks."""
    for node in body:
        if isinstance(node, ast.If) and _is_type_checking(node):
            yield from _statements(node.orelse)
            continue
        yield node
        yield from _statements(ast.iter_child_nodes(node))


def imports(name: str, path: Path, known: Mapping[str, Path]) -> list[Import]:
    """Return the package-internal imports of module ``name`` (function-level ones included).

    ``from pkg.a import b`` resolves to ``pkg.a.b`` when that is a module, else to ``pkg.a``; a
    relative import is resolved against the module's package; the target is then shortened to the
    nearest known module (``import pkg.a.b.c`` of a name ``c`` in ``pkg.a.b``).
    """
    package = name.split(".")[0]
    is_package = path.name == "__init__.py"
    found = []
    for node in _statements(ast.parse(path.read_text(encoding="utf-8")).body):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".") if is_package else name.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            targets = [
                f"{source}.{a.name}" if f"{source}.{a.name}" in known else source
                for a in node.names
            ]
        for target in targets:
            if target != package and not target.startswith(package + "."):
                continue
            while target not in known and "." in target:
                target = target.rsplit(".", 1)[0]
            if target != name:
                found.append(Import(name, target, node.lineno))
    return found


def import_graph(root: Path, package: str) -> nx.DiGraph:
    """Return the graph of package-internal imports; edges carry the import lines."""
    known = modules(root, package)
    graph = nx.DiGraph()
    graph.add_nodes_from(known)
    for name, path in known.items():
        for imp in imports(name, path, known):
            if graph.has_edge(imp.importer, imp.imported):
                lines = graph.edges[imp.importer, imp.imported]["lines"]
                lines += [] if imp.line in lines else [imp.line]
            else:
                graph.add_edge(imp.importer, imp.imported, lines=[imp.line])
    return graph


def levels(
    graph: nx.DiGraph, package: str, layers: tuple[tuple[str, ...], ...]
) -> dict[str, float]:
    """Return each module's level: its layer's index; the root at what it imports; ``__main__`` top."""
    rank = {folder: i for i, group in enumerate(layers) for folder in group}
    out: dict[str, float] = {}
    for name in graph:
        parts = name.split(".")
        if len(parts) > 1 and parts[1] in rank:
            out[name] = rank[parts[1]]
        elif name == f"{package}.__main__":
            out[name] = float("inf")
    for name in graph:
        if name not in out:  # the root package and loose modules: the level of what they import
            out[name] = max((out.get(t, 0) for t in graph.successors(name)), default=0)
    return out


def upward_imports(
    graph: nx.DiGraph,
    package: str,
    layers: tuple[tuple[str, ...], ...],
    allowed: frozenset[tuple[str, str]] = frozenset(),
) -> list[str]:
    """Return one line per import that runs up the layers or sideways between two layers."""
    level = levels(graph, package, layers)
    layer = {n: n.split(".")[1] if n.count(".") else n for n in graph}
    bad = []
    for a, b, attrs in graph.edges(data=True):
        if (a, b) in allowed:
            continue
        if level[b] > level[a] or (level[b] == level[a] and layer[a] != layer[b]):
            if level[a] == level[b] and (a == package or b == package):
                continue  # the root package shares the level of what it imports
            bad.append(f"{a} -> {b} (line {', '.join(map(str, attrs['lines']))})")
    return sorted(bad)


def import_cycles(
    graph: nx.DiGraph, allowed: frozenset[tuple[str, str]] = frozenset()
) -> list[list[str]]:
    """Return the import circles: strongly-connected components of more than one module."""
    g = graph.copy()
    g.remove_edges_from(allowed)
    cycles = [sorted(c) for c in nx.strongly_connected_components(g) if len(c) > 1]
    return sorted(cycles)


@pytest.fixture(scope="module")
def graph() -> nx.DiGraph:
    return import_graph(ROOT, "simulations")


def test_every_layer_folder_exists(graph):
    folders = {n.split(".")[1] for n in graph if n.count(".")}
    for group in LAYERS:
        for folder in group:
            assert folder in folders, f"layer {folder!r} has no modules"


def test_no_import_runs_up_the_layers(graph):
    assert upward_imports(graph, "simulations", LAYERS, ALLOWED) == []


def test_no_import_circle(graph):
    assert import_cycles(graph, ALLOWED) == []


def test_allowed_exceptions_are_still_needed(graph):
    """An exception that no longer happens must leave ALLOWED, so it cannot come back unseen."""
    stale = [edge for edge in ALLOWED if not graph.has_edge(*edge)]
    assert stale == [], f"remove from ALLOWED in tests/test_layers.py: {stale}"


# ------------------------------------------------------------------------------------ self-test
def _write(root: Path, files: Mapping[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")


TOY_LAYERS = (("low",), ("mid_a", "mid_b"), ("high",))

TOY_CLEAN = {
    "toy/__init__.py": "from toy.low import base\n",
    "toy/__main__.py": "from toy.high import view\n",
    "toy/low/__init__.py": "",
    "toy/low/base.py": """
        from typing import TYPE_CHECKING

        if TYPE_CHECKING:
            from toy.high.view import View  # type-only: never runs
        else:
            pass

        VALUE = 1
    """,
    "toy/mid_a/__init__.py": "",
    "toy/mid_a/calc.py": "from ..low import base\nfrom toy import low\n",
    "toy/mid_b/__init__.py": "",
    "toy/mid_b/other.py": "import toy.low.base\n",
    "toy/high/__init__.py": "",
    "toy/high/view.py": "from toy.mid_a.calc import VALUE\nfrom toy import __version__\n",
}


def test_checker_passes_a_clean_package(tmp_path):
    _write(tmp_path, TOY_CLEAN)
    g = import_graph(tmp_path, "toy")
    assert g.has_edge("toy.mid_a.calc", "toy.low.base")  # relative import resolved
    assert g.has_edge("toy.mid_a.calc", "toy.low")
    assert g.has_edge("toy.mid_b.other", "toy.low.base")
    assert g.has_edge("toy.high.view", "toy.mid_a.calc")  # a name, shortened to its module
    assert not g.has_edge("toy.low.base", "toy.high.view")  # TYPE_CHECKING skipped
    assert upward_imports(g, "toy", TOY_LAYERS) == []
    assert import_cycles(g) == []


def test_checker_catches_an_upward_lazy_import(tmp_path):
    _write(
        tmp_path,
        {
            **TOY_CLEAN,
            "toy/low/base.py": """
                def helper():
                    from toy.high.view import VALUE  # lazy, still upward

                    return VALUE
            """,
        },
    )
    g = import_graph(tmp_path, "toy")
    bad = upward_imports(g, "toy", TOY_LAYERS)
    assert bad == ["toy.low.base -> toy.high.view (line 3)"]
    assert (
        upward_imports(g, "toy", TOY_LAYERS, frozenset({("toy.low.base", "toy.high.view")})) == []
    )


def test_checker_catches_a_sideways_import_and_an_import_of_the_cli(tmp_path):
    _write(
        tmp_path,
        {
            **TOY_CLEAN,
            "toy/mid_b/other.py": "from toy.mid_a import calc\n",
            "toy/high/view.py": "def f():\n    import toy.__main__\n",
        },
    )
    bad = upward_imports(import_graph(tmp_path, "toy"), "toy", TOY_LAYERS)
    assert bad == [
        "toy.high.view -> toy.__main__ (line 2)",
        "toy.mid_b.other -> toy.mid_a.calc (line 1)",
    ]


def test_checker_catches_a_cycle_within_one_layer(tmp_path):
    _write(
        tmp_path,
        {
            **TOY_CLEAN,
            "toy/mid_a/calc.py": "from toy.mid_a import more\n",
            "toy/mid_a/more.py": "def f():\n    from toy.mid_a.calc import x  # lazy: still a circle\n",
        },
    )
    g = import_graph(tmp_path, "toy")
    assert upward_imports(g, "toy", TOY_LAYERS) == []  # same layer: not an upward import
    assert import_cycles(g) == [["toy.mid_a.calc", "toy.mid_a.more"]]
    assert import_cycles(g, frozenset({("toy.mid_a.more", "toy.mid_a.calc")})) == []
