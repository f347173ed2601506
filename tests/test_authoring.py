"""Writing a new model against the template: an SIS model, both engines, registered, swept, checked.

The model between the two ``# ----`` lines below is the whole of it (tests count its lines: at
most 60). It is what a researcher writes, after reading the module docstring of
:mod:`simulations.models.base` and of :mod:`simulations.models.discrete`.
"""

# ---- the model --------------------------------------------------------------------------------
from enum import IntEnum

import numpy as np

from simulations.core.params import Param, ParamTable
from simulations.models.base import PopulationAgent
from simulations.models.discrete import DiscreteStateModel


class SIS(IntEnum):
    SUSCEPTIBLE = 0
    INFECTED = 1


class Person(PopulationAgent):
    def decide(self):
        """Recover with probability μ, or catch it from each infected neighbour with probability β."""
        p, u = self.model.parameters, self.model.random.random()
        if self.state is SIS.INFECTED:
            self.next_state = SIS.SUSCEPTIBLE if u < p["mu"] else SIS.INFECTED
        else:
            k = sum(other.state is SIS.INFECTED for other in self.cell.neighborhood.agents)
            self.next_state = SIS.INFECTED if u < 1 - (1 - p["beta"]) ** k else SIS.SUSCEPTIBLE


class SISModel(DiscreteStateModel):
    """SIS epidemic on a network, synchronous update (Pastor-Satorras & Vespignani 2001)."""

    params = ParamTable(
        (
            Param("beta", "Laju penularan", "Peluang tertular per tetangga sakit.", 0.05, 0.0, 1.0),
            Param("mu", "Laju sembuh", "Peluang sembuh per langkah.", 0.2, 0.0, 1.0),
            Param("initial_infected", "Sakit awal", "Orang sakit di awal.", 10, 0, None, 1, "int"),
        )
    )
    state_enum = SIS
    agent_class = Person
    complete_ok = False  # the rule counts network neighbours
    engine_agreement = "statistical"  # agents draw from model.random, arrays from model.rng

    def __init__(
        self, network=None, *, n=None, beta=0.05, mu=0.2, initial_infected=10,
        fixed_nodes=None, engine="vectorized", agent_class=None, seed=None,
    ):  # fmt: skip
        values = {"beta": beta, "mu": mu, "initial_infected": initial_infected}
        super().__init__(values, network, n, fixed_nodes, engine, agent_class, seed)

    def initial_state(self):
        return self.place((SIS.INFECTED, "initial_infected", None, "infected_nodes"))

    def vectorized_step(self):
        infected = self.state == SIS.INFECTED
        k = self.adjacency @ infected.astype(np.float32)
        u, p = self.rng.random(self.num_people), self.parameters
        catch = u < 1 - (1 - p["beta"]) ** k
        self.state = np.where(infected, u >= p["mu"], catch).astype(np.int8)

    def is_converged(self):
        return self.counts[SIS.INFECTED] == 0


# ---- the checks -------------------------------------------------------------------------------
import inspect  # noqa: E402
from pathlib import Path  # noqa: E402

import networkx as nx  # noqa: E402
import pytest  # noqa: E402
from scipy.optimize import brentq  # noqa: E402

from simulations.analysis.experiments import compare, sweep  # noqa: E402
from simulations.models.registry import MODELS, register_model  # noqa: E402

K = 40
"""Degree of the random regular test network (homogeneous: the mean field is about it)."""


def model_lines() -> list[str]:
    """The lines of the model block of this file, blank lines included (not the trailing ones)."""
    text = Path(__file__).read_text(encoding="utf-8")
    lines = text.split("# ---- the model")[1].split("# ---- the checks")[0].splitlines()[1:]
    while lines and not lines[-1].strip():
        lines.pop()
    return lines


def mean_field_prevalence(beta: float, mu: float, k: int) -> float:
    """Endemic share i* of the homogeneous mean-field map ``i' = i(1−μ) + (1−i)(1−(1−βi)^k)``."""
    return brentq(lambda i: -mu * i + (1 - i) * (1 - (1 - beta * i) ** k), 1e-9, 1.0)


@pytest.fixture(scope="module")
def registered():
    spec = register_model("sis", SISModel, label="SIS (penularan berulang)", replace=True)
    yield spec
    MODELS.pop("sis", None)


def test_the_model_is_at_most_60_lines():
    assert len(model_lines()) <= 60, len(model_lines())


def test_it_runs_on_both_engines_and_follows_the_template():
    graph = nx.random_regular_graph(6, 200, seed=1)
    for engine in ("vectorized", "agents"):
        model = SISModel(graph, engine=engine, seed=3)
        frame = model.run(20)
        assert list(frame.columns) == [
            "step", "susceptible", "infected", "share_susceptible", "share_infected",
        ]  # fmt: skip
        assert (frame[["susceptible", "infected"]].sum(axis=1) == 200).all()
        assert model.steps == 20 and len(model.agents) == 200
        assert model.run(5)["step"].iloc[-1] == 25  # run continues
    fixed = SISModel(graph, initial_infected=0, fixed_nodes=[0], beta=0.0, seed=1)
    fixed.state[0] = SIS.INFECTED
    fixed.run(10)
    assert fixed.state[0] == SIS.INFECTED  # the template keeps fixed people fixed


def test_the_engines_are_one_stochastic_process():
    """Mean prevalence after 30 steps, 30 seeds per engine: within 4 standard errors.

    The agents draw from ``model.random`` and the arrays from ``model.rng``, so single runs
    differ; a correct pair of engines fails this with probability < 1e-4.
    """
    graph = nx.random_regular_graph(6, 150, seed=2)
    shares = {}
    for engine in ("vectorized", "agents"):
        runs = [SISModel(graph, engine=engine, seed=s).run(30) for s in range(30)]
        shares[engine] = np.array([r["share_infected"].iloc[-1] for r in runs])
    a, b = shares["vectorized"], shares["agents"]
    se = np.sqrt(a.var(ddof=1) / a.size + b.var(ddof=1) / b.size)
    assert abs(a.mean() - b.mean()) <= 4 * se


def test_registered_in_one_line_and_swept(registered):
    assert MODELS["sis"] is registered and registered.summarise == SISModel.summarise
    params = {"network": {"kind": "random", "mean_degree": 8.0}, "n": 300, "mu": 0.2}
    result = sweep("sis", params, {"beta": [0.01, 0.1]}, seeds=4, steps=40, executor="serial",
                   progress=False)  # fmt: skip
    finals = result.points[result.points["metric"] == "final_share_infected"]["mean"]
    assert finals.iloc[0] < 0.05 < 0.5 < finals.iloc[1]  # below and above the threshold


def test_endemic_level_matches_the_mean_field(registered):
    """On a random regular network of degree K = 40 the mean field is close: its error is of
    order 1/K (dynamical correlations between neighbours), so we allow 0.03 plus 4 standard
    errors of the mean over 6 seeds; the time average over the last 100 of 300 steps removes
    most of the step-to-step noise."""
    beta, mu = 0.02, 0.3  # βK/μ ≈ 2.7: well above the epidemic threshold
    graph = nx.random_regular_graph(K, 1000, seed=5)

    def play(scenario, seed):
        frame = SISModel(graph, beta=scenario, mu=mu, initial_infected=100, seed=seed).run(300)
        return {"prevalence": float(frame["share_infected"].iloc[-100:].mean())}, frame

    result = compare({"beta": beta}, play, seeds=6, root_seed=1)
    row = result.summary.set_index("metric").loc["prevalence"]
    theory = mean_field_prevalence(beta, mu, K)
    assert abs(row["mean"] - theory) <= 0.03 + 4 * row["sem"], (row["mean"], theory)


def test_signature_matches_the_parameter_table():
    params = inspect.signature(SISModel).parameters
    for p in SISModel.params:
        assert params[p.name].default == p.default
