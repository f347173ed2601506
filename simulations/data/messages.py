"""Error messages of the data loaders: every bad cell named by file, row and column.

Any failure of :mod:`simulations.data` raises :class:`~simulations.core.errors.DataError` with
``file``, ``row`` (1 = first data row after the header, as in
:func:`simulations.core.networks.load_edgelist_csv`) and ``column``, an English message and an
Indonesian ``.pesan``. Messages are bounded in length and quote at most a short, printable snippet
of whatever the file holds.
"""

from __future__ import annotations

import re
from typing import Any

from simulations.core.errors import DataError

__all__ = ["CONTROL", "MESSAGE_CHARS", "SHOWN_CHARS", "data_error", "show"]

SHOWN_CHARS = 60
"""Characters of a cell or column name quoted back in an error message."""

MESSAGE_CHARS = 600
"""An error message never grows past this, whatever the file holds."""

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
"""Control characters refused in cells and escaped when quoted."""


def show(value: Any, limit: int = SHOWN_CHARS) -> str:
    """Return ``value`` as a short, printable snippet for an error message (control chars escaped)."""
    text = str(value)
    text = CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
    text = text.replace("\n", "\\n").replace("\r", "\\r")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def data_error(file: str, row: int | None, column: str | None, en: str, idn: str) -> DataError:
    """Return a DataError whose messages start with where the problem is (file, row, column).

    Args:
        file: File name as shown to the reader (already shortened with :func:`show`).
        row: Data row, 1 = first row after the header; None for the whole file.
        column: Column name, or None.
        en: English message.
        idn: Indonesian message (``.pesan``).
    """
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
    if len(en) > MESSAGE_CHARS:
        en = en[: MESSAGE_CHARS - 1] + "…"
    if len(idn) > MESSAGE_CHARS:
        idn = idn[: MESSAGE_CHARS - 1] + "…"
    return DataError(en, idn, file=file, row=row, column=column)
