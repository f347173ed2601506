"""Experiments at scale: many seeds, parameter sweeps, confidence intervals, any Executor.

One call goes from a single run to thousands of runs on all cores, or on a Dask cluster::

    from simulations.analysis.experiments import sweep

    result = sweep(
        "hoax",
        params={"n": 1000, "beta": 0.5},
        grid={"alpha": [0.2, 0.4, 0.6], "p_verify": [0.05, 0.1]},
        seeds=20,          # replicates per grid point
        steps=100,
        root_seed=42,
    )
    result.runs      # one row per run × step (tidy)
    result.summary   # one row per run (final and peak shares, ...)
    result.points    # per grid point and metric: n_runs, mean, std, sem, ci_low, ci_high

Seeds:
    Every run's seed comes from one ``root_seed`` through :class:`numpy.random.SeedSequence`, with
    the spawn key set by the *replicate index* (and, with ``seed_scheme="independent"``, by a hash
    of the grid point's values). A run's seed therefore never depends on which other runs are in
    the batch: ``sweep(..., seeds=[3, 7])`` re-runs replicates 3 and 7 alone and gives the same
    numbers as in the full sweep, and adding grid points leaves existing runs unchanged. The
    default ``"common"`` scheme gives replicate ``r`` the same seed at every grid point (common
    random numbers: comparisons between grid points have less noise); ``"independent"`` gives every
    run its own stream. The seed is stored in every row, so
    ``simulations.models.registry.MODELS[name].model(**params,
    seed=seed).run(steps)`` reproduces any single run.

Parallelism:
    Runs are grouped in chunks and submitted to a :class:`concurrent.futures.Executor`. By default
    a :class:`~concurrent.futures.ProcessPoolExecutor` with one process per core; ``workers=1`` or
    ``executor="serial"`` runs in this process; any Executor can be passed, in particular
    ``dask.distributed.Client(address).get_executor()`` to run the same call on a cluster. Results
    do not depend on the executor, the number of workers or the chunk size.

Interruption:
    Ctrl-C (``KeyboardInterrupt``, or the notebook's *Interrupt kernel*) stops the work; the runs
    that had finished are returned as an :class:`ExperimentResult` with ``complete=False`` (and a
    warning), so nothing finished is lost. Pass ``on_interrupt="raise"`` to re-raise instead; the
    partial result is then attached to the exception as ``exc.partial_result``.

Mesa's own ``mesa.batch_run``:
    Models are importable classes that take their parameters as keyword arguments, keep a
    ``datacollector`` and set ``running``, so Mesa's batch runner works too::

        import mesa
        from simulations.models.hoax import HoaxModel

        rows = mesa.batch_run(
            HoaxModel,
            parameters={"n": 500, "alpha": [0.2, 0.6], "seed": range(10),
                        "network_params": [{"m": 3}]},   # wrap dicts in a list
            iterations=1, max_steps=100, number_processes=1, display_progress=False,
        )

    Pass seeds explicitly (``"seed": range(k)``), otherwise every run is seeded by the operating
    system. ``batch_run`` steps while ``model.running`` and ``model.steps <= max_steps`` and
    reports the DataCollector columns (``Susceptible``, ``Believer``, ``FactChecker``). This module
    adds what it lacks: reproducible seed streams, confidence intervals, Dask and interruption.
"""

from __future__ import annotations

import importlib.util
import itertools
import json
import math
import multiprocessing
import multiprocessing.context
import os
import signal
import sys
import warnings
import zlib
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from simulations.core.errors import ParameterError, SimulationInputError
from simulations.core.params import check_steps
from simulations.models.registry import ModelSpec, get_model

__all__ = [
    "ExperimentResult",
    "mean_ci",
    "run_many",
    "run_seed",
    "save_frames",
    "summarise_points",
    "sweep",
]

SEED_SCHEMES = ("common", "independent")
FORMATS = ("csv", "parquet")
MAX_CHUNK = 16
"""Largest default number of runs sent to a worker at once."""
RUN_COLUMNS = ("run", "point", "replicate", "seed")
"""Columns that identify a run, at the start of ``runs`` and ``summary``."""


# --------------------------------------------------------------------------- seeds
def _point_key(point: Mapping[str, Any]) -> int:
    text = json.dumps({k: point[k] for k in sorted(point)}, sort_keys=True, default=str)
    return zlib.crc32(text.encode("utf-8"))


def run_seed(
    root_seed: int, replicate: int, point: Mapping[str, Any] | None = None, scheme: str = "common"
) -> int:
    """Return the integer seed of one run, derived from ``root_seed`` by SeedSequence.

    Args:
        root_seed: The experiment's root seed (a non-negative integer).
        replicate: Replicate index (0, 1, …).
        point: The grid point's values (used only by the ``"independent"`` scheme).
        scheme: ``"common"`` (seed depends on the replicate only) or ``"independent"``.

    Returns:
        A seed in ``[0, 2**48)``, stable across Python/NumPy sessions and machines. 48 bits keep
        collisions negligible (about 1e-5 for 100,000 runs) while the number stays exact as a
        float and in spreadsheets (15 significant digits), so CSV round trips cannot corrupt it.

    Example:
        >>> run_seed(42, 0) == run_seed(42, 0) != run_seed(42, 1)
        True
    """
    key: tuple[int, ...] = (int(replicate),)
    if scheme == "independent":
        key = (int(replicate), _point_key(point or {}))
    elif scheme != "common":
        raise ParameterError(
            f"seed_scheme={scheme!r} must be one of {SEED_SCHEMES}",
            f"Skema seed '{scheme}' tidak dikenal; pilih {', '.join(SEED_SCHEMES)}.",
            field="seed_scheme",
        )
    ss = np.random.SeedSequence(int(root_seed), spawn_key=key)
    return int(ss.generate_state(1, dtype=np.uint64)[0] >> np.uint64(16))


# --------------------------------------------------------------------------- statistics
def mean_ci(values: Sequence[float] | np.ndarray, level: float = 0.95) -> dict[str, float]:
    """Return n_runs, mean, standard deviation, standard error and a Student-t confidence interval.

    The interval is ``mean ± t_{(1+level)/2, n-1} · s/√n`` (runs are independent replicates);
    NaN values are ignored; with fewer than two values the interval is NaN.

    Example:
        >>> r = mean_ci([1, 2, 3, 4, 5])
        >>> r["mean"], round(r["ci_high"] - r["mean"], 4)
        (3.0, 1.9632)
    """
    from scipy import stats

    x = np.asarray(values, dtype=np.float64)
    x = x[~np.isnan(x)]
    n = int(x.size)
    mean = float(x.mean()) if n else math.nan
    std = float(x.std(ddof=1)) if n > 1 else math.nan
    sem = std / math.sqrt(n) if n > 1 else math.nan
    half = float(stats.t.ppf((1 + level) / 2, n - 1)) * sem if n > 1 else math.nan
    return {
        "n_runs": n,
        "mean": mean,
        "std": std,
        "sem": sem,
        "ci_low": mean - half,
        "ci_high": mean + half,
    }


def summarise_points(
    summary: pd.DataFrame,
    by: Sequence[str],
    level: float = 0.95,
    metrics: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Aggregate per-run summaries into mean and confidence interval per grid point and metric.

    Args:
        summary: One row per run (as :attr:`ExperimentResult.summary`).
        by: Columns that identify a grid point (``"point"`` plus the grid's parameter names).
        level: Confidence level of the interval.
        metrics: Metric columns; default every column not in ``by`` or :data:`RUN_COLUMNS`.

    Returns:
        Long table: ``*by, metric, n_runs, mean, std, sem, ci_low, ci_high``.
    """
    by = list(by)
    if metrics is None:
        metrics = [c for c in summary.columns if c not in by and c not in RUN_COLUMNS]
    rows = []
    if summary.empty:
        return pd.DataFrame(
            columns=[*by, "metric", "n_runs", "mean", "std", "sem", "ci_low", "ci_high"]
        )
    for key, group in summary.groupby(by, sort=True, dropna=False):
        key = key if isinstance(key, tuple) else (key,)
        for metric in metrics:
            rows.append(
                {
                    **dict(zip(by, key, strict=True)),
                    "metric": metric,
                    **mean_ci(group[metric], level),
                }
            )
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- results
@dataclass
class ExperimentResult:
    """The outcome of :func:`sweep` / :func:`run_many`.

    Attributes:
        model: Registry name of the model.
        runs: One row per run × step: ``run, point, replicate, seed``, the grid's parameters,
            ``step`` and the model's outputs.
        summary: One row per run: identifiers, grid parameters and the model's summary metrics.
        points: Per grid point and metric: ``n_runs, mean, std, sem, ci_low, ci_high``.
        config: Everything needed to reproduce the experiment (model, params, grid, root seed,
            seed scheme, steps, replicates, level, package version).
        complete: False when the work was interrupted and only finished runs are here.
        expected_runs: Number of runs requested.
    """

    model: str
    runs: pd.DataFrame
    summary: pd.DataFrame
    points: pd.DataFrame
    config: dict[str, Any]
    complete: bool = True
    expected_runs: int = 0
    grid_columns: list[str] = field(default_factory=list)

    def __repr__(self) -> str:
        state = "complete" if self.complete else "INCOMPLETE (interrupted)"
        grid = ", ".join(self.grid_columns) or "no grid"
        return (
            f"<ExperimentResult model={self.model!r}: {self.finished_runs}/{self.expected_runs} runs, "
            f"{self.points['point'].nunique() if len(self.points) else 0} grid points ({grid}), "
            f"{state}; see .runs, .summary, .points>"
        )

    @property
    def finished_runs(self) -> int:
        """Number of runs whose results are present."""
        return int(len(self.summary))

    def trajectory(self, column: str = "share_believer", level: float = 0.95) -> pd.DataFrame:
        """Return mean and confidence interval of ``column`` per grid point and step (for plots)."""
        by = ["point", *self.grid_columns, "step"]
        rows = []
        for key, group in self.runs.groupby(by, sort=True):
            rows.append({**dict(zip(by, key, strict=True)), **mean_ci(group[column], level)})
        return pd.DataFrame(rows)

    def save(self, path: str | os.PathLike[str], fmt: str | None = None) -> dict[str, Path]:
        """Write runs, summary, points (CSV or Parquet) and config.json into directory ``path``.

        Args:
            path: Output directory (created if needed).
            fmt: ``"csv"`` (default) or ``"parquet"`` (needs pyarrow).

        Returns:
            ``{"runs": path, "summary": path, "points": path, "config": path}``.
        """
        files = save_frames(
            {"runs": self.runs, "summary": self.summary, "points": self.points}, path, fmt
        )
        config = Path(path) / "config.json"
        meta = {**self.config, "complete": self.complete, "finished_runs": self.finished_runs}
        config.write_text(json.dumps(meta, indent=2, default=str) + "\n", encoding="utf-8")
        files["config"] = config
        return files


def save_frames(
    frames: Mapping[str, pd.DataFrame], path: str | os.PathLike[str], fmt: str | None = None
) -> dict[str, Path]:
    """Write DataFrames as ``<path>/<name>.csv`` or ``.parquet``.

    Raises:
        SimulationInputError: for an unknown format, or Parquet without pyarrow installed.
    """
    fmt = _check_format(fmt)
    out = Path(path)
    out.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, frame in frames.items():
        target = out / f"{name}.{fmt}"
        if fmt == "csv":
            frame.to_csv(target, index=False)
        else:
            frame.to_parquet(target, index=False)
        written[name] = target
    return written


def _check_format(fmt: str | None) -> str:
    """Return the normalised output format, or raise a clear error (unknown, or no pyarrow)."""
    fmt = (fmt or "csv").lower()
    if fmt not in FORMATS:
        raise SimulationInputError(
            f"output format {fmt!r} must be one of {FORMATS}",
            f"Format keluaran '{fmt}' tidak dikenal; pilih {', '.join(FORMATS)}.",
            field="format",
        )
    if fmt == "parquet" and importlib.util.find_spec("pyarrow") is None:
        raise SimulationInputError(
            "writing Parquet needs the optional package pyarrow (pip install pyarrow); "
            "install it or use format='csv'",
            "Menyimpan Parquet memerlukan paket pyarrow; pasang pyarrow atau gunakan format 'csv'.",
            field="format",
        )
    return fmt


class ExperimentInterrupted(KeyboardInterrupt):
    """Raised with ``on_interrupt="raise"``; ``partial_result`` holds the finished runs."""

    def __init__(self, partial_result: ExperimentResult):
        super().__init__(
            f"interrupted after {partial_result.finished_runs} of {partial_result.expected_runs} runs"
        )
        self.partial_result = partial_result


# --------------------------------------------------------------------------- execution
@dataclass(frozen=True)
class _Task:
    run: int
    point: int
    replicate: int
    seed: int
    kwargs: dict[str, Any]


def _run_chunk(
    spec: ModelSpec, steps: int, tasks: list[_Task]
) -> list[tuple[int, pd.DataFrame, dict]]:
    """Run a chunk of tasks (in a worker) and return ``(run, frame, summary)`` for each."""
    out = []
    for task in tasks:
        frame = spec.run(task.kwargs, steps, task.seed)
        out.append((task.run, frame, spec.summarise(frame)))
    return out


def _mp_context() -> multiprocessing.context.BaseContext:
    """Return the start method for the default process pool.

    ``fork`` on Linux: workers start in milliseconds, inherit the imported package and work from
    scripts without an ``if __name__ == "__main__"`` guard. (Importing Mesa's batch runner sets the
    global default to ``spawn``, which would make every worker re-import the package and break
    unguarded scripts.) Elsewhere (macOS, Windows) ``spawn``, the platform's safe default.
    """
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _ignore_sigint() -> None:
    """Worker initializer: let the parent handle Ctrl-C and shut the pool down cleanly."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _expand_grid(
    grid: Mapping[str, Iterable[Any]] | Sequence[Mapping[str, Any]] | None,
) -> list[dict]:
    if grid is None:
        return [{}]
    if isinstance(grid, Mapping):
        names = list(grid)
        values = []
        for name in names:
            vals = grid[name]
            if isinstance(vals, str | bytes | Mapping) or not isinstance(vals, Iterable):
                vals = [vals]
            vals = list(vals)
            if not vals:
                raise ParameterError(
                    f"grid[{name!r}] is empty; give at least one value",
                    f"Grid '{name}' kosong; berikan minimal satu nilai.",
                    field=name,
                )
            values.append(vals)
        return [dict(zip(names, combo, strict=True)) for combo in itertools.product(*values)]
    return [dict(p) for p in grid]


def _replicates(seeds: int | Iterable[int]) -> list[int]:
    if isinstance(seeds, bool):
        seeds = int(seeds)
    if isinstance(seeds, int | np.integer):
        if seeds < 1:
            raise ParameterError(
                f"seeds={seeds} must be >= 1 (the number of replicates)",
                f"Jumlah ulangan (seeds={seeds}) harus minimal 1.",
                field="seeds",
            )
        return list(range(int(seeds)))
    reps = [int(r) for r in seeds]
    if not reps or min(reps) < 0 or len(set(reps)) != len(reps):
        raise ParameterError(
            "seeds must be a count >= 1 or a list of distinct replicate indices >= 0",
            "seeds harus jumlah ulangan (>= 1) atau daftar nomor ulangan yang berbeda (>= 0).",
            field="seeds",
        )
    return reps


def _cell(value: Any) -> Any:
    """Grid values as DataFrame cells: scalars stay, anything else becomes JSON text."""
    if value is None or isinstance(value, str | bool | int | float | np.generic):
        return value
    return json.dumps(value, sort_keys=True, default=str)


def _progress_bar(total: int, enabled: bool, desc: str):
    from tqdm.auto import tqdm

    return tqdm(total=total, disable=not enabled, desc=desc, unit="run")


def sweep(
    model: str | ModelSpec = "hoax",
    params: Mapping[str, Any] | None = None,
    grid: Mapping[str, Iterable[Any]] | Sequence[Mapping[str, Any]] | None = None,
    *,
    seeds: int | Iterable[int] = 10,
    steps: int = 100,
    root_seed: int = 0,
    seed_scheme: str = "common",
    executor: Executor | str | None = None,
    workers: int | None = None,
    chunksize: int | None = None,
    level: float = 0.95,
    progress: bool = True,
    output: str | os.PathLike[str] | None = None,
    fmt: str | None = None,
    on_interrupt: str = "return",
) -> ExperimentResult:
    """Run a model over a parameter grid × seeds, in parallel, and summarise with confidence intervals.

    Args:
        model: Registered model name (see :data:`simulations.models.registry.MODELS`) or a :class:`ModelSpec`.
        params: Keyword arguments shared by all runs (model parameters, ``n``, ``network``,
            ``network_params``, ``engine``, …); checked against the model's parameter table.
        grid: ``{name: [values…]}`` (Cartesian product, like ``mesa.batch_run``) or a list of
            ``{name: value}`` points. Grid values override ``params``. None: a single point.
        seeds: Replicates per grid point: a count ``k`` (replicates ``0 … k-1``) or a list of
            replicate indices (to re-run a subset with the same seeds).
        steps: Steps per run.
        root_seed: Root of all seeds (see the module docstring).
        seed_scheme: ``"common"`` or ``"independent"``.
        executor: None (a process pool with ``workers`` processes, default one per core),
            ``"serial"`` (this process), or any :class:`concurrent.futures.Executor`, e.g.
            ``dask.distributed.Client(...).get_executor()``. A passed executor is not shut down.
        workers: Processes for the default pool; 1 runs serially here.
        chunksize: Runs per submitted task; default about four tasks per worker, at most
            :data:`MAX_CHUNK`.
        level: Confidence level of the intervals, in (0, 1).
        progress: Show a progress bar (``tqdm.auto``: a widget in Jupyter, text in a terminal).
        output: Directory to write the results to (see :meth:`ExperimentResult.save`).
        fmt: ``"csv"`` (default) or ``"parquet"``.
        on_interrupt: ``"return"`` (default: return the finished runs, ``complete=False``) or
            ``"raise"`` (raise :class:`ExperimentInterrupted` carrying them).

    Returns:
        An :class:`ExperimentResult`.

    Raises:
        ParameterError, NetworkError: before anything runs, for unknown models or parameters and
            out-of-range values.
    """
    spec = get_model(model)
    steps = check_steps(steps)
    reps = _replicates(seeds)
    if isinstance(root_seed, bool) or not isinstance(root_seed, int | np.integer) or root_seed < 0:
        raise ParameterError(
            f"root_seed={root_seed!r} must be a whole number >= 0",
            f"root_seed ({root_seed!r}) harus bilangan bulat minimal 0.",
            field="root_seed",
        )
    if not 0 < level < 1:
        raise ParameterError(
            f"level={level} must lie in (0, 1)",
            "Tingkat kepercayaan harus antara 0 dan 1.",
            field="level",
        )
    if on_interrupt not in ("return", "raise"):
        raise ParameterError(
            f"on_interrupt={on_interrupt!r} must be 'return' or 'raise'", field="on_interrupt"
        )
    if output is not None or fmt is not None:
        fmt = _check_format(fmt)  # a clear error before any work, not after an hour of runs
    base = dict(params or {})
    points = _expand_grid(grid)
    grid_columns = list(dict.fromkeys(k for p in points for k in p))
    tasks: list[_Task] = []
    for p_idx, point in enumerate(points):
        kwargs = spec.validate({**base, **point})
        for r in reps:
            seed = run_seed(root_seed, r, point, seed_scheme)
            tasks.append(_Task(len(tasks), p_idx, r, seed, kwargs))
    config = {
        "model": spec.name,
        "params": base,
        "grid": grid if grid is None or isinstance(grid, Mapping) else list(grid),
        "seeds": reps,
        "steps": steps,
        "root_seed": int(root_seed),
        "seed_scheme": seed_scheme,
        "level": level,
        "version": _version(),
    }
    results, interrupted = _execute(spec, steps, tasks, executor, workers, chunksize, progress)
    result = _assemble(spec, tasks, points, grid_columns, results, level, config, not interrupted)
    if interrupted:
        warnings.warn(
            f"interrupted: {result.finished_runs} of {len(tasks)} runs finished; the result holds "
            "only those (result.complete is False)",
            RuntimeWarning,
            stacklevel=2,
        )
    if output is not None:
        result.save(output, fmt)
    if interrupted and on_interrupt == "raise":
        raise ExperimentInterrupted(result)
    return result


def run_many(
    model: str | ModelSpec = "hoax",
    params: Mapping[str, Any] | None = None,
    *,
    seeds: int | Iterable[int] = 10,
    steps: int = 100,
    root_seed: int = 0,
    **options: Any,
) -> ExperimentResult:
    """Run one parameter set for many seeds: :func:`sweep` without a grid.

    Example:
        >>> res = run_many("hoax", {"n": 200}, seeds=3, steps=10, workers=1, progress=False)
        >>> len(res.summary), sorted(res.runs["replicate"].unique().tolist())
        (3, [0, 1, 2])
    """
    return sweep(model, params, None, seeds=seeds, steps=steps, root_seed=root_seed, **options)


def _version() -> str:
    from simulations import __version__

    return __version__


def _execute(
    spec: ModelSpec,
    steps: int,
    tasks: list[_Task],
    executor: Executor | str | None,
    workers: int | None,
    chunksize: int | None,
    progress: bool,
) -> tuple[dict[int, tuple[pd.DataFrame, dict]], bool]:
    """Run the tasks; return ``({run: (frame, summary)}, interrupted)``."""
    results: dict[int, tuple[pd.DataFrame, dict]] = {}
    owned = False
    if executor is None:
        workers = workers or os.cpu_count() or 1
        if workers < 1:
            raise ParameterError(
                f"workers={workers} must be >= 1", "Jumlah pekerja minimal 1.", field="workers"
            )
        if workers == 1 or len(tasks) <= 1:
            executor = "serial"
        else:
            executor = ProcessPoolExecutor(
                max_workers=workers, mp_context=_mp_context(), initializer=_ignore_sigint
            )
            owned = True
    elif isinstance(executor, str) and executor != "serial":
        raise ParameterError(
            f"executor={executor!r}: pass None, 'serial' or a concurrent.futures.Executor",
            "Executor harus None, 'serial', atau objek concurrent.futures.Executor.",
            field="executor",
        )
    bar = _progress_bar(len(tasks), progress, spec.name)
    interrupted = False
    try:
        if executor == "serial":
            try:
                for task in tasks:
                    for run, frame, summ in _run_chunk(spec, steps, [task]):
                        results[run] = (frame, summ)
                    bar.update(1)
            except KeyboardInterrupt:
                interrupted = True
        else:
            n_workers = workers or getattr(executor, "_max_workers", None) or os.cpu_count() or 1
            # About four chunks per worker balances the load; at most MAX_CHUNK runs per chunk keeps
            # the progress bar moving and Ctrl-C quick (running chunks finish before the pool stops).
            size = chunksize or min(MAX_CHUNK, max(1, math.ceil(len(tasks) / (4 * n_workers))))
            chunks = [tasks[i : i + size] for i in range(0, len(tasks), size)]
            futures: dict[Future, int] = {
                executor.submit(_run_chunk, spec, steps, c): len(c) for c in chunks
            }
            try:
                for fut in as_completed(futures):
                    for run, frame, summ in fut.result():
                        results[run] = (frame, summ)
                    bar.update(futures[fut])
            except KeyboardInterrupt:
                interrupted = True
                for fut in futures:
                    fut.cancel()
                for fut in futures:  # keep whatever finished meanwhile
                    if fut.done() and not fut.cancelled() and fut.exception() is None:
                        for run, frame, summ in fut.result():
                            results[run] = (frame, summ)
    finally:
        bar.close()
        if owned:
            executor.shutdown(wait=not interrupted, cancel_futures=True)
    return results, interrupted


def _assemble(
    spec: ModelSpec,
    tasks: list[_Task],
    points: list[dict],
    grid_columns: list[str],
    results: dict[int, tuple[pd.DataFrame, dict]],
    level: float,
    config: dict[str, Any],
    complete: bool,
) -> ExperimentResult:
    run_frames = []
    idents = []
    summaries = []
    for task in tasks:
        if task.run not in results:
            continue
        frame, summ = results[task.run]
        ident = {
            "run": task.run,
            "point": task.point,
            "replicate": task.replicate,
            "seed": task.seed,
        }
        ident.update({g: _cell(points[task.point].get(g)) for g in grid_columns})
        run_frames.append(frame.reset_index(drop=True))
        idents.append(ident)
        summaries.append({**ident, **summ})
    id_cols = [*RUN_COLUMNS, *grid_columns]
    if run_frames:
        # One concat plus repeated identifier columns: linear in the number of runs.
        runs = pd.concat(run_frames, ignore_index=True)
        lengths = [len(f) for f in run_frames]
        ids = pd.DataFrame(idents)
        head = ids.loc[ids.index.repeat(lengths)].reset_index(drop=True)
        runs = pd.concat([head, runs], axis=1)
    else:
        runs = pd.DataFrame(columns=[*id_cols, "step"])
    summary = pd.DataFrame(summaries) if summaries else pd.DataFrame(columns=id_cols)
    by = ["point", *grid_columns]
    pts = (
        summarise_points(summary, by, level)
        if summaries
        else pd.DataFrame(
            columns=[*by, "metric", "n_runs", "mean", "std", "sem", "ci_low", "ci_high"]
        )
    )
    return ExperimentResult(
        model=spec.name,
        runs=runs,
        summary=summary,
        points=pts,
        config=config,
        complete=complete,
        expected_runs=len(tasks),
        grid_columns=list(grid_columns),
    )
