"""The hoax model (Tambuscio et al. 2015): transition rule, invariants, engines, theory, errors."""

from __future__ import annotations

import mesa
import networkx as nx
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulations.core.errors import NetworkError, ParameterError
from simulations.core.networks import random_network, scale_free
from simulations.models.hoax import HoaxModel, Person, State, eradication_threshold, mean_field

S, B, F = State.SUSCEPTIBLE, State.BELIEVER, State.FACT_CHECKER
ENGINES = ("vectorized", "agents")


class FixedUniforms:
    """Stand-in for ``model.rng`` that returns prescribed uniforms, person by person."""

    def __init__(self, values):
        self.values = list(values)
        self.pos = 0

    def random(self, size=None):
        if size is None:
            value = self.values[self.pos]
            self.pos += 1
            return value
        out = np.asarray(self.values[self.pos : self.pos + size], dtype=float)
        self.pos += size
        return out


def one_step(graph, states, uniforms, engine, **params):
    """Build a model with the given initial states, step once with prescribed uniforms."""
    model = HoaxModel(graph, initial_believers=0, engine=engine, seed=0, **params)
    model.state[:] = [int(s) for s in states]
    model.rng = FixedUniforms(uniforms)
    model.step()
    return [State(int(s)) for s in model.state]


# ------------------------------------------------------------------ the transition rule
@pytest.mark.parametrize("engine", ENGINES)
def test_susceptible_without_active_neighbours_stays(engine):
    g = nx.Graph([(0, 1), (1, 2)])
    assert one_step(g, [S, S, S], [0.0, 0.0, 0.0], engine, beta=1.0) == [S, S, S]


@pytest.mark.parametrize("engine", ENGINES)
def test_update_is_synchronous(engine):
    # Path 0-1-2, believer at 0, β = 1: node 1 is infected, node 2 is not (node 1 was S at t).
    g = nx.path_graph(3)
    assert one_step(
        g, [B, S, S], [0.99, 0.0, 0.0], engine, beta=1.0, p_forget=0.0, p_verify=0.0
    ) == [B, B, S]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(
    ("u", "expected"),
    [
        # One believer and one fact-checker neighbour, α = 0.5, β = 0.8:
        # f = 0.8·1.5/(1.5+0.5) = 0.6 → B if u < 0.6; F if 0.6 ≤ u < 0.8; else S.
        (0.59, B),
        (0.61, F),
        (0.79, F),
        (0.81, S),
    ],
)
def test_susceptible_side_is_chosen_by_credibility(engine, u, expected):
    g = nx.star_graph(2)  # centre 0, leaves 1 (believer) and 2 (fact-checker)
    out = one_step(
        g, [S, B, F], [u, 0.99, 0.99], engine, beta=0.8, alpha=0.5, p_forget=0.0, p_verify=0.0
    )
    assert out[0] is expected


@pytest.mark.parametrize("engine", ENGINES)
def test_number_of_neighbours_decides_only_the_side(engine):
    # Three believers vs one: with α = 0, f = β·n_B/(n_B+n_F); β alone sets infection.
    g = nx.star_graph(4)
    states = [S, B, B, B, F]
    # f = 0.5·3/4 = 0.375
    assert (
        one_step(
            g, states, [0.37, 0.99, 0.99, 0.99, 0.99], engine, beta=0.5, alpha=0.0, p_forget=0.0
        )[0]
        is B
    )
    assert (
        one_step(
            g, states, [0.38, 0.99, 0.99, 0.99, 0.99], engine, beta=0.5, alpha=0.0, p_forget=0.0
        )[0]
        is F
    )
    assert (
        one_step(
            g, states, [0.50, 0.99, 0.99, 0.99, 0.99], engine, beta=0.5, alpha=0.0, p_forget=0.0
        )[0]
        is S
    )


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(("u", "expected"), [(0.09, S), (0.11, F), (0.29, F), (0.31, B)])
def test_believer_forgets_or_verifies(engine, u, expected):
    # p_forget = 0.1, p_verify = 0.2: S if u < 0.1, F if u < 0.3, else stays B.
    g = nx.Graph()
    g.add_nodes_from([0, 1])
    assert one_step(g, [B, S], [u, 0.5], engine, p_forget=0.1, p_verify=0.2)[0] is expected


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(("u", "expected"), [(0.09, S), (0.11, F)])
def test_fact_checker_only_forgets(engine, u, expected):
    g = nx.Graph()
    g.add_nodes_from([0, 1])
    assert one_step(g, [F, S], [u, 0.5], engine, p_forget=0.1, p_verify=0.5)[0] is expected


@pytest.mark.parametrize("engine", ENGINES)
def test_silenced_believer_reaches_nobody_and_fixed_person_never_changes(engine):
    g = nx.path_graph(3)
    model = HoaxModel(
        g, initial_believers=0, engine=engine, beta=1.0, p_forget=1.0, p_verify=0.0, seed=1
    )
    model.state[:] = [B, S, F]
    model.active[0] = False
    model.fixed[2] = True
    model.step()
    # Node 1 hears only the fact-checker at 2; node 0 forgets; node 2 is fixed despite p_forget=1.
    assert [State(int(s)) for s in model.state] == [S, F, F]


def test_per_person_credibility_groups():
    g = nx.complete_graph(4)
    model = HoaxModel(g, alpha_by_node={0: 0.9, 1: 0.1}, initial_believers=0, seed=0)
    assert model.alpha.tolist() == [0.9, 0.1, 0.6, 0.6]
    assert model.people[0].alpha == 0.9


def test_initial_placement_at_chosen_nodes():
    g = nx.path_graph(5)
    model = HoaxModel(g, believer_nodes=[0, 4], fact_checker_nodes=[2], seed=0)
    assert [State(int(s)) for s in model.state] == [B, S, F, S, B]
    assert model.people[0].state is B and model.people[2].state is F


# ------------------------------------------------------------------ Mesa structure
def test_every_person_is_a_mesa_agent_on_the_network():
    g = scale_free(60, 2, seed=3)
    model = HoaxModel(g, seed=3)
    assert len(model.agents) == 60
    assert all(isinstance(a, Person) for a in model.agents)
    agent = model.people[5]
    neighbours = {a.index for a in agent.cell.neighborhood.agents}
    assert neighbours == set(g.neighbors(5))
    agent.state = F
    assert model.state[5] == F


def test_datacollector_matches_results():
    # One naming: the DataCollector records the counts under the results' names; results adds
    # ``step`` and the shares derived from the counts.
    model = HoaxModel(n=150, seed=11)
    df = model.run(20)
    dc = model.datacollector.get_model_vars_dataframe()
    assert list(dc.columns) == ["susceptible", "believer", "fact_checker"]
    assert dc["believer"].tolist() == df["believer"].tolist()
    assert dc["fact_checker"].tolist() == df["fact_checker"].tolist()
    assert (df["share_believer"] == df["believer"] / 150).all()
    assert len(df) == 21 and df["step"].iloc[-1] == 20


def test_runs_under_mesa_batch_run():
    results = mesa.batch_run(
        HoaxModel,
        parameters={"n": 80, "beta": [0.3, 0.7], "seed": [1, 2]},
        iterations=1,
        max_steps=5,
        number_processes=1,
        display_progress=False,
    )
    assert len(results) == 4
    assert all(r["susceptible"] + r["believer"] + r["fact_checker"] == 80 for r in results)


# ------------------------------------------------------------------ invariants (property tests)
params_strategy = st.fixed_dictionaries(
    {
        "beta": st.floats(0, 1),
        "alpha": st.floats(0, 1),
        "p_verify": st.floats(0, 0.5),
        "p_forget": st.floats(0, 0.5),
        "initial_believers": st.integers(0, 10),
        "initial_fact_checkers": st.integers(0, 5),
    }
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    params=params_strategy,
    n=st.integers(15, 60),
    p=st.floats(0.02, 0.4),
    seed=st.integers(0, 2**31),
)
def test_population_is_conserved_and_engines_identical(params, n, p, seed):
    g = nx.gnp_random_graph(n, p, seed=seed)
    runs = {}
    for engine in ENGINES:
        model = HoaxModel(g, engine=engine, seed=seed, **params)
        df = model.run(15)
        counts = df[["susceptible", "believer", "fact_checker"]].to_numpy()
        assert (counts.sum(axis=1) == n).all()
        shares = df.filter(like="share_").to_numpy()
        assert ((shares >= 0) & (shares <= 1)).all()
        assert set(np.unique(model.state)) <= {0, 1, 2}
        assert model.ever_believed.sum() >= df["believer"].max()
        runs[engine] = counts
    # Same seed: both engines draw the same uniforms in the same order, so trajectories match.
    assert np.array_equal(runs["vectorized"], runs["agents"])


def test_same_seed_same_result_different_seed_different():
    a = HoaxModel(n=300, seed=5).run(30)
    b = HoaxModel(n=300, seed=5).run(30)
    c = HoaxModel(n=300, seed=6).run(30)
    assert a.equals(b)
    assert not a.equals(c)


# ------------------------------------------------------------------ statistics
@pytest.mark.slow
def test_engines_agree_statistically_on_independent_seeds():
    """Mean believer trajectories over 30 seeds per engine, disjoint seed sets.

    The tolerance is four standard errors of the difference of two means (30 runs each), so a
    correct pair of engines fails with probability < 1e-4 at each checked step.
    """
    g = scale_free(300, 3, seed=1)
    steps, runs = 40, 30
    traj = {}
    for k, engine in enumerate(ENGINES):
        seeds = range(1000 * k, 1000 * k + runs)
        traj[engine] = np.array(
            [
                HoaxModel(g, engine=engine, seed=s, initial_believers=5)
                .run(steps)["share_believer"]
                .to_numpy()
                for s in seeds
            ]
        )
    for t in (5, 10, 20, 40):
        a, b = traj["vectorized"][:, t], traj["agents"][:, t]
        se = np.sqrt(a.var(ddof=1) / runs + b.var(ddof=1) / runs)
        assert abs(a.mean() - b.mean()) <= 4 * se + 1e-3, t


@pytest.mark.slow
@pytest.mark.parametrize("beta", [0.2, 0.5, 0.9])
def test_eradication_threshold_does_not_move_with_beta(beta):
    """On a dense random network (mean-field-like), the hoax dies above the threshold, not below.

    α = 0.5, p_forget = 0.1 → threshold p_verify* = 2·0.5·0.1/0.5 = 0.2, for every β.
    """
    assert eradication_threshold(0.5, 0.1) == pytest.approx(0.2)
    g = random_network(600, mean_degree=60, seed=2)
    finals = {}
    for p_verify in (0.05, 0.4):
        shares = [
            HoaxModel(
                g,
                beta=beta,
                alpha=0.5,
                p_forget=0.1,
                p_verify=p_verify,
                initial_believers=60,
                seed=s,
            )
            .run(200)["share_believer"]
            .iloc[-50:]
            .mean()
            for s in range(3)
        ]
        finals[p_verify] = float(np.mean(shares))
    assert finals[0.4] < 0.01  # well above the threshold: eradicated
    assert finals[0.05] > 0.05  # well below: the hoax persists
    mf = mean_field(400, beta=beta, alpha=0.5, p_forget=0.1, p_verify=0.05, believers0=0.1)
    # Dense network ≈ mean field: the simulated endemic level is close to the mean-field one.
    assert finals[0.05] == pytest.approx(mf["share_believer"].iloc[-1], abs=0.05)


def test_mean_field_conserves_population_and_respects_threshold():
    below = mean_field(500, alpha=0.6, p_forget=0.1, p_verify=0.2)  # threshold 0.3
    above = mean_field(500, alpha=0.6, p_forget=0.1, p_verify=0.35)
    for df in (below, above):
        assert np.allclose(df.filter(like="share_").sum(axis=1), 1.0)
    assert below["share_believer"].iloc[-1] > 0.01
    assert above["share_believer"].iloc[-1] < 1e-3
    assert eradication_threshold(1.0, 0.1) == np.inf
    assert eradication_threshold(0.0, 0.1) == 0.0


# ------------------------------------------------------------------ errors
@pytest.mark.parametrize(
    ("kwargs", "field", "words"),
    [
        ({"beta": 1.5}, "beta", "[0, 1]"),
        ({"alpha": -0.2}, "alpha", "[0, 1]"),
        ({"p_verify": 0.7, "p_forget": 0.6}, "p_verify", "exceed 1"),
        (
            {"initial_believers": 30, "initial_fact_checkers": 30},
            "initial_fact_checkers",
            "exceeds",
        ),
        ({"initial_believers": 41}, "initial_believers", "exceeds"),
        ({"believer_nodes": [0, 0]}, "believer_nodes", "more than once"),
        ({"believer_nodes": [1.5]}, "believer_nodes", "not in the network"),
        ({"believer_nodes": 3}, "believer_nodes", "list of nodes"),
        ({"believer_nodes": [1], "fact_checker_nodes": [1]}, "fact_checker_nodes", "two states"),
        ({"alpha_by_node": ["x"] * 40}, "alpha_by_node", "real numbers"),
        ({"initial_believers": -1}, "initial_believers", "outside"),
        ({"beta": "tinggi"}, "beta", "number"),
        ({"engine": "turbo"}, "engine", "engine"),
        ({"believer_nodes": [999]}, "believer_nodes", "not in the network"),
        ({"alpha_by_node": [0.5, 0.5]}, "alpha_by_node", "one value per person"),
        ({"alpha_by_node": {0: 1.7}}, "alpha_by_node", "outside"),
    ],
)
def test_invalid_input_names_parameter_and_range(kwargs, field, words):
    with pytest.raises(ParameterError) as info:
        HoaxModel(nx.path_graph(40), seed=0, **kwargs)
    assert info.value.field == field
    assert words in str(info.value)
    assert info.value.pesan  # Indonesian message for the notebooks


def test_empty_network_is_refused():
    with pytest.raises(NetworkError) as info:
        HoaxModel(nx.Graph(), seed=0)
    assert "empty" in str(info.value) and "kosong" in info.value.pesan


def test_run_rejects_negative_steps():
    with pytest.raises(ParameterError):
        HoaxModel(n=20, seed=0).run(-1)


def test_restore_replays_the_same_run():
    model = HoaxModel(n=200, seed=8)
    start = model.snapshot()
    first = model.run(25)
    model.restore(start)
    assert model.steps == 0 and len(model.results()) == 1
    assert first.equals(model.run(25))
    assert (
        model.datacollector.get_model_vars_dataframe()["believer"].tolist()
        == first["believer"].tolist()
    )


@pytest.mark.parametrize("leaves", [2047, 2048])
def test_integer_neighbour_counts_are_exact_at_the_degree_limit(leaves):
    """The model counts neighbours in one integer product, b + f·2^20: int32 while no degree
    exceeds 2,047 (below 2^31), int64 above; the counts equal the float64 ones exactly."""
    from simulations.models.hoax.rule import MAX_DEGREE_INT32, neighbour_counts

    model = HoaxModel(nx.star_graph(leaves), initial_believers=0, seed=1)
    assert model._counting.dtype == (np.int32 if leaves <= MAX_DEGREE_INT32 else np.int64)
    for believers in (0, 1, leaves // 2, leaves):
        model.state[:] = F
        model.state[1 : 1 + believers] = B
        n_b, n_f = neighbour_counts(model.state, model._counting)
        f_b, f_f = neighbour_counts(model.state, model.adjacency.astype(np.float64))
        assert (n_b[0], n_f[0]) == (believers, leaves - believers)
        np.testing.assert_array_equal(n_b, f_b)
        np.testing.assert_array_equal(n_f, f_f)
