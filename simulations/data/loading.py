"""Load the course datasets with validation: :func:`load_csv` and :func:`load_table`.

:func:`load_csv` reads a CSV as a stream (:mod:`simulations.data.reader`) and checks it against the
description of a table in the data package (:mod:`simulations.data.validation`);
:func:`load_table` loads a shipped table by name (cached). The two belong together: checking a
table's foreign keys loads the referenced tables.

Pandera was considered; a small reader written against the Data Package keeps one description
(the JSON that also documents the data), gives row numbers of the *file*, and Indonesian messages
without another dependency.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from simulations.core.errors import DataError
from simulations.data import validation
from simulations.data.columns import Column
from simulations.data.messages import data_error, show
from simulations.data.package import DATASETS_DIR, resource
from simulations.data.reader import (
    MAX_FILE_BYTES,
    check_path,
    check_path_text,
    check_roots,
    read_records,
)

__all__ = ["load_csv", "load_table"]


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
    path = check_path_text(path)
    allowed_roots = check_roots(allowed_roots)
    for name, flag in (("strict", strict), ("check_foreign_keys", check_foreign_keys)):
        if not isinstance(flag, bool):
            raise DataError(
                f"{name} must be True or False, got {show(repr(flag))}",
                f"'{name}' harus True atau False.",
                column=name,
            )
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes < 1:
        raise DataError(
            f"max_bytes must be a whole number >= 1, got {show(repr(max_bytes))}",
            "'max_bytes' harus bilangan bulat minimal 1.",
            column="max_bytes",
        )
    file = show(path.name, 120)
    res = resource(table) if isinstance(table, str) else validation.resource_dict(table)
    schema = res["schema"]
    fields = schema["fields"]
    missing_values = set(schema.get("missingValues", [""]))
    path = check_path(path, file, allowed_roots)
    rows = iter(read_records(path, file, max_bytes=max_bytes))
    first = next(rows, None)
    if first is None or not any(c.strip() for c in first):
        raise data_error(
            file, None, None, "the file is empty", "berkas kosong (tidak ada judul kolom)."
        )
    header = validation.check_header(first, fields, file, strict)
    by_name = {f["name"]: f for f in fields}
    idx = {h: i for i, h in enumerate(header)}
    columns = {f["name"]: Column(f["type"]) for f in fields}
    r = 0
    for r, cells in enumerate(rows, start=1):
        if len(cells) != len(header):
            if len(cells) == 0 or (len(cells) == 1 and cells[0].strip() == ""):
                raise data_error(file, r, None, "empty line", "baris kosong; hapus baris ini.")
            col = header[len(cells)] if len(cells) < len(header) else None
            raise data_error(
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
                    raise data_error(
                        file,
                        r,
                        name,
                        "value is missing but required",
                        "nilai kosong, padahal wajib diisi.",
                    )
                columns[name].append(None)
                continue
            validation.check_text_cell(raw, name, file, r)
            value = validation.parse_cell(raw, field, file, r)
            validation.check_constraints(value, raw, field, file, r)
            try:
                columns[name].append(value)
            except OverflowError:
                raise data_error(
                    file,
                    r,
                    name,
                    f"'{show(raw)}' is too large for a whole number (at most 19 digits)",
                    f"'{show(raw)}' terlalu besar untuk bilangan bulat (paling banyak 19 digit).",
                ) from None
    if r == 0:
        raise data_error(
            file,
            None,
            None,
            "the file has a header but no data rows",
            "berkas hanya berisi judul kolom, tanpa baris data.",
        )
    arrays = {}
    for name in list(columns):  # one column at a time: a builder is freed once converted
        arrays[name] = columns.pop(name).to_array()
    df = pd.DataFrame(arrays, copy=False)  # no second copy of the columns
    del arrays
    validation.check_primary_key(df, schema, file)
    validation.check_totals(df, res, file)
    if check_foreign_keys:
        validation.check_foreign_keys(df, res, file, _reference_values)
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


def _reference_values(resource_name: str, field: str) -> dict[str, dict[str, Any]]:
    ref = load_table(resource_name, check_foreign_keys=False)
    return {str(row[field]): row for row in ref.to_dict("records")}


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
            f"check_foreign_keys must be True or False, got {show(repr(check_foreign_keys))}",
            "'check_foreign_keys' harus True atau False.",
            column="check_foreign_keys",
        )
    resource(name)  # a DataError naming the known tables for anything but a known name
    return _load_cached(str(DATASETS_DIR), name, check_foreign_keys).copy(deep=True)


@functools.lru_cache(maxsize=64)
def _load_cached(root: str, name: str, check_foreign_keys: bool) -> pd.DataFrame:
    res = resource(name)
    return load_csv(Path(root) / res["path"], res, check_foreign_keys=check_foreign_keys)
