"""Figures for the hoax model: S/B/F curves over time and the network coloured by state.

Every function returns a :class:`matplotlib.figure.Figure` built without pyplot (so nothing is
shown twice in a notebook and nothing needs closing) and never calls ``show``. Colours are
Okabe–Ito with a marker per state (:mod:`simulations.plots.style`); labels are Indonesian
(:data:`simulations.models.hoax.STATE_LABELS_ID`). Pair every figure with
:func:`simulations.analysis.hoax.summarise_hoax` (re-exported here as :func:`summarise_hoax`).

Network drawings reuse a spring layout cached per graph object, so redrawing after a new run on
the same network costs only the drawing. Networks larger than ``max_nodes`` (default 2000) are
drawn as a random sample of people (the figure says so).
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping, Sequence
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp
from matplotlib.axes import Axes
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.path import Path
from scipy.sparse.csgraph import connected_components

from simulations.analysis.hoax import run_hoax, summarise_hoax
from simulations.core.formatting import fmt_id, format_id, pct_id
from simulations.core.networks import GROUP_ATTR
from simulations.models.hoax import STATE_LABELS_ID, State, mean_field
from simulations.plots.figure import new_figure
from simulations.plots.style import HOAX_STATE_COLOURS, HOAX_STATE_MARKERS, OKABE_ITO, series_style

__all__ = [
    "clear_layout_cache",
    "community_start",
    "fruchterman_reingold",
    "meanfield_for",
    "network_layout",
    "plot_hoax_curves",
    "plot_hoax_dashboard",
    "plot_hoax_network",
    "plot_hoax_counts",
    "plot_hoax_small_multiples",
    "plot_threshold_sweep",
    "run_hoax",
    "summarise_hoax",
]

STATE_COLUMNS = {
    State.SUSCEPTIBLE: "share_susceptible",
    State.BELIEVER: "share_believer",
    State.FACT_CHECKER: "share_fact_checker",
}
"""Share column of each state in the model's results."""

MAX_DRAWN_NODES = 2000
"""Above this many people the network drawing shows a random sample."""


def _figure(figsize: tuple[float, float]) -> Figure:
    return new_figure(figsize)


def _markevery(steps: int) -> int:
    return max(1, steps // 10)


def _draw_curves(
    ax: Axes,
    df: pd.DataFrame,
    *,
    meanfield: pd.DataFrame | None = None,
    runs: pd.DataFrame | None = None,
    band: tuple[float, float] = (0.1, 0.9),
    legend: bool = True,
) -> None:
    steps = int(df["step"].iloc[-1]) if len(df) else 0
    every = _markevery(steps)
    for state, col in STATE_COLUMNS.items():
        colour = HOAX_STATE_COLOURS[int(state)]
        if runs is not None and len(runs):
            grouped = runs.groupby("step")[col]
            lo, hi = grouped.quantile(band[0]), grouped.quantile(band[1])
            ax.fill_between(
                lo.index, lo.to_numpy(), hi.to_numpy(), color=colour, alpha=0.2, linewidth=0
            )
        ax.plot(
            df["step"],
            df[col],
            color=colour,
            marker=HOAX_STATE_MARKERS[int(state)],
            markevery=every,
            markersize=5,
            linewidth=2,
            label=STATE_LABELS_ID[state],
        )
        if meanfield is not None:
            ax.plot(meanfield["step"], meanfield[col], color=colour, linestyle="--", linewidth=1.2)
    ax.set_xlabel("Langkah waktu")
    ax.set_ylabel("Bagian populasi")
    ax.set_ylim(-0.02, 1.02)
    ax.yaxis.set_major_formatter(lambda y, _pos: pct_id(y, 0))
    if legend:
        handles, labels = ax.get_legend_handles_labels()
        if meanfield is not None:
            handles.append(Line2D([], [], color=OKABE_ITO["black"], linestyle="--", linewidth=1.2))
            labels.append("Teori (medan rata-rata)")
        if runs is not None and len(runs):
            from matplotlib.patches import Patch

            handles.append(Patch(color=OKABE_ITO["grey"], alpha=0.3))
            labels.append(f"Rentang {int(100 * band[0])}–{int(100 * band[1])}% antar-seed")
        ax.legend(handles, labels, loc="best", fontsize=9, framealpha=0.9)


def meanfield_for(df: pd.DataFrame, params: Mapping[str, Any]) -> pd.DataFrame:
    """Return the mean-field trajectory matching a run (same parameters, initial shares, steps)."""
    keys = ("beta", "alpha", "p_verify", "p_forget")
    total = float(df.loc[0, ["susceptible", "believer", "fact_checker"]].sum())
    return mean_field(
        int(df["step"].iloc[-1]),
        **{k: params[k] for k in keys if k in params},
        believers0=float(df.loc[0, "believer"]) / total,
        fact_checkers0=float(df.loc[0, "fact_checker"]) / total,
    )


def plot_hoax_curves(
    df: pd.DataFrame,
    params: Mapping[str, Any] | None = None,
    *,
    meanfield: bool = False,
    runs: pd.DataFrame | None = None,
    title: str | None = None,
    figsize: tuple[float, float] = (7.0, 4.0),
) -> Figure:
    """Plot the shares of Belum tahu / Percaya hoaks / Pemeriksa fakta over time.

    Args:
        df: Results of one run (:func:`run_hoax` or :meth:`HoaxModel.run`).
        params: The hoax parameters of the run (needed for ``meanfield=True``).
        meanfield: Overlay the mean-field trajectory (dashed) with the same parameters and
            initial shares.
        runs: Optional long DataFrame over several seeds (:func:`~simulations.analysis.hoax.run_hoax_seeds`);
            draws the 10–90% band per state.
        title: Figure title.
        figsize: Size in inches.

    Returns:
        The Figure.
    """
    fig = _figure(figsize)
    ax = fig.add_subplot()
    mf = meanfield_for(df, dict(params or {})) if meanfield else None
    _draw_curves(ax, df, meanfield=mf, runs=runs)
    ax.set_title(title or "Penyebaran hoaks dan klarifikasinya")
    return fig


# ---------------------------------------------------------------------- network drawing
_LAYOUTS: weakref.WeakKeyDictionary[nx.Graph, dict[str, Any]] = weakref.WeakKeyDictionary()


def clear_layout_cache() -> None:
    """Forget every cached network drawing (benchmarks use it to time a first draw)."""
    _LAYOUTS.clear()


REPULSION_BLOCK = 256
"""Rows of the all-pairs repulsion computed at once in :func:`fruchterman_reingold`."""


def fruchterman_reingold(
    edges: np.ndarray,
    n: int,
    *,
    seed: int = 0,
    iterations: int = 40,
    pos: np.ndarray | None = None,
    temperature: float = 0.1,
) -> np.ndarray:
    """Return 2-D positions by the Fruchterman–Reingold spring model (dense, float32, vectorised).

    The same force model as :func:`networkx.spring_layout` (Fruchterman & Reingold 1991, *Softw.
    Pract. Exper.* 21:1129): every pair of people repels with force ``k²/d``, every tie attracts
    with ``d²/k`` (``k = √(1/n)``), and each step moves a person at most ``temperature``, which
    cools linearly to zero. Written for speed on the networks drawn in class (≤ 2,000 people):
    the all-pairs repulsion is computed in preallocated float32 ``(n, n)`` buffers and the
    attraction only along the ties, so 30 steps on 1,000 people take about 0.07 s of CPU where
    networkx's sparse variant takes seconds.

    Args:
        edges: ``(e, 2)`` integer array of ties between positions ``0 … n-1``.
        n: Number of nodes.
        seed: Seed of the initial random positions (when ``pos`` is None).
        iterations: Cooling steps.
        pos: Optional ``(n, 2)`` starting positions (e.g. :func:`community_start`); a good start
            needs fewer steps and a lower ``temperature``.
        temperature: Largest move in the first step, in the units of the unit square.

    Returns:
        ``(n, 2)`` float array of positions (roughly the unit square).
    """
    if pos is None:
        pos = np.random.default_rng(seed).random((n, 2), dtype=np.float32)
    xy = np.array(pos, dtype=np.float32).reshape(n, 2)
    if n <= 1:
        return xy.astype(float)
    k = np.float32(np.sqrt(1.0 / n))  # optimal distance between nodes
    k2 = k * k
    u = edges[:, 0] if len(edges) else np.empty(0, dtype=np.int64)
    v = edges[:, 1] if len(edges) else np.empty(0, dtype=np.int64)
    # Repulsion is computed for blocks of rows, so the (block, n) buffers stay in the CPU cache.
    block = min(n, REPULSION_BLOCK)
    dx = np.empty((block, n), dtype=np.float32)
    dy = np.empty_like(dx)
    d2 = np.empty_like(dx)
    tmp = np.empty_like(dx)
    min_d2 = np.float32(0.01**2)  # closer than 0.01 counts as 0.01 (as networkx does)
    disp = np.empty((n, 2), dtype=np.float32)
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        x, y = xy[:, 0], xy[:, 1]
        for first in range(0, n, block):
            last = min(first + block, n)
            rows = last - first
            bx, by, bd, bt = dx[:rows], dy[:rows], d2[:rows], tmp[:rows]
            np.subtract.outer(x[first:last], x, out=bx)
            np.subtract.outer(y[first:last], y, out=by)
            np.multiply(bx, bx, out=bd)
            np.multiply(by, by, out=bt)
            np.add(bd, bt, out=bd)
            np.maximum(bd, min_d2, out=bd)
            np.divide(k2, bd, out=bd)  # repulsion k²/d along the unit vector = k²·(dx, dy)/d²
            disp[first:last, 0] = np.einsum("ij,ij->i", bx, bd)
            disp[first:last, 1] = np.einsum("ij,ij->i", by, bd)
        if len(u):
            delta = xy[u] - xy[v]
            pull = delta * (np.sqrt(np.einsum("ij,ij->i", delta, delta)) / k)[:, None]
            for axis in (0, 1):
                disp[:, axis] -= np.bincount(u, pull[:, axis], n).astype(np.float32)
                disp[:, axis] += np.bincount(v, pull[:, axis], n).astype(np.float32)
        length = np.maximum(np.sqrt(np.einsum("ij,ij->i", disp, disp)), np.float32(0.01))
        xy += disp * (np.float32(temperature) / length)[:, None]
        temperature -= cooling
    return xy.astype(float)


def community_start(groups: np.ndarray, *, seed: int = 0) -> np.ndarray:
    """Return starting positions with each community in its own disc around a circle.

    Used before :func:`fruchterman_reingold` for networks with a ``"group"`` node attribute
    (:func:`simulations.core.networks.community_network`): the spring steps then only need to
    tidy each community instead of untangling them from a random start.

    Args:
        groups: Community label per node (any hashable values).
        seed: Seed of the positions inside each disc.

    Returns:
        ``(n, 2)`` float32 positions in the unit square.
    """
    labels, inverse, sizes = np.unique(groups, return_inverse=True, return_counts=True)
    n, k = len(inverse), len(labels)
    rng = np.random.default_rng(seed)
    angle = 2 * np.pi * np.arange(k) / k + np.pi / 2
    ring = 0.3 if k > 1 else 0.0
    centres = 0.5 + ring * np.column_stack([np.cos(angle), np.sin(angle)])
    # Disc area proportional to the community's size; all discs fit between neighbours.
    radius = 0.5 * np.sqrt(sizes / n) * min(1.0, 2 * np.sin(np.pi / max(k, 2)) * 0.9)
    theta = rng.uniform(0, 2 * np.pi, n)
    r = radius[inverse] * np.sqrt(rng.uniform(0, 1, n))
    xy = centres[inverse] + np.column_stack([r * np.cos(theta), r * np.sin(theta)])
    return xy.astype(np.float32)


LAYOUT_ITERATIONS = 30
"""Spring steps from a random start (networks without communities)."""

COMMUNITY_LAYOUT_ITERATIONS = 20
"""Spring steps from :func:`community_start` (networks with a ``"group"`` attribute)."""

COMMUNITY_LAYOUT_TEMPERATURE = 0.03
"""Largest first move from :func:`community_start` (gentle: the communities are already apart)."""


def network_layout(
    graph: nx.Graph, *, max_nodes: int = MAX_DRAWN_NODES, seed: int = 0
) -> dict[str, Any]:
    """Return (and cache per graph object) the drawing of ``graph``: sampled nodes and positions.

    Networks whose nodes carry a ``"group"`` attribute start from their communities placed
    around a circle (:func:`community_start`) and take a few gentle spring steps; others take
    :data:`LAYOUT_ITERATIONS` steps from random positions.

    Args:
        graph: The network.
        max_nodes: Draw at most this many people (a seeded random sample above it).
        seed: Seed of the sample and of the spring layout.

    Returns:
        ``{"index": array of node positions in graph order, "xy": (k, 2) array, "segments":
        (e, 2, 2) array of edge segments, "sampled": bool}``.
    """
    key_size = (graph.number_of_nodes(), graph.number_of_edges(), max_nodes)
    cached = _LAYOUTS.get(graph)
    if cached is not None and cached["key"] == key_size:
        return cached
    nodes = list(graph.nodes)
    n = len(nodes)
    sampled = n > max_nodes
    if sampled:
        rng = np.random.default_rng(seed)
        index = np.sort(rng.choice(n, size=max_nodes, replace=False))
    else:
        index = np.arange(n)
    drawn = [nodes[i] for i in index]
    # Ties as positions in graph order, then renumbered among the drawn people (a networkx
    # subgraph view would filter every tie in Python, which costs more than the layout).
    where = {node: i for i, node in enumerate(nodes)}
    ties = np.fromiter(
        (where[x] for tie in graph.edges() for x in tie),
        dtype=np.int64,
        count=2 * graph.number_of_edges(),
    ).reshape(-1, 2)
    renumber = np.full(n, -1, dtype=np.int64)
    renumber[index] = np.arange(len(index))
    edges = renumber[ties]
    edges = edges[(edges >= 0).all(axis=1)]
    groups = [graph.nodes[node].get(GROUP_ATTR) for node in drawn]
    by_group = len(drawn) > 1 and None not in groups and len(set(groups)) > 1
    if by_group:
        start = community_start(np.asarray(groups), seed=seed)
        xy = fruchterman_reingold(
            edges,
            len(index),
            pos=start,
            iterations=COMMUNITY_LAYOUT_ITERATIONS,
            temperature=COMMUNITY_LAYOUT_TEMPERATURE,
        )
    else:
        xy = fruchterman_reingold(edges, len(index), seed=seed, iterations=LAYOUT_ITERATIONS)
    if sampled:
        # A random sample leaves some people outside the main component of the drawn network;
        # repulsion would push them into a ring far outside. Their position means nothing, so
        # scatter them uniformly over the disc that the main component occupies (over the disc of
        # their own community's connected members, when the network has communities).
        k = len(index)
        links = sp.coo_array((np.ones(len(edges)), (edges[:, 0], edges[:, 1])), shape=(k, k))
        _, labels = connected_components(links, directed=False)
        alone = labels != np.bincount(labels).argmax()
        rng = np.random.default_rng(seed + 1)
        member = np.asarray(groups) if by_group else np.zeros(k, dtype=int)
        for group in np.unique(member):
            mine = member == group
            placed, lost = mine & ~alone, mine & alone
            if not lost.any() or not placed.any():
                continue
            centre = np.median(xy[placed], axis=0)
            radius = np.quantile(np.linalg.norm(xy[placed] - centre, axis=1), 0.9)
            angle = rng.uniform(0, 2 * np.pi, lost.sum())
            dist = radius * np.sqrt(rng.uniform(0, 1, lost.sum()))
            xy[lost] = centre + np.column_stack([dist * np.cos(angle), dist * np.sin(angle)])
    segments = xy[edges] if len(edges) else np.empty((0, 2, 2))
    result = {
        "key": key_size,
        "index": index,
        "xy": xy,
        "segments": segments,
        "sampled": sampled,
        # Built once per graph, so that every redraw reuses them (a Path per tie is the costly part
        # of drawing thousands of ties).
        "edge_paths": [Path(seg, readonly=True) for seg in segments],
        "limits": _padded_limits(xy),
    }
    _LAYOUTS[graph] = result
    return result


def _padded_limits(xy: np.ndarray, margin: float = 0.05) -> tuple[float, float, float, float]:
    """Return ``(xmin, xmax, ymin, ymax)`` of the positions with matplotlib's default margins."""
    if not len(xy):
        return (0.0, 1.0, 0.0, 1.0)
    low, high = xy.min(axis=0), xy.max(axis=0)
    pad = np.maximum((high - low) * margin, 1e-3)
    return (low[0] - pad[0], high[0] + pad[0], low[1] - pad[1], high[1] + pad[1])


def _draw_network(
    ax: Axes,
    graph: nx.Graph,
    states: Sequence[int] | np.ndarray,
    *,
    max_nodes: int = MAX_DRAWN_NODES,
    edges: bool = True,
    legend: bool = True,
) -> str:
    layout = network_layout(graph, max_nodes=max_nodes)
    states = np.asarray(states)[layout["index"]]
    n_drawn = len(layout["index"])
    if edges and len(layout["edge_paths"]):
        # One collection of the cached tie paths, each blended on its own (dense parts look
        # darker); the limits are set below, so the collection's extent is never computed.
        ax.add_collection(
            PathCollection(
                layout["edge_paths"],
                facecolors="none",
                edgecolors=OKABE_ITO["grey"],
                linewidths=0.3,
                alpha=0.35,
                zorder=1,
            ),
            autolim=False,
        )
    size = 18 if n_drawn <= 500 else 8
    for state in State:
        mask = states == int(state)
        # Markers of a marker-only line: drawn by stamping one marker (fast), same look as scatter.
        ax.plot(
            layout["xy"][mask, 0],
            layout["xy"][mask, 1],
            linestyle="none",
            marker=HOAX_STATE_MARKERS[int(state)],
            markersize=np.sqrt(size),
            markerfacecolor=HOAX_STATE_COLOURS[int(state)],
            markeredgewidth=0,
            color=HOAX_STATE_COLOURS[int(state)],
            label=f"{STATE_LABELS_ID[state]} ({int(mask.sum())})",
            zorder=2 + int(state),
        )
    xmin, xmax, ymin, ymax = layout["limits"]
    ax.set_xlim(xmin, xmax)
    ax.set_ylim(ymin, ymax)
    ax.set_aspect("equal")
    ax.set_axis_off()
    if legend:
        ax.legend(
            loc="lower center",
            bbox_to_anchor=(0.5, -0.12),
            ncol=3,
            fontsize=8,
            frameon=False,
            markerscale=1.5,
        )
    return _network_note(graph, max_nodes=max_nodes, edges=edges)


def _network_note(graph: nx.Graph, *, max_nodes: int, edges: bool) -> str:
    """Return the note under a network's title (sample drawn, ties not drawn), or ``""``."""
    note = ""
    n = graph.number_of_nodes()
    if n > max_nodes:
        note = f"contoh acak {max_nodes} dari {n} orang"
    if not edges:
        note = (note + "; " if note else "") + "ikatan tidak digambar"
    return note


def plot_hoax_network(
    graph: nx.Graph,
    states: Sequence[int] | np.ndarray,
    *,
    max_nodes: int = MAX_DRAWN_NODES,
    edges: bool = True,
    title: str | None = None,
    figsize: tuple[float, float] = (5.0, 5.0),
) -> Figure:
    """Draw the network with every person coloured (and shaped) by state.

    Args:
        graph: The network (e.g. ``model.graph``).
        states: State value per node in graph order (e.g. ``model.state``).
        max_nodes: Above this many people a seeded random sample is drawn (the title says so).
        edges: Draw the ties (False is faster for large networks; the title says so).
        title: Figure title.
        figsize: Size in inches.
    """
    fig = _figure(figsize)
    ax = fig.add_subplot()
    note = _draw_network(ax, graph, states, max_nodes=max_nodes, edges=edges)
    base = title or "Jaringan menurut keadaan di akhir simulasi"
    ax.set_title(f"{base}\n({note})" if note else base, fontsize=11)
    return fig


DASHBOARD_MARGINS = {
    "left": 0.75,
    "curves_right": 5.8,
    "network_left": 6.1,
    "right": 0.05,
    "bottom": 0.5,
    "top": 0.3,
    "title_line": 0.2,
}
"""Fixed placement of the panels of :func:`plot_hoax_dashboard`, in inches: margins ``left``
(tick and axis labels), ``bottom`` (axis label; the network's legend), ``top`` (titles), ``right``;
the curves end at ``curves_right`` and the network's area starts at ``network_left`` (both
measured from the left edge, for the default width of 11 inches; scaled for other widths).
``title_line`` is added to the top margin when the network's title has a second line."""


def plot_hoax_dashboard(
    df: pd.DataFrame,
    model: Any,
    params: Mapping[str, Any] | None = None,
    *,
    meanfield: bool = True,
    runs: pd.DataFrame | None = None,
    max_nodes: int = MAX_DRAWN_NODES,
    edges: bool = True,
    figsize: tuple[float, float] = (11.0, 4.2),
) -> Figure:
    """Curves over time (left) and the network coloured by final state (right), in one figure.

    Args:
        df: Results of the run.
        model: The model of the run (reads ``model.graph`` and ``model.state``).
        params: Hoax parameters (for the mean-field overlay).
        meanfield: Overlay the mean-field trajectory.
        runs: Optional runs over several seeds for bands.
        max_nodes: Sample size limit for the network drawing.
        edges: Draw the ties (among the drawn people).
        figsize: Size in inches.
    """
    # A fixed layout (margins in inches) instead of the constrained layout engine: the panels
    # never change shape between runs, and the engine's text measuring cost more than the rest
    # of the drawing.
    fig = new_figure(figsize, layout=None)
    width, height = figsize
    m = DASHBOARD_MARGINS
    scale = width / 11.0
    note = _network_note(model.graph, max_nodes=max_nodes, edges=edges)
    top = m["top"] + (m["title_line"] if note else 0.0)
    bottom, panel_height = m["bottom"] / height, (height - m["bottom"] - top) / height
    ax_curves = fig.add_axes(
        (m["left"] / width, bottom, (m["curves_right"] * scale - m["left"]) / width, panel_height)
    )
    net_left = m["network_left"] * scale / width
    ax_net = fig.add_axes((net_left, bottom, 1 - m["right"] / width - net_left, panel_height))
    params = dict(params or getattr(model, "parameters", {}) or {})
    mf = meanfield_for(df, params) if meanfield else None
    _draw_curves(ax_curves, df, meanfield=mf, runs=runs)
    # An explicit y skips matplotlib's search for ticks above the axes (there are none).
    ax_curves.set_title("Penyebaran dari waktu ke waktu", fontsize=11, y=1.0)
    _draw_network(ax_net, model.graph, model.state, max_nodes=max_nodes, edges=edges)
    last_step = int(df["step"].iloc[-1])
    title = f"Jaringan pada langkah {last_step}"
    ax_net.set_title(f"{title}\n({note})" if note else title, fontsize=11, y=1.0)
    return fig


def plot_hoax_small_multiples(
    results: Mapping[Any, pd.DataFrame],
    *,
    parameter_label: str,
    ncols: int | None = None,
    figsize_per_panel: tuple[float, float] = (3.2, 2.8),
) -> Figure:
    """Small multiples: one panel of S/B/F curves per value of one parameter.

    Args:
        results: ``{parameter value: results DataFrame}``, in display order.
        parameter_label: Indonesian name of the parameter, used in panel titles
            (e.g. ``"Kredibilitas α"``).
        ncols: Panels per row (default: all in one row, up to 4).
        figsize_per_panel: Size of one panel in inches.
    """
    k = len(results)
    ncols = ncols or min(k, 4)
    nrows = int(np.ceil(k / ncols))
    fig = _figure((figsize_per_panel[0] * ncols, figsize_per_panel[1] * nrows + 0.4))
    axes = np.atleast_1d(fig.subplots(nrows, ncols, sharex=True, sharey=True)).ravel()
    for i, (ax, (value, df)) in enumerate(zip(axes, results.items(), strict=False)):
        _draw_curves(ax, df, legend=False)
        shown = fmt_id(value) if isinstance(value, float) else str(value)
        peak = df["share_believer"].max()
        ax.set_title(f"{parameter_label} = {shown}\npuncak percaya: {pct_id(peak, 0)}", fontsize=10)
        if i % ncols:
            ax.set_ylabel("")
        if i < (nrows - 1) * ncols:
            ax.set_xlabel("")
    for ax in axes[k:]:
        ax.set_axis_off()
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncol=3, fontsize=9, frameon=False)
    return fig


def plot_threshold_sweep(
    sweep: pd.DataFrame, *, figsize: tuple[float, float] = (7.0, 4.0)
) -> Figure:
    """Plot the long-run share of believers against ``p_verify``, one line per β, with the threshold.

    Args:
        sweep: Output of :func:`simulations.analysis.hoax.threshold_sweep`.
        figsize: Size in inches.
    """
    fig = _figure(figsize)
    ax = fig.add_subplot()
    summary = (
        sweep.groupby(["beta", "p_verify"])["final_share_believer"]
        .agg(["mean", "min", "max"])
        .reset_index()
    )
    for i, (beta, part) in enumerate(summary.groupby("beta")):
        style = series_style(i)
        ax.plot(part["p_verify"], part["mean"], linewidth=2, label=f"β = {fmt_id(beta)}", **style)
        ax.fill_between(
            part["p_verify"],
            part["min"],
            part["max"],
            color=style["color"],
            alpha=0.15,
            linewidth=0,
        )
        if "meanfield_share_believer" in sweep:
            mf = (
                sweep[sweep["beta"] == beta].groupby("p_verify")["meanfield_share_believer"].first()
            )
            ax.plot(mf.index, mf.to_numpy(), color=style["color"], linestyle="--", linewidth=1.2)
    threshold = float(sweep["threshold"].iloc[0])
    if np.isfinite(threshold):
        ax.axvline(threshold, color=OKABE_ITO["black"], linestyle="--", linewidth=1.2)
        ax.annotate(
            f"ambang teori\n= {fmt_id(threshold, 3)}",
            xy=(threshold, 0.98),
            xycoords=("data", "axes fraction"),
            xytext=(4, -4),
            textcoords="offset points",
            va="top",
            fontsize=9,
        )
    ax.set_xlabel("Peluang verifikasi per langkah (p_verify)")
    ax.set_ylabel("Bagian yang percaya hoaks\n(rata-rata akhir simulasi)")
    ax.yaxis.set_major_formatter(lambda y, _pos: pct_id(y, 0))
    ax.set_ylim(bottom=0)
    handles, labels = ax.get_legend_handles_labels()
    if "meanfield_share_believer" in sweep:
        handles.append(Line2D([], [], color=OKABE_ITO["black"], linestyle="--", linewidth=1.2))
        labels.append("Teori (medan rata-rata)")
    ax.legend(handles, labels, fontsize=9)
    ax.set_title("Ambang pemberantasan: simulasi (garis) vs teori (putus-putus)", fontsize=11)
    return fig


def plot_hoax_counts(
    table: pd.DataFrame,
    *,
    label: str = "kategori",
    value: str = "jumlah",
    title: str,
    source: str,
    xlabel: str = "Jumlah konten hoaks",
    figsize: tuple[float, float] = (7.0, 4.5),
) -> Figure:
    """Horizontal bar chart of real hoax counts by category, largest on top, with the source.

    Args:
        table: One row per category, with columns ``label`` and ``value`` (totals are dropped).
        label, value: Column names.
        title: Figure title (say the period).
        source: Source line printed under the figure (every real figure names its source).
        xlabel: Axis label.
        figsize: Size in inches.
    """
    data = table[table[label].str.upper() != "TOTAL"].sort_values(value)
    fig = _figure(figsize)
    ax = fig.add_subplot()
    bars = ax.barh(data[label], data[value], color=OKABE_ITO["blue"])
    ax.bar_label(bars, labels=[format_id(v, 0) for v in data[value]], padding=3, fontsize=8)
    ax.set_xlabel(xlabel)
    ax.set_title(title, fontsize=11)
    ax.grid(axis="y", visible=False)
    ax.margins(x=0.12)
    ax.xaxis.set_major_formatter(lambda x, _pos: format_id(x, 0))
    fig.text(0.01, 0.005, f"Sumber: {source}", fontsize=7, ha="left", va="bottom", wrap=True)
    fig.get_layout_engine().set(h_pad=0.15)
    return fig
