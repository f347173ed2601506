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

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import networkx as nx
import numpy as np

from simulations.core.errors import ParameterError
from simulations.core.params import Param, ParamTable
from simulations.models.base import (
    COMPLETE,
    ENGINES,
    SEQUENTIAL_BELOW,
    arguments_of,
    conflict_free_schedule,
)
from simulations.models.opinion import accelerated
from simulations.models.opinion.base import OpinionAgent, OpinionModel

__all__ = [
    "ALGORITHMIC_BIAS_PARAMS",
    "AlgorithmicBiasModel",
    "BoundedConfidenceAgent",
    "DEFFUANT_PARAMS",
    "DeffuantModel",
    "HEGSELMANN_KRAUSE_PARAMS",
    "HegselmannKrauseModel",
    "frozen_pairs_converged",
]


def _mu_positive(values: dict[str, Any]) -> None:
    if values["mu"] <= 0:
        raise ParameterError(
            f"mu={values['mu']:g} must lie in (0, 0.5]",
            f"Laju penyesuaian (μ) = {values['mu']:g} harus lebih dari 0 dan paling besar 0,5.",
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


def _weights(distance: np.ndarray, gamma: float, floor: float) -> np.ndarray:
    """Return ``max(distance, floor)^(−γ)`` (cheap paths for γ = 1 and 2; pow is slow)."""
    d = np.maximum(distance, floor)
    if gamma == 1.0:
        return np.reciprocal(d, out=d)
    if gamma == 2.0:
        d *= d
        return np.reciprocal(d, out=d)
    return np.power(d, -gamma, out=d)


class BoundedConfidenceAgent(OpinionAgent):
    """A person in a bounded-confidence model (the readable rule of every model in this module)."""

    def choose_partner(self, u: float, gamma: float, min_distance: float) -> OpinionAgent | None:
        """Choose a partner with probability ∝ max(|x_i − x_j|, floor)^(−γ), by inversion of ``u``.

        γ = 0 is the uniform choice of Deffuant–Weisbuch.
        """
        if gamma == 0:
            return self.uniform_partner(u)
        partners = self.partners()
        if not partners:
            return None
        mine = self.opinion
        weights = [max(abs(p.opinion - mine), min_distance) ** (-gamma) for p in partners]
        target = u * sum(weights)
        running = 0.0
        for partner, w in zip(partners, weights, strict=True):
            running += w
            if running > target:
                return partner
        return partners[-1]

    def interact(self, other: OpinionAgent, epsilon: float, mu: float) -> None:
        """Deffuant–Weisbuch meeting: if the opinions differ by less than ε, both move closer by μ·d."""
        mine, theirs = self.opinion, other.opinion
        d = theirs - mine
        if abs(d) < epsilon:
            if not self.fixed:
                self.opinion = mine + mu * d
            if not other.fixed:
                other.opinion = theirs - mu * d

    def decide(self) -> None:
        """Hegselmann–Krause: choose the mean of all opinions within ε (self included)."""
        epsilon = self.model.epsilon
        mine = self.opinion
        close = [p.opinion for p in self.partners() if abs(p.opinion - mine) <= epsilon]
        self.next_opinion = (mine + sum(close)) / (1 + len(close))


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
    :func:`~simulations.models.base.conflict_free_rounds` into rounds of disjoint pairs, where
    two meetings that share a person keep their drawn order; since meetings without a shared
    person commute, each round can be applied at once and the sweep equals the one-at-a-time
    sweep exactly (same seed ⇒ same opinions, bit for bit). No update ever reads an opinion that
    another meeting of the same round has already changed. The last few small rounds (the chains
    of meetings of hubs) run in a plain loop in drawn order, which is cheaper there and still
    exact (:func:`~simulations.models.base.conflict_free_schedule`).

    Convergence: no pair that can still meet (distance < ε) differs by more than ``tol``
    (:func:`frozen_pairs_converged`); the opinions are then frozen in clusters.

    Args:
        graph, network, n, network_params, initial_opinions, fixed_nodes, engine, agent_class,
            record_opinions, tol, seed: see :class:`~simulations.models.opinion.base.OpinionModel`.
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
    agent_class: ClassVar[type[OpinionAgent]] = BoundedConfidenceAgent

    def __init__(
        self,
        graph: nx.Graph | None = None,
        *,
        network: str = "scale_free",
        n: int = 1000,
        network_params: Mapping[str, Any] | None = None,
        epsilon: float = DEFFUANT_PARAMS["epsilon"].default,
        mu: float = DEFFUANT_PARAMS["mu"].default,
        initial_opinions: Any = None,
        fixed_nodes: Sequence[Any] | None = None,
        engine: str = "vectorized",
        agent_class: type[OpinionAgent] | None = None,
        record_opinions: bool = True,
        tol: float = 1e-6,
        seed: int | None = None,
    ) -> None:
        self.parameters = DEFFUANT_PARAMS.validate(epsilon=epsilon, mu=mu)
        self._set_parameters()
        super().__init__(**arguments_of(OpinionModel.__init__, locals()))

    def _set_parameters(self) -> None:
        self.epsilon = self.parameters["epsilon"]
        self.mu = self.parameters["mu"]
        self.gamma = float(self.parameters.get("gamma", 0.0))
        self.min_distance = float(self.parameters.get("min_distance", 1e-5))

    # ------------------------------------------------------------------ engines
    def _meet(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Apply one round of disjoint meetings ``(a[k], b[k])`` at once; return who moved."""
        x = self.opinions
        xa = x[a]
        xb = x[b]
        d = xb - xa
        close = np.abs(d) < self.epsilon
        step = self.mu * d * close
        free_a = ~self.fixed[a]
        free_b = ~self.fixed[b]
        x[a] = xa + step * free_a
        x[b] = xb - step * free_b
        moving = close & (d != 0)
        return np.concatenate((a[moving & free_a], b[moving & free_b]))

    def _step_vectorized(self) -> None:
        initiators, u = self.draw_initiators(self.num_people)
        partners = self.uniform_partners(initiators, u)
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
            xi, xj = value[i], value[j]
            d = xj - xi
            if abs(d) < eps:
                if free[i]:
                    value[i] = xi + mu * d
                if free[j]:
                    value[j] = xj - mu * d
        x[people] = [value[k] for k in people.tolist()]

    def _step_agents(self) -> None:
        initiators, u = self.draw_initiators(self.num_people)
        people = self.people
        for i, ui in zip(initiators.tolist(), u.tolist(), strict=True):
            agent = people[i]
            partner = agent.choose_partner(ui, self.gamma, self.min_distance)
            if partner is not None:
                agent.interact(partner, self.epsilon, self.mu)

    def _is_converged(self, previous: np.ndarray) -> bool:
        return frozen_pairs_converged(self, self.epsilon)


class AlgorithmicBiasModel(DeffuantModel):
    """Deffuant–Weisbuch with algorithmic bias (Sîrbu, Pedreschi, Giannotti & Kertész 2019).

    As :class:`DeffuantModel`, but the initiator ``i`` picks the partner ``j`` among its
    neighbours (everyone else under complete mixing) with probability

        p_i(j) = d_ij^(−γ) / Σ_k d_ik^(−γ),   d_ij = max(|x_i − x_j|, min_distance),

    a recommender that favours like-minded contacts. γ = 0 is :class:`DeffuantModel`. The floor
    on the distance keeps the weights finite (NDlib uses 1e-5, the default here).

    A step is again a sweep of N meetings, and ``engine="agents"`` is the one-at-a-time process.
    The vectorised engine keeps the order of meetings that share a person, as in
    :class:`DeffuantModel`, but because the partner now depends on the opinions, it picks the
    partners of the still-pending meetings at the start of each round of disjoint pairs (a
    pending meeting whose person is taken by an earlier one is postponed and re-picks its
    partner next round, with the opinions then current; a pick is redrawn only if the initiator
    or a neighbour moved, otherwise it would come out the same). A pick can therefore see
    opinions slightly different from those the one-at-a-time process shows at that moment (a few
    earlier meetings of the sweep not yet applied, a few later ones already applied); the
    meetings themselves never read a value changed in the same round. With γ = 0 the partner does
    not depend on the opinions and the two engines agree exactly; for γ > 0 they agree
    statistically (tested).

    Cost: about two passes over the ties per sweep (the first round weighs every tie; postponed
    meetings re-weigh their initiator's ties) plus one small NumPy round per link of the longest
    chain of meetings sharing people; under complete mixing the weights are N × N per sweep, so
    keep N in the low thousands there. ``engine="compiled"`` (on a network, with Numba installed:
    ``pip install -e ".[fast]"``) runs the plain sequential sweep compiled
    (:mod:`simulations.models.opinion.accelerated`): the agents engine's process exactly, about
    0.7 ms per sweep at 10,000 people. It is used only when asked for, never chosen silently, so
    the same seed gives the same numbers with or without Numba installed.

    Args:
        graph, network, n, network_params, initial_opinions, fixed_nodes, engine, agent_class,
            record_opinions, tol, seed: see :class:`~simulations.models.opinion.base.OpinionModel`;
            ``engine`` may also be ``"compiled"``.
        epsilon, mu: As :class:`DeffuantModel`.
        gamma: Strength of the bias γ >= 0.
        min_distance: Floor on the opinion distance in the weights.
    """

    params: ClassVar[ParamTable] = ALGORITHMIC_BIAS_PARAMS
    engines: ClassVar[tuple[str, ...]] = (*ENGINES, "compiled")

    def __init__(
        self,
        graph: nx.Graph | None = None,
        *,
        network: str = "scale_free",
        n: int = 1000,
        network_params: Mapping[str, Any] | None = None,
        epsilon: float = ALGORITHMIC_BIAS_PARAMS["epsilon"].default,
        mu: float = ALGORITHMIC_BIAS_PARAMS["mu"].default,
        gamma: float = ALGORITHMIC_BIAS_PARAMS["gamma"].default,
        min_distance: float = ALGORITHMIC_BIAS_PARAMS["min_distance"].default,
        initial_opinions: Any = None,
        fixed_nodes: Sequence[Any] | None = None,
        engine: str = "vectorized",
        agent_class: type[OpinionAgent] | None = None,
        record_opinions: bool = True,
        tol: float = 1e-6,
        seed: int | None = None,
    ) -> None:
        self.parameters = ALGORITHMIC_BIAS_PARAMS.validate(ALGORITHMIC_BIAS_PARAMS.pick(locals()))
        self._set_parameters()
        if engine == "compiled":
            if not accelerated.HAVE_NUMBA:
                raise ParameterError(
                    'engine="compiled" needs Numba (pip install -e ".[fast]")',
                    'Mesin "compiled" memerlukan paket Numba (pip install -e ".[fast]").',
                    field="engine",
                )
            if graph is None and network == COMPLETE:
                raise ParameterError(
                    'engine="compiled" runs on a network, not under complete mixing',
                    'Mesin "compiled" hanya berjalan pada jaringan, bukan pencampuran penuh.',
                    field="engine",
                )
        OpinionModel.__init__(self, **arguments_of(OpinionModel.__init__, locals()))
        if self.adjacency is not None:
            self._cols64 = self.adjacency.indices.astype(np.int64)
            self._row_starts = self.adjacency.indptr[:-1].astype(np.int64)

    def _biased_partners(self, initiators: np.ndarray, u: np.ndarray) -> np.ndarray:
        """Pick one partner per initiator with weights ∝ max(d, floor)^(−γ), by inversion of u."""
        x = self.opinions
        g = self.gamma
        floor = self.min_distance
        if self.complete:
            n = self.num_people
            out = np.empty(len(initiators), dtype=np.int64)
            block = max(1, 2_000_000 // n)
            offsets = np.arange(1, n)
            for s in range(0, len(initiators), block):
                ii = initiators[s : s + block]
                # partners in the agents engine's order: i+1, …, N-1, 0, …, i-1
                order = (ii[:, None] + offsets[None, :]) % n
                w = _weights(np.abs(x[order] - x[ii][:, None]), g, floor)
                cs = np.cumsum(w, axis=1)
                target = u[s : s + block] * cs[:, -1]
                pick = np.minimum((cs <= target[:, None]).sum(axis=1), n - 2)
                out[s : s + block] = order[np.arange(len(ii)), pick]
            return out
        adj = self.adjacency
        deg = self.degree[initiators]
        has = deg > 0
        if len(initiators) >= self.num_people // 2:
            # many initiators (the first round of a sweep): weigh every tie once, row by row
            w = x[self._cols64]
            w -= np.repeat(x, self.degree)
            w = _weights(np.abs(w, out=w), g, floor)
            return self._pick_in_rows(w, self._row_starts, self.degree, initiators, u, adj.indices)
        out = np.full(len(initiators), -1, dtype=np.int64)
        ii, uu, dd = initiators[has], u[has], deg[has]
        if ii.size == 0:
            return out
        starts = np.cumsum(dd) - dd
        seg = np.repeat(np.arange(ii.size), dd)
        nb = adj.indices[np.repeat(adj.indptr[ii] - starts, dd) + np.arange(seg.size)]
        w = x[nb]
        w -= np.repeat(x[ii], dd)
        w = _weights(np.abs(w, out=w), g, floor)
        local = np.arange(ii.size)
        out[has] = self._pick_in_rows(w, starts, dd, local, uu, nb)
        return out

    @staticmethod
    def _pick_in_rows(
        w: np.ndarray,
        starts: np.ndarray,
        lengths: np.ndarray,
        rows: np.ndarray,
        u: np.ndarray,
        labels: np.ndarray,
    ) -> np.ndarray:
        """Inverse-CDF pick in each of ``rows`` of a ragged weight array; -1 for empty rows.

        Row ``r`` holds ``w[starts[r] : starts[r] + lengths[r]]``. Each row is normalised first,
        so every row adds ~1 to the running sum and a huge weight in one row cannot swamp the
        precision of the next. Modifies ``w``.
        """
        if w.size == 0:  # no ties at all
            return np.full(len(rows), -1, dtype=np.int64)
        nonempty = lengths > 0
        totals = np.zeros(len(lengths))
        totals[nonempty] = np.add.reduceat(w, starts[nonempty])
        w /= np.repeat(np.where(nonempty, totals, 1.0), lengths)
        cs = np.cumsum(w, out=w)
        before = np.concatenate(([0.0], cs))[starts]
        last = starts[rows] + lengths[rows] - 1
        ok = lengths[rows] > 0
        last_c = np.where(ok, last, 0)
        target = before[rows] + u * (cs[last_c] - before[rows])
        # searching sorted keys walks the array once instead of jumping around in it
        order = np.argsort(target)
        pick = np.empty(len(target), dtype=np.int64)
        pick[order] = np.searchsorted(cs, target[order], side="right")
        np.minimum(pick, last_c, out=pick)
        np.maximum(pick, np.where(ok, starts[rows], 0), out=pick)
        return np.where(ok, labels[pick], -1).astype(np.int64)

    def _step_vectorized(self) -> None:
        if self.gamma == 0:
            super()._step_vectorized()
            return
        n = self.num_people
        initiators, u = self.draw_initiators(n)
        pending = np.arange(n, dtype=np.int64)
        a = initiators
        b = self._biased_partners(a, u)
        first = np.empty(n, dtype=np.int64)
        sentinel = np.iinfo(np.int64).max
        while True:
            alone = b < 0
            if alone.any():
                pending, a, b = pending[~alone], a[~alone], b[~alone]
            if not pending.size:
                break
            first[a] = sentinel
            first[b] = sentinel
            np.minimum.at(first, a, pending)
            np.minimum.at(first, b, pending)
            ready = (first[a] == pending) & (first[b] == pending)
            moved = self._meet(a[ready], b[ready])
            wait = ~ready
            pending, a, b = pending[wait], a[wait], b[wait]
            if not pending.size:
                break
            # Re-pick the partners of postponed meetings with the opinions now current. A pick only
            # changes if the initiator or one of its neighbours moved in this round, so only those
            # are redrawn (same u, same weights otherwise: the same partner).
            if self.complete or pending.size < 2000:
                # checking costs more than redrawing a few hundred picks
                dirty = np.full(pending.size, moved.size > 0)
            else:
                mark = np.zeros(n, dtype=np.float32)
                mark[moved] = 1.0
                touched = (self.adjacency @ mark > 0) | (mark > 0)
                dirty = touched[a]
            if dirty.any():
                b = b.copy()
                b[dirty] = self._biased_partners(a[dirty], u[pending[dirty]])

    def _step_compiled(self) -> None:
        """One sweep with the compiled sequential kernel: exactly the agents engine's process."""
        initiators, u = self.draw_initiators(self.num_people)
        adj = self.adjacency
        accelerated.biased_sweep(
            self.opinions, self.fixed, adj.indptr, adj.indices, initiators, u,
            self.epsilon, self.mu, self.gamma, self.min_distance,
        )  # fmt: skip


# ---------------------------------------------------------------------------------- HK
class HegselmannKrauseModel(OpinionModel):
    """Hegselmann–Krause bounded confidence: everyone moves to the mean of the opinions within ε.

    Rule (Hegselmann & Krause 2002): synchronously,

        x_i(t+1) = mean{ x_j(t) : j ∈ N(i) ∪ {i}, |x_j(t) − x_i(t)| <= ε },

    with ``N(i)`` the network neighbours, or everyone under complete mixing. Fixed people keep
    their opinion. A *step* is one synchronous update of everybody (read ``t``, write ``t+1``).

    Engines: under complete mixing the vectorised engine sorts the opinions once per step and
    finds each person's window ``[x_i − ε, x_i + ε]`` by binary search over the sorted values,
    with prefix sums giving the window sums: O(N log N) per step instead of O(N²). On a network it
    masks the CSR adjacency by ``|x_j − x_i| <= ε`` and sums rows with ``np.add.reduceat``:
    O(edges) per step.
    ``engine="agents"`` calls ``decide`` then ``advance`` on every agent (O(N²) under complete
    mixing: small N only). Both compute the same means; they agree to rounding (~1e-12).

    Convergence: no opinion moved by more than ``tol`` in the last step (HK freezes in finite
    time).

    Args:
        graph, network, n, network_params, initial_opinions, fixed_nodes, engine, agent_class,
            record_opinions, tol, seed: see :class:`~simulations.models.opinion.base.OpinionModel`.
        epsilon: Tolerance ε in [0, 1].

    Example:
        >>> from simulations.models.opinion import HegselmannKrauseModel
        >>> model = HegselmannKrauseModel(network="complete", n=1000, epsilon=0.3, seed=2)
        >>> _ = model.run(100, until_converged=True)
        >>> float(model.opinions.max() - model.opinions.min()) < 1e-6
        True
    """

    params: ClassVar[ParamTable] = HEGSELMANN_KRAUSE_PARAMS
    agent_class: ClassVar[type[OpinionAgent]] = BoundedConfidenceAgent

    def __init__(
        self,
        graph: nx.Graph | None = None,
        *,
        network: str = "scale_free",
        n: int = 1000,
        network_params: Mapping[str, Any] | None = None,
        epsilon: float = HEGSELMANN_KRAUSE_PARAMS["epsilon"].default,
        initial_opinions: Any = None,
        fixed_nodes: Sequence[Any] | None = None,
        engine: str = "vectorized",
        agent_class: type[OpinionAgent] | None = None,
        record_opinions: bool = True,
        tol: float = 1e-6,
        seed: int | None = None,
    ) -> None:
        self.parameters = HEGSELMANN_KRAUSE_PARAMS.validate(epsilon=epsilon)
        self.epsilon = self.parameters["epsilon"]
        super().__init__(**arguments_of(OpinionModel.__init__, locals()))
        if self.adjacency is not None:
            self._cols64 = self.adjacency.indices.astype(np.int64)
            self._nonempty = self.degree > 0
            self._nonempty_starts = self.adjacency.indptr[:-1][self._nonempty].astype(np.int64)

    def _step_vectorized(self) -> None:
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
        fixed = self.fixed
        if fixed.any():
            new[fixed] = x[fixed]
        self.opinions[:] = new

    def _step_agents(self) -> None:
        self.agents.do("decide")
        self.agents.do("advance")
