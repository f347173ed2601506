"""Network builders and the CSV edge-list loader: shapes, seeds and clear errors."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from simulations.core.errors import DataError, NetworkError, SimulationInputError
from simulations.core.networks import (
    NETWORKS,
    build_network,
    community_network,
    load_edgelist_csv,
    random_network,
    scale_free,
    small_world,
    to_csr,
)


@pytest.mark.parametrize("kind", list(NETWORKS))
def test_builders_are_seeded_and_sized(kind):
    a = build_network(kind, n=120, seed=7)
    b = build_network(kind, n=120, seed=7)
    assert a.number_of_nodes() == 120
    assert sorted(a.edges()) == sorted(b.edges())
    assert NETWORKS[kind].description  # Indonesian one-liner for the widgets


def test_community_network_homophily_is_the_share_of_inside_ties():
    g = community_network(n=2000, k=4, mean_degree=10, homophily=0.8, seed=1)
    inside = sum(g.nodes[u]["group"] == g.nodes[v]["group"] for u, v in g.edges())
    share = inside / g.number_of_edges()
    # ~10,000 edges: binomial sd of the share ≈ sqrt(.8·.2/1e4) = 0.004; allow 5 sd.
    assert share == pytest.approx(0.8, abs=0.02)
    assert 2 * g.number_of_edges() / 2000 == pytest.approx(10, rel=0.05)
    assert {g.nodes[i]["group"] for i in g} == {0, 1, 2, 3}


def test_community_network_with_explicit_sizes():
    g = community_network([10, 20, 30], mean_degree=4, homophily=1.0, seed=3)
    assert g.number_of_nodes() == 60
    assert all(g.nodes[u]["group"] == g.nodes[v]["group"] for u, v in g.edges())


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: scale_free(-5), "n"),
        (lambda: scale_free(0), "n"),
        (lambda: scale_free(10, m=10), "m"),
        (lambda: small_world(10, k=20), "k"),
        (lambda: small_world(10, p=1.5), "p"),
        (lambda: random_network(10, mean_degree=50), "mean_degree"),
        (lambda: community_network(n=100, homophily=1.5), "homophily"),
        (lambda: community_network(n=100, homophily=-0.1), "homophily"),
        (lambda: community_network([10, -3]), "sizes[1]"),
        (lambda: community_network(n=5, k=10), "k"),
        (lambda: community_network(n=20, k=2, mean_degree=15, homophily=1.0), "mean_degree"),
        (lambda: build_network("hexagonal", n=10), "kind"),
        (lambda: build_network("scale_free", n=10, m=99), "m"),
    ],
)
def test_bad_builder_input_names_the_argument(call, field):
    with pytest.raises(SimulationInputError) as info:
        call()
    assert info.value.field == field
    assert field.split("[")[0] in str(info.value)
    assert info.value.pesan and info.value.pesan != str(info.value)  # Indonesian message too


def test_to_csr_is_symmetric_binary_and_rejects_empty():
    g = nx.Graph([(0, 1), (1, 2), (2, 2)])
    adj, nodes = to_csr(g)
    assert nodes == [0, 1, 2]
    dense = adj.toarray()
    assert np.array_equal(dense, dense.T)
    assert dense.sum() == 4 and dense[2, 2] == 0  # self-loop ignored
    assert adj.indices.dtype == np.int32
    with pytest.raises(NetworkError):
        to_csr(nx.Graph())


def _write(tmp_path, text, name="jaringan.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_load_edgelist_csv_reads_labels(tmp_path):
    path = _write(tmp_path, "source,target,weight\nani,budi,1\nbudi,citra,2\n")
    g = load_edgelist_csv(path)
    assert set(g.nodes) == {"ani", "budi", "citra"}
    assert g.number_of_edges() == 2


@pytest.mark.parametrize(
    ("text", "row", "column", "words"),
    [
        ("from,target\na,b\n", None, "source", "missing"),
        ("source,to\na,b\n", None, "target", "missing"),
        ("source,target\na,b\nc,\n", 2, "target", "empty"),
        ("source,target\na,b\n,c\n", 2, "source", "empty"),
        ("source,target\na,b\nc,c\n", 2, "target", "self-loop"),
        ("source,target\na,b\nc,d\nb,a\n", 3, "target", "duplicate"),
    ],
)
def test_load_edgelist_csv_errors_name_file_row_column(tmp_path, text, row, column, words):
    path = _write(tmp_path, text)
    with pytest.raises(DataError) as info:
        load_edgelist_csv(path)
    err = info.value
    assert err.file == "jaringan.csv" and err.row == row and err.column == column
    assert words in str(err) and "jaringan.csv" in err.pesan
    if row is not None:
        assert f"baris {row}" in err.pesan


def test_load_edgelist_csv_empty_or_absent(tmp_path):
    with pytest.raises(DataError, match="no ties"):
        load_edgelist_csv(_write(tmp_path, "source,target\n"))
    with pytest.raises(DataError, match="not found"):
        load_edgelist_csv(tmp_path / "tidak_ada.csv")
