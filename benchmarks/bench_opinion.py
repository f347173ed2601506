"""Benchmark: bounded-confidence engines vs NDlib 6 and a plain NumPy reference.

Run:  python benchmarks/bench_opinion.py [--sizes 1000 10000] [--sweeps 100] [--full]

Set-up (the same for every implementation): Barabási–Albert networks (networkx, m = 4, mean
degree ≈ 8) of 1 000 and 10 000 nodes, uniform initial opinions, 100 sweeps. Model
construction (graph, CSR, Mesa agents) is not timed; only the dynamics are.

Like with like:
* Algorithmic bias (Sîrbu et al. 2019): one NDlib ``AlgorithmicBiasModel.iteration()`` performs N
  pair interactions (random initiator, biased choice among its neighbours, μ = 0.5), exactly one
  sweep here. ε = 0.3, γ = 1.0, μ = 0.5 for all.
* Hegselmann–Krause: NDlib 6.0.1's ``HKModel.iteration()`` evaluates the within-ε neighbour mean
  of N randomly drawn nodes but — its assignment sits after the loop — writes only the last one.
  One NDlib iteration therefore does the *work* of one synchronous sweep while updating one node.
  We compare work for work (1 NDlib iteration = 1 synchronous step here); compared update for
  update (N NDlib iterations per sweep) NDlib would be another N times slower. ε = 0.3.
* NumPy reference: the plainest NumPy formulation of one sweep. For HK it is the same
  synchronous rule (``np.add.reduceat`` over CSR rows). For algorithmic bias it draws all N pairs
  from the opinions at the start of the sweep and applies them at once with ``np.add.at`` — a
  synchronous approximation that ignores that meetings share people, i.e. *not* the same process;
  it shows what the exact asynchronous sweep costs (our vectorised algorithmic-bias engine runs
  the sequential process itself, on plain lists, since issue 17; Deffuant uses conflict-free
  rounds).

NDlib is slow at 10 000 nodes (about 0.3–0.7 s per iteration), so by default it runs
``--ndlib-sweeps`` (10) iterations there and the time is scaled to 100; its cost per iteration
does not depend on the opinions. ``--full`` runs all 100.

Both the wall clock and the process's CPU time are printed; speed-ups are computed from CPU time,
which does not count the time other processes held the cores (on a quiet machine the two agree).
Numbers measured on a shared, loaded machine are provisional; rerun on a quiet one.
NDlib (and scikit-learn, which its opinion package imports) are benchmark-only dependencies.
"""

from __future__ import annotations

import argparse
import platform
import time
from collections.abc import Callable

import networkx as nx
import numpy as np

from simulations.models.opinion import (
    AlgorithmicBiasModel,
    DeffuantModel,
    HegselmannKrauseModel,
    accelerated,
)

EPSILON = 0.3
GAMMA = 1.0


def timed(fn: Callable[[], None]) -> tuple[float, float]:
    """Return (wall-clock seconds, CPU seconds of this process) of one call.

    On a shared machine the wall clock also counts the time other processes held the cores;
    the CPU time does not, so speed-ups are computed from it (both are printed).
    """
    start, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - start, time.process_time() - cpu


# ---------------------------------------------------------------------------------- NDlib
def ndlib_time(kind: str, graph: nx.Graph, sweeps: int) -> tuple[float, float]:
    """Return NDlib seconds for ``sweeps`` iterations (after the status-only iteration 0)."""
    import ndlib.models.ModelConfig as mc
    import ndlib.models.opinions as op

    if kind == "ab":
        model = op.AlgorithmicBiasModel(graph, seed=1)
        config = mc.Configuration()
        config.add_model_parameter("epsilon", EPSILON)
        config.add_model_parameter("gamma", GAMMA)
    else:
        model = op.HKModel(graph)
        np.random.seed(1)  # noqa: NPY002 - NDlib draws from the legacy global generator
        config = mc.Configuration()
        config.add_model_parameter("epsilon", EPSILON)
    model.set_initial_status(config)
    model.iteration()  # iteration 0 only reports the initial status

    def go() -> None:
        for _ in range(sweeps):
            model.iteration()

    return timed(go)


# ---------------------------------------------------------------------------------- NumPy reference
def numpy_hk(adj, x: np.ndarray, sweeps: int) -> None:
    """Plain NumPy synchronous HK on CSR rows (self included)."""
    indptr, cols = adj.indptr, adj.indices
    rows = np.repeat(np.arange(len(x)), np.diff(indptr))
    has = np.diff(indptr) > 0
    for _ in range(sweeps):
        close = np.abs(x[cols] - x[rows]) <= EPSILON
        s = np.zeros(len(x))
        c = np.zeros(len(x))
        s[has] = np.add.reduceat(x[cols] * close, indptr[:-1][has])
        c[has] = np.add.reduceat(close.astype(float), indptr[:-1][has])
        x = (s + x) / (c + 1.0)


def numpy_ab(adj, x: np.ndarray, sweeps: int, rng: np.random.Generator) -> None:
    """Synchronous approximation of an algorithmic-bias sweep (pairs drawn at sweep start)."""
    n = len(x)
    indptr, cols = adj.indptr, adj.indices
    rows = np.repeat(np.arange(n), np.diff(indptr))
    for _ in range(sweeps):
        w = np.maximum(np.abs(x[cols] - x[rows]), 1e-5) ** (-GAMMA)
        w /= np.bincount(rows, weights=w, minlength=n)[rows]
        cs = np.cumsum(w)
        start = np.concatenate(([0.0], cs))[indptr[:-1]]
        i = rng.integers(0, n, n)
        pick = np.searchsorted(cs, start[i] + rng.random(n), side="right")
        j = cols[np.minimum(pick, len(cols) - 1)]
        d = x[j] - x[i]
        move = 0.5 * d * (np.abs(d) < EPSILON)
        delta = np.zeros(n)
        np.add.at(delta, i, move)
        np.add.at(delta, j, -move)
        x = np.clip(x + delta, 0.0, 1.0)


# ---------------------------------------------------------------------------------- ours
def ours_time(cls, graph: nx.Graph, sweeps: int, **params) -> tuple[float, float]:
    """Seconds for ``sweeps`` steps of our vectorised engine (construction not timed).

    One untimed sweep on a throwaway model first, so a one-off JIT compilation (the Numba kernel
    of the algorithmic-bias model's ``engine="compiled"``) is not counted as per-sweep cost.
    """
    cls(graph, seed=0, record_opinions=False, **params).run(1)
    model = cls(graph, seed=1, record_opinions=False, **params)
    return timed(lambda: model.run(sweeps))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--sweeps", type=int, default=100)
    parser.add_argument(
        "--ndlib-sweeps", type=int, default=10, help="NDlib iterations at N >= 5000"
    )
    parser.add_argument("--full", action="store_true", help="run NDlib for all sweeps")
    parser.add_argument("--no-ndlib", action="store_true")
    args = parser.parse_args()
    sweeps = args.sweeps

    rows = []
    for n in args.sizes:
        graph = nx.barabasi_albert_graph(n, 4, seed=42)
        from simulations.core.networks import to_csr

        adj, _ = to_csr(graph)
        rng = np.random.default_rng(0)
        x0 = rng.random(n)
        ref_hk = timed(lambda adj=adj, x0=x0: numpy_hk(adj, x0.copy(), sweeps))
        ref_ab = timed(lambda adj=adj, x0=x0, rng=rng: numpy_ab(adj, x0.copy(), sweeps, rng))
        our_ab = ours_time(AlgorithmicBiasModel, graph, sweeps, epsilon=EPSILON, gamma=GAMMA)
        our_ab_compiled = (
            ours_time(
                AlgorithmicBiasModel, graph, sweeps, epsilon=EPSILON, gamma=GAMMA, engine="compiled"
            )
            if accelerated.HAVE_NUMBA
            else (float("nan"), float("nan"))
        )
        our_dw = ours_time(DeffuantModel, graph, sweeps, epsilon=EPSILON)
        our_hk = ours_time(HegselmannKrauseModel, graph, sweeps, epsilon=EPSILON)
        nan = (float("nan"), float("nan"))
        nd_ab = nd_hk = nan
        scaled = ""
        if not args.no_ndlib:
            k = sweeps if (args.full or n < 5000) else min(args.ndlib_sweeps, sweeps)
            nd_ab = tuple(t * sweeps / k for t in ndlib_time("ab", graph, k))
            nd_hk = tuple(t * sweeps / k for t in ndlib_time("hk", graph, k))
            scaled = "" if k == sweeps else f" (×{sweeps // k} from {k})"
        rows.append(("Algorithmic bias (γ=1)", n, nd_ab, scaled, ref_ab, our_ab))
        rows.append(('Algorithmic bias (γ=1), engine="compiled"', n, nan, "", nan, our_ab_compiled))
        rows.append(("Deffuant (= AB, γ=0)", n, nan, "", nan, our_dw))
        rows.append(("Hegselmann–Krause", n, nd_hk, scaled, ref_hk, our_hk))

    print(f"\nBarabási–Albert m=4, {sweeps} sweeps, ε={EPSILON}; seconds, wall (CPU)")
    print(f"Python {platform.python_version()}, NumPy {np.__version__}, {platform.machine()}\n")
    print(
        "| model | N | NDlib 6 | NumPy reference | Tangguh vectorized "
        "| × faster than NDlib, CPU (wall) |"
    )
    print("|---|---:|---:|---:|---:|---:|")

    def cell(t: tuple[float, float], extra: str = "") -> str:
        return "—" if np.isnan(t[0]) else f"{t[0]:.3f} ({t[1]:.3f}){extra}"

    for name, n, nd, scaled, ref, ours in rows:
        speed = "—" if np.isnan(nd[0]) else f"{nd[1] / ours[1]:.0f}× ({nd[0] / ours[0]:.0f}×)"
        print(f"| {name} | {n:,} | {cell(nd, scaled)} | {cell(ref)} | {cell(ours)} | {speed} |")
    print(
        "\nNDlib AB: 1 iteration = N pair meetings = 1 sweep. NDlib HK: 1 iteration = the work of "
        "one sweep (N neighbourhood means) but only one node is written (NDlib 6.0.1), compared "
        "work for work. NumPy AB reference is a synchronous approximation (not the same process)."
        "\nProvisional if measured on a loaded machine."
    )


if __name__ == "__main__":
    main()
