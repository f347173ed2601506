"""The SYNTHETIC regency "Kabupaten Tangguh Jaya (fiktif)": its tables, network and report stream.

Everything here is synthetic and says so: the kecamatan and desa tables, the social network of
numbered people (no names) and the stream of citizen reports (no content, no reporter), made by the
scripts in ``datasets/synthetic/``.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from simulations.core.errors import DataError
from simulations.data.loading import load_table
from simulations.data.messages import show
from simulations.data.package import DATASETS_DIR, resource

__all__ = ["daily_counts", "load_regency", "load_regency_network", "load_reports"]


def load_regency() -> dict[str, pd.DataFrame]:
    """Return the SYNTHETIC regency "Kabupaten Tangguh Jaya (fiktif)": ``kecamatan`` and ``desa``."""
    return {"kecamatan": load_table("kecamatan"), "desa": load_table("desa")}


def load_regency_network():
    """Return the SYNTHETIC social network of the fictional regency as a networkx graph.

    Nodes are numbered people (``W0001`` …, no names) with attributes ``group`` (community,
    0–7, one per kecamatan), ``kode_kecamatan``, ``kode_desa`` and ``peran`` ("warga"/"tokoh").
    The edge list is read with :func:`simulations.core.networks.load_edgelist_csv`.
    """
    import networkx as nx

    from simulations.core.networks import load_edgelist_csv

    people = load_table("jaringan_orang")
    load_table("jaringan_ikatan")  # validates the edge list against its description first
    graph = load_edgelist_csv(DATASETS_DIR / resource("jaringan_ikatan")["path"])
    for rec in people.to_dict("records"):
        if rec["id_orang"] not in graph:
            graph.add_node(rec["id_orang"])
    nx.set_node_attributes(
        graph, {r["id_orang"]: int(r["komunitas"]) for r in people.to_dict("records")}, "group"
    )
    for col in ("kode_kecamatan", "kode_desa", "peran"):
        nx.set_node_attributes(graph, dict(zip(people["id_orang"], people[col], strict=True)), col)
    graph.graph["jenis_data"] = "sintetis"
    return graph


def load_reports() -> pd.DataFrame:
    """Return the SYNTHETIC citizen-report stream (one row per report; no content, no reporter)."""
    return load_table("laporan_warga")


def daily_counts(
    reports: pd.DataFrame,
    by: Iterable[str] = ("kode_kecamatan", "kategori"),
    *,
    start: str | None = None,
    end: str | None = None,
) -> pd.DataFrame:
    """Count reports per day and group, with explicit zeros for days without reports.

    Args:
        reports: The report table (column ``tanggal`` plus the ``by`` columns).
        by: Grouping columns (empty for regency-wide totals).
        start, end: Date range (default: the range of the data).

    Returns:
        A long DataFrame ``tanggal, <by…>, jumlah`` covering every day × group (zeros included).
    """
    by = [by] if isinstance(by, str) else list(by)
    if not isinstance(reports, pd.DataFrame):
        raise DataError(
            "reports must be a DataFrame",
            "Laporan harus berupa tabel (DataFrame).",
            column="reports",
        )
    for col in ["tanggal", *by]:
        if not isinstance(col, str) or col not in reports.columns:
            raise DataError(
                f"column {show(col)!r} is not in the report table",
                f"Kolom '{show(col)}' tidak ada di tabel laporan.",
                column=show(col),
            )
    try:
        days = pd.date_range(
            start or reports["tanggal"].min(), end or reports["tanggal"].max(), freq="D"
        )
    except (ValueError, TypeError, OverflowError):
        raise DataError(
            f"start/end must be dates in the form YYYY-MM-DD, got {show(start)!r}, {show(end)!r}",
            "Tanggal awal/akhir harus berformat TTTT-BB-HH (mis. 2024-02-14).",
            column="start",
        ) from None
    if len(days) > 100_000:
        raise DataError(
            f"the date range has {len(days)} days; the limit is 100000",
            "Rentang tanggal terlalu panjang (lebih dari 100.000 hari).",
            column="start",
        )
    counts = reports.groupby(["tanggal", *by]).size().rename("jumlah")
    if by:
        groups = reports[by].drop_duplicates().sort_values(by)
        full = pd.MultiIndex.from_tuples(
            [(d, *g) for d in days for g in groups.itertuples(index=False, name=None)],
            names=["tanggal", *by],
        )
    else:
        full = pd.Index(days, name="tanggal")
    return counts.reindex(full, fill_value=0).reset_index()
