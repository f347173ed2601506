"""Tests of simulations.response.monitoring: CELF vs greedy vs brute force, monitor evaluation, EWMA/CUSUM."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulations.core.errors import DataError, ParameterError
from simulations.core.networks import scale_free, small_world
from simulations.response.alarms import (
    alarm_tradeoff,
    cusum,
    detect_changes,
    ewma,
)
from simulations.response.monitoring import (
    OBJECTIVES,
    brute_force,
    celf,
    evaluate_monitors,
    greedy,
    objective_value,
    place_monitors,
    simulate_cascades,
    summarise_detection,
)

SMALL = small_world(14, 4, 0.2, seed=3)
SMALL_CASCADES = simulate_cascades(SMALL, 40, steps=15, seed=0, p_forget=0.3)
MEDIUM = scale_free(300, 2, seed=1)
TRAIN = simulate_cascades(MEDIUM, 80, steps=30, seed=1, p_forget=0.2, p_verify=0.1)
TEST = simulate_cascades(MEDIUM, 80, steps=30, seed=2, p_forget=0.2, p_verify=0.1)


def test_cascades_are_consistent():
    c = TRAIN
    assert c.times.shape == (80, 300)
    assert np.all(c.times[np.arange(80), c.sources] == 0)  # the source believes at step 0
    assert np.all(np.diff(c.reach, axis=1) >= 0)
    counted = (c.times[:, :, None] <= np.arange(c.steps + 1)).sum(axis=1)
    assert np.array_equal(counted, c.reach)


@pytest.mark.parametrize("objective", OBJECTIVES)
def test_celf_equals_greedy(objective):
    a, b = greedy(TRAIN, 12, objective), celf(TRAIN, 12, objective)
    assert a.monitors == b.monitors
    assert a.values == b.values
    assert b.evaluations < a.evaluations  # the point of being lazy
    assert objective_value(TRAIN, b.monitors, objective) == b.values[-1]


@pytest.mark.parametrize("objective", OBJECTIVES)
@pytest.mark.parametrize("k", [1, 2, 3])
def test_celf_within_bound_of_brute_force(objective, k):
    best = brute_force(SMALL_CASCADES, k, objective).values[0]
    chosen = celf(SMALL_CASCADES, k, objective)
    assert chosen.values[-1] >= (1 - 1 / math.e) * best
    assert chosen.values[-1] <= best
    if k == 1:
        assert chosen.values[-1] == best  # greedy is exact for one monitor


@settings(max_examples=30, deadline=None)
@given(
    subset=st.lists(st.integers(0, 13), max_size=5, unique=True),
    extra=st.integers(0, 13),
    objective=st.sampled_from(OBJECTIVES),
)
def test_objective_is_monotone_submodular(subset, extra, objective):
    c = SMALL_CASCADES
    small = subset[: len(subset) // 2]
    f = lambda s: objective_value(c, s, objective)  # noqa: E731
    assert f(subset) >= f(small)  # monotone
    if extra not in subset:
        assert f(small + [extra]) - f(small) >= f(subset + [extra]) - f(
            subset
        )  # diminishing returns


def test_evaluation_and_strategies():
    results = {}
    for strategy in ("random", "degree", "celf"):
        placement = place_monitors(TRAIN, 10, strategy, seed=0)
        assert len(set(placement.monitors)) == 10
        df = evaluate_monitors(TEST, placement.monitors)
        assert df["detected"].dtype == bool
        assert (df["reached_before_detection"] <= df["final_reach"] + 1e-12).all()
        assert df.loc[~df["detected"], "detection_time"].isna().all()
        results[strategy] = df["reached_before_detection"].mean()
        assert "kaskade" in summarise_detection(df, 10, strategy)
    # informed placement catches cascades earlier than random on a scale-free network
    assert results["celf"] < results["random"] and results["degree"] < results["random"]
    empty = evaluate_monitors(TEST, [])
    assert not empty["detected"].any()
    assert "Tidak ada" in summarise_detection(empty)


# ------------------------------------------------------------------------------- change detection


def test_flags_known_change_points_within_stated_delay():
    # 200 Poisson(20) series, +2 SD surge from day 100. Stated: CUSUM (k=0.5, h=5) and EWMA
    # (λ=0.2, L=3) flag within 7 days in >= 95% of series (mean delay ≈ 3 days, see the
    # docstrings); the baseline is estimated from the first 28 days as in real use.
    rng = np.random.default_rng(42)
    for method, fn in (("cusum", cusum), ("ewma", ewma)):
        within = 0
        for _ in range(200):
            x = rng.poisson(20, 160).astype(float)
            x[100:] = rng.poisson(20 + 2 * np.sqrt(20), 60)
            res = fn(x)
            d = res.delay(100)
            within += d is not None and d <= 7
        assert within >= 190, method


def test_quiet_on_stationary_series():
    # Stated false-alarm rates with a known baseline (Poisson(20) counts): CUSUM k=0.5, h=5 and
    # EWMA λ=0.2, L=3 raise at most ~2.2 alarms per 1,000 days (ARL0 ≈ 465 days). Over
    # 100 × 500 = 50,000 days the expected count is <= 110; we allow 1.5× (a Poisson count of
    # 110 has SD ≈ 10.5, so 165 is > 5 SD away) — a real failure, not noise, trips this.
    rng = np.random.default_rng(7)
    series = rng.poisson(20, size=(100, 500)).astype(float)
    for fn in (cusum, ewma):
        alarms = sum(int(fn(x, mu0=20, sigma0=np.sqrt(20)).alarms.sum()) for x in series)
        assert alarms <= 165, fn.__name__
    # with the baseline estimated from 28 days the rate rises but stays low
    alarms = sum(int(cusum(x).alarms.sum()) for x in series[:50])
    assert alarms / (50 * (500 - 28)) < 0.01


def test_tradeoff_is_monotone():
    for method, grid in (("cusum", (3, 4, 5, 6)), ("ewma", (2.5, 3.0, 3.5))):
        t = alarm_tradeoff(method, grid, n_series=100, seed=1)
        assert (np.diff(t["false_alarms_per_1000_days"]) <= 0).all()
        assert (np.diff(t["mean_delay"]) >= 0).all()
        assert (t["detected_share"] > 0.95).all()


def test_detect_changes_per_category():
    days = pd.date_range("2024-01-01", periods=120, freq="D")
    rng = np.random.default_rng(0)
    rows = []
    for cat, change in (("kesehatan", None), ("politik", 90)):
        counts = rng.poisson(10, len(days))
        if change is not None:
            counts[change:] += 15
        rows += [
            {"tanggal": d, "kategori": cat, "jumlah": int(c)}
            for d, c in zip(days, counts, strict=True)
        ]
    df = pd.DataFrame(rows).drop(index=[5])  # a missing day counts as zero reports
    out = detect_changes(df, method="cusum")
    assert set(out.columns) == {"kategori", "tanggal", "jumlah", "statistic", "threshold", "alarm"}
    pol = out[out["kategori"] == "politik"]
    first = pol.loc[pol["alarm"], "tanggal"].min()
    assert days[90] <= first <= days[95]
    assert len(out[out["kategori"] == "kesehatan"]) == 120
    single = detect_changes(df[df["kategori"] == "politik"], category=None, method="ewma")
    assert single["alarm"].any()


def test_bad_report_tables_name_row_and_column():
    df = pd.DataFrame(
        {"tanggal": ["2024-01-01", "bukan tanggal"], "kategori": ["a", "a"], "jumlah": [1, 2]}
    )
    with pytest.raises(DataError) as err:
        detect_changes(df)
    assert err.value.row == 1 and err.value.column == "tanggal"
    with pytest.raises(DataError):
        detect_changes(df.rename(columns={"jumlah": "n"}))
    with pytest.raises(ParameterError):
        cusum([1.0, 2.0, 3.0])  # shorter than the baseline
    with pytest.raises(ParameterError):
        ewma(np.ones(50), lam=1.5)


def test_cascades_reproducible_and_reset_between_runs():
    a = simulate_cascades(SMALL, 10, steps=8, seed=5, p_forget=0.3)
    b = simulate_cascades(SMALL, 10, steps=8, seed=5, p_forget=0.3)
    assert np.array_equal(a.times, b.times) and np.array_equal(a.reach, b.reach)
    # each cascade starts from its own single source: nobody else believes at step 0
    assert np.all((a.times == 0).sum(axis=1) == 1)
    assert np.all(a.reach[:, 0] == 1)


def test_cascades_follow_the_replicate_seeds_of_compare():
    # cascade c uses run_seed(seed, c): it does not depend on how many cascades are simulated
    few = simulate_cascades(SMALL, 4, steps=8, seed=5, p_forget=0.3)
    many = simulate_cascades(SMALL, 12, steps=8, seed=5, p_forget=0.3)
    assert np.array_equal(few.times, many.times[:4]) and np.array_equal(few.reach, many.reach[:4])
    assert np.array_equal(few.sources, many.sources[:4])
    with pytest.raises(ParameterError) as e:
        simulate_cascades(SMALL, 4, steps=8, seed=-1)
    assert e.value.field == "root_seed"
