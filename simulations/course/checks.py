"""Check cells for notebook exercises: Indonesian feedback without giving the answer away.

An exercise (``### Latihan N.M``) has a participant cell, where the participant replaces ``None``
with a value, and a check cell that calls one of these functions. The answers themselves live in
the facilitator material (``curriculum/kunci/``), not in the notebook.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from numbers import Real


def check_number(
    answer: object, expected: float, *, tolerance: float = 0.01, unit: str = ""
) -> str:
    """Print (and return) Indonesian feedback on a numeric answer.

    Args:
        answer: The participant's value; ``None`` means "not filled in yet".
        expected: The correct value (computed by the check cell, e.g. from the package), or None
            when there is nothing to compare with yet (e.g. the explorer has not been run).
        tolerance: Largest accepted absolute difference.
        unit: Unit appended to numbers in the feedback (e.g. ``"%"``).

    Returns:
        The feedback text (also printed), never an exception — a check cell must not fail.

    Example:
        >>> check_number(0.8, 0.8)
        Tepat! Jawaban Anda sesuai.
        'Tepat! Jawaban Anda sesuai.'
    """
    if answer is None:
        text = "Belum diisi: ganti None dengan jawaban Anda, jalankan selnya, lalu jalankan sel ini lagi."
    elif (
        isinstance(answer, bool) or not isinstance(answer, Real) or not math.isfinite(float(answer))
    ):
        text = f"Jawaban harus berupa angka (pakai titik sebagai tanda desimal, mis. 0.25), bukan {answer!r}."
    elif expected is None:
        text = "Belum ada hasil untuk dibandingkan: jalankan dulu simulasinya (tombol Jalankan), lalu sel ini lagi."
    elif abs(float(answer) - expected) <= tolerance:
        text = "Tepat! Jawaban Anda sesuai."
    else:
        arah = "terlalu besar" if float(answer) > expected else "terlalu kecil"
        text = (
            f"Belum tepat: {answer}{unit} masih {arah}. Periksa lagi langkah Anda, lalu coba lagi."
        )
    print(text)
    return text


def check_parts(
    answer: object,
    required: Sequence[str],
    *,
    labels: Mapping[str, str] | None = None,
    max_words: int | None = None,
    counted: Sequence[str] | None = None,
) -> str:
    """Print (and return) Indonesian feedback on a structured written answer (e.g. a draft).

    The participant fills a dict of text parts (e.g. the fact–myth–fallacy–fact structure of a
    debunk). The check says which required parts are still empty and whether the counted parts
    fit the word limit; the *quality* is judged with the rubric in the facilitator guide.

    Args:
        answer: A mapping part name → text; ``None`` means "not filled in yet".
        required: Part names that must be non-empty, in order.
        labels: Optional Indonesian label per part for the feedback.
        max_words: Largest total number of words in the counted parts, or None.
        counted: Parts whose words are counted (default: all required parts).

    Returns:
        The feedback text (also printed), never an exception.

    Example:
        >>> _ = check_parts({"fakta": "Air aman diminum."}, ["fakta", "sumber"])
        Belum lengkap: isi bagian sumber.
    """
    labels = dict(labels or {})
    if answer is None:
        text = "Belum diisi: lengkapi setiap bagian di sel peserta, jalankan, lalu jalankan sel ini lagi."
    elif not isinstance(answer, Mapping):
        text = "Jawaban harus berupa kamus (dict) bagian → teks, seperti contoh di sel peserta."
    else:
        empty = [
            labels.get(k, k)
            for k in required
            if not isinstance(answer.get(k), str) or not answer.get(k, "").strip()
        ]
        words = sum(
            len(str(answer.get(k, "")).split())
            for k in (counted if counted is not None else required)
        )
        if empty:
            text = "Belum lengkap: isi bagian " + ", ".join(empty) + "."
        elif max_words is not None and words > max_words:
            text = (
                f"Semua bagian terisi, tetapi pesannya {words} kata — lebih dari batas {max_words}. "
                "Ringkas lagi: pesan singkat lebih mungkin dibaca dan diteruskan."
            )
        else:
            text = (
                f"Lengkap: semua bagian terisi ({words} kata). Nilai mutunya bersama kelompok "
                "dan fasilitator memakai rubrik."
            )
    print(text)
    return text
