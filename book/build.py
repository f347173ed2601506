"""Build the Tangguh Digital handbook with Jupyter Book 1 (Sphinx + MyST-NB), offline.

Usage (from the repository root; ``make book`` runs the first line)::

    python book/build.py                      # -> book/_build/html/index.html
    python book/build.py --out /tmp/book      # build somewhere else (the tests do this)
    python book/build.py --pdf                # also print the one-page book to PDF (make book-pdf)

Why a script and not a bare ``jupyter-book build book/``: Sphinx only reads files under its source
folder, and the handbook's pages live in ``notebooks/`` and ``curriculum/``. The script stages a
source tree (``book/*`` + copies of ``notebooks/`` and ``curriculum/`` + a link to ``datasets/`` so
notebooks' relative paths keep working), expands the ``glob:`` entries of ``book/_toc.yml`` into
the files that exist (``**`` for sub-folders, each file used once, empty globs dropped), and runs
``jupyter-book build``. Notebooks are executed during the build (``execute_notebooks: cache``), so
static readers see the figures; a failing notebook fails the build.

PDF: ``--pdf`` builds the one-page HTML (``singlehtml``) and prints it with Playwright driving
Debian's Chromium (``/usr/bin/chromium``, as the browser tests do): offline, no LaTeX. Jupyter
Book's own routes need a download (``pdfhtml``: pyppeteer fetches a Chromium) or a TeX Live
install (``pdflatex``).

Why Jupyter Book 1: Jupyter Book 2 (mystmd) downloads its site theme at build time
(``api.mystmd.org``), which fails without network; the Sphinx toolchain needs nothing beyond PyPI.
"""

from __future__ import annotations

import argparse
import fnmatch
import shutil
import subprocess
import sys
import time
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

BOOK = Path(__file__).resolve().parent
REPO = BOOK.parent
CONTENT_DIRS = ("notebooks", "curriculum")  # copied into the staged source
LINKED_DIRS = ("datasets",)  # linked, for notebooks reading ../datasets
SOURCE_SUFFIXES = (".md", ".ipynb")
IGNORE = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__", "_build")


def _pages(root: Path) -> list[str]:
    """All page paths (relative, POSIX, with suffix) under the staged root, sorted."""
    return sorted(
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.suffix in SOURCE_SUFFIXES and p.is_file() and "_build" not in p.parts
    )


def _strip(path: str) -> str:
    return path.rsplit(".", 1)[0] if path.endswith(SOURCE_SUFFIXES) else path


def _expand(
    entries: list[dict[str, Any]], pages: list[str], used: set[str]
) -> list[dict[str, Any]]:
    """Replace ``glob:`` entries by ``file:`` entries for the matching, not yet used pages."""
    out: list[dict[str, Any]] = []
    for entry in entries:
        if "glob" in entry:
            pattern = entry["glob"]
            for page in pages:
                name = _strip(page)
                # fnmatch's * already crosses "/"; "dir/*" must not, "dir/**" may
                deep = "/" in name[len(pattern.split("*")[0]) :]
                if fnmatch.fnmatch(name, pattern.replace("**", "*")) and (
                    "**" in pattern or not deep
                ):
                    if name not in used and Path(page).name.lower() != "readme.md":
                        used.add(name)
                        out.append({"file": name})
            continue
        entry = dict(entry)
        if "file" in entry:
            used.add(_strip(entry["file"]))
        for key in ("sections", "chapters"):
            if key in entry:
                entry[key] = _expand(entry[key], pages, used)
        out.append(entry)
    return out


def expand_toc(toc: dict[str, Any], root: Path) -> dict[str, Any]:
    """Return ``toc`` with its globs expanded against the pages under ``root``."""
    pages = _pages(root)
    used = {_strip(toc["root"])}
    toc = dict(toc)
    if "parts" in toc:
        parts = []
        for part in toc["parts"]:
            part = dict(part)
            part["chapters"] = _expand(part.get("chapters", []), pages, used)
            if part["chapters"]:
                parts.append(part)
        toc["parts"] = parts
    for key in ("chapters", "sections"):
        if key in toc:
            toc[key] = _expand(toc[key], pages, used)
    return toc


def _syllabus_page(curriculum: Path) -> None:
    """Write ``silabus.md`` from ``silabus.yaml`` with ``simulations.course.curriculum`` when both exist."""
    source = curriculum / "silabus.yaml"
    if not source.is_file() or any(curriculum.glob("*silabus*.md")):  # a committed overview wins
        return
    try:
        from simulations.course.curriculum import load_syllabus, overview_markdown
    except ImportError:  # the syllabus tools are not there (yet): no page, no failure
        return
    text = overview_markdown(load_syllabus(source))
    if not text.lstrip().startswith("# "):
        text = "# Silabus\n\n" + text
    (curriculum / "silabus.md").write_text(text, encoding="utf-8")


def executable_pages(src: Path) -> list[str]:
    """The pages of the staged book that myst-nb executes, relative to ``src`` (POSIX), sorted.

    Every ``.ipynb`` and every MyST Markdown notebook (a ``.md`` page whose front matter has
    ``jupytext: text_representation: format_name: myst`` or ``file_format: mystnb``, such as the
    researchers' guide ``panduan_peneliti/menulis_model.md``), by myst-nb's own test
    (``myst_nb.core.read.is_myst_markdown_notebook``).
    """
    from myst_nb.core.read import is_myst_markdown_notebook

    return [
        page
        for page in _pages(src)
        if page.endswith(".ipynb")
        or is_myst_markdown_notebook((src / page).read_text(encoding="utf-8"))
    ]


def limit_execution(src: Path, execute: Iterable[str]) -> list[str]:
    """Execute only the notebooks named in ``execute`` when the staged book in ``src`` is built.

    Writes ``execute.exclude_patterns`` (myst-nb's ``nb_execution_excludepatterns``) into the
    staged ``_config.yml`` for every other executable page (:func:`executable_pages`: the
    notebooks and the MyST Markdown notebooks such as the researchers' guide): their pages are
    built from the stored source (no outputs). For the tests, whose nbval run already executes
    every notebook and ``tests/test_authoring.py`` the guide; ``make book`` never calls this.

    Args:
        src: The staged source (:func:`stage`).
        execute: Notebooks to execute, each a file name (``"00_mulai_di_sini.ipynb"``) or a path
            relative to ``src``, matched from the right as myst-nb matches its patterns.

    Returns:
        The exclude patterns written (paths relative to ``src``), one per page not executed.

    Raises:
        FileNotFoundError: when a name in ``execute`` matches no executable staged page.
    """
    pages = executable_pages(src)
    wanted = list(execute)
    if missing := sorted(n for n in wanted if not any(PurePosixPath(p).match(n) for p in pages)):
        raise FileNotFoundError(f"no staged notebook named {missing} in {src}")
    patterns = [p for p in pages if not any(PurePosixPath(p).match(n) for n in wanted)]
    config = yaml.safe_load((src / "_config.yml").read_text(encoding="utf-8"))
    config.setdefault("execute", {})["exclude_patterns"] = patterns
    (src / "_config.yml").write_text(
        yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )
    return patterns


def stage(dest: Path) -> Path:
    """Lay out the book source in ``dest`` (emptied first) and return it."""
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(BOOK, dest, ignore=shutil.ignore_patterns("_build", "build.py", "__pycache__"))
    for name in CONTENT_DIRS:
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, dest / name, ignore=IGNORE)
    for name in LINKED_DIRS:
        if (REPO / name).exists():
            (dest / name).symlink_to(REPO / name)
    _syllabus_page(dest / "curriculum")
    toc = yaml.safe_load((BOOK / "_toc.yml").read_text(encoding="utf-8"))
    (dest / "_toc.yml").write_text(
        yaml.safe_dump(expand_toc(toc, dest), sort_keys=False, allow_unicode=True), encoding="utf-8"
    )
    return dest


GC_THRESHOLDS = (10_000, 10, 100)
"""CPython's garbage-collector thresholds while the book builds (the defaults are ``(700, 10, 10)``).

Sphinx keeps a large, long-lived object graph (docutils trees with parent links, the autodoc'ed
package, the environment): 1.26 million tracked objects by the end of the handbook test's build.
With the default thresholds CPython scans all of them in full (generation 2) 19 times: 8.1-8.9 s
of the build's CPU, 9.6 s in all collections (``gc.callbacks``, shared 2-core machine). With
these, 2.1 s in all collections and no full one: a larger youngest generation frees more cycles
while they are young (2.19 instead of 1.26 million objects), and what the full scans freed (1.1
million objects) costs 15-27 MB of peak memory left unfreed (587-590 MB -> 602-617 MB).
"""

RUN_JUPYTER_BOOK = f"""\
import gc, sys
gc.set_threshold(*{GC_THRESHOLDS!r})
sys.modules["rfc3987_syntax"] = None  # jsonschema's optional 'iri' format checker, never used here
from jupyter_book.cli.main import main
try:
    main(prog_name="jupyter-book")
finally:
    gc.freeze()  # exit without the interpreter's final scans of the whole heap (3.5-4.5 s)
"""
"""``jupyter-book``'s own command line, run by ``python -P -c`` with :data:`GC_THRESHOLDS`.

``gc.freeze()`` before exit: an interpreter's shutdown collects the heap once more while it
tears the modules down; for this heap that took 3.5-4.5 s of CPU after the book was written
(``strace``: no system call in between). Frozen objects are left to the operating system, as
``os._exit`` would leave them, but ``atexit`` handlers and stream flushes still run. ``-P``: the
repository root (the working folder) is not put on ``sys.path``, as with the console script.

``rfc3987_syntax`` made unimportable: ``import jsonschema`` (jupyter-book validates its
configuration with it, nbformat validates notebooks with it) imports this optional checker for
the ``iri`` string format when it is installed, and it compiles some 35 Lark grammars at import:
1.9-4.1 s on the shared machine, 0.1-0.2 s for jsonschema without it (python-jsonschema/jsonschema
#1428). jsonschema skips a checker it cannot import, and no schema this build validates (the
book's configuration, the notebook format) has an ``iri`` format.
"""


def build(out: Path, builder: str = "html", execute: Iterable[str] | None = None) -> Path:
    """Stage the source under ``out/src`` and build into ``out``; return the output folder.

    Args:
        out: Output folder (created).
        builder: Sphinx builder (``html``, ``singlehtml``, ...).
        execute: ``None`` (``make book``) executes every notebook; otherwise only the notebooks
            with these file names are executed (:func:`limit_execution`).
    """
    out.mkdir(parents=True, exist_ok=True)
    src = stage(out / "src")
    if execute is not None:
        limit_execution(src, execute)
    cmd = [sys.executable, "-P", "-c", RUN_JUPYTER_BOOK, "build", str(src)]
    cmd += ["--path-output", str(out), "--builder", builder, "--keep-going"]
    subprocess.run(cmd, check=True, cwd=REPO)
    return out / "_build" / builder


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def print_pdf(html_dir: Path, pdf: Path, chromium: str = "/usr/bin/chromium") -> Path:
    """Print ``html_dir/index.html`` (a singlehtml build) to ``pdf`` with Debian's Chromium."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto((html_dir / "index.html").as_uri(), wait_until="load")
            page.emulate_media(media="print")
            page.pdf(
                path=str(pdf),
                format="A4",
                print_background=True,
                margin={"top": "15mm", "bottom": "15mm", "left": "12mm", "right": "12mm"},
            )
        finally:
            browser.close()
    return pdf


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=BOOK / "_build", help="output folder")
    parser.add_argument("--builder", default="html", help="html (default), singlehtml, latex, ...")
    parser.add_argument("--pdf", action="store_true", help="also print the book to PDF (Chromium)")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    result = build(args.out.resolve(), args.builder)
    print(f"Buku pegangan selesai dalam {time.perf_counter() - start:.0f} s: {result}/index.html")
    if args.pdf:
        single = build(args.out.resolve(), "singlehtml")
        pdf = print_pdf(single, args.out.resolve() / "tangguh-digital.pdf")
        print(f"PDF: {pdf} ({pdf.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
