"""The template of every model: one ``step()``, the engines, fixed people, seeding and recording.

A model is a :class:`PopulationModel` (a :class:`mesa.Model`) whose people are Mesa agents
(:class:`PopulationAgent`) on a :class:`mesa.discrete_space.Network` built from the model's
network, or on no cell under complete mixing. Everyone's state lives in one NumPy array,
``model.state`` (one slot per person, ``agent.index``); agents read and write their slot, so both
engines see the same world.

Writing a model — the whole contract (the handbook's guide *Writing a new model*,
``book/panduan_peneliti/menulis_model.md``, builds an SIS model in under 60 lines; families add
little: :mod:`simulations.models.discrete` for a few discrete states,
:mod:`simulations.models.opinion.base` for continuous opinions):

1. Declare ``params``, a :class:`~simulations.core.params.ParamTable` (one row per parameter:
   range, default, Indonesian label), and optionally ``default_network``, ``engines``,
   ``engine_agreement`` and ``agent_class``.
2. Write ``__init__`` with explicit keyword arguments and hand them to the template in one call:
   ``super().__init__({name: value, …}, network, n, fixed_nodes, engine, agent_class, seed)``.
   The template validates the values against ``params`` (``self.parameters``), checks the seed,
   the engine, the network (:func:`~simulations.core.network_choice.choose_network`) and
   ``fixed_nodes``, builds the network, the per-person state and the agents, and records step 0.
3. Provide the hooks (all public, all documented below):

   * :meth:`PopulationModel.setup` — optional per-person arrays or matrices the rule needs;
   * :meth:`PopulationModel.initial_state` — the state array at step 0;
   * :meth:`PopulationModel.vectorized_step` — the rule for everyone at once (NumPy);
   * the per-agent rule, for ``engine="agents"``: :meth:`PopulationAgent.decide` (the template's
     :meth:`PopulationModel.agents_step` asks every agent to ``decide`` from the state at ``t``,
     then to ``advance``: a synchronous update), or your own :meth:`PopulationModel.agents_step`
     for another update scheme (e.g. a sweep of random pair meetings);
   * :meth:`PopulationModel.is_converged` — the stopping condition (default: never);
   * :meth:`PopulationModel.reporters` — the results columns (the family gives sensible ones);
   * :meth:`PopulationModel.observe` — optional per-step bookkeeping before recording.

What the template does, every :meth:`PopulationModel.step`: run the chosen engine's rule, put
fixed people back to their state (``fixed_nodes`` never change, whatever the rule did), set Mesa's
``time`` (``steps × step_duration``), test convergence (``converged``; ``running`` is its
negation, so Mesa's ``batch_run`` stops there too) and record one row with Mesa's DataCollector.
:meth:`PopulationModel.run` *continues* the model (Mesa's meaning: ``run(10)`` twice is
``run(20)``) and returns :meth:`PopulationModel.results`, which is the DataCollector's table with
a ``step`` column in front.

Engines: ``engine="vectorized"`` (default) calls :meth:`PopulationModel.vectorized_step`,
``engine="agents"`` calls :meth:`PopulationModel.agents_step`; a model may offer more (e.g.
``"compiled"`` → ``compiled_step``) by listing them in ``engines``. ``engine_agreement`` states
what two engines share for the same seed: ``"identical"`` (bit for bit), ``"rounding"`` (the same
trajectory up to floating-point summation order) or ``"statistical"`` (the same stochastic process,
different draws); the shared contract tests check it.

Limits: ``n`` is bounded by memory (half of the machine's memory unless ``TANGGUH_MEMORY_BUDGET``
says otherwise) and ``run`` by memory and by the work it would do, people × steps, at most
10^10 person-steps unless ``run(…, max_work=…)`` allows more on purpose
(:func:`~simulations.core.limits.check_work`); the messages name the limit and how to raise it.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping, Sequence
from enum import IntEnum
from typing import TYPE_CHECKING, Any, ClassVar

import mesa
import numpy as np
import pandas as pd
from mesa.discrete_space import FixedAgent, Network

from simulations.core.errors import ParameterError, check_known
from simulations.core.limits import check_work
from simulations.core.network_choice import COMPLETE, NetworkChoice, choose_network
from simulations.core.params import (
    ParamTable,
    as_float_array,
    check_flag,
    check_per_person,
    check_range,
    check_seed,
    check_steps,
)
from simulations.core.space import cells_in_order, paused_gc

if TYPE_CHECKING:
    from mesa.discrete_space import Cell

__all__ = [
    "AGREEMENTS",
    "BYTES_PER_PERSON",
    "COMPLETE",
    "ENGINES",
    "PopulationAgent",
    "PopulationModel",
    "node_index",
]

ENGINES = ("vectorized", "agents")
"""The two engines every model offers (some add ``"compiled"``, see ``Model.engines``)."""

AGREEMENTS = ("identical", "rounding", "statistical")
"""What two engines of one model share for the same seed (``Model.engine_agreement``)."""

BYTES_PER_PERSON = 4096
"""Memory one person of a Mesa model needs (agent, cell, arrays, a few ties), generously."""


# ---------------------------------------------------------------------------------- agents
class PopulationAgent(FixedAgent):
    """A person: sits on a network cell (or none under complete mixing); its state is a slot.

    The agent owns no state of its own: :attr:`state` reads and writes ``model.state[index]``, so
    the per-agent rule and the vectorised rule act on the same world. Subclass it to write the
    per-agent rule (:meth:`decide`, or any method your :meth:`PopulationModel.agents_step` calls)
    and pass the subclass as ``agent_class``.

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
        self.next_state: Any = None

    @property
    def state(self) -> Any:
        """This person's state: a member of ``model.state_enum``, or a float (e.g. an opinion)."""
        value = self.model.state[self.index]
        enum = self.model.state_enum
        return enum(int(value)) if enum is not None else float(value)

    @state.setter
    def state(self, value: Any) -> None:
        # writes to a fixed person's state are ignored: fixed people never change
        if not self.model.fixed[self.index]:
            self.model.state[self.index] = value

    @property
    def fixed(self) -> bool:
        """Whether this person's state never changes (``fixed_nodes``)."""
        return bool(self.model.fixed[self.index])

    def decide(self) -> None:
        """Choose ``next_state`` from the states at ``t`` (the per-agent rule of a synchronous model)."""
        raise NotImplementedError(f"{type(self).__name__} has no per-agent rule (decide)")

    def advance(self) -> None:
        """Take the state chosen in :meth:`decide` (everyone advances after everyone decided)."""
        self.state = self.next_state

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


# ---------------------------------------------------------------------------------- model
class PopulationModel(mesa.Model):
    """The template: network or complete mixing, agents, engines, fixed people, seeding, records.

    The arguments are those of the template's ``__init__``, which the model's own ``__init__``
    calls once with its validated keywords.

    Args:
        parameters: The model's parameter values, validated against :attr:`params`.
        network: The network (see :func:`~simulations.core.network_choice.choose_network`):
            None (the model's :attr:`default_network`), a kind such as ``"small_world"``,
            ``"complete"``, a :class:`~simulations.core.network_choice.NetworkChoice`, a
            ``{"kind": …, "n": …, <builder parameters>}`` dict, a networkx graph or a sparse
            adjacency. Built with the model's seed.
        n: Number of people (None: the default, or the size of a ready network; a different
            ``n`` than a ready network's is refused).
        fixed_nodes: Nodes whose state never changes (zealots, permanent fact-checkers, …).
        engine: One of :attr:`engines`; ``"vectorized"`` by default.
        agent_class: The agent class of the agents engine (None: the model's :attr:`agent_class`).
        seed: Random seed, None or a whole number >= 0; the same seed gives identical results.

    Attributes:
        parameters: The validated parameter values.
        seed: The seed given (None: fresh entropy).
        network: The :class:`~simulations.core.network_choice.NetworkChoice` the model runs on.
        graph: The networkx graph (the same object as the Mesa space's ``grid.G``), or None under
            complete mixing.
        adjacency: CSR adjacency (float32, int32 indices), or None under complete mixing.
        nodes: Node labels in array order; ``num_people`` = N.
        degree: ``int64`` degrees (N−1 for everyone under complete mixing).
        edge_rows: Row of every stored CSR entry (None under complete mixing).
        complete: True under complete mixing.
        grid: The Mesa network space, or None under complete mixing.
        people: The agents in index order (``model.agents`` is Mesa's AgentSet of them).
        state: The per-person state array (index = ``agent.index``).
        fixed: ``bool`` array; True keeps a person's state.
        previous: The state before the last step (None at step 0, or when ``keeps_previous`` is
            False and nobody is fixed).
        steps, time: Mesa's step counter and clock (``time = steps × step_duration``).
        converged: Whether the stopping condition holds; ``running`` is its negation.
        datacollector: Mesa DataCollector with one column per :meth:`reporters` entry.
    """

    params: ClassVar[ParamTable]
    """The model's parameter table."""
    default_network: ClassVar[NetworkChoice] = NetworkChoice("scale_free", 1000)
    """The network when none is given (``n`` alone changes its size)."""
    engines: ClassVar[tuple[str, ...]] = ENGINES
    """The engines this model offers."""
    engine_agreement: ClassVar[str] = "identical"
    """What the engines share for one seed: one of :data:`AGREEMENTS`."""
    agent_class: ClassVar[type[PopulationAgent]] = PopulationAgent
    """The default agent class of the agents engine."""
    state_enum: ClassVar[type[IntEnum] | None] = None
    """For discrete states: the IntEnum of the states (agents then read members, not numbers)."""
    complete_ok: ClassVar[bool] = True
    """Whether the model runs under complete mixing (``network="complete"``)."""
    only_networks: ClassVar[tuple[str, ...] | None] = None
    """The only network kinds the model runs on (None: every kind and ready networks)."""
    uses_agents: ClassVar[bool] = True
    """False for array-only models (no Mesa agents or space; millions of people)."""
    snapshot_arrays: ClassVar[tuple[str, ...]] = ("state", "fixed")
    """Per-person arrays that :meth:`snapshot` / :meth:`restore` keep."""
    keeps_previous: ClassVar[bool] = True
    """Whether :attr:`previous` is kept every step (False saves a copy when nobody needs it)."""
    step_duration: float = 1.0
    """Model time one step stands for (``time = steps × step_duration``)."""
    bytes_per_person: ClassVar[float] = BYTES_PER_PERSON
    """Memory one person needs, bounds ``n``."""
    bytes_per_step: ClassVar[float] = 1024.0
    """Memory one recorded step needs, bounds ``run``."""

    def __init__(
        self,
        parameters: Mapping[str, Any],
        network: Any,
        n: int | None,
        fixed_nodes: Sequence[Any] | None,
        engine: str,
        agent_class: type[PopulationAgent] | None,
        seed: int | None,
    ) -> None:
        values = self.params.validate(parameters)
        seed = check_seed(seed)
        super().__init__(seed=seed)
        self.parameters = values
        self.seed = seed
        self.engine = check_known(engine, self.engines, "engine", "Mesin simulasi")
        self._engine_step: Callable[[], None] = getattr(self, f"{engine}_step")
        self.network = choose_network(
            network,
            n,
            default=self.default_network,
            bytes_each=self.bytes_per_person,
            complete_ok=self.complete_ok,
            only=self.only_networks,
        )
        self.complete = self.network.complete
        built = self.network.build(seed, need_graph=self.uses_agents)
        self.graph = built.graph
        self.nodes = built.nodes
        self.num_people = len(self.nodes)
        # nodes 0 … N-1 given as a range (complete mixing, adjacencies) need no lookup table
        self._index = (
            None if isinstance(self.nodes, range) else {v: i for i, v in enumerate(self.nodes)}
        )
        self.set_adjacency(built.adjacency)
        self.fixed = np.zeros(self.num_people, dtype=bool)
        self.fixed[self.indices_of(fixed_nodes, "fixed_nodes")] = True
        self.time = 0.0
        self.previous: np.ndarray | None = None
        self.converged = False
        self.setup()
        self.state = self.initial_state()
        self._make_agents(type(self).agent_class if agent_class is None else agent_class)
        self._start_records()

    # ------------------------------------------------------------------ hooks
    def setup(self) -> None:
        """Hook: build per-person arrays or matrices the rule needs (before :meth:`initial_state`)."""

    def initial_state(self) -> np.ndarray:
        """Hook: return the per-person state array at step 0 (one slot per person)."""
        raise NotImplementedError(f"{type(self).__name__} must define initial_state()")

    def vectorized_step(self) -> None:
        """Hook: update ``self.state`` for everyone at once (the rule in NumPy)."""
        raise NotImplementedError(f"{type(self).__name__} must define vectorized_step()")

    def agents_step(self) -> None:
        """Hook: the per-agent engine. By default synchronous: all ``decide``, then all ``advance``.

        Agents act in index order, so they draw random numbers in the order the vectorised rule
        draws them. Override it for another update scheme (e.g. a sweep of pair meetings).
        """
        self.agents.do("decide")
        self.agents.do("advance")

    def is_converged(self) -> bool:
        """Hook: return True once the stopping condition holds (default: never)."""
        return False

    def observe(self) -> None:
        """Hook: update per-step bookkeeping (counts, who was ever reached) before recording."""

    def reporters(self) -> dict[str, Callable[[Any], Any]]:
        """Hook: the results columns, ``{column: function(model) -> value}`` (Mesa reporters)."""
        return {}

    # ------------------------------------------------------------------ the template
    def step(self) -> None:
        """Advance one step with the chosen engine, keep fixed people, then test and record."""
        fixed = self.fixed
        any_fixed = fixed.any()
        before = self.state.copy() if any_fixed or self.keeps_previous else None
        self._engine_step()
        if any_fixed:
            self.state[fixed] = before[fixed]
        self.previous = before
        self._record()

    def _record(self) -> None:
        self.time = self.steps * self.step_duration
        self.observe()
        self.converged = bool(self.is_converged())
        self.running = not self.converged
        self.datacollector.collect(self)

    def _start_records(self) -> None:
        self.datacollector = mesa.DataCollector(model_reporters=self.reporters())
        self._record()

    def bytes_per_record(self) -> float:
        """Memory one recorded step needs (results row and DataCollector entry), bounds ``run``."""
        return self.bytes_per_step

    def check_run_steps(self, steps: Any, max_work: Any = None) -> int:
        """Return ``steps`` checked: a whole number >= 0 whose records fit in memory and whose
        work, people × steps, is within ``max_work`` (default 10^10 person-steps)."""
        steps = check_steps(steps, bytes_each=self.bytes_per_record())
        check_work([self.num_people], steps, 1, max_work)
        return steps

    def run(
        self, steps: int = 100, *, until_converged: bool = False, max_work: Any = None
    ) -> pd.DataFrame:
        """Continue the model for up to ``steps`` steps and return :meth:`results`.

        Like Mesa, a run continues from where the model is: ``run(10)`` then ``run(5)`` is
        ``run(15)``, and the results hold every step since step 0 (:meth:`restore` starts over).
        It stops after exactly ``steps`` calls of :meth:`step`; with ``until_converged=True``
        earlier, before the first step that would start with ``converged`` already True (the
        model's stopping condition, stated in its docstring), so the last row of the results is
        the first converged state.

        Args:
            steps: Most steps to run, a whole number >= 0 (bounded by memory and work).
            until_converged: Stop once the model has converged.
            max_work: Most person-steps (people × steps) this call may do: None for the default
                10^10 (:mod:`simulations.core.limits`), a larger number or ``math.inf`` to run
                more on purpose.
        """
        steps = self.check_run_steps(steps, max_work)
        until_converged = check_flag(until_converged, "until_converged")
        for _ in range(steps):
            if until_converged and self.converged:
                break
            self.step()
        return self.results()

    def results(self) -> pd.DataFrame:
        """Return one row per recorded step: ``step`` (0 = initial state), then every reporter.

        This is the DataCollector's table (``datacollector.model_vars``) with a ``step`` column
        in front, built from arrays (about three times faster than from the lists).
        """
        columns = {k: np.asarray(v) for k, v in self.datacollector.model_vars.items()}
        rows = len(next(iter(columns.values()))) if columns else 0
        return pd.DataFrame({"step": np.arange(rows, dtype=np.int64), **columns}, copy=False)

    @classmethod
    def summarise(cls, frame: pd.DataFrame) -> dict[str, float]:
        """Summarise one run's results (for sweeps): the final value of every numeric column."""
        return {
            f"final_{c}": float(frame[c].iloc[-1])
            for c in frame.columns
            if c != "step" and pd.api.types.is_numeric_dtype(frame[c])
        }

    def snapshot(self) -> dict[str, Any]:
        """Capture what a run changes: :attr:`snapshot_arrays` and both random generators' states.

        With :meth:`restore` a model can be re-run from the same start (e.g. one scenario after
        another on common random numbers) without rebuilding its agents and network space.
        """
        return {
            "arrays": {name: getattr(self, name).copy() for name in self.snapshot_arrays},
            "rng": copy.deepcopy(self.rng.bit_generator.state),
            "random": self.random.getstate(),
        }

    def restore(self, snapshot: dict[str, Any]) -> None:
        """Put the model back into the state captured by :meth:`snapshot`: step 0, fresh records."""
        for name, values in snapshot["arrays"].items():
            getattr(self, name)[:] = values
        self.rng.bit_generator.state = snapshot["rng"]
        self.random.setstate(snapshot["random"])
        self.steps = 0
        self.previous = None
        self._start_records()

    # ------------------------------------------------------------------ network
    def set_adjacency(self, adjacency: Any) -> None:
        """Set :attr:`adjacency` and what follows from it (``degree``, ``edge_rows``).

        A model whose ties change (rewiring) calls this after changing them, so the arrays stay
        equal to the Mesa space and the graph.
        """
        n = self.num_people
        self.adjacency = adjacency
        if adjacency is None:
            self.degree = np.full(n, n - 1, dtype=np.int64)
            self.edge_rows = None
            return
        self.degree = np.diff(adjacency.indptr).astype(np.int64)
        # row index of every stored CSR entry: (edge_rows[k], adjacency.indices[k]) is a tie
        self.edge_rows = np.repeat(np.arange(n, dtype=np.int64), self.degree)

    def _make_agents(self, agent_class: type) -> None:
        """Create one agent per person (on the network's cells unless complete mixing)."""
        if not (isinstance(agent_class, type) and issubclass(agent_class, PopulationAgent)):
            raise ParameterError(
                f"agent_class={agent_class!r} must be a subclass of PopulationAgent",
                "agent_class harus kelas turunan PopulationAgent.",
                field="agent_class",
            )
        self.grid: Network | None = None
        self.people: list[PopulationAgent] = []
        if not self.uses_agents:
            return
        with paused_gc():
            cells: Sequence[Any] = [None] * self.num_people
            if not self.complete:
                self.grid = Network(self.graph, capacity=1, random=self.random)
                cells = cells_in_order(self.grid, self.nodes)
            self.people = [agent_class(self, cell, i) for i, cell in enumerate(cells)]

    # ------------------------------------------------------------------ input helpers
    def index_of(self, node: Any, name: str = "node") -> int:
        """Return the array index of a node, with a clear error for an unknown node."""
        return node_index(self.nodes if self._index is None else self._index, node, name)

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
                f"{name} must be a list of nodes, e.g. [0, 5], not {shown(nodes)}",
                f"{name} harus berupa daftar simpul, misalnya [0, 5], bukan {shown(nodes)}.",
                field=name,
            )
        idx = np.asarray([self.index_of(v, name) for v in nodes], dtype=np.int64)
        if np.unique(idx).size != idx.size:
            raise ParameterError(
                f"{name} names the same person more than once",
                f"{name} menyebut orang yang sama lebih dari sekali.",
                field=name,
            )
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


# ---------------------------------------------------------------------------------- helpers
def shown(value: Any, limit: int = 60) -> str:
    """Return ``repr(value)`` cut to ``limit`` characters (user input quoted in a message)."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def node_index(index: Mapping[Any, int] | range, node: Any, name: str) -> int:
    """Return the array index of ``node`` (``index`` maps labels, or is the range of row numbers).

    Raises:
        ParameterError: naming ``name`` for an unknown node.
    """
    try:
        if isinstance(index, range):
            if isinstance(node, bool | np.bool_) or not isinstance(node, int | np.integer):
                raise KeyError(node)
            return index.index(int(node))
        return index[node]
    except (KeyError, TypeError, ValueError):
        raise ParameterError(
            f"{name}: node {shown(node)} is not in the network",
            f"{name}: simpul {shown(node)} tidak ada di jaringan.",
            field=name,
        ) from None
