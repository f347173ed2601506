"""Tests of simulations.analysis.metrics against values computed by hand (worked out in the comments)."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from simulations.analysis import metrics as M
from simulations.core.errors import ParameterError


def two_triangles() -> nx.Graph:
    """Triangles {0,1,2} and {3,4,5} joined by the tie 2–3."""
    g = nx.Graph([(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5), (2, 3)])
    return g


def test_variance_and_range():
    # mean 0.5, squared deviations 0.25 each -> variance 0.25; range 1 - 0 = 1
    assert M.opinion_variance([0, 0, 1, 1]) == pytest.approx(0.25)
    assert M.opinion_range([0, 0, 1, 1]) == pytest.approx(1.0)
    assert M.opinion_variance([0.3] * 5) == 0.0


def test_clusters_by_gap():
    x = [0.0, 0.005, 0.5, 0.505, 1.0]
    groups = M.opinion_clusters(x, gap=0.01)
    assert [sorted(g.tolist()) for g in groups] == [[0, 1], [2, 3], [4]]
    # sizes 2, 2, 1: all three count with min_share 0; only the two pairs with min_share 0.3
    assert M.count_clusters(x, gap=0.01, min_share=0.0) == 3
    assert M.count_clusters(x, gap=0.01, min_share=0.3) == 2
    # (2+2+1)^2 / (4+4+1) = 25/9
    assert M.effective_clusters(x, gap=0.01) == pytest.approx(25 / 9)


def test_effective_clusters_examples_from_docstring():
    assert M.effective_clusters([0.0] * 50 + [1.0] * 50) == pytest.approx(2.0)
    # 100^2 / (90^2 + 10^2) = 10000 / 8200
    assert M.effective_clusters([0.0] * 90 + [1.0] * 10) == pytest.approx(10000 / 8200)


def test_bimodality_two_point_masses_by_hand():
    # n = 100, half 0 and half 1: skewness 0, population excess kurtosis -2.
    # sample kurtosis = 99/(98*97) * (101*(-2) + 6) = -19404/9506 = -2.041237
    # 3*99^2/(98*97) = 29403/9506 = 3.093099  ->  BC = 1/(1.051862) = 0.950695
    x = [0.0] * 50 + [1.0] * 50
    assert M.bimodality_coefficient(x) == pytest.approx(9506 / (29403 - 19404), rel=1e-9)


def test_bimodality_matches_scipy_and_normal_is_below_threshold():
    from scipy import stats

    rng = np.random.default_rng(3)
    x = rng.normal(size=2000)
    g = stats.skew(x, bias=False)
    k = stats.kurtosis(x, bias=False)
    n = x.size
    expected = (g**2 + 1) / (k + 3 * (n - 1) ** 2 / ((n - 2) * (n - 3)))
    assert M.bimodality_coefficient(x) == pytest.approx(expected, rel=1e-10)
    # a normal sample gives about 1/3, well below 5/9
    assert M.bimodality_coefficient(x) < 5 / 9
    assert math.isnan(M.bimodality_coefficient([1.0] * 10))


def test_esteban_ray_by_hand():
    x = [-1.0] * 50 + [1.0] * 50
    # alpha = 1: 2 * (0.5^2 * 0.5 * 2) = 0.5 ; alpha = 0: 2 * (0.5 * 0.5 * 2) = 1
    assert M.esteban_ray_polarization(x, alpha=1.0) == pytest.approx(0.5)
    assert M.esteban_ray_polarization(x, alpha=0.0) == pytest.approx(1.0)
    # three equal groups at 0, 0.5, 1, alpha = 0: 2 * (1/9) * (0.5 + 1 + 0.5) = 4/9
    y = [0.0] * 10 + [0.5] * 10 + [1.0] * 10
    assert M.esteban_ray_polarization(y, alpha=0.0, bins=3, value_range=(0, 1)) == pytest.approx(
        4 / 9
    )
    assert M.esteban_ray_polarization([0.2] * 7) == 0.0


def test_neighbour_correlation_by_hand():
    # path 0-1-2-3, x = [0,0,1,1]: neighbour means [0, .5, .5, 1]
    # deviations dx = [-.5,-.5,.5,.5], dy = [-.5,0,0,.5]: r = .5 / sqrt(1 * .5) = 0.70711
    g = nx.path_graph(4)
    x = [0.0, 0.0, 1.0, 1.0]
    np.testing.assert_allclose(M.neighbour_mean_opinion(x, g), [0.0, 0.5, 0.5, 1.0])
    assert M.neighbour_opinion_correlation(x, g) == pytest.approx(1 / math.sqrt(2))
    # same answer from a sparse matrix and from a dense array
    a = nx.to_scipy_sparse_array(g)
    assert M.neighbour_opinion_correlation(x, sp.csr_matrix(a)) == pytest.approx(1 / math.sqrt(2))
    assert M.neighbour_opinion_correlation(x, a.toarray()) == pytest.approx(1 / math.sqrt(2))


def test_isolated_people_get_nan_neighbour_mean():
    g = nx.Graph()
    g.add_nodes_from(range(3))
    g.add_edge(0, 1)
    xn = M.neighbour_mean_opinion([0.1, 0.2, 0.3], g)
    assert math.isnan(xn[2])


def test_assortativity_by_hand_and_networkx():
    # tie ends (both directions): (0,0),(0,0),(0,1),(1,0),(1,1),(1,1); mean .5
    # numerator 4*.25 - 2*.25 = .5, denominator 6*.25 = 1.5  ->  r = 1/3
    g = nx.path_graph(4)
    x = [0.0, 0.0, 1.0, 1.0]
    assert M.opinion_assortativity(x, g) == pytest.approx(1 / 3)
    rng = np.random.default_rng(1)
    h = nx.gnp_random_graph(60, 0.1, seed=2)
    y = rng.random(60)
    nx.set_node_attributes(h, dict(enumerate(y)), "x")
    assert M.opinion_assortativity(y, h) == pytest.approx(
        nx.numeric_assortativity_coefficient(h, "x")
    )


def test_modularity_and_ei_two_triangles():
    g = two_triangles()
    labels = [0, 0, 0, 1, 1, 1]
    # L = 7, L_c = 3, d_c = 7 for both groups: Q = 2 * (3/7 - (7/14)^2) = 5/14
    assert M.group_modularity(g, labels) == pytest.approx(5 / 14)
    assert M.group_modularity(g, labels) == pytest.approx(
        nx.community.modularity(g, [{0, 1, 2}, {3, 4, 5}])
    )
    # E = 1 crossing tie, I = 6 inside: (1 - 6) / 7
    assert M.ei_index(g, labels) == pytest.approx(-5 / 7)
    parts = M.community_partition(g, seed=1)
    assert len(set(parts[:3])) == 1 and len(set(parts[3:])) == 1 and parts[0] != parts[3]


def test_opinion_metrics_and_indonesian_summary():
    g = two_triangles()
    x = [0.1, 0.1, 0.1, 0.9, 0.9, 0.9]
    values = M.opinion_metrics(x, g)
    assert set(values) <= set(M.METRIC_DESCRIPTIONS_ID)
    assert values["clusters"] == 2
    assert values["modularity"] == pytest.approx(5 / 14)
    text = M.summarise_metrics_id(values)
    assert "2 kubu" in text and "ruang gema" in text
    assert "0,5" in M.summarise_metrics_id({"esteban_ray": 0.5})  # decimal comma
    for key, sentence in M.METRIC_DESCRIPTIONS_ID.items():
        assert key in M.METRIC_LABELS_ID and sentence.endswith(".")


@pytest.mark.parametrize(
    "call",
    [
        lambda: M.opinion_variance([]),
        lambda: M.opinion_variance([0.1, float("nan")]),
        lambda: M.opinion_variance("abc"),
        lambda: M.opinion_clusters([0.1], gap=0),
        lambda: M.count_clusters([0.1], min_share=2),
        lambda: M.esteban_ray_polarization([0.1, 0.2], alpha=3),
        lambda: M.neighbour_opinion_correlation([0.1, 0.2], nx.path_graph(3)),
        lambda: M.group_modularity(nx.path_graph(3), [0, 1]),
        lambda: M.opinion_assortativity([0.1, 0.2], "not a network"),
    ],
)
def test_bad_input_raises_with_indonesian_message(call):
    with pytest.raises(ParameterError) as info:
        call()
    assert info.value.pesan and info.value.pesan != str(info.value)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(-1, 1, allow_nan=False), min_size=4, max_size=60))
def test_invariants(x):
    arr = np.array(x)
    assert M.opinion_variance(arr) >= 0
    assert M.opinion_range(arr) >= 0
    k_eff = M.effective_clusters(arr)
    assert 1.0 - 1e-12 <= k_eff <= len(arr) + 1e-9
    assert M.count_clusters(arr, min_share=0.0) == len(M.opinion_clusters(arr))
    assert M.esteban_ray_polarization(arr) >= 0
    bc = M.bimodality_coefficient(arr)
    assert math.isnan(bc) or 0 < bc <= 1 + 1e-9
    # shifting every opinion changes no shape measure
    assert M.opinion_variance(arr + 3) == pytest.approx(M.opinion_variance(arr), abs=1e-9)


def test_echo_chamber_needs_camps_and_correlation():
    assert M.is_echo_chamber({"clusters": 2, "neighbour_correlation": 0.9})
    assert not M.is_echo_chamber({"clusters": 1, "neighbour_correlation": 0.9})
    assert not M.is_echo_chamber({"clusters": 3, "neighbour_correlation": 0.2})
    text = M.summarise_metrics_id({"clusters": 1, "neighbour_correlation": 0.9})
    assert "bukan ruang gema" in text


def test_format_id():
    assert M.format_id(0.2031, 1, percent=True) == "20,3%"
    assert M.format_id(2882, 0) == "2.882"
    assert M.format_id(float("nan")) == "tidak terdefinisi"
