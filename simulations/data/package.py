"""The Data Package that describes the course datasets (``datasets/datapackage.json``).

The tables in ``datasets/`` are described by a Frictionless Data Package (type, unit, source, year,
licence note, constraints, keys). This module finds and reads that description: the catalogue of
tables (:func:`resource_names`, :func:`resource`) and a readable summary of one table's columns
(:func:`describe_table`). Loading and validating the tables is :mod:`simulations.data.loading`.
"""

from __future__ import annotations

import functools
import json
import os
from pathlib import Path
from typing import Any

import pandas as pd

from simulations.core.errors import DataError
from simulations.data.messages import show

__all__ = ["DATASETS_DIR", "datapackage", "describe_table", "resource", "resource_names"]

DATASETS_DIR = Path(
    os.environ.get("TANGGUH_DATASETS", Path(__file__).resolve().parents[2] / "datasets")
)
"""Folder holding ``datapackage.json`` (override with the ``TANGGUH_DATASETS`` variable)."""


@functools.lru_cache(maxsize=4)
def _package(root: str) -> dict[str, Any]:
    path = Path(root) / "datapackage.json"
    if not path.is_file():
        raise DataError(
            f"{path}: data package description not found",
            f"Deskripsi data ({path}) tidak ditemukan. Apakah folder datasets/ ikut terpasang?",
            file=str(path),
        )
    return json.loads(path.read_text(encoding="utf-8"))


def datapackage() -> dict[str, Any]:
    """Return the parsed ``datasets/datapackage.json`` (cached)."""
    return _package(str(DATASETS_DIR))


def resource_names() -> list[str]:
    """Return the names of every table in the data package, in package order."""
    return [r["name"] for r in datapackage()["resources"]]


def resource(name: str) -> dict[str, Any]:
    """Return the Data Package resource (table description) called ``name``.

    Args:
        name: Table name, e.g. ``"iptik_provinsi_2022_2024"`` (the file name without ``.csv``).

    Raises:
        DataError: if there is no such table (the message lists the known ones).
    """
    if isinstance(name, str):
        for res in datapackage()["resources"]:
            if res["name"] == name:
                return res
    known = ", ".join(resource_names())
    shown = show(name)
    raise DataError(
        f"unknown table {shown!r}; known tables: {known}",
        f"Tabel '{shown}' tidak dikenal. Tabel yang ada: {known}.",
        file=shown,
    )


def describe_table(name: str) -> pd.DataFrame:
    """Return one row per column of table ``name``: type, unit, year, description, constraints."""
    res = resource(name)
    rows = []
    for f in res["schema"]["fields"]:
        rows.append(
            {
                "kolom": f["name"],
                "tipe": f["type"],
                "satuan": f.get("unit", ""),
                "tahun": f.get("x-tahun", ""),
                "keterangan": f.get("description", ""),
                "batasan": ", ".join(f"{k}={v}" for k, v in f.get("constraints", {}).items()),
            }
        )
    return pd.DataFrame(rows)
