"""Network cohesion under removal of leaders, bridges or random people."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest

from simulations.analysis import cohesion
from simulations.core.errors import ParameterError
from simulations.core.networks import community_network


def test_star_loses_everything_when_its_leader_leaves():
    g = nx.star_graph(10)  # centre 0 with 10 leaves
    curve = cohesion.removal_curve(g, "leaders", fractions=[0, 1 / 11])
    assert curve["komponen_terbesar"].tolist() == pytest.approx([1.0, 1 / 11])
    assert curve["efisiensi"].iloc[1] == 0.0


def test_bridge_between_two_cliques_is_removed_first():
    g = nx.barbell_graph(5, 1)  # two 5-cliques joined through node 5
    nx.set_node_attributes(g, {v: 0 if v < 5 else (1 if v > 5 else 0) for v in g}, "group")
    order = cohesion.removal_order(g, "bridges")
    assert order[0] in (4, 5, 6)
    assert cohesion.removal_order(g, "betweenness")[0] == 5


def test_targeted_removal_hurts_a_community_network_more_than_random():
    g = community_network(n=240, k=4, mean_degree=6.0, homophily=0.95, seed=3)
    frames = {
        s: cohesion.removal_curve(g, s, fractions=[0, 0.15], seed=3) for s in ("leaders", "random")
    }
    assert frames["leaders"]["efisiensi"].iloc[-1] < frames["random"]["efisiensi"].iloc[-1]
    text = cohesion.summarise_removal(pd.concat(frames.values()))
    assert "Jaringan utuh" in text


def test_bad_strategy_and_fractions():
    g = nx.path_graph(4)
    with pytest.raises(ParameterError):
        cohesion.removal_order(g, "mayor")
    with pytest.raises(ParameterError):
        cohesion.removal_order(g, "bridges")  # no 'group' attribute
    with pytest.raises(ParameterError):
        cohesion.removal_curve(g, "random", fractions=[1.5])
