"""Pair meetings in rounds: the asynchronous sweep of N random meetings, applied exactly, fast.

Pairwise asynchronous models (Deffuant–Weisbuch, the rumour models) do a *sweep* of N random pair
meetings per step. :func:`conflict_free_rounds` / :func:`conflict_free_schedule` split the sweep's
meetings into rounds of disjoint pairs such that applying the rounds one after the other gives
exactly the result of applying the meetings one at a time in the drawn order. Both engines draw
the same random numbers per sweep (:meth:`~simulations.models.base.PopulationModel.draw_initiators`).
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

__all__ = ["SEQUENTIAL_BELOW", "conflict_free_rounds", "conflict_free_schedule"]

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
