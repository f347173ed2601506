"""Real provincial indicators for the notebooks: the index's indicator set, profiles, long tables.

* :data:`INDICATORS_34` and :func:`province_indicators` — the sourced indicators of the resilience
  index in notebook 01 (34-province scheme, all real);
* :data:`ELEMENTS` and :func:`indicator_elements` — which indicator speaks to which element of
  social resilience (gaps shown);
* :func:`province_profile`, :func:`sources_text` — Indonesian text naming every value's table and
  source;
* :func:`to_long` — a province table in long (tidy) form.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from simulations.core.errors import DataError
from simulations.core.formatting import format_id, general_id
from simulations.data.loading import load_table
from simulations.data.messages import show
from simulations.data.package import resource, resource_names
from simulations.data.provinces import provinces
from simulations.data.validation import FLAG_COLUMN

__all__ = [
    "ELEMENTS",
    "INDICATORS_34",
    "indicator_elements",
    "province_indicators",
    "province_profile",
    "sources_text",
    "to_long",
]


# Indicators for the resilience index in notebook 01: 34-province scheme, real sources.
INDICATORS_34: dict[str, dict[str, Any]] = {
    "iptik_2024": {
        "table": "iptik_provinsi_2022_2024",
        "column": "iptik_2024",
        "direction": "+",
        "label": "IP-TIK 2024 (BPS, skala 0–10)",
        "unsur": "informasi",
    },
    "akses_internet_bps_2023": {
        "table": "akses_internet_bps_provinsi_2023",
        "column": "persen_penduduk_5plus_akses_internet_3bln_terakhir_2023",
        "direction": "+",
        "label": "Akses internet penduduk 5+ 2023 (BPS, %)",
        "unsur": "informasi",
    },
    "idi_kebebasan_2023": {
        "table": "idi_provinsi_aspek_kebebasan_kesetaraan",
        "column": "kebebasan_2023",
        "direction": "+",
        "label": "IDI aspek kebebasan 2023 (BPS)",
        "unsur": "politik dan sosial",
    },
    "idi_kesetaraan_2023": {
        "table": "idi_provinsi_aspek_kebebasan_kesetaraan",
        "column": "kesetaraan_2023",
        "direction": "+",
        "label": "IDI aspek kesetaraan 2023 (BPS)",
        "unsur": "politik dan sosial",
    },
    "kub_2019": {
        "table": "kub_provinsi_2019_2023_2024",
        "column": "kub_2019",
        "direction": "+",
        "label": "Indeks Kerukunan Umat Beragama 2019 (Kemenag)",
        "unsur": "nilai dan budaya",
    },
    "literasi_digital_2021": {
        "table": "literasi_digital_provinsi_2021_2022",
        "column": "indeks_2021",
        "direction": "+",
        "label": "Indeks Literasi Digital 2021 (Kominfo–Katadata, parsial)",
        "unsur": "informasi",
    },
}
"""Provincial indicators on the 34-province scheme used by the notebook's index (all real)."""


def province_indicators(spec: Mapping[str, Mapping[str, Any]] | None = None) -> pd.DataFrame:
    """Return a wide table: one row per province of the 34-province scheme, one column per indicator.

    Args:
        spec: ``{name: {"table", "column", ...}}``; default :data:`INDICATORS_34`. All tables
            must use the same province scheme (checked).

    Returns:
        Columns ``kode_kemendagri``, ``provinsi``, ``cakupan_wilayah`` and one per indicator;
        missing values stay missing (NaN). The old Papua rows are labelled
        "Papua (wilayah sebelum 2022)" and "Papua Barat (wilayah sebelum 2022)". ``attrs["sumber"]`` lists the tables used and
        ``attrs["catatan"]`` their caveats.
    """
    spec = INDICATORS_34 if spec is None else spec
    base = None
    sources: list[str] = []
    notes: list[str] = []
    schemes = set()
    for name, s in spec.items():
        t = load_table(s["table"])
        schemes.add(t.attrs["skema_provinsi"])
        if len(schemes) > 1:
            raise DataError(
                f"indicator {name!r} comes from a table on another province scheme",
                f"Indikator '{name}' berasal dari tabel dengan skema provinsi berbeda (34 vs 38).",
                file=t.attrs["sumber"],
            )
        part = t.loc[
            t["kode_kemendagri"] != "00", ["kode_kemendagri", "provinsi", FLAG_COLUMN, s["column"]]
        ]
        part = part.rename(columns={s["column"]: name})
        if base is None:
            base = part
        else:
            base = base.merge(
                part.drop(columns=["provinsi", FLAG_COLUMN]), on="kode_kemendagri", how="outer"
            )
        if t.attrs["sumber"] not in sources:
            sources.append(t.attrs["sumber"])
            notes.extend(f"{t.attrs['sumber']}: {c}" for c in t.attrs["catatan"])
    assert base is not None
    old = base[FLAG_COLUMN] == "papua_sebelum_2022"
    base.loc[old, "provinsi"] = base.loc[old, "provinsi"] + " (wilayah sebelum 2022)"
    base = base.sort_values("kode_kemendagri").reset_index(drop=True)
    base.attrs.update({"skema_provinsi": schemes.pop(), "sumber": sources, "catatan": notes})
    return base


ELEMENTS = ("nilai dan ideologi", "budaya", "ekonomi", "informasi", "politik dan sosial")
"""The five elements of public social resilience used in the course (a working concept, not a statute)."""


def indicator_elements(spec: Mapping[str, Mapping[str, Any]] | None = None) -> pd.DataFrame:
    """Return which shipped indicator speaks to which of the five elements (gaps included).

    An indicator may speak to two elements (e.g. the religious-harmony index to values *and*
    culture); an element without any indicator is listed with ``indikator = None`` so the gap is
    visible rather than hidden.
    """
    spec = INDICATORS_34 if spec is None else spec
    rows = []
    for element in ELEMENTS:
        hits = [
            (k, s)
            for k, s in spec.items()
            if element in s.get("unsur", "") or s.get("unsur", "") in element
        ]
        if not hits:
            rows.append(
                {
                    "unsur": element,
                    "indikator": None,
                    "label": "— belum ada indikator di datasets/",
                    "tabel": None,
                }
            )
        for k, s in hits:
            rows.append(
                {"unsur": element, "indikator": k, "label": s["label"], "tabel": s["table"]}
            )
    return pd.DataFrame(rows)


def sources_text(tables: Iterable[str]) -> str:
    """Return an Indonesian note naming each table's title, reliability, caveats and licence note."""
    lines = []
    if isinstance(tables, str):
        tables = [tables]
    for name in tables:
        name = name[:-4] if isinstance(name, str) and name.endswith(".csv") else name
        res = resource(name)
        lines.append(f"• {res['title']} [{res['path']}] — keandalan: {res.get('x-keandalan', '?')}")
        for note in res.get("x-catatan", []):
            lines.append(f"    – {note}")
    lines.append(
        "Sumber per baris ada di kolom 'source' setiap tabel; ringkasan di datasets/SOURCES.md. "
        "Lisensi: angka publik yang ditranskripsi; hak atas sumber tetap pada penerbitnya."
    )
    return "\n".join(lines)


def _fmt_value(v: Any) -> str:
    v = float(v)
    return format_id(v, 0) if v.is_integer() else general_id(v)


def province_profile(code: str) -> str:
    """Return every shipped value for one province, each with its table (never mixed across sources).

    Args:
        code: Kemendagri code, e.g. ``"53"``.
    """
    ref = provinces().set_index("kode_kemendagri")
    if not isinstance(code, str) or code not in ref.index:
        code = show(code)
        raise DataError(
            f"unknown province code {code!r}",
            f"Kode provinsi '{code}' tidak dikenal. Contoh kode: 11 (Aceh), 31 (DKI Jakarta), 53 (NTT), 91 (Papua).",
            column="kode_kemendagri",
        )
    lines = [f"{ref.loc[code, 'nama_provinsi_kemendagri']} (kode {code}):"]
    for name in resource_names():
        res = resource(name)
        if (
            res.get("x-jenis") != "nyata"
            or not res.get("x-skema-provinsi")
            or name.startswith("ref_")
        ):
            continue
        t = load_table(name)
        row = t[t["kode_kemendagri"] == code]
        if row.empty:
            lines.append(
                f"  · {res['title']}: tidak ada baris untuk provinsi ini (skema {res['x-skema-provinsi']} provinsi)."
            )
            continue
        row = row.iloc[0]
        units = {f["name"]: f.get("unit", "") for f in res["schema"]["fields"]}
        values = [
            f"{c} = {_fmt_value(row[c])} {units[c]}".strip()
            for c in t.columns
            if c not in ("kode_kemendagri", "peringkat_2019")
            and pd.api.types.is_numeric_dtype(t[c])
            and pd.notna(row[c])
        ]
        flag = (
            " [wilayah sebelum pemekaran 2022]"
            if row.get(FLAG_COLUMN) == "papua_sebelum_2022"
            else ""
        )
        lines.append(
            f"  · {res['title']}{flag}: " + ("; ".join(values) if values else "kosong di sumber")
        )
    return "\n".join(lines)


def to_long(name: str) -> pd.DataFrame:
    """Return a province table in long (tidy) form: one row per province × indicator × year.

    Numeric columns are melted; the year comes from the column's ``x-tahun`` in the data package
    (or the table's, when the table covers one year). Empty cells are dropped (a long table lists
    what exists); the wide table keeps them visible.

    Args:
        name: A table with ``kode_kemendagri`` (see :func:`resource_names`).

    Returns:
        Columns ``tabel, skema_provinsi, kode_kemendagri, provinsi, cakupan_wilayah, indikator,
        kolom_sumber, tahun, nilai, satuan, source`` (``source`` copied from the wide table's row).
    """
    res = resource(name)
    t = load_table(name)
    if "kode_kemendagri" not in t.columns or name.startswith("ref_"):
        raise DataError(
            f"{name} is not a province table",
            f"Tabel {name} bukan tabel provinsi.",
            file=res["path"],
        )
    table_year = str(res.get("x-tahun", ""))
    rows = []
    for f in res["schema"]["fields"]:
        col = f["name"]
        if col == "kode_kemendagri" or f["type"] not in ("integer", "number"):
            continue
        year = f.get("x-tahun") or (int(table_year) if re.fullmatch(r"\d{4}", table_year) else None)
        if year is None:
            continue
        indicator = re.sub(r"_?20\d\d_?", "_", col).strip("_")
        src = t["source"] if "source" in t.columns else pd.Series("", index=t.index)
        part = (
            t[["kode_kemendagri", "provinsi", FLAG_COLUMN, col]]
            .assign(_src=src)
            .dropna(subset=[col])
        )
        for rec in part.itertuples(index=False):
            rows.append(
                {
                    "tabel": name,
                    "skema_provinsi": res.get("x-skema-provinsi"),
                    "kode_kemendagri": rec[0],
                    "provinsi": rec[1],
                    "cakupan_wilayah": rec[2],
                    "indikator": indicator,
                    "kolom_sumber": col,
                    "tahun": int(year),
                    "nilai": float(rec[3]),
                    "satuan": f.get("unit", ""),
                    "source": rec[4] or "",
                }
            )
    return pd.DataFrame(rows)
