"""The Mesa-private internals that simulations.core.space.CSRNetwork relies on (mesa<3.4 pin).

If a Mesa release changes any of them these tests fail, naming what changed, before a model
silently loses its ties.
"""

from __future__ import annotations

import inspect
import random

import mesa
import networkx as nx
import pytest
from mesa.discrete_space import Cell, Network

from simulations.core.networks import to_csr
from simulations.core.space import CSRNetwork
from simulations.models.hoax import HoaxModel


def test_mesa_version_is_the_pinned_one():
    major, minor = (int(x) for x in mesa.__version__.split(".")[:2])
    assert (major, minor) == (3, 3), (
        f"Mesa {mesa.__version__}: re-check the private overrides in simulations/core/space.py "
        "before moving the mesa<3.4 pin"
    )


def test_network_init_fills_private_cells_then_calls_the_connect_hook():
    source = inspect.getsource(Network.__init__)
    assert "self._cells[node_id]" in source, "Network.__init__ no longer fills self._cells"
    assert "self._connect_cells()" in source, "Network.__init__ no longer calls _connect_cells"
    assert callable(getattr(Network, "_connect_cells", None))


def test_cell_connections_is_a_dict_keyed_by_neighbour_coordinate():
    a, b = Cell(0, random=random.Random(0)), Cell(1, random=random.Random(0))
    a.connect(b, 1)
    assert a.connections == {1: b}
    assert "connections" in Cell.__slots__ or isinstance(a.connections, dict)


@pytest.mark.parametrize("graph", [nx.karate_club_graph(), nx.relabel_nodes(nx.path_graph(6), str)])
def test_csr_network_has_exactly_the_cells_and_ties_of_mesas_network(graph):
    adjacency, nodes = to_csr(graph)
    ours = CSRNetwork(graph, adjacency, nodes, capacity=1, random=random.Random(0))
    mesas = Network(graph, capacity=1, random=random.Random(0))
    assert set(ours._cells) == set(mesas._cells) == set(graph.nodes)
    for node in graph.nodes:
        got = ours._cells[node].connections
        want = mesas._cells[node].connections
        assert set(got) == set(want), node
        assert all(got[k].coordinate == k for k in got)
    assert [c.coordinate for c in ours.cells_in_order()] == nodes


def test_agents_see_their_network_neighbours_through_mesa():
    graph = nx.karate_club_graph()
    model = HoaxModel(graph, seed=1)
    for person in model.people[:10]:
        seen = {other.index for other in person.cell.neighborhood.agents}
        want = {model.index_of(v) for v in graph.neighbors(model.nodes[person.index])}
        assert seen == want
