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

Comparisons:
    :func:`compare` plays named scenarios (intervention sets, response strategies, a plan and its
    baseline) on the same replicate seeds — replicate ``r`` gets ``run_seed(root_seed, r)`` in every
    scenario, exactly the seeds of the ``"common"`` scheme — and summarises every outcome with
    :func:`mean_ci` (SciPy's Student-t interval). It is the one scenario × seed loop of the package;
    :mod:`simulations.response` builds its comparisons on it.

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
                        "network": [{"kind": "scale_free", "m": 3}]},   # wrap dicts in a list
            iterations=1, max_steps=100, number_processes=1, display_progress=False,
        )

    Pass seeds explicitly (``"seed": range(k)``), otherwise every run is seeded by the operating
    system. ``batch_run`` steps while ``model.running`` and ``model.steps <= max_steps`` and
    reports the DataCollector columns, which are the model's results columns (``susceptible``,
    ``believer``, ``share_believer``, …). This module adds what it lacks: reproducible seed
    streams, confidence intervals, Dask and interruption.
"""

from __future__ import annotations

import importlib.util
import inspect
import itertools
import json
import math
import multiprocessing
import multiprocessing.context
import os
import signal
import sys
import tempfile
import unicodedata
import warnings
import zlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from simulations.core.errors import (
    ParameterError,
    SimulationInputError,
    check_known,
)
from simulations.core.limits import (
    MAX_GRID_POINTS,
    check_max_work,
    check_runs,
    check_work,
    check_workers,
    pool_size,
)
from simulations.core.params import check_flag, check_integer, check_steps
from simulations.models.registry import ModelSpec, get_model

__all__ = [
    "ComparisonResult",
    "ExperimentResult",
    "check_level",
    "check_output_dir",
    "check_replicates",
    "compare",
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
    root_seed = _check_root_seed(root_seed)
    if not _is_whole(replicate) or replicate < 0:
        raise ParameterError(
            f"replicate={replicate!r} must be a whole number >= 0",
            f"Nomor ulangan ({replicate!r}) harus bilangan bulat minimal 0.",
            field="replicate",
        )
    key: tuple[int, ...] = (int(replicate),)
    if check_known(scheme, SEED_SCHEMES, "seed_scheme", "Skema seed") == "independent":
        key = (int(replicate), _point_key(point or {}))
    ss = np.random.SeedSequence(int(root_seed), spawn_key=key)
    return int(ss.generate_state(1, dtype=np.uint64)[0] >> np.uint64(16))


# --------------------------------------------------------------------------- statistics
def check_level(level: Any, name: str = "level") -> float:
    """Return the confidence level as a float if it lies strictly inside (0, 1).

    Raises:
        ParameterError: for a non-number, NaN, or a level outside (0, 1) (which would invert or
            empty the interval), naming ``name``.
    """
    ok = not isinstance(level, bool) and isinstance(level, int | float | np.integer | np.floating)
    if ok:
        ok = math.isfinite(float(level)) and 0.0 < float(level) < 1.0
    if not ok:
        raise ParameterError(
            f"{name}={level!r} must be a number strictly between 0 and 1 (e.g. 0.95)",
            f"Tingkat kepercayaan ({name}) = {level!r} harus angka di antara 0 dan 1 "
            "(misalnya 0,95).",
            field=name,
        )
    return float(level)


def mean_ci(values: Sequence[float] | np.ndarray, level: float = 0.95) -> dict[str, float]:
    """Return n_runs, mean, standard deviation, standard error and a Student-t confidence interval.

    The interval is SciPy's ``scipy.stats.t.interval(level, n - 1, loc=mean, scale=s/√n)`` (runs
    are independent replicates); NaN values are ignored; with fewer than two values the interval
    is NaN; with zero spread it is the mean itself. Every comparison in the package
    (:func:`sweep`, :func:`compare` and the response modules built on them) uses this one interval.

    Raises:
        ParameterError: for a ``level`` outside (0, 1).

    Example:
        >>> r = mean_ci([1, 2, 3, 4, 5])
        >>> r["mean"], round(r["ci_high"] - r["mean"], 4)
        (3.0, 1.9632)
    """
    from scipy import stats

    level = check_level(level)
    x = np.asarray(values, dtype=np.float64)
    x = x[~np.isnan(x)]
    n = int(x.size)
    mean = float(x.mean()) if n else math.nan
    std = float(x.std(ddof=1)) if n > 1 else math.nan
    sem = std / math.sqrt(n) if n > 1 else math.nan
    if n < 2:
        low = high = math.nan
    elif sem == 0:
        low = high = mean
    else:
        low, high = (float(v) for v in stats.t.interval(level, n - 1, loc=mean, scale=sem))
    return {
        "n_runs": n,
        "mean": mean,
        "std": std,
        "sem": sem,
        "ci_low": low,
        "ci_high": high,
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
    level = check_level(level)
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
        level = check_level(level)
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
        SimulationInputError: for an unknown format, Parquet without pyarrow installed, or a
            directory that cannot be written (:func:`check_output_dir`).
    """
    fmt = _check_format(fmt)
    out = check_output_dir(path)
    if out is None:
        raise SimulationInputError(
            "path=None: give an output directory", "Folder keluaran belum diisi.", field="output"
        )
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


def _check_format(fmt: Any) -> str:
    """Return the output format (None means ``"csv"``), or raise a clear error naming ``fmt``.

    Text other than ``"csv"``/``"parquet"`` (in any case), the empty string and non-text values
    are refused; Parquet without pyarrow installed too.
    """
    if fmt is None:
        return "csv"
    fmt = check_known(
        fmt.lower() if isinstance(fmt, str) else fmt,
        FORMATS,
        "output format",
        "Format keluaran",
        error=SimulationInputError,
        field="fmt",
    )
    if fmt == "parquet" and importlib.util.find_spec("pyarrow") is None:
        raise SimulationInputError(
            "writing Parquet needs the optional package pyarrow (pip install pyarrow); "
            "install it or use fmt='csv'",
            "Menyimpan Parquet memerlukan paket pyarrow; pasang pyarrow atau gunakan format 'csv'.",
            field="fmt",
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


def _get_model(model: Any) -> ModelSpec:
    """Return the registry entry of ``model`` (a name, a ModelSpec, or a model class).

    Raises:
        ParameterError: naming ``model`` for anything else (a list, a number, ...), which the
            registry's lookup would meet with a raw TypeError.
    """
    if not isinstance(model, str | ModelSpec | type):
        raise ParameterError(
            f"model={_short_repr(model)} must be the name of a registered model (text, e.g. "
            "'hoax') or a ModelSpec",
            f"Model harus berupa nama model (teks, misalnya 'hoax'), bukan {_short_repr(model)}.",
            field="model",
        )
    return get_model(model)


def _short_repr(value: Any, limit: int = 60) -> str:
    """Return ``repr(value)`` cut to ``limit`` characters (for messages about user input)."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _people(spec: ModelSpec, kwargs: Mapping[str, Any]) -> int:
    """Return the number of people one run of ``spec`` with ``kwargs`` simulates (at least 1).

    The graph's size when a graph (or an adjacency matrix) is given, else ``n``, else the default
    ``n`` of the model's parameter table or constructor; 1 for a model without people.
    """
    graph = kwargs.get("graph")
    if graph is not None and hasattr(graph, "number_of_nodes"):
        return max(1, int(graph.number_of_nodes()))
    adjacency = kwargs.get("adjacency")
    if adjacency is not None and len(getattr(adjacency, "shape", ())) == 2:
        return max(1, int(adjacency.shape[0]))
    n = kwargs.get("n")
    if n is None and "n" in spec.params.names:
        n = spec.params["n"].default
    if n is None:
        try:
            default = inspect.signature(spec.model).parameters["n"].default
        except (KeyError, TypeError, ValueError):
            default = None
        n = None if default is inspect.Parameter.empty else default
    whole = isinstance(n, int | np.integer) and not isinstance(n, bool)
    return max(1, int(n)) if whole else 1


def _expand_grid(
    grid: Mapping[str, Iterable[Any]] | Sequence[Mapping[str, Any]] | None,
) -> list[dict]:
    """Return the grid's points, refusing more than :data:`MAX_GRID_POINTS` before expanding."""
    too_many = ParameterError(
        f"the grid has more than {MAX_GRID_POINTS:,} points; split the sweep or use fewer values",
        f"Grid berisi lebih dari {MAX_GRID_POINTS} titik; kurangi nilai-nilainya.",
        field="grid",
    )
    if grid is None:
        return [{}]
    if isinstance(grid, Mapping):
        names = list(grid)
        values = []
        for name in names:
            if not isinstance(name, str):
                raise ParameterError(
                    f"grid keys must be parameter names (text), got {name!r}",
                    f"Nama parameter pada grid harus teks, bukan {name!r}.",
                    field="grid",
                )
            vals = grid[name]
            if isinstance(vals, str | bytes | Mapping) or not isinstance(vals, Iterable):
                vals = [vals]
            vals = list(itertools.islice(vals, MAX_GRID_POINTS + 1))
            if not vals:
                raise ParameterError(
                    f"grid[{name!r}] is empty; give at least one value",
                    f"Grid '{name}' kosong; berikan minimal satu nilai.",
                    field=name,
                )
            values.append(vals)
        if math.prod(len(v) for v in values) > MAX_GRID_POINTS:
            raise too_many
        return [dict(zip(names, combo, strict=True)) for combo in itertools.product(*values)]
    if isinstance(grid, str | bytes) or not isinstance(grid, Iterable):
        raise ParameterError(
            f"grid={_short_repr(grid)} must be a mapping {{name: [values]}} or a list of "
            "{name: value} points",
            "grid harus berupa {nama: [nilai]} atau daftar titik {nama: nilai}.",
            field="grid",
        )
    points = list(itertools.islice(grid, MAX_GRID_POINTS + 1))
    if len(points) > MAX_GRID_POINTS:
        raise too_many
    if not points or not all(isinstance(p, Mapping) for p in points):
        raise ParameterError(
            "grid given as a list must hold at least one {name: value} mapping, and only mappings",
            "grid berupa daftar harus berisi minimal satu titik {nama: nilai}, dan hanya itu.",
            field="grid",
        )
    return [dict(p) for p in points]


MAX_REPLICATES = 1_000_000
"""Most replicates one call accepts (a larger count is almost surely a typo, and the task list
alone would not fit in memory)."""


def _is_whole(value: Any) -> bool:
    return not isinstance(value, bool | np.bool_) and isinstance(value, int | np.integer)


def check_replicates(seeds: Any) -> list[int]:
    """Return the replicate indices: ``seeds`` is a count ``k >= 1`` or a list of distinct indices.

    Floats (``2.5``, but also ``3.0``), bools, strings and NaN are refused, never truncated.

    Raises:
        ParameterError: naming ``seeds``.
    """
    if _is_whole(seeds):
        if not 1 <= seeds <= MAX_REPLICATES:
            raise ParameterError(
                f"seeds={seeds} must be a whole number in [1, {MAX_REPLICATES}] (the number of "
                "replicates)",
                f"Jumlah ulangan (seeds = {seeds}) harus bilangan bulat 1 sampai {MAX_REPLICATES}.",
                field="seeds",
            )
        return list(range(int(seeds)))
    message = (
        f"seeds={seeds!r} must be a whole number of replicates >= 1 or a list of distinct "
        f"replicate indices in [0, {MAX_REPLICATES})",
        f"seeds ({seeds!r}) harus jumlah ulangan (bilangan bulat >= 1) atau daftar nomor ulangan "
        "yang berbeda (bilangan bulat >= 0).",
    )
    if isinstance(seeds, str | bytes | Mapping) or not isinstance(seeds, Iterable):
        raise ParameterError(*message, field="seeds")
    if isinstance(seeds, range):
        ok = len(seeds) > 0 and seeds.start >= 0 and seeds.step > 0
        ok = ok and len(seeds) <= MAX_REPLICATES and seeds[-1] < MAX_REPLICATES
        if not ok:
            raise ParameterError(*message, field="seeds")
        return list(seeds)
    reps = list(itertools.islice(seeds, MAX_REPLICATES + 1))
    if (
        not reps
        or len(reps) > MAX_REPLICATES
        or not all(_is_whole(r) and 0 <= r < MAX_REPLICATES for r in reps)
        or len(set(int(r) for r in reps)) != len(reps)
    ):
        raise ParameterError(*message, field="seeds")
    return [int(r) for r in reps]


def _check_root_seed(root_seed: Any) -> int:
    if not _is_whole(root_seed) or root_seed < 0:
        raise ParameterError(
            f"root_seed={root_seed!r} must be a whole number >= 0",
            f"root_seed ({root_seed!r}) harus bilangan bulat minimal 0.",
            field="root_seed",
        )
    return int(root_seed)


def _check_chunksize(chunksize: Any) -> int | None:
    """None (the default) or a whole number >= 1; 0 or -1 do not silently mean 'automatic'."""
    if chunksize is None:
        return None
    return check_integer(chunksize, "chunksize", "Ukuran paket simulasi", minimum=1)


def check_output_dir(output: Any, name: str = "output") -> Path | None:
    """Check, before any run, that files can be written in the output directory ``output``.

    The directory and its missing parents are created for the check (a temporary file is written
    there) and removed again, so a call that fails later leaves nothing behind. Names with control
    characters (newline, tab, NUL, escape, ...) are refused: they break listings and scripts.

    Args:
        output: A directory path (text or :class:`os.PathLike`), or None (nothing to write).
        name: The argument's name for the messages (``"output"``, ``"--output"``, ...).

    Returns:
        The path, or None for None.

    Raises:
        SimulationInputError: naming ``name`` when ``output`` is not text, is empty, holds a control
            character, or cannot be written (a file in the way, no permission, a name too long,
            a read-only or virtual file system).
    """
    if output is None:
        return None
    text = os.fspath(output) if isinstance(output, str | os.PathLike) else None
    if not isinstance(text, str) or not text.strip():
        raise SimulationInputError(
            f"{name}={output!r} must be a directory path",
            f"Folder keluaran ({name}) = {output!r} harus berupa path folder.",
            field=name,
        )
    shown = _short_repr(text, 80)
    bad = next((c for c in text if unicodedata.category(c) == "Cc"), None)
    if bad is not None:
        raise SimulationInputError(
            f"{name} {shown} contains the control character U+{ord(bad):04X}; "
            "choose a directory name without control characters",
            f"Nama folder keluaran ({name}) mengandung karakter kontrol (U+{ord(bad):04X}); "
            "pilih nama lain.",
            field=name,
        )
    folder = Path(text)
    created: list[Path] = []
    try:
        for part in [*reversed(folder.parents), folder]:
            if not part.exists():
                part.mkdir()
                created.append(part)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except (OSError, ValueError) as exc:
        try:
            reason = "it is a file" if folder.is_file() else type(exc).__name__
        except (OSError, ValueError):
            reason = type(exc).__name__
        raise SimulationInputError(
            f"{'' if name == 'output' else name + ': '}output folder {shown} cannot be written "
            f"({reason}); choose another folder (checked before any run starts)",
            f"Folder keluaran {shown} tidak bisa ditulisi ({reason}); pilih folder lain.",
            field=name,
        ) from None
    finally:
        for part in reversed(created):
            try:
                part.rmdir()
            except OSError:  # pragma: no cover - someone else wrote there meanwhile
                pass
    return folder


def _cell(value: Any) -> Any:
    """Grid values as DataFrame cells: scalars stay, anything else becomes JSON text."""
    if value is None or isinstance(value, str | bool | int | float | np.generic):
        return value
    return json.dumps(value, sort_keys=True, default=str)


def _check_executor(executor: Any) -> None:
    if executor is None or executor == "serial" or isinstance(executor, Executor):
        return
    raise ParameterError(
        f"executor={executor!r}: pass None, 'serial' or a concurrent.futures.Executor",
        "Executor harus None, 'serial', atau objek concurrent.futures.Executor.",
        field="executor",
    )


def _progress_bar(total: int, enabled: bool, desc: str):
    from tqdm.auto import tqdm

    return tqdm(total=total, disable=not enabled, desc=desc, unit="run")


def sweep(
    model: str | ModelSpec | type = "hoax",
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
    max_work: float | None = None,
) -> ExperimentResult:
    """Run a model over a parameter grid × seeds, in parallel, and summarise with confidence intervals.

    Limits (:mod:`simulations.core.limits`, checked before anything runs): at most
    :data:`~simulations.core.limits.MAX_GRID_POINTS` grid points; the whole sweep at most
    ``max_work`` person-steps (people × steps × runs, default 10^10); its result rows
    (runs × (steps + 1)) must fit in half of the machine's memory. The default process pool starts
    no more processes than runs, than usable CPU cores, or than fit in memory.

    Args:
        model: Registered model name (see :data:`simulations.models.registry.MODELS`), a
            :class:`ModelSpec`, or a model class with a ``params`` table (e.g. the budget
            sandbox, :class:`simulations.response.policy.BudgetPolicyModel`).
        params: Keyword arguments shared by all runs (model parameters, ``n``, ``network`` — a
            kind or ``{"kind": …, <builder parameters>}`` —, ``engine``, …); checked against the
            model's parameter table.
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
        workers: Processes for the default pool, in [1, 1024] (default None: one per core); 1
            runs serially here. The pool is capped at the number of runs and of usable CPU cores
            (more is reduced with a warning; pass an Executor to start more on purpose).
        chunksize: Runs per submitted task, >= 1; default about four tasks per worker, at most
            :data:`MAX_CHUNK`.
        level: Confidence level of the intervals, in (0, 1).
        progress: Show a progress bar (``tqdm.auto``: a widget in Jupyter, text in a terminal).
        output: Directory to write the results to (see :meth:`ExperimentResult.save`); checked
            before the first run (an existing file there is an error at once).
        fmt: ``"csv"`` (default) or ``"parquet"``.
        on_interrupt: ``"return"`` (default: return the finished runs, ``complete=False``) or
            ``"raise"`` (raise :class:`ExperimentInterrupted` carrying them).
        max_work: Most person-steps (people × steps, summed over all runs) this sweep may do;
            None means :data:`~simulations.core.limits.DEFAULT_MAX_WORK` (10^10). Pass a larger
            number, or ``math.inf``, to run a bigger sweep on purpose.

    Returns:
        An :class:`ExperimentResult`.

    Raises:
        ParameterError, NetworkError: before anything runs, for unknown models or parameters,
            out-of-range values, fractional or negative seeds, ``workers``/``chunksize`` below 1,
            a confidence level outside (0, 1), non-bool flags, too many grid points, more work
            than ``max_work`` (``field="max_work"``) or results that do not fit in memory.
        SimulationInputError: before anything runs, for an output path that cannot be written or
            an unknown format.
    """
    spec = _get_model(model)
    steps = check_steps(steps)
    reps = check_replicates(seeds)
    root_seed = _check_root_seed(root_seed)
    level = check_level(level)
    check_known(seed_scheme, SEED_SCHEMES, "seed_scheme", "Skema seed")
    if on_interrupt not in ("return", "raise"):
        raise ParameterError(
            f"on_interrupt={on_interrupt!r} must be 'return' or 'raise'",
            f"on_interrupt = {on_interrupt!r} harus 'return' atau 'raise'.",
            field="on_interrupt",
        )
    progress = check_flag(progress, "progress", "Tampilkan kemajuan")
    workers = check_workers(workers)
    chunksize = _check_chunksize(chunksize)
    max_work = check_max_work(max_work)
    _check_executor(executor)
    if params is not None and not isinstance(params, Mapping):
        raise ParameterError(
            f"params={params!r} must be a mapping {{name: value}}",
            "params harus berupa {nama: nilai}.",
            field="params",
        )
    fmt = _check_format(fmt)
    output = check_output_dir(output)  # a clear error before any work, not after an hour of runs
    base = dict(params or {})
    points = _expand_grid(grid)
    grid_columns = list(dict.fromkeys(k for p in points for k in p))
    check_runs(len(points) * len(reps), steps, max_work)  # quick: before every point is checked
    checked = [spec.validate({**base, **point}) for point in points]
    people = [_people(spec, kwargs) for kwargs in checked]
    check_work(people, steps, len(reps), max_work)  # the whole sweep, before the first run
    tasks: list[_Task] = []
    for p_idx, (point, kwargs) in enumerate(zip(points, checked, strict=True)):
        for r in reps:
            seed = run_seed(root_seed, r, point, seed_scheme)
            tasks.append(_Task(len(tasks), p_idx, r, seed, kwargs))
    bytes_per_run = max(people) * float(getattr(spec.model, "bytes_per_person", 0.0) or 0.0)
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
    results, interrupted = _execute(
        spec, steps, tasks, executor, workers, chunksize, progress, bytes_per_run
    )
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


# --------------------------------------------------------------------------- comparisons
@dataclass
class ComparisonResult:
    """The outcome of :func:`compare`: scenarios played on the same replicate seeds.

    Attributes:
        runs: One row per (scenario, replicate): ``scenario, replicate, seed`` and the outcomes.
        curves: One row per (scenario, replicate, step) when the runs return a per-step frame:
            ``scenario, replicate, seed`` and the frame's columns; else empty.
        summary: One row per (scenario, metric): ``scenario, metric, n_runs, mean, std, sem,
            ci_low, ci_high`` (:func:`mean_ci`), scenarios in the order given.
        config: Scenario names, replicates, root seed, level, package version.
        seconds: Wall-clock time of the whole comparison.
    """

    runs: pd.DataFrame
    curves: pd.DataFrame
    summary: pd.DataFrame
    config: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0


SUMMARY_COLUMNS = ("n_runs", "mean", "std", "sem", "ci_low", "ci_high")
"""Statistics columns of every summary table (:func:`mean_ci`)."""


def compare(
    scenarios: Mapping[str, Any],
    run: Callable[..., tuple[Mapping[str, float], pd.DataFrame | None]],
    *,
    seeds: int | Iterable[int] = 10,
    root_seed: int = 0,
    level: float = 0.95,
    prepare: Callable[[int], Any] | None = None,
    metrics: Sequence[str] | None = None,
    scenario_column: str = "scenario",
) -> ComparisonResult:
    """Play every scenario on the same replicate seeds and summarise with confidence intervals.

    This is the one scenario × seed loop of the package: interventions, the action plan, the
    stakeholder response and the opinion experiments all call it, so they share one seed scheme,
    one meaning of ``seeds`` and one interval (:func:`mean_ci`). :func:`sweep` is the same idea for
    registered models over a parameter grid (its ``"common"`` scheme gives identical seeds).

    Seeds: replicate ``r`` runs with ``run_seed(root_seed, r)`` (NumPy ``SeedSequence``) in *every*
    scenario — common random numbers, so differences between scenarios come from the scenarios.
    A replicate's seed never depends on the other replicates: ``seeds=[3]`` re-runs replicate 3
    alone with the numbers it had in ``seeds=10``.

    Args:
        scenarios: Name → whatever ``run`` needs to play that scenario (interventions, a key, …).
        run: ``run(value, seed) -> (outcomes, frame)``, or ``run(value, seed, prepared)`` when
            ``prepare`` is given: ``outcomes`` maps metric names to numbers; ``frame`` is a
            per-step DataFrame (with a ``step`` column) or None.
        seeds: Number of replicates ``k`` (replicates ``0 … k-1``) or a list of distinct replicate
            indices >= 0.
        root_seed: Root of all seeds, a whole number >= 0.
        level: Confidence level of the intervals, in (0, 1).
        prepare: Optional ``prepare(seed)`` called once per replicate before its scenarios (e.g.
            to build one model and restore it for every scenario).
        metrics: Outcome names to summarise; default every numeric outcome.
        scenario_column: Name of the scenario column in the tables (e.g. ``"homophily"``).

    Returns:
        A :class:`ComparisonResult`.

    Raises:
        ParameterError: for no scenarios, bad seeds, a bad root seed or level — before any run.

    Example:
        >>> res = compare({"a": 1.0, "b": 2.0}, lambda x, seed: ({"y": x}, None), seeds=3)
        >>> res.summary[["scenario", "metric", "n_runs", "mean"]].values.tolist()
        [['a', 'y', 3, 1.0], ['b', 'y', 3, 2.0]]
    """
    import time

    t0 = time.perf_counter()
    if not isinstance(scenarios, Mapping) or not scenarios:
        raise ParameterError(
            "scenarios must be a non-empty mapping {name: scenario}",
            "Pilih minimal satu skenario untuk dibandingkan.",
            field="scenarios",
        )
    if not callable(run) or (prepare is not None and not callable(prepare)):
        raise ParameterError(
            "run (and prepare, when given) must be callable",
            "run (dan prepare, bila diisi) harus berupa fungsi.",
            field="run",
        )
    reps = check_replicates(seeds)
    root_seed = _check_root_seed(root_seed)
    level = check_level(level)
    names = list(scenarios)
    seed_of = {r: run_seed(root_seed, r) for r in reps}
    results: dict[tuple[int, int], tuple[Mapping[str, float], pd.DataFrame | None]] = {}
    for r in reps:
        seed = seed_of[r]
        shared = prepare(seed) if prepare is not None else None
        for i, name in enumerate(names):
            value = scenarios[name]
            out = run(value, seed) if prepare is None else run(value, seed, shared)
            results[(i, r)] = out
    rows, idents, frames = [], [], []
    for i, name in enumerate(names):
        for r in reps:
            outcomes, frame = results[(i, r)]
            ident = {scenario_column: name, "replicate": r, "seed": seed_of[r]}
            rows.append({**ident, **outcomes})
            if frame is not None:
                idents.append(ident)
                frames.append(frame.reset_index(drop=True))
    runs = pd.DataFrame(rows)
    if frames:
        ids = pd.DataFrame(idents)
        head = ids.loc[ids.index.repeat([len(f) for f in frames])].reset_index(drop=True)
        curves = pd.concat([head, pd.concat(frames, ignore_index=True)], axis=1)
    else:
        curves = pd.DataFrame(columns=[scenario_column, "replicate", "seed", "step"])
    if metrics is None:
        metrics = [
            c
            for c in runs.columns
            if c not in (scenario_column, "replicate", "seed")
            and pd.api.types.is_numeric_dtype(runs[c])
        ]
    summary_rows = []
    for name in names:
        sub = runs[runs[scenario_column] == name]
        for metric in metrics:
            summary_rows.append(
                {scenario_column: name, "metric": metric, **mean_ci(sub[metric], level)}
            )
    summary = pd.DataFrame(summary_rows, columns=[scenario_column, "metric", *SUMMARY_COLUMNS])
    config = {
        "scenarios": names,
        "seeds": reps,
        "root_seed": root_seed,
        "seed_scheme": "common",
        "level": level,
        "version": _version(),
    }
    return ComparisonResult(runs, curves, summary, config, time.perf_counter() - t0)


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
    bytes_per_run: float = 0.0,
) -> tuple[dict[int, tuple[pd.DataFrame, dict]], bool]:
    """Run the tasks; return ``({run: (frame, summary)}, interrupted)``."""
    results: dict[int, tuple[pd.DataFrame, dict]] = {}
    owned = False
    if executor is None:
        # never more processes than runs, usable cores, or models that fit in memory at once
        workers = pool_size(workers, len(tasks), bytes_per_run, stacklevel=4)
        if workers == 1:
            executor = "serial"
        else:
            executor = ProcessPoolExecutor(
                max_workers=workers, mp_context=_mp_context(), initializer=_ignore_sigint
            )
            owned = True
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
