"""Reading the package's YAML files (syllabus, question bank, coverage map, tabletop scenarios).

One reader and one error shape for every YAML file the package reads: a missing file or broken
YAML is a :class:`~simulations.core.errors.DataError` naming the file (and the line, for broken
YAML), and a bad entry is named by file and place (``sesi[2].jp``), in English and Indonesian.
Checking what the entries mean stays with each file's own module.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from simulations.core.errors import DataError

__all__ = ["SAFE_LOADER", "read_yaml", "yaml_error"]

SAFE_LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""PyYAML's safe loader, in C (libyaml) where PyYAML was built with it: the same documents, about
ten times faster than the pure-Python ``SafeLoader`` (the 100 kB question bank: 19 ms instead of
212 ms; the quiz widget reads it each time it is built)."""


def yaml_error(file: str, where: str, message: str, pesan: str) -> DataError:
    """Return a DataError for one entry of a YAML file: ``"<file>: <where>: <message>"``.

    Args:
        file: File name as shown to the reader (e.g. ``"silabus.yaml"``).
        where: Place of the entry (``"sesi[2].jp"``; ``"(root)"`` for the whole document); also
            the error's ``column``.
        message: English message.
        pesan: Indonesian message (``.pesan``).
    """
    return DataError(
        f"{file}: {where}: {message}", f"{file}: {where}: {pesan}", file=file, column=where
    )


def read_yaml(path: str | Path, what: str, apa: str) -> Any:
    """Return the parsed content of the YAML file ``path`` (safe loading, :data:`SAFE_LOADER`).

    Args:
        path: The file.
        what: English name of what the file holds (``"syllabus file"``), for a missing file.
        apa: The same in Indonesian (``"silabus"``: "Berkas silabus tidak ditemukan").

    Raises:
        DataError: the file does not exist (``file`` is the path), or is not valid YAML
            (``file`` is the name, ``row`` the line of the problem when YAML knows it).
    """
    path = Path(path)
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except FileNotFoundError:
        raise DataError(
            f"{what} not found: {path}",
            f"Berkas {apa} tidak ditemukan: {path}",
            file=str(path),
        ) from None
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        row = None if line is None else line + 1
        raise DataError(
            f"{path.name}: not valid YAML (line {row}): {exc}",
            f"{path.name}: format YAML tidak valid (baris {row}). Periksa indentasi dan tanda titik dua.",
            file=path.name,
            row=row,
        ) from None
