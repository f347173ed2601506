"""Load the course datasets with validation: every bad cell is named by file, row and column.

The tables in ``datasets/`` are described by a Frictionless Data Package
(``datasets/datapackage.json``: type, unit, source, year, licence note, constraints, keys). This
module reads that description and checks every CSV against it when it is loaded — the shipped
tables and a participant's own regional CSV alike:

* the file exists, is UTF-8 and has a header; no column name is repeated;
* every column of the schema is present (and, with ``strict=True``, no unknown column);
* every row has as many cells as the header;
* required cells are filled; integers, numbers, dates and year-months parse (a decimal comma gets
  a hint); values respect ``minimum``/``maximum``, ``enum`` and ``pattern``;
* the primary key is unique;
* foreign keys resolve: an unknown province code (``kode_kemendagri``) or an unknown kecamatan is
  rejected; a table on the 34-province scheme may not carry codes 93–96 (the provinces created in
  2022), and its ``cakupan_wilayah`` flag must say ``papua_sebelum_2022`` for codes 91/92; the
  province name must match the code.

Any failure raises :class:`~simulations.core.errors.DataError` with ``file``, ``row`` (1 = first data
row after the header, as in :func:`simulations.core.networks.load_edgelist_csv`) and ``column``, an
English message and an Indonesian ``.pesan``. Nothing is coerced silently.

Pandera was considered; a small reader written against the Data Package keeps one description
(the JSON that also documents the data), gives row numbers of the *file*, and Indonesian messages
without another dependency.

Example:
    >>> from simulations import data
    >>> iptik = data.load_table("iptik_provinsi_2022_2024")
    >>> iptik.attrs["skema_provinsi"]
    '34'
"""

from __future__ import annotations

import csv
import functools
import io
import json
import math
import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from simulations.core.errors import DataError

__all__ = [
    "DATASETS_DIR",
    "ELEMENTS",
    "INDICATORS_34",
    "indicator_elements",
    "province_profile",
    "sources_text",
    "to_long",
    "PAPUA_NEW_CODES",
    "aggregate_to_34",
    "daily_counts",
    "datapackage",
    "describe_table",
    "join_provinces",
    "load_csv",
    "load_regency",
    "load_regency_network",
    "load_reports",
    "load_table",
    "papua_mapping",
    "province_indicators",
    "provinces",
    "resource",
    "resource_names",
]

DATASETS_DIR = Path(
    os.environ.get("TANGGUH_DATASETS", Path(__file__).resolve().parents[2] / "datasets")
)
"""Folder holding ``datapackage.json`` (override with the ``TANGGUH_DATASETS`` variable)."""

PAPUA_NEW_CODES = ("93", "94", "95", "96")
"""Kemendagri codes of the provinces created in 2022 (Papua Selatan, Tengah, Pegunungan, Barat Daya)."""

_OLD_PAPUA = ("91", "92")
_FLAG_COLUMN = "cakupan_wilayah"


# --------------------------------------------------------------------------------------------
# The data package
# --------------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=4)
def _package(root: str) -> dict[str, Any]:
    path = Path(root) / "datapackage.json"
    if not path.is_file():
        raise DataError(
            f"{path}: data package description not found",
            f"Deskripsi data ({path}) tidak ditemukan. Apakah folder datasets/ ikut terpasang?",
            file=str(path),
        )
    return json.loads(path.read_text(encoding="utf-8"))


def datapackage() -> dict[str, Any]:
    """Return the parsed ``datasets/datapackage.json`` (cached)."""
    return _package(str(DATASETS_DIR))


def resource_names() -> list[str]:
    """Return the names of every table in the data package, in package order."""
    return [r["name"] for r in datapackage()["resources"]]


def resource(name: str) -> dict[str, Any]:
    """Return the Data Package resource (table description) called ``name``.

    Args:
        name: Table name, e.g. ``"iptik_provinsi_2022_2024"`` (the file name without ``.csv``).

    Raises:
        DataError: if there is no such table (the message lists the known ones).
    """
    if isinstance(name, str):
        for res in datapackage()["resources"]:
            if res["name"] == name:
                return res
    known = ", ".join(resource_names())
    shown = _show(name)
    raise DataError(
        f"unknown table {shown!r}; known tables: {known}",
        f"Tabel '{shown}' tidak dikenal. Tabel yang ada: {known}.",
        file=shown,
    )


def describe_table(name: str) -> pd.DataFrame:
    """Return one row per column of table ``name``: type, unit, year, description, constraints."""
    res = resource(name)
    rows = []
    for f in res["schema"]["fields"]:
        rows.append(
            {
                "kolom": f["name"],
                "tipe": f["type"],
                "satuan": f.get("unit", ""),
                "tahun": f.get("x-tahun", ""),
                "keterangan": f.get("description", ""),
                "batasan": ", ".join(f"{k}={v}" for k, v in f.get("constraints", {}).items()),
            }
        )
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------------------------
# Validation
# --------------------------------------------------------------------------------------------


def _err(file: str, row: int | None, column: str | None, en: str, idn: str) -> DataError:
    where_en = (
        f"{file}"
        + (f": row {row}" if row is not None else "")
        + (f", column '{column}'" if column else "")
    )
    where_id = (
        f"Berkas {file}"
        + (f": baris {row}" if row is not None else "")
        + (f", kolom '{column}'" if column else "")
    )
    en, idn = f"{where_en}: {en}", f"{where_id}: {idn}"
    if len(en) > _MESSAGE_CHARS:
        en = en[: _MESSAGE_CHARS - 1] + "…"
    if len(idn) > _MESSAGE_CHARS:
        idn = idn[: _MESSAGE_CHARS - 1] + "…"
    return DataError(en, idn, file=file, row=row, column=column)


_INT = re.compile(r"^[+-]?\d+$", re.ASCII)
_NUM = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$", re.ASCII)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)
_YM = re.compile(r"^\d{4}-\d{2}$", re.ASCII)  # ASCII: "٥" is a digit to \d and to float()


def _parse(value: str, field: dict[str, Any], file: str, row: int) -> Any:
    """Parse one non-empty cell according to the field type; raise DataError if it does not parse."""
    col, typ = field["name"], field["type"]
    if typ == "string":
        return value
    if typ == "integer":
        if _INT.match(value):
            return int(value)
        raise _err(
            file,
            row,
            col,
            f"'{_show(value)}' is not a whole number",
            f"'{_show(value)}' bukan bilangan bulat.",
        )
    if typ == "number":
        if _NUM.match(value):
            x = float(value)
            if not math.isfinite(x):
                raise _err(
                    file,
                    row,
                    col,
                    f"'{_show(value)}' is not a finite number",
                    f"'{_show(value)}' bukan angka terhingga.",
                )
            return x
        if re.match(r"^[+-]?\d+,\d+$", value):
            raise _err(
                file,
                row,
                col,
                f"'{_show(value)}' is not a number: use a decimal point, not a comma",
                f"'{_show(value)}' bukan angka: gunakan titik sebagai pemisah desimal, bukan koma (mis. "
                f"{_show(value.replace(',', '.'))}).",
            )
        raise _err(
            file, row, col, f"'{_show(value)}' is not a number", f"'{_show(value)}' bukan angka."
        )
    if typ == "date":
        try:
            if not _DATE.match(value):
                raise ValueError
            return pd.Timestamp(value)
        except ValueError:
            raise _err(
                file,
                row,
                col,
                f"'{_show(value)}' is not a date in the form YYYY-MM-DD",
                f"'{_show(value)}' bukan tanggal dengan format TTTT-BB-HH (mis. 2024-02-14).",
            ) from None
    if typ == "yearmonth":
        if _YM.match(value) and 1 <= int(value[5:]) <= 12:
            return value
        raise _err(
            file,
            row,
            col,
            f"'{_show(value)}' is not a year-month in the form YYYY-MM",
            f"'{_show(value)}' bukan tahun-bulan dengan format TTTT-BB (mis. 2019-04).",
        )
    if typ == "boolean":
        low = value.lower()
        if low in ("true", "1", "ya"):
            return True
        if low in ("false", "0", "tidak"):
            return False
        raise _err(
            file,
            row,
            col,
            f"'{_show(value)}' is not true/false",
            f"'{_show(value)}' bukan nilai ya/tidak.",
        )
    return value


def _check_constraints(value: Any, raw: str, field: dict[str, Any], file: str, row: int) -> None:
    col = field["name"]
    c = field.get("constraints", {})
    if "enum" in c and value not in c["enum"]:
        allowed = ", ".join(map(str, c["enum"]))
        raise _err(
            file,
            row,
            col,
            f"'{_show(raw)}' is not one of the allowed values ({allowed})",
            f"'{_show(raw)}' bukan salah satu nilai yang diizinkan ({allowed}).",
        )
    if "pattern" in c and not re.fullmatch(c["pattern"], raw, re.ASCII):
        raise _err(
            file,
            row,
            col,
            f"'{_show(raw)}' does not have the expected form (pattern {c['pattern']})",
            f"'{_show(raw)}' tidak sesuai bentuk yang diharapkan (pola {c['pattern']}); kode provinsi "
            "ditulis dua digit, mis. '11' atau '00'."
            if col == "kode_kemendagri"
            else f"'{_show(raw)}' tidak sesuai bentuk yang diharapkan (pola {c['pattern']}).",
        )
    unit = f" {field['unit']}" if field.get("unit") else ""
    if "minimum" in c and value < c["minimum"]:
        raise _err(
            file,
            row,
            col,
            f"{_show(raw)} is below the minimum {c['minimum']}{unit}",
            f"nilai {_show(raw)} di bawah batas minimum {c['minimum']}{unit}.",
        )
    if "maximum" in c and value > c["maximum"]:
        raise _err(
            file,
            row,
            col,
            f"{_show(raw)} is above the maximum {c['maximum']}{unit}",
            f"nilai {_show(raw)} di atas batas maksimum {c['maximum']}{unit}.",
        )


MAX_FILE_BYTES = 256 * 2**20
"""Largest CSV :func:`load_csv` reads (256 MiB); larger files are refused before reading."""

MAX_LINE_BYTES = 2**20
"""Longest physical line read (1 MiB); a longer line is an error, so memory stays bounded."""

MAX_CELL_CHARS = 10_000
"""Longest cell accepted (characters); the shipped tables' longest cell has under 800."""

_SHOWN_CHARS = 60  # characters of a cell or column name quoted back in an error message
_MESSAGE_CHARS = 600  # an error message never grows past this, whatever the file holds
_FORMULA_START = ("=", "+", "-", "@")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _show(value: Any, limit: int = _SHOWN_CHARS) -> str:
    """Return ``value`` as a short, printable snippet for an error message (control chars escaped)."""
    text = str(value)
    text = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
    text = text.replace("\n", "\\n").replace("\r", "\\r")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def default_roots() -> list[Path]:
    """Return the folders :func:`load_csv` reads from unless told otherwise.

    The current working folder (the notebook's folder in Jupyter), the data package folder
    (:data:`DATASETS_DIR`), the system temporary folder, and every folder listed in the
    ``TANGGUH_DATA_ROOTS`` environment variable (separated by ``os.pathsep``).
    """
    import tempfile

    roots = [Path.cwd(), DATASETS_DIR, Path(tempfile.gettempdir())]
    extra = os.environ.get("TANGGUH_DATA_ROOTS", "")
    roots += [Path(p) for p in extra.split(os.pathsep) if p]
    return roots


def _check_path(path: Path, file: str, allowed_roots: Iterable[Any] | None) -> Path:
    """Resolve ``path`` (symbolic links and ``..`` included) and refuse it outside the roots."""
    if path.suffix.lower() not in (".csv", ".txt"):
        raise _err(
            file,
            None,
            None,
            "only .csv (or .txt) files are read",
            "hanya berkas .csv (atau .txt) yang dibaca. Simpan tabel sebagai 'CSV UTF-8'.",
        )
    resolved = path.resolve()
    roots = default_roots() if allowed_roots is None else [Path(r) for r in allowed_roots]
    if not any(resolved.is_relative_to(r.resolve()) for r in roots):
        raise _err(
            file,
            None,
            None,
            "the path leads outside the folders load_csv may read (the notebook folder, "
            "datasets/, the temporary folder; pass allowed_roots=[...] or set "
            "TANGGUH_DATA_ROOTS to add one)",
            "jalur berkas mengarah ke luar folder yang boleh dibaca (folder notebook, datasets/, "
            "folder sementara). Salin berkas ke folder notebook Anda lalu muat dari sana.",
        )
    if not resolved.is_file():
        raise _err(file, None, None, "file not found", "berkas tidak ditemukan.")
    return resolved


def _not_utf8(file: str, row: int | None, chunk: bytes) -> DataError:
    try:
        chunk.decode("cp1252")
        guess_en, guess_id = " (it looks like Latin-1/Windows-1252)", " (tampaknya Latin-1/ANSI)"
    except UnicodeDecodeError:
        guess_en = guess_id = ""
    return _err(
        file,
        row if row else None,
        None,
        f"the file is not UTF-8 text{guess_en}; save it as 'CSV UTF-8'",
        f"berkas bukan teks UTF-8{guess_id}. Simpan ulang sebagai 'CSV UTF-8 (Comma delimited)'.",
    )


def _lines(fh: Any, encoding: str, file: str) -> Iterable[str]:
    """Yield decoded physical lines (line ends kept), at most :data:`MAX_LINE_BYTES` each."""
    number = 0  # physical line number, 0 = header line, so it equals the data-row number
    while True:
        try:
            line = fh.readline(MAX_LINE_BYTES + 1)
        except UnicodeDecodeError:  # the UTF-16 text wrapper decodes as it reads
            raise _err(
                file,
                number or None,
                None,
                "the file is not valid UTF-16 text; save it as 'CSV UTF-8'",
                "berkas UTF-16 ini rusak. Simpan ulang sebagai 'CSV UTF-8 (Comma delimited)'.",
            ) from None
        if not line:
            return
        ends = b"\n" if isinstance(line, bytes) else "\n"
        if len(line) > MAX_LINE_BYTES and not line.endswith(ends):
            raise _err(
                file,
                number or None,
                None,
                f"a line is longer than {MAX_LINE_BYTES} bytes",
                f"satu baris lebih panjang dari {MAX_LINE_BYTES} bita; periksa berkasnya.",
            )
        if isinstance(line, bytes):
            try:
                line = line.decode(encoding)
            except UnicodeDecodeError:
                raise _not_utf8(file, number, line) from None
        yield line
        number += 1


def _read_rows(path: Path, file: str, *, max_bytes: int = MAX_FILE_BYTES) -> Iterable[list[str]]:
    """Yield the CSV records of ``path`` one by one (the file is never read whole).

    UTF-8 with or without a byte-order mark is read; UTF-16 with a byte-order mark is decoded;
    anything else (Latin-1, UTF-16 without a mark) is a :class:`DataError` naming the encoding.
    """
    size = path.stat().st_size
    if size > max_bytes:
        raise _err(
            file,
            None,
            None,
            f"the file has {size} bytes; the limit is {max_bytes}",
            f"berkas berukuran {size} bita; batasnya {max_bytes} bita. Pecah tabelnya.",
        )
    with path.open("rb") as raw:
        head = raw.read(4096)
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            raw.seek(0)
            fh: Any = io.TextIOWrapper(raw, encoding="utf-16", newline="")
            encoding = "utf-16"
        elif b"\x00" in head:
            raise _err(
                file,
                None,
                None,
                "the file contains NUL bytes: it is UTF-16 without a byte-order mark or not "
                "text at all; save it as 'CSV UTF-8'",
                "berkas berisi bita NUL (UTF-16 tanpa penanda BOM, atau bukan teks). Simpan ulang "
                "sebagai 'CSV UTF-8 (Comma delimited)'.",
            )
        else:
            raw.seek(3 if head.startswith(b"\xef\xbb\xbf") else 0)
            fh, encoding = raw, "utf-8"
        reader = csv.reader(_lines(fh, encoding, file))
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                where = reader.line_num - 1
                raise _err(
                    file,
                    where if where > 0 else None,
                    None,
                    f"not a valid CSV file ({_show(exc, 120)})",
                    f"bukan berkas CSV yang sah ({_show(exc, 120)}).",
                ) from None
            yield row


def _header(row: list[str], fields: list[dict[str, Any]], file: str, strict: bool) -> list[str]:
    header = [h.strip() for h in row]
    found = ", ".join(_show(h, 40) for h in header[:12]) + (", …" if len(header) > 12 else "")
    if len(header) == 1 and ";" in header[0]:
        raise _err(
            file,
            None,
            None,
            "the header has one column containing ';': save the file with commas as separators",
            "judul kolom hanya satu dan berisi ';'. Simpan berkas dengan pemisah koma (CSV UTF-8).",
        )
    seen: set[str] = set()
    for h in header:
        if h in seen:
            raise _err(
                file,
                None,
                _show(h, 40),
                "column name appears twice in the header",
                "nama kolom muncul dua kali di judul.",
            )
        seen.add(h)
    names = [f["name"] for f in fields]
    for name in names:
        if name not in seen:
            raise _err(
                file,
                None,
                name,
                f"column is missing (columns found: {found})",
                f"kolom ini tidak ada. Kolom yang ditemukan: {found or '(kosong)'}.",
            )
    if strict:
        for h in header:
            if h not in names:
                raise _err(
                    file,
                    None,
                    _show(h, 40),
                    f"unexpected column (the table has: {', '.join(names)})",
                    f"kolom ini tidak dikenal dalam format tabel (kolom yang diharapkan: {', '.join(names)}).",
                )
    return header


def _check_text_cell(raw: str, name: str, file: str, row: int) -> None:
    """Refuse cells a spreadsheet would run as a formula, control characters and huge cells."""
    if len(raw) > MAX_CELL_CHARS:
        raise _err(
            file,
            row,
            name,
            f"the cell has {len(raw)} characters; the limit is {MAX_CELL_CHARS}",
            f"sel berisi {len(raw)} karakter; batasnya {MAX_CELL_CHARS}.",
        )
    if _CONTROL.search(raw):
        raise _err(
            file,
            row,
            name,
            f"the cell contains a control character ('{_show(raw)}')",
            f"sel berisi karakter kendali yang tidak terlihat ('{_show(raw)}'); hapus karakter itu.",
        )
    if raw.startswith(_FORMULA_START) and not _NUM.match(raw):
        raise _err(
            file,
            row,
            name,
            f"the cell '{_show(raw)}' starts with '{raw[0]}' and would run as a formula in a "
            "spreadsheet (CSV formula injection); remove the leading character",
            f"sel '{_show(raw)}' diawali '{raw[0]}' sehingga akan dijalankan sebagai rumus di "
            "spreadsheet (injeksi rumus CSV); hapus karakter pertama itu.",
        )


def _resource_dict(table: Any) -> dict[str, Any]:
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


def load_csv(
    path: str | os.PathLike[str],
    table: str | Mapping[str, Any],
    *,
    strict: bool = True,
    check_foreign_keys: bool = True,
    allowed_roots: Iterable[str | os.PathLike[str]] | None = None,
    max_bytes: int = MAX_FILE_BYTES,
) -> pd.DataFrame:
    """Load and validate a CSV file against the description of a table in the data package.

    Use this for a participant's own regional CSV: pass the name of the shipped table whose
    format it follows (e.g. ``"iptik_provinsi_2022_2024"``), or a Data Package resource dict.

    Args:
        path: CSV file, UTF-8, comma-separated, header in the first row.
        table: Name of a table in ``datasets/datapackage.json`` or a resource dict with a
            ``schema`` (Frictionless Table Schema: fields, primaryKey, foreignKeys).
        strict: If True, columns not in the schema are an error.
        check_foreign_keys: If True, check province codes and other references.
        allowed_roots: Folders the (resolved) path must lie in; default :func:`default_roots`
            (notebook folder, ``datasets/``, temporary folder, ``TANGGUH_DATA_ROOTS``). A path
            that leads elsewhere (``../``, a symbolic link) is refused without being opened.
        max_bytes: Largest file read, in bytes (default :data:`MAX_FILE_BYTES`).

    The file is read as a stream, record by record, and reading stops at the first error, so a
    bad row near the top of a large file costs little memory. Cells are bounded
    (:data:`MAX_CELL_CHARS`); text cells that start with ``=``, ``+``, ``-`` or ``@`` (and are
    not numbers) are refused, since a spreadsheet would run them as formulas; control
    characters are refused. Error messages quote at most a short snippet of any cell.

    Returns:
        A DataFrame with typed columns (``Int64`` for integers, ``float64`` for numbers,
        ``datetime64`` for dates, strings otherwise) and ``attrs`` holding the table name,
        ``skema_provinsi`` ("34", "38" or None), ``sumber`` (file) and ``jenis`` (real/synthetic).

    Raises:
        DataError: naming file, row and column, in English and Indonesian (``.pesan``).
    """
    if not isinstance(path, (str, os.PathLike)) or (isinstance(path, str) and not path.strip()):
        raise DataError(
            f"path must be a file name (text or pathlib.Path), got {_show(repr(path))}",
            "Berkas harus diberikan sebagai nama berkas (teks), mis. 'data_wilayah.csv'.",
            column="path",
        )
    for name, flag in (("strict", strict), ("check_foreign_keys", check_foreign_keys)):
        if not isinstance(flag, bool):
            raise DataError(
                f"{name} must be True or False, got {_show(repr(flag))}",
                f"'{name}' harus True atau False.",
                column=name,
            )
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes < 1:
        raise DataError(
            f"max_bytes must be a whole number >= 1, got {_show(repr(max_bytes))}",
            "'max_bytes' harus bilangan bulat minimal 1.",
            column="max_bytes",
        )
    if isinstance(allowed_roots, (str, bytes, os.PathLike)):
        allowed_roots = [allowed_roots]  # one folder, not its characters
    path = Path(path)
    file = _show(path.name, 120)
    res = resource(table) if isinstance(table, str) else _resource_dict(table)
    schema = res["schema"]
    fields = schema["fields"]
    missing_values = set(schema.get("missingValues", [""]))
    path = _check_path(path, file, allowed_roots)
    rows = iter(_read_rows(path, file, max_bytes=max_bytes))
    first = next(rows, None)
    if first is None or not any(c.strip() for c in first):
        raise _err(file, None, None, "the file is empty", "berkas kosong (tidak ada judul kolom).")
    header = _header(first, fields, file, strict)
    by_name = {f["name"]: f for f in fields}
    idx = {h: i for i, h in enumerate(header)}
    columns: dict[str, list[Any]] = {f["name"]: [] for f in fields}
    r = 0
    for r, cells in enumerate(rows, start=1):
        if len(cells) != len(header):
            if len(cells) == 0 or (len(cells) == 1 and cells[0].strip() == ""):
                raise _err(file, r, None, "empty line", "baris kosong; hapus baris ini.")
            col = header[len(cells)] if len(cells) < len(header) else None
            raise _err(
                file,
                r,
                col,
                f"has {len(cells)} cells but the header has {len(header)} (a missing or extra comma?)",
                f"berisi {len(cells)} sel, padahal judul punya {len(header)} kolom (koma kurang atau lebih?).",
            )
        for name, field in by_name.items():
            raw = cells[idx[name]].strip()
            if raw in missing_values:
                if field.get("constraints", {}).get("required"):
                    raise _err(
                        file,
                        r,
                        name,
                        "value is missing but required",
                        "nilai kosong, padahal wajib diisi.",
                    )
                columns[name].append(None)
                continue
            _check_text_cell(raw, name, file, r)
            value = _parse(raw, field, file, r)
            _check_constraints(value, raw, field, file, r)
            columns[name].append(value)
    if r == 0:
        raise _err(
            file,
            None,
            None,
            "the file has a header but no data rows",
            "berkas hanya berisi judul kolom, tanpa baris data.",
        )
    df = _to_frame(columns, fields)
    _check_primary_key(df, schema, file)
    if check_foreign_keys:
        _check_foreign_keys(df, res, file)
    df.attrs.update(
        {
            "tabel": res.get("name"),
            "skema_provinsi": res.get("x-skema-provinsi"),
            "sumber": file,
            "jenis": res.get("x-jenis"),
            "judul": res.get("title"),
            "catatan": list(res.get("x-catatan", [])),
        }
    )
    return df


def _to_frame(columns: dict[str, list[Any]], fields: list[dict[str, Any]]) -> pd.DataFrame:
    data = {}
    for f in fields:
        vals = columns[f["name"]]
        if f["type"] == "integer":
            data[f["name"]] = pd.array(vals, dtype="Int64")
        elif f["type"] == "number":
            data[f["name"]] = np.array([np.nan if v is None else v for v in vals], dtype=float)
        elif f["type"] == "date":
            data[f["name"]] = pd.to_datetime(pd.Series(vals, dtype=object))
        elif f["type"] == "boolean":
            data[f["name"]] = pd.array(vals, dtype="boolean")
        else:
            data[f["name"]] = pd.Series(vals, dtype=object)
    return pd.DataFrame(data)


def _check_primary_key(df: pd.DataFrame, schema: dict[str, Any], file: str) -> None:
    pk = schema.get("primaryKey")
    if not pk:
        return
    pk = [pk] if isinstance(pk, str) else list(pk)
    first: dict[tuple, int] = {}
    for r, key in enumerate(df[pk].itertuples(index=False, name=None), start=1):
        if key in first:
            shown = _show(", ".join(str(k) for k in key))
            raise _err(
                file,
                r,
                pk[-1],
                f"duplicate key ({shown}); first seen in row {first[key]}",
                f"kunci ganda ({shown}); sudah muncul di baris {first[key]}.",
            )
        first[key] = r


def _reference_values(resource_name: str, field: str) -> dict[str, dict[str, Any]]:
    ref = load_table(resource_name, check_foreign_keys=False)
    return {str(row[field]): row for row in ref.to_dict("records")}


def _check_foreign_keys(df: pd.DataFrame, res: dict[str, Any], file: str) -> None:
    scheme = res.get("x-skema-provinsi")
    for fk in res["schema"].get("foreignKeys", []):
        col = fk["fields"] if isinstance(fk["fields"], str) else fk["fields"][0]
        ref_res = fk["reference"]["resource"]
        ref_col = fk["reference"]["fields"]
        ref_col = ref_col if isinstance(ref_col, str) else ref_col[0]
        allowed = _reference_values(ref_res, ref_col)
        for r, value in enumerate(df[col], start=1):
            if value is None:
                continue
            if value not in allowed:
                what = "province code" if col == "kode_kemendagri" else f"{ref_col}"
                raise _err(
                    file,
                    r,
                    col,
                    f"unknown {what} '{_show(value)}' (not in {ref_res})",
                    f"kode '{_show(value)}' tidak dikenal (tidak ada di tabel {ref_res}).",
                )
        if col == "kode_kemendagri":
            _check_provinces(df, allowed, scheme, file)


def _check_provinces(
    df: pd.DataFrame, ref: dict[str, dict[str, Any]], scheme: str | None, file: str
) -> None:
    names = "provinsi" if "provinsi" in df.columns else None
    table_scheme = scheme
    for r, row in enumerate(df.to_dict("records"), start=1):
        code = row["kode_kemendagri"]
        if code is None:
            continue
        scheme = row.get("skema_provinsi") or table_scheme  # the long table says it per row
        if scheme == "34" and code in PAPUA_NEW_CODES:
            new = ref[code]["nama_provinsi_kemendagri"]
            raise _err(
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
                raise _err(
                    file,
                    r,
                    names,
                    f"name '{_show(row[names])}' does not match code {code} ({ref[code]['nama_pendek']})",
                    f"nama '{_show(row[names])}' tidak cocok dengan kode {code} ({ref[code]['nama_pendek']}).",
                )
        if _FLAG_COLUMN in row and row[_FLAG_COLUMN] is not None:
            expected = (
                "nasional"
                if code == "00"
                else "papua_sebelum_2022"
                if scheme == "34" and code in _OLD_PAPUA
                else "provinsi"
            )
            if row[_FLAG_COLUMN] != expected:
                raise _err(
                    file,
                    r,
                    _FLAG_COLUMN,
                    f"'{_show(row[_FLAG_COLUMN])}' should be '{expected}' for code {code} in a "
                    f"{scheme}-province table",
                    f"'{_show(row[_FLAG_COLUMN])}' seharusnya '{expected}' untuk kode {code} pada tabel skema "
                    f"{scheme} provinsi.",
                )


def _norm(name: str) -> str:
    return re.sub(r"[^a-z]", "", str(name).lower())


# --------------------------------------------------------------------------------------------
# Shipped tables
# --------------------------------------------------------------------------------------------


def load_table(name: str, *, check_foreign_keys: bool = True) -> pd.DataFrame:
    """Load a shipped table by name, validated against its description.

    Args:
        name: Table name (see :func:`resource_names`).
        check_foreign_keys: Check province codes and other references (default True).

    Returns:
        The typed DataFrame (see :func:`load_csv`).
    """
    if not isinstance(check_foreign_keys, bool):
        raise DataError(
            f"check_foreign_keys must be True or False, got {_show(repr(check_foreign_keys))}",
            "'check_foreign_keys' harus True atau False.",
            column="check_foreign_keys",
        )
    resource(name)  # a DataError naming the known tables for anything but a known name
    return _load_cached(str(DATASETS_DIR), name, check_foreign_keys).copy(deep=True)


@functools.lru_cache(maxsize=64)
def _load_cached(root: str, name: str, check_foreign_keys: bool) -> pd.DataFrame:
    res = resource(name)
    return load_csv(Path(root) / res["path"], res, check_foreign_keys=check_foreign_keys)


def provinces() -> pd.DataFrame:
    """Return the 38 provinces (Kemendagri codes and names, island group, new-in-2022 flag)."""
    return load_table("ref_provinsi_kode")


def papua_mapping() -> pd.DataFrame:
    """Return how today's six Papua provinces map onto the two rows of the 34-province tables."""
    return load_table("ref_papua_34_38")


def aggregate_to_34(
    df: pd.DataFrame,
    columns: Iterable[str],
    *,
    how: str = "sum",
    weights: pd.Series | None = None,
) -> pd.DataFrame:
    """Aggregate a 38-province table to the 34-province scheme, explicitly.

    Rows 93, 94, 95 are folded into 91 (Papua, pre-2022 territory) and 96 into 92 (Papua Barat,
    pre-2022 territory), following :func:`papua_mapping`.

    Args:
        df: A table on the 38-province scheme with ``kode_kemendagri``.
        columns: The value columns to aggregate.
        how: ``"sum"`` (counts such as population) or ``"weighted_mean"`` (rates, with ``weights``
            indexed by ``kode_kemendagri``, e.g. population).
        weights: Weights for ``"weighted_mean"``.

    Returns:
        A table with one row per code of the 34-province scheme (plus ``00`` if present), the
        ``cakupan_wilayah`` flag set, and ``attrs["skema_provinsi"] = "34"``. If any part of an
        old Papua row is missing, the aggregate is missing (never a partial sum).

    Raises:
        DataError: if the table is not on the 38-province scheme or ``how`` is unknown.
    """
    if not isinstance(df, pd.DataFrame):
        raise DataError(
            "aggregate_to_34 needs a DataFrame",
            "Agregasi ke 34 provinsi memerlukan tabel (DataFrame).",
            column="df",
        )
    columns = [columns] if isinstance(columns, str) else list(columns)
    for col in columns:
        if not isinstance(col, str) or col not in df.columns:
            raise DataError(
                f"column {_show(col)!r} is not in the table",
                f"Kolom '{_show(col)}' tidak ada di tabel.",
                column=_show(col),
            )
        if not pd.api.types.is_numeric_dtype(df[col]):
            raise DataError(
                f"column {col!r} is not numeric",
                f"Kolom '{col}' tidak berisi angka, jadi tidak bisa dijumlahkan.",
                column=col,
            )
    if df.attrs.get("skema_provinsi") not in ("38", None) or "kode_kemendagri" not in df:
        raise DataError(
            "aggregate_to_34 needs a 38-province table with kode_kemendagri",
            "Agregasi ke 34 provinsi hanya untuk tabel 38 provinsi yang punya kolom kode_kemendagri.",
            file=df.attrs.get("sumber"),
        )
    if how not in ("sum", "weighted_mean"):
        raise DataError(
            f"how={how!r} must be 'sum' or 'weighted_mean'",
            f"Cara agregasi '{how}' tidak dikenal; pilih 'sum' atau 'weighted_mean'.",
        )
    mapping = papua_mapping().set_index("kode_kemendagri")["kode_wilayah_34"].to_dict()
    work = df.copy()
    work["_kode34"] = work["kode_kemendagri"].map(lambda k: mapping.get(k, k))
    out = []
    for code, group in work.groupby("_kode34", sort=True):
        row: dict[str, Any] = {"kode_kemendagri": code}
        for col in columns:
            vals = group[col].astype(float)
            if vals.isna().any():
                row[col] = np.nan
            elif how == "sum":
                row[col] = float(vals.sum())
            else:
                if weights is None:
                    raise DataError(
                        "weighted_mean needs weights", "Rata-rata tertimbang memerlukan bobot."
                    )
                w = group["kode_kemendagri"].map(weights).astype(float)
                row[col] = float((vals * w).sum() / w.sum()) if w.notna().all() else np.nan
        row[_FLAG_COLUMN] = (
            "nasional"
            if code == "00"
            else "papua_sebelum_2022"
            if code in _OLD_PAPUA
            else "provinsi"
        )
        out.append(row)
    result = pd.DataFrame(out)
    ref = provinces().set_index("kode_kemendagri")["nama_pendek"]
    result.insert(1, "provinsi", result["kode_kemendagri"].map(ref).fillna("Indonesia"))
    result.attrs.update(df.attrs)
    result.attrs["skema_provinsi"] = "34"
    return result


def join_provinces(left: pd.DataFrame, right: pd.DataFrame, **kwargs: Any) -> pd.DataFrame:
    """Join two province tables on ``kode_kemendagri`` — only if they use the same scheme.

    A table on the 34-province scheme (old Papua rows) and one on the 38-province scheme cannot
    be joined directly: Papua and Papua Barat mean different territories in them. Aggregate the
    38-province table first with :func:`aggregate_to_34`.

    Raises:
        DataError: when the schemes differ.
    """
    for name, t in (("left", left), ("right", right)):
        if not isinstance(t, pd.DataFrame) or "kode_kemendagri" not in t.columns:
            raise DataError(
                f"{name} must be a province table (DataFrame with kode_kemendagri)",
                f"Tabel '{name}' harus berupa tabel provinsi yang punya kolom kode_kemendagri.",
                column="kode_kemendagri",
            )
    a, b = left.attrs.get("skema_provinsi"), right.attrs.get("skema_provinsi")
    if a and b and a != b:
        raise DataError(
            f"cannot join a {a}-province table ({left.attrs.get('sumber')}) with a {b}-province table "
            f"({right.attrs.get('sumber')}): aggregate the 38-province one with aggregate_to_34 first",
            f"Tabel skema {a} provinsi ({left.attrs.get('sumber')}) tidak boleh langsung digabung dengan "
            f"tabel skema {b} provinsi ({right.attrs.get('sumber')}): baris Papua berarti wilayah "
            "berbeda. Agregasikan dulu tabel 38 provinsi dengan aggregate_to_34.",
            file=right.attrs.get("sumber"),
            column="kode_kemendagri",
        )
    kwargs.setdefault("how", "outer")
    out = left.merge(right, on="kode_kemendagri", **kwargs)
    out.attrs.update(left.attrs)
    out.attrs["skema_provinsi"] = a or b
    return out


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
            t["kode_kemendagri"] != "00", ["kode_kemendagri", "provinsi", _FLAG_COLUMN, s["column"]]
        ]
        part = part.rename(columns={s["column"]: name})
        if base is None:
            base = part
        else:
            base = base.merge(
                part.drop(columns=["provinsi", _FLAG_COLUMN]), on="kode_kemendagri", how="outer"
            )
        if t.attrs["sumber"] not in sources:
            sources.append(t.attrs["sumber"])
            notes.extend(f"{t.attrs['sumber']}: {c}" for c in t.attrs["catatan"])
    assert base is not None
    old = base[_FLAG_COLUMN] == "papua_sebelum_2022"
    base.loc[old, "provinsi"] = base.loc[old, "provinsi"] + " (wilayah sebelum 2022)"
    base = base.sort_values("kode_kemendagri").reset_index(drop=True)
    base.attrs.update({"skema_provinsi": schemes.pop(), "sumber": sources, "catatan": notes})
    return base


# --------------------------------------------------------------------------------------------
# Synthetic regency
# --------------------------------------------------------------------------------------------


def load_regency() -> dict[str, pd.DataFrame]:
    """Return the SYNTHETIC regency "Kabupaten Tangguh Jaya (fiktif)": ``kecamatan`` and ``desa``."""
    return {"kecamatan": load_table("kecamatan"), "desa": load_table("desa")}


def load_regency_network():
    """Return the SYNTHETIC social network of the fictional regency as a networkx graph.

    Nodes are numbered people (``W0001`` …, no names) with attributes ``group`` (community,
    0–7, one per kecamatan), ``kode_kecamatan``, ``kode_desa`` and ``peran`` ("warga"/"tokoh").
    The edge list is read with :func:`simulations.core.networks.load_edgelist_csv`.
    """
    import networkx as nx

    from simulations.core.networks import load_edgelist_csv

    people = load_table("jaringan_orang")
    load_table("jaringan_ikatan")  # validates the edge list against its description first
    graph = load_edgelist_csv(DATASETS_DIR / resource("jaringan_ikatan")["path"])
    for rec in people.to_dict("records"):
        if rec["id_orang"] not in graph:
            graph.add_node(rec["id_orang"])
    nx.set_node_attributes(
        graph, {r["id_orang"]: int(r["komunitas"]) for r in people.to_dict("records")}, "group"
    )
    for col in ("kode_kecamatan", "kode_desa", "peran"):
        nx.set_node_attributes(graph, dict(zip(people["id_orang"], people[col], strict=True)), col)
    graph.graph["jenis_data"] = "sintetis"
    return graph


def load_reports() -> pd.DataFrame:
    """Return the SYNTHETIC citizen-report stream (one row per report; no content, no reporter)."""
    return load_table("laporan_warga")


def daily_counts(
    reports: pd.DataFrame,
    by: Iterable[str] = ("kode_kecamatan", "kategori"),
    *,
    start: str | None = None,
    end: str | None = None,
) -> pd.DataFrame:
    """Count reports per day and group, with explicit zeros for days without reports.

    Args:
        reports: The report table (column ``tanggal`` plus the ``by`` columns).
        by: Grouping columns (empty for regency-wide totals).
        start, end: Date range (default: the range of the data).

    Returns:
        A long DataFrame ``tanggal, <by…>, jumlah`` covering every day × group (zeros included).
    """
    by = [by] if isinstance(by, str) else list(by)
    if not isinstance(reports, pd.DataFrame):
        raise DataError(
            "reports must be a DataFrame",
            "Laporan harus berupa tabel (DataFrame).",
            column="reports",
        )
    for col in ["tanggal", *by]:
        if not isinstance(col, str) or col not in reports.columns:
            raise DataError(
                f"column {_show(col)!r} is not in the report table",
                f"Kolom '{_show(col)}' tidak ada di tabel laporan.",
                column=_show(col),
            )
    try:
        days = pd.date_range(
            start or reports["tanggal"].min(), end or reports["tanggal"].max(), freq="D"
        )
    except (ValueError, TypeError, OverflowError):
        raise DataError(
            f"start/end must be dates in the form YYYY-MM-DD, got {_show(start)!r}, {_show(end)!r}",
            "Tanggal awal/akhir harus berformat TTTT-BB-HH (mis. 2024-02-14).",
            column="start",
        ) from None
    if len(days) > 100_000:
        raise DataError(
            f"the date range has {len(days)} days; the limit is 100000",
            "Rentang tanggal terlalu panjang (lebih dari 100.000 hari).",
            column="start",
        )
    counts = reports.groupby(["tanggal", *by]).size().rename("jumlah")
    if by:
        groups = reports[by].drop_duplicates().sort_values(by)
        full = pd.MultiIndex.from_tuples(
            [(d, *g) for d in days for g in groups.itertuples(index=False, name=None)],
            names=["tanggal", *by],
        )
    else:
        full = pd.Index(days, name="tanggal")
    return counts.reindex(full, fill_value=0).reset_index()


# --------------------------------------------------------------------------------------------
# Text helpers for the notebooks (Indonesian)
# --------------------------------------------------------------------------------------------

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
    return f"{int(v):,}".replace(",", ".") if v.is_integer() else f"{v:g}"


def province_profile(code: str) -> str:
    """Return every shipped value for one province, each with its table (never mixed across sources).

    Args:
        code: Kemendagri code, e.g. ``"53"``.
    """
    ref = provinces().set_index("kode_kemendagri")
    if not isinstance(code, str) or code not in ref.index:
        code = _show(code)
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
            if row.get(_FLAG_COLUMN) == "papua_sebelum_2022"
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
            t[["kode_kemendagri", "provinsi", _FLAG_COLUMN, col]]
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
