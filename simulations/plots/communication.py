"""Figures for public communication and public trust (Module 3 and 5 notebooks).

Every function returns a :class:`matplotlib.figure.Figure` built without pyplot and never calls
``show``. Okabe–Ito colours with a marker per series; Indonesian labels. Pair each figure with its
text summary: :func:`simulations.response.communication.summarise_clarifications` and
:func:`simulations.response.communication.summarise_breach`.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from simulations.core.formatting import format_id, general_id
from simulations.plots.figure import new_figure
from simulations.plots.style import OKABE_ITO, REFERENCE_LINE, PercentFormatterID, series_style
from simulations.response.communication import CARRIER_LABELS_ID, clarification_table
from simulations.response.interventions import Comparison

__all__ = ["plot_breach_sweep", "plot_clarifications"]

_METRIC_TITLES = {
    "peak_believers": "Puncak percaya hoaks",
    "ever_reached": "Pernah percaya hoaks",
}


def plot_clarifications(
    cmp: Comparison,
    metrics: tuple[str, ...] = ("peak_believers", "ever_reached"),
    *,
    figsize: tuple[float, float] = (10.0, 4.0),
) -> Figure:
    """Draw each carrier's outcome for a fast and a late clarification, with 95 % CIs.

    One panel per metric; x = carrier, one series per start step (mean with a Student-t 95 %
    confidence interval across seeds); the baseline without clarification is a dashed line with
    its interval as a grey band.

    Args:
        cmp: Output of :func:`simulations.response.communication.compare_clarifications`.
        metrics: Metrics to draw (``"peak_believers"``, ``"ever_reached"``).
        figsize: Figure size in inches.
    """
    fig = new_figure(figsize)
    axes = np.atleast_1d(fig.subplots(1, len(metrics), sharey=False))
    for ax, metric in zip(axes, metrics, strict=True):
        tab = clarification_table(cmp, metric)
        base = tab[tab["carrier"].isna()]
        rows = tab[tab["carrier"].notna()]
        carriers = list(dict.fromkeys(rows["carrier"]))
        x = np.arange(len(carriers))
        if len(base):
            b = base.iloc[0]
            ax.axhspan(b["ci_low"], b["ci_high"], color=OKABE_ITO["grey"], alpha=0.25, lw=0)
            ax.axhline(b["mean"], **REFERENCE_LINE, label="Tanpa klarifikasi")
        starts = sorted(int(s) for s in rows["start"].dropna().unique())
        width = 0.5 / max(len(starts), 1)
        for j, start in enumerate(starts):
            sub = rows[rows["start"] == start].set_index("carrier").loc[carriers]
            style = series_style(j)
            offset = (j - (len(starts) - 1) / 2) * width
            ax.errorbar(
                x + offset,
                sub["mean"].to_numpy(),
                yerr=[
                    (sub["mean"] - sub["ci_low"]).to_numpy(),
                    (sub["ci_high"] - sub["mean"]).to_numpy(),
                ],
                color=style["color"],
                marker=style["marker"],
                markersize=7,
                capsize=4,
                linestyle="none",
                label=f"Klarifikasi langkah {start}",
            )
        ax.set_xticks(x, [CARRIER_LABELS_ID[c] for c in carriers])
        ax.yaxis.set_major_formatter(PercentFormatterID(xmax=1.0, decimals=None))
        ax.set_title(f"{_METRIC_TITLES.get(metric, metric)} (SK 95%)", fontsize=10)
        ax.set_xlabel("Pembawa klarifikasi")
    axes[0].set_ylabel("Bagian penduduk")
    axes[0].legend(fontsize=8, loc="best", framealpha=0.9)
    return fig


def plot_breach_sweep(sweep: pd.DataFrame, *, figsize: tuple[float, float] = (7.0, 4.0)) -> Figure:
    """Draw the persisting share of believers against the trust loss, with the mean-field tipping point.

    Args:
        sweep: Output of :func:`simulations.response.communication.breach_sweep`.
        figsize: Figure size in inches.
    """
    fig = new_figure(figsize)
    ax = fig.subplots()
    style = series_style(1)
    ax.errorbar(
        sweep["trust_loss"],
        sweep["mean"],
        yerr=[sweep["mean"] - sweep["ci_low"], sweep["ci_high"] - sweep["mean"]],
        color=style["color"],
        marker=style["marker"],
        capsize=4,
        label="Simulasi jaringan (rata-rata, SK 95%)",
    )
    critical = float(sweep["critical_loss"].iloc[0])
    if math.isfinite(critical):
        ax.axvline(
            critical,
            **REFERENCE_LINE,
            label=f"Titik balik teori medan rata-rata ({format_id(critical, 3)})",
        )
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: general_id(x)))
    ax.set_xlabel("Penurunan kepercayaan: kenaikan kredibilitas hoaks α")
    ax.set_ylabel("Percaya hoaks yang bertahan (akhir)")
    ax.yaxis.set_major_formatter(PercentFormatterID(xmax=1.0, decimals=None))
    ax.set_title("Kebocoran data, kepercayaan, dan ambang pemberantasan", fontsize=10)
    ax.legend(fontsize=8, loc="upper left", framealpha=0.9)
    return fig
