"""Figures for the data and evidence modules: cohesion curves, hoax trends, alarms, budget outcomes.

Every function returns a :class:`~simulations.plots.figure.NotebookFigure` (shown once in Jupyter,
no pyplot state) drawn with the Okabe–Ito palette and a marker per series.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd
from matplotlib.figure import Figure

from simulations.core.formatting import format_id
from simulations.plots.figure import new_figure
from simulations.plots.style import OKABE_ITO, series_style

__all__ = [
    "alarm_plot",
    "allocation_plot",
    "category_bars",
    "monthly_counts_plot",
    "removal_plot",
    "summarise_categories",
    "summarise_monthly",
]


def removal_plot(curves: pd.DataFrame, labels: Mapping[str, str] | None = None) -> Figure:
    """Plot largest-component share and efficiency against the share of people removed.

    Args:
        curves: Output of :func:`simulations.analysis.cohesion.removal_curve` for one or more strategies.
        labels: ``{strategy: Indonesian label}``.
    """
    labels = dict(labels or {})
    fig = new_figure((9, 3.6))
    ax1, ax2 = fig.subplots(1, 2)
    for i, (strategy, part) in enumerate(curves.groupby("strategi", sort=False)):
        st = series_style(i)
        name = labels.get(strategy, strategy)
        ax1.plot(100 * part["bagian_dihapus"], 100 * part["komponen_terbesar"], label=name, **st)
        ax2.plot(100 * part["bagian_dihapus"], part["efisiensi"], label=name, **st)
    ax1.set_xlabel("orang yang keluar (%)")
    ax1.set_ylabel("kelompok terhubung terbesar (% warga)")
    ax2.set_xlabel("orang yang keluar (%)")
    ax2.set_ylabel("efisiensi global (0–1)")
    ax1.legend(fontsize=8)
    return fig


def category_bars(
    table: pd.DataFrame,
    label: str = "kategori",
    value: str = "jumlah",
    *,
    title: str = "",
    xlabel: str = "",
) -> Figure:
    """Draw horizontal bars sorted by value (e.g. hoax counts by category)."""
    data = table.sort_values(value)
    fig = new_figure((7, max(2.5, 0.3 * len(data) + 1)))
    ax = fig.add_subplot()
    ax.barh(data[label], data[value], color=OKABE_ITO["blue"])
    for y, v in enumerate(data[value]):
        ax.text(v, y, f" {format_id(v, 0)}", va="center", fontsize=8)
    ax.set(xlabel=xlabel or value, title=title)
    return fig


def monthly_counts_plot(
    table: pd.DataFrame,
    month: str = "bulan",
    value: str = "jumlah_hoaks",
    *,
    events: Mapping[str, str] | None = None,
    title: str = "",
    ylabel: str = "",
) -> Figure:
    """Plot counts per month as points joined only across consecutive months (gaps stay visible).

    Args:
        table: One row per month (``YYYY-MM``).
        month, value: Column names.
        events: ``{"YYYY-MM": label}`` marked with a dashed vertical line.
        title, ylabel: Texts.
    """
    data = table[[month, value]].copy()
    data["t"] = pd.PeriodIndex(data[month], freq="M")
    data = data.sort_values("t")
    fig = new_figure((9, 3.4))
    ax = fig.add_subplot()
    run = (data["t"].diff() != 1).cumsum()  # a new run after every gap in the months
    for _, part in data.groupby(run):
        ax.plot(
            part["t"].dt.to_timestamp(), part[value], "-o", color=OKABE_ITO["blue"], markersize=4
        )
    for ym, text in (events or {}).items():
        x = pd.Period(ym, freq="M").to_timestamp()
        ax.axvline(x, color=OKABE_ITO["vermillion"], linestyle="--")
        ax.text(
            x,
            ax.get_ylim()[1] * 0.95,
            f" {text}",
            color=OKABE_ITO["vermillion"],
            fontsize=8,
            va="top",
        )
    ax.set(ylabel=ylabel or value, title=title)
    return fig


def alarm_plot(
    detected: pd.DataFrame,
    *,
    date: str = "tanggal",
    count: str = "jumlah",
    incidents: pd.DataFrame | None = None,
    title: str = "",
) -> Figure:
    """Plot a daily count series, its alarms, and (optionally) the injected incident windows.

    Args:
        detected: Output of ``simulations.response.alarms.detect_changes`` for one series (columns
            ``date``, ``count``, ``alarm``).
        incidents: Rows with ``mulai``/``selesai`` shaded as the true change windows.
        title: Figure title.
    """
    fig = new_figure((9, 3.2))
    ax = fig.add_subplot()
    ax.plot(
        detected[date],
        detected[count],
        color=OKABE_ITO["grey"],
        linewidth=0.9,
        label="laporan per hari",
    )
    alarms = detected[detected["alarm"]]
    ax.plot(
        alarms[date], alarms[count], "v", color=OKABE_ITO["vermillion"], markersize=7, label="alarm"
    )
    if incidents is not None:
        for i, r in enumerate(incidents.itertuples()):
            ax.axvspan(
                r.mulai,
                r.selesai + pd.Timedelta(days=1),
                color=OKABE_ITO["orange"],
                alpha=0.25,
                label="insiden yang disisipkan" if i == 0 else None,
            )
    ax.set_ylabel("laporan per hari")
    ax.legend(fontsize=8, loc="upper left")
    if title:
        ax.set_title(title)
    return fig


def allocation_plot(
    points: pd.DataFrame, metric: str = "mean_share_believer", *, xlabel: str = ""
) -> Figure:
    """Plot the mean and 95% interval of ``metric`` for each budget allocation (lower is better)."""
    data = (
        points[points["metric"] == metric]
        .sort_values("mean", ascending=False)
        .reset_index(drop=True)
    )
    fig = new_figure((7, max(2.5, 0.5 * len(data) + 1)))
    ax = fig.add_subplot()
    y = range(len(data))
    ax.hlines(
        list(y),
        100 * data["ci_low"],
        100 * data["ci_high"],
        color=OKABE_ITO["sky_blue"],
        linewidth=4,
        label="selang kepercayaan 95%",
    )
    ax.plot(100 * data["mean"], list(y), "o", color=OKABE_ITO["blue"], label="rata-rata")
    ax.set_yticks(list(y), data["allocation"])
    ax.set_xlabel(xlabel or f"{metric} (%)")
    ax.legend(fontsize=8)
    return fig


def summarise_categories(
    table: pd.DataFrame, label: str = "kategori", value: str = "jumlah", top: int = 3
) -> str:
    """Return an Indonesian sentence naming the largest categories and their shares of the total.

    Numbers use :func:`simulations.core.formatting.format_id` (``1.234.567``, ``12,5%``); the
    category names are left exactly as they are.
    """
    data = table.sort_values(value, ascending=False)
    total = float(data[value].sum())
    parts = ", ".join(
        f"{r[label]} {format_id(float(r[value]), 0)} "
        f"({format_id(float(r[value]) / total if total else math.nan, 0, percent=True)})"
        for _, r in data.head(top).iterrows()
    )
    return f"Total {format_id(total, 0)} dalam {len(data)} kategori; terbesar: {parts}."


def summarise_monthly(
    table: pd.DataFrame, month: str = "bulan", value: str = "jumlah_hoaks"
) -> str:
    """Return an Indonesian sentence: peak month, range, and months missing inside the span."""
    data = table.sort_values(month)
    peak = data.loc[data[value].idxmax()]
    span = pd.period_range(data[month].min(), data[month].max(), freq="M").astype(str)
    missing = [m for m in span if m not in set(data[month])]
    return (
        f"Puncak: {peak[month]} dengan {format_id(peak[value], 0)}. Data tersedia untuk {len(data)} bulan antara "
        f"{data[month].min()} dan {data[month].max()}; {len(missing)} bulan di rentang itu tidak ada datanya "
        "(garis diputus, tidak diisi)."
    )
