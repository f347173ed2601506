"""Errors that name what is wrong, in English for researchers and in Indonesian for participants.

Every error the package raises on bad input is a :class:`SimulationInputError`, a subclass of
:class:`ValueError` (so ``except ValueError`` keeps working). It carries two messages:

* ``str(err)``: the English message, for researchers and logs;
* ``err.pesan``: the Indonesian message shown in notebooks and widgets.

Notebooks call :func:`simulations.course.notebook.setup` once, which makes Jupyter print ``err.pesan``
instead of a traceback for these errors.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any


class SimulationInputError(ValueError):
    """Bad input to the package, with an English and an Indonesian message.

    Args:
        message: English message naming the argument (or file, row and column) and what is allowed.
        pesan: Indonesian message for participants. Defaults to the English message.
        field: Name of the offending argument or column, when there is one.
    """

    def __init__(self, message: str, pesan: str | None = None, *, field: str | None = None):
        super().__init__(message)
        self.pesan = pesan or message
        self.field = field


class ParameterError(SimulationInputError):
    """A model or builder parameter is missing, of the wrong type or out of its range."""


class NetworkError(SimulationInputError):
    """A network cannot be built or loaded (empty graph, bad edge list, …)."""


class DataError(SimulationInputError):
    """A data file is malformed: missing column, wrong type, value out of range, duplicate key."""

    def __init__(
        self,
        message: str,
        pesan: str | None = None,
        *,
        file: str | None = None,
        row: int | None = None,
        column: str | None = None,
    ):
        super().__init__(message, pesan, field=column)
        self.file = file
        self.row = row
        self.column = column


def friendly_message(exc: BaseException) -> str:
    """Return the message a participant should see for ``exc``, in Indonesian when known.

    Args:
        exc: Any exception.

    Returns:
        ``exc.pesan`` for package errors; otherwise a short Indonesian sentence with the
        exception's own text, never a traceback.
    """
    if isinstance(exc, SimulationInputError):
        return exc.pesan
    return f"Terjadi kesalahan tak terduga ({type(exc).__name__}: {exc}). Periksa masukan lalu coba lagi."


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _build(
    error: type[SimulationInputError], message: str, pesan: str, name: str, field: str | None
) -> SimulationInputError:
    """The error of an unknown-value check; the English message starts with ``field:`` when
    ``name`` does not already name it, and a :class:`DataError` gets the field as its column."""
    where = field or name
    if where not in name:
        message = f"{where}: {message}"
    if issubclass(error, DataError):
        return error(message, pesan, column=where)
    return error(message, pesan, field=where)


def check_all_known(
    values: Iterable[Any],
    known: Iterable[object],
    name: str,
    label: str,
    *,
    error: type[SimulationInputError] = ParameterError,
    field: str | None = None,
) -> list[Any]:
    """Return ``values`` as a list if every one is ``known``, else raise naming the unknown ones.

    The list form of :func:`check_known`: English ``unknown <name>(s) [...]; known: [...]``,
    Indonesian ``<label> tidak dikenal: x, y. Pilihan: a, b.``

    Args:
        values: The values given.
        known: The allowed values, in the order to list them.
        name: English name of one value (``"carrier"``).
        label: Indonesian name, capitalised (``"Pembawa"``).
        error: The error class to build; a :class:`DataError` gets ``field`` as its column.
        field: The argument or column named in the error; defaults to ``name``.

    Raises:
        SimulationInputError: ``error``, naming every unknown value (each clipped to 40 characters).
    """
    values = list(values)
    allowed = list(known)
    bad = [_clip(str(v), 40) for v in values if v not in allowed]
    if not bad:
        return values
    options = [str(k) for k in allowed]
    message = f"unknown {name}(s) {bad}; known: {options}"
    pesan = f"{label} tidak dikenal: {', '.join(bad)}. Pilihan: {', '.join(options)}."
    raise _build(error, message, pesan, name, field)


def check_known(
    value: Any,
    known: Collection[Any],
    name: str,
    label: str,
    *,
    error: type[SimulationInputError] = ParameterError,
    field: str | None = None,
) -> Any:
    """Return ``value`` if it is one of ``known`` (a collection or a mapping's keys), else raise.

    The one wording of every "unknown X" check: English ``unknown <name> 'v'; known: [...]``
    (``<field>: `` first when ``name`` does not name the field), Indonesian
    ``<label> 'v' tidak dikenal; pilih salah satu dari a, b.``

    Args:
        value: The value to check; an unhashable one (a list) is unknown, not a TypeError.
        known: The allowed values.
        name: English name of what is chosen.
        label: Indonesian name, capitalised.
        error: The error class to raise (:class:`ParameterError` unless the value comes from a file).
        field: The argument or column named in the error; defaults to ``name``.

    Raises:
        SimulationInputError: ``error``, listing the known values; the value is shown clipped to
            60 characters.
    """
    try:
        ok = value in known
    except TypeError:
        ok = False
    if ok:
        return value
    options = [str(k) for k in known]
    message = f"unknown {name} {_clip(repr(value))}; known: {options}"
    pesan = (
        f"{label} '{_clip(str(value))}' tidak dikenal; pilih salah satu dari {', '.join(options)}."
    )
    raise _build(error, message, pesan, name, field)
