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
import itertools
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from simulations.core.errors import DataError
from simulations.core.formatting import format_id
from simulations.data.messages import data_error, show
from simulations.data.package import DATASETS_DIR

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_LINE_BYTES",
    "MAX_NAME_CHARS",
    "MAX_PATH_CHARS",
    "MAX_ROOTS",
    "check_path",
    "check_path_text",
    "check_roots",
    "default_roots",
    "read_records",
]

MAX_FILE_BYTES = 256 * 2**20
"""Largest CSV :func:`load_csv` reads (256 MiB); larger files are refused before reading."""

MAX_LINE_BYTES = 2**20
"""Longest physical line read (1 MiB); a longer line is an error, so memory stays bounded."""

MAX_PATH_CHARS = 4096
"""Longest path accepted (characters; Linux's PATH_MAX)."""

MAX_NAME_CHARS = 255
"""Longest file or folder name accepted within a path (characters; the usual NAME_MAX)."""

MAX_ROOTS = 64
"""Most folders ``allowed_roots`` may list."""


def _path_problem(value: Any) -> tuple[str, str] | None:
    """Return (English, Indonesian) saying why ``value`` is not a usable path, or None."""
    if not isinstance(value, str | os.PathLike):
        return (
            f"must be text or a pathlib.Path, got {type(value).__name__}",
            "harus berupa teks (nama berkas/folder) atau pathlib.Path",
        )
    try:
        text = os.fspath(value)
    except TypeError:
        text = None
    if not isinstance(text, str):
        return ("must be text, not bytes", "harus berupa teks, bukan bytes")
    if not text.strip():
        return ("is empty", "kosong")
    if "\x00" in text:
        return (
            "contains a NUL byte (\\x00)",
            "berisi karakter NUL (\\x00) yang tidak boleh ada di nama berkas",
        )
    if len(text) > MAX_PATH_CHARS:
        return (
            f"has {len(text)} characters; a path may have at most {MAX_PATH_CHARS}",
            f"terdiri dari {format_id(len(text), 0)} karakter; paling banyak "
            f"{format_id(MAX_PATH_CHARS, 0)}",
        )
    longest = max((len(part) for part in Path(text).parts), default=0)
    if longest > MAX_NAME_CHARS:
        return (
            f"has a name of {longest} characters; a file or folder name may have at most "
            f"{MAX_NAME_CHARS}",
            f"memuat nama sepanjang {format_id(longest, 0)} karakter; nama berkas atau folder "
            f"paling banyak {MAX_NAME_CHARS} karakter",
        )
    return None


def check_path_text(path: Any) -> Path:
    """Return ``path`` as a :class:`~pathlib.Path` after checks that need no file system.

    Raises:
        DataError: (``column="path"``) for anything but non-empty text or a ``pathlib.Path``, a NUL
            byte, a path over :data:`MAX_PATH_CHARS` or a name over :data:`MAX_NAME_CHARS`.
    """
    problem = _path_problem(path)
    if problem:
        en, idn = problem
        raise DataError(
            f"path {en}: {show(repr(path))}",
            f"Nama berkas {idn}. Tulis nama berkasnya, mis. 'data_wilayah.csv'.",
            column="path",
        )
    return Path(os.fspath(path))


def check_roots(allowed_roots: Any) -> list[Path] | None:
    """Return ``allowed_roots`` as a list of folders (None stays None: :func:`default_roots`).

    One folder (text or ``pathlib.Path``) or a list of at most :data:`MAX_ROOTS` of them.

    Raises:
        DataError: (``column="allowed_roots"``) for anything else, naming what is wrong.
    """
    if allowed_roots is None:
        return None
    if isinstance(allowed_roots, str | os.PathLike):
        allowed_roots = [allowed_roots]  # one folder, not its characters
    if isinstance(allowed_roots, bytes | Mapping) or not isinstance(allowed_roots, Iterable):
        raise DataError(
            "allowed_roots must be a folder or a list of folders (text or pathlib.Path), got "
            f"{show(repr(allowed_roots))}",
            "allowed_roots harus berupa satu folder atau daftar folder (teks), mis. "
            "allowed_roots=['data_daerah'].",
            column="allowed_roots",
        )
    roots = list(itertools.islice(allowed_roots, MAX_ROOTS + 1))
    if len(roots) > MAX_ROOTS:
        raise DataError(
            f"allowed_roots lists more than {MAX_ROOTS} folders",
            f"allowed_roots berisi lebih dari {MAX_ROOTS} folder.",
            column="allowed_roots",
        )
    for i, root in enumerate(roots):
        problem = _path_problem(root)
        if problem:
            en, idn = problem
            raise DataError(
                f"allowed_roots[{i}] {en}: {show(repr(root))}",
                f"Folder ke-{i + 1} di allowed_roots {idn}.",
                column="allowed_roots",
            )
    return [Path(os.fspath(r)) for r in roots]


def _unreadable(file: str, exc: OSError) -> DataError:
    reason = exc.strerror or type(exc).__name__
    return data_error(
        file,
        None,
        None,
        f"the file cannot be read ({show(reason)})",
        "berkas tidak bisa dibaca (tidak ada izin, atau jalurnya tidak sah). Salin berkas ke "
        "folder notebook Anda lalu muat dari sana.",
    )


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
    """Resolve ``path`` (symbolic links and ``..`` included) and refuse it outside the roots.

    ``path`` and ``allowed_roots`` are checked first (:func:`check_path_text`,
    :func:`check_roots`); what the operating system refuses (a name too long for it, no
    permission) is a :class:`DataError` too.
    """
    path = check_path_text(path)
    roots = check_roots(allowed_roots)
    if path.suffix.lower() not in (".csv", ".txt"):
        raise data_error(
            file,
            None,
            None,
            "only .csv (or .txt) files are read",
            "hanya berkas .csv (atau .txt) yang dibaca. Simpan tabel sebagai 'CSV UTF-8'.",
        )
    try:
        resolved = path.resolve()
        inside = any(
            resolved.is_relative_to(r.resolve())
            for r in (default_roots() if roots is None else roots)
        )
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symbolic-link loop (Python < 3.13)
        raise _unreadable(file, exc if isinstance(exc, OSError) else OSError(str(exc))) from None
    if not inside:
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
    try:
        found = resolved.is_file()
    except OSError as exc:
        raise _unreadable(file, exc) from None
    if not found:
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
                f"satu baris lebih panjang dari {format_id(MAX_LINE_BYTES, 0)} bita; periksa "
                "berkasnya.",
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
    try:
        size = path.stat().st_size
        raw = path.open("rb")
    except OSError as exc:
        raise _unreadable(file, exc) from None
    if size > max_bytes:
        raw.close()
        raise data_error(
            file,
            None,
            None,
            f"the file has {size} bytes; the limit is {max_bytes}",
            f"berkas berukuran {format_id(size, 0)} bita; batasnya {format_id(max_bytes, 0)} bita. "
            "Pecah tabelnya.",
        )
    with raw:
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
