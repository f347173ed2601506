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
from collections.abc import Sequence
from typing import Any

import mesa
import networkx as nx
import numpy as np
import pandas as pd

from simulations.core.errors import ParameterError
from simulations.core.networks import build_network, to_csr
from simulations.core.params import check_per_person, check_steps
from simulations.core.space import CSRNetwork, paused_gc
from simulations.models.hoax.agents import Person, State
from simulations.models.hoax.params import HOAX_PARAMS
from simulations.models.hoax.rule import hoax_step

ENGINES = ("vectorized", "agents")
_S, _B, _F = int(State.SUSCEPTIBLE), int(State.BELIEVER), int(State.FACT_CHECKER)


def count_susceptible(model: HoaxModel) -> int:
    """Number of susceptible people."""
    return int(model.counts[State.SUSCEPTIBLE])


def count_believers(model: HoaxModel) -> int:
    """Number of believers."""
    return int(model.counts[State.BELIEVER])


def count_fact_checkers(model: HoaxModel) -> int:
    """Number of fact-checkers."""
    return int(model.counts[State.FACT_CHECKER])


def share_believers(model: HoaxModel) -> float:
    """Share of believers in the population, in [0, 1]."""
    return model.counts[State.BELIEVER] / model.num_people


class HoaxModel(mesa.Model):
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
        believer_nodes: Nodes (graph labels) that start as believers.
        fact_checker_nodes: Nodes that start as fact-checkers.
        alpha_by_node: Per-person credibility, a mapping ``node -> α`` or a sequence in node order
            (e.g. gullible and sceptic groups, Tambuscio et al. 2018).
        p_verify_by_node: Per-person verification probability, same forms.
        engine: ``"vectorized"`` (default) or ``"agents"``.
        agent_class: The agent class used by the agents engine (a subclass of :class:`Person`).
        seed: Random seed; the same seed gives identical results.

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

    def __init__(
        self,
        graph: nx.Graph | None = None,
        *,
        network: str = "scale_free",
        n: int = 1000,
        network_params: dict[str, Any] | None = None,
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
        engine: str = "vectorized",
        agent_class: type[Person] = Person,
        seed: int | None = None,
    ) -> None:
        super().__init__(seed=seed)
        self.seed = seed
        values = HOAX_PARAMS.validate(
            beta=beta,
            alpha=alpha,
            p_verify=p_verify,
            p_forget=p_forget,
            initial_believers=initial_believers,
            initial_fact_checkers=initial_fact_checkers,
        )
        if engine not in ENGINES:
            raise ParameterError(
                f"engine={engine!r} must be one of {ENGINES}",
                f"Mesin simulasi '{engine}' tidak dikenal; pilih salah satu dari {', '.join(ENGINES)}.",
                field="engine",
            )
        self.engine = engine
        self.parameters = values
        if graph is None:
            graph = build_network(network, n=n, seed=seed, **(network_params or {}))
        self.graph = graph
        self.adjacency, self.nodes = to_csr(graph)
        self._adjacency64 = self.adjacency.astype(np.float64)
        size = len(self.nodes)
        self.num_people = size
        self._index = {node: i for i, node in enumerate(self.nodes)}

        self.beta = np.full(size, values["beta"])
        self.alpha = self._per_node(alpha_by_node, values["alpha"], "alpha_by_node")
        self.p_verify = self._per_node(p_verify_by_node, values["p_verify"], "p_verify_by_node")
        self.p_forget = np.full(size, values["p_forget"])
        if np.any(self.p_verify + self.p_forget > 1 + 1e-12):
            HOAX_PARAMS.checks[0](
                {"p_verify": float(self.p_verify.max()), "p_forget": values["p_forget"]}
            )
        self.active = np.ones(size, dtype=bool)
        self.fixed = np.zeros(size, dtype=bool)
        self.state = np.zeros(size, dtype=np.int8)
        self._place_initial(values, believer_nodes, fact_checker_nodes)
        self.ever_believed = self.state == State.BELIEVER
        self.counts = np.bincount(self.state, minlength=3)

        # Mesa structure: one agent per person on the network space.
        with paused_gc():
            self.grid = CSRNetwork(
                graph, self.adjacency, self.nodes, capacity=1, random=self.random
            )
            cells = self.grid.cells_in_order()
            self.people: list[Person] = [agent_class(self, cell, i) for i, cell in enumerate(cells)]

        self.datacollector = mesa.DataCollector(
            model_reporters={
                "Susceptible": count_susceptible,
                "Believer": count_believers,
                "FactChecker": count_fact_checkers,
            }
        )
        self._history: list[np.ndarray] = [self.counts.copy()]
        self.datacollector.collect(self)
        self.running = True

    # ------------------------------------------------------------------ set-up helpers
    def _per_node(self, given: Any, default: float, name: str) -> np.ndarray:
        size = self.num_people
        if given is None:
            return np.full(size, default, dtype=np.float64)
        if isinstance(given, dict):
            arr = np.full(size, default, dtype=np.float64)
            for node, value in given.items():
                arr[self.index_of(node, name)] = value
            given = arr
        return check_per_person(given, size, name)

    def index_of(self, node: Any, name: str = "node") -> int:
        """Return the array index of a graph node, with a clear error for an unknown node."""
        try:
            return self._index[node]
        except (KeyError, TypeError):
            raise ParameterError(
                f"{name}: node {node!r} is not in the network",
                f"{name}: simpul {node!r} tidak ada di jaringan.",
                field=name,
            ) from None

    def _place_initial(self, values: dict[str, Any], believers: Any, checkers: Any) -> None:
        size = self.num_people
        if believers is not None or checkers is not None:
            b_idx = [self.index_of(v, "believer_nodes") for v in (believers or [])]
            f_idx = [self.index_of(v, "fact_checker_nodes") for v in (checkers or [])]
            if set(b_idx) & set(f_idx):
                raise ParameterError(
                    "a node cannot start as both believer and fact-checker",
                    "Satu orang tidak bisa sekaligus penyebar awal dan pemeriksa fakta awal.",
                    field="fact_checker_nodes",
                )
            n_b = len(b_idx) if believers is not None else values["initial_believers"]
            n_f = len(f_idx) if checkers is not None else values["initial_fact_checkers"]
        else:
            b_idx, f_idx = [], []
            n_b, n_f = values["initial_believers"], values["initial_fact_checkers"]
        if n_b + n_f > size:
            raise ParameterError(
                f"initial_believers + initial_fact_checkers = {n_b + n_f} exceeds the {size} people in the network",
                f"Jumlah penyebar awal + pemeriksa fakta awal ({n_b + n_f}) melebihi jumlah orang di jaringan ({size}).",
                field="initial_believers",
            )
        taken = np.zeros(size, dtype=bool)
        taken[b_idx] = True
        taken[f_idx] = True
        free = np.flatnonzero(~taken)
        draw = self.rng.choice(free, size=(n_b - len(b_idx)) + (n_f - len(f_idx)), replace=False)
        extra_b = draw[: n_b - len(b_idx)]
        extra_f = draw[n_b - len(b_idx) :]
        self.state[
            np.concatenate([np.asarray(b_idx, dtype=np.int64), extra_b]).astype(np.int64)
        ] = State.BELIEVER
        self.state[
            np.concatenate([np.asarray(f_idx, dtype=np.int64), extra_f]).astype(np.int64)
        ] = State.FACT_CHECKER

    # ------------------------------------------------------------------ dynamics
    def step(self) -> None:
        """Advance everyone by one synchronous step with the chosen engine, then record counts."""
        if self.engine == "vectorized":
            self._step_vectorized()
        else:
            self.agents.do("decide")
            self.agents.do("advance")
        self.ever_believed |= self.state == _B
        self.counts = np.bincount(self.state, minlength=3)
        self._history.append(self.counts.copy())
        self.datacollector.collect(self)
        if self.counts[_B] == 0 and self.counts[_F] == 0:
            self.running = False  # absorbing: nobody is left to spread anything

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

    def run(self, steps: int = 100) -> pd.DataFrame:
        """Run ``steps`` steps (or until nobody spreads anything) and return :meth:`results`.

        Args:
            steps: Number of steps, >= 0.
        """
        steps = check_steps(steps)
        for _ in range(int(steps)):
            self.step()
        return self.results()

    def results(self) -> pd.DataFrame:
        """Return counts and shares per state for every recorded step (step 0 = initial state)."""
        hist = np.asarray(self._history)
        df = pd.DataFrame(hist, columns=["susceptible", "believer", "fact_checker"])
        df.insert(0, "step", np.arange(len(df)))
        for col in ("susceptible", "believer", "fact_checker"):
            df[f"share_{col}"] = df[col] / self.num_people
        return df

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
        self.counts = np.bincount(self.state, minlength=3)
        self._history = [self.counts.copy()]
        self.datacollector = mesa.DataCollector(
            model_reporters=dict(self.datacollector.model_reporters)
        )
        self.datacollector.collect(self)
        self.steps = 0
        self.running = True

    def states_by_node(self) -> dict[Any, State]:
        """Return ``{node: State}`` for drawing the network coloured by state."""
        return {node: State(int(s)) for node, s in zip(self.nodes, self.state, strict=True)}
