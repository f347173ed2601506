"""The models' Mesa space is Mesa's own Network, built and changed through its public API only.

(Before, a subclass overrode Mesa's private ``Network._connect_cells`` and filled ``_cells`` and
``Cell.connections`` itself, and this file checked those internals; that was a reason for the
``mesa<3.4`` pin. Now these tests check behaviour that any Mesa version must keep.)
"""

from __future__ import annotations

import sys

import mesa
import networkx as nx
import pytest
from mesa.discrete_space import Network

from simulations.models.hoax import HoaxModel
from simulations.models.opinion import DeffuantModel


def test_mesa_version_is_the_pinned_one():
    # The pin's remaining reason: Mesa >= 3.4 needs Python >= 3.12 and Binder runs Python 3.11
    # (see the comment beside the pin in pyproject.toml).
    major, minor = (int(x) for x in mesa.__version__.split(".")[:2])
    if sys.version_info < (3, 12):
        assert (major, minor) == (3, 3), f"Mesa {mesa.__version__} on Python 3.11"


@pytest.mark.parametrize("graph", [nx.karate_club_graph(), nx.relabel_nodes(nx.path_graph(6), str)])
def test_the_space_is_mesas_network_of_the_models_graph(graph):
    model = HoaxModel(graph, initial_believers=2, seed=1)
    assert type(model.grid) is Network
    assert model.grid.G is model.graph
    assert {cell.coordinate for cell in model.grid.all_cells} == set(graph.nodes)
    for person in model.people:
        node = model.nodes[person.index]
        assert person.cell.coordinate == node
        seen = {other.index for other in person.cell.neighborhood.agents}
        assert seen == {model.index_of(v) for v in graph.neighbors(node)}
        assert set(person.cell.connections) == set(graph.neighbors(node))


def test_agents_meet_their_network_neighbours_in_csr_order():
    graph = nx.karate_club_graph()
    model = DeffuantModel(graph, seed=1)
    for person in model.people:
        partners = [p.index for p in person.partners()]
        row = model.adjacency.indices[
            model.adjacency.indptr[person.index] : model.adjacency.indptr[person.index + 1]
        ]
        assert partners == row.tolist()
        assert set(partners) == {a.index for a in person.cell.neighborhood.agents}


def test_complete_mixing_has_no_space_and_no_cells():
    model = DeffuantModel(network="complete", n=12, seed=1)
    assert model.grid is None and model.graph is None
    assert all(person.cell is None for person in model.people)
    assert [p.index for p in model.people[3].partners()] == [4, 5, 6, 7, 8, 9, 10, 11, 0, 1, 2]
