"""Peak memory of ``data.load_csv`` on 100 MB CSV files (issues 11 and 17).

Run: ``python benchmarks/bench_csv_peak_memory.py [folder]``. Each case runs in a fresh Python
process (so ``ru_maxrss``, the peak resident memory, is its own) on a file of about 100 MB written
into the folder (default: a temporary one):

* ``bad-row-1`` — an ``iptik_provinsi_2022_2024`` file whose first data row is bad: the loader
  must stop at row 1 without reading the rest (issue 11);
* ``duplicate-ids`` — a ``laporan_warga`` file of valid rows whose report numbers repeat after
  999,999 rows (the pattern ``L\\d{6}`` allows no more): every row is read and parsed before the
  primary-key check refuses the file;
* ``valid-extra-column`` — 999,999 valid ``laporan_warga`` rows with an extra free-text column
  (``strict=False``), loaded into a DataFrame.

Issue 17 measured 1,030 MB for a 100 MB ``laporan_warga`` file. Prints one line per case.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_MB = 100
CASES = ("bad-row-1", "duplicate-ids", "valid-extra-column")

IPTIK_HEADER = (
    "kode_kemendagri,provinsi,cakupan_wilayah,iptik_2022,iptik_2023,iptik_2024,catatan,source\n"
)
IPTIK_GOOD = "11,Aceh,provinsi,,5.88,5.97,,contoh baris yang cukup panjang untuk mengisi berkas\n"
IPTIK_BAD = "11,Aceh,provinsi,,5.88,tinggi,,contoh\n"

REPORT_HEADER = "id_laporan,tanggal,kode_kecamatan,kategori,kanal,jenis_data"
CATEGORIES = ("hoaks_disinformasi", "ujaran_kebencian", "konflik_antarwarga", "layanan_publik")
CHANNELS = ("aplikasi_lapor", "pesan_singkat_wa", "media_sosial", "datang_langsung")


def _report(i: int, extra: str | None = None) -> str:
    day = 1 + i % 28
    month = 1 + (i // 28) % 12
    cells = [
        f"L{1 + i % 999_999:06d}",
        f"2024-{month:02d}-{day:02d}",
        f"TJ0{1 + i % 8}",
        CATEGORIES[i % len(CATEGORIES)],
        CHANNELS[(i // 3) % len(CHANNELS)],
        "sintetis",
    ]
    if extra is not None:
        cells.append(extra)
    return ",".join(cells) + "\n"


def make(folder: Path, case: str, size_mb: int = TARGET_MB) -> tuple[Path, str, dict]:
    """Write the case's file; return (path, table, load_csv keyword arguments)."""
    path = folder / f"{case}.csv"
    target = size_mb * 2**20
    with path.open("w", encoding="utf-8") as fh:
        if case == "bad-row-1":
            fh.write(IPTIK_HEADER + IPTIK_BAD)
            fh.write(IPTIK_GOOD * (target // len(IPTIK_GOOD)))
            return path, "iptik_provinsi_2022_2024", {}
        if case == "duplicate-ids":
            fh.write(REPORT_HEADER + "\n")
            written, i = 0, 0
            while written < target:
                row = _report(i)
                fh.write(row)
                written += len(row)
                i += 1
            return path, "laporan_warga", {}
        fh.write(REPORT_HEADER + ",catatan\n")
        per_row = target // 999_999
        note = "catatan " + "x" * max(0, per_row - len(_report(0, "catatan ")))
        for i in range(999_999):
            fh.write(_report(i, note))
        return path, "laporan_warga", {"strict": False}


def run_case(case: str, folder: Path) -> None:
    """Load one case's file in this process and print its peak memory."""
    path, table, kwargs = make(folder, case)
    from simulations import data
    from simulations.core.errors import DataError

    data.resource(table)  # read the package description and the reference tables first
    data.load_table("kecamatan")
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0 = time.perf_counter()
    outcome = "loaded"
    try:
        df = data.load_csv(path, table, allowed_roots=[folder], **kwargs)
        outcome = f"loaded {len(df):,} rows"
    except DataError as exc:
        outcome = "error: " + str(exc)[:110]
    took = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    size = path.stat().st_size / 2**20
    path.unlink()
    print(
        f"{case:<20} file {size:.0f} MB; peak RSS {peak:.0f} MB (before loading {base:.0f} MB); "
        f"{took:.1f} s; {outcome}"
    )


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--case":
        run_case(sys.argv[2], Path(sys.argv[3]))
        return
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp())
    for case in CASES:
        subprocess.run([sys.executable, __file__, "--case", case, str(folder)], check=True)


if __name__ == "__main__":
    main()
