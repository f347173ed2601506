"""Timings of the classroom operations of Module 6, the capstone and the evaluation report.

Run: ``python benchmarks/bench_curriculum.py``. Prints one line per operation (median of 3 runs, s).
Timings are for notes only, never test assertions.
"""

from __future__ import annotations

import datetime as dt
import statistics
import tempfile
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

from simulations.course.action_plan import export_docx, export_html, make_plan  # noqa: E402
from simulations.course.evaluation import evaluate, report_html, synthetic_class  # noqa: E402
from simulations.response.collaboration import compare_responses  # noqa: E402


def timed(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    tmp = Path(tempfile.mkdtemp())
    rows = [
        (
            "Modul 6: 3 skenario × 10 seed × 60 langkah, 1.200 orang",
            lambda: compare_responses(10),
        ),
        (
            "Proyek akhir: rencana + 10 seed × 2 skenario × 60 langkah (provinsi)",
            lambda: make_plan(
                "32",
                ["pemantauan", "cek_fakta", "tokoh"],
                seeds=10,
                date=dt.date(2025, 1, 1),
            ),
        ),
        (
            "Proyek akhir: sama, Kabupaten Tangguh Jaya (jaringan sintetis 400 orang)",
            lambda: make_plan(
                "fiktif",
                ["pemantauan", "cek_fakta", "tokoh"],
                seeds=10,
                date=dt.date(2025, 1, 1),
            ),
        ),
    ]
    plan = make_plan("32", ["pemantauan", "tokoh"], seeds=10, date=dt.date(2025, 1, 1))
    rows += [
        ("Ekspor rencana ke HTML", lambda: export_html(plan, tmp / "r.html")),
        ("Ekspor rencana ke DOCX", lambda: export_docx(plan, tmp / "r.docx")),
    ]
    pre, post = synthetic_class(n=30, folder=tmp)
    rows += [
        ("Evaluasi kelas 30 peserta (baca + hitung)", lambda: evaluate(pre, post)),
        (
            "Evaluasi + laporan HTML (4 gambar)",
            lambda: report_html(evaluate(pre, post), tmp / "lap.html"),
        ),
    ]
    for label, fn in rows:
        print(f"{timed(fn):7.3f} s  {label}")


if __name__ == "__main__":
    main()
