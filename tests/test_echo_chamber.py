"""Tests of the echo-chamber model (Baumann et al. 2020) and the unfollow/rewire coevolving model."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulations.analysis import metrics as M
from simulations.core.errors import NetworkError, ParameterError
from simulations.models.opinion.coevolving import CoevolvingModel, share_discordant_ties
from simulations.models.opinion.echo_chamber import (
    PAPER_REGIMES,
    EchoChamberModel,
    activity_moment,
    classify_regime,
    critical_controversy,
    draw_activities,
)

# ------------------------------------------------------------------------------ echo chambers


def test_smoke_mesa_structure():
    model = EchoChamberModel(n=50, seed=42)
    df = model.run(20)
    assert len(df) == 21 and df["step"].iloc[-1] == 20
    assert len(model.agents) == 50
    assert model.datacollector.get_model_vars_dataframe().shape[0] == 21
    assert model.opinion_history().shape == (21, 50)
    assert model.history_times()[-1] == pytest.approx(0.2)


@pytest.mark.slow
@pytest.mark.parametrize("regime", list(PAPER_REGIMES))
def test_paper_regimes(regime):
    """Fig. 1 of Baumann et al. (2020): the three regimes at the published parameters.

    N = 400 instead of 1000 and t = 10 (1000 steps of dt = 0.01) keep the test fast; in a check
    over six seeds each regime came out as named every time, so two seeds suffice.
    """
    for seed in (1, 2):
        model = EchoChamberModel(n=400, seed=seed, **PAPER_REGIMES[regime])
        model.run(1000)
        assert model.regime() == regime


@pytest.mark.slow
def test_echo_chambers_need_homophily():
    """With controversy α = 3, homophily β = 3 gives opinion-segregated interactions (echo
    chambers: neighbour-opinion correlation well above 0) while β = 0 does not."""
    rho = {}
    for beta in (0.0, 3.0):
        model = EchoChamberModel(n=400, seed=3, controversy=3.0, homophily=beta, window=200)
        model.run(1000)
        rho[beta] = M.neighbour_opinion_correlation(model.opinions, model.interaction_graph())
    assert rho[3.0] > 0.5
    assert rho[3.0] > rho[0.0] + 0.5


def test_no_influence_decays_exponentially():
    """K = 0: dx/dt = -x, so x(t) = x0 * exp(-t); RK4 is exact to ~1e-10 at dt = 0.01."""
    model = EchoChamberModel(n=30, social_influence=0.0, seed=1)
    x0 = model.opinions.copy()
    model.run(100)
    np.testing.assert_allclose(model.opinions, x0 * np.exp(-1.0), rtol=1e-9)
    euler = EchoChamberModel(n=30, social_influence=0.0, seed=1, integrator="euler")
    euler.run(100)
    np.testing.assert_allclose(euler.opinions, x0 * 0.99**100, rtol=1e-12)


@pytest.mark.parametrize("integrator", ["rk4", "euler"])
def test_engines_give_the_same_trajectory(integrator):
    a = EchoChamberModel(n=40, seed=7, integrator=integrator)
    b = EchoChamberModel(n=40, seed=7, integrator=integrator, engine="agents")
    a.run(60)
    b.run(60)
    np.testing.assert_allclose(a.opinions, b.opinions, rtol=1e-12, atol=1e-12)
    assert (a.results()["links"] == b.results()["links"]).all()


def test_fixed_people_do_not_move_on_both_engines():
    for engine in ("vectorized", "agents"):
        model = EchoChamberModel(n=30, seed=2, fixed_nodes=[0, 5], engine=engine)
        x0 = model.opinions[[0, 5]].copy()
        model.run(30)
        np.testing.assert_array_equal(model.opinions[[0, 5]], x0)


def test_reciprocity_counts_links():
    """r = 0: every active person makes exactly m links; r = 1: each link is doubled."""
    for r, factor in ((0.0, 1), (1.0, 2)):
        model = EchoChamberModel(n=60, seed=4, reciprocity=r, contacts=5)
        links = model.run(50)["links"].to_numpy()[1:]
        assert np.all(links % (5 * factor) == 0)
        assert links.sum() > 0


def test_activity_distribution_mean():
    """The mean of a ~ a^-γ on [ε, 1] is (γ-1)/(γ-2) · (ε^(2-γ) - 1)/(ε^(1-γ) - 1).

    With 200 000 draws the standard error of the mean is sd/sqrt(n) ≈ 0.1/447 ≈ 2.3e-4; we allow
    5 standard errors (measured sd used below)."""
    eps, gamma = 0.01, 2.1
    rng = np.random.default_rng(0)
    a = draw_activities(rng, 200_000, eps, gamma)
    assert a.min() >= eps and a.max() <= 1.0
    expected = (gamma - 1) / (gamma - 2) * (eps ** (2 - gamma) - 1) / (eps ** (1 - gamma) - 1)
    assert abs(a.mean() - expected) < 5 * a.std() / np.sqrt(a.size)


def test_activity_moments_match_samples():
    """Sample moments of 200 000 draws agree with the closed form within 5 standard errors."""
    rng = np.random.default_rng(1)
    a = draw_activities(rng, 200_000)
    for k in (1, 2):
        sample = a**k
        assert abs(sample.mean() - activity_moment(k)) < 5 * sample.std() / np.sqrt(a.size)
    assert activity_moment(0) == pytest.approx(1.0)


def test_critical_controversy_equals_the_closed_form_by_quadrature():
    """α_c = 1/(K·m·λ) with the activity moments integrated numerically (independent of
    activity_moment's closed form): 0.357369 at the paper's parameters."""
    from scipy.integrate import quad

    eps, gamma, k, m, r = 0.01, 2.1, 3.0, 10, 0.5
    norm = quad(lambda a: a**-gamma, eps, 1)[0]
    a1 = quad(lambda a: a ** (1 - gamma), eps, 1)[0] / norm
    a2 = quad(lambda a: a ** (2 - gamma), eps, 1)[0] / norm
    lam = ((1 + r) * a1 + np.sqrt((1 - r) ** 2 * a1**2 + 4 * r * a2)) / 2
    assert critical_controversy() == pytest.approx(1 / (k * m * lam), rel=1e-9)
    assert critical_controversy() == pytest.approx(0.357369, abs=1e-6)
    # and it moves the right way with its inputs: more influence or contacts, lower threshold
    assert critical_controversy(social_influence=6.0) == pytest.approx(critical_controversy() / 2)
    assert critical_controversy(contacts=20) == pytest.approx(critical_controversy() / 2)


@pytest.mark.slow
def test_consensus_threshold_mean_field():
    """Without homophily the neutral consensus holds well below α_c ≈ 0.357 and is lost well
    above it (0.5·α_c and 2.5·α_c; measured over seeds 1–2 the transition lies at 0.35–0.45)."""
    alpha_c = critical_controversy()
    for factor, expected in ((0.5, "consensus"), (2.5, "radicalisation")):
        model = EchoChamberModel(n=300, seed=1, controversy=factor * alpha_c, homophily=0.0)
        model.run(1500)
        assert model.regime() == expected


def test_homophily_picks_like_minded_contacts():
    """β = 4 makes contacts far closer in opinion than β = 0 (uniform choice)."""
    dist = {}
    for beta in (0.0, 4.0):
        model = EchoChamberModel(n=200, seed=5, homophily=beta, social_influence=0.0)
        model.step()
        adj = model.last_adjacency.tocoo()
        dist[beta] = np.mean(np.abs(model.opinions[adj.row] - model.opinions[adj.col]))
    assert dist[4.0] < 0.25 * dist[0.0]


def test_classify_regime():
    assert classify_regime(np.zeros(10)) == "consensus"
    assert classify_regime(np.full(10, 2.0)) == "radicalisation"
    assert classify_regime(np.r_[np.full(5, 2.0), np.full(5, -2.0)]) == "polarisation"


@pytest.mark.parametrize(
    "kwargs",
    [
        {"controversy": -1.0},
        {"contacts": 0},
        {"n": 5, "contacts": 10},
        {"engine": "gpu"},
        {"integrator": "rk45"},
        {"initial_opinions": [0.0, 1.0]},
        {"activities": np.zeros(20), "n": 20},
        {"window": 0},
    ],
)
def test_bad_parameters(kwargs):
    kwargs = {"n": 20, **kwargs}
    with pytest.raises(ParameterError) as info:
        EchoChamberModel(**kwargs)
    assert info.value.pesan


def test_run_rejects_bad_steps():
    with pytest.raises(ParameterError):
        EchoChamberModel(n=20, seed=1).run(-1)


# ------------------------------------------------------------------------------ coevolving


def test_concordant_tie_meets_in_the_middle():
    """Two people, one tie, within tolerance, μ = 0.5: one sweep (1 event) meets in the middle."""
    g = nx.Graph([(0, 1)])
    model = CoevolvingModel(g, epsilon=0.3, mu=0.5, initial_opinions=[0.4, 0.6], seed=1)
    model.step()
    np.testing.assert_allclose(model.opinions, [0.5, 0.5])


def test_discordant_tie_moves_to_like_minded():
    """0–1 disagree (|0 − 1| > ε); 2 is like-minded with 0. With p_unfollow = 1 the tie ends as
    0–2 (each sweep moves it with probability 0.5 · (1 − 1/8) when 0 acts), after which 0 and 2
    converge; the number of ties stays 1."""
    g = nx.Graph([(0, 1)])
    g.add_node(2)
    model = CoevolvingModel(
        g, epsilon=0.1, p_unfollow=1.0, initial_opinions=[0.0, 1.0, 0.05], seed=3
    )
    model.run(40)
    assert model.num_edges == 1
    assert {int(model.edge_u[0]), int(model.edge_v[0])} == {0, 2}
    assert model.opinions[1] == 1.0
    assert abs(model.opinions[0] - model.opinions[2]) < 0.05


def test_no_unfollow_keeps_the_network():
    model = CoevolvingModel(n=100, seed=1, p_unfollow=0.0, epsilon=0.2)
    u0, v0 = model.edge_u.copy(), model.edge_v.copy()
    df = model.run(10)
    assert model.rewires == 0 and df["rewires"].iloc[-1] == 0
    np.testing.assert_array_equal(model.edge_u, u0)
    np.testing.assert_array_equal(model.edge_v, v0)


@pytest.mark.parametrize("rewire_to", ["similar", "random"])
def test_coevolving_engines_give_the_same_trajectory(rewire_to):
    a = CoevolvingModel(n=80, seed=9, epsilon=0.2, rewire_to=rewire_to)
    b = CoevolvingModel(n=80, seed=9, epsilon=0.2, rewire_to=rewire_to, engine="agents")
    a.run(8)
    b.run(8)
    np.testing.assert_allclose(a.opinions, b.opinions, atol=1e-12)
    np.testing.assert_array_equal(a.edge_u, b.edge_u)
    np.testing.assert_array_equal(a.edge_v, b.edge_v)
    assert a.rewires == b.rewires > 0


def test_unfollowing_builds_echo_chambers():
    """Same people, same start: with unfollowing (p = 0.5, like-minded rewiring) the network
    splits along opinions (neighbour correlation ~1, high modularity of the two camps); without it
    the neighbour correlation stays near 0. Measured over seeds 1–3 the gap is > 0.8."""
    rho, q = {}, {}
    for p in (0.0, 0.5):
        model = CoevolvingModel(n=200, seed=2, epsilon=0.15, p_unfollow=p)
        model.run(40)
        x = model.opinions
        adj = model.current_adjacency()
        rho[p] = M.neighbour_opinion_correlation(x, adj)
        q[p] = M.group_modularity(adj, x > np.median(x))
    assert rho[0.5] > 0.8 and rho[0.5] - rho[0.0] > 0.5
    assert q[0.5] > q[0.0] + 0.2
    assert share_discordant_ties(model) < 0.05


def test_coevolving_rejects_complete_mixing_and_bad_values():
    with pytest.raises(NetworkError) as err:  # a network problem: NetworkError, naming "network"
        CoevolvingModel(network="complete", n=20)
    assert err.value.field == "network"
    with pytest.raises(ParameterError):
        CoevolvingModel(n=20, rewire_to="friends")
    with pytest.raises(ParameterError):
        CoevolvingModel(n=20, mu=0.9)


@settings(max_examples=15, deadline=None)
@given(
    epsilon=st.floats(0.0, 1.0),
    p_unfollow=st.floats(0.0, 1.0),
    rewire_to=st.sampled_from(["similar", "random"]),
    seed=st.integers(0, 10_000),
)
def test_coevolving_invariants(epsilon, p_unfollow, rewire_to, seed):
    """Ties are conserved, never self-ties nor double ties; opinions stay in [0, 1]."""
    model = CoevolvingModel(
        n=40, seed=seed, epsilon=epsilon, p_unfollow=p_unfollow, rewire_to=rewire_to
    )
    edges = model.num_edges
    model.run(3)
    assert model.edge_u.size == edges == model.current_graph().number_of_edges()
    assert np.all(model.edge_u != model.edge_v)
    keys = model.edge_key(model.edge_u, model.edge_v)
    assert np.unique(keys).size == edges and set(keys.tolist()) == model.edge_keys
    assert np.all((model.opinions >= 0) & (model.opinions <= 1))
    assert len(model.agents) == 40


@settings(max_examples=10, deadline=None)
@given(
    controversy=st.floats(0.0, 5.0),
    homophily=st.floats(0.0, 5.0),
    reciprocity=st.floats(0.0, 1.0),
    seed=st.integers(0, 10_000),
)
def test_echo_chamber_opinions_stay_bounded(controversy, homophily, reciprocity, seed):
    """|dx/dt + x| <= K·(N−1), so |x(t)| never exceeds max(|x0|, K·(N−1))."""
    model = EchoChamberModel(
        n=30, seed=seed, controversy=controversy, homophily=homophily, reciprocity=reciprocity
    )
    model.run(20)
    assert np.all(np.isfinite(model.opinions))
    assert np.abs(model.opinions).max() <= max(1.0, 3.0 * 29)


def test_coevolving_agent_partners_follow_the_live_ties():
    g = nx.Graph([(0, 1)])
    g.add_node(2)
    model = CoevolvingModel(
        g, epsilon=0.1, p_unfollow=1.0, initial_opinions=[0.0, 1.0, 0.05], seed=3
    )
    assert [p.index for p in model.people[0].partners()] == [1]
    model.run(40)
    assert [p.index for p in model.people[0].partners()] == [2]
    assert model.people[1].partners() == []


@pytest.mark.parametrize("engine", ["vectorized", "agents"])
def test_after_rewiring_every_view_is_the_current_network(engine):
    """Issue 17: after 5 steps at p_unfollow = 0.9 hundreds of ties have moved; the Mesa space
    (``agent.cell.connections``, ``cell.neighborhood``), ``graph``, ``adjacency`` and ``degree``
    all show the current network, not the initial one."""
    model = CoevolvingModel(n=500, p_unfollow=0.9, seed=3, engine=engine)
    initial = {frozenset(e) for e in model.current_graph().edges}
    model.run(5)
    current = {frozenset((int(a), int(b))) for a, b in zip(model.edge_u, model.edge_v, strict=True)}
    assert len(current - initial) > 300  # the network really moved
    space = {
        frozenset((p.index, q.index)) for p in model.people for q in p.cell.neighborhood.agents
    }
    connections = {
        frozenset((p.index, model.index_of(node)))
        for p in model.people
        for node in p.cell.connections
    }
    graph = {frozenset((model.index_of(a), model.index_of(b))) for a, b in model.graph.edges}
    adj = model.adjacency.tocoo()
    adjacency = {frozenset((int(a), int(b))) for a, b in zip(adj.row, adj.col, strict=True)}
    assert space == connections == graph == adjacency == current
    assert model.graph is model.grid.G
    expected_degree = np.bincount(np.r_[model.edge_u, model.edge_v], minlength=model.num_people)
    np.testing.assert_array_equal(model.degree, expected_degree)


def test_time_is_mesas_clock_in_units_of_dt():
    # Mesa 3.4 assigns model.time when a model is built and advances it every step: a plain
    # attribute here (it was a read-only property), kept at steps × dt.
    model = EchoChamberModel(n=30, dt=0.02, seed=1)
    model.time = 0.0
    frame = model.run(10)
    assert model.time == pytest.approx(0.2) and model.step_duration == 0.02
    np.testing.assert_allclose(frame["time"], 0.02 * frame["step"])


def test_fixed_people_hold_still_within_each_runge_kutta_step():
    # Both engines give fixed people a rate of 0 at every stage, so the others see the same
    # values: the engines agree with fixed people too.
    a = EchoChamberModel(n=40, seed=7, fixed_nodes=[0, 3, 9])
    b = EchoChamberModel(n=40, seed=7, fixed_nodes=[0, 3, 9], engine="agents")
    a.run(40)
    b.run(40)
    np.testing.assert_allclose(a.opinions, b.opinions, rtol=1e-12, atol=1e-12)
