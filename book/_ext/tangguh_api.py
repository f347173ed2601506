"""The handbook's API reference: one page per layer, every module of the layer, from its docstrings.

Loaded as a Sphinx extension by the handbook build (``book/_config.yml``,
``sphinx.local_extensions``), next to ``sphinx.ext.autodoc``, ``sphinx.ext.napoleon`` (Google-style
docstrings) and ``sphinx.ext.autosummary``. A layer page (``book/api/core.md`` …) holds one block::

    ```{api-modules} simulations.core
    ```

which this extension replaces, when Sphinx reads the page (``source-read``), by an autosummary
table of the package and its modules (the first line of each docstring), then one section per
module holding ``.. automodule::`` with the members (``autodoc_default_options``). autodoc emits
reStructuredText, so the generated blocks are ``{eval-rst}`` (MyST's way to run autodoc); the
section titles are MyST headings, so every module is in the page's table of contents.

The modules are found by walking the package (:func:`pkgutil.walk_packages`): a new module appears
in the reference without editing a page.

Warnings: every warning Sphinx reports about the package's docstrings, the API pages or the
researchers' guide (a module that fails to import, a docstring that breaks reStructuredText or
napoleon, a duplicate object) is also written to ``<output>/_build/api-warnings.txt`` (empty when
there is none), which ``tests/test_book.py`` requires to be empty. Only pages read in this build
report: a fresh build (as the tests make) sees them all.
"""

from __future__ import annotations

import importlib
import inspect
import logging
import pkgutil
import re
from pathlib import Path
from typing import Any

BLOCK = re.compile(r"^```\{api-modules\}[ \t]+(?P<package>[\w.]+)[ \t]*\n```[ \t]*$", re.MULTILINE)
"""The placeholder block of a layer page."""


def layer_modules(package: str) -> list[str]:
    """Return ``package`` and every module below it (sub-packages included), sorted by name.

    Args:
        package: Dotted name of an importable package, e.g. ``"simulations.core"``.

    Returns:
        Dotted module names, the package first.
    """
    pkg = importlib.import_module(package)
    found = [m.name for m in pkgutil.walk_packages(pkg.__path__, prefix=f"{package}.")]
    return [package, *sorted(found)]


def layer_markdown(package: str) -> str:
    """Return the MyST text that documents ``package``: a summary table, one section per module."""
    modules = layer_modules(package)
    table = "\n".join(f"   {name}" for name in modules)
    parts = [f"```{{eval-rst}}\n.. autosummary::\n\n{table}\n```"]
    for name in modules:
        parts.append(f"## `{name}`\n\n```{{eval-rst}}\n.. automodule:: {name}\n```")
    return "\n\n".join(parts)


def expand(app: Any, docname: str, source: list[str]) -> None:
    """``source-read`` handler: replace every ``api-modules`` block of a page by its modules."""
    if "{api-modules}" in source[0]:
        source[0] = BLOCK.sub(lambda m: layer_markdown(m.group("package")), source[0])


def skip_foreign_members(
    app: Any, what: str, name: str, obj: Any, skip: bool, options: Any
) -> bool | None:
    """``autodoc-skip-member`` handler: leave out functions and classes made outside the package.

    A class's members are its own, except those that other libraries generate in it: matplotlib
    gives every ``Figure`` subclass its own ``set`` method, with matplotlib's docstring (and roles
    that only matplotlib's documentation defines).
    """
    if what == "class" and (inspect.isroutine(obj) or inspect.isclass(obj)):
        module = getattr(obj, "__module__", None)
        if isinstance(module, str) and module.split(".")[0] != "simulations":
            return True
    return None


WATCHED = ("/simulations/", "api/", "panduan_peneliti/")
"""Warnings whose location contains one of these are the API reference's (and the guide's)."""

REPORT = "api-warnings.txt"
"""The report's name, next to the builder's output folder (``_build/api-warnings.txt``)."""


class WarningCollector(logging.Handler):
    """Keep the warnings (and errors) about the package's docstrings, the API pages and the guide."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        location = getattr(record, "location", None)
        if isinstance(location, tuple):  # (docname, line)
            location = ":".join(str(part) for part in location if part is not None)
        where = str(location or "")
        message = logging.LogRecord.getMessage(record)
        if any(part in where for part in WATCHED) or "autodoc" in str(getattr(record, "type", "")):
            self.lines.append(f"{where}: {record.levelname}: {message}")


_COLLECTORS: dict[int, WarningCollector] = {}


def start_collecting(app: Any) -> None:
    """``builder-inited``: attach the collector to Sphinx's logger."""
    collector = WarningCollector()
    _COLLECTORS[id(app)] = collector
    logging.getLogger("sphinx").addHandler(collector)


def write_report(app: Any, exception: BaseException | None) -> None:
    """``build-finished``: write ``api-warnings.txt`` beside the output folder."""
    collector = _COLLECTORS.pop(id(app), None)
    if collector is None:
        return
    logging.getLogger("sphinx").removeHandler(collector)
    text = "".join(f"{line}\n" for line in dict.fromkeys(collector.lines))
    (Path(app.outdir).parent / REPORT).write_text(text, encoding="utf-8")


def setup(app: Any) -> dict[str, Any]:
    """Sphinx entry point."""
    app.connect("builder-inited", start_collecting)
    app.connect("source-read", expand)
    app.connect("autodoc-skip-member", skip_foreign_members)
    app.connect("build-finished", write_report)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
