"""Write the long (tidy) table of every real province indicator: ``indonesia/indikator_provinsi_panjang.csv``.

Derived from the wide tables in ``indonesia/`` with :func:`simulations.data.to_long` (one row per
table × province × indicator × year; empty cells are not listed; every row keeps its table name,
province scheme (34/38) and ``cakupan_wilayah`` flag). Rerun after changing a wide table::

    python datasets/make_tidy.py

A test checks that the shipped file equals a fresh run.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
if __package__ in (None, ""):
    sys.path.insert(0, str(HERE.parent))

OUT_NAME = "indikator_provinsi_panjang.csv"


def build():
    """Return the long table of all real province tables (in data-package order)."""
    import pandas as pd

    from simulations import data

    parts = []
    for name in data.resource_names():
        res = data.resource(name)
        if (
            res.get("x-jenis") == "nyata"
            and res.get("x-skema-provinsi")
            and not name.startswith("ref_")
        ):
            if name == "indikator_provinsi_panjang":
                continue
            parts.append(data.to_long(name))
    return pd.concat(parts, ignore_index=True)


def main(out: Path = HERE / "indonesia") -> Path:
    """Write the CSV (UTF-8, ``\\n``, numbers as written by pandas) and return its path."""
    path = Path(out) / OUT_NAME
    build().to_csv(path, index=False, lineterminator="\n", float_format="%.10g")
    return path


if __name__ == "__main__":
    print(main())
