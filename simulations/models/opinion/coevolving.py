"""Unfollow and rewire: a coevolving network where echo chambers grow out of tolerance and homophily.

References:
    P. Holme, M. E. J. Newman (2006). *Nonequilibrium phase transition in the coevolution of
    networks and opinions.* Phys. Rev. E 74:056108 — with probability φ a discordant tie is
    moved to a like-minded person, otherwise the opinion is copied.
    G. Kozma, A. Barrat (2008). *Consensus formation on adaptive networks.* Phys. Rev. E
    77:016102 — the same idea with continuous opinions and bounded confidence (Deffuant).
    K. Sasahara, W. Chen, H. Peng, G. L. Ciampaglia, A. Flammini, F. Menczer (2021). *Social
    influence and unfollowing accelerate the emergence of echo chambers.* J. Comput. Soc. Sci.
    4:381–402 — unfollowing discordant accounts and following like-minded (or random) ones.

The rule (one *event*). A tie ``{i, j}`` is picked uniformly at random and one end, ``i``, at
random acts (a coin flip):

* concordant tie, ``|x_i − x_j| ≤ ε`` (tolerance): both move towards each other by ``μ`` of
  their distance (Deffuant et al. 2000): ``x_i += μ(x_j − x_i)``, ``x_j += μ(x_i − x_j)``;
* discordant tie, ``|x_i − x_j| > ε``: with probability ``p_unfollow`` ``i`` unfollows ``j``
  and follows someone new ``k`` — a like-minded person (``|x_i − x_k| ≤ ε``, drawn uniformly;
  ``rewire_to="similar"``, the "recommendation" variant) or anybody (``rewire_to="random"``).
  ``k`` must not be ``i`` nor already tied to ``i``; up to :data:`REWIRE_TRIES` candidates are
  drawn, and if none fits the tie stays. Otherwise nothing happens.

Opinions lie in [0, 1]. The number of people and the number of ties never change (a rewire moves
one end of a tie); there are never self-ties nor double ties. People in ``fixed_nodes`` never
change their opinion (they still cut and make ties).

The network views tell the truth: the Mesa space (``agent.cell.connections``,
``cell.neighborhood``), ``graph`` (the space's own graph), ``adjacency`` and ``degree`` are the
current network after every step — a rewire is ``Network.remove_connection`` then
``Network.add_connection`` (Mesa's public API); within a step the live ties are the edge arrays.

Update scheme (both engines, same random numbers, hence the same trajectory for a seed:
``engine_agreement = "identical"``). A step
is one *sweep* of ``E`` events (``E`` = number of ties). Events are drawn in batches of
``max(1, N // 4)``: tie slots, coin flips and uniform numbers for the whole batch first; then an
event is kept only if neither of its people nor its tie slot occurred in an earlier event of the
batch (conflicting events are dropped, not postponed — they were random draws anyway); kept events
of a batch touch disjoint people, so applying them at once equals applying them one by one.
Like-minded candidates are read from the opinions at the start of the batch; a rewire that would
duplicate a tie made earlier in the same batch is skipped. Batches continue until ``E`` events
have been applied. ``engine="vectorized"`` applies a batch with array operations;
``engine="agents"`` calls :meth:`CoevolvingPerson.interact` for each kept event in order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

import networkx as nx
import numpy as np
import scipy.sparse as sp

from simulations.core.errors import NetworkError
from simulations.core.network_choice import NetworkChoice
from simulations.core.params import Param, ParamTable
from simulations.models.base import PopulationAgent
from simulations.models.opinion.base import OpinionAgent, OpinionModel

__all__ = [
    "COEVOLVING_PARAMS",
    "REWIRE_TRIES",
    "CoevolvingModel",
    "CoevolvingPerson",
    "share_discordant_ties",
]

REWIRE_TRIES = 3
"""Candidates drawn per rewiring before giving up (keeps the rule exact on both engines)."""

COEVOLVING_PARAMS = ParamTable(
    (
        Param(
            "epsilon",
            "Toleransi (ε)",
            "Selisih opini terbesar yang masih mau didengar; di luar itu pertemanan dianggap 'tidak cocok'.",
            0.3,
            0.0,
            1.0,
            0.01,
            unit="opinion units, [0, 1]",
            description="Confidence bound epsilon: ties with |x_i - x_j| <= epsilon are concordant.",
        ),
        Param(
            "mu",
            "Laju saling mendekat (μ)",
            "Seberapa jauh dua orang yang cocok saling mendekatkan opini dalam satu interaksi (0,5 = bertemu di tengah).",
            0.3,
            0.01,
            0.5,
            0.01,
            unit="dimensionless, (0, 0.5]",
            description="Convergence parameter mu of the Deffuant update.",
        ),
        Param(
            "p_unfollow",
            "Peluang berhenti mengikuti",
            "Peluang seseorang memutus (unfollow) teman yang opininya terlalu berbeda lalu mengikuti orang lain.",
            0.5,
            0.0,
            1.0,
            0.01,
            unit="probability per discordant event",
            description="Probability that a discordant tie is cut and rewired.",
        ),
        Param(
            "rewire_to",
            "Mengikuti siapa setelah unfollow",
            "'similar' = orang yang sependapat (seperti rekomendasi algoritma), 'random' = siapa saja.",
            "similar",
            kind="choice",
            choices=("similar", "random"),
            description="Whom a person follows after unfollowing: like-minded or anybody.",
        ),
    )
)
"""Parameters of :class:`CoevolvingModel`."""


def share_discordant_ties(model: CoevolvingModel) -> float:
    """Share of ties whose ends disagree by more than the tolerance, in [0, 1]."""
    x = model.opinions
    if model.edge_u.size == 0:
        return 0.0
    return float(np.mean(np.abs(x[model.edge_u] - x[model.edge_v]) > model.parameters["epsilon"]))


def rewires(model: CoevolvingModel) -> int:
    """Number of ties moved so far (cumulative)."""
    return model.rewires


class CoevolvingPerson(OpinionAgent):
    """A person who talks to like-minded friends and unfollows the others.

    The live ties are the model's edge arrays; every rewire also moves the tie in the Mesa space
    at once (:meth:`CoevolvingModel.move_tie`), so ``self.cell.neighborhood`` is the current
    network. :meth:`partners` reads the live ties. Override :meth:`interact` with
    ``engine="agents"`` to try other rules.
    """

    def partners(self) -> list[OpinionAgent]:
        """Return the people currently tied to this person."""
        m = self.model
        i = self.index
        others = np.concatenate([m.edge_v[m.edge_u == i], m.edge_u[m.edge_v == i]])
        return [m.people[int(j)] for j in others]

    def interact(
        self, other: int, slot: int, u: float, tries: np.ndarray, snapshot: np.ndarray
    ) -> None:
        """Play one event on the tie ``slot`` with ``other`` (this person acts).

        Args:
            other: Array index of the other end of the tie.
            slot: Index of the tie in the model's edge arrays.
            u: Uniform number deciding whether a discordant tie is cut.
            tries: :data:`REWIRE_TRIES` uniform numbers choosing the new person.
            snapshot: Opinions at the start of the batch (for choosing like-minded people).
        """
        model = self.model
        p = model.parameters
        i = self.index
        xi, xj = model.opinions[i], model.opinions[other]
        if abs(xi - xj) <= p["epsilon"]:
            if not model.fixed[i]:
                model.opinions[i] = xi + p["mu"] * (xj - xi)
            if not model.fixed[other]:
                model.opinions[other] = xj + p["mu"] * (xi - xj)
            return
        if u >= p["p_unfollow"]:
            return
        for t in tries:
            k = model.candidate(i, float(t), snapshot)
            if k < 0 or k == i:
                continue
            key = model.edge_key(i, k)
            if key in model.batch_start_keys:  # already following k
                continue
            if key in model.edge_keys:  # made earlier in this batch (k followed i): skip
                return
            model.move_tie(slot, i, other, k)
            return


class CoevolvingModel(OpinionModel):
    """Deffuant opinion dynamics on a network whose discordant ties are cut and rewired.

    Args:
        network: The initial social network (see :mod:`simulations.core.network_choice`; default
            a random network of 500 people); complete mixing is refused (nothing to rewire).
        n, initial_opinions, fixed_nodes, engine, agent_class, record_opinions, tol, seed: see
            :class:`~simulations.models.opinion.base.OpinionModel`.
        epsilon: Confidence bound ε (the Deffuant ε), see :data:`COEVOLVING_PARAMS` (all four are
            validated against it).
        mu: Convergence parameter μ (the Deffuant μ).
        p_unfollow: Probability to cut a discordant tie.
        rewire_to: ``"similar"`` or ``"random"``.

    Convergence (``run(steps, until_converged=True)`` stops there): no opinion moved by more than
    ``tol`` in the last step and no tie is discordant (or ``p_unfollow = 0``): nothing can change.

    Attributes:
        edge_u, edge_v: ``int64`` arrays, the two ends of every tie (array indices); their length
            never changes.
        rewires: Number of ties moved so far.
        graph, adjacency, degree, grid: The *current* network after every step (see above).

    Example:
        >>> from simulations.models.opinion.coevolving import CoevolvingModel
        >>> model = CoevolvingModel(n=200, seed=1)
        >>> edges = model.num_edges
        >>> _ = model.run(20)
        >>> model.num_edges == edges
        True
    """

    params = COEVOLVING_PARAMS
    complete_ok = False  # complete mixing has no ties to rewire
    agent_class: ClassVar[type[PopulationAgent]] = CoevolvingPerson
    default_network: ClassVar[NetworkChoice] = NetworkChoice("random", 500)

    def __init__(
        self,
        network: Any = None,
        *,
        n: int | None = None,
        epsilon: float = COEVOLVING_PARAMS["epsilon"].default,
        mu: float = COEVOLVING_PARAMS["mu"].default,
        p_unfollow: float = COEVOLVING_PARAMS["p_unfollow"].default,
        rewire_to: str = COEVOLVING_PARAMS["rewire_to"].default,
        initial_opinions: Any = None,
        fixed_nodes: Sequence[Any] | None = None,
        engine: str = "vectorized",
        agent_class: type[PopulationAgent] | None = None,
        record_opinions: bool = True,
        tol: float = 1e-6,
        seed: int | None = None,
    ) -> None:
        values = {"epsilon": epsilon, "mu": mu, "p_unfollow": p_unfollow, "rewire_to": rewire_to}
        super().__init__(
            values, network, n, initial_opinions, fixed_nodes, engine, agent_class,
            record_opinions, tol, seed,
        )  # fmt: skip

    def setup(self) -> None:
        """The tie arrays (one slot per tie) and their keys."""
        coo = self.adjacency.tocoo()
        upper = coo.row < coo.col
        self.edge_u = coo.row[upper].astype(np.int64)
        self.edge_v = coo.col[upper].astype(np.int64)
        if self.edge_u.size == 0:
            raise NetworkError(
                "the network has no ties",
                "Jaringan tidak punya ikatan pertemanan sama sekali.",
                field="network",
            )
        self.num_edges = int(self.edge_u.size)
        self.edge_keys: set[int] = set(self.edge_key(self.edge_u, self.edge_v).tolist())
        self.batch_start_keys: frozenset[int] = frozenset()
        self.rewires = 0

    def reporters(self) -> dict[str, Callable[[Any], Any]]:
        """The opinion columns, then ``discordant_ties`` (share) and ``rewires`` (cumulative)."""
        return {
            **super().reporters(),
            "discordant_ties": share_discordant_ties,
            "rewires": rewires,
        }

    # ------------------------------------------------------------------ helpers
    def edge_key(self, a: Any, b: Any) -> Any:
        """Return the integer key ``min·N + max`` of the tie(s) ``{a, b}``."""
        lo = np.minimum(a, b)
        hi = np.maximum(a, b)
        key = lo * self.num_people + hi
        return int(key) if np.ndim(key) == 0 else key

    def move_tie(self, slot: int, i: int, old: int, new: int) -> None:
        """Move tie ``slot`` from ``{i, old}`` to ``{i, new}``: edge arrays, keys and Mesa space."""
        self.edge_keys.discard(self.edge_key(i, old))
        self.edge_keys.add(self.edge_key(i, new))
        self.edge_u[slot], self.edge_v[slot] = i, new
        self.rewires += 1
        self._move_in_space(i, old, new)

    def _move_in_space(self, i: int, old: int, new: int) -> None:
        """Rewire the Mesa space (and with it ``graph``, the space's own graph)."""
        if self.grid is not None:
            cells = self.people
            self.grid.remove_connection(cells[i].cell, cells[old].cell)
            self.grid.add_connection(cells[i].cell, cells[new].cell)

    def _after_sweep(self) -> None:
        """Make ``adjacency`` and ``degree`` the current network (the space already is)."""
        self.set_adjacency(self.current_adjacency())

    def candidate(self, i: Any, u: Any, snapshot: np.ndarray) -> Any:
        """Return the person ``i`` would follow for uniform number(s) ``u`` (−1 if nobody fits).

        ``"similar"``: uniform among people within the tolerance of ``i`` in ``snapshot``
        (``i`` itself included in the draw; the caller rejects it). ``"random"``: uniform among
        everybody else.
        """
        n = self.num_people
        scalar = np.ndim(i) == 0
        i = np.atleast_1d(np.asarray(i, dtype=np.int64))
        u = np.atleast_1d(np.asarray(u, dtype=np.float64))
        if self.parameters["rewire_to"] == "random":
            k = np.minimum((u * (n - 1)).astype(np.int64), n - 2)
            k = k + (k >= i)
        else:
            order, sorted_x = self._sorted(snapshot)
            eps = self.parameters["epsilon"]
            lo = np.searchsorted(sorted_x, snapshot[i] - eps, side="left")
            hi = np.searchsorted(sorted_x, snapshot[i] + eps, side="right")
            count = hi - lo
            pick = lo + np.minimum((u * count).astype(np.int64), np.maximum(count - 1, 0))
            k = np.where(count > 0, order[np.minimum(pick, n - 1)], -1)
        return int(k[0]) if scalar else k

    def _sorted(self, snapshot: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        if self._sorted_cache is None or self._sorted_cache[0] is not snapshot:
            order = np.argsort(snapshot, kind="stable")
            self._sorted_cache = (snapshot, order, snapshot[order])
        return self._sorted_cache[1], self._sorted_cache[2]

    _sorted_cache: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None

    def _draw_batch(self) -> tuple[np.ndarray, ...]:
        """Draw one batch of events and keep the conflict-free ones (same on both engines)."""
        n, size = self.num_people, max(1, self.num_people // 4)
        slots = self.rng.integers(0, self.num_edges, size=size)
        flips = self.rng.random(size) < 0.5
        u = self.rng.random(size)
        tries = self.rng.random((size, REWIRE_TRIES))
        a = np.where(flips, self.edge_v[slots], self.edge_u[slots])
        b = np.where(flips, self.edge_u[slots], self.edge_v[slots])
        # keep an event only if its people and its slot are first occurrences in the batch
        seen = np.full(n, size, dtype=np.int64)
        order = np.arange(size)
        np.minimum.at(seen, a, order)
        np.minimum.at(seen, b, order)
        seen_slot = np.full(self.num_edges, size, dtype=np.int64)
        np.minimum.at(seen_slot, slots, order)
        keep = (seen[a] == order) & (seen[b] == order) & (seen_slot[slots] == order)
        return a[keep], b[keep], slots[keep], u[keep], tries[keep]

    # ------------------------------------------------------------------ dynamics
    def _sweep(self, apply_batch: Any) -> None:
        done = 0
        while done < self.num_edges:
            a, b, slots, u, tries = self._draw_batch()
            take = min(a.size, self.num_edges - done)
            apply_batch(a[:take], b[:take], slots[:take], u[:take], tries[:take])
            done += take

    def agents_step(self) -> None:
        """One sweep of E events, each kept event played by its acting agent (:meth:`CoevolvingPerson.interact`)."""

        def apply(a, b, slots, u, tries):
            snapshot = self.opinions.copy()
            self.batch_start_keys = frozenset(self.edge_keys)
            for k in range(a.size):
                self.people[int(a[k])].interact(
                    int(b[k]), int(slots[k]), float(u[k]), tries[k], snapshot
                )

        self._sweep(apply)
        self._after_sweep()

    def vectorized_step(self) -> None:
        """One sweep of E events, each batch applied with array operations."""
        p = self.parameters
        eps, mu, p_cut = p["epsilon"], p["mu"], p["p_unfollow"]

        def apply(a, b, slots, u, tries):
            x = self.opinions
            snapshot = x.copy()
            xa, xb = x[a], x[b]
            close = np.abs(xa - xb) <= eps
            ca, cb = a[close], b[close]
            new_a = xa[close] + mu * (xb[close] - xa[close])
            new_b = xb[close] + mu * (xa[close] - xb[close])
            fa, fb = self.fixed[ca], self.fixed[cb]
            x[ca[~fa]] = new_a[~fa]
            x[cb[~fb]] = new_b[~fb]
            cut = ~close & (u < p_cut)
            if not cut.any():
                return
            ia, ib, islot, itries = a[cut], b[cut], slots[cut], tries[cut]
            keys_now = self.edge_keys  # the ties at the start of the batch (updated below)
            chosen = np.full(ia.size, -1, dtype=np.int64)
            for t in range(REWIRE_TRIES):
                open_ = chosen < 0
                if not open_.any():
                    break
                k = self.candidate(ia[open_], itries[open_, t], snapshot)
                ok = (k >= 0) & (k != ia[open_])
                key = np.where(ok, self.edge_key(ia[open_], np.maximum(k, 0)), -1)
                # a set lookup per candidate: far cheaper than np.isin over all E ties
                ok &= ~np.fromiter(
                    (k in keys_now for k in key.tolist()), dtype=bool, count=key.size
                )
                chosen[np.flatnonzero(open_)[ok]] = k[ok]
            has = chosen >= 0
            if not has.any():
                return
            ia, ib, islot, chosen = ia[has], ib[has], islot[has], chosen[has]
            new_keys = self.edge_key(ia, chosen)
            # the same new tie made twice in one batch (i→k and k→i): keep the first, in order
            _, first = np.unique(new_keys, return_index=True)
            keep = np.zeros(new_keys.size, dtype=bool)
            keep[first] = True
            ia, ib, islot, chosen, new_keys = (
                ia[keep],
                ib[keep],
                islot[keep],
                chosen[keep],
                new_keys[keep],
            )
            self.edge_keys.difference_update(self.edge_key(ia, ib).tolist())
            self.edge_keys.update(new_keys.tolist())
            self.edge_u[islot] = ia
            self.edge_v[islot] = chosen
            self.rewires += int(ia.size)
            # a batch removes only ties it started with and adds only new ones: order is free
            for i, old, new in zip(ia.tolist(), ib.tolist(), chosen.tolist(), strict=True):
                self._move_in_space(i, old, new)

        self._sweep(apply)
        self._after_sweep()

    def is_converged(self) -> bool:
        """Converged when opinions stopped moving and no tie is discordant (nothing can change)."""
        if not super().is_converged():
            return False
        return share_discordant_ties(self) == 0.0 or self.parameters["p_unfollow"] == 0.0

    # ------------------------------------------------------------------ outputs

    def current_graph(self) -> nx.Graph:
        """Return the present network as a networkx graph (nodes 0 … N−1 with ``"opinion"``)."""
        graph = nx.Graph()
        graph.add_nodes_from((i, {"opinion": float(v)}) for i, v in enumerate(self.opinions))
        graph.add_edges_from(zip(self.edge_u.tolist(), self.edge_v.tolist(), strict=True))
        return graph

    def current_adjacency(self) -> sp.csr_array:
        """Return the present network as a symmetric CSR adjacency (float32, int32 indices)."""
        n = self.num_people
        rows = np.concatenate([self.edge_u, self.edge_v])
        cols = np.concatenate([self.edge_v, self.edge_u])
        adj = sp.csr_array((np.ones(rows.size, dtype=np.float32), (rows, cols)), shape=(n, n))
        adj.sort_indices()
        adj.indices = adj.indices.astype(np.int32, copy=False)
        adj.indptr = adj.indptr.astype(np.int32, copy=False)
        return adj
