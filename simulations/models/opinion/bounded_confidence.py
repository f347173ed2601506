"""Bounded-confidence models: Deffuant–Weisbuch, algorithmic bias and Hegselmann–Krause.

People hold a continuous opinion in [0, 1] and only listen to opinions closer than a tolerance ε.

References:
    G. Deffuant, D. Neau, F. Amblard, G. Weisbuch (2000). *Mixing beliefs among interacting
    agents.* Adv. Complex Syst. 3:87–98. doi:10.1142/S0219525900000078. Clusters at
    ``≈ ⌊1/(2ε)⌋`` opinions for uniform initial opinions under complete mixing.

    G. Weisbuch, G. Deffuant, F. Amblard, J.-P. Nadal (2002). *Meet, discuss, and segregate!*
    Complexity 7(3):55–63 (the model on networks).

    A. Sîrbu, D. Pedreschi, F. Giannotti, J. Kertész (2019). *Algorithmic bias amplifies opinion
    fragmentation and polarization: A bounded confidence model.* PLoS ONE 14(3):e0213246.
    doi:10.1371/journal.pone.0213246.

    R. Hegselmann, U. Krause (2002). *Opinion dynamics and bounded confidence: models, analysis
    and simulation.* JASSS 5(3):2. Consensus for uniform initial opinions once ε exceeds
    ≈ 0.2 in large populations (J. Lorenz 2007, *Int. J. Mod. Phys. C* 18:1819).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

import numpy as np

from simulations.core.errors import ParameterError
from simulations.core.formatting import general_id
from simulations.core.params import Param, ParamTable
from simulations.models.base import ENGINES, PopulationAgent
from simulations.models.opinion import accelerated
from simulations.models.opinion.base import OpinionAgent, OpinionModel
from simulations.models.pairs import (
    SEQUENTIAL_BELOW,
    conflict_free_schedule,
    draw_initiators,
    uniform_partners,
)

__all__ = [
    "ALGORITHMIC_BIAS_PARAMS",
    "AlgorithmicBiasModel",
    "BoundedConfidenceAgent",
    "DEFFUANT_PARAMS",
    "DeffuantModel",
    "HEGSELMANN_KRAUSE_PARAMS",
    "HegselmannKrauseModel",
    "compromise",
    "frozen_pairs_converged",
]


def _mu_positive(values: dict[str, Any]) -> None:
    if values["mu"] <= 0:
        raise ParameterError(
            f"mu={values['mu']:g} must lie in (0, 0.5]",
            f"Laju penyesuaian (μ) = {general_id(values['mu'])} harus lebih dari 0 dan paling besar "
            "0,5.",
            field="mu",
        )


_EPSILON = Param(
    "epsilon",
    "Toleransi (ε)",
    "Seberapa jauh pendapat orang lain masih mau didengarkan: hanya pendapat yang selisihnya "
    "kurang dari ε yang memengaruhi.",
    0.2,
    0.0,
    1.0,
    0.01,
    unit="opinion distance, [0, 1]",
    description="Confidence bound: people interact only when their opinions differ by less than ε.",
)
_MU = Param(
    "mu",
    "Laju penyesuaian (μ)",
    "Seberapa besar langkah mendekat setelah berdiskusi (0,5 = langsung bertemu di tengah).",
    0.5,
    0.0,
    0.5,
    0.01,
    unit="fraction of the distance, (0, 0.5]",
    description="Convergence parameter: each partner moves this fraction of the distance.",
)

DEFFUANT_PARAMS = ParamTable((_EPSILON, _MU), checks=(_mu_positive,))
"""Parameters of :class:`DeffuantModel`."""

ALGORITHMIC_BIAS_PARAMS = ParamTable(
    (
        _EPSILON,
        _MU,
        Param(
            "gamma",
            "Bias algoritma (γ)",
            "Seberapa kuat algoritma rekomendasi mempertemukan orang dengan pendapat yang mirip "
            "(0 = acak, makin besar makin bias).",
            1.0,
            0.0,
            5.0,
            0.1,
            unit="exponent, >= 0",
            description="Algorithmic bias: the partner is chosen with probability ∝ d^(−γ).",
        ),
        Param(
            "min_distance",
            "Jarak minimum",
            "Batas bawah jarak pendapat saat menghitung peluang bertemu (agar tidak tak hingga).",
            1e-5,
            1e-9,
            0.1,
            1e-5,
            unit="opinion distance",
            description="Floor on |x_i − x_j| in the partner weights (NDlib uses 1e-5).",
        ),
    ),
    checks=(_mu_positive,),
)
"""Parameters of :class:`AlgorithmicBiasModel`."""

HEGSELMANN_KRAUSE_PARAMS = ParamTable((_EPSILON,))
"""Parameters of :class:`HegselmannKrauseModel`."""


# ---------------------------------------------------------------------------------- helpers
def frozen_pairs_converged(model: OpinionModel, epsilon: float) -> bool:
    """Return True when no pair that can still interact differs by more than ``model.tol``.

    A pair can interact when its opinions differ by less than ε and at least one member may move.
    On a network this is checked on every edge. Under complete mixing the sorted opinions are cut
    where consecutive gaps are >= ε; each piece must then be narrower than ``tol`` (if a piece
    were wider, walking along it from its lowest member would meet someone within (tol, ε)).
    """
    x = model.opinions
    tol = model.tol
    if model.complete:
        xs = np.sort(x)
        gaps = np.diff(xs)
        cut = np.flatnonzero(gaps >= epsilon)
        starts = np.concatenate(([0], cut + 1))
        ends = np.concatenate((cut, [len(xs) - 1]))
        return bool(np.all(xs[ends] - xs[starts] <= tol))
    adj = model.adjacency
    rows = model.edge_rows
    d = np.abs(x[adj.indices] - x[rows])
    live = (d < epsilon) & (d > tol)
    if model.fixed.any():
        live &= ~(model.fixed[adj.indices] & model.fixed[rows])
    return not bool(live.any())


def compromise(xi: float, xj: float, epsilon: float, mu: float) -> tuple[float, float]:
    """Return two opinions after a Deffuant–Weisbuch meeting: closer by μ·d each if ``|d| < ε``."""
    d = xj - xi
    if abs(d) < epsilon:
        return xi + mu * d, xj - mu * d
    return xi, xj


class BoundedConfidenceAgent(OpinionAgent):
    """A person in a bounded-confidence model (the readable rule of every model in this module)."""

    def choose_partner(self, u: float, gamma: float, min_distance: float) -> OpinionAgent | None:
        """Choose a partner with probability ∝ ``max(|x_i − x_j|, floor)^(−γ)``, by inversion of ``u``.

        γ = 0 is the uniform choice of Deffuant–Weisbuch. The weights are summed in partner order
        and the partner is the first whose running sum exceeds ``u·Σw`` — the very arithmetic of
        :func:`~simulations.models.opinion.accelerated.biased_sweep_py`, so the engines agree bit
        for bit.
        """
        if gamma == 0:
            return self.uniform_partner(u)
        partners = self.partners()
        if not partners:
            return None
        mine = self.opinion
        if (
            self.cell is None
        ):  # complete mixing: everyone weighed with NumPy, as the vectorised engine
            xs = np.array([p.opinion for p in partners])
            return partners[accelerated.biased_pick(xs, mine, u, gamma, min_distance)]
        weights = []
        total = 0.0
        for partner in partners:
            d = max(abs(partner.opinion - mine), min_distance)
            w = 1.0 / d if gamma == 1.0 else 1.0 / (d * d) if gamma == 2.0 else d ** (-gamma)
            weights.append(w)
            total += w
        target = u * total
        running = 0.0
        for partner, w in zip(partners, weights, strict=True):
            running += w
            if running > target:
                return partner
        return partners[-1]

    def interact(self, other: OpinionAgent, epsilon: float, mu: float) -> None:
        """Deffuant–Weisbuch meeting: if the opinions differ by less than ε, both move closer by μ·d."""
        self.opinion, other.opinion = compromise(self.opinion, other.opinion, epsilon, mu)

    def decide(self) -> None:
        """Hegselmann–Krause: choose the mean of all opinions within ε (self included)."""
        epsilon = self.model.parameters["epsilon"]
        mine = self.opinion
        close = [p.opinion for p in self.partners() if abs(p.opinion - mine) <= epsilon]
        self.next_state = (mine + sum(close)) / (1 + len(close))


# ---------------------------------------------------------------------------------- Deffuant
class DeffuantModel(OpinionModel):
    """Deffuant–Weisbuch bounded confidence: random pairs meet and compromise if close enough.

    Rule (Deffuant et al. 2000): a person ``i`` meets a partner ``j``; if
    ``|x_i − x_j| < ε`` both move towards each other,
    ``x_i ← x_i + μ(x_j − x_i)`` and ``x_j ← x_j + μ(x_i − x_j)``; otherwise nothing happens.
    On a network ``i`` is a uniformly random person and ``j`` a uniformly random neighbour of
    ``i`` (as NDlib does); under complete mixing (``network="complete"``) ``j`` is anyone else.
    Fixed people (``fixed_nodes``) never move but still pull their partners.

    Update scheme and what a *step* is: asynchronous, random order. One step is a *sweep* of N
    pair meetings (N = number of people), so every person initiates one meeting per step on
    average. ``engine="agents"`` applies the N meetings one at a time. ``engine="vectorized"``
    draws the same N pairs from the same random numbers and splits them with
    :func:`~simulations.models.pairs.conflict_free_rounds` into rounds of disjoint pairs, where
    two meetings that share a person keep their drawn order; since meetings without a shared
    person commute, each round can be applied at once and the sweep equals the one-at-a-time
    sweep exactly (``engine_agreement = "identical"``: same seed ⇒ same opinions, bit for bit).
    The last few small rounds (the chains of meetings of hubs) run in a plain loop in drawn
    order, which is cheaper there and still exact
    (:func:`~simulations.models.pairs.conflict_free_schedule`).

    Convergence: no pair that can still meet (distance < ε) differs by more than ``tol``
    (:func:`frozen_pairs_converged`); the opinions are then frozen in clusters.

    Args:
        network, n, initial_opinions, fixed_nodes, engine, agent_class, seed: See
            :class:`~simulations.models.opinion.base.OpinionModel`.
        record_opinions, tol: See :class:`~simulations.models.opinion.base.OpinionModel`.
        epsilon: Tolerance ε in [0, 1].
        mu: Convergence parameter μ in (0, 0.5]; 0.5 = meet in the middle.

    Example:
        >>> from simulations.models.opinion import DeffuantModel
        >>> model = DeffuantModel(network="complete", n=500, epsilon=0.25, seed=1)
        >>> df = model.run(200, until_converged=True)
        >>> bool(model.converged)
        True
    """

    params: ClassVar[ParamTable] = DEFFUANT_PARAMS
    agent_class: ClassVar[type[PopulationAgent]] = BoundedConfidenceAgent

    def __init__(
        self,
        network: Any = None,
        *,
        n: int | None = None,
        epsilon: float = DEFFUANT_PARAMS["epsilon"].default,
        mu: float = DEFFUANT_PARAMS["mu"].default,
        initial_opinions: Any = None,
        fixed_nodes: Sequence[Any] | None = None,
        engine: str = "vectorized",
        agent_class: type[PopulationAgent] | None = None,
        record_opinions: bool = True,
        tol: float = 1e-6,
        seed: int | None = None,
    ) -> None:
        values = {"epsilon": epsilon, "mu": mu}
        super().__init__(
            values, network, n, initial_opinions, fixed_nodes, engine, agent_class,
            record_opinions, tol, seed,
        )  # fmt: skip

    @property
    def epsilon(self) -> float:
        """Tolerance ε."""
        return self.parameters["epsilon"]

    @property
    def mu(self) -> float:
        """Convergence parameter μ."""
        return self.parameters["mu"]

    @property
    def gamma(self) -> float:
        """Strength of the algorithmic bias γ (0: Deffuant's uniform choice)."""
        return float(self.parameters.get("gamma", 0.0))

    @property
    def min_distance(self) -> float:
        """Floor on the opinion distance in the partner weights."""
        return float(self.parameters.get("min_distance", 1e-5))

    # ------------------------------------------------------------------ engines
    def _meet(self, a: np.ndarray, b: np.ndarray) -> None:
        """Apply one round of disjoint meetings ``(a[k], b[k])`` at once."""
        x = self.opinions
        xa = x[a]
        xb = x[b]
        d = xb - xa
        step = self.mu * d * (np.abs(d) < self.epsilon)
        x[a] = xa + step * ~self.fixed[a]
        x[b] = xb - step * ~self.fixed[b]

    def vectorized_step(self) -> None:
        """One sweep of N meetings in rounds of disjoint pairs (exactly the one-by-one sweep)."""
        initiators, u = draw_initiators(self, self.num_people)
        partners = uniform_partners(self, initiators, u)
        keep = partners >= 0
        a, b = initiators[keep], partners[keep]
        rounds, tail = conflict_free_schedule(a, b, self.num_people, SEQUENTIAL_BELOW)
        for r in rounds:
            self._meet(a[r], b[r])
        if tail.size:
            self._meet_one_by_one(a[tail], b[tail])

    def _meet_one_by_one(self, a: np.ndarray, b: np.ndarray) -> None:
        """Apply meetings one at a time in order (same arithmetic as :meth:`_meet`, bit for bit)."""
        x = self.opinions
        people = np.unique(np.concatenate((a, b)))
        value = dict(zip(people.tolist(), x[people].tolist(), strict=True))
        free = dict(zip(people.tolist(), (~self.fixed[people]).tolist(), strict=True))
        eps, mu = self.epsilon, self.mu
        for i, j in zip(a.tolist(), b.tolist(), strict=True):
            xi, xj = compromise(value[i], value[j], eps, mu)
            value[i] = xi if free[i] else value[i]
            value[j] = xj if free[j] else value[j]
        x[people] = [value[k] for k in people.tolist()]

    def agents_step(self) -> None:
        """One sweep of N meetings, one initiator at a time (the same random numbers)."""
        initiators, u = draw_initiators(self, self.num_people)
        people = self.people
        eps, mu, gamma, floor = self.epsilon, self.mu, self.gamma, self.min_distance
        for i, ui in zip(initiators.tolist(), u.tolist(), strict=True):
            agent = people[i]
            partner = agent.choose_partner(ui, gamma, floor)
            if partner is not None:
                agent.interact(partner, eps, mu)

    def is_converged(self) -> bool:
        """Frozen: no pair that can still meet differs by more than ``tol`` (after a step)."""
        return self.previous is not None and frozen_pairs_converged(self, self.epsilon)


class AlgorithmicBiasModel(DeffuantModel):
    """Deffuant–Weisbuch with algorithmic bias (Sîrbu, Pedreschi, Giannotti & Kertész 2019).

    As :class:`DeffuantModel`, but the initiator ``i`` picks the partner ``j`` among its
    neighbours (everyone else under complete mixing) with probability::

        p_i(j) = d_ij^(−γ) / Σ_k d_ik^(−γ),   d_ij = max(|x_i − x_j|, min_distance),

    a recommender that favours like-minded contacts. γ = 0 is :class:`DeffuantModel`. The floor
    on the distance keeps the weights finite (NDlib uses 1e-5, the default here).

    Update scheme: a step is a sweep of N meetings applied one at a time in drawn order, each
    meeting choosing its partner with the opinions the previous meetings left (Sîrbu et al.;
    NDlib does the same). Because every choice depends on the opinions of the initiator's whole
    neighbourhood, the meetings cannot be regrouped into independent rounds, so for γ > 0 both
    engines run the sequential process itself with the same arithmetic: ``engine="vectorized"``
    runs :func:`~simulations.models.opinion.accelerated.biased_sweep_py` on plain lists
    (networks and complete mixing), ``engine="agents"`` calls
    :meth:`BoundedConfidenceAgent.choose_partner` and :meth:`BoundedConfidenceAgent.interact`.
    They agree bit for bit (``engine_agreement = "identical"``, tested for several γ); for γ = 0
    the Deffuant rounds are used.

    ``engine="compiled"`` (on a network, with Numba installed: ``pip install -e ".[fast]"``) runs
    the same kernel compiled: the same process exactly, about 0.7 ms per sweep at 10,000 people.
    It is used only when asked for, never chosen silently, so the same seed gives the same
    numbers with or without Numba installed.

    Args:
        network, n, initial_opinions, fixed_nodes, agent_class, seed: See
            :class:`~simulations.models.opinion.base.OpinionModel`.
        record_opinions, tol: See :class:`~simulations.models.opinion.base.OpinionModel`.
        engine: As there, or ``"compiled"``.
        epsilon, mu: As :class:`DeffuantModel`.
        gamma: Strength of the bias γ >= 0.
        min_distance: Floor on the opinion distance in the weights.
    """

    params: ClassVar[ParamTable] = ALGORITHMIC_BIAS_PARAMS
    engines: ClassVar[tuple[str, ...]] = (*ENGINES, "compiled")

    def __init__(
        self,
        network: Any = None,
        *,
        n: int | None = None,
        epsilon: float = ALGORITHMIC_BIAS_PARAMS["epsilon"].default,
        mu: float = ALGORITHMIC_BIAS_PARAMS["mu"].default,
        gamma: float = ALGORITHMIC_BIAS_PARAMS["gamma"].default,
        min_distance: float = ALGORITHMIC_BIAS_PARAMS["min_distance"].default,
        initial_opinions: Any = None,
        fixed_nodes: Sequence[Any] | None = None,
        engine: str = "vectorized",
        agent_class: type[PopulationAgent] | None = None,
        record_opinions: bool = True,
        tol: float = 1e-6,
        seed: int | None = None,
    ) -> None:
        values = {"epsilon": epsilon, "mu": mu, "gamma": gamma, "min_distance": min_distance}
        OpinionModel.__init__(
            self, values, network, n, initial_opinions, fixed_nodes, engine, agent_class,
            record_opinions, tol, seed,
        )  # fmt: skip

    def setup(self) -> None:
        """Refuse the compiled engine without Numba or under complete mixing."""
        if self.engine != "compiled":
            return
        if not accelerated.HAVE_NUMBA:
            raise ParameterError(
                'engine="compiled" needs Numba (pip install -e ".[fast]")',
                'Mesin "compiled" memerlukan paket Numba (pip install -e ".[fast]").',
                field="engine",
            )
        if self.complete:
            raise ParameterError(
                'engine="compiled" runs on a network, not under complete mixing',
                'Mesin "compiled" hanya berjalan pada jaringan, bukan pencampuran penuh.',
                field="engine",
            )

    def vectorized_step(self) -> None:
        """One sweep: Deffuant's rounds for γ = 0, else the sequential kernel on lists."""
        if self.gamma == 0:
            super().vectorized_step()
            return
        initiators, u = draw_initiators(self, self.num_people)
        if self.complete:
            self._sweep_complete(initiators, u)
            return
        x = self.opinions.tolist()
        width = int(self.degree.max(initial=0))
        accelerated.biased_sweep_py(
            x, self.fixed.tolist(), self.adjacency.indptr.tolist(),
            self.adjacency.indices.tolist(), initiators.tolist(), u.tolist(),
            self.epsilon, self.mu, self.gamma, self.min_distance, [0.0] * width,
        )  # fmt: skip
        self.opinions[:] = x

    def _sweep_complete(self, initiators: np.ndarray, u: np.ndarray) -> None:
        """The sequential sweep under complete mixing: every meeting weighs everyone (NumPy)."""
        x, fixed, n = self.opinions, self.fixed, self.num_people
        eps, mu, gamma, floor = self.epsilon, self.mu, self.gamma, self.min_distance
        for i, ui in zip(initiators.tolist(), u.tolist(), strict=True):
            # partners in the agents engine's order: i+1, …, N-1, 0, …, i-1
            others = np.concatenate((x[i + 1 :], x[:i]))
            j = (i + 1 + accelerated.biased_pick(others, x[i], ui, gamma, floor)) % n
            xi, xj = compromise(float(x[i]), float(x[j]), eps, mu)
            x[i] = x[i] if fixed[i] else xi
            x[j] = x[j] if fixed[j] else xj

    def compiled_step(self) -> None:
        """One sweep with the compiled sequential kernel: exactly the agents engine's process."""
        initiators, u = draw_initiators(self, self.num_people)
        adj = self.adjacency
        accelerated.biased_sweep(
            self.opinions, self.fixed, adj.indptr, adj.indices, initiators, u,
            self.epsilon, self.mu, self.gamma, self.min_distance,
            np.empty(max(1, int(self.degree.max(initial=0)))),
        )  # fmt: skip


# ---------------------------------------------------------------------------------- HK
class HegselmannKrauseModel(OpinionModel):
    """Hegselmann–Krause bounded confidence: everyone moves to the mean of the opinions within ε.

    Rule (Hegselmann & Krause 2002): synchronously::

        x_i(t+1) = mean{ x_j(t) : j ∈ N(i) ∪ {i}, |x_j(t) − x_i(t)| <= ε },

    with ``N(i)`` the network neighbours, or everyone under complete mixing. Fixed people keep
    their opinion. A *step* is one synchronous update of everybody (read ``t``, write ``t+1``).

    Engines: under complete mixing the vectorised engine sorts the opinions once per step and
    finds each person's window ``[x_i − ε, x_i + ε]`` by binary search over the sorted values,
    with prefix sums giving the window sums: O(N log N) per step instead of O(N²). On a network it
    masks the CSR adjacency by ``|x_j − x_i| <= ε`` and sums rows with ``np.add.reduceat``:
    O(edges) per step. ``engine="agents"`` asks every agent to ``decide`` then ``advance`` (O(N²)
    under complete mixing: small N only). Both compute the same means in a different order:
    ``engine_agreement = "rounding"`` (they agree to ~1e-12).

    Convergence: no opinion moved by more than ``tol`` in the last step (HK freezes in finite
    time).

    Args:
        network, n, initial_opinions, fixed_nodes, engine, agent_class, seed: See
            :class:`~simulations.models.opinion.base.OpinionModel`.
        record_opinions, tol: See :class:`~simulations.models.opinion.base.OpinionModel`.
        epsilon: Tolerance ε in [0, 1].

    Example:
        >>> from simulations.models.opinion import HegselmannKrauseModel
        >>> model = HegselmannKrauseModel(network="complete", n=1000, epsilon=0.3, seed=2)
        >>> _ = model.run(100, until_converged=True)
        >>> float(model.opinions.max() - model.opinions.min()) < 1e-6
        True
    """

    params: ClassVar[ParamTable] = HEGSELMANN_KRAUSE_PARAMS
    agent_class: ClassVar[type[PopulationAgent]] = BoundedConfidenceAgent
    engine_agreement: ClassVar[str] = "rounding"

    def __init__(
        self,
        network: Any = None,
        *,
        n: int | None = None,
        epsilon: float = HEGSELMANN_KRAUSE_PARAMS["epsilon"].default,
        initial_opinions: Any = None,
        fixed_nodes: Sequence[Any] | None = None,
        engine: str = "vectorized",
        agent_class: type[PopulationAgent] | None = None,
        record_opinions: bool = True,
        tol: float = 1e-6,
        seed: int | None = None,
    ) -> None:
        super().__init__(
            {"epsilon": epsilon}, network, n, initial_opinions, fixed_nodes, engine, agent_class,
            record_opinions, tol, seed,
        )  # fmt: skip

    @property
    def epsilon(self) -> float:
        """Tolerance ε."""
        return self.parameters["epsilon"]

    def setup(self) -> None:
        """Column indices and row starts of the CSR adjacency, for the row sums."""
        if self.adjacency is not None:
            self._cols64 = self.adjacency.indices.astype(np.int64)
            self._nonempty = self.degree > 0
            self._nonempty_starts = self.adjacency.indptr[:-1][self._nonempty].astype(np.int64)

    def vectorized_step(self) -> None:
        """Everyone moves to the mean of the opinions within ε (sorted windows or CSR rows)."""
        x = self.opinions
        eps = self.epsilon
        if self.complete:
            xs = np.sort(x)
            prefix = np.concatenate(([0.0], np.cumsum(xs)))
            lo = np.searchsorted(xs, x - eps, side="left")
            hi = np.searchsorted(xs, x + eps, side="right")
            new = (prefix[hi] - prefix[lo]) / (hi - lo)
        else:
            # per-row sums over the CSR entries with reduceat (rows without ties keep x_i)
            xc = x[self._cols64]
            close = np.abs(xc - np.repeat(x, self.degree)) <= eps
            nz, starts = self._nonempty, self._nonempty_starts
            sums = x.copy()
            counts = np.ones(self.num_people)
            sums[nz] += np.add.reduceat(xc * close, starts)
            counts[nz] += np.add.reduceat(close, starts, dtype=np.float64)
            new = sums / counts
        # a mean lies within [min x, max x]; clipping only removes prefix-sum rounding
        np.clip(new, x.min(), x.max(), out=new)
        self.opinions[:] = new
