"""A composite resilience index after the OECD/JRC *Handbook on Constructing Composite Indicators*.

Reference:
    OECD & European Commission Joint Research Centre (2008). *Handbook on Constructing Composite
    Indicators: Methodology and User Guide.* OECD Publishing, Paris. doi:10.1787/9789264043466-en.

The steps follow the Handbook's checklist, each an explicit argument:

1. **Direction** (Handbook §1.5): every indicator is ``"+"`` (higher = more resilient) or ``"-"``
   (higher = less resilient); ``"-"`` indicators are reversed during normalisation.
2. **Missing values** (§1.4) — never silent. ``missing="error"`` (default) refuses; ``"drop"``
   drops units with any gap; ``"mean"`` imputes the indicator mean (unconditional mean
   imputation); ``"reweight"`` aggregates each unit over the indicators it has, renormalising the
   weights. The result says, per unit, how many indicators were available and which were imputed.
3. **Normalisation** (§1.6, Table 3): min–max ``(x − min)/(max − min)`` scaled to ``scale`` (default
   [0, 1]) or z-score ``(x − mean)/sd`` (population sd, ``ddof=0``).
4. **Weights** (§1.7): equal, or the user's (non-negative, rescaled to sum 1).
5. **Aggregation** (§1.8): arithmetic ``Σ w_i·y_i`` (fully compensatory) or geometric
   ``Π y_i^{w_i}`` (less compensatory; needs every normalised value > 0 — use min–max with a
   positive lower bound, e.g. ``scale=(1, 100)``).
6. **Uncertainty and sensitivity** (§1.9): :func:`weight_sensitivity` perturbs the weights at
   random (seeded) and reports how far each unit's rank moves.

Ranks: 1 = the highest index; ties share the lowest rank (``method="min"``).

Example:
    >>> import pandas as pd
    >>> df = pd.DataFrame({"a": [1.0, 2.0, 3.0], "b": [3.0, 2.0, 1.0]}, index=["x", "y", "z"])
    >>> r = compute_index(df, {"a": "+", "b": "-"})
    >>> r["indeks"].round(2).tolist()
    [0.0, 0.5, 1.0]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from simulations.core.errors import DataError, ParameterError, check_known
from simulations.core.formatting import format_id, pct_id

__all__ = [
    "AGGREGATIONS",
    "MISSING_RULES",
    "NORMALISATIONS",
    "IndexResult",
    "RankDraws",
    "compute_index",
    "normalise",
    "summarise_index",
    "summarise_sensitivity",
    "weight_sensitivity",
]

NORMALISATIONS = {"minmax": "Min–maks", "zscore": "Skor-z"}
AGGREGATIONS = {"arithmetic": "Rata-rata aritmetika", "geometric": "Rata-rata geometrik"}
MISSING_RULES = {
    "error": "Tolak (berhenti bila ada data kosong)",
    "drop": "Buang provinsi yang datanya tidak lengkap",
    "mean": "Isi dengan rata-rata indikator",
    "reweight": "Hitung dari indikator yang tersedia saja",
}


def _choice(value: str, allowed: Mapping[str, str], name: str, label: str) -> str:
    return check_known(value, allowed, name, f"Pilihan {label}")


def _directions(indicators: Mapping[str, str] | Sequence[str], df: pd.DataFrame) -> dict[str, int]:
    if not isinstance(indicators, Mapping):
        indicators = {c: "+" for c in indicators}
    if not indicators:
        raise ParameterError(
            "at least one indicator is needed", "Pilih minimal satu indikator.", field="indicators"
        )
    out = {}
    for col, d in indicators.items():
        if col not in df.columns:
            raise DataError(
                f"indicator column {col!r} is not in the table (columns: {list(df.columns)})",
                f"Kolom indikator '{col}' tidak ada di tabel.",
                column=col,
            )
        if d in ("+", 1, "positif"):
            out[col] = 1
        elif d in ("-", -1, "negatif"):
            out[col] = -1
        else:
            raise ParameterError(
                f"direction of {col!r} must be '+' or '-', got {d!r}",
                f"Arah indikator '{col}' harus '+' (makin tinggi makin tangguh) atau '-' (sebaliknya).",
                field=col,
            )
        if not pd.api.types.is_numeric_dtype(df[col]):
            raise DataError(
                f"indicator {col!r} is not numeric", f"Indikator '{col}' bukan angka.", column=col
            )
    return out


def _weights(weights: Mapping[str, float] | None, cols: Sequence[str]) -> pd.Series:
    if weights is None:
        return pd.Series(1.0 / len(cols), index=list(cols))
    unknown = set(weights) - set(cols)
    if unknown:
        raise ParameterError(
            f"weights given for unknown indicators {sorted(unknown)}",
            f"Bobot diberikan untuk indikator yang tidak dipakai: {', '.join(sorted(unknown))}.",
            field="weights",
        )
    w = pd.Series({c: float(weights.get(c, 0.0)) for c in cols})
    if (w < 0).any() or not np.isfinite(w).all():
        bad = w[(w < 0) | ~np.isfinite(w)].index[0]
        raise ParameterError(
            f"weight of {bad!r} must be a non-negative number, got {w[bad]}",
            f"Bobot '{bad}' harus angka tidak negatif.",
            field="weights",
        )
    if w.sum() <= 0:
        raise ParameterError(
            "weights must not all be zero", "Bobot tidak boleh nol semua.", field="weights"
        )
    return w / w.sum()


def normalise(
    x: pd.Series,
    method: str = "minmax",
    direction: int = 1,
    scale: tuple[float, float] = (0.0, 1.0),
) -> pd.Series:
    """Normalise one indicator (NaN stays NaN).

    Args:
        x: Raw values.
        method: ``"minmax"`` or ``"zscore"``.
        direction: +1 (higher is better) or -1 (reversed).
        scale: Target range ``(low, high)`` of min–max.

    Returns:
        The normalised values. A constant indicator gives the middle of ``scale`` (min–max) or 0
        (z-score) for everyone, because it cannot tell units apart.
    """
    _choice(method, NORMALISATIONS, "normalisation", "normalisasi")
    x = x.astype(float) * direction
    if method == "minmax":
        lo, hi = x.min(), x.max()
        if not hi > lo:
            return pd.Series(np.where(x.isna(), np.nan, (scale[0] + scale[1]) / 2), index=x.index)
        return scale[0] + (x - lo) / (hi - lo) * (scale[1] - scale[0])
    sd = x.std(ddof=0)
    if not sd > 0:
        return pd.Series(np.where(x.isna(), np.nan, 0.0), index=x.index)
    return (x - x.mean()) / sd


@dataclass(eq=False)  # identity equality: pandas compares attrs when combining frames
class IndexResult:
    """What :func:`compute_index` did, for printing next to the numbers (Handbook: transparency)."""

    weights: pd.Series
    normalisation: str
    aggregation: str
    missing: str
    dropped: list = field(default_factory=list)
    imputed: dict = field(default_factory=dict)


@dataclass(eq=False)
class RankDraws:
    """The draws × units rank matrix of :func:`weight_sensitivity` (``.ranks``)."""

    ranks: pd.DataFrame


def compute_index(
    df: pd.DataFrame,
    indicators: Mapping[str, str] | Sequence[str],
    weights: Mapping[str, float] | None = None,
    *,
    normalisation: str = "minmax",
    aggregation: str = "arithmetic",
    missing: str = "error",
    scale: tuple[float, float] = (0.0, 1.0),
) -> pd.DataFrame:
    """Compute a composite index, one row per unit (e.g. province).

    Args:
        df: One row per unit; the index (or any column not used) identifies units.
        indicators: ``{column: "+" | "-"}`` (direction), or a list of columns (all ``"+"``).
        weights: ``{column: weight}``, non-negative, rescaled to sum 1; ``None`` = equal weights.
            Indicators not named get weight 0.
        normalisation: ``"minmax"`` or ``"zscore"``.
        aggregation: ``"arithmetic"`` or ``"geometric"``.
        missing: ``"error"``, ``"drop"``, ``"mean"`` or ``"reweight"`` (see module docstring).
        scale: Range of min–max normalisation, e.g. ``(1, 100)`` for geometric aggregation.

    Returns:
        A copy of ``df`` (units dropped under ``missing="drop"`` removed) with columns
        ``norm_<indicator>`` (normalised values), ``indeks`` (the index), ``peringkat`` (rank,
        1 = highest), ``n_indikator`` (indicators available) and ``diisi`` (comma-separated
        indicators imputed, empty if none). ``attrs["index_result"]`` holds an :class:`IndexResult`.

    Raises:
        DataError: missing values under ``missing="error"``, non-numeric indicators.
        ParameterError: unknown options, bad weights, or geometric aggregation of values <= 0.
    """
    _choice(normalisation, NORMALISATIONS, "normalisation", "normalisasi")
    _choice(aggregation, AGGREGATIONS, "aggregation", "agregasi")
    _choice(missing, MISSING_RULES, "missing", "penanganan data kosong")
    dirs = _directions(indicators, df)
    cols = list(dirs)
    w = _weights(weights, cols)
    out = df.copy()
    raw = out[cols].astype(float)
    gaps = raw.isna()
    info = IndexResult(w, normalisation, aggregation, missing)
    if gaps.any().any():
        if missing == "error":
            unit = gaps.any(axis=1).idxmax()
            col = gaps.columns[gaps.loc[unit]][0]
            n_units = int(gaps.any(axis=1).sum())
            label = out.loc[unit, "provinsi"] if "provinsi" in out.columns else unit
            raise DataError(
                f"{n_units} units have missing values (first: {label!r}, indicator {col!r}); "
                "choose missing='drop', 'mean' or 'reweight'",
                f"{n_units} unit punya data kosong (pertama: {label}, indikator {col}). Pilih cara "
                "menangani data kosong: buang, isi rata-rata, atau hitung dari indikator yang tersedia.",
                column=col,
            )
        if missing == "drop":
            info.dropped = list(out.index[gaps.any(axis=1)])
            out = out.loc[~gaps.any(axis=1)].copy()
            raw = raw.loc[out.index]
            gaps = raw.isna()
            if out.empty:
                raise DataError(
                    "no unit has all indicators",
                    "Tidak ada unit yang datanya lengkap untuk semua indikator.",
                )
    norm = pd.DataFrame(
        {c: normalise(raw[c], normalisation, dirs[c], scale) for c in cols}, index=raw.index
    )
    if missing == "mean":
        for c in cols:
            if gaps[c].any():
                info.imputed[c] = list(norm.index[gaps[c]])
                norm[c] = norm[c].fillna(norm[c].mean())
    if aggregation == "geometric":
        vals = norm.to_numpy()
        if np.nanmin(vals) <= 0:
            raise ParameterError(
                "geometric aggregation needs every normalised value > 0; use min–max with a positive "
                "lower bound, e.g. scale=(1, 100)",
                "Agregasi geometrik memerlukan semua nilai ternormalisasi > 0. Gunakan min–maks dengan "
                "batas bawah positif (mis. 1–100), bukan skor-z.",
                field="aggregation",
            )
    avail = norm.notna()
    wmat = avail.to_numpy() * w.to_numpy()  # weights of the indicators each unit has
    wsum = wmat.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        if aggregation == "arithmetic":
            index = np.nansum(norm.to_numpy() * wmat, axis=1) / wsum
        else:
            index = np.exp(np.nansum(np.log(norm.to_numpy()) * wmat, axis=1) / wsum)
    index = np.where(wsum > 0, index, np.nan)
    for c in cols:
        out[f"norm_{c}"] = norm[c]
    out["indeks"] = index
    out["peringkat"] = out["indeks"].rank(ascending=False, method="min").astype("Int64")
    out["n_indikator"] = raw.notna().sum(axis=1).astype(int)
    out["diisi"] = [", ".join(c for c in cols if u in info.imputed.get(c, [])) for u in out.index]
    out.attrs["index_result"] = info
    return out


def weight_sensitivity(
    df: pd.DataFrame,
    indicators: Mapping[str, str] | Sequence[str],
    weights: Mapping[str, float] | None = None,
    *,
    n_draws: int = 200,
    spread: float = 0.5,
    seed: int | None = None,
    label_col: str | None = None,
    **index_kwargs,
) -> pd.DataFrame:
    """Perturb the weights at random and record each unit's rank (Handbook §1.9, uncertainty analysis).

    Each draw multiplies every weight by an independent factor ``U(1 − spread, 1 + spread)`` and
    rescales to sum 1; the index is recomputed with the same normalisation, aggregation and
    missing-value rule. Same ``seed`` ⇒ same draws.

    Args:
        df, indicators, weights: As in :func:`compute_index`.
        n_draws: Number of random weight vectors (1–10,000).
        spread: Relative perturbation, in [0, 1).
        seed: Random seed (NumPy ``default_rng``).
        label_col: Column naming units in the output (default: the index).
        **index_kwargs: ``normalisation``, ``aggregation``, ``missing``, ``scale``.

    Returns:
        One row per unit: ``unit``, ``peringkat_dasar`` (rank with the given weights),
        ``median``, ``p05``, ``p95`` (rank percentiles over the draws), ``pergeseran_rata``
        (mean absolute rank shift) and ``pergeseran_maks``; sorted by the base rank.
        ``attrs["ranks"].ranks`` holds the full draws × units rank matrix.
    """
    if (
        isinstance(n_draws, bool)
        or not isinstance(n_draws, int | np.integer)
        or not 1 <= n_draws <= 10_000
    ):
        raise ParameterError(
            f"n_draws={n_draws!r} must be a whole number in [1, 10000]",
            "Jumlah pengulangan harus bilangan bulat 1–10.000.",
            field="n_draws",
        )
    if not 0 <= spread < 1:
        raise ParameterError(
            f"spread={spread!r} must lie in [0, 1)",
            "Besar gangguan bobot harus antara 0 dan 1.",
            field="spread",
        )
    base = compute_index(df, indicators, weights, **index_kwargs)
    info: IndexResult = base.attrs["index_result"]
    cols = list(info.weights.index)
    w0 = info.weights.to_numpy()
    rng = np.random.default_rng(seed)
    draws = w0 * rng.uniform(1 - spread, 1 + spread, size=(n_draws, len(w0)))
    draws = draws / draws.sum(axis=1, keepdims=True)
    # Normalisation and missing-value handling do not depend on the weights, so every draw
    # re-aggregates the same normalised matrix (same numbers as calling compute_index per draw).
    norm = base[[f"norm_{c}" for c in cols]].to_numpy(dtype=float)
    avail = ~np.isnan(norm)
    filled = np.where(avail, norm, 0.0)
    wsum = avail.astype(float) @ draws.T  # units × draws
    with np.errstate(invalid="ignore", divide="ignore"):
        if info.aggregation == "arithmetic":
            idx = (filled @ draws.T) / wsum
        else:
            idx = np.exp(
                (np.where(avail, np.log(np.where(avail, norm, 1.0)), 0.0) @ draws.T) / wsum
            )
    idx = np.where(wsum > 0, idx, np.nan)
    ranks = (
        pd.DataFrame(idx).rank(axis=0, ascending=False, method="min").to_numpy().T
    )  # draws × units
    base_rank = base["peringkat"].to_numpy(dtype=float)
    shift = np.abs(ranks - base_rank)
    labels = base[label_col] if label_col else base.index
    out = pd.DataFrame(
        {
            "unit": list(labels),
            "peringkat_dasar": base_rank.astype(int),
            "median": np.median(ranks, axis=0),
            "p05": np.percentile(ranks, 5, axis=0),
            "p95": np.percentile(ranks, 95, axis=0),
            "pergeseran_rata": shift.mean(axis=0),
            "pergeseran_maks": shift.max(axis=0).astype(int),
        }
    )
    out = out.sort_values(["peringkat_dasar", "unit"]).reset_index(drop=True)
    out.attrs["ranks"] = RankDraws(pd.DataFrame(ranks, columns=list(labels)))
    out.attrs["settings"] = {"n_draws": n_draws, "spread": spread, "seed": seed}
    return out


def summarise_index(result: pd.DataFrame, label_col: str = "provinsi", top: int = 3) -> str:
    """Return an Indonesian summary of an index result (top and bottom units, method, gaps)."""
    info: IndexResult = result.attrs["index_result"]
    ranked = result.dropna(subset=["indeks"]).sort_values("peringkat")
    name = (lambda i: ranked.loc[i, label_col]) if label_col in ranked.columns else (lambda i: i)
    tops = ", ".join(
        f"{name(i)} ({format_id(ranked.loc[i, 'indeks'], 2)})" for i in ranked.index[:top]
    )
    bottoms = ", ".join(
        f"{name(i)} ({format_id(ranked.loc[i, 'indeks'], 2)})" for i in ranked.index[-top:][::-1]
    )
    weights = ", ".join(f"{c} {pct_id(v, 0)}" for c, v in info.weights.items())
    text = (
        f"Indeks dihitung untuk {len(ranked)} unit dengan normalisasi {NORMALISATIONS[info.normalisation]}, "
        f"agregasi {AGGREGATIONS[info.aggregation].lower()}, bobot: {weights}. "
        f"Tertinggi: {tops}. Terendah: {bottoms}."
    )
    if info.dropped:
        text += f" Dibuang karena data tidak lengkap: {len(info.dropped)} unit."
    if info.imputed:
        text += (
            " Diisi rata-rata: "
            + "; ".join(f"{c} untuk {len(u)} unit" for c, u in info.imputed.items())
            + "."
        )
    if info.missing == "reweight":
        partial = int((result["n_indikator"] < len(info.weights)).sum())
        if partial:
            text += f" {partial} unit dihitung dari sebagian indikator saja (bobot disesuaikan)."
    return text


def summarise_sensitivity(sens: pd.DataFrame, top: int = 3) -> str:
    """Return an Indonesian summary of :func:`weight_sensitivity`: who is stable, who moves."""
    s = sens.attrs.get("settings", {})
    movers = sens.sort_values("pergeseran_rata", ascending=False).head(top)
    stable = int((sens["pergeseran_maks"] == 0).sum())
    moved = ", ".join(
        f"{r.unit} (peringkat {r.peringkat_dasar}, rentang 90%: {format_id(r.p05, 0)}–{format_id(r.p95, 0)})"
        for r in movers.itertuples()
    )
    return (
        f"Dengan {s.get('n_draws', '?')} kali gangguan bobot acak (±{pct_id(s.get('spread', 0), 0)}, seed {s.get('seed')}), "
        f"{stable} dari {len(sens)} unit tidak pernah berpindah peringkat. Paling peka terhadap bobot: {moved}. "
        "Peringkat yang mudah bergeser sebaiknya tidak dipakai sebagai dasar kebijakan tanpa kajian lanjut."
    )
