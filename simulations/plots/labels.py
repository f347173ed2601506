"""What participants read is Indonesian: one display layer for tables (and labels) of results.

The package's API and its result columns stay English (``mean``, ``ci_low``, ``carrier``,
``false_alarms_per_1000_days``) — researchers and tests use them. Whenever a notebook *shows* a
table, or an exercise asks participants to read one, it goes through :func:`tampilkan_tabel`:

* column names are replaced by Indonesian labels (:data:`COLUMN_LABELS`; an unknown snake_case
  name is shown with spaces, ``kode_kemendagri`` → ``kode kemendagri``);
* category values are translated (:data:`VALUE_LABELS`: carriers ``official/trusted/local`` →
  ``akun resmi/tokoh tepercaya/banyak suara lokal``, metric names, alarm methods, report
  categories);
* numbers are written the Indonesian way by the Babel formatter of
  :mod:`simulations.core.formatting` (``0,25``; ``12,5%`` for the columns given as percentages;
  whole numbers without decimals; missing values as "–").

Example:
    >>> import pandas as pd
    >>> tampilkan_tabel(pd.DataFrame({"carrier": ["local"], "mean": [0.482]}), persen=["mean"])
                  pembawa rata-rata
    0  banyak suara lokal     48,2%
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from numbers import Real
from typing import Any

import pandas as pd

from simulations.core.formatting import format_id
from simulations.response.communication import CARRIER_LABELS_ID
from simulations.response.interventions import METRIC_LABELS_ID

__all__ = ["COLUMN_LABELS", "VALUE_LABELS", "label_id", "tabel_id", "tampilkan_tabel", "value_id"]

COLUMN_LABELS: dict[str, str] = {
    # replicate summaries (analysis.experiments, response.interventions, response.communication)
    "scenario": "skenario",
    "metric": "ukuran",
    "mean": "rata-rata",
    "std": "simpangan baku",
    "ci_low": "batas bawah (SK 95%)",
    "ci_high": "batas atas (SK 95%)",
    "n_runs": "jumlah ulangan",
    "seed": "seed",
    "step": "langkah",
    "start": "langkah mulai",
    "carrier": "pembawa",
    "cost": "biaya (unit)",
    "peak_believers": "puncak percaya hoaks",
    "ever_reached": "pernah percaya hoaks",
    "time_to_peak": "langkah puncak",
    "share_susceptible": "belum tahu",
    "share_believer": "percaya hoaks",
    "share_fact_checker": "pemeriksa fakta",
    # alarms (response.alarms.alarm_tradeoff)
    "threshold": "ambang h",
    "false_alarms_per_1000_days": "alarm palsu per 1.000 hari normal",
    "detected_share": "lonjakan terdeteksi",
    "mean_delay": "rata-rata keterlambatan (hari)",
    "p95_delay": "keterlambatan persentil ke-95 (hari)",
    "method": "metode",
    # segregation (response.interventions.segregation_experiment)
    "homophily": "homofili",
    "believers_end_gullible": "percaya di akhir: kelompok mudah percaya",
    "believers_end_sceptic": "percaya di akhir: kelompok skeptis",
    "believers_end": "percaya di akhir: semua",
    # breach (response.communication.breach_sweep)
    "trust_loss": "kenaikan α",
    "alpha_mean": "rata-rata α sesudah kebocoran",
    "critical_loss": "titik balik menurut teori",
    # opinion outcomes
    "clusters": "jumlah kubu",
    "effective_clusters": "jumlah kubu efektif",
    "converged": "sudah stabil",
    "steps": "jumlah langkah",
}
"""English result column → Indonesian header."""

VALUE_LABELS: dict[str, dict[str, str]] = {
    "carrier": dict(CARRIER_LABELS_ID),
    "metric": dict(METRIC_LABELS_ID),
    "method": {"cusum": "CUSUM", "ewma": "EWMA"},
    "kategori": {
        "hoaks_disinformasi": "hoaks dan disinformasi",
        "ujaran_kebencian": "ujaran kebencian",
        "konflik_antarwarga": "konflik antarwarga",
        "layanan_publik": "layanan publik",
        "bencana_lingkungan": "bencana dan lingkungan",
    },
}
"""Column → {English or coded value → Indonesian label} for category columns."""

MISSING = "–"
"""What a missing value is shown as."""

PLAIN_COLUMNS = frozenset(
    {"tahun", "year", "seed", "kode_kemendagri", "kode_kecamatan", "kode", "id"}
)
"""Columns of codes and years: shown as written (2024, not 2.024)."""


def label_id(name: Any) -> str:
    """Return the Indonesian header of a result column (unknown snake_case names with spaces)."""
    text = str(name)
    return COLUMN_LABELS.get(text, text.replace("_", " "))


def value_id(column: Any, value: Any) -> Any:
    """Return the Indonesian label of a category value of ``column`` (the value itself if unknown)."""
    labels = VALUE_LABELS.get(str(column))
    if labels is None or not isinstance(value, str):
        return value
    return labels.get(value, value)


def _cell(value: Any, digits: int, percent: bool) -> Any:
    if value is None or value is pd.NA or value is pd.NaT:
        return MISSING
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, Real):
        x = float(value)
        if math.isnan(x):
            return MISSING
        if percent:
            return format_id(x, max(digits - 2, 1), percent=True)
        if x.is_integer() and not isinstance(value, float):
            return format_id(int(x), 0)
        if x.is_integer() and abs(x) >= 1:
            return format_id(x, 0)
        text = format_id(x, digits)
        return text.rstrip("0").rstrip(",") if "," in text else text
    return value


def tabel_id(
    frame: pd.DataFrame,
    *,
    persen: Iterable[str] | bool = (),
    digits: int = 3,
    columns: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Return a copy of ``frame`` as participants read it: Indonesian headers, values and numbers.

    Args:
        frame: A result table with English columns (the index is kept; its name is translated).
        persen: Columns (English names) holding shares in [0, 1] shown as percentages; True for
            every numeric column.
        digits: Decimals of other non-whole numbers (percentages get ``digits - 2``, at least 1).
        columns: Extra ``{column: header}`` labels for this table only.

    Returns:
        A DataFrame of text cells (numbers formatted with :func:`simulations.core.formatting.format_id`).
    """
    if not isinstance(frame, pd.DataFrame):
        frame = pd.DataFrame(frame)
    numeric = {c for c in frame.columns if pd.api.types.is_numeric_dtype(frame[c])}
    percent = numeric if persen is True else set(persen or ())
    out = pd.DataFrame(index=frame.index)
    for col in frame.columns:
        values = frame[col]
        if str(col) in VALUE_LABELS:
            values = values.map(lambda v, col=col: value_id(col, v))
        if str(col) in PLAIN_COLUMNS:
            out[col] = [
                MISSING if pd.isna(v) else str(int(v) if isinstance(v, float) else v)
                for v in values
            ]
        else:
            out[col] = [_cell(v, digits, col in percent) for v in values]
    extra = dict(columns or {})
    out.columns = [extra.get(str(c), label_id(c)) for c in frame.columns]
    if isinstance(out.index, pd.MultiIndex):
        out.index = out.index.set_names(
            [None if n is None else label_id(n) for n in out.index.names]
        )
        out.index = pd.MultiIndex.from_tuples(
            [
                tuple(value_id(n, v) for n, v in zip(frame.index.names, t, strict=True))
                for t in out.index
            ],
            names=out.index.names,
        )
    elif isinstance(frame.index, pd.RangeIndex) and frame.index.name is None:
        out.index = frame.index  # row numbers: nothing to translate
    else:
        name = frame.index.name
        plain = str(name) in PLAIN_COLUMNS
        out.index = pd.Index(
            [str(v) if plain else _cell(value_id(name, v), digits, False) for v in frame.index],
            name=None if name is None else label_id(name),
        )
    return out


def tampilkan_tabel(frame: pd.DataFrame, **kwargs: Any) -> pd.DataFrame:
    """Return the table to show in a notebook (see :func:`tabel_id`); the last line of a cell shows it.

    Example:
        >>> tampilkan_tabel(alarm_tradeoff(...))   # doctest: +SKIP
    """
    return tabel_id(frame, **kwargs)
