"""The streaming CSV reader: allowed folders, size limits, encodings, one record at a time.

A participant's CSV is read record by record (the file is never read whole): the path must lie in
an allowed folder (:func:`default_roots`, symbolic links and ``..`` resolved first), the file is at
most :data:`MAX_FILE_BYTES`, a physical line at most :data:`MAX_LINE_BYTES`; UTF-8 (with or without
a byte-order mark) and UTF-16 with a mark are read, anything else is a
:class:`~simulations.core.errors.DataError` naming the encoding. Checking the records against the
table's description is :mod:`simulations.data.validation`.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from simulations.core.errors import DataError
from simulations.data.messages import data_error, show
from simulations.data.package import DATASETS_DIR

__all__ = ["MAX_FILE_BYTES", "MAX_LINE_BYTES", "check_path", "default_roots", "read_records"]

MAX_FILE_BYTES = 256 * 2**20
"""Largest CSV :func:`load_csv` reads (256 MiB); larger files are refused before reading."""

MAX_LINE_BYTES = 2**20
"""Longest physical line read (1 MiB); a longer line is an error, so memory stays bounded."""


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


def check_path(path: Path, file: str, allowed_roots: Iterable[Any] | None) -> Path:
    """Resolve ``path`` (symbolic links and ``..`` included) and refuse it outside the roots."""
    if path.suffix.lower() not in (".csv", ".txt"):
        raise data_error(
            file,
            None,
            None,
            "only .csv (or .txt) files are read",
            "hanya berkas .csv (atau .txt) yang dibaca. Simpan tabel sebagai 'CSV UTF-8'.",
        )
    resolved = path.resolve()
    roots = default_roots() if allowed_roots is None else [Path(r) for r in allowed_roots]
    if not any(resolved.is_relative_to(r.resolve()) for r in roots):
        raise data_error(
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
        raise data_error(file, None, None, "file not found", "berkas tidak ditemukan.")
    return resolved


def _not_utf8(file: str, row: int | None, chunk: bytes) -> DataError:
    try:
        chunk.decode("cp1252")
        guess_en, guess_id = " (it looks like Latin-1/Windows-1252)", " (tampaknya Latin-1/ANSI)"
    except UnicodeDecodeError:
        guess_en = guess_id = ""
    return data_error(
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
            raise data_error(
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
            raise data_error(
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


def read_records(path: Path, file: str, *, max_bytes: int = MAX_FILE_BYTES) -> Iterable[list[str]]:
    """Yield the CSV records of ``path`` one by one (the file is never read whole).

    UTF-8 with or without a byte-order mark is read; UTF-16 with a byte-order mark is decoded;
    anything else (Latin-1, UTF-16 without a mark) is a :class:`DataError` naming the encoding.
    """
    size = path.stat().st_size
    if size > max_bytes:
        raise data_error(
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
            raise data_error(
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
                raise data_error(
                    file,
                    where if where > 0 else None,
                    None,
                    f"not a valid CSV file ({show(exc, 120)})",
                    f"bukan berkas CSV yang sah ({show(exc, 120)}).",
                ) from None
            yield row
