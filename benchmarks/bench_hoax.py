"""Benchmark the hoax model: vectorised engine, agents engine and a plain NumPy reference.

Runs on Barabási–Albert networks (m = 4) of 1k, 10k and 100k people × 100 steps, on the same graph
for every contender, and prints a Markdown table of median wall-clock times. Also times building
the model (Mesa agents and space included) and a classroom run (1,000 people, 100 steps, model and
figure).

The speed that matters (issue 17): the vectorised engine against the plain NumPy reference, the
same rule written as a bare loop. Each repetition times one model run and one reference run back
to back on the same graph and seed, so both see the same machine load; the benchmark prints the
median of those per-pair ratios (target: <= 1.0 at 10,000 people × 100 steps) with the load
average before and after.

Usage::

    python benchmarks/bench_hoax.py            # full table (the agents engine at 100k takes ~1 min)
    python benchmarks/bench_hoax.py --quick    # 1k and 10k only
    python benchmarks/bench_hoax.py --ratio-only   # the paired ratio only (about a minute)

Timings belong here and in release notes, never in test assertions.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time
from collections.abc import Callable

import numpy as np

from simulations.core.networks import scale_free, to_csr
from simulations.models.hoax import HoaxModel

STEPS = 100


def plain_numpy_hoax(
    adjacency, steps: int, seed: int, beta=0.5, alpha=0.6, p_verify=0.05, p_forget=0.1, n0=10
):
    """The same rule written as a bare NumPy loop, without Mesa (the reference a researcher writes)."""
    rng = np.random.default_rng(seed)
    n = adjacency.shape[0]
    state = np.zeros(n, dtype=np.int8)
    state[rng.choice(n, n0, replace=False)] = 1
    counts = np.empty((steps + 1, 3), dtype=np.int64)
    counts[0] = np.bincount(state, minlength=3)
    for t in range(1, steps + 1):
        u = rng.random(n)
        is_b, is_f = state == 1, state == 2
        n_b = adjacency @ is_b.astype(np.float32)
        n_f = adjacency @ is_f.astype(np.float32)
        w_b, w_f = n_b * (1 + alpha), n_f * (1 - alpha)
        tot = w_b + w_f
        exposed = (state == 0) & (tot > 0)
        with np.errstate(invalid="ignore", divide="ignore"):
            pb = beta * w_b / tot
        new = state.copy()
        new[exposed & (u < pb)] = 1
        new[exposed & (u >= pb) & (u < beta)] = 2
        new[is_b & (u < p_forget)] = 0
        new[is_b & (u >= p_forget) & (u < p_forget + p_verify)] = 2
        new[is_f & (u < p_forget)] = 0
        state = new
        counts[t] = np.bincount(state, minlength=3)
    return counts


def median_time(fn: Callable[[], object], repeats: int) -> float:
    """Median wall-clock seconds of ``repeats`` calls (after one warm-up call when repeats > 1)."""
    if repeats > 1:
        fn()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def paired_ratio(graph, adjacency, pairs: int) -> tuple[float, float, list[float]]:
    """Median of ``model run / reference run`` over ``pairs`` back-to-back pairs (after a warm-up).

    Returns the median ratio of wall-clock times, the median ratio of this process's CPU times
    (which do not count the time other processes held the cores; on a quiet machine the two
    agree) and the wall-clock ratios. The model is built before its clock starts (building Mesa
    agents is timed separately).
    """
    walls, cpus = [], []
    for seed in range(pairs + 1):
        model = HoaxModel(graph, seed=seed)
        t0, c0 = time.perf_counter(), time.process_time()
        model.run(STEPS)
        vec, vec_cpu = time.perf_counter() - t0, time.process_time() - c0
        t0, c0 = time.perf_counter(), time.process_time()
        plain_numpy_hoax(adjacency, STEPS, seed=seed)
        ref, ref_cpu = time.perf_counter() - t0, time.process_time() - c0
        if seed:  # the first pair warms caches and imports
            walls.append(vec / ref)
            cpus.append(vec_cpu / ref_cpu)
    return statistics.median(walls), statistics.median(cpus), walls


def classroom_run() -> float:
    """1,000 people, 100 steps, model and figure (what a participant's click costs)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    def once():
        model = HoaxModel(n=1000, seed=1)
        df = model.run(STEPS)
        try:
            from simulations.plots.hoax import plot_hoax_curves

            fig = plot_hoax_curves(df)
        except ImportError:
            fig, ax = plt.subplots(figsize=(7, 3.5))
            df.plot(
                x="step", y=["share_susceptible", "share_believer", "share_fact_checker"], ax=ax
            )
        fig.canvas.draw()
        plt.close(fig)

    return median_time(once, 5)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="only 1k and 10k people")
    parser.add_argument(
        "--ratio-only",
        action="store_true",
        help="only the paired vectorized / NumPy ratio at 10,000 people × 100 steps",
    )
    parser.add_argument("--pairs", type=int, default=15, help="paired runs for the ratio")
    args = parser.parse_args(argv)
    sizes = (1_000, 10_000) if args.quick else (1_000, 10_000, 100_000)
    load_before = os.getloadavg()
    graph = scale_free(10_000, 4, seed=1)
    ratio, cpu_ratio, ratios = paired_ratio(graph, to_csr(graph)[0], args.pairs)
    load_after = os.getloadavg()
    print(
        f"hoax vectorized / plain NumPy, 10,000 people × {STEPS} steps: median ratio {ratio:.3f} "
        f"wall-clock, {cpu_ratio:.3f} CPU time, over {len(ratios)} back-to-back pairs "
        f"(wall-clock range {min(ratios):.3f}–{max(ratios):.3f}); "
        f"load average before {load_before[0]:.2f}/{load_before[1]:.2f}/{load_before[2]:.2f}, "
        f"after {load_after[0]:.2f}/{load_after[1]:.2f}/{load_after[2]:.2f} "
        f"({os.cpu_count()} cores)"
    )
    if args.ratio_only:
        return
    print()

    print(
        f"Python {platform.python_version()}, NumPy {np.__version__}, {platform.machine()}; BA m=4, {STEPS} steps"
    )
    print()
    print(
        "| people | build model (s) | vectorized (s) | agents (s) | plain NumPy (s) | agents / vectorized | vectorized / NumPy |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for n in sizes:
        graph = scale_free(n, 4, seed=1)
        adjacency, _ = to_csr(graph)
        reps = 7 if n <= 10_000 else 3
        build = median_time(lambda g=graph: HoaxModel(g, seed=1), reps)

        def run_vec(g=graph, seed=1):
            model = HoaxModel(g, seed=seed)
            t0 = time.perf_counter()
            model.run(STEPS)
            return time.perf_counter() - t0

        vec = statistics.median(run_vec(seed=s) for s in range(reps))

        def run_agents(g=graph):
            model = HoaxModel(g, seed=2, engine="agents")
            t0 = time.perf_counter()
            model.run(STEPS)
            return time.perf_counter() - t0

        agents = statistics.median(run_agents() for _ in range(1 if n > 10_000 else 3))
        ref = median_time(lambda a=adjacency: plain_numpy_hoax(a, STEPS, seed=1), reps)
        print(
            f"| {n:,} | {build:.3f} | {vec:.4f} | {agents:.2f} | {ref:.4f} | {agents / vec:,.0f}× | {vec / ref:.2f} |"
        )
    print()
    print(f"Classroom run (1,000 people, {STEPS} steps, model + figure): {classroom_run():.3f} s")
    print("Vectorized and agents times exclude building the model; 'build model' includes the CSR")
    print("adjacency, the Mesa network space and one Mesa agent per person.")


if __name__ == "__main__":
    main()
