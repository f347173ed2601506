"""The hoax / fact-checking model of Tambuscio, Ruffo, Flammini & Menczer (2015) as a Mesa model.

Reference:
    M. Tambuscio, G. Ruffo, A. Flammini, F. Menczer (2015). *Fact-checking effect on viral hoaxes:
    a model of misinformation spread in social networks.* Proc. WWW '15 Companion, 977–982.
    doi:10.1145/2740908.2742572. Per-person credibility and gullible/sceptic groups follow
    M. Tambuscio, D. F. M. Oliveira, G. L. Ciampaglia, G. Ruffo (2018). *Network segregation in a
    model of misinformation and fact-checking.* J. Comput. Soc. Sci. 1:261–275.

The rule, as the authors' reference code (``tambu85/misinfo_spread``) runs it — synchronous: every
person reads the states at step ``t`` and all move together to ``t+1``; each person draws one
uniform number ``u`` per step:

* Susceptible (S) with ``n_B`` believer and ``n_F`` fact-checker neighbours: if ``n_B + n_F = 0``
  nothing happens. Otherwise, with weights ``w_B = n_B(1+α)`` and ``w_F = n_F(1−α)``,

  - S → B with probability ``f = β·w_B/(w_B+w_F)`` (``u < f``),
  - S → F with probability ``g = β·w_F/(w_B+w_F)`` (``f ≤ u < β``),

  so the number of active neighbours decides only *which* side, and β is the chance of taking one.
* Believer (B): → S with ``p_forget``; → F with ``p_verify`` (``p_verify + p_forget ≤ 1``).
* Fact-checker (F): → S with ``p_forget``.

Mean-field analysis gives the eradication threshold ``p_verify ≥ 2·α·p_forget/(1−α)``, independent
of β (:func:`simulations.models.hoax.meanfield.eradication_threshold`).

The model is a :class:`~simulations.models.base.DiscreteStateModel` (the population base shared
with the rumour and opinion models: network, Mesa agents, per-person arrays, engines, seeding,
initial placement and counts per state).

Stopping: the state with no believer and no fact-checker is absorbing (nobody is left to spread
anything); ``converged`` is True there and ``run(steps, until_converged=True)`` stops.

Engines:
    ``engine="vectorized"`` (default) updates everyone at once: one sparse product of the CSR
    adjacency with the (believer, fact-checker) indicator columns, then array comparisons.
    ``engine="agents"`` calls :meth:`Person.decide` then :meth:`Person.advance` on every agent in
    index order. Both draw ``u`` for person ``i`` as the ``i``-th number of the step from
    ``model.rng``, so with the same seed they give the *same* trajectory; the tests check this and,
    separately, that their mean trajectories agree statistically.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import networkx as nx
import numpy as np

from simulations.models.base import DiscreteStateModel, place_initial, state_count
from simulations.models.hoax.agents import Person, State
from simulations.models.hoax.params import HOAX_PARAMS, STATE_COLUMNS, check_p_sum
from simulations.models.hoax.rule import hoax_step

_S, _B, _F = int(State.SUSCEPTIBLE), int(State.BELIEVER), int(State.FACT_CHECKER)

count_susceptible = state_count(State.SUSCEPTIBLE)
count_believers = state_count(State.BELIEVER)
count_fact_checkers = state_count(State.FACT_CHECKER)


def share_believers(model: HoaxModel) -> float:
    """Share of believers in the population, in [0, 1]."""
    return model.counts[State.BELIEVER] / model.num_people


class HoaxModel(DiscreteStateModel):
    """Hoax and fact-checking spread on a social network (Tambuscio et al. 2015).

    Args:
        graph: The social network (undirected networkx graph). If None, one is built from
            ``network``, ``n`` and ``network_params`` with the model's seed.
        network: Network kind when ``graph`` is None (see :data:`simulations.core.networks.NETWORKS`).
        n: Number of people when ``graph`` is None.
        network_params: Builder parameters when ``graph`` is None.
        beta: Spreading rate β, probability per step, [0, 1].
        alpha: Credibility of the hoax α, [0, 1]; used for everyone unless ``alpha_by_node``.
        p_verify: Probability per step that a believer fact-checks, [0, 1].
        p_forget: Probability per step that a believer or fact-checker forgets, [0, 1];
            ``p_verify + p_forget <= 1``.
        initial_believers: Number of initial believers placed at random (ignored when
            ``believer_nodes`` is given).
        initial_fact_checkers: Number of initial fact-checkers placed at random (ignored when
            ``fact_checker_nodes`` is given).
        believer_nodes: Nodes (graph labels) that start as believers: a list, tuple or NumPy
            array, each node once.
        fact_checker_nodes: Nodes that start as fact-checkers.
        alpha_by_node: Per-person credibility, a mapping ``node -> α`` or a sequence in node order
            (e.g. gullible and sceptic groups, Tambuscio et al. 2018).
        p_verify_by_node: Per-person verification probability, same forms.
        fixed_nodes: Nodes whose state never changes (e.g. permanent fact-checkers).
        engine: ``"vectorized"`` (default) or ``"agents"``.
        agent_class: The agent class used by the agents engine (a subclass of :class:`Person`).
        seed: Random seed, None or a whole number >= 0; the same seed gives identical results.

    Attributes:
        state: ``int8`` array of :class:`State` values, one per person (index = agent.index).
        alpha, beta, p_verify, p_forget: ``float64`` arrays, one value per person.
        active: ``bool`` array; False silences a person (their state no longer reaches others).
        fixed: ``bool`` array; True keeps a person's state (e.g. permanent fact-checkers).
        ever_believed: ``bool`` array; True once a person has believed the hoax.
        counts: current number of people per state, ``[S, B, F]``.
        datacollector: Mesa DataCollector with the counts per step.

    Example:
        >>> from simulations.models.hoax import HoaxModel
        >>> model = HoaxModel(n=200, seed=42)
        >>> df = model.run(50)
        >>> int(df.iloc[-1][["susceptible", "believer", "fact_checker"]].sum())
        200
    """

    params = HOAX_PARAMS
    complete_ok = False  # the rule counts network neighbours
    state_enum = State
    state_columns = STATE_COLUMNS
    reporters: ClassVar[dict[str, Any]] = {
        "Susceptible": count_susceptible,
        "Believer": count_believers,
        "FactChecker": count_fact_checkers,
    }

    def __init__(
        self,
        graph: nx.Graph | None = None,
        *,
        network: str = "scale_free",
        n: int = 1000,
        network_params: Mapping[str, Any] | None = None,
        beta: float = HOAX_PARAMS["beta"].default,
        alpha: float = HOAX_PARAMS["alpha"].default,
        p_verify: float = HOAX_PARAMS["p_verify"].default,
        p_forget: float = HOAX_PARAMS["p_forget"].default,
        initial_believers: int = HOAX_PARAMS["initial_believers"].default,
        initial_fact_checkers: int = HOAX_PARAMS["initial_fact_checkers"].default,
        believer_nodes: Sequence[Any] | None = None,
        fact_checker_nodes: Sequence[Any] | None = None,
        alpha_by_node: Any = None,
        p_verify_by_node: Any = None,
        fixed_nodes: Sequence[Any] | None = None,
        engine: str = "vectorized",
        agent_class: type[Person] = Person,
        seed: int | None = None,
    ) -> None:
        values = HOAX_PARAMS.validate(HOAX_PARAMS.pick(locals()))
        super().__init__(
            graph, network=network, n=n, network_params=network_params, engine=engine, seed=seed
        )
        self.parameters = values
        self._adjacency64 = self.adjacency.astype(np.float64)
        size = self.num_people

        self.beta = np.full(size, values["beta"])
        self.alpha = self.per_person(alpha_by_node, values["alpha"], "alpha_by_node", 0.0, 1.0)
        self.p_verify = self.per_person(
            p_verify_by_node, values["p_verify"], "p_verify_by_node", 0.0, 1.0
        )
        self.p_forget = np.full(size, values["p_forget"])
        check_p_sum(self.p_verify, values["p_forget"])
        self.active = np.ones(size, dtype=bool)
        self.fixed = np.zeros(size, dtype=bool)
        self.fixed[self.indices_of(fixed_nodes, "fixed_nodes")] = True
        b_idx = (
            None if believer_nodes is None else self.indices_of(believer_nodes, "believer_nodes")
        )
        f_idx = (
            None
            if fact_checker_nodes is None
            else self.indices_of(fact_checker_nodes, "fact_checker_nodes")
        )
        state = place_initial(
            self.rng,
            size,
            [
                (_B, b_idx, values["initial_believers"], "believer_nodes", "initial_believers"),
                (
                    _F,
                    f_idx,
                    values["initial_fact_checkers"],
                    "fact_checker_nodes",
                    "initial_fact_checkers",
                ),
            ],
        )
        self.ever_believed = np.zeros(size, dtype=bool)
        self._start(state, agent_class)

    # ------------------------------------------------------------------ dynamics
    def _track(self) -> None:
        self.ever_believed |= self.state == _B

    def _absorbed(self) -> bool:
        return bool(self.counts[_B] == 0 and self.counts[_F] == 0)

    def step(self) -> None:
        """Advance everyone by one synchronous step with the chosen engine, then record counts."""
        if self.engine == "vectorized":
            self._step_vectorized()
        else:
            self.agents.do("decide")
            self.agents.do("advance")
        self._after_step()

    def _step_vectorized(self) -> None:
        u = self.rng.random(self.num_people)
        self.state[:] = hoax_step(
            self.state,
            self._adjacency64,
            u,
            alpha=self.alpha,
            beta=self.beta,
            p_verify=self.p_verify,
            p_forget=self.p_forget,
            active=self.active,
            fixed=self.fixed,
        )

    _RUN_ARRAYS = (
        "state",
        "alpha",
        "beta",
        "p_verify",
        "p_forget",
        "active",
        "fixed",
        "ever_believed",
    )

    def snapshot(self) -> dict[str, Any]:
        """Capture what a run changes: the per-person arrays and both random generators' states.

        With :meth:`restore` a model can be re-run from the same start (e.g. one scenario after
        another on common random numbers) without rebuilding its agents and network space, which
        costs more than a short run.
        """
        return {
            "arrays": {name: getattr(self, name).copy() for name in self._RUN_ARRAYS},
            "rng": copy.deepcopy(self.rng.bit_generator.state),
            "random": self.random.getstate(),
        }

    def restore(self, snapshot: dict[str, Any]) -> None:
        """Put the model back into the state captured by :meth:`snapshot`, as if freshly built.

        The recorded history and the DataCollector restart at step 0.
        """
        for name, values in snapshot["arrays"].items():
            getattr(self, name)[:] = values
        self.rng.bit_generator.state = snapshot["rng"]
        self.random.setstate(snapshot["random"])
        self.steps = 0
        self._reset_records()
