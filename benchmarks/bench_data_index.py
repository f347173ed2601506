"""Timings for the data layer and the composite index (issue 6). Not a test: prints numbers.

Run: ``python benchmarks/bench_data_index.py``. Timings depend on the machine and its load.
"""

from __future__ import annotations

import time

from simulations import data
from simulations.analysis import resilience_index as ri
from simulations.data import loading
from simulations.response import policy


def _time(label: str, fn, repeat: int = 3) -> None:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    print(f"{label:<60s} {best * 1000:9.1f} ms (best of {repeat})")


def main() -> None:
    names = data.resource_names()

    def load_all_uncached():
        loading._load_cached.cache_clear()
        for n in names:
            data.load_table(n)

    _time(f"load + validate all {len(names)} tables (cold cache)", load_all_uncached)
    _time(
        "load laporan_warga (10k rows, cold cache)",
        lambda: (loading._load_cached.cache_clear(), data.load_reports()),
    )
    table = data.province_indicators().set_index("kode_kemendagri")
    arah = {k: "+" for k in data.INDICATORS_34}
    _time(
        "compute_index, 34 provinces × 6 indicators",
        lambda: ri.compute_index(table, arah, missing="reweight"),
    )
    _time(
        "weight_sensitivity, 200 draws",
        lambda: ri.weight_sensitivity(table, arah, n_draws=200, seed=1, missing="reweight"),
        repeat=1,
    )
    _time(
        "policy sandbox: 6 allocations × 20 seeds × 40 steps, n=400",
        lambda: policy.compare_allocations(
            {f"a{i}": {"share_leaders": i / 5} for i in range(6)},
            budget=60,
            seeds=20,
            steps=40,
            n=400,
        ),
        repeat=1,
    )


if __name__ == "__main__":
    main()
