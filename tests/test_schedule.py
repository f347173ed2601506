"""The schedule that fits (issue 18): planned minutes per notebook section add up to the syllabus' JP.

Every section heading of the session notebooks carries ``metadata.tangguh`` (planned minutes per
activity, *inti* or *pendalaman*; schema in :mod:`simulations.course.schedule`). The arithmetic rule is
exact: per session, the core minutes are JP × 45 with no tolerance, and the whole core is 30 JP. The
same plan drives the notebook's *Waktu* line and *Tujuan* list, the three-day slide deck (pendalaman
cells are ``skip``), the facilitator guides' timing tables and the syllabus' JP breakdown.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from simulations.core.errors import DataError
from simulations.course.coverage import load_coverage, load_objective_sections
from simulations.course.curriculum import load_syllabus
from simulations.course.curriculum import schedule as day_schedule
from simulations.course.quiz import load_bank
from simulations.course.schedule import (
    GUIDE_END,
    GUIDE_START,
    KINDS,
    MARKER,
    SLIDE_TYPES,
    apportion,
    breaks,
    deck,
    guide_block,
    plan,
    problems,
    read_sections,
    sections_of,
    summary_table,
    tujuan_block,
    waktu_line,
)

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def syl():
    return load_syllabus()


@pytest.fixture(scope="module")
def plans(syl):
    return plan(syl)


@pytest.fixture(scope="module")
def objective_cells():
    return load_objective_sections()


def _nb(name: str) -> dict:
    return json.loads((ROOT / "notebooks" / f"{name}.ipynb").read_text(encoding="utf-8"))


def test_core_minutes_are_exactly_the_jp_of_every_session(syl, plans):
    print("\n" + summary_table(plans))
    for s in syl.sessions:
        assert plans[s.code].core_minutes == s.jp * syl.minutes_per_jp, s.code
    assert (
        sum(p.core_minutes for p in plans.values()) == syl.jp_total * syl.minutes_per_jp == 30 * 45
    )


def test_the_plan_has_no_problems(syl, plans, objective_cells):
    # arithmetic, honesty floors, rincian_jp rounding and every numbered core section named by an objective
    assert problems(syl, plans, objective_cells) == []


def test_every_section_heading_carries_valid_metadata(plans):
    for p in plans.values():
        assert p.sections[0].cell_id == p.sections[0].cells[0]
        for s in p.sections:
            assert s.kind in ("inti", "pendalaman")
            assert set(s.minutes) <= set(KINDS)
            assert all(isinstance(v, int) and v > 0 for v in s.minutes.values())
            # a core section has minutes, unless it replaces one that has (alternatif_dari)
            assert s.total > 0 or not s.core or s.replaces, s.cell_id
        assert p.sections[0].core, "the opening section is always taught"


def test_sessions_00_and_07_hold_the_fifty_minute_pre_and_post_test(plans):
    for code in ("00", "07"):
        assert plans[code].by_kind().get("evaluasi", 0) >= 50, code


def test_no_section_is_planned_below_its_honesty_floor(plans):
    low = []
    for p in plans.values():
        planned = {s.cell_id: s.total for s in p.sections}
        for s in p.sections:
            budget = (
                planned[s.replaces] if s.replaces else s.total
            )  # an alternative: the time it replaces
            if (s.core or s.total) and budget < s.floor:
                low.append((s.notebook, s.cell_id, budget, s.floor))
    assert low == []


def test_the_class_server_game_replaces_the_solo_game():
    """Notebook 09: section 8 (one game on the classroom server) is played instead of section 4."""
    secs = {s.cell_id: s for s in read_sections(ROOT / "notebooks" / "09_latihan_meja.ipynb")}
    assert secs["nb09-kelas"].replaces == "nb09-main" and secs["nb09-kelas"].core
    assert secs["nb09-kelas"].floor <= secs["nb09-main"].total


def test_rincian_jp_is_the_core_plan_rounded_to_whole_jp(syl, plans):
    for s in syl.sessions:
        assert dict(s.jp_breakdown) == apportion(
            plans[s.code].by_kind(), s.jp, syl.minutes_per_jp
        ), s.code


def test_every_numbered_core_section_is_named_by_an_objective(syl, plans, objective_cells):
    named = {(r.notebook, r.cell) for refs in objective_cells.values() for r in refs}
    for s in syl.sessions:
        for sec in plans[s.code].core:
            if sec.number:
                assert any((sec.notebook, c) in named for c in sec.cells), (sec.notebook, sec.title)


def test_opening_cell_states_the_plan_and_names_the_sections(syl, plans, objective_cells):
    for s in syl.sessions:
        first = "".join(_nb(s.notebooks[0])["cells"][0]["source"])
        assert waktu_line(plans[s.code]) in first, s.code
        block = tujuan_block(s, plans[s.code], objective_cells)
        assert block in first, s.code
        for o in s.objectives:
            assert f"**({o.code})**" in block


def test_pendalaman_sections_are_marked_and_skipped_in_the_three_day_deck(syl, plans):
    for s in syl.sessions:
        for name in s.notebooks:
            nb = _nb(name)
            cells = {c["id"]: c for c in nb["cells"]}
            deep = {c for sec in plans[s.code].deep for c in sec.cells}
            for sec in plans[s.code].sections:
                head = "".join(cells[sec.cell_id]["source"])
                if sec is plans[s.code].sections[0]:
                    continue
                assert (MARKER in head) == (not sec.core), (name, sec.title)
            for cid, c in cells.items():
                t = (c["metadata"].get("tangguh") or {}).get("slide_asli")
                slide = c["metadata"]["slideshow"]["slide_type"]
                if cid in deep:
                    assert slide == "skip", (name, cid)
                    assert t is None or t in SLIDE_TYPES, (name, cid)
                else:
                    assert t is None, (name, cid, "core cells keep their own slide type")


def test_the_full_deck_restores_every_slide_type():
    nb = _nb("03_konflik_sosial_daring")
    sections = sections_of(nb, "03_konflik_sosial_daring.ipynb")
    full = copy.deepcopy(nb)
    assert deck(full, sections, full=True)
    assert not any("slide_asli" in (c["metadata"].get("tangguh") or {}) for c in full["cells"])
    # a cell that showed in the full deck is skipped again in the three-day deck, and back
    again = copy.deepcopy(full)
    assert deck(again, sections, full=False)
    assert again == nb
    assert not deck(again, sections, full=False)


def test_guides_carry_the_generated_timing_table(syl, plans):
    day_plan = day_schedule(syl)
    for s in syl.sessions:
        text = (ROOT / "curriculum" / s.guide).read_text(encoding="utf-8")
        a, b = text.index(GUIDE_START), text.index(GUIDE_END) + len(GUIDE_END)
        pauses = breaks(day_plan, s.code, syl.minutes_per_jp)
        assert text[a:b] == guide_block(plans[s.code], pauses), s.guide
        for sec in plans[s.code].deep:
            assert sec.title.split("|")[0] in text[a:b]


def test_prepost_items_test_core_sections(plans):
    """The pre/post-test measures the three-day course: no item's material is a pendalaman section."""
    core = {(s.notebook, c) for p in plans.values() for s in p.core for c in s.cells}
    bank = load_bank()
    assert [it.id for it in bank.prepost if tuple(it.section.split("#")) not in core] == []


def test_every_item_of_the_brief_is_taught_in_a_core_section(plans):
    core = {(s.notebook, c) for p in plans.values() for s in p.core for c in s.cells}
    missing = [
        i.id for i in load_coverage() if not any((r.notebook, r.cell) in core for r in i.notebooks)
    ]
    assert missing == []


# --------------------------------------------------------------------------------- the rules bite
def _write_nb(tmp_path: Path, meta) -> Path:
    cells = [
        {
            "cell_type": "markdown",
            "id": "t",
            "metadata": {"tangguh": {"menit": {"paparan": 2}, "jenis": "inti"}},
            "source": "# Judul",
        },
        {"cell_type": "markdown", "id": "s1", "metadata": meta, "source": "## 1. Bagian"},
    ]
    p = tmp_path / "99_uji.ipynb"
    p.write_text(
        json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}),
        encoding="utf-8",
    )
    return p


@pytest.mark.parametrize(
    ("meta", "words"),
    [
        ({}, "metadata.tangguh"),
        ({"tangguh": {"menit": {"paparan": 5}, "jenis": "wajib"}}, "jenis"),
        ({"tangguh": {"menit": {"ceramah": 5}, "jenis": "inti"}}, "ceramah"),
        ({"tangguh": {"menit": {"demo": -1}, "jenis": "inti"}}, "menit.demo"),
        ({"tangguh": {"menit": {"demo": 2.5}, "jenis": "inti"}}, "menit.demo"),
        ({"tangguh": {"menit": {}, "jenis": "inti"}}, "inti"),
    ],
)
def test_bad_section_metadata_is_refused_naming_notebook_and_cell(tmp_path, meta, words):
    with pytest.raises(DataError) as err:
        read_sections(_write_nb(tmp_path, meta))
    assert "99_uji.ipynb" in str(err.value) and "s1" in str(err.value)
    assert words in str(err.value)
    assert "sel s1" in err.value.pesan


def test_a_pendalaman_reference_list_may_plan_zero_minutes(tmp_path):
    secs = read_sections(_write_nb(tmp_path, {"tangguh": {"menit": {}, "jenis": "pendalaman"}}))
    assert [s.total for s in secs] == [2, 0] and secs[1].number == "1"


def test_problems_name_a_session_that_does_not_add_up(syl, plans):
    broken = dict(plans)
    p = plans["02"]
    broken["02"] = type(p)(p.code, p.title, p.jp + 1, p.minutes_per_jp, p.sections)
    found = problems(syl, broken)
    assert any("session 02" in f and "225" in f for f in found)
    assert problems(syl, plans) == []


def test_apportion_examples():
    assert apportion({"paparan": 50, "demo": 30, "latihan": 60, "diskusi": 40}, 4) == {
        "paparan": 1,
        "praktik": 2,
        "diskusi": 1,
    }
    assert apportion({"paparan": 22, "demo": 6, "latihan": 9, "diskusi": 3, "evaluasi": 50}, 2) == {
        "paparan": 1,
        "evaluasi": 1,
    }


@given(
    st.integers(1, 6).flatmap(
        lambda jp: st.tuples(
            st.just(jp),
            st.lists(st.integers(0, 45 * jp), min_size=len(KINDS) - 1, max_size=len(KINDS) - 1),
        )
    )
)
def test_apportion_keeps_the_jp_and_stays_within_one_jp_of_each_share(case):
    jp, cuts = case
    cuts = sorted(cuts)
    bounds = [0, *cuts, 45 * jp]
    minutes = {k: bounds[i + 1] - bounds[i] for i, k in enumerate(KINDS)}
    out = apportion(minutes, jp)
    assert sum(out.values()) == jp
    shares: dict[str, float] = {}
    from simulations.course.schedule import RINCIAN_OF

    for k, v in minutes.items():
        shares[RINCIAN_OF[k]] = shares.get(RINCIAN_OF[k], 0) + v / 45
    for cat, share in shares.items():
        assert abs(out.get(cat, 0) - share) < 1, (cat, out, shares)


def test_command_line_prints_the_plan_and_finds_no_problem(capsys):
    """``python -m simulations.course.schedule``: the table, exit code 0 (the committed plan fits)."""
    from simulations.course.schedule.__main__ import main

    assert main([]) == 0
    out = capsys.readouterr().out
    assert "| **Jumlah** | **30** | **1350** |" in out
    assert "MASALAH" not in out


def test_command_line_names_a_section_without_a_plan(tmp_path, capsys, monkeypatch):
    """A heading without ``metadata.tangguh`` is reported by notebook and cell, without a traceback."""
    import shutil

    from simulations.course.schedule import __main__ as cli

    for folder in ("curriculum", "notebooks"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    path = tmp_path / "notebooks" / "02_dinamika_sosial_digital.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    head = next(c for c in nb["cells"][1:] if c["metadata"].get("tangguh", {}).get("jenis"))
    del head["metadata"]["tangguh"]
    path.write_text(json.dumps(nb), encoding="utf-8")
    monkeypatch.setattr(cli, "repo_root", lambda: tmp_path)
    assert cli.main(["--terapkan"]) == 1
    out = capsys.readouterr().out
    assert f"MASALAH: 02_dinamika_sosial_digital.ipynb: sel {head['id']}:" in out


def test_an_alternative_section_takes_the_time_of_the_one_it_replaces(tmp_path):
    """``alternatif_dari``: core, no minutes of its own, must name a core section of the notebook."""
    alt = {"menit": {}, "jenis": "inti", "alternatif_dari": "h1"}
    cells = [
        {
            "cell_type": "markdown",
            "id": "t",
            "metadata": {"tangguh": {"menit": {"paparan": 5}, "jenis": "inti"}},
            "source": "# Judul",
        },
        {
            "cell_type": "markdown",
            "id": "h1",
            "metadata": {"tangguh": {"menit": {"latihan": 30}, "jenis": "inti"}},
            "source": "## 1. Main sendiri",
        },
        {
            "cell_type": "markdown",
            "id": "h2",
            "metadata": {"tangguh": alt},
            "source": "## 2. Di server kelas",
        },
    ]
    secs = sections_of({"cells": cells}, "x.ipynb")
    assert [s.replaces for s in secs] == ["", "", "h1"] and secs[2].core and secs[2].total == 0
    for bad in (
        {**alt, "alternatif_dari": "nope"},  # not a section of the notebook
        {**alt, "menit": {"latihan": 5}},  # minutes of its own
        {**alt, "jenis": "pendalaman"},
    ):
        cells[2]["metadata"]["tangguh"] = bad
        with pytest.raises(DataError) as err:
            sections_of({"cells": cells}, "x.ipynb")
        assert "h2" in str(err.value) and err.value.pesan
