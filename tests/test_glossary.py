"""One word per concept: discouraged variants from curriculum/glosarium.yaml appear nowhere participants read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from simulations.core.errors import DataError
from simulations.course.glossary import course_texts, find, load_glossary, violations

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def terms():
    return load_glossary()


def _fmt(found) -> str:
    return "\n".join(str(v) for v in found)


@pytest.mark.parametrize("part", ["notebooks", "guides", "keys", "syllabus", "bank", "package"])
def test_no_discouraged_variant(part, terms):
    found = violations(parts=[part], terms=terms)
    assert found == [], _fmt(found)


def test_every_part_is_actually_read():
    seen = {
        place.split("/")[0] if not place.startswith("curriculum") else place.split("/")[1]
        for place, _ in course_texts()
    }
    assert {
        "notebooks",
        "panduan_fasilitator",
        "kunci",
        "silabus.yaml",
        "bank_soal.yaml",
        "simulations",
    } <= seen


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kita memakai lima elemen.", ["elemen"]),
        ("Jalankan sel cek di bawah.", ["sel cek"]),
        ("Bandingkan takedown dan take-down.", ["takedown", "take-down"]),
        ("Moderasi akun penyebar utama", ["Moderasi"]),
        ("akun yang dimoderasi", ["dimoderasi"]),
        ("akun dibungkam saat respons", ["dibungkam"]),
        ("pesan dalam Bahasa Indonesia", ["Bahasa Indonesia"]),
        ("bila Internet lemah", ["Internet"]),
        ("jarak antar-\nkubu dan antar kelompok", ["antar-\nk", "antar kelompok"]),
    ],
)
def test_checker_finds_each_variant(text, expected, terms):
    assert [v.found for v in find(text, terms)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Penguatan moderasi beragama (Perpres 58/2023) dan Moderasi Beragama",
        "Modul 4 `04_literasi_digital_moderasi_beragama` dan https://contoh.id/indeks-moderasi-akun",
        "| Internet | perlu selama bekerja |",
        "program Internet Positif dan Internet Sehat",
        "Bahasa Indonesia dipakai di seluruh buku kerja.",
        "selang kepercayaan 95% antar-*seed*, antar-OPD, antarkubu",
        "tanpa membungkam kritik warga; pemutusan akses oleh kementerian",
        "unsur ekonomi; sel periksa; bahasa Indonesia; internet",
    ],
)
def test_checker_accepts_correct_usage(text, terms):
    assert find(text, terms) == []


def test_code_cell_strings_are_checked(tmp_path, terms):
    nb = {
        "cells": [
            {
                "cell_type": "code",
                "id": "a",
                "metadata": {},
                "source": ['x = {"Semua moderasi": 1}  # moderasi\n'],
            },
            {"cell_type": "markdown", "id": "b", "metadata": {}, "source": ["lima elemen"]},
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "99_x.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    found = violations(tmp_path, parts=["notebooks"], terms=terms)
    # the string literal and the comment are both read by participants
    assert [(v.place, v.found) for v in found] == [
        ("notebooks/99_x.ipynb#a:1", "moderasi"),
        ("notebooks/99_x.ipynb#a:2", "moderasi"),
        ("notebooks/99_x.ipynb#b:1", "elemen"),
    ]


def test_glossary_rejects_bad_pattern(tmp_path):
    p = tmp_path / "g.yaml"
    p.write_text(
        yaml.safe_dump(
            {"istilah": [{"istilah": "x", "definisi": "y", "hindari": [{"pola": "("}]}]}
        ),
        encoding="utf-8",
    )
    with pytest.raises(DataError, match="pattern"):
        load_glossary(p)


def test_every_term_has_definition_and_variants(terms):
    assert len(terms) >= 8
    for t in terms:
        assert t.definition and t.avoid, t.term


# ------------------------------------------------------------------------------ acronyms (issue 18)
def test_every_acronym_the_notebooks_use_is_in_the_participant_glossary():
    from simulations.course.glossary import acronym_problems

    assert acronym_problems() == []


def test_the_glossary_names_the_acronyms_participants_meet_first():
    from simulations.course.glossary import load_acronyms

    acronyms, _ = load_acronyms()
    listed = {a.abbr for a in acronyms}
    assert {
        "ASN",
        "Kesbangpol",
        "FKDM",
        "FKUB",
        "BSSN",
        "PDNS",
        "PDP",
        "ITE",
        "JP",
        "Bimtek",
    } <= listed
    assert len(acronyms) >= 100
    assert all(a.meaning and a.meaning[0] != " " for a in acronyms)


def test_notebook_00_and_the_handbook_show_the_list():
    import json

    from simulations.course.glossary import ACRONYM_PAGE, acronym_page, acronyms_markdown

    nb = json.loads((ROOT / "notebooks" / "00_mulai_di_sini.ipynb").read_text(encoding="utf-8"))
    code = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
    assert any("acronyms_markdown()" in c for c in code)
    page = (ROOT / "curriculum" / ACRONYM_PAGE).read_text(encoding="utf-8")
    assert page == acronym_page(), "run: python -m simulations.course.glossary --singkatan"
    table = acronyms_markdown()
    assert table.startswith("| Singkatan | Kepanjangan atau arti |")
    assert "| **BSSN** | Badan Siber dan Sandi Negara |" in table
    assert "curriculum/*glosarium*" in (ROOT / "book" / "_toc.yml").read_text(encoding="utf-8")


def test_acronym_check_bites(tmp_path):
    import json

    from simulations.course.glossary import acronym_problems

    (tmp_path / "notebooks").mkdir()
    (tmp_path / "curriculum" / "panduan_fasilitator").mkdir(parents=True)
    cells = [
        {
            "cell_type": "markdown",
            "id": "a",
            "metadata": {},
            "source": "# Judul\n\nKoordinasi BPBD dan `XYZ` (https://ABC.id).",
        },
        {
            "cell_type": "markdown",
            "id": "r",
            "metadata": {},
            "source": "## Referensi\n\n- PNAS 2021",
        },
    ]
    (tmp_path / "notebooks" / "99_x.ipynb").write_text(
        json.dumps({"cells": cells}), encoding="utf-8"
    )
    g = tmp_path / "g.yaml"
    g.write_text(
        yaml.safe_dump(
            {"singkatan": [{"singkatan": "UU", "arti": "undang-undang"}], "bukan_singkatan": []},
            allow_unicode=True,
        ),
        encoding="utf-8",
    )
    found = acronym_problems(tmp_path, g)
    assert found[0].startswith("BPBD (e.g. notebooks/99_x.ipynb#a)")
    assert "UU is listed in singkatan but used in no notebook or guide" in found
    assert len(found) == 2  # inline code, web addresses and reference lists are not read


def test_bad_acronym_entries_are_refused(tmp_path):
    from simulations.course.glossary import load_acronyms

    g = tmp_path / "g.yaml"
    g.write_text(yaml.safe_dump({"singkatan": [{"singkatan": "UU"}]}), encoding="utf-8")
    with pytest.raises(DataError, match="arti"):
        load_acronyms(g)
    g.write_text(
        yaml.safe_dump(
            {"singkatan": [{"singkatan": "UU", "arti": "a"}, {"singkatan": "UU", "arti": "b"}]}
        ),
        encoding="utf-8",
    )
    with pytest.raises(DataError, match="twice"):
        load_acronyms(g)
