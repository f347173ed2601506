"""Shared engine for opinion models: Mesa agents on a network, opinions in one NumPy array.

Follows the engine design of :mod:`simulations.models.hoax.model`:

* the model is a :class:`mesa.Model`; every person is a Mesa agent (:class:`PopulationAgent`
  and its subclass :class:`OpinionAgent`, a :class:`~mesa.discrete_space.FixedAgent` on a
  :class:`mesa.discrete_space.Network`); :class:`PopulationModel` holds the set-up shared with
  the discrete-state rumour models, :class:`OpinionModel` adds the opinions;
* the population's opinions live in one ``float64`` array owned by the model
  (:attr:`OpinionModel.opinions`); an agent's :attr:`~OpinionAgent.opinion` property reads and
  writes its slot ``index``, so both engines see the same world;
* ``engine="vectorized"`` (default) updates with NumPy/SciPy-sparse operations,
  ``engine="agents"`` runs the readable per-agent rule (the hook researchers override by
  subclassing the agent and passing ``agent_class=``);
* a Mesa :class:`~mesa.DataCollector` records model-level reporters every step and
  :meth:`OpinionModel.run` returns a tidy :class:`pandas.DataFrame` (one row per step);
* each concrete model declares one :class:`~simulations.core.params.ParamTable` (class attribute
  ``params``) that validates its arguments and drives widgets, CLI and docs.

Complete mixing (everyone can meet everyone, the setting of most bounded-confidence theory) is
chosen with ``network="complete"``. No graph is built then (a complete graph has N(N−1)/2 edges,
far too many for N = 10 000): the agents are still Mesa agents in ``model.agents`` but sit on no
cell (``agent.cell is None``), and :meth:`OpinionAgent.partners` returns every other person.

What a *step* is depends on the update scheme, which each model states: synchronous models
(Hegselmann–Krause, Friedkin–Johnsen/DeGroot) update everybody at once from the state at ``t``;
pairwise asynchronous models (Deffuant–Weisbuch, algorithmic bias, the rumour models) do a
*sweep* of N random pair meetings per step, so each person starts one meeting per step on
average. The pairwise models share :func:`conflict_free_rounds` /
:func:`conflict_free_schedule`, which split the sweep's meetings into rounds of disjoint pairs
such that applying the rounds one after the other gives exactly the result of applying the
meetings one at a time in the drawn order (see their docstrings). Both engines draw the same
random numbers per sweep (:meth:`PopulationModel.draw_initiators`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

import mesa
import networkx as nx
import numpy as np
import pandas as pd
from mesa.discrete_space import FixedAgent

from simulations.core.errors import ParameterError
from simulations.core.networks import build_network, to_csr
from simulations.core.params import ParamTable, check_steps
from simulations.core.space import CSRNetwork, paused_gc

if TYPE_CHECKING:
    from mesa.discrete_space import Cell

__all__ = [
    "COMPLETE",
    "ENGINES",
    "OpinionAgent",
    "OpinionModel",
    "PopulationAgent",
    "PopulationModel",
    "conflict_free_rounds",
    "conflict_free_schedule",
    "max_opinion",
    "mean_opinion",
    "min_opinion",
    "opinion_std",
]

ENGINES = ("vectorized", "agents")

SEQUENTIAL_BELOW = 48
"""Pair rounds smaller than this end the vectorised peeling; the rest run in a Python loop."""
"""The two engines every model offers."""

COMPLETE = "complete"
"""``network=COMPLETE`` selects complete mixing (no graph; everyone may meet everyone)."""


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


# ---------------------------------------------------------------------------------- scheduling
def conflict_free_rounds(a: np.ndarray, b: np.ndarray, n: int) -> Iterator[np.ndarray]:
    """Split the pair sequence ``(a[k], b[k])`` into rounds of disjoint pairs, keeping its order.

    Pair ``k`` goes into the earliest round after every earlier pair (``l < k``) that shares a
    person with it. Within a round no person appears twice, so a round can be applied at once
    with fancy indexing; and any two pairs that share a person are applied in their drawn order.
    Pairs without a shared person commute (each only reads and writes its own two slots), so
    applying the rounds one after the other gives *exactly* the state that applying the pairs one
    at a time in the order ``0, 1, 2, …`` gives: the vectorised sweep is the sequential
    (asynchronous, random-order) process, not a synchronous approximation of it.

    The rounds are found by peeling: a remaining pair is ready when it is the first remaining pair
    of both its members. The number of rounds equals the longest chain of pairs linked by shared
    people (a few tens for a sweep on a 10 000-node scale-free network, where hubs meet often).

    Args:
        a: First members, integer array of length ``m`` (values in ``0 … n-1``).
        b: Second members, same length; ``a[k] != b[k]``.
        n: Number of people.

    Yields:
        Index arrays into ``0 … m-1``, one per round, each in increasing order.
    """
    rounds, _ = conflict_free_schedule(a, b, n)
    yield from rounds


def conflict_free_schedule(
    a: np.ndarray, b: np.ndarray, n: int, min_round: int = 0
) -> tuple[list[np.ndarray], np.ndarray]:
    """Return the rounds of :func:`conflict_free_rounds` and a short tail to apply one by one.

    Peeling stops after the first round with fewer than ``min_round`` pairs: late rounds are
    small (hubs' chains), and there a plain Python loop is cheaper than NumPy's per-call
    overhead. Applying the rounds and then the tail pairs one at a time in their drawn order is
    still exactly the sequential process: a pair that made it into a round had every earlier pair
    sharing a person with it in an earlier round, so no tail pair precedes a round pair it
    conflicts with.

    Args:
        a, b, n: As :func:`conflict_free_rounds`.
        min_round: Stop peeling once a round has fewer pairs than this (0 = never stop).

    Returns:
        ``(rounds, tail)``: index arrays of the rounds, and the increasing indices left over.
    """
    remaining = np.arange(len(a), dtype=np.int64)
    first = np.empty(n, dtype=np.int64)
    sentinel = np.iinfo(np.int64).max
    rounds: list[np.ndarray] = []
    while remaining.size:
        ra = a[remaining]
        rb = b[remaining]
        first[ra] = sentinel
        first[rb] = sentinel
        np.minimum.at(first, ra, remaining)
        np.minimum.at(first, rb, remaining)
        ready = (first[ra] == remaining) & (first[rb] == remaining)
        batch = remaining[ready]
        rounds.append(batch)
        remaining = remaining[~ready]
        if batch.size < min_round:
            break
    return rounds, remaining


# ---------------------------------------------------------------------------------- agents
class PopulationAgent(FixedAgent):
    """A person of a population model: sits on a network cell (or none under complete mixing).

    Args:
        model: The model the person belongs to.
        cell: The network cell (node) the person sits on, or None under complete mixing.
        index: The person's slot in the model's arrays (0 … N-1).
    """

    def __init__(self, model: PopulationModel, cell: Cell | None, index: int) -> None:
        super().__init__(model)
        if cell is not None:
            self.cell = cell
        self.index = index

    def partners(self) -> list[PopulationAgent]:
        """Return the people this person can meet: network neighbours, or everyone else.

        The order is fixed so that both engines turn the same random number into the same
        partner: on a network, the order of the CSR adjacency row (the same people as
        ``self.cell.neighborhood.agents``); under complete mixing, ``index+1, …, N-1, 0, …,
        index-1``.
        """
        model = self.model
        people = model.people
        if self.cell is None:
            return people[self.index + 1 :] + people[: self.index]
        adj = model.adjacency
        row = adj.indices[adj.indptr[self.index] : adj.indptr[self.index + 1]]
        return [people[k] for k in row]

    def uniform_partner(self, u: float) -> PopulationAgent | None:
        """Return the partner that the uniform number ``u`` picks (None without partners)."""
        partners = self.partners()
        if not partners:
            return None
        return partners[min(int(u * len(partners)), len(partners) - 1)]


class OpinionAgent(PopulationAgent):
    """A person holding an opinion; the opinion itself lives in ``model.opinions[index]``.

    Args:
        model: The model the person belongs to.
        cell: The network cell (node) the person sits on, or None under complete mixing.
        index: The person's slot in the model's arrays (0 … N-1).
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
class PopulationModel(mesa.Model):
    """Common set-up for the models of this package: network or complete mixing, agents, engines.

    Args:
        graph: The social network (undirected networkx graph). If None, one is built from
            ``network``, ``n`` and ``network_params`` with the model's seed.
        network: Network kind when ``graph`` is None (see :data:`simulations.core.networks.NETWORKS`),
            or ``"complete"`` for complete mixing (no graph).
        n: Number of people when ``graph`` is None (>= 2).
        network_params: Builder parameters when ``graph`` is None.
        engine: ``"vectorized"`` (default) or ``"agents"``.
        seed: Random seed; the same seed gives identical results.

    Attributes:
        graph: The networkx graph, or None under complete mixing.
        adjacency: CSR adjacency (float32, int32 indices), or None under complete mixing.
        nodes: Node labels in array order.
        num_people: N.
        edge_rows: Row index of every stored CSR entry (``int64``; None under complete mixing).
        degree: ``int64`` array of degrees (N−1 for everyone under complete mixing).
        complete: True under complete mixing.
    """

    params: ClassVar[ParamTable]

    def __init__(
        self,
        graph: nx.Graph | None = None,
        *,
        network: str = "scale_free",
        n: int = 1000,
        network_params: dict[str, Any] | None = None,
        engine: str = "vectorized",
        seed: int | None = None,
    ) -> None:
        super().__init__(seed=seed)
        if engine not in ENGINES:
            raise ParameterError(
                f"engine={engine!r} must be one of {ENGINES}",
                f"Mesin simulasi '{engine}' tidak dikenal; pilih salah satu dari {', '.join(ENGINES)}.",
                field="engine",
            )
        self.engine = engine
        self.complete = graph is None and network == COMPLETE
        if self.complete:
            if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 2:
                raise ParameterError(
                    f"n={n!r} must be a whole number >= 2",
                    f"Jumlah orang (n) = {n!r} harus bilangan bulat minimal 2.",
                    field="n",
                )
            self.graph = None
            self.adjacency = None
            self.nodes = list(range(int(n)))
            self.num_people = int(n)
            self.degree = np.full(self.num_people, self.num_people - 1, dtype=np.int64)
            self.edge_rows = None
        else:
            if graph is None:
                graph = build_network(network, n=n, seed=seed, **(network_params or {}))
            self.graph = graph
            self.adjacency, self.nodes = to_csr(graph)
            self.num_people = len(self.nodes)
            self.degree = np.diff(self.adjacency.indptr).astype(np.int64)
            # row index of every stored CSR entry: (edge_rows[k], adjacency.indices[k]) is a tie
            self.edge_rows = np.repeat(np.arange(self.num_people, dtype=np.int64), self.degree)
        self._index = {node: i for i, node in enumerate(self.nodes)}

    def _make_agents(self, agent_class: type) -> None:
        """Create one agent per person (on the network's cells unless complete mixing)."""
        with paused_gc():
            if self.complete:
                self.grid = None
                cells: Sequence[Any] = [None] * self.num_people
            else:
                self.grid = CSRNetwork(
                    self.graph, self.adjacency, self.nodes, capacity=1, random=self.random
                )
                cells = self.grid.cells_in_order()
            self.people = [agent_class(self, cell, i) for i, cell in enumerate(cells)]

    def index_of(self, node: Any, name: str = "node") -> int:
        """Return the array index of a node, with a clear error for an unknown node."""
        try:
            return self._index[node]
        except (KeyError, TypeError):
            raise ParameterError(
                f"{name}: node {node!r} is not in the network",
                f"{name}: simpul {node!r} tidak ada di jaringan.",
                field=name,
            ) from None

    def indices_of(self, nodes: Sequence[Any] | None, name: str) -> np.ndarray:
        """Return the array indices of several nodes (empty array for None)."""
        if nodes is None:
            return np.zeros(0, dtype=np.int64)
        return np.asarray([self.index_of(v, name) for v in nodes], dtype=np.int64)

    def per_person(self, given: Any, default: float, name: str, lo: float, hi: float) -> np.ndarray:
        """Turn a scalar, a ``{node: value}`` mapping or a sequence into a checked ``float64`` array.

        Raises:
            ParameterError: wrong length, or a value outside ``[lo, hi]``.
        """
        size = self.num_people
        if given is None:
            arr = np.full(size, default, dtype=np.float64)
        elif isinstance(given, Mapping):
            arr = np.full(size, default, dtype=np.float64)
            for node, value in given.items():
                arr[self.index_of(node, name)] = value
        elif np.isscalar(given):
            arr = np.full(size, float(given), dtype=np.float64)
        else:
            arr = np.array(given, dtype=np.float64)
            if arr.shape != (size,):
                raise ParameterError(
                    f"{name} must have one value per person ({size}), got shape {arr.shape}",
                    f"{name} harus berisi satu nilai untuk setiap orang ({size}), bukan {arr.shape}.",
                    field=name,
                )
        bad = ~((arr >= lo) & (arr <= hi))
        if bad.any():
            value = float(arr[bad][0])
            raise ParameterError(
                f"{name} contains {value:g}, outside [{lo:g}, {hi:g}]",
                f"{name} berisi nilai {value:g} di luar rentang [{lo:g}, {hi:g}].",
                field=name,
            )
        return arr

    # ------------------------------------------------------------------ pair drawing
    def draw_initiators(self, count: int) -> tuple[np.ndarray, np.ndarray]:
        """Draw ``count`` initiators uniformly and one uniform number each (for the partner).

        Both engines call this once per sweep, so they consume the same random numbers.
        """
        initiators = self.rng.integers(0, self.num_people, size=count)
        u = self.rng.random(count)
        return initiators, u

    def uniform_partners(self, initiators: np.ndarray, u: np.ndarray) -> np.ndarray:
        """Return a partner for each initiator, uniformly among its neighbours (or everyone else).

        Uses ``u`` (uniform in [0, 1)) by inversion, so the agents engine reproduces the choice.
        Initiators without neighbours get ``-1`` (no interaction).
        """
        if self.complete:
            shift = 1 + np.minimum(
                (u * (self.num_people - 1)).astype(np.int64), self.num_people - 2
            )
            return (initiators + shift) % self.num_people
        deg = self.degree[initiators]
        indices = self.adjacency.indices
        if indices.size == 0:  # nobody has a tie
            return np.full(len(initiators), -1, dtype=np.int64)
        pick = np.minimum((u * deg).astype(np.int64), np.maximum(deg - 1, 0))
        # an isolated last node's row starts at nnz: clip, then mark it as having no partner
        slot = np.minimum(self.adjacency.indptr[initiators] + pick, indices.size - 1)
        partners = indices[slot].astype(np.int64)
        partners[deg == 0] = -1
        return partners

    def uniform_partner(self, i: int, u: float) -> int:
        """Scalar version of :meth:`uniform_partners` for the agents engine."""
        return int(self.uniform_partners(np.array([i]), np.array([u]))[0])


class OpinionModel(PopulationModel):
    """Base class of continuous-opinion models (opinions in ``domain``, default [0, 1]).

    Subclasses implement ``_step_vectorized()`` and ``_step_agents()`` (one step each), may
    override ``_is_converged(previous)`` and declare ``params`` and ``agent_class``.

    Args:
        graph, network, n, network_params, engine, seed: see :class:`PopulationModel`.
        initial_opinions: None (uniform at random on ``domain``), a sequence in node order, or a
            ``{node: opinion}`` mapping (others uniform at random).
        fixed_nodes: Nodes whose opinion never changes (zealots, stubborn or moderate voices).
        agent_class: Agent class for the agents engine (a subclass of :class:`OpinionAgent`).
        record_opinions: Keep a copy of all opinions at every step (for histograms over time and
            trajectories); switch off for long runs on big networks to save memory.
        tol: Convergence tolerance on opinions (see ``_is_converged``).

    Attributes:
        opinions: ``float64`` array, one opinion per person (index = ``agent.index``).
        initial: The opinions at step 0 (a copy).
        fixed: ``bool`` array; True keeps a person's opinion.
        time: Number of steps done.
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
        network_params: dict[str, Any] | None = None,
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
        self.tol = float(tol)
        self.time = 0
        self.converged = False
        self.convergence_step: int | None = None
        self.record_opinions = bool(record_opinions)
        self._make_agents(agent_class or type(self).agent_class)
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
            (self.time, x.mean(), x.std(), x.min(), x.max(), change, float(self.converged))
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
        if self.engine == "vectorized":
            self._step_vectorized()
        else:
            self._step_agents()
        self.time += 1
        if self._is_converged(previous):
            if not self.converged:
                self.convergence_step = self.time
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

    def run(self, steps: int = 100, *, until_converged: bool = False) -> pd.DataFrame:
        """Run ``steps`` steps and return :meth:`results`.

        Args:
            steps: Number of steps, >= 0.
            until_converged: Stop early once the model has converged.
        """
        steps = check_steps(steps)
        for _ in range(int(steps)):
            if until_converged and self.converged:
                break
            self.step()
        return self.results()

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
