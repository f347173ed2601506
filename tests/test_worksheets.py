"""Printable worksheets: content comes from the notebooks and the package; a PDF builds offline."""

from __future__ import annotations

import html
import json
import os
import re
from pathlib import Path

import pytest

from simulations.core.errors import SimulationInputError
from simulations.course import worksheets as ws
from simulations.course.exercises import load_exercises

ROOT = Path(__file__).resolve().parent.parent


def _pdf_pages(pdf: Path) -> int:
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    pages = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))
    counts = [int(c) for c in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", data, re.S)]
    counts += [int(c) for c in re.findall(rb"/Count\s+(\d+)[^>]*?/Type\s*/Pages\b", data, re.S)]
    if counts:  # the page tree's /Count agrees with the page objects
        assert max(counts) == pages
    return pages


@pytest.mark.parametrize("code", list(ws.MODULES))
def test_every_exercise_of_the_notebook_is_on_the_worksheet(code):
    nb = json.loads((ROOT / "notebooks" / f"{ws.MODULES[code]}.ipynb").read_text(encoding="utf-8"))
    text = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    expected = re.findall(r"(?m)^### (Latihan [^\n]+)", text)
    got = [t for t, _ in ws.exercises(code)]
    assert [t for t in got if t.startswith("Latihan")] == [e.strip() for e in expected]
    assert any(t.startswith("Diskusi") for t in got)
    page = ws.worksheet_html(code, figures=False)
    for title in got:
        assert title in page.replace("&amp;", "&") or title.replace("—", "&mdash;") in page
    # ruled space for every text area of the forms, every group prompt and the discussion
    definitions = load_exercises()
    text_areas = sum(f.kind == "uraian" for ex in definitions.for_module(code) for f in ex.fields)
    others = [t for t in got if not t.startswith("Latihan")] + ws.group_prompts(code)
    assert page.count('class="lines"') == text_areas + len(others)


@pytest.mark.parametrize("code", list(ws.MODULES))
def test_worksheet_forms_are_rendered_from_the_exercise_definitions(code):
    """The paper form asks what the notebook form asks: same labels, same choices, same limits."""
    page = html.unescape(ws.worksheet_html(code, figures=False))
    exercises = load_exercises().for_module(code)
    assert [ex.heading for ex in exercises] == [
        t for t, _ in ws.exercises(code) if t.startswith("Latihan")
    ]
    for ex in exercises:
        form = html.unescape(ws.exercise_form_html(ex))
        assert form in page, ex.id
        for f in ex.fields:
            assert f.label in form, (ex.id, f.id)
            for o in f.options:
                assert f"☐ {o.label}" in form, (ex.id, f.id, o.id)
            if f.kind == "uraian" and f.max_words:
                assert f"paling banyak {f.max_words} kata" in form, (ex.id, f.id)
            for r in f.rows + f.columns:
                assert r.label in form, (ex.id, f.id)
    assert "ganti None" not in page and "= None" not in page


def test_text_areas_get_ruled_lines_as_long_as_their_word_limit():
    ex = load_exercises()["6.5"]
    form = ws.exercise_form_html(ex)
    heights = [float(h) for h in re.findall(r'class="lines" style="height:([\d.]+)mm"', form)]
    assert len(heights) == len([f for f in ex.fields if f.kind == "uraian"])
    assert heights[0] > heights[-1]  # 120 words get more lines than 60
    assert "Jumlah kata empat bagian pesan: paling banyak 120" in form


def test_group_prompts_of_notebook_and_guide(tmp_path):
    prompts = ws.group_prompts("03")
    assert prompts and all(t.startswith(("Diskusi kelompok", "Kerja kelompok")) for t, _ in prompts)
    assert any("telusuri jalurnya" in body for _, body in prompts)
    # the guides' general "## Kerja kelompok" section (group roles) is not a prompt
    assert not any(body.startswith("**Susunan kelompok") for _, body in prompts)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Every module's worksheet, built once as `make lembar-kerja` does (PDFs when Chromium exists).

    Measured on the 2-core test machine under load (average 12): HTML with figures for all 8
    modules 7.1 s CPU, printing the 8 PDFs 6.3 s CPU in Chromium (23 s and 26 s wall). Session 09
    (the tabletop exercise) adds a ninth worksheet without figures.
    """
    out = tmp_path_factory.mktemp("lembar_kerja")
    chromium = ws.find_chromium()
    if not chromium and os.environ.get("CI") == "true":
        pytest.fail("Chromium is required in CI to print the worksheets")
    files = ws.build_worksheets(None, out, pdf=bool(chromium))
    return out, files, bool(chromium)


def test_figures_are_rendered_from_the_package(built):
    for code, specs in ws.FIGURES.items():
        for spec in specs:
            assert "SINTETIS" in spec.caption or "nyata" in spec.caption, (code, spec.caption)
    png = ws.render_figure(ws.FIGURES["06"][0])
    assert png.startswith(b"\x89PNG") and len(png) > 10_000
    out, _, _ = built
    for code in ws.MODULES:  # every module's figures build (make lembar-kerja builds them all)
        page = (out / f"lembar_kerja_{code}.html").read_text(encoding="utf-8")
        assert page.count("data:image/png;base64,") == len(ws.FIGURES[code]), code
    page = (out / "lembar_kerja_06.html").read_text(encoding="utf-8")
    assert "Peta pemangku kepentingan daerah kami" in page  # blank table for the region's own map


def test_capstone_sheet_lists_the_menu_with_costs():
    from simulations.response.action_plan import MENU

    page = ws.worksheet_html("07", figures=False)
    for option in MENU.values():
        assert f"<td>{option.cost}</td>" in page
    # the menu table ticks each option once (the Latihan 7.1 form above it has its own boxes)
    assert page.split("Menu intervensi (notebook 07)")[1].count("☐") == len(MENU)


@pytest.mark.parametrize("code", list(ws.MODULES))
def test_pendalaman_sections_are_listed_as_further_reading(code):
    """What the time plan leaves out of class is listed as reading; its exercises are optional."""
    from simulations.course.schedule import read_sections

    page = html.unescape(ws.worksheet_html(code, figures=False))
    sections = read_sections(ROOT / "notebooks" / f"{ws.MODULES[code]}.ipynb")
    deep = [s for s in sections if not s.core and not s.title.startswith("Referensi")]
    assert [s.title for s in ws.deep_sections(code)] == [s.title for s in deep]
    if not deep:
        assert "Bacaan lanjutan" not in page
        return
    reading = re.sub(r"</?i>", "", page.split("<h2>Bacaan lanjutan</h2>")[1])
    for s in deep:
        assert f"<li>{s.title.replace('*', '')}" in reading, (code, s.title)
    for s in sections:
        for ex in s.exercises:
            block = page.split("<h2>Latihan " + ex)[1].split('<div class="task">')[0]
            assert ("<b>Pendalaman</b>" in block) == (not s.core), (code, ex)


def test_unknown_module_is_refused():
    with pytest.raises(SimulationInputError) as err:
        ws.worksheet_html("99")  # "09" (the tabletop session) has a worksheet since issue 18
    assert "tidak dikenal" in err.value.pesan


def test_every_worksheet_pdf_builds_offline(built):
    out, files, printed = built
    if not printed:
        pytest.skip("Chromium not installed (apt-get install -y chromium)")
    assert [f.name for f in files] == [f"lembar_kerja_{code}.pdf" for code in ws.MODULES]
    pages = {code: _pdf_pages(out / f"lembar_kerja_{code}.pdf") for code in ws.MODULES}
    assert all(n >= 1 for n in pages.values()), pages
    assert pages["06"] >= 2  # figure + exercises + blank table do not fit on one A4 page


def test_cli_writes_html_without_pdf(tmp_path, capsys):
    assert ws.main(["--modul", "00", "--keluaran", str(tmp_path), "--tanpa-pdf"]) == 0
    assert (tmp_path / "lembar_kerja_00.html").is_file()
    assert ws.main(["--modul", "99", "--keluaran", str(tmp_path), "--tanpa-pdf"]) == 1
    assert "tidak dikenal" in capsys.readouterr().out
