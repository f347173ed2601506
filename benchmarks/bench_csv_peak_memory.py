"""Peak memory of ``data.load_csv`` on a 100 MB CSV whose first data row is bad (issue 11).

Run: ``python benchmarks/bench_csv_peak_memory.py [folder]`` — it writes ``big_bad_row1.csv``
(about 100 MB) into the folder (default: a temporary one), loads it, and prints the error and
the peak resident memory of the process (``ru_maxrss``). The loader should stop at row 1
without reading the whole file.
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

HEADER = (
    "kode_kemendagri,provinsi,cakupan_wilayah,iptik_2022,iptik_2023,iptik_2024,catatan,source\n"
)
GOOD = "11,Aceh,provinsi,,5.88,5.97,,contoh baris yang cukup panjang untuk mengisi berkas\n"
BAD = "11,Aceh,provinsi,,5.88,tinggi,,contoh\n"


def make(folder: Path, size_mb: int = 100) -> Path:
    path = folder / "big_bad_row1.csv"
    n = size_mb * 2**20 // len(GOOD)
    with path.open("w", encoding="utf-8") as fh:
        fh.write(HEADER)
        fh.write(BAD)
        fh.write(GOOD * n)
    return path


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp())
    path = make(folder)
    from simulations import data

    data.resource("iptik_provinsi_2022_2024")  # load the package description first
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0 = time.perf_counter()
    try:
        data.load_csv(path, "iptik_provinsi_2022_2024", allowed_roots=[folder])
    except TypeError:  # before issue 11 there was no allowed_roots argument
        try:
            data.load_csv(path, "iptik_provinsi_2022_2024")
        except data.DataError as exc:
            print("error:", str(exc)[:200])
    except data.DataError as exc:
        print("error:", str(exc)[:200])
    took = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    size = path.stat().st_size / 2**20
    print(
        f"file {size:.0f} MB; peak RSS {peak:.0f} MB (before loading {base:.0f} MB); {took:.2f} s"
    )
    path.unlink()


if __name__ == "__main__":
    main()
