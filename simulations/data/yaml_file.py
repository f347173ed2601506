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

__all__ = ["read_yaml", "yaml_error"]


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
    """Return the parsed content of the YAML file ``path`` (``yaml.safe_load``).

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
        return yaml.safe_load(path.read_text(encoding="utf-8"))
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
