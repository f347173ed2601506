"""Limits on the work one call may start (issue 17, "Work without bounds").

Sizes, the total work (people × steps × runs), the memory of the results and the number of worker
processes are checked before anything is built or run, against the limits of
:mod:`simulations.core.limits` (documented there, in the functions' docstrings and in the README's
"Limits"); the error says how to ask for more on purpose (``max_work=``, ``--max-work``). Nothing
here runs a large simulation: the builders and the executor are replaced by sentinels that fail
the test if they are reached when they should not be.
"""

from __future__ import annotations

import math
import textwrap
import warnings
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import simulations.core.limits as limits
import simulations.core.networks as networks
from simulations.__main__ import main
from simulations.analysis import experiments
from simulations.analysis.experiments import run_many, sweep
from simulations.core.errors import SimulationInputError
from simulations.core.limits import DEFAULT_MAX_WORK, check_runs, check_work, pool_size
from simulations.core.params import size_limit
from simulations.course.action_plan import make_plan
from simulations.response import action_plan
from simulations.response.action_plan import simulate_plan
from simulations.response.interventions import (
    compare_interventions,
    compare_opinion_interventions,
    segregation_experiment,
)
from simulations.response.policy import compare_allocations

SMALL = {"n": 40, "network": {"kind": "scale_free", "m": 2}}


class Built(Exception):
    """Raised by a stand-in builder: the checks let the call through to building."""


@pytest.fixture
def no_building(monkeypatch):
    """Make every network builder the response functions use fail the test if it is reached."""

    def refuse(*args, **kwargs):
        raise Built(f"a network was built: {args} {kwargs}")

    monkeypatch.setattr(networks, "build_network", refuse)
    monkeypatch.setattr(action_plan, "community_network", refuse)
    return refuse


@pytest.fixture
def no_running(monkeypatch):
    """Record whether a sweep got as far as running, without running anything."""
    ran = []
    monkeypatch.setattr(experiments, "_execute", lambda *a, **k: ran.append(a) or ({}, False))
    return ran


def assert_named(exc: BaseException, field: str) -> None:
    assert isinstance(exc, SimulationInputError), type(exc)
    assert exc.field == field, (exc.field, str(exc))
    assert field in str(exc), str(exc)
    assert exc.pesan and exc.pesan != str(exc)


# ------------------------------------------------------------------------- compare_interventions
def test_compare_interventions_checks_n_before_building_the_network(no_building):
    # Before: build_network(n=10**12) started allocating (MemoryError after 2.3 GB).
    with pytest.raises(SimulationInputError) as err:
        compare_interventions({"tanpa": []}, n=10**12, seeds=1, steps=1)
    assert_named(err.value, "n")
    assert "memory" in str(err.value)


def test_compare_interventions_refuses_work_beyond_max_work_and_says_how_to_allow_it(no_building):
    # 20,000 people × 1,000 steps × 2 scenarios × 300 replicates = 1.2e10 person-steps
    scenarios = {"a": [], "b": []}
    with pytest.raises(SimulationInputError) as err:
        compare_interventions(scenarios, n=20_000, seeds=300, steps=1000)
    assert_named(err.value, "max_work")
    message = str(err.value)
    assert "1.2e+10 person-steps" in message and "max_work=12000000000" in message
    assert "--max-work" in message
    # Asked for on purpose: the checks pass and the network is built (here: the sentinel).
    with pytest.raises(Built):
        compare_interventions(scenarios, n=20_000, seeds=300, steps=1000, max_work=1.2e10)
    with pytest.raises(Built):
        compare_interventions(scenarios, n=20_000, seeds=300, steps=1000, max_work=math.inf)


def test_compare_interventions_counts_the_people_of_a_given_graph():
    graph = networks.scale_free(200, m=2, seed=1)
    with pytest.raises(SimulationInputError) as err:
        compare_interventions({"a": []}, graph=graph, seeds=10, steps=1000, max_work=10**6)
    assert_named(err.value, "max_work")
    assert "200 people" in str(err.value)


@pytest.mark.parametrize("bad", [-1, 1.5, "0", True, [1]])
def test_graph_seed_is_checked_before_building(no_building, bad):
    with pytest.raises(SimulationInputError) as err:
        compare_interventions({"a": []}, n=100, seeds=1, steps=1, graph_seed=bad)
    assert_named(err.value, "graph_seed")
    with pytest.raises(SimulationInputError) as err:
        simulate_plan(["tokoh"], n=100, seeds=1, steps=1, graph_seed=bad)
    assert_named(err.value, "graph_seed")


# ------------------------------------------------------------------------- action plan
def test_make_plan_refuses_a_huge_n_before_building_the_network(no_building):
    # Before: a raw MemoryError after 2.3 GB in the block model of 10**12 people.
    with pytest.raises(SimulationInputError) as err:
        make_plan("32", ["tokoh"], seeds=1, steps=1, n=10**12)
    assert_named(err.value, "n")
    with pytest.raises(SimulationInputError) as err:  # 2 scenarios × 100 × 10^4 steps × 10^5
        simulate_plan(["tokoh"], seeds=100, steps=10**4, n=10**5)
    assert_named(err.value, "max_work")


def test_n_given_with_a_network_is_refused_not_ignored():
    # the fictional regency brings its own network: n would be silently ignored
    with pytest.raises(SimulationInputError) as err:
        make_plan("fiktif", ["tokoh"], seeds=1, steps=1, n=500)
    assert_named(err.value, "n")
    graph = networks.community_network(n=60, k=3, seed=1)
    with pytest.raises(SimulationInputError) as err:
        simulate_plan(["tokoh"], graph=graph, n=60, seeds=1, steps=1)
    assert_named(err.value, "n")


def test_other_comparisons_check_their_work_first(no_building):
    from simulations.models.opinion import DeffuantModel

    graph = networks.scale_free(100, m=2, seed=1)
    with pytest.raises(SimulationInputError) as err:
        compare_opinion_interventions(DeffuantModel, {"a": []}, graph=graph, seeds=100, steps=10**4,
                                      max_work=10**6)  # fmt: skip
    assert_named(err.value, "max_work")
    with pytest.raises(SimulationInputError) as err:
        segregation_experiment(n=10**12, seeds=1, steps=30)
    assert_named(err.value, "n")
    with pytest.raises(SimulationInputError) as err:
        segregation_experiment((0.5, 0.9), n=6000, seeds=1000, steps=1000)
    assert_named(err.value, "max_work")
    with pytest.raises(SimulationInputError) as err:
        compare_allocations({"a": {"share_leaders": 1.0}}, seeds=2, steps=10, max_work=100)
    assert_named(err.value, "max_work")


# ------------------------------------------------------------------------- sweep
def test_sweep_of_huge_grid_times_replicates_is_refused_before_checking_points(no_running):
    # 10^5 grid points × 10^5 replicates: refused by the result memory before any of the 10^5
    # points is validated (validating them would take a minute).
    grid = {"alpha": [0.1 + i * 1e-6 for i in range(100_000)]}
    with pytest.raises(SimulationInputError) as err:
        sweep("hoax", SMALL, grid, seeds=100_000, steps=100, progress=False)
    assert_named(err.value, "steps")
    assert "result rows" in str(err.value) and "seeds=[...]" in str(err.value)
    big = {"alpha": range(10**6), "beta": range(10**6)}  # 10^12 points, never expanded
    with pytest.raises(SimulationInputError) as err:
        sweep("hoax", SMALL, big, seeds=1, steps=1, progress=False)
    assert_named(err.value, "grid")
    assert not no_running


def test_sweep_work_limit_and_max_work_override(no_running):
    params = {"n": 100_000}
    with pytest.raises(SimulationInputError) as err:
        sweep("hoax", params, seeds=1000, steps=1000, progress=False)
    assert_named(err.value, "max_work")
    assert "100,000 people × 1,000 steps × 1,000 replicates = 1e+11" in str(err.value)
    with pytest.raises(SimulationInputError) as err:  # the same through run_many
        run_many("hoax", params, seeds=1000, steps=1000, progress=False)
    assert_named(err.value, "max_work")
    sweep("hoax", params, seeds=1000, steps=1000, progress=False, max_work=10**11)
    assert len(no_running) == 1  # allowed on purpose: it got as far as running
    for bad in (0, -5, math.nan, "1e12", True, None.__class__):
        with pytest.raises(SimulationInputError) as err:
            sweep("hoax", SMALL, seeds=1, steps=1, progress=False, max_work=bad)
        assert_named(err.value, "max_work")


def test_grid_points_with_different_sizes_add_up(no_running):
    grid = {"n": [1000, 2_000_000]}
    with pytest.raises(SimulationInputError) as err:
        sweep("hoax_arrays", {}, grid, seeds=50, steps=100, progress=False)
    assert_named(err.value, "max_work")
    assert "2,001,000 people summed over 2 scenarios/grid points" in str(err.value)


@pytest.mark.parametrize("workers", [0, -1, 1025, 10**6, 2.0, "2", True])
def test_workers_outside_1_to_1024_are_refused(no_running, workers):
    with pytest.raises(SimulationInputError) as err:
        sweep("hoax", SMALL, seeds=2, steps=1, progress=False, workers=workers)
    assert_named(err.value, "workers")


def test_pool_never_starts_more_processes_than_runs_or_cores(monkeypatch):
    # Before: workers=64 started 64 processes for two runs.
    started = []

    class Recording(ProcessPoolExecutor):
        def __init__(self, max_workers=None, **kwargs):
            started.append(max_workers)
            super().__init__(max_workers=max_workers, **kwargs)

    monkeypatch.setattr(experiments, "ProcessPoolExecutor", Recording)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = sweep("hoax", SMALL, seeds=2, steps=2, workers=64, progress=False)
    assert res.finished_runs == 2
    assert all(m <= min(2, limits.usable_cpus()) for m in started), started
    if limits.usable_cpus() < 64:
        text = " ".join(str(w.message) for w in caught)
        assert "workers=64 is more than" in text
        assert "ProcessPoolExecutor(max_workers=64)" in text  # how to do it on purpose


# ------------------------------------------------------------------------- the CLI
def test_cli_run_of_huge_work_is_refused_with_the_option_to_allow_it(
    tmp_path, capsys, no_running, monkeypatch
):
    # Before: 10^5 seeds × 10^6 steps × 3·10^6 people was accepted. Here 10 seeds × 10^4 steps ×
    # 10^6 people (10^11 person-steps): within the result memory, beyond the work limit.
    monkeypatch.chdir(tmp_path)
    config = tmp_path / "besar.toml"
    config.write_text(
        textwrap.dedent(
            """
            model = "hoax_arrays"
            steps = 10000
            seeds = 10
            [params]
            n = 1000000
            network = "scale_free_fast"
            """
        ),
        encoding="utf-8",
    )
    assert main(["run", str(config), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1
    assert "max_work=1e+10" in err and "--max-work 100000000000" in err
    assert main(["run", str(config), "--quiet", "--max-work", "100000000000"]) == 0
    assert len(no_running) == 1
    config.write_text("max_work = 0\n" + config.read_text(), encoding="utf-8")
    assert main(["run", str(config), "--quiet"]) == 2
    assert "'max_work' = 0 is outside its allowed range" in capsys.readouterr().err


# ------------------------------------------------------------------------- the rules (hypothesis)
@settings(max_examples=300, deadline=None)
@given(
    workers=st.one_of(st.none(), st.integers(1, limits.MAX_WORKERS)),
    runs=st.integers(0, 10**7),
    cpus=st.integers(1, 256),
    bytes_per_run=st.one_of(st.just(0.0), st.floats(1.0, 1e13)),
)
def test_pool_size_never_exceeds_runs_cores_workers_or_memory(workers, runs, cpus, bytes_per_run):
    with pytest.MonkeyPatch.context() as mp, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        mp.setattr(limits, "usable_cpus", lambda: cpus)
        size = pool_size(workers, runs, bytes_per_run)
    assert 1 <= size <= max(1, runs)
    assert size <= cpus
    assert workers is None or size <= workers
    if bytes_per_run > 0:
        assert size == 1 or size <= size_limit(bytes_per_run)
    if workers is None and bytes_per_run == 0:
        assert size == min(cpus, max(1, runs))  # the default: one process per core, if needed


@settings(max_examples=300, deadline=None)
@given(
    people=st.lists(st.integers(1, 10**7), min_size=1, max_size=5),
    steps=st.integers(0, 10**6),
    replicates=st.integers(1, 10**4),
    max_work=st.one_of(st.none(), st.integers(1, 10**14), st.just(math.inf)),
)
def test_check_work_accepts_exactly_what_fits(people, steps, replicates, max_work):
    work = sum(people) * steps * replicates
    rows = len(people) * replicates * (steps + 1)
    limit = DEFAULT_MAX_WORK if max_work is None else max_work
    fits = rows <= size_limit(limits.RESULT_ROW_BYTES)
    try:
        got = check_work(people, steps, replicates, max_work)
    except SimulationInputError as exc:
        assert exc.field in ("max_work", "steps")
        assert not fits or work > limit
        if exc.field == "max_work":
            assert f"max_work={work}" in str(exc)  # the exact number to ask for
    else:
        assert got == work and fits and work <= limit
    # the quick first check never refuses what the full check accepts
    if fits and work <= limit:
        check_runs(len(people) * replicates, steps, max_work)


def test_limits_are_stated_in_the_readme_and_docstrings():
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert "#### Limits" in readme
    for needle in ("10^10 person-steps", "max_work", "--max-work", "100,000 grid points"):
        assert needle in readme, needle
    for func in (sweep, compare_interventions, simulate_plan):
        assert "max_work" in (func.__doc__ or ""), func.__name__
