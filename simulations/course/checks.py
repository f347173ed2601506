"""Check cells for notebook exercises: Indonesian feedback without giving the answer away.

An exercise (``### Latihan N.M``) has a participant cell, where the participant replaces ``None``
with a value, and a check cell that calls one of these functions. The answers themselves live in
the facilitator material (``curriculum/kunci/``), not in the notebook.
"""

from __future__ import annotations

import math
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
