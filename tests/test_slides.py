"""Slides for trainers: every notebook cell carries RISE slide metadata, and RISE is installed.

A trainer presents a notebook live with jupyterlab-rise (Reveal.js inside JupyterLab). RISE reads
``cell.metadata.slideshow.slide_type``; a missing or misspelt value silently glues the cell onto the
previous slide. Rules (docs/CONVENTIONS: section headings = slide, exercise scaffolding = skip,
speaker notes = notes):

- every cell has ``metadata.slideshow.slide_type`` in {slide, subslide, fragment, skip, notes, -};
- the first cell (the title) is a ``slide``;
- exercise scaffolding is ``skip``: the participant cell and the check cell that follow a
  ``### Latihan N.M`` heading (code cells up to the next markdown cell), and any cell tagged
  ``latihan``/``exercise``/``check``.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))
SLIDE_TYPES = {"slide", "subslide", "fragment", "skip", "notes", "-"}
EXERCISE_HEADING = re.compile(r"^#{2,4}\s*Latihan\s+\d+(\.\d+)*", re.MULTILINE)
SCAFFOLD_TAGS = {"latihan", "exercise", "check", "solution"}
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _slide_type(cell: dict) -> str | None:
    return (cell.get("metadata", {}).get("slideshow") or {}).get("slide_type")


def _source(cell: dict) -> str:
    src = cell.get("source", "")
    return src if isinstance(src, str) else "".join(src)


def test_there_are_notebooks() -> None:
    assert NOTEBOOKS, "no notebooks in notebooks/"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_every_cell_has_valid_slide_type(path: Path) -> None:
    cells = _cells(path)
    bad = [
        f"cell {i} ({c['cell_type']}): slide_type={_slide_type(c)!r}"
        for i, c in enumerate(cells)
        if _slide_type(c) not in SLIDE_TYPES
    ]
    assert not bad, (
        f"{path.name}: cells without valid metadata.slideshow.slide_type:\n" + "\n".join(bad)
    )
    assert _slide_type(cells[0]) == "slide", f"{path.name}: the first cell must be a 'slide'"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_exercise_scaffolding_is_skipped(path: Path) -> None:
    cells = _cells(path)
    bad: list[str] = []
    in_exercise = False
    for i, cell in enumerate(cells):
        tags = set(cell.get("metadata", {}).get("tags", []))
        if cell["cell_type"] == "markdown":
            in_exercise = bool(EXERCISE_HEADING.search(_source(cell)))
            continue
        scaffold = in_exercise or bool(tags & SCAFFOLD_TAGS)
        if scaffold and _slide_type(cell) != "skip":
            bad.append(f"cell {i}: exercise code cell has slide_type={_slide_type(cell)!r}")
    assert not bad, f"{path.name}: exercise scaffolding must be 'skip' in slides:\n" + "\n".join(
        bad
    )


def test_rise_is_installed_as_lab_extension() -> None:
    """jupyterlab-rise is importable and JupyterLab lists it as an enabled extension."""
    if importlib.util.find_spec("jupyterlab_rise") is None:
        message = "jupyterlab-rise is not installed (it belongs in the 'lab' extra)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    result = subprocess.run(
        [sys.executable, "-m", "jupyter", "labextension", "list"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    listing = result.stdout + result.stderr
    line = next((ln for ln in listing.splitlines() if "jupyterlab-rise" in ln), "")
    assert line, f"jupyterlab-rise missing from `jupyter labextension list`:\n{listing}"
    assert "enabled" in line and "OK" in line, f"jupyterlab-rise not enabled/OK: {line}"
