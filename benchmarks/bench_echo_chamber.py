"""Timings of the echo-chamber (Baumann et al. 2020) and unfollow/rewire models on both engines.

Run: ``python benchmarks/bench_echo_chamber.py`` (a script, not a test; timings never go into
assertions). Prints one line per case: model, engine, people, steps, seconds, seconds per step.
"""

from __future__ import annotations

import time

from simulations.models.opinion.coevolving import CoevolvingModel
from simulations.models.opinion.echo_chamber import PAPER_REGIMES, EchoChamberModel


def timed(build, steps: int) -> float:
    model = build()
    start = time.perf_counter()
    model.run(steps)
    return time.perf_counter() - start


def main() -> None:
    cases = [
        (
            "echo (polarisation)",
            "vectorized",
            1000,
            1000,
            lambda: EchoChamberModel(n=1000, seed=1, **PAPER_REGIMES["polarisation"]),
        ),
        (
            "echo (polarisation)",
            "vectorized",
            10000,
            100,
            lambda: EchoChamberModel(n=10000, seed=1, **PAPER_REGIMES["polarisation"]),
        ),
        (
            "echo (polarisation)",
            "agents",
            1000,
            100,
            lambda: EchoChamberModel(
                n=1000, seed=1, engine="agents", **PAPER_REGIMES["polarisation"]
            ),
        ),
        (
            "unfollow (random, k=8)",
            "vectorized",
            1000,
            20,
            lambda: CoevolvingModel(n=1000, seed=1, epsilon=0.15),
        ),
        (
            "unfollow (random, k=8)",
            "vectorized",
            10000,
            5,
            lambda: CoevolvingModel(n=10000, seed=1, epsilon=0.15),
        ),
        (
            "unfollow (random, k=8)",
            "agents",
            1000,
            5,
            lambda: CoevolvingModel(n=1000, seed=1, epsilon=0.15, engine="agents"),
        ),
    ]
    print(f"{'model':26s} {'engine':10s} {'N':>6s} {'steps':>6s} {'seconds':>8s} {'s/step':>8s}")
    for name, engine, n, steps, build in cases:
        seconds = timed(build, steps)
        print(f"{name:26s} {engine:10s} {n:6d} {steps:6d} {seconds:8.2f} {seconds / steps:8.4f}")


if __name__ == "__main__":
    main()
