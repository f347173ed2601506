"""Early warning on an aggregated report stream: alarms, their scoring against incidents, safe counts.

Alarms (*sistem pelaporan*):
    :func:`ewma` (Roberts 1959) and :func:`cusum` (Page 1954) on daily counts, one-sided (they
    look for surges). The threshold (``L`` for EWMA, ``h`` for CUSUM) trades false alarms against
    detection delay; :func:`alarm_tradeoff` measures both on simulated series.
    :func:`detect_changes` runs either on a tidy table of counts per day and category.

Around them, what the Module 5 exercise needs:

* :func:`evaluate_alarms` — compare the alarms of one series with the injected incidents of the
  synthetic stream (detected or not, delay in days, false alarms outside incident windows);
* :func:`aggregate_safely` — count reports per group with small cells suppressed, the habit that
  keeps published aggregates from pointing at individuals (UU 27/2022 PDP: process the minimum,
  publish aggregates).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from simulations.core.errors import DataError, ParameterError, check_known
from simulations.core.formatting import fmt_id
from simulations.core.params import check_integer, check_positive

__all__ = [
    "AlarmResult",
    "aggregate_safely",
    "alarm_tradeoff",
    "cusum",
    "detect_changes",
    "evaluate_alarms",
    "ewma",
    "summarise_alarms",
    "summarise_incident_scores",
]


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
        detected: One series' rows from ``simulations.response.alarms.detect_changes`` (``date`` and
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


def summarise_incident_scores(scores: pd.DataFrame) -> str:
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


@dataclass
class AlarmResult:
    """Output of :func:`ewma` or :func:`cusum`.

    Attributes:
        statistic: The monitored statistic per day (NaN during the baseline window).
        threshold: The alarm threshold per day (NaN during the baseline window).
        alarms: True on days that raise an alarm.
        mu0, sigma0: In-control mean and standard deviation used.
        start: First monitored day (after the baseline window).
    """

    statistic: np.ndarray
    threshold: np.ndarray
    alarms: np.ndarray
    mu0: float
    sigma0: float
    start: int

    @property
    def first_alarm(self) -> int | None:
        """Index of the first alarm, or None."""
        hits = np.flatnonzero(self.alarms)
        return int(hits[0]) if hits.size else None

    def delay(self, change_at: int) -> int | None:
        """Days from ``change_at`` to the first alarm on or after it, or None if none."""
        hits = np.flatnonzero(self.alarms[change_at:])
        return int(hits[0]) if hits.size else None


def _baseline(
    x: np.ndarray, mu0: float | None, sigma0: float | None, baseline: int
) -> tuple[float, float, int]:
    if mu0 is not None and sigma0 is not None:
        return float(mu0), check_positive(sigma0, "sigma0", "Simpangan baku awal"), 0
    baseline = check_integer(baseline, "baseline", "Panjang periode acuan", 2)
    if len(x) <= baseline:
        raise ParameterError(
            f"the series has {len(x)} days; it needs more than baseline={baseline}",
            f"Deret hanya {len(x)} hari; perlu lebih dari {baseline} hari periode acuan.",
            field="baseline",
        )
    ref = x[:baseline]
    m = float(ref.mean()) if mu0 is None else float(mu0)
    if sigma0 is None:
        # counts: never trust a spread below the Poisson one (√mean), nor below 0.5 report
        sigma0 = max(float(ref.std(ddof=1)), np.sqrt(max(m, 0.25)))
    return m, float(sigma0), baseline


def _as_series(x: Any) -> np.ndarray:
    arr = np.asarray(x, dtype=np.float64)
    if arr.ndim != 1 or not np.all(np.isfinite(arr)):
        raise ParameterError(
            "the series must be a 1-D sequence of finite numbers",
            "Deret hitungan harus berupa daftar angka (satu angka per hari), tanpa nilai kosong.",
            field="counts",
        )
    return arr


def ewma(
    counts: Sequence[float],
    *,
    lam: float = 0.2,
    L: float = 3.0,
    mu0: float | None = None,
    sigma0: float | None = None,
    baseline: int = 28,
    reset: bool = True,
) -> AlarmResult:
    """One-sided EWMA chart (Roberts 1959) on daily counts: alarm when the smoothed count is high.

    ``z_t = λ·x_t + (1−λ)·z_{t−1}``, ``z = μ0`` at the start; alarm when
    ``z_t > μ0 + L·σ0·sqrt(λ/(2−λ)·(1−(1−λ)^{2i}))`` (``i`` = days since the start or last reset).

    Args:
        counts: Counts per day.
        lam: Smoothing λ in (0, 1]; small λ sees small lasting shifts, λ = 1 is a Shewhart chart.
        L: Threshold in standard deviations of the EWMA; larger L = fewer false alarms but
            later detection. With λ = 0.2, L = 3 and a known baseline, stationary Poisson(20)
            counts raise ≈ 1.4 false alarms per 1,000 days and a 2-SD surge is flagged after
            ≈ 3 days on average (measured with :func:`alarm_tradeoff`; compare the two-sided
            ARL ≈ 562 of Lucas & Saccucci 1990).
        mu0, sigma0: In-control mean and SD; estimated from the first ``baseline`` days if None.
        baseline: Days used to estimate μ0, σ0 (not monitored).
        reset: Restart the statistic after each alarm (count separate alarms).
    """
    x = _as_series(counts)
    lam = check_positive(lam, "lam", "Faktor penghalus λ", 1.0)
    L = check_positive(L, "L", "Ambang L")
    m, s, start = _baseline(x, mu0, sigma0, baseline)
    stat = np.full(len(x), np.nan)
    thr = np.full(len(x), np.nan)
    alarms = np.zeros(len(x), dtype=bool)
    z, i = m, 0
    for t in range(start, len(x)):
        i += 1
        z = lam * x[t] + (1 - lam) * z
        limit = m + L * s * np.sqrt(lam / (2 - lam) * (1 - (1 - lam) ** (2 * i)))
        stat[t], thr[t] = z, limit
        if z > limit:
            alarms[t] = True
            if reset:
                z, i = m, 0
    return AlarmResult(stat, thr, alarms, m, s, start)


def cusum(
    counts: Sequence[float],
    *,
    k: float = 0.5,
    h: float = 5.0,
    mu0: float | None = None,
    sigma0: float | None = None,
    baseline: int = 28,
    reset: bool = True,
) -> AlarmResult:
    """One-sided upper CUSUM (Page 1954) on standardised daily counts.

    ``S_t = max(0, S_{t−1} + (x_t − μ0)/σ0 − k)``; alarm when ``S_t > h``.

    Args:
        counts: Counts per day.
        k: Reference value in SDs (half the shift you want to catch fast; 0.5 targets 1 SD).
        h: Decision interval in SDs; larger h = fewer false alarms but later detection.
            For a normal series, k = 0.5 with h = 4 gives an in-control ARL ≈ 168 days, h = 5
            ≈ 465 days; a 2-SD surge is flagged after ≈ 3–4 days on average (Montgomery,
            *Introduction to Statistical Quality Control*, CUSUM chapter).
        mu0, sigma0: In-control mean and SD; estimated from the first ``baseline`` days if None.
        baseline: Days used to estimate μ0, σ0 (not monitored).
        reset: Restart at 0 after each alarm.
    """
    x = _as_series(counts)
    k = check_positive(k, "k", "Nilai acuan k") if k != 0 else 0.0
    h = check_positive(h, "h", "Ambang h")
    m, s, start = _baseline(x, mu0, sigma0, baseline)
    stat = np.full(len(x), np.nan)
    thr = np.full(len(x), np.nan)
    alarms = np.zeros(len(x), dtype=bool)
    total = 0.0
    for t in range(start, len(x)):
        total = max(0.0, total + (x[t] - m) / s - k)
        stat[t], thr[t] = total, h
        if total > h:
            alarms[t] = True
            if reset:
                total = 0.0
    return AlarmResult(stat, thr, alarms, m, s, start)


METHODS = {"ewma": ewma, "cusum": cusum}


def detect_changes(
    df: pd.DataFrame,
    *,
    method: str = "cusum",
    date: str = "tanggal",
    category: str | Sequence[str] | None = "kategori",
    count: str = "jumlah",
    **params: Any,
) -> pd.DataFrame:
    """Run EWMA or CUSUM on a tidy table of counts per day (and category).

    Missing days inside a category's range count as 0 reports.

    Args:
        df: Table with a date column, an optional category column and a count column.
        method: ``"ewma"`` or ``"cusum"``.
        date, category, count: Column names; ``category`` may be a list of columns (e.g.
            ``["kode_kecamatan", "kategori"]``: one series per area and category) or None (one
            series).
        **params: Passed to :func:`ewma` / :func:`cusum` (e.g. ``h``, ``k``, ``lam``, ``L``, ``baseline``).

    Returns:
        One row per (category, day): count, statistic, threshold, alarm.
    """
    check_known(method, METHODS, "method", "Metode")
    cats = [] if category is None else [category] if isinstance(category, str) else list(category)
    needed = [date, *cats, count]
    for col in needed:
        if col not in df.columns:
            raise DataError(
                f"column {col!r} is missing (columns: {list(df.columns)})",
                f"Kolom '{col}' tidak ada di tabel (kolom yang ada: {', '.join(map(str, df.columns))}).",
                column=col,
            )
    data = df.copy()
    data[date] = pd.to_datetime(data[date], errors="coerce")
    if data[date].isna().any():
        row = int(np.flatnonzero(data[date].isna().to_numpy())[0])
        raise DataError(
            f"row {row}: {date!r} is not a date",
            f"Baris {row}: kolom '{date}' bukan tanggal yang sah.",
            row=row,
            column=date,
        )
    data[count] = pd.to_numeric(data[count], errors="coerce")
    if data[count].isna().any() or (data[count] < 0).any():
        row = int(np.flatnonzero((data[count].isna() | (data[count] < 0)).to_numpy())[0])
        raise DataError(
            f"row {row}: {count!r} must be a number >= 0",
            f"Baris {row}: kolom '{count}' harus angka minimal 0.",
            row=row,
            column=count,
        )
    groups = data.groupby(cats if len(cats) > 1 else cats[0], sort=True) if cats else [((), data)]
    parts = []
    for key, sub in groups:
        daily = sub.groupby(date)[count].sum()
        daily = daily.reindex(
            pd.date_range(daily.index.min(), daily.index.max(), freq="D"), fill_value=0
        )
        res = METHODS[method](daily.to_numpy(), **params)
        part = pd.DataFrame(
            {
                date: daily.index,
                count: daily.to_numpy(),
                "statistic": res.statistic,
                "threshold": res.threshold,
                "alarm": res.alarms,
            }
        )
        keys = key if isinstance(key, tuple) else (key,)
        for col, value in reversed(list(zip(cats, keys, strict=True))):
            part.insert(0, col, value)
        parts.append(part)
    return pd.concat(parts, ignore_index=True)


def alarm_tradeoff(
    method: str = "cusum",
    thresholds: Iterable[float] = (3.0, 4.0, 5.0, 6.0),
    *,
    mean: float = 20.0,
    shift: float = 2.0,
    length: int = 200,
    change_at: int = 100,
    n_series: int = 200,
    seed: int | None = 0,
    **params: Any,
) -> pd.DataFrame:
    """Measure false alarms and detection delay for several thresholds on simulated Poisson counts.

    Each simulated series has Poisson(``mean``) reports per day, and from day ``change_at`` on
    Poisson(``mean + shift·√mean``): a surge of ``shift`` standard deviations. μ0 and σ0 are
    given (known baseline) so the numbers describe the chart, not the estimation.

    Args:
        method: ``"ewma"`` (threshold = L) or ``"cusum"`` (threshold = h).
        thresholds: Values of L or h to compare.
        mean: In-control reports per day.
        shift: Size of the surge in SDs.
        length: Days per series.
        change_at: Day the surge starts.
        n_series: Series per threshold.
        seed: Seed.
        **params: Other chart parameters (``k`` or ``lam``).

    Returns:
        One row per threshold: false alarms per 1,000 in-control days, share of surges detected,
        mean and 95th-percentile delay (days).
    """
    check_known(method, METHODS, "method", "Metode")
    rng = np.random.default_rng(seed)
    lam = np.full(length, float(mean))
    lam[change_at:] += shift * np.sqrt(mean)
    series = rng.poisson(lam, size=(n_series, length))
    key = "L" if method == "ewma" else "h"
    rows = []
    for thr in thresholds:
        false, delays = 0, []
        for x in series:
            res = METHODS[method](x, mu0=mean, sigma0=np.sqrt(mean), **{key: thr}, **params)
            false += int(res.alarms[:change_at].sum())
            d = res.delay(change_at)
            delays.append(np.nan if d is None else d)
        delays = np.asarray(delays, dtype=float)
        rows.append(
            {
                "threshold": float(thr),
                "false_alarms_per_1000_days": 1000 * false / (n_series * change_at),
                "detected_share": float(np.mean(~np.isnan(delays))),
                "mean_delay": float(np.nanmean(delays)) if np.any(~np.isnan(delays)) else np.nan,
                "p95_delay": float(np.nanpercentile(delays, 95))
                if np.any(~np.isnan(delays))
                else np.nan,
            }
        )
    return pd.DataFrame(rows)


def summarise_alarms(result: AlarmResult, change_at: int | None = None, method: str = "") -> str:
    """Summarise an alarm run in Indonesian: how many alarms, when, and the delay after a change."""
    name = {"ewma": "EWMA", "cusum": "CUSUM"}.get(method, method or "Pemantau")
    hits = np.flatnonzero(result.alarms)
    text = (
        f"{name}: acuan {fmt_id(result.mu0, 1)} laporan/hari (simpangan baku "
        f"{fmt_id(result.sigma0, 1)}), {len(hits)} alarm"
    )
    text += f", pertama pada hari ke-{hits[0]}." if len(hits) else "."
    if change_at is not None:
        d = result.delay(change_at)
        false = int(result.alarms[:change_at].sum())
        text += f" Sebelum perubahan (hari ke-{change_at}) ada {false} alarm palsu; "
        text += (
            f"lonjakan tertangkap {d} hari setelah dimulai."
            if d is not None
            else "lonjakan tidak tertangkap — turunkan ambang."
        )
    return text
