"""One word per concept: discouraged variants from curriculum/glosarium.yaml appear nowhere participants read."""

from __future__ import annotations

import json

import pytest
import yaml

from simulations.core.errors import DataError
from simulations.course.glossary import course_texts, find, load_glossary, violations


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
