"""Resilience as network cohesion: what happens to a community network when key people drop out.

Removing nodes in order of a centrality and tracking the largest connected component and global
efficiency is the classic robustness experiment of Albert, Jeong & Barabási (2000), *Error and
attack tolerance of complex networks*, Nature 406:378–382; global efficiency is from Latora &
Marchiori (2001), *Efficient behavior of small-world networks*, Phys. Rev. Lett. 87:198701.

Strategies (who drops out first):
    * ``"leaders"`` — highest degree (the most-connected community figures, *tokoh*);
    * ``"bridges"`` — most ties to *other* communities (people who link groups), ties broken by
      betweenness centrality; needs the node attribute ``"group"``;
    * ``"betweenness"`` — highest betweenness centrality (computed once on the intact network);
    * ``"random"`` — a seeded random order (the baseline).

Removal is one-shot: the order is computed once on the intact network, as in Albert et al.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd

from simulations.core.errors import ParameterError, check_known
from simulations.core.formatting import format_id, pct_id

__all__ = [
    "STRATEGIES",
    "cohesion",
    "compare_strategies",
    "removal_curve",
    "removal_order",
    "summarise_removal",
]

STRATEGIES = {
    "leaders": "tokoh (ikatan terbanyak)",
    "bridges": "penghubung antarkelompok",
    "betweenness": "perantara (betweenness)",
    "random": "acak",
}


def cohesion(graph: nx.Graph, n_original: int | None = None) -> dict[str, float]:
    """Return the share of people in the largest connected group and the global efficiency.

    Args:
        graph: The (possibly reduced) network.
        n_original: Size of the intact network (the share's denominator); default ``len(graph)``.
    """
    n = n_original or graph.number_of_nodes()
    if graph.number_of_nodes() == 0:
        return {"komponen_terbesar": 0.0, "efisiensi": 0.0}
    largest = max((len(c) for c in nx.connected_components(graph)), default=0)
    eff = nx.global_efficiency(graph) * graph.number_of_nodes() * (graph.number_of_nodes() - 1)
    eff = eff / (n * (n - 1)) if n > 1 else 0.0  # relative to the intact population
    return {"komponen_terbesar": largest / n, "efisiensi": eff}


def removal_order(graph: nx.Graph, strategy: str = "leaders", seed: int | None = None) -> list:
    """Return the nodes in the order the strategy removes them (computed on the intact network)."""
    check_known(strategy, STRATEGIES, "strategy", "Strategi")
    nodes = list(graph.nodes)
    pos = {v: i for i, v in enumerate(nodes)}
    if strategy == "random":
        rng = np.random.default_rng(seed)
        return [nodes[i] for i in rng.permutation(len(nodes))]
    if strategy == "leaders":
        deg = dict(graph.degree())
        return sorted(nodes, key=lambda v: (-deg[v], pos[v]))
    btw = nx.betweenness_centrality(
        graph, seed=seed, k=min(len(nodes), 200) if len(nodes) > 200 else None
    )
    if strategy == "betweenness":
        return sorted(nodes, key=lambda v: (-btw[v], pos[v]))
    groups = nx.get_node_attributes(graph, "group")
    if len(groups) != len(nodes):
        raise ParameterError(
            "strategy 'bridges' needs the node attribute 'group' on every node",
            "Strategi 'penghubung' memerlukan keterangan kelompok (atribut 'group') pada setiap orang.",
            field="strategy",
        )
    cross = {v: sum(groups[u] != groups[v] for u in graph[v]) for v in nodes}
    return sorted(nodes, key=lambda v: (-cross[v], -btw[v], pos[v]))


def removal_curve(
    graph: nx.Graph,
    strategy: str = "leaders",
    fractions: np.ndarray | list[float] | None = None,
    seed: int | None = None,
) -> pd.DataFrame:
    """Remove a growing share of people by ``strategy`` and measure cohesion after each step.

    Args:
        graph: The intact network (undirected).
        strategy: One of :data:`STRATEGIES`.
        fractions: Shares removed, in [0, 1] (default 0, 0.02, …, 0.20).
        seed: Seed for ``"random"`` order and sampled betweenness.

    Returns:
        Columns ``strategi``, ``bagian_dihapus``, ``jumlah_dihapus``, ``komponen_terbesar``,
        ``efisiensi`` (both relative to the intact population).
    """
    fractions = np.linspace(0, 0.2, 11) if fractions is None else np.asarray(fractions, dtype=float)
    if np.any((fractions < 0) | (fractions > 1)):
        raise ParameterError(
            "fractions must lie in [0, 1]",
            "Bagian yang dihapus harus antara 0 dan 1.",
            field="fractions",
        )
    order = removal_order(graph, strategy, seed)
    n = graph.number_of_nodes()
    rows = []
    for f in fractions:
        k = int(round(f * n))
        g = graph.copy()
        g.remove_nodes_from(order[:k])
        rows.append(
            {
                "strategi": strategy,
                "bagian_dihapus": float(f),
                "jumlah_dihapus": k,
                **cohesion(g, n),
            }
        )
    return pd.DataFrame(rows)


def summarise_removal(curves: pd.DataFrame) -> str:
    """Return an Indonesian summary comparing strategies at the largest removal share."""
    last = curves[curves["bagian_dihapus"] == curves["bagian_dihapus"].max()]
    parts = [
        f"{STRATEGIES[r.strategi]}: komponen terbesar {pct_id(r.komponen_terbesar, 0)}, efisiensi {format_id(r.efisiensi, 2)}"
        for r in last.itertuples()
    ]
    base = curves[curves["bagian_dihapus"] == 0].iloc[0]
    return (
        f"Jaringan utuh: komponen terbesar {pct_id(base.komponen_terbesar, 0)}, efisiensi {format_id(base.efisiensi, 2)}. "
        f"Setelah {pct_id(last['bagian_dihapus'].iloc[0], 0)} orang keluar — "
        + "; ".join(parts)
        + "."
    )


def compare_strategies(
    graph: nx.Graph,
    strategies: tuple[str, ...] = ("leaders", "bridges", "random"),
    fractions: np.ndarray | list[float] | None = None,
    seed: int | None = None,
) -> pd.DataFrame:
    """Run :func:`removal_curve` for several strategies and stack the results."""
    return pd.concat(
        [removal_curve(graph, s, fractions, seed) for s in strategies], ignore_index=True
    )
