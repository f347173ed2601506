"""Time a classroom run of the hoax explorer: model + figure + PNG, as a participant waits for it.

Run from the repository root::

    python benchmarks/bench_explorer.py

Prints one table. "cold" is the first press of Run on a new network (graph built, layout computed);
"warm" re-runs after a change of model parameters only (graph and layout come from the caches),
which is what a class does most of the time. Each warm figure is the median of ``REPEATS`` runs.
Target (issue 2): a classroom run (1,000 people, 100 steps, model + plot) <= 0.3 s.
Timings are never asserted in tests; record them in notes instead.
"""

from __future__ import annotations

import statistics
import time

from simulations.models.hoax.explore import clear_network_cache
from simulations.widgets.hoax import HoaxExplorer

REPEATS = 5


def time_run(explorer: HoaxExplorer) -> tuple[float, dict[str, float]]:
    """Run once; return the wall time and its parts (model, figure+PNG)."""
    start = time.perf_counter()
    result = explorer.run()
    total = time.perf_counter() - start
    if result is None:
        raise RuntimeError(explorer.last_error)
    return total, {"explorer_seconds": result.seconds}


def main() -> None:
    rows = []
    for network, n in [
        ("scale_free", 1000),
        ("communities", 1000),
        ("scale_free", 2000),
        ("scale_free", 5000),
    ]:
        clear_network_cache()
        explorer = HoaxExplorer(network=network, n=n, steps=100, seed=11)
        cold, _ = time_run(explorer)
        warm = []
        for i in range(REPEATS):
            explorer.controls["alpha"].value = 0.3 + 0.1 * i
            warm.append(time_run(explorer)[0])
        rows.append((network, n, cold, statistics.median(warm), min(warm)))
    print(f"{'network':<12} {'n':>6} {'cold s':>8} {'warm median s':>14} {'warm min s':>11}")
    for network, n, cold, med, low in rows:
        print(f"{network:<12} {n:>6} {cold:>8.3f} {med:>14.3f} {low:>11.3f}")


if __name__ == "__main__":
    main()
