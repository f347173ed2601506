"""The programme brief's coverage map (curriculum/cakupan.yaml) stays true to notebooks, guides and bank."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from simulations.core.errors import DataError
from simulations.course.coverage import (
    ITEM_IDS,
    bank_tags,
    guide_headings,
    load_coverage,
    normalise_words,
    problems,
    questions_by_item,
    section_text,
    word_problems,
)

ROOT = Path(__file__).resolve().parent.parent

# Heading cells of the sections written for issue 12 (public communication, cyber security, values and
# culture, national policy, regional cases): items taught nowhere before must point at one of them.
NEW_SECTIONS = frozenset(
    {
        "nb01-unsur-ekonomi-digital",
        "nb01-nilai-budaya",
        "nb01-kebijakan-nasional",
        "nb03-komunikasi-publik",
        "nb03-debunk-prebunk",
        "nb03-siapa-berwenang",
        "nb03-kasus-daerah",
        "nb05-keamanan-siber",
        "nb05-kasus-daerah",
        "nb06-latihan-klarifikasi",
        "nb06-kasus-daerah",
        "nb04-ujaran-kebencian",
    }
)


@pytest.fixture(scope="module")
def items():
    return load_coverage()


def test_every_item_of_the_brief_is_listed_once(items):
    assert [i.id for i in items] == list(ITEM_IDS)
    # 34 items of the brief plus ujaran kebencian, which the brief names twice (issue 18)
    assert len(ITEM_IDS) == 35


def test_every_item_has_a_notebook_section_and_a_guide_section(items):
    for item in items:
        assert item.notebooks, item.id
        assert item.guides, item.id
        assert item.label


def test_referenced_notebooks_cells_and_guide_headings_exist(items):
    assert problems(items) == []


def test_every_new_section_is_in_the_map(items):
    referenced = {r.cell for i in items for r in i.notebooks}
    assert NEW_SECTIONS <= referenced


def test_items_not_taught_today_point_at_a_new_section(items):
    # Honest mapping: these were taught nowhere before the new sections; they must point at one.
    for item_id in (
        "unsur.ekonomi",
        "tantangan.degradasi_nilai_budaya",
        "tantangan.keamanan_siber",
        "tujuan.komunikasi_publik",
        "kebijakan.rpjmn",
        "kebijakan.prioritas_kemendagri",
        "tantangan.ujaran_kebencian",
    ):
        item = next(i for i in items if i.id == item_id)
        assert any(r.cell in NEW_SECTIONS for r in item.notebooks), item_id


def test_every_bank_tag_is_a_known_item():
    tags = bank_tags()
    unknown = [(q, t) for q, ts in tags.items() for t in ts if t not in ITEM_IDS]
    assert unknown == []


def test_every_item_is_assessed_by_a_question():
    tags = bank_tags()
    assert tags, "curriculum/bank_soal.yaml has no `cakupan` tags"
    by_item = questions_by_item(tags)
    assert [i for i, qs in by_item.items() if not qs] == []


# -------------------------------------------------------------------------- the checker bites
def _write(tmp_path, data) -> Path:
    p = tmp_path / "cakupan.yaml"
    p.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return p


def _raw():
    return yaml.safe_load((ROOT / "curriculum" / "cakupan.yaml").read_text(encoding="utf-8"))


def test_missing_item_is_rejected(tmp_path):
    data = _raw()
    data["butir"] = [b for b in data["butir"] if b["id"] != "contoh.gnld"]
    with pytest.raises(DataError, match="contoh.gnld") as err:
        load_coverage(_write(tmp_path, data))
    assert "contoh.gnld" in err.value.pesan


def test_item_without_notebook_section_is_rejected(tmp_path):
    data = _raw()
    data["butir"][0]["notebook"] = []
    with pytest.raises(DataError, match="notebook"):
        load_coverage(_write(tmp_path, data))


def test_unknown_id_and_duplicate_are_rejected(tmp_path):
    data = _raw()
    data["butir"][0]["id"] = "unsur.tidak_ada"
    with pytest.raises(DataError, match="unsur.tidak_ada"):
        load_coverage(_write(tmp_path, data))
    data = _raw()
    data["butir"][1]["id"] = data["butir"][0]["id"]
    with pytest.raises(DataError, match="twice"):
        load_coverage(_write(tmp_path, data))


def test_bad_references_are_reported(tmp_path, items):
    data = _raw()
    data["butir"][0]["notebook"] = [
        {"notebook": "01_konsep_ketahanan_sosial.ipynb", "cell": "tidak-ada"}
    ]
    data["butir"][1]["notebook"] = [{"notebook": "99_tidak_ada.ipynb", "cell": "c00"}]
    data["butir"][2]["panduan"] = [
        {
            "file": "panduan_fasilitator/01_konsep_ketahanan_sosial.md",
            "judul": "Judul yang tidak ada",
        }
    ]
    # a code cell is not a section heading
    data["butir"][3]["notebook"] = [{"notebook": "01_konsep_ketahanan_sosial.ipynb", "cell": "c01"}]
    found = problems(load_coverage(_write(tmp_path, data)))
    text = "\n".join(found)
    assert "'tidak-ada'" in text
    assert "99_tidak_ada.ipynb does not exist" in text
    assert "Judul yang tidak ada" in text
    assert "'c01' is not a markdown heading" in text


def test_unknown_bank_tag_is_reported(items):
    found = problems(items, tags={"M1-01": ["unsur.budaya", "unsur.salah"]})
    assert found == ["question M1-01: unknown cakupan tag 'unsur.salah'"]
    assert questions_by_item({"M1-01": ["unsur.budaya"]})["unsur.budaya"] == ["M1-01"]


def test_guide_headings_ignore_code_blocks(tmp_path):
    p = tmp_path / "g.md"
    p.write_text("# Judul\n\n```python\n# bukan judul\n```\n## Kerja kelompok\n", encoding="utf-8")
    assert guide_headings(p) == {"Judul", "Kerja kelompok"}


# -------------------------------------------------------------------------- the brief's own words (issue 18)
def test_the_briefs_words_appear_where_the_map_says_they_are_taught(items):
    """A participant holding the syllabus finds the brief's words (``kata``) in a core section that teaches them."""
    assert all(i.words for i in items)
    assert word_problems(items) == []


def test_every_item_names_the_briefs_words_it_is_searched_by(items):
    for must in (
        "sinergi",
        "big data",
        "sosialisasi literasi digital",
        "ketahanan informasi",
        "ujaran kebencian",
    ):
        assert any(must in [w.casefold() for w in i.words] for i in items), must


def test_word_check_bites(tmp_path, items):
    data = _raw()
    data["butir"][0]["kata"] = ["kata yang tidak ada di notebook mana pun"]
    found = word_problems(load_coverage(_write(tmp_path, data)))
    assert found == [
        f"{data['butir'][0]['id']}: the brief's words 'kata yang tidak ada di notebook mana pun' appear in no "
        "mapped core section"
    ]
    data["butir"][0].pop("kata")
    assert "no 'kata'" in word_problems(load_coverage(_write(tmp_path, data)))[0]
    data["butir"][0]["kata"] = [3]
    with pytest.raises(DataError, match="kata"):
        load_coverage(_write(tmp_path, data))


def test_words_are_matched_without_markup_quotes_or_dash_variants():
    assert normalise_words(
        'Kolaborasi **multi-stakeholder** dan "program prioritas" Kemendagri'
    ) == ("kolaborasi multi-stakeholder dan program prioritas kemendagri")
    assert normalise_words("RPJMN 2025–2029") == normalise_words("rpjmn 2025-2029")
    text = section_text(ROOT / "notebooks" / "06_kolaborasi_multipihak.ipynb", "nb06-02")
    assert "sinergi" in text and "## 2." not in text
