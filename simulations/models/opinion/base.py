"""Continuous-opinion models on the one template: opinions are the state, one results schema.

:class:`OpinionModel` is the template (:class:`~simulations.models.base.PopulationModel`) whose state
is everyone's opinion in ``domain`` (default [0, 1]); ``model.opinions`` is ``model.state`` and an
agent's :attr:`~OpinionAgent.opinion` is its ``state``. It adds the initial opinions (uniform at
random, or given), an optional record of all opinions per step (:meth:`OpinionModel.opinion_history`)
and the convergence test "no opinion moved by more than ``tol`` in the last step".

One results schema for the whole family (:data:`OPINION_COLUMNS`): every opinion model's
:meth:`~simulations.models.base.PopulationModel.results` — and its Mesa DataCollector, which is the
same table — has ``step``, ``mean_opinion``, ``std_opinion``, ``min_opinion``, ``max_opinion``,
``max_change`` (largest change of one opinion in the step; NaN at step 0) and ``converged``; a
model adds its own columns after these (the echo chamber its model ``time``, ``mean_conviction``,
``share_positive`` and ``links``; the coevolving model ``discordant_ties`` and ``rewires``). One
set of summary fields too (:meth:`OpinionModel.summarise`).

What a *step* is depends on the update scheme, which each model states: synchronous models
(Hegselmann–Krause, Friedkin–Johnsen/DeGroot) update everybody at once from the state at ``t``;
pairwise asynchronous models (Deffuant–Weisbuch, algorithmic bias) do a *sweep* of N random pair
meetings per step.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, ClassVar

import numpy as np
import pandas as pd

from simulations.core.errors import ParameterError
from simulations.core.params import check_flag, check_tolerance
from simulations.models.base import PopulationAgent, PopulationModel

__all__ = [
    "OPINION_COLUMNS",
    "OpinionAgent",
    "OpinionModel",
    "max_opinion",
    "mean_opinion",
    "min_opinion",
    "std_opinion",
]

OPINION_COLUMNS = (
    "mean_opinion",
    "std_opinion",
    "min_opinion",
    "max_opinion",
    "max_change",
    "converged",
)
"""The results columns every opinion model has (after ``step``), in this order."""


# ---------------------------------------------------------------------------------- reporters
def mean_opinion(model: OpinionModel) -> float:
    """Mean opinion of the population."""
    return float(model.opinions.mean())


def std_opinion(model: OpinionModel) -> float:
    """Standard deviation of the opinions (population formula, ``ddof=0``)."""
    return float(model.opinions.std())


def min_opinion(model: OpinionModel) -> float:
    """Smallest opinion."""
    return float(model.opinions.min())


def max_opinion(model: OpinionModel) -> float:
    """Largest opinion."""
    return float(model.opinions.max())


def _max_change(model: OpinionModel) -> float:
    return model.max_change


def _converged(model: OpinionModel) -> bool:
    return model.converged


# ---------------------------------------------------------------------------------- agents
class OpinionAgent(PopulationAgent):
    """A person holding an opinion; the opinion itself lives in ``model.opinions[index]``."""

    @property
    def opinion(self) -> float:
        """Current opinion (``model.opinions[index]``; writes to a fixed person are ignored)."""
        return float(self.model.state[self.index])

    @opinion.setter
    def opinion(self, value: float) -> None:
        self.state = value


# ---------------------------------------------------------------------------------- models
class OpinionModel(PopulationModel):
    """The template for continuous-opinion models (opinions in ``domain``, default [0, 1]).

    The arguments are those of the family's ``__init__``, which each model's ``__init__`` calls.

    Args:
        parameters, network, n, fixed_nodes, engine, agent_class, seed: See
            :class:`~simulations.models.base.PopulationModel`.
        initial_opinions: None (uniform at random on ``domain``), a sequence in node order, or a
            ``{node: opinion}`` mapping (others uniform at random).
        record_opinions: Keep a copy of all opinions at every step (for histograms over time and
            trajectories); switch off for long runs on big networks to save memory.
        tol: Convergence tolerance on opinions, a finite number >= 0.

    Attributes:
        initial: The opinions at step 0 (a copy).
        max_change: Largest change of one opinion in the last step (NaN at step 0).

    ``opinions`` (everyone's ``float64`` opinion, the template's ``state``) and
    ``convergence_step`` are properties, documented below.
    """

    domain: ClassVar[tuple[float, float]] = (0.0, 1.0)
    agent_class: ClassVar[type[PopulationAgent]] = OpinionAgent
    bytes_per_step: ClassVar[float] = 512.0

    def __init__(
        self,
        parameters: Mapping[str, Any],
        network: Any,
        n: int | None,
        initial_opinions: Any,
        fixed_nodes: Sequence[Any] | None,
        engine: str,
        agent_class: type[PopulationAgent] | None,
        record_opinions: bool,
        tol: float,
        seed: int | None,
    ) -> None:
        self.tol = check_tolerance(tol)
        self.record_opinions = check_flag(record_opinions, "record_opinions")
        self.initial_opinions = initial_opinions
        self._snapshots: list[np.ndarray] = []
        self.max_change = float("nan")
        super().__init__(parameters, network, n, fixed_nodes, engine, agent_class, seed)

    @property
    def opinions(self) -> np.ndarray:
        """Everyone's opinion, ``float64``, one per person (the same array as ``state``)."""
        return self.state

    @opinions.setter
    def opinions(self, value: np.ndarray) -> None:
        self.state = value

    # ------------------------------------------------------------------ hooks
    def initial_state(self) -> np.ndarray:
        """Uniform opinions on ``domain``, or the given ones (a sequence, or ``{node: opinion}``)."""
        lo, hi = self.domain
        given = self.initial_opinions
        if given is None or isinstance(given, Mapping):
            x = self.rng.uniform(lo, hi, size=self.num_people)
            if given is not None:
                chosen = self.per_person(given, 0.0, "initial_opinions", lo, hi)
                idx = [self.index_of(node, "initial_opinions") for node in given]
                x[idx] = chosen[idx]
        else:
            x = self.per_person(given, 0.0, "initial_opinions", lo, hi)
        self.initial = x.copy()
        return x

    def observe(self) -> None:
        """Measure the largest change of the step and keep the opinions if asked to."""
        if self.previous is not None:
            self.max_change = float(np.max(np.abs(self.opinions - self.previous), initial=0.0))
        if self.record_opinions:
            self._snapshots.append(self.opinions.copy())

    def is_converged(self) -> bool:
        """No opinion moved by more than ``tol`` in the last step (never at step 0)."""
        return self.previous is not None and self.max_change <= self.tol

    def reporters(self) -> dict[str, Callable[[Any], Any]]:
        """The family's columns, :data:`OPINION_COLUMNS`."""
        return {
            "mean_opinion": mean_opinion,
            "std_opinion": std_opinion,
            "min_opinion": min_opinion,
            "max_opinion": max_opinion,
            "max_change": _max_change,
            "converged": _converged,
        }

    @classmethod
    def summarise(cls, frame: pd.DataFrame) -> dict[str, float]:
        """Summarise one run: the final value of every column but ``step``, ``max_change`` and
        ``converged``, plus ``converged`` (1.0 or 0.0) and ``steps`` (the steps run)."""
        out = {
            f"final_{c}": float(frame[c].iloc[-1])
            for c in frame.columns
            if c not in ("step", "max_change", "converged")
        }
        out["converged"] = float(bool(frame["converged"].iloc[-1]))
        out["steps"] = float(frame["step"].iloc[-1])
        return out

    # ------------------------------------------------------------------ records
    @property
    def convergence_step(self) -> int | None:
        """First step of the current stretch of converged steps, or None when not converged."""
        flags = self.datacollector.model_vars["converged"]
        if not flags or not flags[-1]:
            return None
        k = len(flags) - 1
        while k > 0 and flags[k - 1]:
            k -= 1
        return k

    def bytes_per_record(self) -> float:
        """Memory one recorded step needs; with ``record_opinions`` every step keeps N opinions."""
        return self.bytes_per_step + (8.0 * self.num_people if self.record_opinions else 0.0)

    def restore(self, snapshot: dict[str, Any]) -> None:
        """Start over from a :meth:`snapshot` (the opinion records too)."""
        self._snapshots = []
        self.max_change = float("nan")
        super().restore(snapshot)

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
