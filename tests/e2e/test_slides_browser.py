"""Every slide of every notebook fits a projector: the RISE deck at 1280×720, slide by slide.

A trainer presents with jupyterlab-rise: *Render as Reveal Slideshow* (Alt+R) and then *Full
screen slideshow* fill the screen with the page ``/rise/<notebook>`` (the same page the preview
panel shows in its frame). This test opens that page in Chromium at the size of a 1280×720
projector, pages through the deck RISE renders (every slide and sub-slide, by Reveal.js's own URL
routing ``#/slide-H-V``) and fails on a slide whose content is taller than the view allows,
naming the notebook, the slide and the cells on it.

What counts is what RISE renders: cells it hides are not measured — ``slide_type: skip`` (RISE's
``reveal-skip``), speaker notes, and whatever a later deck hides the same way (e.g. *pendalaman*
sections left out of the three-day deck). Fragments count at full height (they all appear by the
end of the slide). The notebooks are stored without outputs, so code cells count with their code
only; figures produced live are not measured here.

Text or code running off the right edge fails too.

Limit: the content of one slide may be at most 95 % of the view height, RISE's own threshold for a
slide that needs scrolling (``setScrollingSlide`` in jupyterlab-rise), which also leaves a margin
for fonts wider than Chromium's on Debian. Screenshots: the first slide of each deck and every
overflowing slide in ``artifacts/screenshots/slides/``.

Fix an overflow by starting a new sub-slide at a cell boundary (``slide_type: subslide``) or by
splitting a long cell in two (new cell id, same text), keeping tests/test_slides.py's rules.
"""

from __future__ import annotations

import json
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from test_notebooks_browser import (  # noqa: E402
    NOTEBOOKS,
    SCREENSHOTS,
    Lab,
    browser,  # noqa: F401 - fixture
    lab,  # noqa: F401 - fixture
)

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(600)]

VIEW = {"width": 1280, "height": 720}  # a common projector (16:9, 720p)
FIT = 0.95  # share of the view height one slide may fill (RISE's scrolling threshold)
SLIDE_SHOTS = SCREENSHOTS / "slides"

JS_DECK = (
    """() => [...document.querySelectorAll('.reveal .slides > section > section')].map(s => s.id)"""
)

# Geometry of one (sub)slide as rendered: the visible cells, in document order of all cells.
JS_MEASURE = """(id) => {
  const section = document.getElementById(id);
  const all = [...document.querySelectorAll('.reveal .jp-Cell')];
  const shown = [...section.querySelectorAll('.jp-Cell')]
    .filter(c => !c.closest('aside.notes') && c.getClientRects().length > 0);
  const view = document.querySelector('.reveal').getBoundingClientRect();
  // text or code running off the right edge (long words, unwrapped code lines)
  const wide = shown.filter(c =>
    [...c.querySelectorAll('.jp-RenderedHTMLCommon *')]
      .some(e => e.getBoundingClientRect().right > view.right + 1)
    || [...c.querySelectorAll('.cm-scroller')].some(e => e.scrollWidth > e.clientWidth + 1));
  return {
    present: section.classList.contains('present'),
    wide: wide.map(c => all.indexOf(c)),
    cells: shown.map(c => {
      const r = c.getBoundingClientRect();
      return [all.indexOf(c), r.top, r.bottom];
    }),
    total: all.length,
    view: [view.top, view.bottom],
  };
}"""

JS_SETTLED = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


@pytest.fixture(scope="module")
def projector(browser: Any) -> Iterator[Any]:  # noqa: F811
    """One 1280×720 browser context for all decks: RISE's scripts load once, then from cache."""
    context = browser.new_context(viewport=VIEW)
    context.set_default_timeout(60_000)

    def no_kernel(route: Any) -> None:
        # RISE's page opens the notebook and would start a kernel per deck; the slides' layout
        # does not need one (stored notebooks have no outputs), and CI's two cores do not either.
        if route.request.method == "POST":
            route.fulfill(status=403, content_type="application/json", body='{"message": "e2e"}')
        else:
            route.continue_()

    context.route("**/api/sessions*", no_kernel)
    try:
        yield context
    finally:
        context.close()


def _open_deck(projector: Any, server: Lab, path: str) -> Any:
    page = projector.new_page()
    page.goto(f"{server.url}/rise/{path}?token={server.token}")
    page.wait_for_selector(".reveal.ready .slides section.present", timeout=120_000)
    # measure the final layout, not a frame of a slide transition
    page.add_style_tag(content=".reveal .slides section { transition: none !important; }")
    # The kernel refused above makes JupyterLab show "Error Starting Kernel" over the slide; it is
    # outside the deck (not measured) but would cover the screenshots a reviewer looks at.
    page.add_style_tag(content=".jp-Dialog { display: none !important; }")
    return page


def _cell_ids(notebook: Path) -> list[str]:
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return [c.get("id", f"#{i}") for i, c in enumerate(cells)]


def _close_sessions(server: Lab, path: str) -> None:
    """Shut down the kernel RISE's page started for ``path`` (it opens the notebook)."""
    base = f"{server.url}/api/sessions"
    with urllib.request.urlopen(f"{base}?token={server.token}", timeout=30) as response:
        sessions = json.load(response)
    for session in sessions:
        if session.get("path") == path:
            request = urllib.request.Request(
                f"{base}/{session['id']}?token={server.token}", method="DELETE"
            )
            urllib.request.urlopen(request, timeout=30).close()


def _go_to(page: Any, slide: str) -> None:
    """Show ``slide`` through Reveal's URL routing; wait until it is the present one.

    RISE's auto-selection of a code cell (after ~0.45 s) can pull the deck back to the slide
    that cell is on, so the hash is set again if the slide did not stay present.
    """
    is_present = "(id) => document.getElementById(id).classList.contains('present')"
    for _attempt in range(3):
        page.evaluate("(id) => { location.hash = '#/' + id; }", slide)
        try:
            page.wait_for_function(is_present, arg=slide, timeout=5_000)
        except Exception:  # noqa: BLE001 - retried, then reported below
            continue
        page.evaluate(JS_SETTLED)
        if page.evaluate(is_present, slide):
            return
    state = page.evaluate(
        "() => [location.hash, [...document.querySelectorAll('section.present')].map(s => s.id)]"
    )
    raise AssertionError(f"could not show slide #/{slide} (hash, present sections: {state})")


def walk_deck(page: Any, ids: list[str], stem: str) -> tuple[int, list[str]]:
    """Page through the rendered deck; return (number of slides, overflow descriptions)."""
    deck = page.evaluate(JS_DECK)
    assert deck, f"{stem}: RISE rendered no slide"
    problems: list[str] = []
    for number, slide in enumerate(deck, start=1):
        _go_to(page, slide)
        geometry = page.evaluate(JS_MEASURE, slide)
        if number == 1 and geometry["total"] != len(ids):
            pytest.fail(f"{stem}: RISE shows {geometry['total']} cells, the file has {len(ids)}")
        cells = geometry["cells"]
        if not cells:  # every cell of this slide hidden in this deck
            continue
        top, bottom = min(c[1] for c in cells), max(c[2] for c in cells)
        view_top, view_bottom = geometry["view"]
        limit = FIT * (view_bottom - view_top)
        if geometry["wide"]:
            names = ", ".join(ids[i] for i in geometry["wide"])
            problems.append(
                f"{stem}: slide {number}/{len(deck)} (#/{slide}) runs off the right edge of the "
                f"{VIEW['width']}×{VIEW['height']} view; cells: {names}"
            )
            page.screenshot(path=str(SLIDE_SHOTS / f"{stem}-{slide}-TOO-WIDE.png"))
        if bottom - top > limit or top < view_top - 1 or bottom > view_bottom + 1:
            names = ", ".join(ids[c[0]] for c in cells)
            problems.append(
                f"{stem}: slide {number}/{len(deck)} (#/{slide}) is {bottom - top:.0f} px tall, "
                f"more than {limit:.0f} px of the {VIEW['width']}×{VIEW['height']} view; "
                f"cells: {names}"
            )
            page.screenshot(path=str(SLIDE_SHOTS / f"{stem}-{slide}-TOO-TALL.png"))
        elif number == 1:
            page.screenshot(path=str(SLIDE_SHOTS / f"{stem}-{slide}.png"))
    return len(deck), problems


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_every_slide_fits_a_projector(notebook: Path, lab: Lab, projector: Any) -> None:  # noqa: F811
    SLIDE_SHOTS.mkdir(parents=True, exist_ok=True)
    path = f"notebooks/{notebook.name}"
    page = None
    try:
        page = _open_deck(projector, lab, path)
        slides, problems = walk_deck(page, _cell_ids(notebook), notebook.stem)
        print(f"{notebook.stem}: {slides} slides, {len(problems)} do not fit")
        assert not problems, "\n".join(problems)
    finally:
        if page is not None:
            page.close()
        _close_sessions(lab, path)


def test_walker_catches_a_tall_slide_and_ignores_hidden_cells(lab: Lab, projector: Any) -> None:  # noqa: F811
    """Self-test on tests/e2e/selftest/slides.ipynb.json: a 40-line sub-slide and a code line
    wider than the screen are reported; an 80-line code cell marked ``skip`` and tall speaker
    notes are not."""
    SLIDE_SHOTS.mkdir(parents=True, exist_ok=True)
    source = Path(__file__).parent / "selftest" / "slides.ipynb.json"
    path = "e2e_selftest/slides.ipynb"
    page = None
    try:
        page = _open_deck(projector, lab, path)
        slides, problems = walk_deck(page, _cell_ids(source), "selftest")
    finally:
        if page is not None:
            page.close()
        _close_sessions(lab, path)
    assert slides == 3, slides
    assert len(problems) == 2, problems
    assert "slide 2/3 (#/slide-0-1) is" in problems[0] and "cells: too-tall" in problems[0]
    assert "skipped-tall" not in problems[0] and "notes-tall" not in problems[0]
    assert "slide 3/3 (#/slide-1-0) runs off the right edge" in problems[1], problems
    assert problems[1].endswith("cells: too-wide"), problems
