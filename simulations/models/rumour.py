"""Classic rumour models: Daley–Kendall and Maki–Thompson (ignorant / spreader / stifler).

A rumour stops by itself: spreaders who keep meeting people who already know it lose interest.
In a large well-mixed population both models leave a fraction θ ≈ 0.203 who never hear it, the
root of ``θ = exp(−2(1 − θ))`` (:func:`final_ignorant_share`).

References:
    D. J. Daley, D. G. Kendall (1964). *Epidemics and rumours.* Nature 204:1118.
    doi:10.1038/2041118a0; (1965) *Stochastic rumours.* IMA J. Appl. Math. 1(1):42–55.

    D. P. Maki, M. Thompson (1973). *Mathematical Models and Applications.* Prentice-Hall.

    A. Sudbury (1985). *The proportion of the population never hearing a rumour.* J. Appl.
    Probab. 22(2):443–446 (θ ≈ 0.203 in the large-population limit).

    B. Pittel (1990). *On a Daley–Kendall model of random rumours.* J. Appl. Probab.
    27(1):14–27 (the number who hear it is asymptotically normal, variance linear in N, so the
    share fluctuates ∝ 1/√N).

    M. Nekovee, Y. Moreno, G. Bianconi, M. Marsili (2007). *Theory of rumour spreading in complex
    social networks.* Physica A 374:457–470 (the models on networks).
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any, ClassVar

import numpy as np
from scipy.optimize import brentq

from simulations.core.errors import ParameterError
from simulations.core.formatting import general_id
from simulations.core.params import Param, ParamTable, as_float_array, check_flag
from simulations.models.base import PopulationAgent
from simulations.models.discrete import DiscreteStateModel, state_count
from simulations.models.pairs import (
    SEQUENTIAL_BELOW,
    conflict_free_schedule,
    draw_initiators,
    uniform_partners,
)

__all__ = [
    "RUMOUR_PARAMS",
    "RUMOUR_STATE_LABELS_ID",
    "VARIANTS",
    "RumourAgent",
    "RumourModel",
    "RumourState",
    "count_ignorant",
    "count_spreaders",
    "count_stiflers",
    "final_ignorant_share",
]

VARIANTS = ("maki_thompson", "daley_kendall")
"""The two classic rumour models."""


class RumourState(IntEnum):
    """The three states of the classic rumour models."""

    IGNORANT = 0
    """Has not heard the rumour (*belum dengar*)."""
    SPREADER = 1
    """Knows it and tells it (*penyebar*)."""
    STIFLER = 2
    """Knows it but no longer tells it (*berhenti menyebar*)."""


RUMOUR_STATE_LABELS_ID = {
    RumourState.IGNORANT: "Belum dengar",
    RumourState.SPREADER: "Penyebar",
    RumourState.STIFLER: "Berhenti menyebar",
}
"""Indonesian names of the states, for plots and summaries."""

RUMOUR_PARAMS = ParamTable(
    (
        Param(
            "variant",
            "Jenis model",
            "Maki–Thompson: hanya penyebar yang menelepon dan hanya ia yang bisa berhenti. "
            "Daley–Kendall: pertemuan dua arah; dua penyebar yang bertemu sama-sama berhenti.",
            "maki_thompson",
            kind="choice",
            choices=VARIANTS,
            description="Maki–Thompson (caller-driven) or Daley–Kendall (symmetric meetings).",
        ),
        Param(
            "initial_spreaders",
            "Penyebar awal",
            "Jumlah orang yang mulai menyebarkan desas-desus.",
            1,
            1,
            None,
            1,
            kind="int",
            unit="people",
            description="Number of initial spreaders (placed at random unless nodes are given).",
        ),
    )
)
"""Parameters of :class:`RumourModel`."""

# Transition tables indexed [caller state, callee state] -> new state.
_I, _S, _R = RumourState.IGNORANT, RumourState.SPREADER, RumourState.STIFLER
_MT_CALLER = np.array([[_I, _I, _I], [_S, _R, _R], [_R, _R, _R]], dtype=np.int8)
_MT_CALLEE = np.array([[_I, _S, _R], [_S, _S, _R], [_I, _S, _R]], dtype=np.int8)
_DK_CALLER = np.array([[_I, _S, _I], [_S, _R, _R], [_R, _R, _R]], dtype=np.int8)
_DK_CALLEE = np.array([[_I, _S, _R], [_S, _R, _R], [_I, _R, _R]], dtype=np.int8)
_TABLES = {"maki_thompson": (_MT_CALLER, _MT_CALLEE), "daley_kendall": (_DK_CALLER, _DK_CALLEE)}


count_ignorant = state_count(RumourState.IGNORANT)
count_spreaders = state_count(RumourState.SPREADER)
count_stiflers = state_count(RumourState.STIFLER)


def final_ignorant_share(initial_spreader_share: float = 0.0, double_count: bool = False) -> float:
    """Return the mean-field share of people who never hear the rumour (large, well-mixed N).

    Both models obey (shares ``x`` ignorant, ``s`` spreaders, ``r = 1 − x − s`` stiflers, up to
    a time scale) ``dx/dt = −xs``, ``ds/dt = xs − s² − sr``: an ignorant–spreader meeting makes a
    spreader; a spreader–spreader meeting removes two spreaders (DK: both stop; MT: either of the
    two may be the caller, and each call removes one) but there are only ``s²/2`` such pairs;
    a spreader–stifler meeting removes one. So ``ds/dx = −2 + 1/x`` and, from ``s(x0) = s0``,
    the final share θ solves ``2θ − ln θ = 2x0 − ln x0 + s0`` (θ ≈ 0.2032 for ``s0 → 0``).

    ``double_count=True`` gives the answer of the known mistake of counting spreader–spreader
    meetings twice (e.g. letting every spreader call and turning *both* spreaders into stiflers,
    or writing ``−2s²``): ``ds/dx = −2 + (1+s)/x``, θ ≈ 0.285 — a different answer.

    Args:
        initial_spreader_share: ``s0`` in [0, 1); the rest start ignorant.
        double_count: Return the (wrong) double-counted answer, for teaching.
    """
    s0 = float(as_float_array([initial_spreader_share], "initial_spreader_share")[0])
    check_flag(double_count, "double_count")
    if not 0.0 <= s0 < 1.0:
        raise ParameterError(
            f"initial_spreader_share={s0:g} must lie in [0, 1)",
            f"Porsi penyebar awal ({general_id(s0)}) harus antara 0 dan kurang dari 1.",
            field="initial_spreader_share",
        )
    x0 = 1.0 - s0
    if not double_count:
        const = 2.0 * x0 - np.log(x0) + s0

        def f(t: float) -> float:
            return 2.0 * t - np.log(t) - const

    else:
        # s = x·(C − 2 ln x) − 1 with C = (1 + s0)/x0 + 2 ln x0
        const = (1.0 + s0) / x0 + 2.0 * np.log(x0)

        def f(t: float) -> float:
            return t * (const - 2.0 * np.log(t)) - 1.0

    hi = x0
    if s0 == 0:
        # x = 1 is then a trivial root (nobody ever spreads); bracket the non-trivial one
        hi = 0.5 if not double_count else 0.6
    return float(brentq(f, 1e-12, hi))


class RumourAgent(PopulationAgent):
    """A person in the rumour model; ``state`` (a :class:`RumourState`) is ``model.state[index]``."""

    def call(self, other: RumourAgent) -> None:
        """Meet ``other`` (this person is the caller) and apply the model's rule.

        Maki–Thompson: only a spreading caller acts. It tells an ignorant callee (who becomes a
        spreader); if the callee already knows (spreader or stifler), the caller stops.

        Daley–Kendall: the meeting is symmetric. Spreader + ignorant: the ignorant becomes a
        spreader. Spreader + spreader: *both* stop — one meeting, counted once. Spreader +
        stifler: the spreader stops.
        """
        mine, theirs = self.state, other.state
        if self.model.variant == "maki_thompson":
            if mine is RumourState.SPREADER:
                if theirs is RumourState.IGNORANT:
                    other.state = RumourState.SPREADER
                else:
                    self.state = RumourState.STIFLER
            return
        if RumourState.SPREADER not in (mine, theirs):
            return
        if mine is RumourState.IGNORANT or theirs is RumourState.IGNORANT:
            self.state = other.state = RumourState.SPREADER
        elif mine is RumourState.SPREADER and theirs is RumourState.SPREADER:
            self.state = other.state = RumourState.STIFLER
        else:  # a spreader meets a stifler
            self.state = other.state = RumourState.STIFLER


class RumourModel(DiscreteStateModel):
    """Daley–Kendall or Maki–Thompson rumour spreading, well mixed or on a network.

    Meetings: in every meeting a *caller* (a uniformly random person) meets a *callee* (a
    uniformly random neighbour, or anyone else under complete mixing). See
    :meth:`RumourAgent.call` for the rules of the two variants.

    Spreader–spreader meetings and the double-counting mistake: in Daley–Kendall the two
    spreaders of one meeting both stop, so that meeting must be drawn at the same rate as any
    other meeting. Drawing meetings only from the spreaders' side (pick a spreader, then a
    partner) draws every spreader–spreader pair twice as often as a spreader–ignorant pair —
    each of the two could have been picked — and so removes spreaders twice too fast; it changes
    the final ignorant share from ≈ 0.203 to ≈ 0.285 (:func:`final_ignorant_share`). Here
    callers are drawn from *everyone*, so each unordered pair meets at the same rate whatever
    its states, and a meeting is one event applied once. In Maki–Thompson only spreaders act
    and only the caller stops, so a spreader–spreader pair meets twice as often (either may
    call) but each call removes one spreader: the same two spreaders per pair as Daley–Kendall.

    Update scheme and what a *step* is: asynchronous. A step is a sweep of N meetings (everyone
    calls once on average). ``engine="agents"`` applies them one at a time;
    ``engine="vectorized"`` applies the same meetings in rounds of disjoint pairs that keep the
    drawn order of meetings sharing a person
    (:func:`~simulations.models.pairs.conflict_free_rounds`), with table look-ups for the rules,
    and the short tail of small rounds in a plain loop
    (:func:`~simulations.models.pairs.conflict_free_schedule`); it gives exactly the same states
    as the agents engine for the same seed.

    Stopping: once no spreader is left nothing can change; ``converged`` is True there and
    ``run(steps, until_converged=True)`` stops.

    Args:
        network: The network (see :mod:`simulations.core.network_choice`; ``"complete"`` = well
            mixed); default a scale-free network.
        n: Number of people (default 1000).
        variant: ``"maki_thompson"`` (default) or ``"daley_kendall"``.
        initial_spreaders: Number of initial spreaders, placed at random.
        spreader_nodes: Nodes that start spreading (overrides ``initial_spreaders``).
        fixed_nodes: Nodes whose state never changes (e.g. a spreader who never tires); they
            still call and are called.
        engine: ``"vectorized"`` (default) or ``"agents"``; ``engine_agreement = "identical"``.
        agent_class: Agent class for the agents engine (a subclass of :class:`RumourAgent`).
        seed: Random seed, None or a whole number >= 0.

    Attributes:
        state: ``int8`` array of :class:`RumourState` values (index = ``agent.index``).
        counts: current ``[ignorant, spreaders, stiflers]``.
        ever_heard: ``bool`` array; True once a person has heard the rumour.

    Example:
        >>> from simulations.models.rumour import RumourModel
        >>> m = RumourModel(network="complete", n=2000, seed=1)
        >>> df = m.run(200, until_converged=True)
        >>> int(df.iloc[-1]["spreader"])
        0
    """

    params: ClassVar[ParamTable] = RUMOUR_PARAMS
    state_enum = RumourState
    agent_class = RumourAgent

    def __init__(
        self,
        network: Any = None,
        *,
        n: int | None = None,
        variant: str = RUMOUR_PARAMS["variant"].default,
        initial_spreaders: int = RUMOUR_PARAMS["initial_spreaders"].default,
        spreader_nodes: Sequence[Any] | None = None,
        fixed_nodes: Sequence[Any] | None = None,
        engine: str = "vectorized",
        agent_class: type[PopulationAgent] | None = None,
        seed: int | None = None,
    ) -> None:
        self.spreader_nodes = spreader_nodes
        values = {"variant": variant, "initial_spreaders": initial_spreaders}
        super().__init__(values, network, n, fixed_nodes, engine, agent_class, seed)

    @property
    def variant(self) -> str:
        """``"maki_thompson"`` or ``"daley_kendall"``."""
        return self.parameters["variant"]

    def setup(self) -> None:
        """Remember who ever heard the rumour."""
        self.ever_heard = np.zeros(self.num_people, dtype=bool)

    def initial_state(self) -> np.ndarray:
        """Spreaders at the given nodes, or ``initial_spreaders`` drawn at random."""
        return self.place(
            (RumourState.SPREADER, "initial_spreaders", self.spreader_nodes, "spreader_nodes")
        )

    def observe(self) -> None:
        """Count the states and remember who ever heard the rumour."""
        super().observe()
        self.ever_heard |= self.state != int(RumourState.IGNORANT)  # NumPy: plain ints are fast

    def is_converged(self) -> bool:
        """No spreader is left: nothing can change any more."""
        return bool(self.counts[RumourState.SPREADER] == 0)

    def vectorized_step(self) -> None:
        """One sweep of N meetings in rounds of disjoint pairs (exactly the one-by-one sweep)."""
        callers, u = draw_initiators(self, self.num_people)
        callees = uniform_partners(self, callers, u)
        keep = callees >= 0
        a, b = callers[keep], callees[keep]
        caller_table, callee_table = _TABLES[self.variant]
        state, free = self.state, ~self.fixed
        rounds, tail = conflict_free_schedule(a, b, self.num_people, SEQUENTIAL_BELOW)
        for r in rounds:
            ra, rb = a[r], b[r]
            sa, sb = state[ra], state[rb]
            state[ra] = np.where(free[ra], caller_table[sa, sb], sa)
            state[rb] = np.where(free[rb], callee_table[sa, sb], sb)
        if tail.size:
            self._call_one_by_one(a[tail], b[tail])

    def agents_step(self) -> None:
        """One sweep of N meetings, one caller at a time (the same random numbers)."""
        callers, u = draw_initiators(self, self.num_people)
        people = self.people
        for i, ui in zip(callers.tolist(), u.tolist(), strict=True):
            caller = people[i]
            callee = caller.uniform_partner(ui)
            if callee is not None:
                caller.call(callee)

    def _call_one_by_one(self, a: np.ndarray, b: np.ndarray) -> None:
        """Apply calls one at a time in order with the same tables (the short tail of a sweep)."""
        caller_table, callee_table = (t.tolist() for t in _TABLES[self.variant])
        state = self.state
        people = np.unique(np.concatenate((a, b)))
        value = dict(zip(people.tolist(), state[people].tolist(), strict=True))
        free = dict(zip(people.tolist(), (~self.fixed[people]).tolist(), strict=True))
        for i, j in zip(a.tolist(), b.tolist(), strict=True):
            si, sj = value[i], value[j]
            if free[i]:
                value[i] = caller_table[si][sj]
            if free[j]:
                value[j] = callee_table[si][sj]
        state[people] = [value[k] for k in people.tolist()]
