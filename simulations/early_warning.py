"""Early warning on an aggregated report stream: score alarms against known incidents, keep cells safe.

The detection charts themselves (EWMA, CUSUM) live in :mod:`simulations.detection` (issue-4).
This module adds what the Module 5 exercise needs around them:

* :func:`evaluate_alarms` — compare the alarms of one series with the injected incidents of the
  synthetic stream (detected or not, delay in days, false alarms outside incident windows);
* :func:`aggregate_safely` — count reports per group with small cells suppressed, the habit that
  keeps published aggregates from pointing at individuals (UU 27/2022 PDP: process the minimum,
  publish aggregates).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .errors import ParameterError

__all__ = ["aggregate_safely", "evaluate_alarms", "summarise_alarms"]


def _matches(value: str, wanted: str | None) -> bool:
    return wanted is None or value in ("SEMUA", wanted)


def evaluate_alarms(
    detected: pd.DataFrame,
    incidents: pd.DataFrame,
    *,
    kecamatan: str | None = None,
    kategori: str | None = None,
    date: str = "tanggal",
) -> pd.DataFrame:
    """Score the alarms of one monitored series against the incidents that concern it.

    Args:
        detected: One series' rows from ``simulations.detection.detect_changes`` (``date`` and
            ``alarm`` columns).
        incidents: The ``insiden_disisipkan`` table.
        kecamatan, kategori: What the series covers (None = all kecamatan / all categories).
            Incidents of kind ``artefak_data`` (a channel outage) and incidents for other places or
            categories are not counted as targets.
        date: Date column.

    Returns:
        One row per relevant incident: ``id_insiden``, ``mulai``, ``terdeteksi`` (bool),
        ``keterlambatan_hari`` (days from start to the first alarm inside the window, NaN if
        missed); ``attrs["alarm_palsu"]`` = alarms outside every relevant window.
    """
    if "alarm" not in detected.columns:
        raise ParameterError(
            "detected must have an 'alarm' column (output of detect_changes)",
            "Tabel deteksi harus punya kolom 'alarm' (hasil detect_changes).",
            field="detected",
        )
    rel = incidents[
        (incidents["jenis"] != "artefak_data")
        & incidents["kode_kecamatan"].map(lambda v: _matches(v, kecamatan) or kecamatan is None)
        & incidents["kategori"].map(lambda v: _matches(v, kategori) or kategori is None)
    ]
    if kecamatan is not None:
        rel = rel[rel["kode_kecamatan"].isin([kecamatan, "SEMUA"])]
    if kategori is not None:
        rel = rel[rel["kategori"].isin([kategori, "SEMUA"])]
    alarm_days = pd.to_datetime(detected.loc[detected["alarm"].astype(bool), date])
    rows = []
    inside = np.zeros(len(alarm_days), dtype=bool)
    for r in rel.itertuples():
        window = (alarm_days >= r.mulai) & (alarm_days <= r.selesai)
        inside |= window.to_numpy()
        hits = alarm_days[window]
        delay = (hits.min() - r.mulai).days if len(hits) else np.nan
        rows.append(
            {
                "id_insiden": r.id_insiden,
                "jenis": r.jenis,
                "mulai": r.mulai,
                "selesai": r.selesai,
                "terdeteksi": bool(len(hits)),
                "keterlambatan_hari": delay,
            }
        )
    out = pd.DataFrame(
        rows,
        columns=["id_insiden", "jenis", "mulai", "selesai", "terdeteksi", "keterlambatan_hari"],
    )
    out.attrs["alarm_palsu"] = int((~inside).sum())
    out.attrs["alarm_total"] = len(alarm_days)
    return out


def summarise_alarms(scores: pd.DataFrame) -> str:
    """Return an Indonesian sentence on detections, delays and false alarms."""
    n = len(scores)
    found = scores[scores["terdeteksi"]]
    text = f"{len(found)} dari {n} insiden terdeteksi"
    if len(found):
        text += (
            " (keterlambatan: "
            + ", ".join(
                f"{r.id_insiden} {int(r.keterlambatan_hari)} hari" for r in found.itertuples()
            )
            + ")"
        )
    false = scores.attrs.get("alarm_palsu", 0)
    text += f"; {false} alarm di luar jendela insiden (alarm palsu atau kejadian lain yang perlu dicek)."
    return text


def aggregate_safely(
    reports: pd.DataFrame,
    by: list[str],
    *,
    min_count: int = 5,
    freq: str | None = None,
    date: str = "tanggal",
) -> pd.DataFrame:
    """Count reports per group, hiding small cells (``< min_count``) as ``"<min_count"``.

    Args:
        reports: One row per report.
        by: Grouping columns (e.g. ``["kode_kecamatan", "kategori"]``).
        min_count: Cells below this are suppressed (>= 2).
        freq: Optional period (``"W"``, ``"M"``) to aggregate dates to, added as a ``periode`` column.
        date: Date column for ``freq``.

    Returns:
        Groups with ``jumlah`` as text: the count, or ``"<k"`` for suppressed cells;
        ``attrs["ditekan"]`` = number of suppressed cells.
    """
    if isinstance(min_count, bool) or not isinstance(min_count, int) or min_count < 2:
        raise ParameterError(
            "min_count must be a whole number >= 2",
            "Batas sel kecil harus bilangan bulat minimal 2.",
            field="min_count",
        )
    data = reports.copy()
    keys = list(by)
    if freq:
        data["periode"] = pd.to_datetime(data[date]).dt.to_period(freq).astype(str)
        keys = ["periode", *keys]
    counts = data.groupby(keys).size().rename("n").reset_index()
    small = counts["n"] < min_count
    counts["jumlah"] = np.where(small, f"<{min_count}", counts["n"].astype(str))
    out = counts.drop(columns="n")
    out.attrs["ditekan"] = int(small.sum())
    return out
