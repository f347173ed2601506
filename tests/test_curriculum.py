"""The syllabus as data: it validates, JP add up, every referenced notebook and guide exists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from html_wellformed import assert_well_formed

from simulations.core.errors import DataError
from simulations.course.curriculum import (
    load_syllabus,
    main,
    missing_notebooks,
    overview_html,
    overview_markdown,
    schedule,
)

ROOT = Path(__file__).resolve().parent.parent
SYLLABUS = ROOT / "curriculum" / "silabus.yaml"
EXPECTED_NOTEBOOKS = [
    "00_mulai_di_sini",
    "01_konsep_ketahanan_sosial",
    "02_dinamika_sosial_digital",
    "03_konflik_sosial_daring",
    "04_literasi_digital_moderasi_beragama",
    "05_kebijakan_berbasis_data",
    "06_kolaborasi_multipihak",
    "09_latihan_meja",
    "07_rencana_aksi_daerah",
]


@pytest.fixture(scope="module")
def syl():
    return load_syllabus()


def test_syllabus_has_start_six_modules_tabletop_and_capstone(syl):
    # teaching order (`urutan`): the tabletop exercise 09 comes before the capstone 07
    assert [s.code for s in syl.sessions] == ["00", "01", "02", "03", "04", "05", "06", "09", "07"]
    assert [nb for s in syl.sessions for nb in s.notebooks] == EXPECTED_NOTEBOOKS


def test_tabletop_is_a_two_jp_session_on_day_3_before_the_capstone(syl):
    assert syl.session("09").jp == 2 and syl.session("06").jp == 3 and syl.session("07").jp == 3
    slots = [sl for sl in schedule(syl) if sl.session in ("09", "07")]
    assert {sl.day for sl in slots} == {3}
    assert max(sl.end for sl in slots if sl.session == "09") <= min(
        sl.start for sl in slots if sl.session == "07"
    )


def test_every_session_has_objectives_jp_and_references(syl):
    for s in syl.sessions:
        assert s.jp > 0 and s.objectives and s.references and s.materials and s.prerequisites
        assert sum(s.jp_breakdown.values()) == s.jp
        assert all(o.code.startswith(f"{int(s.code)}.") for o in s.objectives)


def test_jp_add_up(syl):
    assert sum(s.jp for s in syl.sessions) == syl.jp_total == 30
    assert syl.minutes_per_jp == 45
    assert syl.jp_total <= syl.days * syl.jp_per_day


def test_every_referenced_notebook_exists(syl):
    # Strict on purpose: the lead merges every branch; a missing notebook is a real failure.
    assert missing_notebooks(syl) == []


def test_every_facilitator_guide_exists(syl):
    for s in syl.sessions:
        assert (ROOT / "curriculum" / s.guide).is_file(), s.guide


def test_schedule_fits_days_and_keeps_all_jp(syl):
    slots = schedule(syl)
    assert sum(sl.jp for sl in slots) == syl.jp_total
    for day in {sl.day for sl in slots}:
        assert sum(sl.jp for sl in slots if sl.day == day) <= syl.jp_per_day
    for s in syl.sessions:
        assert sum(sl.jp for sl in slots if sl.session == s.code) == s.jp
    # JP slots never overlap and breaks sit between blocks
    for a, b in zip(slots, slots[1:], strict=False):
        if a.day == b.day:
            assert a.end == b.start


def test_overview_renders_markdown_and_html(syl, tmp_path):
    md = overview_markdown(syl)
    assert "## Jadwal" in md and "### Hari 3" in md and "Modul 6 — Kolaborasi Multipihak" in md
    page = overview_html(syl)
    assert page.startswith("<!DOCTYPE html>") and "<table>" in page
    assert_well_formed(page)
    assert main(["--keluaran", str(tmp_path)]) == 0
    assert (tmp_path / "ikhtisar_silabus.html").stat().st_size > 1000


def _broken(tmp_path, edit) -> Path:
    raw = yaml.safe_load(SYLLABUS.read_text(encoding="utf-8"))
    edit(raw)
    path = tmp_path / "silabus.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("edit", "field"),
    [
        (lambda r: r.update(jp_total=31), "jp_total"),
        (lambda r: r["sesi"][2].update(jp=5), "rincian_jp"),
        (lambda r: r["sesi"][3].pop("tujuan"), "tujuan"),
        (lambda r: r["sesi"][3]["tujuan"][0].update(teks="Memahami konsep hoaks."), "teks"),
        (lambda r: r["sesi"][4].update(notebook=["04_x.ipynb"]), "notebook"),
        (lambda r: r["sesi"][5].update(rujukan=[]), "rujukan"),
        (lambda r: r["sesi"][6].update(kode="05"), "sesi"),
        (lambda r: r["sesi"][1].update(jp=0), "jp"),
        (lambda r: r.update(hari=2), "hari"),
        (lambda r: r.update(urutan=["00", "01"]), "urutan"),
        (lambda r: r.update(urutan=r["urutan"][:-1] + ["06"]), "urutan"),
        (lambda r: r.update(urutan="00,01"), "urutan"),
    ],
)
def test_broken_syllabus_names_the_field(tmp_path, edit, field):
    with pytest.raises(DataError) as info:
        load_syllabus(_broken(tmp_path, edit))
    assert field in info.value.column
    assert info.value.pesan != str(info.value)  # Indonesian message differs from the English one


def test_invalid_yaml_and_missing_file(tmp_path):
    bad = tmp_path / "silabus.yaml"
    bad.write_text("judul: x\n  sesi: [\n", encoding="utf-8")
    with pytest.raises(DataError, match="YAML"):
        load_syllabus(bad)
    with pytest.raises(DataError, match="not found"):
        load_syllabus(tmp_path / "tidak_ada.yaml")


def test_committed_overview_is_up_to_date(syl):
    # curriculum/ikhtisar_silabus.{md,html} are generated: `python -m simulations.course.curriculum`
    folder = ROOT / "curriculum"
    assert (folder / "ikhtisar_silabus.md").read_text(encoding="utf-8") == overview_markdown(syl)
    assert (folder / "ikhtisar_silabus.html").read_text(encoding="utf-8") == overview_html(syl)


def _heading_slugs(markdown: Path) -> set[str]:
    """GitHub-style anchors of a Markdown file's headings (lower case, punctuation dropped, spaces -> -)."""
    slugs = set()
    for line in markdown.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            title = line.lstrip("#").strip().lower()
            slugs.add(re.sub(r"[^\w\- ]", "", title).replace(" ", "-"))
    return slugs


def test_every_guide_links_to_existing_answer_keys(syl):
    link = re.compile(r"\]\((\.\./[^)]+)\)")
    for s in syl.sessions:
        guide = ROOT / "curriculum" / s.guide
        text = guide.read_text(encoding="utf-8")
        targets = link.findall(text)
        assert any("kunci/" in t for t in targets), f"{s.guide} links to no answer key"
        for target in targets:
            path, _, anchor = target.partition("#")
            file = (guide.parent / path).resolve()
            assert file.is_file(), f"{s.guide}: broken link {target}"
            if anchor:
                assert anchor in _heading_slugs(file), f"{s.guide}: no heading #{anchor} in {path}"
        assert "Bila terjadi gangguan" in text and "make lab" in text


# ------------------------------------------------------------------ timing (issue 12): notebooks, guides, day plan
_WAKTU = re.compile(r"\*\*Waktu:?\*\*:?\s*(\d+) JP \((\d+) menit\)(?:\s*—\s*([^\n;]*))?")
_PART = re.compile(r"([\w-]+) (\d+) menit")


def _first_markdown(nb_path: Path) -> str:
    import json

    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    return "".join(next(c for c in nb["cells"] if c["cell_type"] == "markdown")["source"])


def test_each_notebook_states_its_jp_in_minutes(syl):
    from simulations.course.schedule import plan

    plans = plan(syl)
    for s in syl.sessions:
        for name in s.notebooks:
            m = _WAKTU.search(_first_markdown(ROOT / "notebooks" / f"{name}.ipynb"))
            assert m, f"{name}: no '**Waktu**: N JP (M menit)' line in the first cell"
            jp, minutes = int(m.group(1)), int(m.group(2))
            assert jp == s.jp, (name, jp, s.jp)
            assert minutes == s.jp * syl.minutes_per_jp, (name, minutes)
            assert m.group(3), f"{name}: the Waktu line gives no minutes per activity"
            parts = {k: int(v) for k, v in _PART.findall(m.group(3))}
            assert sum(parts.values()) == minutes, (name, parts)
            # the parts are the core sections' planned minutes per activity (metadata.tangguh; issue 18),
            # which the syllabus' rincian_jp rounds to whole JP (tests/test_schedule.py)
            assert parts == plans[s.code].by_kind(), name


def test_each_guide_states_its_jp_in_minutes(syl):
    for s in syl.sessions:
        text = (ROOT / "curriculum" / s.guide).read_text(encoding="utf-8")
        m = _WAKTU.search(text)
        assert m, s.guide
        assert (int(m.group(1)), int(m.group(2))) == (s.jp, s.jp * syl.minutes_per_jp), s.guide


def _minutes(hhmm: str) -> int:
    h, m = map(int, hhmm.split(":"))
    return 60 * h + m


def test_schedule_has_opening_closing_and_the_breaks_of_a_bimtek_day(syl):
    slots = schedule(syl)
    plan = syl.day_plan
    assert plan.opening and plan.closing
    first, last = slots[0], slots[-1]
    assert (first.day, first.session, first.start) == (1, None, syl.start_time)
    assert first.activity == plan.opening[0]
    assert _minutes(first.end) - _minutes(first.start) == plan.opening[1]
    assert (last.day, last.session, last.activity) == (syl.days, None, plan.closing[0])
    assert _minutes(last.end) - _minutes(last.start) == plan.closing[1]
    for day in range(1, syl.days + 1):
        today = [sl for sl in slots if sl.day == day]
        teach = [sl for sl in today if sl.session is not None]
        pauses = [sl for sl in today if sl.session is None and sl not in (first, last)]
        # arithmetic: the day's span = JP minutes + break minutes + ceremonies
        span = _minutes(today[-1].end) - _minutes(today[0].start)
        jp_min = sum(sl.jp for sl in teach) * syl.minutes_per_jp
        other = sum(_minutes(sl.end) - _minutes(sl.start) for sl in today if sl.session is None)
        assert span == jp_min + other
        assert sum(sl.jp for sl in teach) == syl.jp_per_day
        # one ISHOMA of the planned length after lunch_after_jp JP, short breaks between the other 2-JP blocks
        lunches = [sl for sl in pauses if sl.activity.startswith("ISHOMA")]
        assert len(lunches) == 1
        assert _minutes(lunches[0].end) - _minutes(lunches[0].start) == plan.lunch_min
        jp_before_lunch = sum(
            sl.jp for sl in teach if _minutes(sl.end) <= _minutes(lunches[0].start)
        )
        assert jp_before_lunch == plan.lunch_after_jp
        assert len(pauses) == syl.jp_per_day // 2 - 1
        for sl in pauses:
            if sl not in lunches:
                assert _minutes(sl.end) - _minutes(sl.start) == plan.break_min
        # the afternoon break for salat Asar exists and starts at 15:00 or later
        assert any(
            sl.activity == plan.afternoon_label and _minutes(sl.start) >= 15 * 60 for sl in pauses
        )
    # no slot overlaps and the whole course is taught
    for a, b in zip(slots, slots[1:], strict=False):
        if a.day == b.day:
            assert a.end == b.start
    assert sum(sl.jp for sl in slots) == syl.jp_total


def test_day_plan_is_validated(tmp_path):
    with pytest.raises(DataError) as info:
        load_syllabus(_broken(tmp_path, lambda r: r["jadwal"]["pembukaan"].update(menit=0)))
    assert "jadwal.pembukaan" in info.value.column
    with pytest.raises(DataError):
        load_syllabus(_broken(tmp_path, lambda r: r["jadwal"].update(ishoma_menit="enam puluh")))


def test_markdown_is_rendered_by_the_library_and_raw_html_is_escaped():
    from simulations.course.curriculum import markdown_to_html

    page = markdown_to_html(
        "# Judul <script>alert(1)</script>\n\n"
        "| a | b |\n|---|---|\n| **x** | `y` |\n\n"
        "- rujukan (https://contoh.go.id/a_b) dan contoh.go.id\n\n"
        "> kutipan *miring*\n",
        title="<b>uji</b>",
    )
    assert_well_formed(page)
    assert "<script" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<title>&lt;b&gt;uji&lt;/b&gt;</title>" in page
    assert "<td><strong>x</strong></td>" in page and "<td><code>y</code></td>" in page
    assert '(<a href="https://contoh.go.id/a_b">https://contoh.go.id/a_b</a>)' in page
    assert page.count("<a ") == 1  # bare domain names are not guessed into links
    assert "<blockquote>" in page and "<em>miring</em>" in page
