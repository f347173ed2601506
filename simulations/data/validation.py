"""Validation rules of the course datasets, checked against their Data Package description.

Every CSV — the shipped tables and a participant's own regional CSV alike — is checked when it is
loaded (:func:`simulations.data.load_csv`):

* no column name is repeated; every column of the schema is present (and, with ``strict=True``, no
  unknown column);
* required cells are filled; integers, numbers, dates and year-months parse (a decimal comma gets
  a hint); values respect ``minimum``/``maximum``, ``enum`` and ``pattern``;
* cells a spreadsheet would run as a formula, control characters, markup (``<script>``, ``</b>``)
  and huge cells are refused;
* dates and year-months lie no later than today (a report dated 2099-12-31 is refused);
* the primary key is unique;
* totals match their parts where the description declares them (``x-jumlah-dari``: a column is
  the sum of others in its row, e.g. ``total_jiwa``; ``x-baris-total``: a total row, e.g. kode
  ``00`` or kategori ``TOTAL``, against the other rows);
* foreign keys resolve: an unknown province code (``kode_kemendagri``) or an unknown kecamatan is
  rejected; a table on the 34-province scheme may not carry codes 93–96 (the provinces created in
  2022), and its ``cakupan_wilayah`` flag must say ``papua_sebelum_2022`` for codes 91/92; the
  province name must match the code.

Each rule raises :class:`~simulations.core.errors.DataError` naming file, row and column
(:func:`simulations.data.messages.data_error`). Nothing is coerced silently.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from simulations.core.errors import DataError
from simulations.core.formatting import format_id
from simulations.data.messages import CONTROL, data_error, show

__all__ = [
    "FLAG_COLUMN",
    "MAX_CELL_CHARS",
    "OLD_PAPUA_CODES",
    "PAPUA_NEW_CODES",
    "check_constraints",
    "check_foreign_keys",
    "check_header",
    "check_primary_key",
    "check_provinces",
    "check_not_future",
    "check_text_cell",
    "check_totals",
    "parse_cell",
    "resource_dict",
]

PAPUA_NEW_CODES = ("93", "94", "95", "96")
"""Kemendagri codes of the provinces created in 2022 (Papua Selatan, Tengah, Pegunungan, Barat Daya)."""

OLD_PAPUA_CODES = ("91", "92")
"""Codes of Papua and Papua Barat, which cover the pre-2022 territory in 34-province tables."""

FLAG_COLUMN = "cakupan_wilayah"
"""Column saying whether a row is national, a province, or an old (pre-2022) Papua row."""

MAX_CELL_CHARS = 10_000
"""Longest cell accepted (characters); the shipped tables' longest cell has under 800."""

_FORMULA_START = ("=", "+", "-", "@")
_MARKUP = re.compile(r"<\s*/?\s*[A-Za-z!?]")  # <script>, </b>, <img …>, <!-- …; not "<5" or "< 10"

_INT = re.compile(r"^[+-]?\d+$", re.ASCII)
_NUM = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$", re.ASCII)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)
_YM = re.compile(r"^\d{4}-\d{2}$", re.ASCII)  # ASCII: "٥" is a digit to \d and to float()


def parse_cell(value: str, field: dict[str, Any], file: str, row: int) -> Any:
    """Parse one non-empty cell according to the field type; raise DataError if it does not parse."""
    col, typ = field["name"], field["type"]
    if typ == "string":
        return value
    if typ == "integer":
        if _INT.match(value):
            return int(value)
        raise data_error(
            file,
            row,
            col,
            f"'{show(value)}' is not a whole number",
            f"'{show(value)}' bukan bilangan bulat.",
        )
    if typ == "number":
        if _NUM.match(value):
            x = float(value)
            if not math.isfinite(x):
                raise data_error(
                    file,
                    row,
                    col,
                    f"'{show(value)}' is not a finite number",
                    f"'{show(value)}' bukan angka terhingga.",
                )
            return x
        if re.match(r"^[+-]?\d+,\d+$", value):
            raise data_error(
                file,
                row,
                col,
                f"'{show(value)}' is not a number: use a decimal point, not a comma",
                f"'{show(value)}' bukan angka: gunakan titik sebagai pemisah desimal, bukan koma (mis. "
                f"{show(value.replace(',', '.'))}).",
            )
        raise data_error(
            file, row, col, f"'{show(value)}' is not a number", f"'{show(value)}' bukan angka."
        )
    if typ == "date":
        try:
            if not _DATE.match(value):
                raise ValueError
            day = dt.date.fromisoformat(value)
        except ValueError:
            raise data_error(
                file,
                row,
                col,
                f"'{show(value)}' is not a date in the form YYYY-MM-DD",
                f"'{show(value)}' bukan tanggal dengan format TTTT-BB-HH (mis. 2024-02-14).",
            ) from None
        return day
    if typ == "yearmonth":
        if _YM.match(value) and 1 <= int(value[5:]) <= 12:
            return value
        raise data_error(
            file,
            row,
            col,
            f"'{show(value)}' is not a year-month in the form YYYY-MM",
            f"'{show(value)}' bukan tahun-bulan dengan format TTTT-BB (mis. 2019-04).",
        )
    if typ == "boolean":
        low = value.lower()
        if low in ("true", "1", "ya"):
            return True
        if low in ("false", "0", "tidak"):
            return False
        raise data_error(
            file,
            row,
            col,
            f"'{show(value)}' is not true/false",
            f"'{show(value)}' bukan nilai ya/tidak.",
        )
    return value


def check_constraints(value: Any, raw: str, field: dict[str, Any], file: str, row: int) -> None:
    """Check ``enum``, ``pattern``, ``minimum`` and ``maximum`` of one parsed cell."""
    col = field["name"]
    c = field.get("constraints", {})
    if "enum" in c and value not in c["enum"]:
        allowed = ", ".join(map(str, c["enum"]))
        raise data_error(
            file,
            row,
            col,
            f"'{show(raw)}' is not one of the allowed values ({allowed})",
            f"'{show(raw)}' bukan salah satu nilai yang diizinkan ({allowed}).",
        )
    if "pattern" in c and not re.fullmatch(c["pattern"], raw, re.ASCII):
        raise data_error(
            file,
            row,
            col,
            f"'{show(raw)}' does not have the expected form (pattern {c['pattern']})",
            f"'{show(raw)}' tidak sesuai bentuk yang diharapkan (pola {c['pattern']}); kode provinsi "
            "ditulis dua digit, mis. '11' atau '00'."
            if col == "kode_kemendagri"
            else f"'{show(raw)}' tidak sesuai bentuk yang diharapkan (pola {c['pattern']}).",
        )
    if field["type"] in ("date", "yearmonth"):
        check_not_future(value, raw, field, file, row)
        if field["type"] == "date":  # bounds of a date are written as dates (validated)
            c = {
                k: dt.date.fromisoformat(v) if k in ("minimum", "maximum") else v
                for k, v in c.items()
            }
    unit = f" {field['unit']}" if field.get("unit") else ""
    if "minimum" in c and value < c["minimum"]:
        raise data_error(
            file,
            row,
            col,
            f"{show(raw)} is below the minimum {c['minimum']}{unit}",
            f"nilai {show(raw)} di bawah batas minimum {c['minimum']}{unit}.",
        )
    if "maximum" in c and value > c["maximum"]:
        raise data_error(
            file,
            row,
            col,
            f"{show(raw)} is above the maximum {c['maximum']}{unit}",
            f"nilai {show(raw)} di atas batas maksimum {c['maximum']}{unit}.",
        )


def today() -> dt.date:
    """Return today's date (the latest date a cell may hold); tests may replace this function."""
    return dt.date.today()


def check_not_future(value: Any, raw: str, field: dict[str, Any], file: str, row: int) -> None:
    """Refuse a date (or year-month) after today: the tables record what has happened.

    A report dated 2099-12-31 is a typing error (or a made-up record), not an observation.
    """
    now = today()
    late = value > now if isinstance(value, dt.date) else str(value) > f"{now:%Y-%m}"
    if late:
        raise data_error(
            file,
            row,
            field["name"],
            f"'{show(raw)}' is in the future (today is {now.isoformat()})",
            f"tanggal '{show(raw)}' ada di masa depan (hari ini {now.isoformat()}); periksa "
            "tahun dan bulannya.",
        )


def check_header(
    row: list[str], fields: list[dict[str, Any]], file: str, strict: bool
) -> list[str]:
    """Return the stripped header; refuse repeated, missing and (``strict``) unknown columns."""
    header = [h.strip() for h in row]
    found = ", ".join(show(h, 40) for h in header[:12]) + (", …" if len(header) > 12 else "")
    if len(header) == 1 and ";" in header[0]:
        raise data_error(
            file,
            None,
            None,
            "the header has one column containing ';': save the file with commas as separators",
            "judul kolom hanya satu dan berisi ';'. Simpan berkas dengan pemisah koma (CSV UTF-8).",
        )
    seen: set[str] = set()
    for h in header:
        if h in seen:
            raise data_error(
                file,
                None,
                show(h, 40),
                "column name appears twice in the header",
                "nama kolom muncul dua kali di judul.",
            )
        seen.add(h)
    names = [f["name"] for f in fields]
    for name in names:
        if name not in seen:
            raise data_error(
                file,
                None,
                name,
                f"column is missing (columns found: {found})",
                f"kolom ini tidak ada. Kolom yang ditemukan: {found or '(kosong)'}.",
            )
    if strict:
        for h in header:
            if h not in names:
                raise data_error(
                    file,
                    None,
                    show(h, 40),
                    f"unexpected column (the table has: {', '.join(names)})",
                    f"kolom ini tidak dikenal dalam format tabel (kolom yang diharapkan: {', '.join(names)}).",
                )
    return header


def check_text_cell(raw: str, name: str, file: str, row: int) -> None:
    """Refuse huge cells, control characters, markup and cells a spreadsheet would run as formulas.

    Markup (``<script>``, ``</b>``, ``<img …>``, ``<!--``) has no place in a data cell: a note
    shown in a report or a browser must not carry a tag. A ``<`` before a number or a space
    (``<5``, ``< 10``) is text and passes.
    """
    if len(raw) > MAX_CELL_CHARS:
        raise data_error(
            file,
            row,
            name,
            f"the cell has {len(raw)} characters; the limit is {MAX_CELL_CHARS}",
            f"sel berisi {format_id(len(raw), 0)} karakter; batasnya "
            f"{format_id(MAX_CELL_CHARS, 0)}.",
        )
    if CONTROL.search(raw):
        raise data_error(
            file,
            row,
            name,
            f"the cell contains a control character ('{show(raw)}')",
            f"sel berisi karakter kendali yang tidak terlihat ('{show(raw)}'); hapus karakter itu.",
        )
    if _MARKUP.search(raw):
        raise data_error(
            file,
            row,
            name,
            f"the cell '{show(raw)}' contains HTML/markup (a '<' before a tag name); cells hold "
            "plain text",
            f"sel '{show(raw)}' berisi tag HTML (tanda '<' diikuti nama tag, mis. <script>); isi "
            "sel harus teks biasa. Hapus tanda < dan > itu.",
        )
    if raw.startswith(_FORMULA_START) and not _NUM.match(raw):
        raise data_error(
            file,
            row,
            name,
            f"the cell '{show(raw)}' starts with '{raw[0]}' and would run as a formula in a "
            "spreadsheet (CSV formula injection); remove the leading character",
            f"sel '{show(raw)}' diawali '{raw[0]}' sehingga akan dijalankan sebagai rumus di "
            "spreadsheet (injeksi rumus CSV); hapus karakter pertama itu.",
        )


def _bounds_ok(kind: str, constraints: Mapping[str, Any]) -> bool:
    """True if ``minimum``/``maximum`` can be compared with the field's values."""
    for key in ("minimum", "maximum"):
        if key not in constraints:
            continue
        bound = constraints[key]
        if kind in ("integer", "number"):
            ok = isinstance(bound, int | float) and not isinstance(bound, bool)
        elif kind == "date":
            ok = isinstance(bound, str) and bool(_DATE.match(bound))
            try:
                ok = ok and bool(dt.date.fromisoformat(bound))
            except ValueError:
                ok = False
        elif kind == "yearmonth":
            ok = isinstance(bound, str) and bool(_YM.match(bound))
        else:
            ok = isinstance(bound, str)
        if not ok:
            return False
    return True


def resource_dict(table: Any) -> dict[str, Any]:
    """Check a resource given as a dict: a Table Schema with named, typed fields."""
    bad = DataError(
        "table must be a table name or a Data Package resource dict with "
        "schema = {fields: [{name, type}, ...]}",
        "Format tabel harus berupa nama tabel bawaan (mis. 'iptik_provinsi_2022_2024') atau "
        "deskripsi resource Data Package yang berisi schema dan fields.",
        column="table",
    )
    if not isinstance(table, Mapping):
        raise bad
    schema = table.get("schema")
    if not isinstance(schema, Mapping) or not isinstance(schema.get("fields"), list):
        raise bad
    types = {"string", "integer", "number", "date", "yearmonth", "boolean"}
    for f in schema["fields"]:
        if (
            not isinstance(f, Mapping)
            or not isinstance(f.get("name"), str)
            or f.get("type", "string") not in types
            or not isinstance(f.get("constraints", {}), Mapping)
        ):
            raise bad
    names = {f["name"] for f in schema["fields"]}
    numeric = {f["name"] for f in schema["fields"] if f.get("type") in ("integer", "number")}
    for f in schema["fields"]:
        if not _bounds_ok(f.get("type", "string"), f.get("constraints", {})):
            raise bad
        parts = f.get("x-jumlah-dari")
        if parts is not None and (
            f["name"] not in numeric
            or not isinstance(parts, list)
            or not parts
            or not all(isinstance(p, str) and p in numeric for p in parts)
        ):
            raise bad
    total = table.get("x-baris-total")
    if total is not None and (
        not isinstance(total, Mapping)
        or total.get("kolom") not in names
        or not isinstance(total.get("nilai"), str | int)
        or not isinstance(total.get("jumlah"), list)
        or not all(isinstance(c, str) and c in numeric for c in total["jumlah"])
        or not all(isinstance(c, str) and c in names for c in total.get("per", []))
        or total.get("rincian", "lengkap") not in ("lengkap", "sebagian")
    ):
        raise bad

    def listed(value: Any) -> list[Any]:
        return [value] if isinstance(value, str) else value if isinstance(value, list) else [None]

    pk = schema.get("primaryKey")
    if pk is not None and not all(k in names for k in listed(pk)):
        raise bad
    fks = schema.get("foreignKeys", [])
    for fk in fks if isinstance(fks, list) else [None]:
        ref = fk.get("reference") if isinstance(fk, Mapping) else None
        if (
            not isinstance(ref, Mapping)
            or not all(k in names for k in listed(fk.get("fields")))
            or not isinstance(ref.get("resource"), str)
            or not all(isinstance(k, str) for k in listed(ref.get("fields")))
        ):
            raise bad
    return {
        **table,
        "schema": {**schema, "fields": [{"type": "string", **f} for f in schema["fields"]]},
    }


def _sum_text(values: Any) -> str:
    return format_id(float(values), 0) if float(values).is_integer() else format_id(values, 2)


def check_totals(df: pd.DataFrame, res: dict[str, Any], file: str) -> None:
    """Refuse totals that do not match their parts, as the table's description declares them.

    * A field with ``"x-jumlah-dari": [columns]`` must equal the sum of those columns in its row
      (exactly for whole numbers; within the field's ``"x-toleransi"`` for numbers).
    * A resource with ``"x-baris-total": {"kolom", "nilai", "jumlah", "per", "rincian"}`` has a
      total row (``kolom == nilai``, e.g. kode ``00`` or kategori ``TOTAL``, per group of the
      ``per`` columns) whose ``jumlah`` columns equal the sum of the other rows
      (``"rincian": "lengkap"``) or are at least that sum (``"sebagian"``: a file may list only
      some of the parts, e.g. a participant's few provinces, but parts never exceed their total).

    Rows with a missing total or part are not compared (nothing to check).
    """
    for f in res["schema"]["fields"]:
        parts = f.get("x-jumlah-dari")
        if not parts:
            continue
        total = df[f["name"]].astype("Float64")
        summed = sum(df[p].astype("Float64") for p in parts)
        off = ((total - summed).abs() > float(f.get("x-toleransi", 0))).fillna(False)
        if off.any():
            r = int(off.to_numpy(dtype=bool).argmax())
            shown = " + ".join(parts)
            raise data_error(
                file,
                r + 1,
                f["name"],
                f"{_sum_text(total.iat[r])} is not the sum of its parts {shown} "
                f"({_sum_text(summed.iat[r])})",
                f"total {_sum_text(total.iat[r])} tidak sama dengan jumlah bagian-bagiannya "
                f"({shown} = {_sum_text(summed.iat[r])}).",
            )
    spec = res.get("x-baris-total")
    if not spec:
        return
    key, label = spec["kolom"], str(spec["nilai"]).upper()
    complete = spec.get("rincian", "lengkap") == "lengkap"
    is_total = df[key].astype(str).str.upper().eq(label).to_numpy(dtype=bool)
    per = list(spec.get("per", []))
    groups = df.groupby(per, sort=False, dropna=False).indices if per else {None: range(len(df))}
    for rows in groups.values():
        rows = np.asarray(rows)
        totals = rows[is_total[rows]]
        if len(totals) != 1:
            continue  # no total row (or a repeated one, which the primary key refuses)
        at, parts = int(totals[0]), rows[~is_total[rows]]
        for col in spec["jumlah"]:
            total = df[col].astype("Float64").iat[at]
            values = df[col].astype("Float64").iloc[parts]
            if pd.isna(total) or (complete and values.isna().any()):
                continue
            summed = float(values.sum())
            tol = 1e-9 * max(abs(float(total)), 1.0)
            if summed > total + tol or (complete and summed < total - tol):
                relation = "equal" if complete else "be at least"
                relation_id = "sama dengan" if complete else "paling sedikit"
                raise data_error(
                    file,
                    at + 1,
                    col,
                    f"the {spec['nilai']} row holds {_sum_text(total)}, but it must {relation} "
                    f"the sum of the other rows ({_sum_text(summed)})",
                    f"baris {spec['nilai']} berisi {_sum_text(total)}, padahal harus {relation_id} "
                    f"jumlah baris-baris lainnya ({_sum_text(summed)}).",
                )


def check_primary_key(df: pd.DataFrame, schema: dict[str, Any], file: str) -> None:
    """Refuse a repeated primary key, naming the row of its second appearance."""
    pk = schema.get("primaryKey")
    if not pk:
        return
    pk = [pk] if isinstance(pk, str) else list(pk)
    repeated = df.duplicated(subset=pk, keep="first").to_numpy()  # hashed: 8 bytes a row
    if not repeated.any():
        return
    at = int(repeated.argmax())
    key = tuple(df[c].iat[at] for c in pk)
    same = np.ones(len(df), dtype=bool)
    for c, k in zip(pk, key, strict=True):
        same &= (df[c].isna() if pd.isna(k) else df[c] == k).to_numpy(dtype=bool)
    first = int(same.argmax())
    shown = show(", ".join(str(k) for k in key))
    raise data_error(
        file,
        at + 1,
        pk[-1],
        f"duplicate key ({shown}); first seen in row {first + 1}",
        f"kunci ganda ({shown}); sudah muncul di baris {first + 1}.",
    )


def check_foreign_keys(
    df: pd.DataFrame,
    res: dict[str, Any],
    file: str,
    reference_values: Callable[[str, str], dict[str, dict[str, Any]]],
) -> None:
    """Check every foreign key of ``res`` and, for province codes, the province-scheme rules.

    Args:
        df: The loaded table.
        res: Its Data Package resource.
        file: File name for messages.
        reference_values: ``reference_values(table, column)`` returns the referenced table's rows
            keyed by that column's values (the loader passes one that loads shipped tables).
    """
    scheme = res.get("x-skema-provinsi")
    for fk in res["schema"].get("foreignKeys", []):
        col = fk["fields"] if isinstance(fk["fields"], str) else fk["fields"][0]
        ref_res = fk["reference"]["resource"]
        ref_col = fk["reference"]["fields"]
        ref_col = ref_col if isinstance(ref_col, str) else ref_col[0]
        allowed = reference_values(ref_res, ref_col)
        for r, value in enumerate(df[col], start=1):
            if value is None:
                continue
            if value not in allowed:
                what = "province code" if col == "kode_kemendagri" else f"{ref_col}"
                raise data_error(
                    file,
                    r,
                    col,
                    f"unknown {what} '{show(value)}' (not in {ref_res})",
                    f"kode '{show(value)}' tidak dikenal (tidak ada di tabel {ref_res}).",
                )
        if col == "kode_kemendagri":
            check_provinces(df, allowed, scheme, file)


def check_provinces(
    df: pd.DataFrame, ref: dict[str, dict[str, Any]], scheme: str | None, file: str
) -> None:
    """Check province rows: no 2022 codes in 34-province tables, names and scope flags match codes."""
    names = "provinsi" if "provinsi" in df.columns else None
    table_scheme = scheme
    cols = [c for c in ("kode_kemendagri", "skema_provinsi", names, FLAG_COLUMN) if c in df]
    rows = (
        dict(zip(cols, cells, strict=True)) for cells in zip(*(df[c] for c in cols), strict=True)
    )
    for r, row in enumerate(rows, start=1):  # one row at a time, not a dict per row at once
        code = row["kode_kemendagri"]
        if code is None:
            continue
        scheme = row.get("skema_provinsi") or table_scheme  # the long table says it per row
        if scheme == "34" and code in PAPUA_NEW_CODES:
            new = ref[code]["nama_provinsi_kemendagri"]
            raise data_error(
                file,
                r,
                "kode_kemendagri",
                f"code {code} ({new}) is a province created in 2022, but this table uses the "
                "34-province scheme, where its territory is inside the old Papua/Papua Barat rows",
                f"kode {code} ({new}) adalah provinsi hasil pemekaran 2022, padahal tabel ini memakai "
                "skema 34 provinsi; wilayahnya termasuk baris Papua/Papua Barat lama.",
            )
        if names and code != "00" and row[names] is not None:
            ok = {_norm(ref[code]["nama_provinsi_kemendagri"]), _norm(ref[code]["nama_pendek"])}
            if _norm(row[names]) not in ok:
                raise data_error(
                    file,
                    r,
                    names,
                    f"name '{show(row[names])}' does not match code {code} ({ref[code]['nama_pendek']})",
                    f"nama '{show(row[names])}' tidak cocok dengan kode {code} ({ref[code]['nama_pendek']}).",
                )
        if FLAG_COLUMN in row and row[FLAG_COLUMN] is not None:
            expected = (
                "nasional"
                if code == "00"
                else "papua_sebelum_2022"
                if scheme == "34" and code in OLD_PAPUA_CODES
                else "provinsi"
            )
            if row[FLAG_COLUMN] != expected:
                raise data_error(
                    file,
                    r,
                    FLAG_COLUMN,
                    f"'{show(row[FLAG_COLUMN])}' should be '{expected}' for code {code} in a "
                    f"{scheme}-province table",
                    f"'{show(row[FLAG_COLUMN])}' seharusnya '{expected}' untuk kode {code} pada tabel skema "
                    f"{scheme} provinsi.",
                )


def _norm(name: str) -> str:
    return re.sub(r"[^a-z]", "", str(name).lower())
