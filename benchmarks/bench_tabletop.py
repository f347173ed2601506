"""Timings of the tabletop engine (issue 20). Run: python benchmarks/bench_tabletop.py

Measures, for districts of 1,000, 10,000 and 100,000 simulated people (``--sizes`` to change):

1. **build** — ``Game(scenario, seed, n)``: the kecamatan network and the district (median of
   ``--repeat`` builds);
2. **round** — ``close_round()`` with every role played by its bot (the heaviest round: eight roles
   act, the model advances ``steps_per_round`` steps, every role observes); median and maximum
   over the scenario's rounds;
3. **view / submit** — one role view and one accepted move (what a player's request costs the
   engine, without any HTTP);
4. **debrief** — the debrief with its three counterfactual replays (every round again, three times);
5. **memory** — the process's peak resident memory after each size (sizes run smallest first, so the
   last figure includes the largest district).

Wall-clock seconds (``time.perf_counter``) and CPU seconds of this process (``time.process_time``).
The web service's load test (40 players over HTTP) builds on :func:`play_round`. Timings belong
here and in ``benchmarks/README.md``, never in test assertions.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import time
from collections.abc import Callable
from typing import Any

from simulations.response.tabletop import Game


def timed(fn: Callable[[], Any]) -> tuple[float, float, Any]:
    """Return (wall seconds, CPU seconds, result) of one call."""
    w0, c0 = time.perf_counter(), time.process_time()
    out = fn()
    return time.perf_counter() - w0, time.process_time() - c0, out


def play_round(game: Game) -> dict[str, Any]:
    """Open a round and close it (every unplayed role moves by its bot)."""
    game.open_round()
    return game.close_round()


def measure(n: int, scenario: str, repeat: int, seed: int = 2024) -> dict[str, float]:
    builds = [timed(lambda: Game(scenario, seed, n=n))[:2] for _ in range(repeat)]
    game = Game(scenario, seed, n=n)
    rounds = [timed(lambda: play_round(game))[:2] for _ in range(game.scenario.rounds)]
    probe = Game(scenario, seed, n=n)
    probe.assign("P01", "kesbangpol")
    probe.open_round()
    view = timed(lambda: probe.view("kesbangpol"))[:2]
    move = {"actions": [{"lever": "pantau", "params": {"kecamatan": "TJ03"}}]}
    submit = timed(lambda: probe.submit("P01", "kesbangpol", move))[:2]
    debrief = timed(game.debrief)[:2]
    return {
        "n": n,
        "build_wall": statistics.median(b[0] for b in builds),
        "build_cpu": statistics.median(b[1] for b in builds),
        "round_wall": statistics.median(r[0] for r in rounds),
        "round_wall_max": max(r[0] for r in rounds),
        "round_cpu": statistics.median(r[1] for r in rounds),
        "view_wall": view[0],
        "submit_wall": submit[0],
        "debrief_wall": debrief[0],
        "debrief_cpu": debrief[1],
        "steps_per_round": game.scenario.steps_per_round,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--scenario", default="banjir_bansos")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    Game(args.scenario, 0, n=1_000)  # imports, data tables and first-call costs out of the way
    print(
        f"scenario {args.scenario}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    print(
        f"{'people':>9} | {'build s':>16} | {'round s (median; max)':>24} | {'view ms':>7} | "
        f"{'submit ms':>9} | {'debrief s':>16} | {'peak RSS MB':>11}"
    )
    for n in args.sizes:
        m = measure(n, args.scenario, args.repeat)
        print(
            f"{n:>9,} | {m['build_wall']:6.3f} ({m['build_cpu']:5.3f} CPU) | "
            f"{m['round_wall']:6.3f}; {m['round_wall_max']:6.3f} ({m['round_cpu']:5.3f} CPU) | "
            f"{1000 * m['view_wall']:7.2f} | {1000 * m['submit_wall']:9.2f} | "
            f"{m['debrief_wall']:6.2f} ({m['debrief_cpu']:5.2f} CPU) | "
            f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:11.0f}"
        )


if __name__ == "__main__":
    main()
