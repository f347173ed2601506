"""Early detection on a network: where the detection team should watch (monitor placement).

Two tools for a *tim deteksi dini* that work on simulated people and on aggregate counts, never
on watch-lists of real persons:

Monitor placement, after Leskovec, Krause, Guestrin, Faloutsos, VanBriesen & Glance (2007),
"Cost-effective outbreak detection in networks", *KDD '07*, 420–429:

    Simulate hoax cascades (:func:`simulate_cascades`, the hoax model started from one random
    person), then choose ``k`` people to watch — at random, by degree, or by lazy greedy (CELF)
    maximising a *penalty reduction* ``R(A) = Σ_c [π_c(∞) − π_c(T_c(A))]`` where ``T_c(A)`` is the
    first step a monitor in ``A`` believes in cascade ``c``. Three penalties, all non-decreasing in
    time, so ``R`` is submodular and greedy is within ``1 − 1/e`` of the best set:

    * ``"detection"``: π = 1 if the cascade is never detected (maximise detection probability);
    * ``"time"``: π = detection step (undetected = horizon + 1) (minimise detection time);
    * ``"reach"``: π = people reached by the detection step (minimise people reached before
      detection).

    Penalties are whole numbers, so greedy and CELF compare gains exactly and make the same
    choices (ties go to the lower index).

Alarms on report streams live in :mod:`simulations.response.alarms`.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from simulations.core.errors import ParameterError, check_known
from simulations.core.formatting import fmt_id, pct_id
from simulations.core.params import check_integer
from simulations.models.hoax import HoaxModel, State

__all__ = [
    "OBJECTIVES",
    "STRATEGIES",
    "Cascades",
    "Placement",
    "brute_force",
    "celf",
    "evaluate_monitors",
    "greedy",
    "objective_value",
    "place_monitors",
    "simulate_cascades",
    "summarise_detection",
]

OBJECTIVES = ("detection", "time", "reach")
"""Penalties for monitor placement (see the module docstring)."""

STRATEGIES = ("random", "degree", "celf")
"""Monitor placement strategies."""

STRATEGY_LABELS_ID = {"random": "acak", "degree": "paling banyak koneksi", "celf": "CELF (greedy)"}


# ================================================================================== cascades
@dataclass
class Cascades:
    """Simulated hoax cascades on one network.

    Attributes:
        times: ``int64`` array (cascades × people): the first step each person believed;
            ``never`` (= steps + 1) if they never did within the horizon. The source has 0.
        reach: ``int64`` array (cascades × (steps + 1)): people who had believed by each step.
        sources: Index of each cascade's first believer.
        nodes: Graph nodes in array order.
        steps: Horizon of every cascade.
        graph: The network.
    """

    times: np.ndarray
    reach: np.ndarray
    sources: np.ndarray
    nodes: list[Any]
    steps: int
    graph: nx.Graph

    @property
    def never(self) -> int:
        """The time given to people never reached (horizon + 1)."""
        return self.steps + 1

    @property
    def num_people(self) -> int:
        """Number of people."""
        return self.times.shape[1]

    def __len__(self) -> int:
        return self.times.shape[0]


def simulate_cascades(
    graph: nx.Graph,
    n_cascades: int = 100,
    *,
    steps: int = 40,
    seed: int | None = 0,
    **model_kwargs: Any,
) -> Cascades:
    """Simulate hoax cascades, each started by one random person, and record who believed when.

    The cascades are the replicates of :func:`simulations.analysis.experiments.compare`: cascade
    ``c`` uses the seed ``run_seed(seed, c)`` — the package's one seed scheme — which draws its
    source and then drives its model's generator. So a cascade never depends on how many others
    are simulated: the first 10 of 100 cascades are the 10 cascades of ``n_cascades=10``.

    Args:
        graph: The network.
        n_cascades: Number of cascades, >= 1.
        steps: Horizon in steps, >= 1.
        seed: Root seed of the cascades, a whole number >= 0, or None for fresh randomness. Same
            seed and arguments, same cascades.
        **model_kwargs: Hoax model parameters (beta, alpha, p_verify, p_forget, engine).

    Returns:
        A :class:`Cascades`.
    """
    from simulations.analysis.experiments import compare

    n_cascades = check_integer(n_cascades, "n_cascades", "Jumlah kaskade", 1)
    steps = check_integer(steps, "steps", "Jumlah langkah", 1)
    if seed is None:
        seed = int(np.random.SeedSequence().generate_state(1, dtype=np.uint64)[0] >> np.uint64(1))
    for bad in ("believer_nodes", "initial_believers", "seed"):
        model_kwargs.pop(bad, None)
    nodes = list(graph.nodes)
    size = len(nodes)
    never = steps + 1
    # Building a HoaxModel (Mesa agents, network space) costs more than a short cascade, so one
    # model is built and reset for every cascade: state, memory and a fresh generator per cascade.
    model = HoaxModel(graph, believer_nodes=[nodes[0]], seed=0, **model_kwargs)
    template = model.snapshot()

    def cascade(_scenario: None, cascade_seed: int) -> tuple[dict[str, float], pd.DataFrame]:
        rng = np.random.default_rng(cascade_seed)
        source = int(rng.integers(0, size))
        snap = dict(template)
        arrays = dict(template["arrays"])
        state = np.zeros(size, dtype=np.int8)
        state[source] = State.BELIEVER
        arrays["state"] = state
        arrays["ever_believed"] = state == State.BELIEVER
        snap["arrays"] = arrays
        snap["rng"] = rng.bit_generator.state
        model.restore(snap)
        row = np.full(size, never, dtype=np.int64)
        row[model.ever_believed] = 0
        for t in range(1, steps + 1):
            model.step()
            row[model.ever_believed & (row == never)] = t
        people = np.flatnonzero(row <= steps)
        return {"source": source, "reached": len(people)}, pd.DataFrame(
            {"step": row[people], "person": people}
        )

    res = compare({"kaskade": None}, cascade, seeds=n_cascades, root_seed=seed, metrics=["reached"])
    events = res.curves
    which = events["replicate"].to_numpy(dtype=np.int64)
    when = events["step"].to_numpy(dtype=np.int64)
    times = np.full((n_cascades, size), never, dtype=np.int64)
    times[which, events["person"].to_numpy(dtype=np.int64)] = when
    reach = np.zeros((n_cascades, steps + 1), dtype=np.int64)
    np.add.at(reach, (which, when), 1)
    reach = np.cumsum(reach, axis=1)
    sources = res.runs.sort_values("replicate")["source"].to_numpy(dtype=np.int64)
    return Cascades(times, reach, sources, nodes, steps, graph)


# ================================================================================== objectives
def _penalty(cascades: Cascades, t: np.ndarray, objective: str) -> np.ndarray:
    """Integer penalty for detection times ``t`` (shape (C,) or (C, m))."""
    if objective == "detection":
        return (t >= cascades.never).astype(np.int64)
    if objective == "time":
        return t
    idx = np.minimum(t, cascades.steps)
    if t.ndim == 1:
        return cascades.reach[np.arange(len(t)), idx]
    return np.take_along_axis(cascades.reach, idx, axis=1)


def _check_objective(objective: str) -> str:
    return check_known(objective, OBJECTIVES, "objective", "Tujuan penempatan")


def _detection_times(cascades: Cascades, monitors: Sequence[int]) -> np.ndarray:
    monitors = np.asarray(list(monitors), dtype=np.int64)
    if monitors.size == 0:
        return np.full(len(cascades), cascades.never, dtype=np.int64)
    return cascades.times[:, monitors].min(axis=1)


def objective_value(cascades: Cascades, monitors: Sequence[int], objective: str = "reach") -> int:
    """Return the penalty reduction ``R(A)`` of a monitor set (a whole number, summed over cascades).

    Args:
        cascades: Training cascades.
        monitors: Array indices of the monitors.
        objective: One of :data:`OBJECTIVES`.
    """
    _check_objective(objective)
    empty = _penalty(cascades, np.full(len(cascades), cascades.never, dtype=np.int64), objective)
    return int(
        empty.sum() - _penalty(cascades, _detection_times(cascades, monitors), objective).sum()
    )


@dataclass
class Placement:
    """Monitors chosen by a strategy.

    Attributes:
        monitors: Array indices, in the order chosen.
        values: ``R`` after each pick (for greedy/CELF), whole numbers.
        evaluations: Number of marginal-gain evaluations (CELF's saving over greedy).
        strategy: Name of the strategy.
    """

    monitors: list[int]
    values: list[int] = field(default_factory=list)
    evaluations: int = 0
    strategy: str = ""


def _check_placement(k: int, objective: str) -> int:
    """The checks every placement makes: ``objective`` is known and ``k`` a whole number >= 0."""
    _check_objective(objective)
    return check_integer(k, "k", "Jumlah pemantau")


def greedy(cascades: Cascades, k: int, objective: str = "reach") -> Placement:
    """Plain greedy: at each pick evaluate every person's marginal gain and take the best.

    Args:
        cascades: Training cascades.
        k: Number of monitors (at most the number of people are placed).
        objective: One of :data:`OBJECTIVES`.
    """
    k = min(_check_placement(k, objective), cascades.num_people)
    best = np.full(len(cascades), cascades.never, dtype=np.int64)
    chosen: list[int] = []
    values: list[int] = []
    total = 0
    evaluations = 0
    available = np.ones(cascades.num_people, dtype=bool)
    for _ in range(k):
        current = _penalty(cascades, best, objective).sum()
        cand = np.minimum(best[:, None], cascades.times)
        gains = current - _penalty(cascades, cand, objective).sum(axis=0)
        evaluations += int(available.sum())
        gains = np.where(available, gains, -1)
        v = int(np.argmax(gains))  # first maximum: ties to the lower index
        chosen.append(v)
        available[v] = False
        total += int(gains[v])
        values.append(total)
        best = np.minimum(best, cascades.times[:, v])
    return Placement(chosen, values, evaluations, "greedy")


def celf(cascades: Cascades, k: int, objective: str = "reach") -> Placement:
    """Lazy greedy (CELF, Leskovec et al. 2007): re-evaluate a gain only when it reaches the top.

    Submodularity means a person's gain can only shrink as monitors are added, so a stale gain is
    an upper bound; if the re-evaluated gain is still the largest, it is the greedy choice. Gains
    are whole numbers and ties go to the lower index, so the choices equal :func:`greedy`'s.
    Arguments as for :func:`greedy`.
    """
    k = min(_check_placement(k, objective), cascades.num_people)
    best = np.full(len(cascades), cascades.never, dtype=np.int64)
    current = int(_penalty(cascades, best, objective).sum())
    first = current - _penalty(cascades, cascades.times, objective).sum(axis=0)
    heap = [(-int(g), v, 0) for v, g in enumerate(first)]
    heapq.heapify(heap)
    evaluations = cascades.num_people
    chosen: list[int] = []
    values: list[int] = []
    total = 0
    while len(chosen) < k and heap:
        neg_gain, v, round_ = heapq.heappop(heap)
        if round_ == len(chosen):
            chosen.append(v)
            total += -neg_gain
            values.append(total)
            best = np.minimum(best, cascades.times[:, v])
            current = int(_penalty(cascades, best, objective).sum())
            continue
        new_best = np.minimum(best, cascades.times[:, v])
        gain = current - int(_penalty(cascades, new_best, objective).sum())
        evaluations += 1
        heapq.heappush(heap, (-gain, v, len(chosen)))
    return Placement(chosen, values, evaluations, "celf")


def brute_force(cascades: Cascades, k: int, objective: str = "reach") -> Placement:
    """Best set of ``k`` monitors by trying every set (small graphs only: tests and teaching).

    Arguments as for :func:`greedy`; refuses more than 40 people or ``k`` above 6.
    """
    k = _check_placement(k, objective)
    n = cascades.num_people
    if n > 40 or k > 6:
        raise ParameterError(
            f"brute force over C({n}, {k}) sets is too slow; use celf",
            f"Mencoba semua kombinasi C({n}, {k}) terlalu lama; gunakan CELF.",
            field="k",
        )
    best_set: tuple[int, ...] = ()
    best_value = -1
    count = 0
    for subset in itertools.combinations(range(n), min(k, n)):
        value = objective_value(cascades, subset, objective)
        count += 1
        if value > best_value:
            best_set, best_value = subset, value
    return Placement(list(best_set), [best_value], count, "brute_force")


def place_monitors(
    cascades: Cascades,
    k: int,
    strategy: str = "celf",
    *,
    objective: str = "reach",
    seed: int | None = 0,
) -> Placement:
    """Choose ``k`` monitors by ``"random"``, ``"degree"`` or ``"celf"``.

    Args:
        cascades: Training cascades (used by CELF; the graph is used by the other two).
        k: Number of monitors.
        strategy: One of :data:`STRATEGIES`.
        objective: Penalty optimised by CELF.
        seed: Seed for ``"random"``.
    """
    k = min(check_integer(k, "k", "Jumlah pemantau"), cascades.num_people)
    check_known(strategy, STRATEGIES, "strategy", "Strategi")
    if strategy == "celf":
        return celf(cascades, k, objective)
    if strategy == "random":
        rng = np.random.default_rng(seed)
        chosen = rng.choice(cascades.num_people, size=k, replace=False)
    else:
        degree = np.array([cascades.graph.degree(v) for v in cascades.nodes], dtype=np.int64)
        chosen = np.lexsort((np.arange(len(degree)), -degree))[:k]
    return Placement([int(v) for v in chosen], [], 0, strategy)


def evaluate_monitors(cascades: Cascades, monitors: Sequence[int]) -> pd.DataFrame:
    """Measure monitors on (preferably fresh) cascades.

    Args:
        cascades: Test cascades.
        monitors: Array indices of the monitors.

    Returns:
        One row per cascade: ``detected`` (bool), ``detection_time`` (step, NaN if undetected),
        ``reached_before_detection`` (share of people who had believed by the detection step, or
        by the horizon if undetected) and ``final_reach`` (share reached by the horizon).
    """
    t = _detection_times(cascades, monitors)
    detected = t < cascades.never
    n = cascades.num_people
    before = cascades.reach[np.arange(len(t)), np.minimum(t, cascades.steps)] / n
    return pd.DataFrame(
        {
            "cascade": np.arange(len(t)),
            "detected": detected,
            "detection_time": np.where(detected, t, np.nan),
            "reached_before_detection": before,
            "final_reach": cascades.reach[:, -1] / n,
        }
    )


def summarise_detection(df: pd.DataFrame, k: int | None = None, strategy: str | None = None) -> str:
    """Return one Indonesian paragraph summarising :func:`evaluate_monitors` output."""
    p = df["detected"].mean()
    who = ""
    if k is not None:
        who = f"Dengan {k} pemantau"
        if strategy:
            who += f" ({STRATEGY_LABELS_ID.get(strategy, strategy)})"
        who += ", "
    text = f"{who}{pct_id(p, 0)} dari {len(df)} kaskade hoaks terdeteksi."
    if df["detected"].any():
        text += (
            f" Rata-rata terdeteksi pada langkah {fmt_id(df['detection_time'].mean(), 1)}; saat itu "
            f"rata-rata {pct_id(df['reached_before_detection'].mean())} penduduk sudah pernah percaya."
        )
    else:
        text += " Tidak ada kaskade yang terdeteksi: tambah pemantau atau ubah strateginya."
    return text
