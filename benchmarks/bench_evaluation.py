"""What one simulated class of 40 costs on the trainer's route: answer codes → read → evaluate.

Run::

    python benchmarks/bench_evaluation.py               # real pre/post form and the long form (3×)
    python benchmarks/bench_evaluation.py --profile     # plus cProfile of evaluate, top 25 functions

The classes are the SYNTHETIC Rasch classes of ``tests/test_recovery.py`` (its ``simulate_chat`` and
``long_bank``: 40 participants, pre- and post-test, chat noise, one resend), so the figures are what
one replicate of that test costs. Per form it prints the median of ``--repeat`` runs (ms, wall
clock, and the process's CPU time) of:

* ``simulate_chat`` — the test's whole simulation of the chat: drawing the answers and writing the 80
  answer codes;
* ``make_code × 80`` — writing the 80 codes alone, from answers drawn beforehand;
* ``read_codes`` — reading the pasted chat;
* ``evaluate`` — the evaluation report from the two answer sheets (``batch.sheet``), no HTML.

Timings are for notes only, never test assertions.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import sys
import time
from pathlib import Path

import numpy as np

TESTS = Path(__file__).resolve().parent.parent / "tests"


def timed(fn, repeat: int) -> tuple[float, float]:
    """Median wall and CPU milliseconds of ``repeat`` calls of ``fn``."""
    wall, cpu = [], []
    for _ in range(repeat):
        w0, c0 = time.perf_counter(), time.process_time()
        fn()
        wall.append(1000 * (time.perf_counter() - w0))
        cpu.append(1000 * (time.process_time() - c0))
    return statistics.median(wall), statistics.median(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=7, help="runs per timing (median)")
    parser.add_argument("--profile", action="store_true", help="cProfile evaluate (long form)")
    args = parser.parse_args()

    sys.path.insert(0, str(TESTS))
    import test_recovery as rec

    from simulations.course.answer_codes import make_code, read_codes
    from simulations.course.evaluation import evaluate
    from simulations.course.quiz import load_bank

    bank = load_bank()
    forms = {"real form": bank, "long form (3x)": rec.long_bank(bank)}
    print(f"one SYNTHETIC class of {rec.N_CLASS}; median of {args.repeat} runs; wall ms (CPU ms)")
    for label, b in forms.items():
        k = len(b.for_module("prepost"))
        chat = rec.simulate_chat(b, np.random.default_rng(19))
        batch = read_codes(chat, b)
        pre, post = batch.sheet("pre"), batch.sheet("post")
        evaluate(pre, post, bank=b)  # warm: imports, caches of the bank
        rng = np.random.default_rng(19)
        sheets = [
            (
                f"S{i + 1:02d}",
                phase,
                {it.id: rec._answer(it, rng.random() < 0.5, rng) for it in form},
            )
            for phase in ("pre", "post")
            for i in range(rec.N_CLASS)
            for form in [b.for_module("prepost")]
        ]
        rows = {
            "simulate_chat": lambda b=b: rec.simulate_chat(b, np.random.default_rng(19)),
            "make_code x 80": lambda b=b, sheets=sheets: [
                make_code(who, phase, "prepost", answers, b) for who, phase, answers in sheets
            ],
            "read_codes": lambda b=b, chat=chat: read_codes(chat, b),
            "evaluate": lambda b=b, pre=pre, post=post: evaluate(pre, post, bank=b),
        }
        print(f"\n{label}: {k} items")
        for name, fn in rows.items():
            wall, cpu = timed(fn, args.repeat)
            print(f"  {wall:8.1f} ms ({cpu:7.1f} CPU)  {name}")
    if args.profile:
        b = forms["long form (3x)"]
        batch = read_codes(rec.simulate_chat(b, np.random.default_rng(19)), b)
        pre, post = batch.sheet("pre"), batch.sheet("post")
        prof = cProfile.Profile()
        prof.enable()
        for _ in range(5):
            evaluate(pre, post, bank=b)
        prof.disable()
        print("\ncProfile of 5 × evaluate on the long form (cumulative):")
        pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
        print("\n(by own time):")
        pstats.Stats(prof).sort_stats("tottime").print_stats(15)


if __name__ == "__main__":
    main()
