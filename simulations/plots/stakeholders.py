"""Figure of the stakeholder map participants edit for their own region (Module 6, notebook 06).

Colour and marker = sector, size = betweenness, red outline = articulation point; the measures
come from :func:`simulations.response.stakeholders.brokerage`. Pair the figure with
:func:`simulations.response.stakeholders.summarise_brokerage`.
"""

from __future__ import annotations

from typing import Any

import networkx as nx
import pandas as pd

from simulations.response.stakeholders import SECTORS, brokerage

__all__ = ["plot_map"]

_SECTOR_STYLE = {
    "pemerintah": ("#0072B2", "s"),
    "keamanan": ("#D55E00", "D"),
    "forum": ("#009E73", "o"),
    "media": ("#CC79A7", "^"),
    "cek_fakta": ("#E69F00", "v"),
    "akademik": ("#56B4E9", "p"),
    "masyarakat": ("#F0E442", "h"),
}


def plot_map(
    g: nx.Graph, table: pd.DataFrame | None = None, *, title: str = "", seed: int = 7
) -> Any:
    """Draw the map: colour and marker = sector, size = betweenness, red outline = articulation point.

    Args:
        g: From :func:`build_map`.
        table: From :func:`brokerage` (computed when None).
        title: Figure title; a default names the map SINTETIS when it is the default map.
        seed: Layout seed (the same map is drawn the same way).

    Returns:
        The matplotlib figure.
    """
    import matplotlib.pyplot as plt

    table = brokerage(g) if table is None else table
    fig, ax = plt.subplots(figsize=(8, 6))
    pos = nx.spring_layout(g, seed=seed)
    nx.draw_networkx_edges(g, pos, ax=ax, edge_color="#999999", width=1.2)
    seen = set()
    for n, data in g.nodes(data=True):
        sector = data.get("sector", "lainnya")
        color, marker = _SECTOR_STYLE.get(sector, ("#999999", "o"))
        size = 250 + 2500 * float(table.loc[n, "keantaraan"])
        label = SECTORS.get(sector, sector) if sector not in seen else None
        seen.add(sector)
        ax.scatter(
            *pos[n],
            s=size,
            c=color,
            marker=marker,
            edgecolors="#C00000" if table.loc[n, "titik_putus"] else "black",
            linewidths=3 if table.loc[n, "titik_putus"] else 0.8,
            label=label,
            zorder=3,
        )
        ax.annotate(
            data.get("label", n),
            pos[n],
            fontsize=8,
            ha="center",
            va="bottom",
            xytext=(0, 9),
            textcoords="offset points",
        )
    default = (
        "Peta pemangku kepentingan (SINTETIS)"
        if g.graph.get("synthetic")
        else "Peta pemangku kepentingan"
    )
    ax.set_title(title or f"{default}: ukuran = keantaraan; garis merah = titik putus", fontsize=10)
    ax.legend(loc="lower left", fontsize=7, markerscale=0.5, frameon=False)
    ax.set_axis_off()
    fig.tight_layout()
    return fig
