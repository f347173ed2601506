"""The handbook builds (offline, notebooks executed) and covers every notebook and curriculum page.

Builds with ``book/build.py`` into a temporary folder, as ``make book`` does, so CI counts it. A
notebook that raises during the build fails it (``nb_execution_raise_on_error``).

What the build executes here: the notebooks in :data:`EXECUTED` go through the handbook's own
executor (myst-nb's nbclient with ``book/_ext/tangguh_headless.py``, the path of issue 17's
stall); the other pages are built from the stored notebooks. That every notebook runs without
an error (and without a warning) in this environment's kernel is proven cell by cell by nbval in
the same ``make test`` run (``--nbval-lax``), and in JupyterLab by tests/e2e; executing all of
them a third time here cost ~110 s of CPU (a third of the notebooks' share of the suite) and
proved nothing more about them. The researchers' guide (a MyST Markdown notebook) is not
executed here either: ``tests/test_authoring.py`` runs every cell of it (15-17 s more here).
``make book`` executes every notebook and the guide (``book_build.build(..., execute=None)``,
checked below). ``TANGGUH_BOOK_EXECUTE=all`` makes this test execute them all too.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import time
from pathlib import Path, PurePosixPath

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

# book/build.py, loaded by path: a plain `import build` could pick up PyPA's `build` package.
_spec = importlib.util.spec_from_file_location("tangguh_book_build", REPO / "book" / "build.py")
book_build = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = book_build
_spec.loader.exec_module(book_build)

pytestmark = pytest.mark.timeout(1200)

EXECUTED = ("00_mulai_di_sini.ipynb",)
"""Executed by the handbook build in this test: the start-here notebook, whose explorer cell
``nb00-10`` is the one that stalled the build in issue 17, and which draws figures."""
EXECUTE = None if os.environ.get("TANGGUH_BOOK_EXECUTE", "").lower() == "all" else EXECUTED


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if importlib.util.find_spec("jupyter_book") is None:
        message = "jupyter-book is not installed (pip install -e '.[test]')"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    start = time.perf_counter()
    try:
        out = book_build.build(tmp_path_factory.mktemp("book"), "html", execute=EXECUTE)
    except subprocess.CalledProcessError as exc:
        pytest.fail(
            f"handbook build failed (exit {exc.returncode}); see the captured output above: "
            "'Executing notebook failed' names the notebook whose cell raised or got stuck "
            "(a CellTimeoutError line names the cell: id and index; book/_config.yml's bound)",
            pytrace=False,
        )
    print(f"handbook built in {time.perf_counter() - start:.0f} s")
    return out


def test_toc_globs_expand_each_page_once(tmp_path: Path) -> None:
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "curriculum" / "fasilitator").mkdir(parents=True)
    for rel in (
        "intro.md",
        "notebooks/01_b.ipynb",
        "notebooks/00_a.ipynb",
        "curriculum/silabus.md",
        "curriculum/README.md",
        "curriculum/fasilitator/modul_01.md",
    ):
        (tmp_path / rel).write_text("x", encoding="utf-8")
    toc = {
        "format": "jb-book",
        "root": "intro",
        "parts": [
            {"caption": "A", "chapters": [{"glob": "curriculum/silabus*"}]},
            {"caption": "B", "chapters": [{"glob": "notebooks/*"}]},
            {"caption": "C", "chapters": [{"glob": "curriculum/*"}]},
            {"caption": "D", "chapters": [{"glob": "curriculum/**"}]},
            {"caption": "E", "chapters": [{"glob": "nothing/*"}]},
        ],
    }
    parts = book_build.expand_toc(toc, tmp_path)["parts"]
    files = {p["caption"]: [c["file"] for c in p["chapters"]] for p in parts}
    assert files == {
        "A": ["curriculum/silabus"],
        "B": ["notebooks/00_a", "notebooks/01_b"],
        "D": ["curriculum/fasilitator/modul_01"],
    }


def test_handbook_has_every_notebook_and_curriculum_page(html: Path) -> None:
    assert (html / "index.html").is_file()
    missing = []
    for nb in sorted((REPO / "notebooks").glob("*.ipynb")):
        if not (html / "notebooks" / f"{nb.stem}.html").is_file():
            missing.append(f"notebooks/{nb.name}")
    for page in sorted((REPO / "curriculum").rglob("*.md")):
        rel = page.relative_to(REPO).with_suffix(".html")
        if page.name.lower() != "readme.md" and not (html / rel).is_file():
            missing.append(str(page.relative_to(REPO)))
    if (REPO / "curriculum" / "silabus.yaml").is_file() and importlib.util.find_spec(
        "simulations.course.curriculum"
    ):
        if not list((html / "curriculum").glob("*silabus*.html")):
            missing.append("curriculum/silabus.yaml (as a *silabus*.html page)")
    assert not missing, f"pages missing from the handbook: {missing}"


def test_executed_notebooks_show_figures(html: Path) -> None:
    """Static readers see figures: every executed notebook's page has a rendered image."""
    pages = sorted((html / "notebooks").glob("*.html"))
    if not pages:
        pytest.skip("no notebooks yet")
    executed = [p for p in pages if EXECUTE is None or f"{p.stem}.ipynb" in EXECUTE]
    assert executed, f"none of {EXECUTE} is a notebook page of the handbook"
    with_images = [p.name for p in executed if "<img" in p.read_text(encoding="utf-8")]
    assert with_images, "no executed figure in any notebook page of the handbook"
    if EXECUTE is not None:
        without = sorted({p.name for p in executed} - set(with_images))
        assert not without, f"executed notebook pages without a figure: {without}"


def test_researchers_guide_and_api_reference_without_warnings(html: Path) -> None:
    """The guide and one API page per layer are built, and autodoc left no warning.

    ``book/_ext/tangguh_api.py`` writes every warning about the package's docstrings, the API
    pages and the guide (import failures, broken reStructuredText or Google sections, duplicate
    objects, unresolved cross-references) to ``_build/api-warnings.txt``.
    """
    pages = ["panduan_peneliti/menulis_model", "api/index"]
    pages += [f"api/{layer}" for layer in ("core", "data", "models", "analysis")]
    pages += [f"api/{layer}" for layer in ("response", "plots", "course", "widgets")]
    missing = [p for p in pages if not (html / f"{p}.html").is_file()]
    assert not missing, f"pages missing from the handbook: {missing}"
    models = (html / "api" / "models.html").read_text(encoding="utf-8")
    assert 'id="simulations.models.base.PopulationModel.vectorized_step"' in models  # autodoc ran
    report = html.parent / "api-warnings.txt"
    assert report.is_file(), f"{report} missing: is book/_ext/tangguh_api.py loaded?"
    warnings = report.read_text(encoding="utf-8").strip()
    assert not warnings, f"warnings in the API reference or the guide:\n{warnings}"


def test_make_book_executes_every_notebook_and_the_test_only_the_chosen(tmp_path: Path) -> None:
    """``make book`` (``execute=None``) excludes nothing; a limited build excludes all the others.

    The others are every other notebook and the researchers' guide, a MyST Markdown notebook.
    """
    src = book_build.stage(tmp_path / "src")
    config = yaml.safe_load((src / "_config.yml").read_text(encoding="utf-8"))
    assert config["execute"]["execute_notebooks"] != "off"
    assert not config["execute"].get("exclude_patterns")
    notebooks = sorted(p.name for p in (src / "notebooks").glob("*.ipynb"))
    guide = "panduan_peneliti/menulis_model.md"
    assert book_build.executable_pages(src) == [f"notebooks/{n}" for n in notebooks] + [guide]
    patterns = book_build.limit_execution(src, EXECUTED)
    config = yaml.safe_load((src / "_config.yml").read_text(encoding="utf-8"))
    assert config["execute"]["exclude_patterns"] == patterns
    assert len(patterns) == len(notebooks) - len(EXECUTED) + 1
    for name in notebooks:  # myst-nb matches a pattern against the notebook's path from the right
        excluded = any(PurePosixPath(f"/x/src/notebooks/{name}").match(p) for p in patterns)
        assert excluded == (name not in EXECUTED), name
    assert any(PurePosixPath(f"/x/src/{guide}").match(p) for p in patterns)
    with pytest.raises(FileNotFoundError, match="99_tidak_ada"):
        book_build.limit_execution(src, ["99_tidak_ada.ipynb"])
