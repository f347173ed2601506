"""The one population base of every network model: people, network, arrays, engines, seeding.

Every model of :mod:`simulations.models` (hoax, rumour, the opinion models, echo chambers) is a
:class:`PopulationModel`:

* a :class:`mesa.Model` whose people are Mesa agents (:class:`PopulationAgent`, a
  :class:`~mesa.discrete_space.FixedAgent`) on a :class:`mesa.discrete_space.Network` built from the
  CSR adjacency (:class:`~simulations.core.space.CSRNetwork`), or on no cell under complete mixing
  (``network="complete"``: everyone can meet everyone, no graph is built);
* the population's state lives in NumPy arrays owned by the model, one slot per person
  (``agent.index``); agents read and write their slot, so both engines see the same world;
* ``engine="vectorized"`` (default) updates everyone with NumPy/SciPy operations,
  ``engine="agents"`` runs the readable per-agent rule; a model that also has a compiled kernel
  lists ``"compiled"`` in :attr:`PopulationModel.engines` and uses it only when asked;
* one constructor shape: ``Model(graph=None, *, network, n, network_params, <the model's
  parameters>, <initial state and per-person values>, fixed_nodes, engine, agent_class, seed)``,
  every argument checked (:class:`~simulations.core.errors.SimulationInputError` naming it);
* ``run(steps, until_converged=False)`` returns :meth:`results`, a tidy DataFrame with one row per
  recorded step and a ``step`` column; the step counter is Mesa's own ``model.steps``.

:class:`DiscreteStateModel` adds what the models with a few discrete states per person (the hoax
model, the rumour models) share: the ``int8`` state array, the initial placement
(:func:`place_initial`, also used by the array-only mode), counts and shares per state
(:func:`state_frame`), the Mesa reporters and the absorbing-state stop.

Pairwise asynchronous models (Deffuant–Weisbuch, algorithmic bias, the rumour models) do a *sweep*
of N random pair meetings per step. They share :func:`conflict_free_rounds` /
:func:`conflict_free_schedule`, which split the sweep's meetings into rounds of disjoint pairs such
that applying the rounds one after the other gives exactly the result of applying the meetings one
at a time in the drawn order. Both engines draw the same random numbers per sweep
(:meth:`PopulationModel.draw_initiators`).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator, Mapping, Sequence
from enum import IntEnum
from typing import TYPE_CHECKING, Any, ClassVar

import mesa
import networkx as nx
import numpy as np
import pandas as pd
from mesa.discrete_space import FixedAgent

from simulations.core.errors import NetworkError, ParameterError
from simulations.core.networks import NETWORKS, build_network, check_graph, to_csr
from simulations.core.params import (
    ParamTable,
    as_float_array,
    check_flag,
    check_per_person,
    check_range,
    check_seed,
    check_size,
    check_steps,
)
from simulations.core.space import CSRNetwork, paused_gc

if TYPE_CHECKING:
    from mesa.discrete_space import Cell

__all__ = [
    "BYTES_PER_PERSON",
    "COMPLETE",
    "ENGINES",
    "DiscreteStateModel",
    "PopulationAgent",
    "PopulationModel",
    "arguments_of",
    "check_network_arguments",
    "check_node_indices",
    "node_index",
    "conflict_free_rounds",
    "conflict_free_schedule",
    "place_initial",
    "state_count",
    "state_frame",
]

ENGINES = ("vectorized", "agents")
"""The two engines every model offers (some add ``"compiled"``, see ``Model.engines``)."""

SEQUENTIAL_BELOW = 48
"""Pair rounds smaller than this end the vectorised peeling; the rest run in a Python loop."""

COMPLETE = "complete"
"""``network=COMPLETE`` selects complete mixing (no graph; everyone may meet everyone)."""

BYTES_PER_PERSON = 4096
"""Memory one person of a Mesa model needs (agent, cell, arrays, a few ties), generously."""


# ---------------------------------------------------------------------------------- arguments
def arguments_of(function: Callable[..., Any], namespace: Mapping[str, Any]) -> dict[str, Any]:
    """Return the keyword arguments of ``function`` found in ``namespace`` (e.g. ``locals()``).

    Subclass constructors list every argument explicitly (for IDEs and ``help()``) and hand the
    base class its own ones with ``super().__init__(**arguments_of(Base.__init__, locals()))``
    instead of repeating them one per line.
    """
    names = [
        p.name
        for p in inspect.signature(function).parameters.values()
        if p.name != "self" and p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)
    ]
    return {name: namespace[name] for name in names if name in namespace}


def check_network_arguments(
    graph: Any,
    network: Any,
    n: Any,
    network_params: Any,
    *,
    bytes_each: float,
    complete_ok: bool = True,
) -> tuple[nx.Graph | None, int]:
    """Check the network arguments every model takes and return ``(graph, number of people)``.

    Args:
        graph: None or an undirected networkx graph (see :func:`~simulations.core.networks.check_graph`).
        network: A key of :data:`~simulations.core.networks.NETWORKS` (or ``"complete"`` when
            ``complete_ok``), used when ``graph`` is None.
        n: Number of people when ``graph`` is None: a whole number >= 2 that fits in memory.
        network_params: None or a dict of builder parameters.
        bytes_each: Memory one person needs, for the upper limit on ``n``.
        complete_ok: Whether ``network="complete"`` is allowed.

    Raises:
        NetworkError, ParameterError: naming the argument.
    """
    graph = check_graph(graph)
    if graph is not None:
        size = check_size(
            graph.number_of_nodes(), "graph", "Jumlah orang di jaringan", minimum=1,
            bytes_each=bytes_each,
        )  # fmt: skip
        return graph, size
    kinds = [*NETWORKS, COMPLETE] if complete_ok else list(NETWORKS)
    if not isinstance(network, str) or network not in kinds:
        raise NetworkError(
            f"unknown network kind {network!r} (network); choose one of {kinds}",
            f"Jenis jaringan '{network}' tidak dikenal. Pilihan: {', '.join(kinds)}.",
            field="network",
        )
    size = check_size(n, "n", "Jumlah orang", minimum=2, bytes_each=bytes_each)
    if network_params is not None and not isinstance(network_params, Mapping):
        raise ParameterError(
            f"network_params={network_params!r} must be a dict of builder parameters",
            "Parameter jaringan (network_params) harus berupa kamus {nama: nilai}.",
            field="network_params",
        )
    if network != COMPLETE:
        NETWORKS[network].params.validate(network_params or {})
    elif network_params:
        raise ParameterError(
            'network_params must be empty with network="complete" (no network is built)',
            "network_params harus kosong untuk pencampuran penuh (network='complete').",
            field="network_params",
        )
    return None, size


# ---------------------------------------------------------------------------------- placement
def node_index(index: Mapping[Any, int], node: Any, name: str) -> int:
    """Return ``index[node]``, or raise :class:`ParameterError` naming ``name`` for an unknown node."""
    try:
        return index[node]
    except (KeyError, TypeError):
        raise ParameterError(
            f"{name}: node {node!r} is not in the network",
            f"{name}: simpul {node!r} tidak ada di jaringan.",
            field=name,
        ) from None


def check_node_indices(nodes: Any, size: int, name: str) -> np.ndarray:
    """Return row indices ``0 … size-1`` as an ``int64`` array (for the array-only mode).

    Accepts a list, tuple or NumPy array of whole numbers, each at most once.

    Raises:
        ParameterError: naming ``name`` for a single number, text, fractions, repeats or an index
            out of range.
    """
    if isinstance(nodes, str | bytes | Mapping) or np.ndim(nodes) != 1:
        raise ParameterError(
            f"{name} must be a list of person indices, e.g. [0, 5], not {nodes!r}",
            f"{name} harus berupa daftar nomor orang, misalnya [0, 5], bukan {nodes!r}.",
            field=name,
        )
    arr = np.asarray(nodes)
    if arr.size and arr.dtype.kind not in "iu":
        raise ParameterError(
            f"{name} must hold whole person indices in [0, {size - 1}]",
            f"{name} harus berisi nomor orang (bilangan bulat) antara 0 dan {size - 1}.",
            field=name,
        )
    arr = arr.astype(np.int64)
    if arr.size and (arr.min() < 0 or arr.max() >= size):
        raise ParameterError(
            f"{name}: index out of range [0, {size - 1}]",
            f"{name}: nomor orang di luar rentang [0, {size - 1}].",
            field=name,
        )
    _check_unique(arr, name)
    return arr


def _check_unique(idx: np.ndarray, name: str) -> None:
    if np.unique(idx).size != idx.size:
        raise ParameterError(
            f"{name} names the same person more than once",
            f"{name} menyebut orang yang sama lebih dari sekali.",
            field=name,
        )


def place_initial(
    rng: np.random.Generator,
    size: int,
    groups: Sequence[tuple[int, np.ndarray | None, int, str, str]],
) -> np.ndarray:
    """Return the initial ``int8`` state array: given people first, the rest drawn at random.

    Every group is ``(state, given, count, nodes_name, count_name)``: the people in ``given``
    (array indices, or None) start in ``state``; without ``given``, ``count`` people do, drawn
    uniformly without replacement from those not given to any group — all groups' draws in one
    ``rng.choice`` call, in group order. Everyone else is in state 0. The Mesa models and the
    array-only mode both call this, so the same seed places the same people.

    Raises:
        ParameterError: a person given to two groups (naming the later group's ``nodes_name``),
            or more people asked for than there are (naming the first ``count_name``).
    """
    taken = np.zeros(size, dtype=bool)
    extras = []
    for _, given, count, nodes_name, _ in groups:
        if given is None:
            extras.append(int(count))
            continue
        if taken[given].any():
            raise ParameterError(
                f"{nodes_name}: a person cannot start in two states",
                f"{nodes_name}: satu orang tidak bisa memulai dalam dua keadaan sekaligus.",
                field=nodes_name,
            )
        taken[given] = True
        extras.append(0)
    wanted = int(taken.sum()) + sum(extras)
    if wanted > size:
        names = " + ".join(g[4] for g in groups)
        # name the first group whose people no longer fit
        running = int(taken.sum())
        culprit = groups[-1][4]
        for (_, given, _, _, count_name), extra in zip(groups, extras, strict=True):
            running += extra
            if given is None and running > size:
                culprit = count_name
                break
        raise ParameterError(
            f"{names} = {wanted} exceeds the {size} people in the network ({culprit} is too large)",
            f"Jumlah orang pada keadaan awal ({wanted}) melebihi jumlah orang di jaringan ({size}).",
            field=culprit,
        )
    state = np.zeros(size, dtype=np.int8)
    draw = rng.choice(np.flatnonzero(~taken), size=sum(extras), replace=False)
    start = 0
    for (value, given, _, _, _), extra in zip(groups, extras, strict=True):
        picked = draw[start : start + extra]
        start += extra
        state[given if given is not None else picked] = value
    return state


def state_frame(history: np.ndarray, columns: Sequence[str], size: int) -> pd.DataFrame:
    """Return the tidy table of counts per state: ``step``, one count column per state, shares.

    Args:
        history: ``(steps + 1, states)`` counts, row 0 the initial state.
        columns: English snake_case name of each state, e.g. ``("susceptible", "believer", …)``.
        size: Number of people (for the ``share_<state>`` columns).
    """
    df = pd.DataFrame(np.asarray(history), columns=list(columns))
    df.insert(0, "step", np.arange(len(df)))
    for col in columns:
        df[f"share_{col}"] = df[col] / size
    return df


def state_count(state: IntEnum) -> Callable[[DiscreteStateModel], int]:
    """Return a Mesa model reporter counting the people in ``state``."""

    def count(model: DiscreteStateModel) -> int:
        return int(model.counts[state])

    count.__name__ = f"count_{state.name.lower()}"
    count.__doc__ = f"Number of people in state {state.name.lower()}."
    return count


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


# ---------------------------------------------------------------------------------- models
class PopulationModel(mesa.Model):
    """Common set-up of every network model: network or complete mixing, agents, engines, seeding.

    Args:
        graph: The social network (undirected networkx graph). If None, one is built from
            ``network``, ``n`` and ``network_params`` with the model's seed.
        network: Network kind when ``graph`` is None (see :data:`simulations.core.networks.NETWORKS`),
            or ``"complete"`` for complete mixing (no graph).
        n: Number of people when ``graph`` is None (>= 2, at most what fits in memory).
        network_params: Builder parameters when ``graph`` is None.
        engine: One of :attr:`engines`; ``"vectorized"`` by default.
        seed: Random seed, None or a whole number >= 0; the same seed gives identical results.

    Attributes:
        seed: The seed given (None: fresh entropy).
        graph: The networkx graph, or None under complete mixing.
        adjacency: CSR adjacency (float32, int32 indices), or None under complete mixing.
        nodes: Node labels in array order.
        num_people: N.
        edge_rows: Row index of every stored CSR entry (``int64``; None under complete mixing).
        degree: ``int64`` array of degrees (N−1 for everyone under complete mixing).
        complete: True under complete mixing.
        steps: Mesa's step counter (number of steps done).
        converged: Whether the model has reached its stopping condition (see the subclass).
    """

    params: ClassVar[ParamTable]
    engines: ClassVar[tuple[str, ...]] = ENGINES
    """The engines this model offers."""
    bytes_per_step: ClassVar[float] = 512.0
    """Memory one recorded step needs (results row and DataCollector entry), bounds ``run``."""
    bytes_per_person: ClassVar[float] = BYTES_PER_PERSON
    """Memory one person needs, bounds ``n``."""
    complete_ok: ClassVar[bool] = True
    """Whether the model runs under complete mixing (``network="complete"``)."""

    def __init__(
        self,
        graph: nx.Graph | None = None,
        *,
        network: str = "scale_free",
        n: int = 1000,
        network_params: Mapping[str, Any] | None = None,
        engine: str = "vectorized",
        seed: int | None = None,
    ) -> None:
        seed = check_seed(seed)
        super().__init__(seed=seed)
        self.seed = seed
        if not isinstance(engine, str) or engine not in self.engines:
            raise ParameterError(
                f"engine={engine!r} must be one of {self.engines}",
                f"Mesin simulasi '{engine}' tidak dikenal; pilih salah satu dari {', '.join(self.engines)}.",
                field="engine",
            )
        self.engine = engine
        graph, n = check_network_arguments(
            graph,
            network,
            n,
            network_params,
            bytes_each=self.bytes_per_person,
            complete_ok=self.complete_ok,
        )
        self.complete = graph is None and network == COMPLETE
        if self.complete:
            self.graph = None
            self.adjacency = None
            self.nodes = list(range(n))
            self.num_people = n
            self.degree = np.full(n, n - 1, dtype=np.int64)
            self.edge_rows = None
        else:
            if graph is None:
                graph = build_network(network, n=n, seed=seed, **dict(network_params or {}))
            self.graph = graph
            self.adjacency, self.nodes = to_csr(graph)
            self.num_people = len(self.nodes)
            self.degree = np.diff(self.adjacency.indptr).astype(np.int64)
            # row index of every stored CSR entry: (edge_rows[k], adjacency.indices[k]) is a tie
            self.edge_rows = np.repeat(np.arange(self.num_people, dtype=np.int64), self.degree)
        self._index = {node: i for i, node in enumerate(self.nodes)}
        self.converged = False

    def _make_agents(self, agent_class: type) -> None:
        """Create one agent per person (on the network's cells unless complete mixing)."""
        if not (isinstance(agent_class, type) and issubclass(agent_class, PopulationAgent)):
            raise ParameterError(
                f"agent_class={agent_class!r} must be a subclass of PopulationAgent",
                "agent_class harus kelas turunan PopulationAgent.",
                field="agent_class",
            )
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

    # ------------------------------------------------------------------ input helpers
    def index_of(self, node: Any, name: str = "node") -> int:
        """Return the array index of a node, with a clear error for an unknown node."""
        return node_index(self._index, node, name)

    def indices_of(self, nodes: Any, name: str) -> np.ndarray:
        """Return the array indices of several nodes (a list, tuple, set or NumPy array).

        None gives an empty array. A single node (not in a list), text, an unknown node or the
        same node twice raises :class:`ParameterError` naming ``name``.
        """
        if nodes is None:
            return np.zeros(0, dtype=np.int64)
        if (
            isinstance(nodes, str | bytes | Mapping)
            or not hasattr(nodes, "__iter__")
            or (isinstance(nodes, np.ndarray) and nodes.ndim != 1)
        ):
            raise ParameterError(
                f"{name} must be a list of nodes, e.g. [0, 5], not {nodes!r}",
                f"{name} harus berupa daftar simpul, misalnya [0, 5], bukan {nodes!r}.",
                field=name,
            )
        idx = np.asarray([self.index_of(v, name) for v in nodes], dtype=np.int64)
        _check_unique(idx, name)
        return idx

    def per_person(self, given: Any, default: float, name: str, lo: float, hi: float) -> np.ndarray:
        """Turn a scalar, a ``{node: value}`` mapping or a sequence into a checked ``float64`` array.

        Raises:
            ParameterError: text or complex values, wrong length, or a value outside ``[lo, hi]``
                (NaN included).
        """
        size = self.num_people
        if given is None:
            arr = np.full(size, default, dtype=np.float64)
        elif isinstance(given, Mapping):
            arr = np.full(size, default, dtype=np.float64)
            idx = [self.index_of(node, name) for node in given]
            arr[idx] = as_float_array(list(given.values()), name)
        elif np.ndim(given) == 0 and not isinstance(given, str | bytes):
            arr = np.full(size, as_float_array([given], name)[0], dtype=np.float64)
        else:
            return check_per_person(given, size, name, lo, hi)
        check_range(arr, name, lo, hi)
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

    # ------------------------------------------------------------------ running
    def check_run_steps(self, steps: Any) -> int:
        """Return ``steps`` checked: a whole number >= 0 whose records fit in memory."""
        return check_steps(steps, bytes_each=self.bytes_per_step)

    def run(self, steps: int = 100, *, until_converged: bool = False) -> pd.DataFrame:
        """Run up to ``steps`` steps and return :meth:`results`.

        It stops after exactly ``steps`` calls of :meth:`step`; with ``until_converged=True`` it
        stops earlier, before the first step that would start with ``converged`` already True
        (the model's stopping condition, stated in its docstring), so the last row of the results
        is the first converged state.

        Args:
            steps: Most steps to run, a whole number >= 0 (bounded by memory for the records).
            until_converged: Stop once the model has converged.
        """
        steps = self.check_run_steps(steps)
        until_converged = check_flag(until_converged, "until_converged")
        for _ in range(steps):
            if until_converged and self.converged:
                break
            self.step()
        return self.results()

    def results(self) -> pd.DataFrame:  # pragma: no cover - abstract
        """Return one row per recorded step (``step`` column first)."""
        raise NotImplementedError


class DiscreteStateModel(PopulationModel):
    """Base of the models in which every person is in one of a few discrete states.

    Subclasses declare ``state_enum`` (an :class:`~enum.IntEnum` starting at 0), ``state_columns``
    (English snake_case name of each state, for :meth:`results`), ``reporters`` (Mesa reporter
    names → functions), implement :meth:`step` (calling :meth:`_after_step` at its end) and
    :meth:`_absorbed` (nothing can change any more).

    Attributes:
        state: ``int8`` array of state values, one per person (index = ``agent.index``).
        counts: Current number of people per state.
        converged: True once the state is absorbing (:meth:`_absorbed`); ``running`` is its
            negation.
        datacollector: Mesa DataCollector with the counts per step.
    """

    state_enum: ClassVar[type[IntEnum]]
    state_columns: ClassVar[tuple[str, ...]]
    reporters: ClassVar[dict[str, Callable[[Any], Any]]]
    bytes_per_step: ClassVar[float] = 1024.0

    def _start(self, state: np.ndarray, agent_class: type) -> None:
        """Take the initial ``state``, create the agents and record step 0."""
        self.state = state
        self._track()
        self.counts = np.bincount(self.state, minlength=len(self.state_columns))
        self._make_agents(agent_class)
        self._reset_records()

    def _reset_records(self) -> None:
        self.counts = np.bincount(self.state, minlength=len(self.state_columns))
        self._history: list[np.ndarray] = [self.counts.copy()]
        self.datacollector = mesa.DataCollector(model_reporters=dict(self.reporters))
        self.datacollector.collect(self)
        self.converged = self._absorbed()
        self.running = not self.converged

    def _track(self) -> None:
        """Update per-person records after a change of state (e.g. who ever believed)."""

    def _absorbed(self) -> bool:  # pragma: no cover - abstract
        raise NotImplementedError

    def _after_step(self) -> None:
        """Count, record and check for the absorbing state (the end of every :meth:`step`)."""
        self._track()
        self.counts = np.bincount(self.state, minlength=len(self.state_columns))
        self._history.append(self.counts.copy())
        self.datacollector.collect(self)
        self.converged = self._absorbed()
        self.running = not self.converged

    def results(self) -> pd.DataFrame:
        """Return counts and shares per state for every recorded step (step 0 = initial state).

        Columns: ``step``, one count per state (``state_columns``), then ``share_<state>``.
        """
        return state_frame(np.asarray(self._history), self.state_columns, self.num_people)

    def states_by_node(self) -> dict[Any, IntEnum]:
        """Return ``{node: state}`` for drawing the network coloured by state."""
        enum = self.state_enum
        return {node: enum(int(s)) for node, s in zip(self.nodes, self.state, strict=True)}
