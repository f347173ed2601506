"""The words the evaluation report uses for items and gains (one place for the report and its tables).

:mod:`simulations.course.evaluation` assigns them; :mod:`simulations.course.report_tables` reads
them to write the trainer's summary and next steps. Categories: Hake (1998) for the normalised
gain; Ebel & Frisbie (1991) for the discrimination index, with "perlu direvisi" and "periksa
kunci" reserved for items whose whole 95 % interval lies outside the acceptable range
(:mod:`simulations.course.intervals`).
"""

from __future__ import annotations

import math

__all__ = [
    "KEY_FLAG",
    "MASTERED",
    "NOBODY",
    "REVISE",
    "REVISE_FLAG",
    "UNSURE",
    "gain_category",
]

MASTERED = {
    "post": "dikuasai semua peserta",
    "pre": "sudah dikuasai semua sebelum pelatihan",
}
"""Label of an item every participant answered correctly (it cannot discriminate)."""
NOBODY = "tidak ada yang menjawab benar"
REVISE = "perlu direvisi"
"""Discrimination label when the whole 95 % interval of D lies below 0.20."""
UNSURE = "rendah, belum pasti"
"""Discrimination label when D < 0.20 but its interval still reaches 0.20."""
KEY_FLAG = "periksa kunci: korelasi r negatif (seluruh IK 95 % di bawah 0)"
REVISE_FLAG = "tulis ulang soal: daya pembeda rendah (seluruh IK 95 % di bawah 0,20)"


def gain_category(g: float) -> str:
    """Return Hake's category: ``"tinggi"`` (g ≥ 0.7), ``"sedang"`` (0.3 ≤ g < 0.7), ``"rendah"``, or ``"-"`` for NaN."""
    if g is None or math.isnan(g):
        return "-"
    if g >= 0.7:
        return "tinggi"
    if g >= 0.3:
        return "sedang"
    return "rendah"
