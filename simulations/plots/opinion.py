"""Figures for opinion dynamics, polarisation and echo chambers (Module 2).

Every function returns a matplotlib :class:`~matplotlib.figure.Figure` built without pyplot (so
nothing is shown twice and nothing needs closing) and never calls ``show``. Colours: the
colour-blind-safe ``cividis`` map for opinion *density* and the diverging ``PuOr`` map (purple ↔
orange, readable with the common colour-vision deficiencies) for the opinion of a person; in
network drawings the two sides also differ by marker (circle vs square), so the figures read in
grey scale too. Each figure is meant to be shown with a text summary
(:func:`simulations.analysis.metrics.summarise_metrics_id`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import networkx as nx
import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.colors import Normalize
from matplotlib.figure import Figure

from simulations.analysis import metrics as M
from simulations.core.formatting import format_id
from simulations.plots.figure import new_figure as _new_figure
from simulations.plots.style import OKABE_ITO, REFERENCE_LINE

__all__ = [
    "OPINION_CMAP",
    "DENSITY_CMAP",
    "draw_opinion_network",
    "opinion_layout",
    "plot_cluster_sweep",
    "plot_community_snapshots",
    "plot_counts_bar",
    "plot_distribution_examples",
    "plot_neighbour_opinion",
    "plot_opinion_dashboard",
    "plot_opinion_histogram_over_time",
    "plot_rumour_curves",
    "plot_trajectories",
    "plot_trajectory_panels",
]

OPINION_CMAP = "PuOr"
"""Diverging colour map for a person's opinion (colour-blind safe)."""
DENSITY_CMAP = "cividis"
"""Sequential colour map for the density of opinions (colour-blind safe)."""


def new_figure(figsize: tuple[float, float] = (8.0, 4.0)) -> Figure:
    """Return an empty figure with constrained layout (see :func:`simulations.plots.figure.new_figure`)."""
    return _new_figure(figsize)


def _axes(ax: Axes | None, figsize: tuple[float, float]) -> tuple[Figure, Axes]:
    if ax is not None:
        return ax.figure, ax
    fig = new_figure(figsize)
    return fig, fig.add_subplot(1, 1, 1)


def _domain(history: np.ndarray, domain: tuple[float, float] | None) -> tuple[float, float]:
    if domain is not None:
        return domain
    lo, hi = float(np.min(history)), float(np.max(history))
    if hi <= lo:
        lo, hi = lo - 0.5, hi + 0.5
    return lo, hi


# ----------------------------------------------------------------------------- over time
def plot_opinion_histogram_over_time(
    history: np.ndarray,
    *,
    times: Sequence[float] | None = None,
    domain: tuple[float, float] | None = (0.0, 1.0),
    bins: int = 50,
    ax: Axes | None = None,
    time_label: str = "Langkah",
) -> Figure:
    """Draw the distribution of opinions at every recorded time as a heat map.

    Args:
        history: Array (times, people) of opinions (``model.opinion_history()``).
        times: Time of each row (default 0, 1, 2, …).
        domain: Opinion range of the vertical axis; None = the data's range.
        bins: Number of opinion bins.
        ax: Axes to draw on (a new figure when None).
        time_label: Label of the horizontal axis.
    """
    history = np.asarray(history, dtype=float)
    fig, ax = _axes(ax, (6.0, 3.5))
    lo, hi = _domain(history, domain)
    edges = np.linspace(lo, hi, bins + 1)
    idx = np.clip(np.searchsorted(edges, history, side="right") - 1, 0, bins - 1)
    counts = np.zeros((history.shape[0], bins))
    rows = np.repeat(np.arange(history.shape[0]), history.shape[1])
    np.add.at(counts, (rows, idx.ravel()), 1.0)
    share = counts / history.shape[1]
    t = np.arange(history.shape[0]) if times is None else np.asarray(times, dtype=float)
    t_edges = np.r_[t, t[-1] + (t[-1] - t[-2] if t.size > 1 else 1.0)]
    mesh = ax.pcolormesh(
        t_edges, edges, np.sqrt(share.T), cmap=DENSITY_CMAP, shading="flat", rasterized=True
    )
    cbar = fig.colorbar(mesh, ax=ax, pad=0.01)
    cbar.set_label("Bagian orang (skala akar)")
    ax.set_xlabel(time_label)
    ax.set_ylabel("Opini")
    ax.set_title("Sebaran opini dari waktu ke waktu")
    ax.grid(False)
    return fig


def plot_trajectories(
    history: np.ndarray,
    *,
    times: Sequence[float] | None = None,
    max_people: int = 150,
    domain: tuple[float, float] | None = (0.0, 1.0),
    seed: int = 0,
    ax: Axes | None = None,
    time_label: str = "Langkah",
    colour_by: str = "final",
) -> Figure:
    """Draw the opinion of (a sample of) people over time, coloured by their final opinion.

    Args:
        history: Array (times, people) of opinions.
        times: Time of each row.
        max_people: Draw at most this many people (a random sample, fixed by ``seed``).
        domain: Opinion range for the colours and the axis; None = the data's range.
        seed: Seed of the sample.
        ax: Axes to draw on.
        time_label: Label of the horizontal axis.
        colour_by: ``"final"`` (colour = where a person ends, shows the clusters) or
            ``"initial"`` (colour = where a person started, shows who moved where).
    """
    history = np.asarray(history, dtype=float)
    fig, ax = _axes(ax, (6.0, 3.5))
    n = history.shape[1]
    people = np.arange(n)
    if n > max_people:
        people = np.sort(np.random.default_rng(seed).choice(n, max_people, replace=False))
    t = np.arange(history.shape[0]) if times is None else np.asarray(times, dtype=float)
    colours = history[-1 if colour_by == "final" else 0, people]
    if domain is None:
        bound = float(np.percentile(np.abs(colours), 90)) or 1.0
        lo, hi = -bound, bound
    else:
        lo, hi = domain
    segments = [np.column_stack([t, history[:, i]]) for i in people]
    lines = LineCollection(
        segments, cmap=OPINION_CMAP, norm=Normalize(lo, hi), linewidths=0.7, alpha=0.8
    )
    lines.set_array(colours)
    ax.add_collection(lines)
    ax.set_xlim(t[0], t[-1] if t[-1] > t[0] else t[0] + 1)
    ymin, ymax = float(history[:, people].min()), float(history[:, people].max())
    pad = 0.05 * max(ymax - ymin, 1e-9)
    ax.set_ylim(ymin - pad, ymax + pad)
    ax.set_xlabel(time_label)
    ax.set_ylabel("Opini")
    ax.set_title(f"Lintasan opini ({len(people)} orang)")
    return fig


# ----------------------------------------------------------------------------- networks
def opinion_layout(graph: nx.Graph, seed: int = 0, iterations: int = 40) -> dict[Any, np.ndarray]:
    """Return spring-layout positions (Fruchterman–Reingold, :func:`networkx.spring_layout`)."""
    return nx.spring_layout(graph, seed=seed, iterations=iterations)


def draw_opinion_network(
    graph: nx.Graph,
    opinions: Sequence[float],
    *,
    ax: Axes | None = None,
    pos: dict[Any, np.ndarray] | None = None,
    domain: tuple[float, float] | None = (0.0, 1.0),
    max_nodes: int = 400,
    seed: int = 0,
    title: str | None = None,
    colorbar: bool = True,
) -> Figure:
    """Draw the network with each person coloured by opinion (and shaped by side).

    People on the lower half of the opinion range are squares, the upper half circles.

    Args:
        graph: The network; its node order matches ``opinions``.
        opinions: One opinion per node, in ``graph.nodes`` order.
        ax: Axes to draw on.
        pos: Node positions (computed with :func:`opinion_layout` when None).
        domain: Opinion range of the colour map; None = symmetric around 0 up to the 90th
            percentile of ``|x|`` (unbounded models).
        max_nodes: Draw a random sample of at most this many people (big networks are unreadable).
        seed: Seed of the sample and of the layout.
        title: Axes title.
        colorbar: Whether to add a colour bar.
    """
    fig, ax = _axes(ax, (4.5, 4.5))
    nodes = list(graph.nodes)
    x = np.asarray(opinions, dtype=float)
    if len(nodes) > max_nodes:
        keep = np.sort(np.random.default_rng(seed).choice(len(nodes), max_nodes, replace=False))
        graph = graph.subgraph([nodes[i] for i in keep])
        x = x[keep]
        nodes = [nodes[i] for i in keep]
        title = (title or "") + f" (contoh {max_nodes} orang)"
    if pos is None:
        pos = opinion_layout(graph, seed=seed)
    if domain is None:
        # unbounded opinions: a few extremists would wash out everyone else's colour, so the
        # scale ends at the 90th percentile of |x| (beyond it colours saturate)
        bound = float(np.percentile(np.abs(x), 90)) if x.size else 1.0
        lo, hi = -(bound or 1.0), bound or 1.0
    else:
        lo, hi = domain
    mid = (lo + hi) / 2.0
    xy = np.array([pos[v] for v in nodes]) if nodes else np.zeros((0, 2))
    index = {v: i for i, v in enumerate(nodes)}
    segs = [(xy[index[a]], xy[index[b]]) for a, b in graph.edges() if a in index and b in index]
    if segs:
        ax.add_collection(
            LineCollection(segs, colors=OKABE_ITO["grey"], linewidths=0.4, alpha=0.35, zorder=1)
        )
    norm = Normalize(lo, hi)
    sc = None
    for mask, marker in ((x < mid, "s"), (x >= mid, "o")):
        if mask.any():
            sc = ax.scatter(
                xy[mask, 0],
                xy[mask, 1],
                c=x[mask],
                cmap=OPINION_CMAP,
                norm=norm,
                s=18,
                marker=marker,
                edgecolors="black",
                linewidths=0.3,
                zorder=2,
            )
    if colorbar and sc is not None:
        fig.colorbar(sc, ax=ax, shrink=0.7, pad=0.01, label="Opini")
    ax.set_axis_off()
    if title:
        ax.set_title(title)
    return fig


def plot_neighbour_opinion(
    opinions: Sequence[float],
    network: Any,
    *,
    ax: Axes | None = None,
    bins: int = 30,
) -> Figure:
    """Draw each person's opinion against the average opinion of their neighbours.

    The echo-chamber picture of Cinelli et al. (2021, PNAS): mass on the diagonal (and in two
    corners) means people mostly hear their own opinion back.

    Args:
        opinions: One opinion per person.
        network: Graph or adjacency matrix in the same order.
        ax: Axes to draw on.
        bins: Bins per axis of the 2-D histogram.
    """
    fig, ax = _axes(ax, (4.2, 4.0))
    x = np.asarray(opinions, dtype=float)
    xn = M.neighbour_mean_opinion(x, network)
    ok = np.isfinite(xn)
    lo, hi = float(min(x.min(), np.nanmin(xn))), float(max(x.max(), np.nanmax(xn)))
    h = ax.hist2d(x[ok], xn[ok], bins=bins, range=[[lo, hi], [lo, hi]], cmap=DENSITY_CMAP, cmin=1)
    fig.colorbar(h[3], ax=ax, pad=0.01, label="Jumlah orang")
    ax.plot([lo, hi], [lo, hi], color=OKABE_ITO["vermillion"], lw=1, ls="--")
    rho = M.neighbour_opinion_correlation(x, network)
    ax.set_xlabel("Opini saya")
    ax.set_ylabel("Rata-rata opini teman saya")
    ax.set_title(f"Ruang gema? korelasi = {format_id(rho, 2)}")
    ax.grid(False)
    return fig


def plot_community_snapshots(
    snapshots: Sequence[tuple[str, nx.Graph, Sequence[float]]],
    *,
    domain: tuple[float, float] | None = (0.0, 1.0),
    max_nodes: int = 300,
    seed: int = 0,
) -> Figure:
    """Draw the network at several moments, coloured by opinion, with its communities measured.

    Each panel's title gives the number of communities found by the Louvain method, the
    modularity of that partition and the neighbour-opinion correlation — the echo chambers growing
    (or not) over time.

    Args:
        snapshots: ``(label, graph, opinions)`` per moment (e.g. ``"t = 0"``).
        domain: Opinion range of the colour map; None = symmetric around 0.
        max_nodes: Largest number of people drawn per panel.
        seed: Seed of the layouts and of the community detection.
    """
    k = len(snapshots)
    fig = new_figure((3.6 * k + 0.8, 3.9))
    axes = fig.subplots(1, k, squeeze=False)[0]
    for i, (ax, (label, graph, x)) in enumerate(zip(axes, snapshots, strict=True)):
        x = np.asarray(x, dtype=float)
        if graph.number_of_edges():
            comm = M.community_partition(graph, seed=seed)
            q = M.group_modularity(graph, comm)
            rho = M.neighbour_opinion_correlation(x, graph)
            text = (
                f"{label}\n{comm.max() + 1} komunitas, Q={format_id(q, 2)}, ρ={format_id(rho, 2)}"
            )
        else:
            text = f"{label}\n(belum ada interaksi)"
        draw_opinion_network(
            graph,
            x,
            ax=ax,
            domain=domain,
            max_nodes=max_nodes,
            seed=seed,
            title=text,
            colorbar=(i == k - 1),
        )
    return fig


def plot_opinion_dashboard(
    history: np.ndarray,
    *,
    times: Sequence[float] | None = None,
    graph: nx.Graph | None = None,
    domain: tuple[float, float] | None = (0.0, 1.0),
    time_label: str = "Langkah",
    seed: int = 0,
) -> Figure:
    """Three panels: opinion histogram over time, trajectories, and the final state.

    The third panel is the network coloured by final opinion when ``graph`` is given, otherwise
    the histogram of final opinions (complete mixing has no network to draw).

    Args:
        history: Array (times, people) of opinions.
        times: Time of each row.
        graph: The network (node order = columns of ``history``), or None.
        domain: Opinion range; None = the data's range (unbounded models).
        time_label: Label of the time axes.
        seed: Seed of samples and layouts.
    """
    history = np.asarray(history, dtype=float)
    fig = new_figure((13.0, 3.8))
    ax1, ax2, ax3 = fig.subplots(1, 3)
    plot_opinion_histogram_over_time(
        history, times=times, domain=domain, ax=ax1, time_label=time_label
    )
    plot_trajectories(history, times=times, domain=domain, ax=ax2, seed=seed, time_label=time_label)
    final = history[-1]
    if graph is not None:
        draw_opinion_network(
            graph, final, ax=ax3, domain=domain, seed=seed, title="Jaringan di akhir"
        )
    else:
        lo, hi = _domain(history, domain)
        ax3.hist(final, bins=40, range=(lo, hi), color=OKABE_ITO["blue"], edgecolor="white")
        ax3.set_xlabel("Opini akhir")
        ax3.set_ylabel("Jumlah orang")
        ax3.set_title("Sebaran opini di akhir")
    return fig


# ----------------------------------------------------------------------------- sweeps and data
def plot_cluster_sweep(
    df: Any,
    *,
    x: str = "epsilon",
    ax: Axes | None = None,
    theory: bool = True,
    xlabel: str = "Toleransi ε",
) -> Figure:
    """Draw the number of opinion clusters (and convergence time) against a swept parameter.

    Args:
        df: Table from :func:`simulations.analysis.opinion.sweep_bounded_confidence` with columns
            ``x``, ``clusters``, ``effective_clusters`` and ``convergence_step``.
        x: Name of the swept column.
        ax: Axes to draw on (a new figure with a second panel for convergence time when None).
        theory: Draw ``⌊1/(2ε)⌋`` (Deffuant et al. 2000) when sweeping ε.
        xlabel: Label of the horizontal axis.
    """
    if ax is None:
        fig = new_figure((10.0, 3.6))
        ax, ax2 = fig.subplots(1, 2)
    else:
        fig, ax2 = ax.figure, None
    ax.plot(df[x], df["clusters"], marker="o", color=OKABE_ITO["blue"], label="Jumlah kubu")
    ax.plot(
        df[x],
        df["effective_clusters"],
        marker="s",
        ls="--",
        color=OKABE_ITO["orange"],
        label="Jumlah efektif",
    )
    if theory and x == "epsilon":
        eps = np.linspace(max(float(df[x].min()), 1e-3), float(df[x].max()), 200)
        ax.plot(
            eps,
            np.maximum(1, np.floor(1 / (2 * eps))),
            color=OKABE_ITO["grey"],
            lw=1,
            label="Teori ⌊1/(2ε)⌋",
        )
    ax.set_xlabel(xlabel)
    ax.set_ylabel("Jumlah kelompok opini")
    ax.legend(frameon=False)
    ax.set_title("Berapa kubu yang terbentuk?")
    if ax2 is not None:
        steps = df["convergence_step"].astype(float)
        done = steps.notna()
        ax2.plot(
            df[x][done],
            steps[done],
            marker="D",
            color=OKABE_ITO["bluish_green"],
            label="Langkah sampai stabil",
        )
        if (~done).any():
            top = float(df["steps"].max())
            ax2.plot(
                df[x][~done],
                [top] * int((~done).sum()),
                ls="none",
                marker="^",
                color=OKABE_ITO["vermillion"],
                label="Belum stabil (batas langkah)",
            )
        ax2.set_xlabel(xlabel)
        ax2.set_ylabel("Langkah")
        ax2.set_title("Berapa lama sampai opini berhenti berubah?")
        ax2.legend(frameon=False)
    return fig


def plot_rumour_curves(df: Any, *, theory: float | None = None, ax: Axes | None = None) -> Figure:
    """Draw the shares of ignorant, spreaders and stiflers over time (rumour models).

    Args:
        df: ``RumourModel.results()`` (columns ``step``, ``share_ignorant``, ``share_spreader``,
            ``share_stifler``).
        theory: Expected final ignorant share (e.g. 0.203), drawn as a dashed line.
        ax: Axes to draw on.
    """
    fig, ax = _axes(ax, (6.5, 3.6))
    labels = {
        "share_ignorant": ("Belum dengar", OKABE_ITO["grey"], "o"),
        "share_spreader": ("Penyebar", OKABE_ITO["vermillion"], "^"),
        "share_stifler": ("Berhenti menyebar", OKABE_ITO["blue"], "s"),
    }
    every = max(1, len(df) // 12)
    for col, (label, colour, marker) in labels.items():
        ax.plot(df["step"], df[col], color=colour, marker=marker, markevery=every, label=label)
    if theory is not None:
        ax.axhline(
            theory, **REFERENCE_LINE, label=f"Teori: {format_id(theory, 3)} tidak pernah dengar"
        )
    ax.set_ylim(0, 1)
    ax.set_xlabel("Langkah (setiap orang rata-rata sekali bertemu orang lain)")
    ax.set_ylabel("Bagian penduduk")
    ax.set_title("Desas-desus berhenti dengan sendirinya")
    ax.legend(frameon=False, fontsize=8)
    return fig


def plot_counts_bar(
    values: dict[str, float],
    *,
    title: str,
    source: str,
    xlabel: str = "",
    ax: Axes | None = None,
) -> Figure:
    """Draw a horizontal bar chart of real figures with the source printed under it.

    Args:
        values: ``{label: value}`` in display order.
        title: Title.
        source: Source text (always shown: every real figure names its source).
        xlabel: Label of the value axis.
        ax: Axes to draw on.
    """
    fig, ax = _axes(ax, (6.5, 0.45 * len(values) + 1.4))
    labels = list(values)[::-1]
    vals = [values[k] for k in labels]
    bars = ax.barh(labels, vals, color=OKABE_ITO["blue"])
    for bar, v in zip(bars, vals, strict=True):
        ax.text(
            bar.get_width(),
            bar.get_y() + bar.get_height() / 2,
            f" {format_id(v, 0)}",
            va="center",
            fontsize=8,
        )
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.grid(axis="y", visible=False)
    fig.supxlabel(f"Sumber: {source}", fontsize=7, x=0.01, ha="left")
    return fig


def plot_trajectory_panels(
    panels: Sequence[tuple[str, np.ndarray, np.ndarray]],
    *,
    domain: tuple[float, float] | None = None,
    max_people: int = 120,
    seed: int = 0,
    time_label: str = "Waktu",
) -> Figure:
    """Draw opinion trajectories of several runs side by side (e.g. the three regimes).

    Lines are coloured by each person's *initial* opinion, so one sees who moved where.

    Args:
        panels: ``(title, times, history)`` per run.
        domain: Opinion range; None = symmetric around 0 per panel (unbounded models).
        max_people: People drawn per panel.
        seed: Seed of the samples.
        time_label: Label of the time axes.
    """
    fig = new_figure((4.2 * len(panels), 3.4))
    axes = fig.subplots(1, len(panels), squeeze=False)[0]
    for ax, (title, times, history) in zip(axes, panels, strict=True):
        plot_trajectories(
            history,
            times=times,
            domain=domain,
            max_people=max_people,
            seed=seed,
            ax=ax,
            time_label=time_label,
            colour_by="initial",
        )
        ax.set_title(title)
    return fig


def plot_distribution_examples(examples: dict[str, Sequence[float]], *, bins: int = 40) -> Figure:
    """Draw opinion histograms side by side with their key measures in the titles.

    Each title gives the number of clusters, the bimodality coefficient (BC) and the Esteban–Ray
    polarisation (ER), so learners can read the measures against the shapes.

    Args:
        examples: ``{label: opinions}`` (opinions in [0, 1]).
        bins: Histogram bins.
    """
    fig = new_figure((4.0 * len(examples), 3.2))
    axes = fig.subplots(1, len(examples), squeeze=False)[0]
    for (label, x), ax in zip(examples.items(), axes, strict=True):
        x = np.asarray(x, dtype=float)
        ax.hist(x, bins=bins, range=(0, 1), color=OKABE_ITO["blue"], edgecolor="white")
        k = M.count_clusters(x, gap=0.02)
        bc = M.bimodality_coefficient(x)
        er = M.esteban_ray_polarization(x, value_range=(0, 1))
        ax.set_title(f"{label}\nkubu={k}, BC={format_id(bc, 2)}, ER={format_id(er, 2)}")
        ax.set_xlabel("Opini")
        ax.set_ylabel("Jumlah orang")
    return fig
