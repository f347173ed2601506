"""Load the course datasets with validation: every bad cell is named by file, row and column.

The tables in ``datasets/`` are described by a Frictionless Data Package
(``datasets/datapackage.json``: type, unit, source, year, licence note, constraints, keys). Every
CSV is checked against that description when it is loaded — the shipped tables and a participant's
own regional CSV alike — and any failure raises :class:`~simulations.core.errors.DataError` with
``file``, ``row`` and ``column``, an English message and an Indonesian ``.pesan``. Nothing is
coerced silently.

Modules (one job each; import the names below from ``simulations.data``):

* ``package`` — the Data Package: where it is, its tables, one table's columns.
* ``reader`` — the streaming CSV reader: allowed folders, size limits, encodings.
* ``validation`` — the rules: types, constraints, formulas, keys, the province schemes.
* ``loading`` — :func:`load_csv` (a participant's CSV) and :func:`load_table` (a shipped table).
* ``provinces`` — the 34 and 38 province schemes: reference tables, aggregation, safe joins.
* ``indicators`` — real provincial indicators: the index's set, profiles, long tables, sources.
* ``synthetic`` — the SYNTHETIC regency: its tables, network and citizen-report stream.
* ``messages`` — error messages naming file, row and column.

Example:
    >>> from simulations import data
    >>> iptik = data.load_table("iptik_provinsi_2022_2024")
    >>> iptik.attrs["skema_provinsi"]
    '34'
"""

from simulations.data.indicators import (
    ELEMENTS,
    INDICATORS_34,
    indicator_elements,
    province_indicators,
    province_profile,
    sources_text,
    to_long,
)
from simulations.data.loading import load_csv, load_table
from simulations.data.package import (
    DATASETS_DIR,
    datapackage,
    describe_table,
    resource,
    resource_names,
)
from simulations.data.provinces import aggregate_to_34, join_provinces, papua_mapping, provinces
from simulations.data.reader import MAX_FILE_BYTES, MAX_LINE_BYTES, default_roots
from simulations.data.synthetic import (
    daily_counts,
    load_regency,
    load_regency_network,
    load_reports,
)
from simulations.data.validation import MAX_CELL_CHARS, PAPUA_NEW_CODES

__all__ = [
    "DATASETS_DIR",
    "ELEMENTS",
    "INDICATORS_34",
    "MAX_CELL_CHARS",
    "MAX_FILE_BYTES",
    "MAX_LINE_BYTES",
    "PAPUA_NEW_CODES",
    "aggregate_to_34",
    "daily_counts",
    "datapackage",
    "default_roots",
    "describe_table",
    "indicator_elements",
    "join_provinces",
    "load_csv",
    "load_regency",
    "load_regency_network",
    "load_reports",
    "load_table",
    "papua_mapping",
    "province_indicators",
    "province_profile",
    "provinces",
    "resource",
    "resource_names",
    "sources_text",
    "to_long",
]
