"""Timings for interventions and early detection (issue 4). Run: python benchmarks/bench_interventions.py

Measures (wall-clock seconds, best of ``--repeat``):

1. The Module 3 comparison: 5 interventions + baseline × 30 seeds on a 2,000-person scale-free network,
   60 steps — with one model per seed restored per scenario (default) and with a fresh model per run.
2. Monitor placement on 2,000 people: 100 simulated cascades, then plain greedy vs lazy greedy (CELF)
   for k = 20 (and the number of gain evaluations each needs).
3. CUSUM and EWMA over 40 daily series of 365 days (8 areas × 5 categories).

Timings belong here and in notes, never in test assertions.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from simulations.core.networks import scale_free
from simulations.response.alarms import cusum, ewma
from simulations.response.interventions import (
    AccuracyNudge,
    FactCheckers,
    Moderation,
    Prebunking,
    compare_interventions,
)
from simulations.response.monitoring import celf, greedy, simulate_cascades

SLOW_HOAX = dict(beta=0.1, alpha=0.6, p_verify=0.1, p_forget=0.1)


def best_of(repeat: int, fn) -> tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    graph = scale_free(2000, seed=2024)
    scenarios = {
        "none": [],
        "takedown_degree": [Moderation(k=40, target="degree", start=5)],
        "takedown_random": [Moderation(k=40, target="random", start=5)],
        "fact_checkers": [FactCheckers(k=40, placement="degree", start=5)],
        "prebunking": [Prebunking(coverage=0.5, efficacy=0.6)],
        "nudge": [AccuracyNudge(factor=0.7, start=5)],
    }
    for reuse in (True, False):
        seconds, _ = best_of(
            args.repeat,
            lambda reuse=reuse: compare_interventions(
                scenarios, graph=graph, seeds=30, steps=60, reuse_models=reuse, **SLOW_HOAX
            ),
        )
        label = "restored model per seed" if reuse else "fresh model per run"
        print(
            f"comparison 5 interventions + baseline x 30 seeds x 2,000 people ({label}): {seconds:.2f} s"
        )

    seconds, cascades = best_of(
        1, lambda: simulate_cascades(graph, 100, steps=30, seed=1, **SLOW_HOAX)
    )
    print(f"simulate 100 cascades on 2,000 people, 30 steps: {seconds:.2f} s")
    for name, fn in (("greedy", greedy), ("CELF", celf)):
        seconds, placement = best_of(args.repeat, lambda fn=fn: fn(cascades, 20, "reach"))
        print(f"{name:6s} k=20: {seconds:.3f} s, {placement.evaluations} gain evaluations")

    rng = np.random.default_rng(0)
    series = rng.poisson(3.0, size=(40, 365)).astype(float)
    for name, fn in (("CUSUM", cusum), ("EWMA", ewma)):
        seconds, _ = best_of(args.repeat, lambda fn=fn: [fn(x) for x in series])
        print(f"{name} on 40 series x 365 days: {seconds * 1000:.1f} ms")


if __name__ == "__main__":
    main()
