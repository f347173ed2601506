"""Figures for interventions and early detection (Module 3–4 notebooks and widgets).

Every function returns a :class:`matplotlib.figure.Figure` built without pyplot (see
:mod:`simulations.plots.figure`) and never calls ``show``. Okabe–Ito colours with a marker per
series; Indonesian labels. Pair each figure with its text summary:
:func:`simulations.response.interventions.summarise_comparison`,
:func:`simulations.response.monitoring.summarise_detection`, :func:`simulations.response.alarms.summarise_alarms`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure

from simulations.core.formatting import general_id
from simulations.plots.figure import new_figure
from simulations.plots.hoax import network_layout
from simulations.plots.style import (
    MARKERS,
    OKABE_ITO,
    REFERENCE_LINE,
    PercentFormatterID,
    series_style,
)
from simulations.response.alarms import AlarmResult
from simulations.response.interventions import METRIC_LABELS_ID, Comparison
from simulations.response.monitoring import STRATEGY_LABELS_ID

__all__ = [
    "draw_mean_band",
    "plot_alarms",
    "plot_comparison",
    "plot_comparison_curves",
    "plot_cost_effect",
    "plot_detection_histogram",
    "plot_monitors",
    "plot_opinion_histories",
    "plot_opinion_outcomes",
    "plot_segregation",
    "plot_tradeoff",
]


def _pct_axis(ax) -> None:
    # decimals=None lets matplotlib pick the decimals from the view range, so a narrow range
    # (e.g. 99.2%–99.8%) does not show the same label on every tick.
    ax.yaxis.set_major_formatter(PercentFormatterID(xmax=1.0, decimals=None))


def draw_mean_band(
    ax,
    curves: pd.DataFrame,
    column: str = "share_believer",
    *,
    by: str = "scenario",
    band: tuple[float, float] = (0.1, 0.9),
    styles: Mapping[str, Mapping[str, str]] | None = None,
) -> dict[str, pd.DataFrame]:
    """Draw, per scenario, the mean of ``column`` over replicates with a quantile band.

    The one curve-and-band drawer of the package (interventions, stakeholder response, action
    plan).

    Args:
        ax: Matplotlib axes.
        curves: Tidy per-step table with columns ``by``, ``step`` and ``column`` (one row per
            scenario × replicate × step, as :attr:`ComparisonResult.curves`).
        column: The plotted column.
        by: Scenario column; series are drawn in order of first appearance.
        band: Quantiles of the band over replicates, e.g. ``(0.1, 0.9)``.
        styles: Optional ``{scenario: {"color", "marker", "linestyle"}}``; default
            :func:`~simulations.plots.style.series_style`.

    Returns:
        ``{scenario: DataFrame(step, mean, low, high)}`` — the plotted numbers, for the text summary
        and for tests.
    """
    drawn = {}
    for i, name in enumerate(dict.fromkeys(curves[by])):
        sub = curves[curves[by] == name].groupby("step")[column]
        mean = sub.mean()
        lo, hi = sub.quantile(band[0]), sub.quantile(band[1])
        style = {**series_style(i), **dict((styles or {}).get(name, {}))}
        ax.fill_between(
            mean.index, lo.to_numpy(), hi.to_numpy(), color=style["color"], alpha=0.18, linewidth=0
        )
        ax.plot(
            mean.index,
            mean.to_numpy(),
            color=style["color"],
            marker=style["marker"],
            linestyle=style.get("linestyle", "-"),
            markevery=max(1, len(mean) // 8),
            markersize=5,
            linewidth=2,
            label=str(name),
        )
        drawn[name] = pd.DataFrame(
            {
                "step": mean.index,
                "mean": mean.to_numpy(),
                "low": lo.to_numpy(),
                "high": hi.to_numpy(),
            }
        )
    ax.set_xlabel("Langkah waktu")
    _pct_axis(ax)
    return drawn


def plot_comparison_curves(
    cmp: Comparison,
    *,
    column: str = "share_believer",
    band: tuple[float, float] = (0.1, 0.9),
    figsize: tuple[float, float] = (7.0, 4.2),
) -> Figure:
    """Draw the mean share of believers per scenario, with a 10–90 % band over seeds.

    Args:
        cmp: Output of :func:`~simulations.response.interventions.compare_interventions`.
        column: ``"share_believer"`` or ``"share_fact_checker"``.
        band: Quantiles of the band over seeds.
        figsize: Size in inches.
    """
    fig = new_figure(figsize)
    ax = fig.add_subplot()
    draw_mean_band(ax, cmp.curves, column, band=band)
    who = "percaya hoaks" if column == "share_believer" else "pemeriksa fakta"
    n_seeds = int(cmp.runs["replicate"].nunique())
    ax.set_ylabel(f"Bagian penduduk {who}")
    ax.set_title(
        f"Rata-rata {n_seeds} seed; pita = rentang {int(100 * band[0])}–{int(100 * band[1])}%",
        fontsize=10,
    )
    ax.legend(fontsize=8, loc="best", framealpha=0.9)
    return fig


def _level_text(cmp: Comparison) -> str:
    return general_id(cmp.config.get("level", 0.95), percent=True)


def _draw_cost_effect(ax, cmp: Comparison, *, labels: bool = True) -> None:
    """One marker per scenario at (mean cost, mean share ever reached), the interval as error bar."""
    s = cmp.summary.set_index(["scenario", "metric"])
    for i, name in enumerate(dict.fromkeys(cmp.summary["scenario"])):
        cost, reach = s.loc[(name, "cost")], s.loc[(name, "ever_reached")]
        style = series_style(i)
        ax.errorbar(
            cost["mean"],
            reach["mean"],
            yerr=[[reach["mean"] - reach["ci_low"]], [reach["ci_high"] - reach["mean"]]],
            color=style["color"],
            marker=style["marker"],
            markersize=8,
            capsize=4,
            linestyle="none",
            label=name if labels else None,
        )
    ax.set_xlabel(METRIC_LABELS_ID["cost"])
    ax.set_ylabel(METRIC_LABELS_ID["ever_reached"])
    _pct_axis(ax)


def plot_cost_effect(cmp: Comparison, *, figsize: tuple[float, float] = (6.0, 4.2)) -> Figure:
    """Plot cost (x) against people ever reached (y) per scenario, with the CIs as error bars."""
    fig = new_figure(figsize)
    ax = fig.add_subplot()
    _draw_cost_effect(ax, cmp)
    ax.set_title(f"Biaya vs dampak (garis = selang kepercayaan {_level_text(cmp)})", fontsize=10)
    ax.legend(fontsize=8, loc="best", framealpha=0.9)
    return fig


def plot_comparison(cmp: Comparison, *, figsize: tuple[float, float] = (11.0, 4.2)) -> Figure:
    """Curves with bands (left) and cost against effect (right) in one figure."""
    fig = new_figure(figsize)
    left, right = fig.subplots(1, 2, width_ratios=[3, 2])
    draw_mean_band(left, cmp.curves, "share_believer", band=(0.1, 0.9))
    left.set_ylabel("Bagian penduduk percaya hoaks")
    left.set_title("Kurva rata-rata (pita 10–90% antar-seed)", fontsize=10)
    left.legend(fontsize=8, loc="best", framealpha=0.9)
    _draw_cost_effect(right, cmp, labels=False)
    right.set_title(f"Biaya vs pernah percaya (SK {_level_text(cmp)})", fontsize=10)
    return fig


def plot_monitors(
    graph: nx.Graph,
    monitors: Sequence[int],
    *,
    nodes: Sequence | None = None,
    title: str | None = None,
    figsize: tuple[float, float] = (5.5, 5.5),
) -> Figure:
    """Draw the network with the chosen monitors highlighted.

    Args:
        graph: The network.
        monitors: Array indices (positions in ``list(graph.nodes)``) of the monitors.
        nodes: Node order, if not ``list(graph.nodes)``.
        title: Figure title.
        figsize: Size in inches.
    """
    fig = new_figure(figsize)
    ax = fig.add_subplot()
    layout = network_layout(graph)
    index = layout["index"]
    where = {int(i): k for k, i in enumerate(index)}
    if len(layout["segments"]):
        ax.add_collection(
            LineCollection(
                layout["segments"], colors=OKABE_ITO["grey"], linewidths=0.3, alpha=0.35, zorder=1
            )
        )
    is_monitor = np.zeros(len(index), dtype=bool)
    for m in monitors:
        if int(m) in where:
            is_monitor[where[int(m)]] = True
    xy = layout["xy"]
    ax.scatter(
        xy[~is_monitor, 0],
        xy[~is_monitor, 1],
        s=10,
        c=OKABE_ITO["grey"],
        marker="o",
        edgecolors="none",
        label="Warga",
        zorder=2,
    )
    ax.scatter(
        xy[is_monitor, 0],
        xy[is_monitor, 1],
        s=90,
        c=OKABE_ITO["orange"],
        marker="*",
        edgecolors=OKABE_ITO["black"],
        linewidths=0.6,
        label=f"Pemantau ({len(monitors)})",
        zorder=3,
    )
    ax.set_aspect("equal")
    ax.set_axis_off()
    ax.autoscale_view()
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, -0.08), ncol=2, fontsize=8, frameon=False)
    if title:
        ax.set_title(title, fontsize=10)
    return fig


def plot_detection_histogram(
    evaluations: Mapping[str, pd.DataFrame], *, figsize: tuple[float, float] = (6.5, 4.0)
) -> Figure:
    """Histogram of detection times per strategy (undetected cascades are counted in the title).

    Args:
        evaluations: Strategy name → output of :func:`~simulations.response.monitoring.evaluate_monitors`.
        figsize: Size in inches.
    """
    fig = new_figure(figsize)
    ax = fig.add_subplot()
    times = [df["detection_time"].dropna().to_numpy() for df in evaluations.values()]
    top = max((int(t.max()) for t in times if len(t)), default=1)
    bins = np.arange(-0.5, top + 1.5, 1.0)
    missed = []
    for i, (name, df) in enumerate(evaluations.items()):
        style = series_style(i)
        t = df["detection_time"].dropna().to_numpy()
        counts, edges = np.histogram(t, bins=bins)
        centres = (edges[:-1] + edges[1:]) / 2
        ax.step(centres, counts, where="mid", color=style["color"], linewidth=2)
        ax.plot(
            centres,
            counts,
            linestyle="none",
            color=style["color"],
            marker=MARKERS[i % len(MARKERS)],
            markersize=5,
            label=STRATEGY_LABELS_ID.get(name, name),
        )
        missed.append(f"{STRATEGY_LABELS_ID.get(name, name)}: {int((~df['detected']).sum())}")
    ax.set_xlabel("Langkah saat hoaks pertama kali terdeteksi")
    ax.set_ylabel("Jumlah kaskade")
    ax.set_title("Tak terdeteksi — " + "; ".join(missed), fontsize=9)
    ax.legend(fontsize=8, framealpha=0.9)
    return fig


def plot_alarms(
    counts: Sequence[float] | pd.Series,
    result: AlarmResult,
    *,
    dates: Sequence | None = None,
    change_at: int | None = None,
    title: str | None = None,
    figsize: tuple[float, float] = (8.0, 4.5),
) -> Figure:
    """Daily counts (top) and the alarm statistic against its threshold (bottom).

    Args:
        counts: Counts per day.
        result: Output of :func:`~simulations.response.alarms.ewma` or :func:`~simulations.response.alarms.cusum`.
        dates: Labels of the days (default 0, 1, …).
        change_at: Index of a known change, drawn as a dashed line.
        title: Figure title.
        figsize: Size in inches.
    """
    x = np.asarray(counts, dtype=float)
    t = np.arange(len(x)) if dates is None else np.asarray(dates)
    fig = new_figure(figsize)
    top, bottom = fig.subplots(2, 1, sharex=True, height_ratios=[3, 2])
    top.plot(
        t,
        x,
        color=OKABE_ITO["blue"],
        marker="o",
        markersize=3,
        linewidth=1,
        label="Laporan per hari",
    )
    hits = result.alarms
    top.scatter(
        t[hits],
        x[hits],
        color=OKABE_ITO["vermillion"],
        marker="^",
        s=60,
        zorder=3,
        label=f"Alarm ({int(hits.sum())})",
    )
    top.axhline(result.mu0, color=OKABE_ITO["grey"], linestyle=":", label="Rata-rata acuan")
    top.set_ylabel("Jumlah laporan")
    bottom.plot(
        t,
        result.statistic,
        color=OKABE_ITO["bluish_green"],
        marker="s",
        markersize=2,
        linewidth=1.5,
        label="Statistik pemantau",
    )
    bottom.plot(
        t, result.threshold, color=OKABE_ITO["vermillion"], linestyle="--", label="Ambang alarm"
    )
    bottom.set_ylabel("Statistik")
    for ax in (top, bottom):
        if change_at is not None:
            ax.axvline(t[change_at], **REFERENCE_LINE)
        ax.legend(fontsize=8, loc="upper left", framealpha=0.9)
    if change_at is not None:
        top.text(t[change_at], top.get_ylim()[1], " perubahan", va="top", fontsize=8)
    if title:
        top.set_title(title, fontsize=10)
    return fig


def plot_tradeoff(table: pd.DataFrame, *, figsize: tuple[float, float] = (6.0, 4.0)) -> Figure:
    """False alarms per 1,000 days (x) against mean detection delay (y), one point per threshold."""
    fig = new_figure(figsize)
    ax = fig.add_subplot()
    ax.plot(
        table["false_alarms_per_1000_days"],
        table["mean_delay"],
        color=OKABE_ITO["blue"],
        marker="o",
        linewidth=2,
    )
    for _, r in table.iterrows():
        ax.annotate(
            f"ambang {general_id(r['threshold'])}",
            (r["false_alarms_per_1000_days"], r["mean_delay"]),
            textcoords="offset points",
            xytext=(6, 4),
            fontsize=8,
        )
    ax.set_xlabel("Alarm palsu per 1.000 hari normal")
    ax.set_ylabel("Rata-rata keterlambatan deteksi (hari)")
    ax.set_title(
        "Ambang rendah: cepat tapi sering salah; ambang tinggi: jarang salah tapi lambat",
        fontsize=9,
    )
    return fig


def plot_segregation(df: pd.DataFrame, *, figsize: tuple[float, float] = (6.5, 4.2)) -> Figure:
    """Share still believing at the end against homophily, overall and per group (mean ± 95 % CI).

    Args:
        df: Output of :func:`~simulations.response.interventions.segregation_experiment`.
        figsize: Size in inches.
    """
    from simulations.analysis.experiments import mean_ci

    fig = new_figure(figsize)
    ax = fig.add_subplot()
    series = {
        "believers_end_gullible": "Kelompok mudah percaya",
        "believers_end_sceptic": "Kelompok skeptis",
        "believers_end": "Semua orang",
    }
    for i, (col, label) in enumerate(series.items()):
        stats_ = [mean_ci(g[col]) for _, g in df.groupby("homophily")]
        h = sorted(df["homophily"].unique())
        mean = np.array([s["mean"] for s in stats_])
        lo = np.array([s["ci_low"] for s in stats_])
        hi = np.array([s["ci_high"] for s in stats_])
        style = series_style(i)
        ax.fill_between(h, lo, hi, color=style["color"], alpha=0.2, linewidth=0)
        ax.plot(h, mean, color=style["color"], marker=style["marker"], linewidth=2, label=label)
    ax.set_xlabel("Homofili (bagian ikatan di dalam kelompok sendiri)")
    ax.set_ylabel("Masih percaya hoaks di akhir")
    _pct_axis(ax)
    ax.set_title("Segregasi dan bertahannya hoaks (pita = SK 95% antar-seed)", fontsize=10)
    ax.legend(fontsize=8, framealpha=0.9)
    return fig


def plot_opinion_outcomes(
    df: pd.DataFrame,
    metric: str = "std",
    *,
    by: str = "scenario",
    figsize: tuple[float, float] = (6.5, 4.0),
) -> Figure:
    """Bar chart of an opinion outcome per scenario (mean with 95 % CI over seeds).

    Args:
        df: Output of :func:`~simulations.response.interventions.compare_opinion_interventions` (a column
            ``by`` may hold e.g. the tolerance ε when several runs are concatenated).
        metric: ``"std"``, ``"clusters"``, ``"bimodality"`` or ``"extreme_share"``.
        by: Column with the bar labels.
        figsize: Size in inches.
    """
    from simulations.analysis.experiments import mean_ci

    labels = {
        "std": "Sebaran opini (simpangan baku)",
        "clusters": "Jumlah kubu opini",
        "bimodality": "Koefisien bimodalitas",
        "extreme_share": "Bagian berpendapat ekstrem",
    }
    fig = new_figure(figsize)
    ax = fig.add_subplot()
    names = list(dict.fromkeys(df[by]))
    for i, name in enumerate(names):
        ci = mean_ci(df.loc[df[by] == name, metric])
        mean, lo, hi = ci["mean"], ci["ci_low"], ci["ci_high"]
        style = series_style(i)
        ax.bar(
            i, mean, color=style["color"], alpha=0.85, hatch=["", "//", "..", "xx", "\\\\"][i % 5]
        )
        ax.errorbar(i, mean, yerr=[[mean - lo], [hi - mean]], color=OKABE_ITO["black"], capsize=4)
    ax.set_xticks(range(len(names)), [str(n) for n in names], rotation=15, ha="right", fontsize=8)
    ax.set_ylabel(labels.get(metric, metric))
    ax.set_title("Rata-rata antar-seed (garis = SK 95%)", fontsize=10)
    return fig


def plot_opinion_histories(
    histories: Mapping[str, np.ndarray], *, figsize: tuple[float, float] | None = None
) -> Figure:
    """Side-by-side opinion distributions over time, one panel per run (e.g. per tolerance ε).

    Args:
        histories: Label → ``model.opinion_history()`` (times × people).
        figsize: Size in inches (default: 4.2 inches per panel).
    """
    from simulations.plots.opinion import plot_opinion_histogram_over_time

    k = len(histories)
    fig = new_figure(figsize or (4.2 * k + 0.6, 3.6))
    axes = fig.subplots(1, k, squeeze=False)[0]
    for ax, (label, history) in zip(axes, histories.items(), strict=True):
        plot_opinion_histogram_over_time(history, ax=ax)
        ax.set_title(label, fontsize=10)
    return fig
