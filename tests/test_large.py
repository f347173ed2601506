"""Tests of the array-only hoax engine and the fast scale-free generator (simulations.models.hoax.arrays)."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components

from simulations.core.errors import NetworkError, ParameterError
from simulations.core.networks import scale_free, scale_free_csr, to_csr
from simulations.models.hoax import HoaxModel, State, hoax_step
from simulations.models.hoax.arrays import HoaxArrayModel, run_hoax_arrays
from simulations.models.registry import MODELS

S, B, F = int(State.SUSCEPTIBLE), int(State.BELIEVER), int(State.FACT_CHECKER)


def path_adjacency(n: int) -> sp.csr_array:
    return to_csr(nx.path_graph(n))[0]


# ----------------------------------------------------------------------------- the rule
def test_hoax_step_is_pure_and_follows_the_rule():
    adj = path_adjacency(3)  # 0 - 1 - 2
    state = np.array([B, S, F], dtype=np.int8)
    # Person 1 hears one believer and one fact-checker: with alpha = 0.5 the weights are
    # 1.5 : 0.5, so P(believe) = beta * 0.75 and P(fact-check) = beta * 0.25.
    kw = dict(alpha=0.5, beta=0.8, p_verify=0.3, p_forget=0.2, active=None, fixed=None)
    before = state.copy()
    new = hoax_step(state, adj, u=np.array([0.9, 0.59, 0.9]), **kw)
    np.testing.assert_array_equal(state, before)  # input untouched
    assert list(new) == [B, B, F]  # 0.59 < 0.6; believer: 0.9 >= 0.5 stays; checker stays
    new = hoax_step(state, adj, u=np.array([0.1, 0.61, 0.1]), **kw)
    assert list(new) == [S, F, S]  # forget (0.1 < 0.2); 0.6 <= 0.61 < 0.8; forget
    new = hoax_step(state, adj, u=np.array([0.3, 0.85, 0.5]), **kw)
    assert list(new) == [F, S, F]  # verify (0.2 <= 0.3 < 0.5); no side taken; stays


def test_silenced_and_fixed_people():
    adj = path_adjacency(3)
    state = np.array([B, S, S], dtype=np.int8)
    u = np.zeros(3)
    kw = dict(alpha=0.5, beta=1.0, p_verify=0.0, p_forget=1.0)
    silenced = np.array([False, True, True])
    assert list(hoax_step(state, adj, active=silenced, fixed=None, u=u, **kw)) == [S, S, S]
    fixed = np.array([True, False, False])
    assert list(hoax_step(state, adj, active=None, fixed=fixed, u=u, **kw)) == [B, B, S]


# ----------------------------------------------------------------------------- same as HoaxModel
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_same_trajectory_as_hoax_model_for_the_same_graph_and_seed(seed):
    graph = scale_free(300, 3, seed=seed)
    params = {"alpha": 0.4, "p_verify": 0.1, "initial_fact_checkers": 5}
    expected = HoaxModel(graph, seed=seed, **params).run(40)
    got = run_hoax_arrays(to_csr(graph)[0], params, steps=40, seed=seed)
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)


def test_same_trajectory_with_per_person_values_silenced_and_fixed():
    graph = scale_free(200, 2, seed=4)
    rng = np.random.default_rng(0)
    alpha = rng.random(200)
    silenced = rng.random(200) < 0.2
    fixed = rng.random(200) < 0.05
    model = HoaxModel(graph, seed=9, alpha_by_node=list(alpha), believer_nodes=[0, 1, 2])
    model.active[silenced] = False
    model.fixed[fixed] = True
    expected = model.run(30)
    got, state, ever = run_hoax_arrays(
        to_csr(graph)[0],
        {},
        30,
        seed=9,
        alpha_by_node=alpha,
        believer_nodes=[0, 1, 2],
        active=~silenced,
        fixed=fixed,
        return_state=True,
    )
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)
    np.testing.assert_array_equal(state, model.state)
    np.testing.assert_array_equal(ever, model.ever_believed)


@pytest.mark.parametrize(
    "network, n, network_params",
    [("scale_free", 300, {"m": 3}), ("scale_free_fast", 300, {"m": 3}), ("small_world", 120, None)],
)
def test_same_network_and_trajectory_as_hoax_model_from_the_same_n_and_seed(
    network, n, network_params
):
    # Issue 11: the array-only mode builds the very network HoaxModel builds from the same
    # network kind, n, parameters and seed, and then runs the same trajectory.
    kw = {"network": {"kind": network, **(network_params or {})}, "n": n, "seed": 7}
    params = {"alpha": 0.5, "p_verify": 0.1, "initial_fact_checkers": 2}
    mesa_model = HoaxModel(**kw, **params)
    arrays = HoaxArrayModel(**kw, **params)
    assert (arrays.adjacency != mesa_model.adjacency).nnz == 0
    pd.testing.assert_frame_equal(arrays.run(30), mesa_model.run(30), check_dtype=False)


def test_scale_free_fast_network_is_the_csr_generator():
    graph = HoaxModel(network="scale_free_fast", n=400, seed=5).graph
    assert (to_csr(graph)[0] != scale_free_csr(400, 4, seed=5)).nnz == 0


def test_array_model_is_registered_and_takes_other_networks():
    assert MODELS["hoax_arrays"].model is HoaxArrayModel
    df = HoaxArrayModel(network="small_world", n=100, seed=1).run(5)
    assert df.iloc[-1][["susceptible", "believer", "fact_checker"]].sum() == 100
    graph = scale_free(80, 2, seed=1)
    a = HoaxArrayModel(graph, seed=3).run(10)
    pd.testing.assert_frame_equal(a, HoaxModel(graph, seed=3).run(10), check_dtype=False)


def test_bad_input_is_reported():
    adj = path_adjacency(5)
    with pytest.raises(ParameterError, match="alpha"):
        run_hoax_arrays(adj, {"alpha": 2.0}, 1)
    with pytest.raises(ParameterError, match="exceeds"):
        run_hoax_arrays(adj, {"initial_believers": 6}, 1)
    with pytest.raises(ParameterError, match="not in the network"):
        run_hoax_arrays(adj, {}, 1, believer_nodes=[7])
    with pytest.raises(ParameterError, match="one value per person"):
        run_hoax_arrays(adj, {}, 1, alpha_by_node=[0.5])
    with pytest.raises(ParameterError, match="steps"):
        run_hoax_arrays(adj, {}, -1)
    with pytest.raises(NetworkError, match="square"):
        run_hoax_arrays(np.ones((3, 3)), {}, 1)


# ----------------------------------------------------------------------------- generator
def test_scale_free_csr_is_a_clean_symmetric_adjacency():
    adj = scale_free_csr(5000, m=4, seed=3)
    assert adj.shape == (5000, 5000) and adj.format == "csr"
    assert adj.indices.dtype == np.int32 and adj.indptr.dtype == np.int32
    assert adj.dtype == np.float32 and np.all(adj.data == 1)
    assert (adj != adj.T).nnz == 0  # undirected
    assert adj.diagonal().sum() == 0  # no self-loops
    check = adj.copy()
    check.has_canonical_format = False
    check.sum_duplicates()
    np.testing.assert_array_equal(check.indices, adj.indices)  # sorted, no duplicates
    assert connected_components(adj)[0] == 1
    ties = adj.nnz // 2
    assert 0.99 * 4 * (5000 - 5) <= ties <= 4 * (5000 - 4)  # few repeated picks dropped
    assert (adj != scale_free_csr(5000, m=4, seed=3)).nnz == 0
    assert (adj != scale_free_csr(5000, m=4, seed=4)).nnz > 0


def test_scale_free_csr_degrees_match_networkx_barabasi_albert():
    # Same process, so the heavy tail must match: share of people with degree >= 4m and the
    # maximum degree. Tolerances are loose (one seed each, n = 20,000): 15 % and a factor 2.
    n, m = 20_000, 4
    ours = np.diff(scale_free_csr(n, m, seed=5).indptr)
    ref = np.diff(to_csr(nx.barabasi_albert_graph(n, m, seed=5))[0].indptr)
    assert ours.mean() == pytest.approx(ref.mean(), rel=0.01)
    assert (ours >= 4 * m).mean() == pytest.approx((ref >= 4 * m).mean(), rel=0.15)
    assert 0.5 < ours.max() / ref.max() < 2


def test_scale_free_csr_checks_its_arguments():
    with pytest.raises(NetworkError):
        scale_free_csr(4, m=4)
    with pytest.raises(NetworkError):
        scale_free_csr(0)
    assert scale_free_csr(2, m=1).nnz == 2
