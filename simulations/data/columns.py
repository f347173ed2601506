"""Compact columns for the streaming loader: typed arrays while reading, one DataFrame at the end.

:func:`simulations.data.load_csv` parses a file record by record. Keeping every parsed cell as a
Python object (an ``int``, a ``float``, a ``pandas.Timestamp``, a new ``str`` per cell) made a
100 MB report file peak at about 1.1 GB. A :class:`Column` keeps what it receives in the form the
final DataFrame will hold: whole numbers and numbers in 8-byte :mod:`array` buffers, dates as day
numbers, flags as bytes, a one-byte mask for missing cells, and text as a 4-byte code into its
distinct values while there are at most :data:`INTERN_LIMIT` of them (a column of kecamatan codes
holds a handful of strings, not one per row). Text columns come out as ``object`` columns (pandas
3 would otherwise infer its string dtype and copy every cell).
"""

from __future__ import annotations

import datetime as dt
from array import array
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["Column", "INTERN_LIMIT"]

INTERN_LIMIT = 4096
"""Distinct texts a column stores as codes; beyond this it keeps each cell's own text."""

_EPOCH = dt.date(1970, 1, 1).toordinal()


class Column:
    """The parsed cells of one column, stored compactly.

    Args:
        kind: The Table Schema type: ``integer``, ``number``, ``date``, ``boolean``, or anything
            else for text (``string``, ``yearmonth``).

    Raises (from :meth:`append`):
        OverflowError: for a whole number outside the 64-bit range (the loader names the cell).
    """

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.missing = bytearray()
        if kind == "integer" or kind == "date":
            self.values: Any = array("q")
        elif kind == "number":
            self.values = array("d")
        elif kind == "boolean":
            self.values = bytearray()
        else:  # text: a code per row into the distinct values, while they are few
            self.values = array("i")
            self._codes: dict[str, int] | None = {}
            self._distinct: list[str | None] = []

    def __len__(self) -> int:
        return len(self.missing)

    def append(self, value: Any) -> None:
        """Add one parsed cell (None for a missing one)."""
        missing = value is None
        if self.kind == "integer":
            self.values.append(0 if missing else value)
        elif self.kind == "number":
            self.values.append(float("nan") if missing else value)
        elif self.kind == "date":
            self.values.append(0 if missing else value.toordinal() - _EPOCH)
        elif self.kind == "boolean":
            self.values.append(0 if missing else int(value))
        elif self._codes is None:
            self.values.append(value)
        else:
            code = self._codes.get(value)
            if code is None:
                if len(self._distinct) >= INTERN_LIMIT:  # mostly distinct: keep the texts
                    self.values = [self._distinct[c] for c in self.values] + [value]
                    self._codes = None
                    self.missing.append(missing)
                    return
                code = self._codes[value] = len(self._distinct)
                self._distinct.append(value)
            self.values.append(code)
        self.missing.append(missing)

    def to_array(self) -> Any:
        """Return the column for a DataFrame: ``Int64``, ``float64``, ``datetime64``, ``boolean``
        or ``object`` (text, None where missing)."""
        mask = np.frombuffer(bytes(self.missing), dtype=np.bool_).copy()
        if self.kind == "integer":
            return pd.arrays.IntegerArray(np.frombuffer(self.values, dtype=np.int64).copy(), mask)
        if self.kind == "number":
            return np.frombuffer(self.values, dtype=np.float64).copy()
        if self.kind == "date":
            days = np.frombuffer(self.values, dtype=np.int64).astype("datetime64[D]")
            days[mask] = np.datetime64("NaT")
            return pd.Series(days.astype("datetime64[us]"))  # as pandas 3's to_datetime
        if self.kind == "boolean":
            flags = np.frombuffer(bytes(self.values), dtype=np.uint8).astype(np.bool_)
            return pd.arrays.BooleanArray(flags, mask)
        if self._codes is not None:
            distinct = np.empty(len(self._distinct), dtype=object)
            distinct[:] = self._distinct
            out = distinct[np.frombuffer(self.values, dtype=np.intc)]
        else:
            out = np.empty(len(self.values), dtype=object)
            out[:] = self.values
        # dtype=object: pandas 3 would otherwise infer its string dtype and copy every cell
        return pd.Series(out, dtype=object, copy=False)
