"""Validation rules of the course datasets, checked against their Data Package description.

Every CSV — the shipped tables and a participant's own regional CSV alike — is checked when it is
loaded (:func:`simulations.data.load_csv`):

* no column name is repeated; every column of the schema is present (and, with ``strict=True``, no
  unknown column);
* required cells are filled; integers, numbers, dates and year-months parse (a decimal comma gets
  a hint); values respect ``minimum``/``maximum``, ``enum`` and ``pattern``;
* cells a spreadsheet would run as a formula, control characters and huge cells are refused;
* the primary key is unique;
* foreign keys resolve: an unknown province code (``kode_kemendagri``) or an unknown kecamatan is
  rejected; a table on the 34-province scheme may not carry codes 93–96 (the provinces created in
  2022), and its ``cakupan_wilayah`` flag must say ``papua_sebelum_2022`` for codes 91/92; the
  province name must match the code.

Each rule raises :class:`~simulations.core.errors.DataError` naming file, row and column
(:func:`simulations.data.messages.data_error`). Nothing is coerced silently.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd

from simulations.core.errors import DataError
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
    "check_text_cell",
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
            return pd.Timestamp(value)
        except ValueError:
            raise data_error(
                file,
                row,
                col,
                f"'{show(value)}' is not a date in the form YYYY-MM-DD",
                f"'{show(value)}' bukan tanggal dengan format TTTT-BB-HH (mis. 2024-02-14).",
            ) from None
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
    """Refuse cells a spreadsheet would run as a formula, control characters and huge cells."""
    if len(raw) > MAX_CELL_CHARS:
        raise data_error(
            file,
            row,
            name,
            f"the cell has {len(raw)} characters; the limit is {MAX_CELL_CHARS}",
            f"sel berisi {len(raw)} karakter; batasnya {MAX_CELL_CHARS}.",
        )
    if CONTROL.search(raw):
        raise data_error(
            file,
            row,
            name,
            f"the cell contains a control character ('{show(raw)}')",
            f"sel berisi karakter kendali yang tidak terlihat ('{show(raw)}'); hapus karakter itu.",
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


def check_primary_key(df: pd.DataFrame, schema: dict[str, Any], file: str) -> None:
    """Refuse a repeated primary key, naming the row of its second appearance."""
    pk = schema.get("primaryKey")
    if not pk:
        return
    pk = [pk] if isinstance(pk, str) else list(pk)
    first: dict[tuple, int] = {}
    for r, key in enumerate(df[pk].itertuples(index=False, name=None), start=1):
        if key in first:
            shown = show(", ".join(str(k) for k in key))
            raise data_error(
                file,
                r,
                pk[-1],
                f"duplicate key ({shown}); first seen in row {first[key]}",
                f"kunci ganda ({shown}); sudah muncul di baris {first[key]}.",
            )
        first[key] = r


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
    for r, row in enumerate(df.to_dict("records"), start=1):
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
