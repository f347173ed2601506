"""Pair meetings in rounds: the asynchronous sweep of N random meetings, applied exactly, fast.

Pairwise asynchronous models (Deffuant–Weisbuch, the rumour models) do a *sweep* of N random pair
meetings per step. :func:`conflict_free_rounds` / :func:`conflict_free_schedule` split the sweep's
meetings into rounds of disjoint pairs such that applying the rounds one after the other gives
exactly the result of applying the meetings one at a time in the drawn order. Both engines draw
the same random numbers per sweep (:func:`draw_initiators`), and :func:`uniform_partners` turns
them into partners exactly as :meth:`~simulations.models.base.PopulationAgent.uniform_partner`
does for one agent.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from simulations.models.base import PopulationModel

__all__ = [
    "SEQUENTIAL_BELOW",
    "conflict_free_rounds",
    "conflict_free_schedule",
    "draw_initiators",
    "uniform_partners",
]

SEQUENTIAL_BELOW = 48
"""Pair rounds smaller than this end the vectorised peeling; the rest run in a Python loop."""


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


def draw_initiators(model: PopulationModel, count: int) -> tuple[np.ndarray, np.ndarray]:
    """Draw ``count`` initiators uniformly and one uniform number each (for the partner).

    Both engines call this once per sweep, so they consume the same random numbers.
    """
    initiators = model.rng.integers(0, model.num_people, size=count)
    u = model.rng.random(count)
    return initiators, u


def uniform_partners(model: PopulationModel, initiators: np.ndarray, u: np.ndarray) -> np.ndarray:
    """Return a partner for each initiator, uniformly among its neighbours (or everyone else).

    Uses ``u`` (uniform in [0, 1)) by inversion, so the agents engine reproduces the choice
    (:meth:`~simulations.models.base.PopulationAgent.uniform_partner`). Initiators without
    neighbours get ``-1`` (no interaction).
    """
    n = model.num_people
    if model.complete:
        shift = 1 + np.minimum((u * (n - 1)).astype(np.int64), n - 2)
        return (initiators + shift) % n
    deg = model.degree[initiators]
    indices = model.adjacency.indices
    if indices.size == 0:  # nobody has a tie
        return np.full(len(initiators), -1, dtype=np.int64)
    pick = np.minimum((u * deg).astype(np.int64), np.maximum(deg - 1, 0))
    # an isolated last node's row starts at nnz: clip, then mark it as having no partner
    slot = np.minimum(model.adjacency.indptr[initiators] + pick, indices.size - 1)
    partners = indices[slot].astype(np.int64)
    partners[deg == 0] = -1
    return partners
