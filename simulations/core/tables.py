"""Small lookup tables of frozen records: keyed by one attribute, looked up by it.

Registries written as a tuple of records (network builders, tabletop levers and roles) and
the records held in a tuple (parameters of a table, questions of a bank, sessions of a
syllabus) share these two helpers, so a duplicated key is an error when the table is built
instead of one record silently replacing another.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable
from typing import Any, TypeVar

T = TypeVar("T")

__all__ = ["find", "keyed", "repeated"]


def keyed(records: Iterable[T], attr: str = "key") -> dict[str, T]:
    """Return ``{record.<attr>: record}`` in the records' order, refusing a repeated key.

    Args:
        records: The records (any objects with the attribute ``attr``).
        attr: Name of the attribute that keys the table.

    Raises:
        ValueError: Two records share a key (a programming error in the table, not user input).
    """
    table: dict[str, T] = {}
    for record in records:
        key = getattr(record, attr)
        if key in table:
            raise ValueError(f"duplicate {attr} {key!r} in a keyed table")
        table[key] = record
    return table


H = TypeVar("H", bound=Hashable)


def repeated(values: Iterable[H]) -> list[H]:
    """Return the values that occur more than once, each once, sorted.

    Used by the readers of user files (question banks, syllabus, exercises, answer tables) to
    name every repeated id or column in one error message.

    Args:
        values: Hashable, mutually comparable values (ids, codes, column names).

    Example:
        >>> repeated(["M1-02", "M1-01", "M1-02"])
        ['M1-02']
    """
    return sorted(value for value, count in Counter(values).items() if count > 1)


def find(records: Iterable[T], attr: str, value: Any) -> T:
    """Return the first record whose ``attr`` equals ``value``.

    Raises:
        KeyError: No record has that value (the error carries ``value``).
    """
    for record in records:
        if getattr(record, attr) == value:
            return record
    raise KeyError(value)
