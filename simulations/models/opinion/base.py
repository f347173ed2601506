"""Continuous-opinion models: the opinions in one NumPy array on the shared population base.

:class:`OpinionModel` is a :class:`~simulations.models.base.PopulationModel` (Mesa agents on a
network or complete mixing, engines, seeding; see :mod:`simulations.models.base`) whose people
hold an opinion in ``domain`` (default [0, 1]). The opinions live in :attr:`OpinionModel.opinions`;
an agent's :attr:`~OpinionAgent.opinion` property reads and writes its slot ``index``, so both
engines see the same world. A Mesa :class:`~mesa.DataCollector` records mean, spread, minimum and
maximum every step and :meth:`OpinionModel.run` returns a tidy :class:`pandas.DataFrame`.

What a *step* is depends on the update scheme, which each model states: synchronous models
(Hegselmann–Krause, Friedkin–Johnsen/DeGroot) update everybody at once from the state at ``t``;
pairwise asynchronous models (Deffuant–Weisbuch, algorithmic bias) do a *sweep* of N random pair
meetings per step (:func:`~simulations.models.base.conflict_free_schedule`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

import mesa
import networkx as nx
import numpy as np
import pandas as pd

from simulations.core.errors import ParameterError
from simulations.core.params import check_flag, check_steps, check_tolerance
from simulations.models.base import PopulationAgent, PopulationModel

if TYPE_CHECKING:
    from mesa.discrete_space import Cell

__all__ = [
    "OpinionAgent",
    "OpinionModel",
    "max_opinion",
    "mean_opinion",
    "min_opinion",
    "opinion_std",
]


# ---------------------------------------------------------------------------------- reporters
def mean_opinion(model: OpinionModel) -> float:
    """Mean opinion of the population."""
    return float(model.opinions.mean())


def opinion_std(model: OpinionModel) -> float:
    """Standard deviation of the opinions (population formula, ``ddof=0``)."""
    return float(model.opinions.std())


def min_opinion(model: OpinionModel) -> float:
    """Smallest opinion."""
    return float(model.opinions.min())


def max_opinion(model: OpinionModel) -> float:
    """Largest opinion."""
    return float(model.opinions.max())


# ---------------------------------------------------------------------------------- agents
class OpinionAgent(PopulationAgent):
    """A person holding an opinion; the opinion itself lives in ``model.opinions[index]``.

    Constructed like :class:`~simulations.models.base.PopulationAgent` (model, cell, index).
    """

    def __init__(self, model: OpinionModel, cell: Cell | None, index: int) -> None:
        super().__init__(model, cell, index)
        self.next_opinion: float = float(model.opinions[index])

    @property
    def opinion(self) -> float:
        """Current opinion (reads ``model.opinions[index]``)."""
        return float(self.model.opinions[self.index])

    @opinion.setter
    def opinion(self, value: float) -> None:
        self.model.opinions[self.index] = value

    @property
    def fixed(self) -> bool:
        """Whether this person's opinion never changes (a zealot / stubborn voice)."""
        return bool(self.model.fixed[self.index])

    def advance(self) -> None:
        """Apply the opinion chosen in ``decide`` (synchronous models)."""
        if not self.fixed:
            self.opinion = self.next_opinion


# ---------------------------------------------------------------------------------- models
class OpinionModel(PopulationModel):
    """Base class of continuous-opinion models (opinions in ``domain``, default [0, 1]).

    Subclasses implement ``_step_vectorized()`` and ``_step_agents()`` (one step each), may
    override ``_is_converged(previous)`` and declare ``params`` and ``agent_class``.

    Args:
        graph, network, n, network_params, engine, seed: see
            :class:`~simulations.models.base.PopulationModel`.
        initial_opinions: None (uniform at random on ``domain``), a sequence in node order, or a
            ``{node: opinion}`` mapping (others uniform at random).
        fixed_nodes: Nodes whose opinion never changes (zealots, stubborn or moderate voices).
        agent_class: Agent class for the agents engine (a subclass of :class:`OpinionAgent`).
        record_opinions: Keep a copy of all opinions at every step (for histograms over time and
            trajectories); switch off for long runs on big networks to save memory.
        tol: Convergence tolerance on opinions, a finite number >= 0 (see ``_is_converged``).

    Attributes:
        opinions: ``float64`` array, one opinion per person (index = ``agent.index``).
        initial: The opinions at step 0 (a copy).
        fixed: ``bool`` array; True keeps a person's opinion.
        steps: Number of steps done (Mesa's counter).
        converged: Whether the model has converged (see the subclass); ``running`` is its negation.
        convergence_step: First step at which convergence was detected, or None.
        datacollector: Mesa DataCollector with mean, std, min and max opinion per step.
    """

    domain: ClassVar[tuple[float, float]] = (0.0, 1.0)
    agent_class: ClassVar[type[OpinionAgent]] = OpinionAgent

    def __init__(
        self,
        graph: nx.Graph | None = None,
        *,
        network: str = "scale_free",
        n: int = 1000,
        network_params: Mapping[str, Any] | None = None,
        initial_opinions: Any = None,
        fixed_nodes: Sequence[Any] | None = None,
        engine: str = "vectorized",
        agent_class: type[OpinionAgent] | None = None,
        record_opinions: bool = True,
        tol: float = 1e-6,
        seed: int | None = None,
    ) -> None:
        super().__init__(
            graph, network=network, n=n, network_params=network_params, engine=engine, seed=seed
        )
        lo, hi = self.domain
        if initial_opinions is None or isinstance(initial_opinions, Mapping):
            base = self.rng.uniform(lo, hi, size=self.num_people)
            self.opinions = base
            if initial_opinions is not None:
                given = self.per_person(initial_opinions, 0.0, "initial_opinions", lo, hi)
                for node in initial_opinions:
                    i = self.index_of(node, "initial_opinions")
                    self.opinions[i] = given[i]
        else:
            self.opinions = self.per_person(initial_opinions, 0.0, "initial_opinions", lo, hi)
        self.initial = self.opinions.copy()
        self.fixed = np.zeros(self.num_people, dtype=bool)
        self.fixed[self.indices_of(fixed_nodes, "fixed_nodes")] = True
        self.tol = check_tolerance(tol)
        self.convergence_step: int | None = None
        self.record_opinions = check_flag(record_opinions, "record_opinions")
        self._make_agents(type(self).agent_class if agent_class is None else agent_class)
        self.datacollector = mesa.DataCollector(
            model_reporters={
                "MeanOpinion": mean_opinion,
                "OpinionStd": opinion_std,
                "MinOpinion": min_opinion,
                "MaxOpinion": max_opinion,
            }
        )
        self._rows: list[tuple[float, ...]] = []
        self._snapshots: list[np.ndarray] = []
        self._record(change=np.nan)
        self.running = True

    # ------------------------------------------------------------------ bookkeeping
    def _record(self, change: float) -> None:
        x = self.opinions
        self._rows.append(
            (self.steps, x.mean(), x.std(), x.min(), x.max(), change, float(self.converged))
        )
        if self.record_opinions:
            self._snapshots.append(x.copy())
        self.datacollector.collect(self)

    def _is_converged(self, previous: np.ndarray) -> bool:
        """Return True when no opinion moved by more than ``tol`` in the last step."""
        return bool(np.max(np.abs(self.opinions - previous)) <= self.tol)

    # ------------------------------------------------------------------ dynamics
    def step(self) -> None:
        """Advance by one step with the chosen engine, then record (see the subclass for 'step')."""
        previous = self.opinions.copy()
        getattr(self, f"_step_{self.engine}")()
        if self._is_converged(previous):
            if not self.converged:
                self.convergence_step = self.steps
            self.converged = True
        else:
            self.converged = False
            self.convergence_step = None
        self.running = not self.converged
        self._record(change=float(np.max(np.abs(self.opinions - previous))))

    def _step_vectorized(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def _step_agents(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def check_run_steps(self, steps: Any) -> int:
        """Return ``steps`` checked; with ``record_opinions`` every step keeps N opinions."""
        per_step = self.bytes_per_step + (8.0 * self.num_people if self.record_opinions else 0.0)
        return check_steps(steps, bytes_each=per_step)

    def results(self) -> pd.DataFrame:
        """Return one row per recorded step (step 0 = initial state).

        Columns: ``step``, ``mean``, ``std``, ``min``, ``max`` (of the opinions), ``max_change``
        (largest change of one opinion during the step; NaN at step 0) and ``converged``.
        """
        df = pd.DataFrame(
            self._rows, columns=["step", "mean", "std", "min", "max", "max_change", "converged"]
        )
        df["step"] = df["step"].astype(int)
        df["converged"] = df["converged"].astype(bool)
        return df

    def opinion_history(self) -> np.ndarray:
        """Return the recorded opinions as an array of shape (steps + 1, N).

        Raises:
            ParameterError: when the model was built with ``record_opinions=False``.
        """
        if not self.record_opinions:
            raise ParameterError(
                "opinions were not recorded (record_opinions=False)",
                "Riwayat opini tidak disimpan (record_opinions=False).",
                field="record_opinions",
            )
        return np.vstack(self._snapshots)

    def trajectories(self, people: Sequence[int] | None = None) -> pd.DataFrame:
        """Return a long (tidy) table ``step, person, opinion`` for plotting trajectories.

        Args:
            people: Array indices of the people to include (default: everyone).
        """
        hist = self.opinion_history()
        cols = np.arange(self.num_people) if people is None else np.asarray(people, dtype=int)
        steps = np.repeat(np.arange(hist.shape[0]), len(cols))
        return pd.DataFrame(
            {
                "step": steps,
                "person": np.tile(cols, hist.shape[0]),
                "opinion": hist[:, cols].ravel(),
            }
        )

    def opinions_by_node(self) -> dict[Any, float]:
        """Return ``{node: opinion}`` (for drawing the network coloured by opinion)."""
        return {node: float(x) for node, x in zip(self.nodes, self.opinions, strict=True)}
