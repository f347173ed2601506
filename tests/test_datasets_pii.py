"""No personal data in datasets/: scan every file for things that look like NIK, phone numbers, e-mails.

NIK (Nomor Induk Kependudukan) has 16 digits; Indonesian mobile numbers start +62 8… / 62 8… / 08…
with 9–13 digits after; e-mail addresses have a local part, '@' and a domain with a dot.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DATASETS = Path(__file__).resolve().parents[1] / "datasets"
FILES = sorted(p for p in DATASETS.rglob("*") if p.is_file() and "__pycache__" not in p.parts)

NIK = re.compile(r"(?<!\d)\d{16}(?!\d)")
PHONE = re.compile(r"(?<![\w/.=-])(?:\+62|62|0)[\s-]?8\d{1,3}[\s-]?\d{3,4}[\s-]?\d{3,5}(?!\d)")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")


def _scan(text: str) -> list[str]:
    return [
        f"{kind}: {m.group(0)}"
        for kind, rx in (("NIK", NIK), ("telepon", PHONE), ("email", EMAIL))
        for m in rx.finditer(text)
    ]


def test_the_scan_catches_what_it_should():
    assert (
        _scan("nik 3174012345678901 ada")
        and _scan("hubungi 081234567890")
        and _scan("+62 812-3456-7890")
    )
    assert _scan("kirim ke warga@contoh.id")
    assert not _scan("221563479 jiwa, 2024-02-14, L000123, W0042, 12547")


def test_there_are_files_to_scan():
    assert len(FILES) > 30


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(DATASETS)) for p in FILES])
def test_no_personal_data_in_dataset_file(path):
    text = path.read_text(encoding="utf-8", errors="replace")
    hits = _scan(text)
    assert not hits, f"{path.name}: looks like personal data: {hits[:5]}"
