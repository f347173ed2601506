"""Early detection: where to put monitors on a network, and when a report stream should raise an alarm.

Two tools for a *tim deteksi dini* that work on simulated people and on aggregate counts, never
on watch-lists of real persons:

Monitor placement (Leskovec, Krause, Guestrin, Faloutsos, VanBriesen & Glance 2007, "Cost-effective
outbreak detection in networks", *KDD '07*, 420–429):
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

Alerts on a report stream (*sistem pelaporan*):
    :func:`ewma` (Roberts 1959) and :func:`cusum` (Page 1954) on daily counts, one-sided (they
    look for surges). The threshold (``L`` for EWMA, ``h`` for CUSUM) trades false alarms against
    detection delay; :func:`alarm_tradeoff` measures both on simulated series.
    :func:`detect_changes` runs either on a tidy table of counts per day and category.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from .errors import DataError, ParameterError
from .hoax import HoaxModel, State
from .hoax.explore import fmt_id, pct_id
from .interventions import _restore, _snapshot

__all__ = [
    "OBJECTIVES",
    "STRATEGIES",
    "AlarmResult",
    "Cascades",
    "Placement",
    "alarm_tradeoff",
    "brute_force",
    "celf",
    "cusum",
    "detect_changes",
    "evaluate_monitors",
    "ewma",
    "greedy",
    "objective_value",
    "place_monitors",
    "simulate_cascades",
    "summarise_alarms",
    "summarise_detection",
]

OBJECTIVES = ("detection", "time", "reach")
"""Penalties for monitor placement (see the module docstring)."""

STRATEGIES = ("random", "degree", "celf")
"""Monitor placement strategies."""

STRATEGY_LABELS_ID = {"random": "acak", "degree": "paling banyak koneksi", "celf": "CELF (greedy)"}


def _check_int(value: Any, name: str, label: str, minimum: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < minimum:
        raise ParameterError(
            f"{name}={value!r} must be a whole number >= {minimum}",
            f"{label} ({name}) = {value!r} harus bilangan bulat minimal {minimum}.",
            field=name,
        )
    return int(value)


def _check_positive(value: Any, name: str, label: str, upper: float | None = None) -> float:
    ok = not isinstance(value, bool) and isinstance(value, int | float | np.floating | np.integer)
    if ok:
        value = float(value)
        ok = np.isfinite(value) and value > 0 and (upper is None or value <= upper)
    if not ok:
        rng = f"(0, {upper:g}]" if upper is not None else "> 0"
        raise ParameterError(
            f"{name}={value!r} must be a number in {rng}",
            f"{label} ({name}) = {value!r} harus angka {rng}.",
            field=name,
        )
    return float(value)


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

    Args:
        graph: The network.
        n_cascades: Number of cascades, >= 1.
        steps: Horizon in steps, >= 1.
        seed: Seed; it draws the sources and one generator seed per cascade (cascade ``c``
            steps with its own ``numpy.random.default_rng``). Same seed and arguments, same
            cascades.
        **model_kwargs: Hoax model parameters (beta, alpha, p_verify, p_forget, engine).

    Returns:
        A :class:`Cascades`.
    """
    n_cascades = _check_int(n_cascades, "n_cascades", "Jumlah kaskade", 1)
    steps = _check_int(steps, "steps", "Jumlah langkah", 1)
    for bad in ("believer_nodes", "initial_believers", "seed"):
        model_kwargs.pop(bad, None)
    rng = np.random.default_rng(seed)
    nodes = list(graph.nodes)
    size = len(nodes)
    sources = rng.integers(0, size, size=n_cascades)
    model_seeds = rng.integers(0, 2**31 - 1, size=n_cascades)
    never = steps + 1
    times = np.full((n_cascades, size), never, dtype=np.int64)
    reach = np.zeros((n_cascades, steps + 1), dtype=np.int64)
    # Building a HoaxModel (Mesa agents, network space) costs more than a short cascade, so one
    # model is built and reset for every cascade: state, memory and a fresh generator per cascade.
    model = HoaxModel(graph, believer_nodes=[nodes[0]], seed=0, **model_kwargs)
    template = _snapshot(model)
    for c in range(n_cascades):
        snap = dict(template)
        arrays = dict(template["arrays"])
        state = np.zeros(size, dtype=np.int8)
        state[sources[c]] = State.BELIEVER
        arrays["state"] = state
        arrays["ever_believed"] = state == State.BELIEVER
        snap["arrays"] = arrays
        snap["rng"] = np.random.default_rng(int(model_seeds[c])).bit_generator.state
        _restore(model, snap)
        row = times[c]
        row[model.ever_believed] = 0
        reach[c, 0] = int(model.ever_believed.sum())
        for t in range(1, steps + 1):
            model.step()
            new = model.ever_believed & (row == never)
            row[new] = t
            reach[c, t] = reach[c, t - 1] + int(new.sum())
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
    if objective not in OBJECTIVES:
        raise ParameterError(
            f"objective={objective!r} must be one of {OBJECTIVES}",
            f"Tujuan penempatan '{objective}' tidak dikenal; pilih salah satu dari {', '.join(OBJECTIVES)}.",
            field="objective",
        )
    return objective


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


def greedy(cascades: Cascades, k: int, objective: str = "reach") -> Placement:
    """Plain greedy: at each pick evaluate every person's marginal gain and take the best.

    Args:
        cascades: Training cascades.
        k: Number of monitors.
        objective: One of :data:`OBJECTIVES`.
    """
    _check_objective(objective)
    k = min(_check_int(k, "k", "Jumlah pemantau"), cascades.num_people)
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

    Args:
        cascades: Training cascades.
        k: Number of monitors.
        objective: One of :data:`OBJECTIVES`.
    """
    _check_objective(objective)
    k = min(_check_int(k, "k", "Jumlah pemantau"), cascades.num_people)
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

    Args:
        cascades: Training cascades.
        k: Number of monitors.
        objective: One of :data:`OBJECTIVES`.
    """
    _check_objective(objective)
    k = _check_int(k, "k", "Jumlah pemantau")
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
    k = min(_check_int(k, "k", "Jumlah pemantau"), cascades.num_people)
    if strategy not in STRATEGIES:
        raise ParameterError(
            f"strategy={strategy!r} must be one of {STRATEGIES}",
            f"Strategi '{strategy}' tidak dikenal; pilih salah satu dari {', '.join(STRATEGIES)}.",
            field="strategy",
        )
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


# ================================================================================== change detection
@dataclass
class AlarmResult:
    """Output of :func:`ewma` or :func:`cusum`.

    Attributes:
        statistic: The monitored statistic per day (NaN during the baseline window).
        threshold: The alarm threshold per day (NaN during the baseline window).
        alarms: True on days that raise an alarm.
        mu0, sigma0: In-control mean and standard deviation used.
        start: First monitored day (after the baseline window).
    """

    statistic: np.ndarray
    threshold: np.ndarray
    alarms: np.ndarray
    mu0: float
    sigma0: float
    start: int

    @property
    def first_alarm(self) -> int | None:
        """Index of the first alarm, or None."""
        hits = np.flatnonzero(self.alarms)
        return int(hits[0]) if hits.size else None

    def delay(self, change_at: int) -> int | None:
        """Days from ``change_at`` to the first alarm on or after it, or None if none."""
        hits = np.flatnonzero(self.alarms[change_at:])
        return int(hits[0]) if hits.size else None


def _baseline(
    x: np.ndarray, mu0: float | None, sigma0: float | None, baseline: int
) -> tuple[float, float, int]:
    if mu0 is not None and sigma0 is not None:
        return float(mu0), _check_positive(sigma0, "sigma0", "Simpangan baku awal"), 0
    baseline = _check_int(baseline, "baseline", "Panjang periode acuan", 2)
    if len(x) <= baseline:
        raise ParameterError(
            f"the series has {len(x)} days; it needs more than baseline={baseline}",
            f"Deret hanya {len(x)} hari; perlu lebih dari {baseline} hari periode acuan.",
            field="baseline",
        )
    ref = x[:baseline]
    m = float(ref.mean()) if mu0 is None else float(mu0)
    if sigma0 is None:
        # counts: never trust a spread below the Poisson one (√mean), nor below 0.5 report
        sigma0 = max(float(ref.std(ddof=1)), np.sqrt(max(m, 0.25)))
    return m, float(sigma0), baseline


def _as_series(x: Any) -> np.ndarray:
    arr = np.asarray(x, dtype=np.float64)
    if arr.ndim != 1 or not np.all(np.isfinite(arr)):
        raise ParameterError(
            "the series must be a 1-D sequence of finite numbers",
            "Deret hitungan harus berupa daftar angka (satu angka per hari), tanpa nilai kosong.",
            field="counts",
        )
    return arr


def ewma(
    counts: Sequence[float],
    *,
    lam: float = 0.2,
    L: float = 3.0,
    mu0: float | None = None,
    sigma0: float | None = None,
    baseline: int = 28,
    reset: bool = True,
) -> AlarmResult:
    """One-sided EWMA chart (Roberts 1959) on daily counts: alarm when the smoothed count is high.

    ``z_t = λ·x_t + (1−λ)·z_{t−1}``, ``z = μ0`` at the start; alarm when
    ``z_t > μ0 + L·σ0·sqrt(λ/(2−λ)·(1−(1−λ)^{2i}))`` (``i`` = days since the start or last reset).

    Args:
        counts: Counts per day.
        lam: Smoothing λ in (0, 1]; small λ sees small lasting shifts, λ = 1 is a Shewhart chart.
        L: Threshold in standard deviations of the EWMA; larger L = fewer false alarms but
            later detection. With λ = 0.2, L = 3 and a known baseline, stationary Poisson(20)
            counts raise ≈ 1.4 false alarms per 1,000 days and a 2-SD surge is flagged after
            ≈ 3 days on average (measured with :func:`alarm_tradeoff`; compare the two-sided
            ARL ≈ 562 of Lucas & Saccucci 1990).
        mu0, sigma0: In-control mean and SD; estimated from the first ``baseline`` days if None.
        baseline: Days used to estimate μ0, σ0 (not monitored).
        reset: Restart the statistic after each alarm (count separate alarms).
    """
    x = _as_series(counts)
    lam = _check_positive(lam, "lam", "Faktor penghalus λ", 1.0)
    L = _check_positive(L, "L", "Ambang L")
    m, s, start = _baseline(x, mu0, sigma0, baseline)
    stat = np.full(len(x), np.nan)
    thr = np.full(len(x), np.nan)
    alarms = np.zeros(len(x), dtype=bool)
    z, i = m, 0
    for t in range(start, len(x)):
        i += 1
        z = lam * x[t] + (1 - lam) * z
        limit = m + L * s * np.sqrt(lam / (2 - lam) * (1 - (1 - lam) ** (2 * i)))
        stat[t], thr[t] = z, limit
        if z > limit:
            alarms[t] = True
            if reset:
                z, i = m, 0
    return AlarmResult(stat, thr, alarms, m, s, start)


def cusum(
    counts: Sequence[float],
    *,
    k: float = 0.5,
    h: float = 5.0,
    mu0: float | None = None,
    sigma0: float | None = None,
    baseline: int = 28,
    reset: bool = True,
) -> AlarmResult:
    """One-sided upper CUSUM (Page 1954) on standardised daily counts.

    ``S_t = max(0, S_{t−1} + (x_t − μ0)/σ0 − k)``; alarm when ``S_t > h``.

    Args:
        counts: Counts per day.
        k: Reference value in SDs (half the shift you want to catch fast; 0.5 targets 1 SD).
        h: Decision interval in SDs; larger h = fewer false alarms but later detection.
            For a normal series, k = 0.5 with h = 4 gives an in-control ARL ≈ 168 days, h = 5
            ≈ 465 days; a 2-SD surge is flagged after ≈ 3–4 days on average (Montgomery,
            *Introduction to Statistical Quality Control*, CUSUM chapter).
        mu0, sigma0: In-control mean and SD; estimated from the first ``baseline`` days if None.
        baseline: Days used to estimate μ0, σ0 (not monitored).
        reset: Restart at 0 after each alarm.
    """
    x = _as_series(counts)
    k = _check_positive(k, "k", "Nilai acuan k") if k != 0 else 0.0
    h = _check_positive(h, "h", "Ambang h")
    m, s, start = _baseline(x, mu0, sigma0, baseline)
    stat = np.full(len(x), np.nan)
    thr = np.full(len(x), np.nan)
    alarms = np.zeros(len(x), dtype=bool)
    total = 0.0
    for t in range(start, len(x)):
        total = max(0.0, total + (x[t] - m) / s - k)
        stat[t], thr[t] = total, h
        if total > h:
            alarms[t] = True
            if reset:
                total = 0.0
    return AlarmResult(stat, thr, alarms, m, s, start)


METHODS = {"ewma": ewma, "cusum": cusum}


def detect_changes(
    df: pd.DataFrame,
    *,
    method: str = "cusum",
    date: str = "tanggal",
    category: str | Sequence[str] | None = "kategori",
    count: str = "jumlah",
    **params: Any,
) -> pd.DataFrame:
    """Run EWMA or CUSUM on a tidy table of counts per day (and category).

    Missing days inside a category's range count as 0 reports.

    Args:
        df: Table with a date column, an optional category column and a count column.
        method: ``"ewma"`` or ``"cusum"``.
        date, category, count: Column names; ``category`` may be a list of columns (e.g.
            ``["kode_kecamatan", "kategori"]``: one series per area and category) or None (one
            series).
        **params: Passed to :func:`ewma` / :func:`cusum` (e.g. ``h``, ``k``, ``lam``, ``L``, ``baseline``).

    Returns:
        One row per (category, day): count, statistic, threshold, alarm.
    """
    if method not in METHODS:
        raise ParameterError(
            f"method={method!r} must be 'ewma' or 'cusum'",
            f"Metode '{method}' tidak dikenal; pilih 'ewma' atau 'cusum'.",
            field="method",
        )
    cats = [] if category is None else [category] if isinstance(category, str) else list(category)
    needed = [date, *cats, count]
    for col in needed:
        if col not in df.columns:
            raise DataError(
                f"column {col!r} is missing (columns: {list(df.columns)})",
                f"Kolom '{col}' tidak ada di tabel (kolom yang ada: {', '.join(map(str, df.columns))}).",
                column=col,
            )
    data = df.copy()
    data[date] = pd.to_datetime(data[date], errors="coerce")
    if data[date].isna().any():
        row = int(np.flatnonzero(data[date].isna().to_numpy())[0])
        raise DataError(
            f"row {row}: {date!r} is not a date",
            f"Baris {row}: kolom '{date}' bukan tanggal yang sah.",
            row=row,
            column=date,
        )
    data[count] = pd.to_numeric(data[count], errors="coerce")
    if data[count].isna().any() or (data[count] < 0).any():
        row = int(np.flatnonzero((data[count].isna() | (data[count] < 0)).to_numpy())[0])
        raise DataError(
            f"row {row}: {count!r} must be a number >= 0",
            f"Baris {row}: kolom '{count}' harus angka minimal 0.",
            row=row,
            column=count,
        )
    groups = data.groupby(cats if len(cats) > 1 else cats[0], sort=True) if cats else [((), data)]
    parts = []
    for key, sub in groups:
        daily = sub.groupby(date)[count].sum()
        daily = daily.reindex(
            pd.date_range(daily.index.min(), daily.index.max(), freq="D"), fill_value=0
        )
        res = METHODS[method](daily.to_numpy(), **params)
        part = pd.DataFrame(
            {
                date: daily.index,
                count: daily.to_numpy(),
                "statistic": res.statistic,
                "threshold": res.threshold,
                "alarm": res.alarms,
            }
        )
        keys = key if isinstance(key, tuple) else (key,)
        for col, value in reversed(list(zip(cats, keys, strict=True))):
            part.insert(0, col, value)
        parts.append(part)
    return pd.concat(parts, ignore_index=True)


def alarm_tradeoff(
    method: str = "cusum",
    thresholds: Iterable[float] = (3.0, 4.0, 5.0, 6.0),
    *,
    mean: float = 20.0,
    shift: float = 2.0,
    length: int = 200,
    change_at: int = 100,
    n_series: int = 200,
    seed: int | None = 0,
    **params: Any,
) -> pd.DataFrame:
    """Measure false alarms and detection delay for several thresholds on simulated Poisson counts.

    Each simulated series has Poisson(``mean``) reports per day, and from day ``change_at`` on
    Poisson(``mean + shift·√mean``): a surge of ``shift`` standard deviations. μ0 and σ0 are
    given (known baseline) so the numbers describe the chart, not the estimation.

    Args:
        method: ``"ewma"`` (threshold = L) or ``"cusum"`` (threshold = h).
        thresholds: Values of L or h to compare.
        mean: In-control reports per day.
        shift: Size of the surge in SDs.
        length: Days per series.
        change_at: Day the surge starts.
        n_series: Series per threshold.
        seed: Seed.
        **params: Other chart parameters (``k`` or ``lam``).

    Returns:
        One row per threshold: false alarms per 1,000 in-control days, share of surges detected,
        mean and 95th-percentile delay (days).
    """
    if method not in METHODS:
        raise ParameterError(
            f"method={method!r} must be 'ewma' or 'cusum'",
            f"Metode '{method}' tidak dikenal; pilih 'ewma' atau 'cusum'.",
            field="method",
        )
    rng = np.random.default_rng(seed)
    lam = np.full(length, float(mean))
    lam[change_at:] += shift * np.sqrt(mean)
    series = rng.poisson(lam, size=(n_series, length))
    key = "L" if method == "ewma" else "h"
    rows = []
    for thr in thresholds:
        false, delays = 0, []
        for x in series:
            res = METHODS[method](x, mu0=mean, sigma0=np.sqrt(mean), **{key: thr}, **params)
            false += int(res.alarms[:change_at].sum())
            d = res.delay(change_at)
            delays.append(np.nan if d is None else d)
        delays = np.asarray(delays, dtype=float)
        rows.append(
            {
                "threshold": float(thr),
                "false_alarms_per_1000_days": 1000 * false / (n_series * change_at),
                "detected_share": float(np.mean(~np.isnan(delays))),
                "mean_delay": float(np.nanmean(delays)) if np.any(~np.isnan(delays)) else np.nan,
                "p95_delay": float(np.nanpercentile(delays, 95))
                if np.any(~np.isnan(delays))
                else np.nan,
            }
        )
    return pd.DataFrame(rows)


def summarise_alarms(result: AlarmResult, change_at: int | None = None, method: str = "") -> str:
    """Summarise an alarm run in Indonesian: how many alarms, when, and the delay after a change."""
    name = {"ewma": "EWMA", "cusum": "CUSUM"}.get(method, method or "Pemantau")
    hits = np.flatnonzero(result.alarms)
    text = (
        f"{name}: acuan {fmt_id(result.mu0, 1)} laporan/hari (simpangan baku "
        f"{fmt_id(result.sigma0, 1)}), {len(hits)} alarm"
    )
    text += f", pertama pada hari ke-{hits[0]}." if len(hits) else "."
    if change_at is not None:
        d = result.delay(change_at)
        false = int(result.alarms[:change_at].sum())
        text += f" Sebelum perubahan (hari ke-{change_at}) ada {false} alarm palsu; "
        text += (
            f"lonjakan tertangkap {d} hari setelah dimulai."
            if d is not None
            else "lonjakan tidak tertangkap — turunkan ambang."
        )
    return text
