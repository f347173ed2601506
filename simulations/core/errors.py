"""Errors that name what is wrong, in English for researchers and in Indonesian for participants.

Every error the package raises on bad input is a :class:`SimulationInputError`, a subclass of
:class:`ValueError` (so ``except ValueError`` keeps working). It carries two messages:

* ``str(err)``: the English message, for researchers and logs;
* ``err.pesan``: the Indonesian message shown in notebooks and widgets.

Notebooks call :func:`simulations.course.notebook.setup` once, which makes Jupyter print ``err.pesan``
instead of a traceback for these errors.
"""

from __future__ import annotations


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
