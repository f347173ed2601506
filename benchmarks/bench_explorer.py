"""Time a classroom run of the hoax explorer: model + figure + PNG, as a participant waits for it.

Run from the repository root::

    python benchmarks/bench_explorer.py            # 1,000 people (the notebooks' default)
    python benchmarks/bench_explorer.py --large    # also 2,000 and 5,000 people

Prints one table. "cold" is the first press of Run on a new network (graph built, layout
computed): the network cache and the layout cache are cleared before each cold run. "warm"
re-runs after a change of model parameters only (graph and layout come from the caches), which
is what a class does most of the time. Every figure is the median of ``REPEATS`` runs, as
wall-clock seconds and as CPU seconds of the process (``time.process_time``): on a shared
machine the wall time swings with the other jobs, the CPU time much less. One small run before
timing loads fonts and warms matplotlib, as the notebook's first cells do.
Target (issue 2): a classroom run (1,000 people, 100 steps, model + plot) <= 0.3 s.
Timings are never asserted in tests; record them in notes instead.
"""

from __future__ import annotations

import argparse
import statistics
import time

from simulations.analysis.hoax import clear_network_cache
from simulations.plots.hoax import clear_layout_cache
from simulations.widgets.hoax import HoaxExplorer

REPEATS = 5


def time_run(explorer: HoaxExplorer) -> tuple[float, float]:
    """Run once; return (wall seconds, CPU seconds) of model + figure + PNG."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = explorer.run()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    if result is None:
        raise RuntimeError(explorer.last_error)
    return wall, cpu


def measure(network: str, n: int, repeats: int = REPEATS) -> dict[str, float]:
    """Median cold and warm (wall, CPU) seconds of the explorer on one kind of network."""
    cold = []
    for _ in range(repeats):
        clear_network_cache()
        clear_layout_cache()
        explorer = HoaxExplorer(network=network, n=n, steps=100, seed=11)
        cold.append(time_run(explorer))
    warm = []
    for i in range(repeats):
        explorer.controls["alpha"].value = 0.3 + 0.1 * i
        warm.append(time_run(explorer))
    med = statistics.median
    return {
        "cold_wall": med(w for w, _ in cold),
        "cold_cpu": med(c for _, c in cold),
        "warm_wall": med(w for w, _ in warm),
        "warm_cpu": med(c for _, c in warm),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--large", action="store_true", help="also 2,000 and 5,000 people")
    parser.add_argument("--repeats", type=int, default=REPEATS)
    args = parser.parse_args()
    cases = [("scale_free", 1000), ("communities", 1000), ("small_world", 1000)]
    if args.large:
        cases += [("scale_free", 2000), ("scale_free", 5000)]
    HoaxExplorer(n=100, steps=10, seed=1).run()  # fonts, first figure: not part of any run
    print(f"median of {args.repeats} runs; seconds (wall / CPU of the process)")
    print(
        f"{'network':<12} {'n':>6} {'cold wall':>10} {'cold CPU':>9} {'warm wall':>10} {'warm CPU':>9}"
    )
    for network, n in cases:
        r = measure(network, n, args.repeats)
        print(
            f"{network:<12} {n:>6} {r['cold_wall']:>10.3f} {r['cold_cpu']:>9.3f} "
            f"{r['warm_wall']:>10.3f} {r['warm_cpu']:>9.3f}"
        )


if __name__ == "__main__":
    main()
