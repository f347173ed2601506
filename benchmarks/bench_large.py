"""Time and memory of the array-only hoax model on a very large scale-free network.

Target (issue 5): 1,000,000 people × 100 steps in <= 30 s and <= 3 GB peak memory on a 2-core,
24 GB machine, graph construction included.

    python benchmarks/bench_large.py                       # 1M people, BA m=4, 100 steps
    /usr/bin/time -v python benchmarks/bench_large.py      # + the OS's view of peak memory
    python benchmarks/bench_large.py --networkx            # also time networkx's BA generator
    python benchmarks/bench_large.py --n 100000 --networkx # networkx at a size that finishes

Peak memory is reported two ways: the process's maximum resident set size (everything: Python,
NumPy, SciPy, pandas, Mesa imports and the arrays) and tracemalloc's peak of memory allocated
*during* the measured section (NumPy reports its buffers to tracemalloc).
"""

from __future__ import annotations

import argparse
import resource
import time
import tracemalloc


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="people (default 1,000,000)")
    parser.add_argument("--m", type=int, default=4, help="ties per newcomer (default 4)")
    parser.add_argument("--steps", type=int, default=100, help="steps (default 100)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--networkx", action="store_true", help="also time networkx.barabasi_albert_graph + to_csr"
    )
    args = parser.parse_args()

    import numpy as np

    from simulations.core.networks import scale_free_csr
    from simulations.models.hoax.arrays import run_hoax_arrays

    tracemalloc.start()
    t0, c0 = time.perf_counter(), time.process_time()
    adj = scale_free_csr(args.n, args.m, seed=args.seed)
    t1, c1 = time.perf_counter(), time.process_time()
    df = run_hoax_arrays(adj, {}, args.steps, seed=args.seed + 1)
    t2, c2 = time.perf_counter(), time.process_time()
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux

    deg = np.diff(adj.indptr)
    print(
        f"network: {args.n:,} people, {adj.nnz // 2:,} ties, mean degree {deg.mean():.3f}, max {deg.max()}"
    )
    print(
        f"final shares: believer {df['share_believer'].iloc[-1]:.4f}, "
        f"fact-checker {df['share_fact_checker'].iloc[-1]:.4f}"
    )
    print("| stage | wall s | CPU s |")
    print("|---|---:|---:|")
    print(f"| scale_free_csr (vectorised Batagelj–Brandes) | {t1 - t0:.2f} | {c1 - c0:.2f} |")
    print(f"| run_hoax_arrays, {args.steps} steps | {t2 - t1:.2f} | {c2 - c1:.2f} |")
    print(f"| **total** | **{t2 - t0:.2f}** | **{c2 - c0:.2f}** |")
    print(
        f"peak memory: max RSS {rss_peak:,.0f} MiB (whole process); "
        f"tracemalloc peak {traced_peak / 2**20:,.0f} MiB (allocations in the measured section)"
    )

    if args.networkx:
        import networkx as nx

        from simulations.core.networks import to_csr

        t3, c3 = time.perf_counter(), time.process_time()
        graph = nx.barabasi_albert_graph(args.n, args.m, seed=args.seed)
        t4, c4 = time.perf_counter(), time.process_time()
        to_csr(graph)
        t5, c5 = time.perf_counter(), time.process_time()
        rss_nx = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"networkx.barabasi_albert_graph: {t4 - t3:.1f} s wall, {c4 - c3:.1f} s CPU; "
            f"to_csr: {t5 - t4:.1f} s wall, {c5 - c4:.1f} s CPU; "
            f"max RSS now {rss_nx:,.0f} MiB"
        )


if __name__ == "__main__":
    main()
