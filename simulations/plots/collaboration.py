"""Figures of Module 6 (notebook 06): the SYNTHETIC stakeholder network and the response comparison.

Every function returns a :class:`matplotlib.figure.Figure` built without pyplot (see
:mod:`simulations.plots.figure`); pair each figure with its text summary
(:func:`simulations.response.collaboration.summarise_centrality`,
:func:`simulations.response.collaboration.summarise_comparison`). Okabe–Ito colours with a marker
per sector or scenario; Indonesian labels.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from simulations.plots.figure import new_figure
from simulations.plots.interventions import draw_mean_band
from simulations.plots.style import OKABE_ITO, series_style
from simulations.response.collaboration import COMMUNITIES, SECTORS, stakeholder_network

__all__ = ["SECTOR_STYLE", "plot_ever_by_community", "plot_response_curves", "plot_stakeholders"]

SECTOR_STYLE = {
    "pemerintah": (OKABE_ITO["blue"], "s"),
    "keamanan": (OKABE_ITO["black"], "D"),
    "forum": (OKABE_ITO["orange"], "o"),
    "media": (OKABE_ITO["sky_blue"], "^"),
    "cek_fakta": (OKABE_ITO["bluish_green"], "P"),
    "akademik": (OKABE_ITO["reddish_purple"], "v"),
    "masyarakat": (OKABE_ITO["vermillion"], "X"),
}
"""Sector code → (colour, marker)."""

BRIDGE_COLOUR = OKABE_ITO["vermillion"]
"""Colour of the dashed ties whose loss splits the network (bridges)."""


def plot_stakeholders(g: nx.Graph, *, size_by: str = "betweenness", title: str = "") -> Figure:
    """Draw the stakeholder network: colour and marker by sector, size by betweenness.

    Bridges (ties whose loss splits the network) are drawn dashed in vermillion. Positions come
    from the full network, so a network with a stakeholder removed (or a tie added) is drawn in
    the same place and the gap is visible.

    Args:
        g: The coordination network (:func:`~simulations.response.collaboration.stakeholder_network`).
        size_by: ``"betweenness"`` (marker area grows with betweenness) or anything else (equal).
        title: Figure title; a default Indonesian title when empty.
    """
    full = stakeholder_network()
    pos = nx.kamada_kawai_layout(full) if all(v in full for v in g) else nx.kamada_kawai_layout(g)
    bet = nx.betweenness_centrality(g) if size_by == "betweenness" else dict.fromkeys(g, 0.0)
    bridges = set(nx.bridges(g)) if len(g) > 1 else set()
    fig = new_figure((8, 5.5))
    ax = fig.add_subplot()
    for a, b in g.edges:
        is_bridge = (a, b) in bridges or (b, a) in bridges
        ax.plot(
            *zip(pos[a], pos[b], strict=True),
            color=BRIDGE_COLOUR if is_bridge else OKABE_ITO["grey"],
            linestyle="--" if is_bridge else "-",
            linewidth=2 if is_bridge else 1,
            zorder=1,
        )
    for sector, (colour, marker) in SECTOR_STYLE.items():
        nodes = [v for v in g if g.nodes[v]["sector"] == sector]
        if nodes:
            ax.scatter(
                [pos[v][0] for v in nodes],
                [pos[v][1] for v in nodes],
                s=[150 + 1500 * bet[v] for v in nodes],
                c=colour,
                marker=marker,
                edgecolors="black",
                zorder=2,
                label=SECTORS[sector],
            )
    for v in g:
        ax.annotate(
            g.nodes[v]["label"],
            pos[v],
            xytext=(0, 9),
            textcoords="offset points",
            ha="center",
            fontsize=8,
        )
    handles = [
        Line2D([], [], color=c, marker=m, linestyle="", markeredgecolor="black", label=SECTORS[s])
        for s, (c, m) in SECTOR_STYLE.items()
    ]
    handles.append(
        Line2D([], [], color=BRIDGE_COLOUR, linestyle="--", label="tautan kritis (jembatan)")
    )
    ax.legend(handles=handles, fontsize=7, loc="lower left", bbox_to_anchor=(1.0, 0.0))
    ax.set_title(
        title or "Jaringan koordinasi pemangku kepentingan (SINTETIS); ukuran = keantaraan"
    )
    ax.set_axis_off()
    return fig


def plot_response_curves(curves: pd.DataFrame) -> Figure:
    """Plot the share of believers over time per scenario: mean line and 10–90 % band over replicates.

    Args:
        curves: The second table of :func:`~simulations.response.collaboration.compare_responses`.
    """
    fig = new_figure((7, 3.5))
    ax = fig.add_subplot()
    draw_mean_band(ax, curves, "share_believer", by="scenario", band=(0.1, 0.9))
    ax.set_xlabel("langkah waktu")
    ax.set_ylabel("porsi warga percaya hoaks")
    ax.set_ylim(0, 1)
    ax.set_title("Rata-rata dan rentang 10–90% antar-seed")
    ax.legend(fontsize=8)
    return fig


def plot_ever_by_community(runs: pd.DataFrame) -> Figure:
    """Bar chart: share who ever believed, per community and scenario (mean over replicates).

    Args:
        runs: The first table of :func:`~simulations.response.collaboration.compare_responses`
            (columns ``scenario`` and ``ever_c0`` … ``ever_c5``).
    """
    cols = [c for c in runs.columns if c.startswith("ever_c")]
    means = runs.groupby("scenario", sort=False)[cols].mean()
    fig = new_figure((8, 3.8))
    ax = fig.add_subplot()
    width = 0.8 / len(means)
    x = np.arange(len(cols))
    hatches = ["", "//", "..", "xx", "\\\\"]
    for i, (sc, row) in enumerate(means.iterrows()):
        ax.bar(
            x + i * width,
            row.to_numpy(),
            width,
            label=sc,
            color=series_style(i)["color"],
            edgecolor="black",
            hatch=hatches[i % len(hatches)],
        )
    ax.set_xticks(
        x + width * (len(means) - 1) / 2,
        [COMMUNITIES[int(c[6:])] for c in cols],
        rotation=20,
        ha="right",
        fontsize=8,
    )
    ax.set_ylim(0, 1)
    ax.set_ylabel("porsi pernah percaya")
    ax.set_title("Siapa yang terjangkau hoaks, per komunitas")
    ax.legend(fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.3), ncol=len(means))
    return fig
