"""The handbook's API reference: one page per layer, in the layers' order, covering every module.

These checks read the pages and run the extension (``book/_ext/tangguh_api.py``) without building
the handbook. That the build renders every page and leaves no autodoc, napoleon or docutils
warning is checked on the real build by ``tests/test_book.py``.
"""

from __future__ import annotations

import importlib.util
import pkgutil
import sys
from pathlib import Path

import yaml

import simulations
from simulations.models.base import PopulationModel

REPO = Path(__file__).resolve().parents[1]
BOOK = REPO / "book"
LAYERS = ("core", "data", "models", "analysis", "response", "plots", "course", "widgets")
"""The layers, bottom first: each imports only the ones before it (tests/test_layers.py)."""

_spec = importlib.util.spec_from_file_location("tangguh_api", BOOK / "_ext" / "tangguh_api.py")
tangguh_api = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = tangguh_api
_spec.loader.exec_module(tangguh_api)


def all_modules() -> list[str]:
    """Every module of the package, sub-packages included."""
    found = pkgutil.walk_packages(simulations.__path__, prefix="simulations.")
    return sorted(["simulations", *(m.name for m in found)])


def test_one_page_per_layer_in_the_toc_in_layer_order():
    toc = yaml.safe_load((BOOK / "_toc.yml").read_text(encoding="utf-8"))
    entries = [c for part in toc["parts"] for c in part["chapters"]]
    index = next(c for c in entries if c.get("file") == "api/index")
    assert [s["file"] for s in index["sections"]] == [f"api/{layer}" for layer in LAYERS]
    for layer in LAYERS:
        page = (BOOK / "api" / f"{layer}.md").read_text(encoding="utf-8")
        assert tangguh_api.BLOCK.search(page).group("package") == f"simulations.{layer}", layer
    guide = next(c for c in entries if c.get("file") == "panduan_peneliti/menulis_model")
    assert entries.index(guide) < entries.index(index)  # the guide first, then the reference


def test_every_module_is_documented_on_exactly_one_page():
    index = (BOOK / "api" / "index.md").read_text(encoding="utf-8")
    on_index = {
        m for m in ("simulations", "simulations.__main__") if f"automodule:: {m}\n" in index
    }
    pages: dict[str, list[str]] = {}
    for module in all_modules():
        layer = module.split(".")[1] if module.count(".") else None
        where = [f"api/{layer}"] if layer in LAYERS else []
        if module in on_index:
            where.append("api/index")
        pages[module] = where
    assert {m: w for m, w in pages.items() if len(w) != 1} == {}


def test_the_placeholder_expands_to_every_module_of_its_layer():
    source = [(BOOK / "api" / "response.md").read_text(encoding="utf-8")]
    tangguh_api.expand(None, "api/response", source)
    text = source[0]
    assert "{api-modules}" not in text and ".. autosummary::" in text
    modules = tangguh_api.layer_modules("simulations.response")
    assert "simulations.response.tabletop.game" in modules  # sub-packages too
    for module in modules:
        assert f"## `{module}`\n" in text and f".. automodule:: {module}\n" in text


def test_members_made_by_other_libraries_are_left_out():
    from simulations.plots.figure import NotebookFigure

    skip = tangguh_api.skip_foreign_members
    # matplotlib generates a `set` method (with matplotlib's docstring) in every Figure subclass
    assert skip(None, "class", "set", NotebookFigure.set, False, {}) is True
    assert skip(None, "class", "run", PopulationModel.run, False, {}) is None
    assert skip(None, "class", "step_duration", 1.0, False, {}) is None  # data stays
    assert skip(None, "module", "Path", Path, False, {}) is None  # modules: autodoc decides
