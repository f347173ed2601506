"""Tests of simulations.analysis.experiments: seeds, determinism across executors, statistics, I/O, Dask, Mesa."""

from __future__ import annotations

import math
import warnings
from concurrent.futures import ThreadPoolExecutor

import mesa
import numpy as np
import pandas as pd
import pytest

from simulations.analysis.experiments import (
    ExperimentInterrupted,
    mean_ci,
    run_many,
    run_seed,
    summarise_points,
    sweep,
)
from simulations.core.errors import NetworkError, ParameterError, SimulationInputError
from simulations.core.params import Param, ParamTable
from simulations.models.hoax import HoaxModel
from simulations.models.registry import MODELS, ModelSpec, get_model, register_model

SMALL = {"n": 60, "network": {"kind": "scale_free", "m": 2}}
GRID = {"alpha": [0.2, 0.7], "p_verify": [0.05, 0.3]}


def small_sweep(**options):
    options.setdefault("progress", False)
    return sweep("hoax", SMALL, GRID, seeds=3, steps=8, root_seed=11, **options)


def assert_same(a, b):
    pd.testing.assert_frame_equal(a.runs, b.runs)
    pd.testing.assert_frame_equal(a.summary, b.summary)
    pd.testing.assert_frame_equal(a.points, b.points)


# ----------------------------------------------------------------------------- seeds
def test_run_seed_comes_from_seed_sequence_keyed_by_replicate():
    expected = int(
        np.random.SeedSequence(42, spawn_key=(3,)).generate_state(1, np.uint64)[0] >> np.uint64(16)
    )
    assert run_seed(42, 3) == expected
    assert run_seed(42, 3, {"alpha": 0.1}) == run_seed(42, 3, {"alpha": 0.9})  # common scheme
    ind = {run_seed(42, 3, {"alpha": a}, "independent") for a in (0.1, 0.9)}
    assert len(ind) == 2
    assert 0 <= run_seed(2**40, 10**6) < 2**48
    with pytest.raises(ParameterError):
        run_seed(1, 0, scheme="other")


def test_result_rows_reproduce_with_the_model_and_seed():
    res = small_sweep(executor="serial")
    row = res.summary.to_dict("records")[5]  # keep the int dtype of each column
    assert isinstance(row["seed"], int)
    kwargs = {**SMALL, "alpha": row["alpha"], "p_verify": row["p_verify"]}
    again = HoaxModel(**kwargs, seed=row["seed"]).run(8)
    run = res.runs[res.runs["run"] == row["run"]][again.columns].reset_index(drop=True)
    pd.testing.assert_frame_equal(run, again)


@pytest.mark.parametrize("scheme", ["common", "independent"])
def test_subset_rerun_alone_gives_the_same_numbers(scheme):
    full = small_sweep(executor="serial", seed_scheme=scheme)
    part = sweep(
        "hoax",
        SMALL,
        {"alpha": [0.7], "p_verify": [0.3]},
        seeds=[2, 0],
        steps=8,
        root_seed=11,
        executor="serial",
        progress=False,
        seed_scheme=scheme,
    )
    cols = ["replicate", "seed", "alpha", "p_verify", "final_share_believer", "peak_share_believer"]
    want = full.summary.query("alpha == 0.7 and p_verify == 0.3 and replicate in [0, 2]")[cols]
    got = part.summary[cols].sort_values("replicate")
    pd.testing.assert_frame_equal(want.reset_index(drop=True), got.reset_index(drop=True))


# ----------------------------------------------------------------------------- determinism
def test_same_results_across_executors_worker_counts_and_chunks():
    serial = small_sweep(executor="serial")
    assert_same(serial, small_sweep(workers=2))  # default process pool (fork on Linux)
    assert_same(serial, small_sweep(workers=2, chunksize=1))
    with ThreadPoolExecutor(max_workers=3) as pool:
        assert_same(serial, small_sweep(executor=pool, chunksize=2))
    assert serial.complete and serial.finished_runs == serial.expected_runs == 12


def test_tidy_shapes_and_columns():
    res = small_sweep(executor="serial")
    assert len(res.runs) == 12 * 9  # runs × (steps + 1)
    assert list(res.runs.columns[:6]) == ["run", "point", "replicate", "seed", "alpha", "p_verify"]
    assert {"step", "believer", "share_believer"} <= set(res.runs.columns)
    assert len(res.summary) == 12
    n_metrics = len(res.summary.columns) - 6
    assert len(res.points) == 4 * n_metrics
    assert set(res.points["n_runs"]) == {3}
    traj = res.trajectory("share_believer")
    assert len(traj) == 4 * 9 and (traj["ci_low"] <= traj["mean"] + 1e-12).all()


def test_run_many_is_a_sweep_without_grid():
    res = run_many("hoax", SMALL, seeds=2, steps=3, root_seed=5, workers=1, progress=False)
    assert res.grid_columns == [] and len(res.summary) == 2
    assert set(res.points["point"]) == {0}


# ----------------------------------------------------------------------------- statistics
def test_mean_ci_known_answer():
    r = mean_ci([1, 2, 3, 4, 5], level=0.95)
    # t_{0.975, 4} = 2.7764451, s = sqrt(2.5), half-width = t * s / sqrt(5)
    half = 2.7764451 * math.sqrt(2.5) / math.sqrt(5)
    assert r["n_runs"] == 5 and r["mean"] == 3.0
    assert r["std"] == pytest.approx(math.sqrt(2.5))
    assert r["ci_low"] == pytest.approx(3 - half, abs=1e-6)
    assert r["ci_high"] == pytest.approx(3 + half, abs=1e-6)
    one = mean_ci([2.0])
    assert one["mean"] == 2.0 and math.isnan(one["ci_low"])


def test_summary_statistics_on_a_deterministic_case():
    # beta = 0 (nobody new is convinced) and p_forget = 1 (everyone forgets at once):
    # 10 of 100 believe at step 0, nobody from step 1 on. Every run is identical.
    params = {"n": 100, "beta": 0.0, "p_forget": 1.0, "p_verify": 0.0, "initial_believers": 10}
    res = run_many("hoax", params, seeds=4, steps=5, workers=1, progress=False)
    pts = res.points.set_index("metric")
    assert pts.loc["peak_share_believer", "mean"] == pytest.approx(0.1)
    assert pts.loc["peak_step_believer", "mean"] == 0
    assert pts.loc["final_share_believer", "mean"] == 0
    assert pts.loc["mean_share_believer", "mean"] == 0
    assert pts.loc["believers_extinct", "mean"] == 1
    assert pts.loc["peak_share_believer", "ci_low"] == pytest.approx(0.1)  # zero spread
    assert pts.loc["peak_share_believer", "ci_high"] == pytest.approx(0.1)


def test_mean_matches_the_binomial_decay_of_believers():
    # beta = 0, p_verify = 0: each of 50 believers stays with prob. 0.8 per step, so after 5 steps
    # B ~ Binomial(50, 0.8**5): E[share] = 0.5 * 0.8**5 = 0.16384, sd(share) = sqrt(50 p q)/100
    # = 0.0332. With 40 runs the standard error is 0.0052; we allow 4 SE (fails ~1 in 16,000).
    p = 0.8**5
    params = {"n": 100, "beta": 0.0, "p_verify": 0.0, "p_forget": 0.2, "initial_believers": 50}
    res = run_many("hoax", params, seeds=40, steps=5, root_seed=3, workers=1, progress=False)
    row = res.points.set_index("metric").loc["final_share_believer"]
    se = math.sqrt(50 * p * (1 - p)) / 100 / math.sqrt(40)
    assert abs(row["mean"] - 0.5 * p) < 4 * se
    assert row["sem"] == pytest.approx(se, rel=0.5)


def test_summarise_points_groups_by_point():
    summary = pd.DataFrame({"point": [0, 0, 1, 1], "x": [1.0, 3.0, 10.0, 10.0]})
    pts = summarise_points(summary, ["point"])
    assert list(pts["mean"]) == [2.0, 10.0]
    assert list(pts["n_runs"]) == [2, 2]


# ----------------------------------------------------------------------------- errors
def test_clear_errors_before_anything_runs():
    with pytest.raises(ParameterError, match="unknown model 'nope'"):
        sweep("nope", progress=False)
    with pytest.raises(ParameterError, match="unknown parameter"):
        sweep("hoax", {"gamma": 0.1}, progress=False)
    with pytest.raises(ParameterError, match=r"alpha=1.5 is outside its allowed range \[0, 1\]"):
        sweep("hoax", SMALL, {"alpha": [0.2, 1.5]}, progress=False)
    with pytest.raises(ParameterError, match="seed"):
        sweep("hoax", {"seed": 3}, progress=False)
    with pytest.raises(NetworkError, match="unknown network kind"):
        sweep("hoax", {"network": "lattice"}, progress=False)
    with pytest.raises(ParameterError, match="seeds"):
        sweep("hoax", SMALL, seeds=0, progress=False)
    with pytest.raises(ParameterError, match="root_seed"):
        sweep("hoax", SMALL, root_seed=-1, progress=False)
    with pytest.raises(ParameterError, match="empty"):
        sweep("hoax", SMALL, {"alpha": []}, progress=False)
    err = pytest.raises(
        ParameterError, sweep, "hoax", {"p_verify": 0.6, "p_forget": 0.6}, progress=False
    )
    assert "Peluang" in err.value.pesan  # Indonesian message is there too


# ----------------------------------------------------------------------------- registry
class CountingModel:
    """Toy model: value = x + replicate noise; raises KeyboardInterrupt on a chosen call."""

    params = ParamTable((Param("x", "x", "x", 0.5, 0.0, 1.0),))
    calls = 0
    interrupt_at: int | None = None

    def __init__(self, x: float = 0.5, seed: int | None = None):
        self.x = x
        self.seed = seed

    def run(self, steps: int) -> pd.DataFrame:
        type(self).calls += 1
        if type(self).interrupt_at is not None and type(self).calls >= type(self).interrupt_at:
            raise KeyboardInterrupt
        rng = np.random.default_rng(self.seed)
        return pd.DataFrame({"step": range(steps + 1), "value": self.x + rng.random(steps + 1)})


@pytest.fixture
def counting_model():
    spec = register_model("counting", CountingModel, replace=True)
    CountingModel.calls = 0
    CountingModel.interrupt_at = None
    yield spec
    MODELS.pop("counting", None)


def test_registering_a_model_is_one_line(counting_model):
    assert get_model("counting") is counting_model
    assert counting_model.description.startswith("Toy model")
    res = sweep("counting", grid={"x": [0.0, 1.0]}, seeds=3, steps=2, workers=2, progress=False)
    assert {"final_value", "peak_value"} <= set(res.summary.columns)
    means = res.points[res.points["metric"] == "final_value"]["mean"].to_numpy()
    assert means[1] - means[0] == pytest.approx(1.0)  # common random numbers: noise cancels
    with pytest.raises(ValueError, match="already registered"):
        register_model("counting", CountingModel)
    assert isinstance(MODELS["hoax"], ModelSpec) and "hoax_arrays" in MODELS


def test_interrupt_returns_the_finished_runs(counting_model, tmp_path):
    CountingModel.interrupt_at = 3
    with pytest.warns(RuntimeWarning, match="2 of 5 runs"):
        res = run_many("counting", seeds=5, steps=2, workers=1, progress=False, output=tmp_path)
    assert not res.complete and res.finished_runs == 2 and res.expected_runs == 5
    assert len(pd.read_csv(tmp_path / "summary.csv")) == 2  # finished runs were written
    CountingModel.calls = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        with pytest.raises(ExperimentInterrupted) as info:
            run_many("counting", seeds=5, steps=2, workers=1, progress=False, on_interrupt="raise")
    assert info.value.partial_result.finished_runs == 2


# ----------------------------------------------------------------------------- output
def test_save_csv_and_parquet(tmp_path):
    res = small_sweep(executor="serial", output=tmp_path / "csv")
    back = pd.read_csv(tmp_path / "csv" / "points.csv")
    assert len(back) == len(res.points)
    assert (tmp_path / "csv" / "config.json").read_text().count('"root_seed": 11') == 1
    pytest.importorskip("pyarrow")
    files = res.save(tmp_path / "pq", fmt="parquet")
    pd.testing.assert_frame_equal(pd.read_parquet(files["summary"]), res.summary)


def test_parquet_without_pyarrow_is_a_clear_error(monkeypatch, tmp_path):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "pyarrow" else real(name, *a)
    )
    with pytest.raises(SimulationInputError, match="pyarrow"):
        sweep("hoax", SMALL, seeds=1, steps=1, output=tmp_path, fmt="parquet", progress=False)
    assert not any(tmp_path.iterdir())  # failed before running anything
    with pytest.raises(SimulationInputError, match="format"):
        sweep("hoax", SMALL, seeds=1, steps=1, output=tmp_path, fmt="xlsx", progress=False)


# ----------------------------------------------------------------------------- Dask and Mesa
def test_dask_local_cluster_gives_the_same_results():
    distributed = pytest.importorskip("dask.distributed")
    with (
        distributed.LocalCluster(
            processes=False, n_workers=1, threads_per_worker=2, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        on_dask = small_sweep(executor=client.get_executor())
    assert_same(small_sweep(executor="serial"), on_dask)


def test_hoax_model_runs_under_mesa_batch_run():
    rows = mesa.batch_run(
        HoaxModel,
        parameters={
            "n": 50,
            "alpha": [0.2, 0.8],
            "seed": [1, 2],
            "network": [{"kind": "scale_free", "m": 2}],
        },
        iterations=1,
        max_steps=5,
        number_processes=1,
        display_progress=False,
    )
    df = pd.DataFrame(rows)
    assert len(df) == 4
    # the DataCollector's columns are the results columns
    assert {"alpha", "seed", "susceptible", "believer", "fact_checker", "Step"} <= set(df.columns)
    assert (df[["susceptible", "believer", "fact_checker"]].sum(axis=1) == 50).all()
    # batch_run with a fixed seed reproduces the model run directly. (It reports the
    # DataCollector row number model.steps - 1; HoaxModel also collects the initial state.)
    direct = HoaxModel(n=50, alpha=0.2, seed=1, network={"kind": "scale_free", "m": 2})
    while direct.running and direct.steps <= 5:
        direct.step()
    first = df[(df["alpha"] == 0.2) & (df["seed"] == 1)].iloc[0]
    collected = direct.datacollector.get_model_vars_dataframe()
    assert first["believer"] == collected["believer"].iloc[first["Step"]]


def test_interrupt_through_an_executor_keeps_finished_chunks(counting_model):
    CountingModel.interrupt_at = 3  # the third and every later call raises KeyboardInterrupt
    with ThreadPoolExecutor(max_workers=1) as pool, pytest.warns(RuntimeWarning):
        res = run_many("counting", seeds=5, steps=2, executor=pool, chunksize=1, progress=False)
    assert not res.complete and res.finished_runs == 2
    assert sorted(res.summary["replicate"]) == [0, 1]


def test_every_model_is_registered():
    expected = {
        "hoax", "hoax_arrays", "rumour", "deffuant", "algorithmic_bias", "hk",
        "friedkin_johnsen", "degroot", "echo_chamber", "coevolving",
    }  # fmt: skip
    assert expected <= set(MODELS)
    assert "kebijakan_anggaran" not in MODELS  # a sandbox (response layer), run as a class
    res = run_many("hk", {"n": 60}, seeds=2, steps=3, workers=1, progress=False)
    assert res.complete and res.finished_runs == 2
