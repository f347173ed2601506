"""Benchmark the package's hoax model against the tools a researcher would otherwise pick.

In one process and on the *same* Barabási–Albert graphs (m = 4), 100 steps each, at 1k, 10k and
100k people:

* ``tangguh HoaxModel (vectorized)`` — the package's default: Mesa agents + NumPy/SciPy engine;
* ``tangguh HoaxModel (agents)`` — the readable per-agent engine (same rule, same numbers);
* ``tangguh run_hoax_arrays`` — the array-only mode (no Mesa objects), ``simulations.models.hoax.arrays``;
* ``NumPy SIR reference`` — a plain synchronous SIR on a CSR matrix, the floor for this design;
* ``NDlib SIRModel`` — NDlib's discrete-time SIR (closest analogue of the hoax model);
* ``EoN fast_SIR`` — EoN's event-driven continuous-time SIR, ``tmax = 100``;
* ``Mesa VirusOnNetwork`` — Mesa 3.3's shipped example (``mesa.examples.basic.virus_on_network``),
  idiomatic Mesa: one agent per node, ``shuffle_do("step")``, Python reporters.

Every timing includes building the tool's own structure from the networkx graph (HoaxModel's
CSR and agents, NDlib's status maps, Mesa's Network space, the CSR of the NumPy reference and of
the array mode) but not generating the graph. The dynamics differ (hoax model vs SIR vs the
virus model), so these are throughput comparisons on equal graphs and step counts, not
equivalent experiments. The table shows the process's CPU time (which does not count the time
other processes held the cores, so it is stable on a shared machine; ratios use it) and the wall
clock. Medians over ``--reps`` repetitions (fewer when one repetition already
exceeds ``--budget`` seconds); an implementation whose estimated time at the next size exceeds
``--max-seconds`` is skipped and marked so.

    pip install -e ".[bench]"         # NDlib and EoN, only for this script
    python benchmarks/bench_peers.py                     # full table (several minutes)
    python benchmarks/bench_peers.py --sizes 1000 10000  # quicker
    python benchmarks/bench_peers.py --skip mesa,agents  # leave out the slowest peers
    python benchmarks/bench_peers.py --out benchmarks/peers.md

Opinion models (Hegselmann–Krause, algorithmic bias) versus NDlib's are benchmarked in
``benchmarks/bench_opinion.py`` (issue 3).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

import networkx as nx
import numpy as np

STEPS = 100
INITIAL = 10  # initial believers / infected people
SIR_BETA = 0.05  # per infected neighbour per step
SIR_GAMMA = 0.1  # recovery per step


# --------------------------------------------------------------------------- implementations
def tangguh_vectorized(graph: nx.Graph, steps: int, seed: int) -> float:
    from simulations.models.hoax import HoaxModel

    df = HoaxModel(graph, seed=seed, initial_believers=INITIAL).run(steps)
    return float(df["share_believer"].iloc[-1])


def tangguh_agents(graph: nx.Graph, steps: int, seed: int) -> float:
    from simulations.models.hoax import HoaxModel

    df = HoaxModel(graph, seed=seed, initial_believers=INITIAL, engine="agents").run(steps)
    return float(df["share_believer"].iloc[-1])


def tangguh_arrays(graph: nx.Graph, steps: int, seed: int) -> float:
    from simulations.core.networks import to_csr
    from simulations.models.hoax.arrays import run_hoax_arrays

    df = run_hoax_arrays(to_csr(graph)[0], {"initial_believers": INITIAL}, steps, seed=seed)
    return float(df["share_believer"].iloc[-1])


def numpy_sir(graph: nx.Graph, steps: int, seed: int) -> float:
    """Plain synchronous SIR on a CSR matrix: P(infection) = 1 - (1 - beta)^(infected neighbours)."""
    from simulations.core.networks import to_csr

    adj = to_csr(graph)[0]
    n = adj.shape[0]
    rng = np.random.default_rng(seed)
    state = np.zeros(n, dtype=np.int8)  # 0 S, 1 I, 2 R
    state[rng.choice(n, INITIAL, replace=False)] = 1
    log_keep = np.log1p(-SIR_BETA)
    for _ in range(steps):
        infected = (state == 1).astype(np.float32)
        k = adj @ infected
        u = rng.random(n)
        new_inf = (state == 0) & (u < -np.expm1(k * log_keep))
        recover = (state == 1) & (u < SIR_GAMMA)
        state[new_inf] = 1
        state[recover] = 2
    return float((state == 1).mean())


def ndlib_sir(graph: nx.Graph, steps: int, seed: int) -> float:
    import ndlib.models.epidemics as ep
    import ndlib.models.ModelConfig as mc

    model = ep.SIRModel(graph, seed=seed)
    cfg = mc.Configuration()
    cfg.add_model_parameter("beta", SIR_BETA)
    cfg.add_model_parameter("gamma", SIR_GAMMA)
    rng = np.random.default_rng(seed)
    cfg.add_model_initial_configuration(
        "Infected", [int(v) for v in rng.choice(len(graph), INITIAL, replace=False)]
    )
    model.set_initial_status(cfg)
    its = model.iteration_bunch(steps, node_status=False)
    return its[-1]["node_count"][1] / len(graph)


def eon_fast_sir(graph: nx.Graph, steps: int, seed: int) -> float:
    import EoN

    rng = np.random.default_rng(seed)
    initial = [int(v) for v in rng.choice(len(graph), INITIAL, replace=False)]
    _, _, i, _ = EoN.fast_SIR(
        graph, tau=SIR_BETA, gamma=SIR_GAMMA, initial_infecteds=initial, tmax=steps, rng=rng
    )
    return float(i[-1]) / len(graph)


def mesa_virus(graph: nx.Graph, steps: int, seed: int) -> float:
    model = _mesa_model_class()(graph, seed=seed)
    for _ in range(steps):
        model.step()
    return model.datacollector.get_model_vars_dataframe()["Infected"].iloc[-1] / len(graph)


_MESA_CLASS = None


def _mesa_model_class():
    """Mesa 3.3's shipped VirusOnNetwork, built on a given graph (its __init__ makes its own)."""
    global _MESA_CLASS
    if _MESA_CLASS is not None:
        return _MESA_CLASS
    import mesa
    from mesa.discrete_space import CellCollection, Network
    from mesa.examples.basic.virus_on_network.agents import State, VirusAgent
    from mesa.examples.basic.virus_on_network.model import (
        VirusOnNetwork,
        number_infected,
        number_resistant,
        number_susceptible,
    )

    class VirusOnGivenNetwork(VirusOnNetwork):
        # The shipped __init__ body, with the graph passed in instead of generated.
        def __init__(self, graph, seed=None, virus_spread_chance=SIR_BETA):
            mesa.Model.__init__(self, seed=seed)
            self.grid = Network(graph, capacity=1, random=self.random)
            self.initial_outbreak_size = INITIAL
            self.datacollector = mesa.DataCollector(
                {
                    "Infected": number_infected,
                    "Susceptible": number_susceptible,
                    "Resistant": number_resistant,
                    "R over S": self.resistant_susceptible_ratio,
                }
            )
            VirusAgent.create_agents(
                self,
                len(graph),
                State.SUSCEPTIBLE,
                virus_spread_chance,
                0.4,
                0.3,
                0.5,
                list(self.grid.all_cells),
            )
            infected = CellCollection(
                self.random.sample(list(self.grid.all_cells), INITIAL), random=self.random
            )
            for a in infected.agents:
                a.state = State.INFECTED
            self.running = True
            self.datacollector.collect(self)

    _MESA_CLASS = VirusOnGivenNetwork
    return _MESA_CLASS


@dataclass(frozen=True)
class Impl:
    key: str
    label: str
    fn: Callable[[nx.Graph, int, int], float]
    needs: str | None = None  # importable module required


IMPLS = [
    Impl("vectorized", "tangguh HoaxModel (vectorized)", tangguh_vectorized),
    Impl("arrays", "tangguh run_hoax_arrays (array-only)", tangguh_arrays),
    Impl("agents", "tangguh HoaxModel (agents engine)", tangguh_agents),
    Impl("numpy", "NumPy SIR reference", numpy_sir),
    Impl("ndlib", "NDlib SIRModel", ndlib_sir, "ndlib"),
    Impl("eon", "EoN fast_SIR", eon_fast_sir, "EoN"),
    Impl("mesa", "Mesa VirusOnNetwork (shipped example)", mesa_virus, "mesa.examples"),
]
BASELINE = "vectorized"


# --------------------------------------------------------------------------- harness
def _available(module: str | None) -> bool:
    if module is None:
        return True
    try:
        __import__(module)
    except ImportError:
        return False
    return True


def measure(fn, graph, steps, reps, budget, seed) -> list[tuple[float, float]]:
    """Return ``(wall, cpu)`` seconds per repetition (CPU = this process's CPU time)."""
    times = []
    for r in range(reps):
        t, c = time.perf_counter(), time.process_time()
        fn(graph, steps, seed + r)
        times.append((time.perf_counter() - t, time.process_time() - c))
        if sum(w for w, _ in times) > budget:
            break
    return times


def _median(times, which: int) -> float:
    return statistics.median(t[which] for t in times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--steps", type=int, default=STEPS)
    parser.add_argument("--reps", type=int, default=3, help="repetitions per cell (median)")
    parser.add_argument(
        "--budget", type=float, default=30.0, help="stop repeating after this many seconds"
    )
    parser.add_argument(
        "--max-seconds", type=float, default=300.0, help="skip a cell estimated slower than this"
    )
    parser.add_argument(
        "--skip", default="", help="comma-separated keys: " + ",".join(i.key for i in IMPLS)
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", help="also write the Markdown table to this file")
    args = parser.parse_args(argv)

    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    impls = [i for i in IMPLS if i.key not in skip]
    missing = [i for i in impls if not _available(i.needs)]
    impls = [i for i in impls if i not in missing]
    for i in missing:
        print(
            f"# skipped {i.label}: {i.needs} not installed (pip install -e '.[bench]')",
            file=sys.stderr,
        )

    results: dict[tuple[str, int], list[float] | str] = {}
    last: dict[str, tuple[int, float]] = {}
    for n in args.sizes:
        graph = nx.barabasi_albert_graph(n, 4, seed=args.seed)
        for impl in impls:
            if impl.key in last:
                prev_n, prev_t = last[impl.key]
                estimate = prev_t * n / prev_n
                if estimate > args.max_seconds:
                    results[(impl.key, n)] = f"skipped (~{estimate:.0f} s)"
                    print(
                        f"{impl.label:45s} n={n:>8,}  skipped (estimated {estimate:.0f} s)",
                        file=sys.stderr,
                    )
                    continue
            impl.fn(graph, min(args.steps, 2), args.seed)  # warm-up: imports, caches
            times = measure(impl.fn, graph, args.steps, args.reps, args.budget, args.seed)
            results[(impl.key, n)] = times
            last[impl.key] = (n, _median(times, 0))
            print(
                f"{impl.label:45s} n={n:>8,}  wall {_median(times, 0):8.3f} s  cpu {_median(times, 1):8.3f} s  ({len(times)} reps)",
                file=sys.stderr,
            )

    table = render(results, impls, args)
    print(table)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as fh:
            fh.write(table + "\n")
    return 0


def render(results, impls, args) -> str:
    from importlib.metadata import PackageNotFoundError, version

    versions = [f"Python {platform.python_version()}"]
    for dist in ("numpy", "scipy", "networkx", "mesa", "ndlib", "eon"):
        try:
            versions.append(f"{dist} {version(dist)}")
        except PackageNotFoundError:
            pass
    head = (
        "| implementation | "
        + " | ".join(f"{n:,} people: CPU s (× ours) · wall s" for n in args.sizes)
        + " |"
    )
    lines = [
        f"Barabási–Albert m=4, {args.steps} steps; median CPU seconds of the process (ratio to "
        f"tangguh HoaxModel vectorized), then median wall-clock seconds; {os.cpu_count()} CPUs; "
        f"{', '.join(versions)}.",
        "",
        head,
        "|---|" + "---:|" * len(args.sizes),
    ]
    for impl in impls:
        cells = []
        for n in args.sizes:
            r = results.get((impl.key, n))
            base = results.get((BASELINE, n))
            if isinstance(r, list):
                cpu, wall = _median(r, 1), _median(r, 0)
                ratio = f" (×{cpu / _median(base, 1):.2g})" if isinstance(base, list) else ""
                cells.append(f"{cpu:.3g}{ratio} · {wall:.3g}")
            else:
                cells.append(r or "—")
        lines.append(f"| {impl.label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
