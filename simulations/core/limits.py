"""Limits on how much work one call may start, checked before any of it runs.

A batch of simulations (a sweep, a comparison of scenarios, an action plan) costs about
*people × steps × runs* person-steps of CPU time and keeps *runs × (steps + 1)* result rows in
memory. A typo (``n=10**9``, ``seeds=10**5`` with ``steps=10**6``) should fail at once with a
message that names the limit and how to lift it, not run for years or die with a ``MemoryError``.

Limits (the README's researcher section, "Limits", repeats them):

* **Work**: at most :data:`DEFAULT_MAX_WORK` = 10^10 person-steps per call. On a quiet 2-core
  machine the default (vectorised) hoax engine steps 10,000 people × 100 steps = 10^6 person-steps
  in 0.024 s and builds the model in about 0.05 s more (README, "Performance"), so 10^10 is minutes
  to tens of minutes on one core; the per-agent engine needs 3.5 s per 10^6, about ten hours.
  Every classroom call is below 10^8. Ask for more on purpose with ``max_work=`` (a number, or
  ``math.inf``) or, on the command line, ``--max-work``.
* **Memory of the results**: ``runs × (steps + 1)`` rows of about :data:`RESULT_ROW_BYTES` bytes
  (measured: 520 bytes per row at the peak while a sweep assembles its tables) must fit in half of
  the machine's memory (:func:`simulations.core.params.size_limit`). This limit is not lifted by
  ``max_work``: run the replicates in parts instead (``seeds=[…]`` re-runs any subset with the same
  numbers).
* **Grid points**: at most :data:`MAX_GRID_POINTS` per sweep, counted before the grid is expanded.
* **Processes**: the default process pool never starts more processes than there are runs, than
  the CPU cores this process may use (:func:`usable_cpus`), or than fit in half of the memory with
  one model each. ``workers`` above the number of cores is reduced with a warning (more processes
  than cores make CPU-bound runs slower, not faster); pass your own
  :class:`concurrent.futures.ProcessPoolExecutor` as ``executor`` to start more on purpose.
  ``workers`` itself must lie in ``[1, MAX_WORKERS]``.
"""

from __future__ import annotations

import math
import os
import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np

from simulations.core.errors import ParameterError
from simulations.core.formatting import general_id
from simulations.core.params import size_limit

__all__ = [
    "DEFAULT_MAX_WORK",
    "MAX_GRID_POINTS",
    "MAX_WORKERS",
    "RESULT_ROW_BYTES",
    "check_max_work",
    "check_runs",
    "check_work",
    "check_workers",
    "pool_size",
    "usable_cpus",
]

DEFAULT_MAX_WORK = 10**10
"""Person-steps (people × steps × runs) one call may do unless ``max_work`` says otherwise."""

RESULT_ROW_BYTES = 512
"""Bytes one result row (one run, one step) needs while the tables are assembled (measured 520)."""

MAX_GRID_POINTS = 100_000
"""Most grid points one sweep accepts (counted before the grid is expanded)."""

MAX_WORKERS = 1024
"""Largest ``workers`` accepted at all (the pool is further capped by :func:`pool_size`)."""


def usable_cpus() -> int:
    """Return the number of CPU cores this process may run on (at least 1).

    ``os.sched_getaffinity`` where the system has it (it honours ``taskset`` and container CPU
    sets), else ``os.cpu_count()``.
    """
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - macOS, Windows
        return max(1, os.cpu_count() or 1)


def check_workers(workers: Any, name: str = "workers") -> int | None:
    """Return ``workers`` if it is None or a whole number in ``[1, MAX_WORKERS]``.

    Raises:
        ParameterError: naming ``name``; 0 and -1 do not mean "all cores" here.
    """
    if workers is None:
        return None
    if (
        isinstance(workers, bool | np.bool_)
        or not isinstance(workers, int | np.integer)
        or not 1 <= workers <= MAX_WORKERS
    ):
        raise ParameterError(
            f"{name}={workers!r} must be a whole number in [1, {MAX_WORKERS}] (or None: one "
            "process per CPU core)",
            f"Jumlah proses ({name}) = {workers!r} harus bilangan bulat 1 sampai {MAX_WORKERS}, "
            "atau kosong (satu proses per inti CPU).",
            field=name,
        )
    return int(workers)


def pool_size(
    workers: int | None, runs: int, bytes_per_run: float = 0.0, *, stacklevel: int = 2
) -> int:
    """Return how many processes the default pool starts for ``runs`` runs.

    Never more than ``runs``, than :func:`usable_cpus`, or than the runs that fit in half of the
    machine's memory at ``bytes_per_run`` bytes each; at least 1 (1 means: run in this process).

    Args:
        workers: The processes asked for (already checked by :func:`check_workers`), or None for
            one per core.
        runs: Number of runs to do.
        bytes_per_run: Memory one run needs (people × bytes per person); 0 for no memory cap.
        stacklevel: Passed to :func:`warnings.warn` (which caller the warning points at).

    Warns:
        RuntimeWarning: when ``workers`` is more than the usable cores (the pool is reduced).
    """
    cpus = usable_cpus()
    if workers is not None and workers > cpus:
        warnings.warn(
            f"workers={workers} is more than the {cpus} CPU core(s) this process may use; "
            f"the pool starts at most {cpus} processes (more would make the runs slower, not "
            f"faster). To start more on purpose, pass "
            f"executor=concurrent.futures.ProcessPoolExecutor(max_workers={workers}).",
            RuntimeWarning,
            stacklevel=stacklevel,
        )
    size = min(cpus if workers is None else workers, cpus, max(int(runs), 1))
    if bytes_per_run > 0:
        size = min(size, size_limit(bytes_per_run))
    return max(1, size)


def check_max_work(max_work: Any, name: str = "max_work") -> float:
    """Return the work limit: :data:`DEFAULT_MAX_WORK` for None, else a number >= 1 (``inf`` too).

    Raises:
        ParameterError: for text, booleans, NaN, or a number below 1, naming ``name``.
    """
    if max_work is None:
        return DEFAULT_MAX_WORK
    ok = not isinstance(max_work, bool | np.bool_) and isinstance(
        max_work, int | float | np.integer | np.floating
    )
    if ok:
        ok = not math.isnan(float(max_work)) and max_work >= 1
    if not ok:
        raise ParameterError(
            f"{name}={max_work!r} must be a number of person-steps >= 1 (or math.inf for no "
            f"limit; default {DEFAULT_MAX_WORK:.0e})",
            f"Batas kerja ({name}) = {max_work!r} harus angka minimal 1 (jumlah langkah-orang).",
            field=name,
        )
    return max_work


def _too_much_work(work: int, limit: float, what: str, exact: bool = True) -> ParameterError:
    ask = f"max_work={work} (command line: --max-work {work})" if exact else "a larger max_work"
    return ParameterError(
        f"{what} = {'' if exact else 'at least '}{work:.3g} person-steps, more than "
        f"max_work={limit:.3g} (the default {DEFAULT_MAX_WORK:.0e} is minutes to hours of CPU "
        f"time); use fewer people, steps, seeds or grid points, or pass {ask} to run it on "
        "purpose",
        f"Simulasi yang diminta terlalu besar: {general_id(work, 3)} langkah-orang (orang × "
        f"langkah × ulangan), batasnya {general_id(limit, 3)}. Kurangi jumlah orang, langkah, "
        "ulangan atau titik grid.",
        field="max_work",
    )


def check_runs(
    runs: int, steps: int, max_work: Any = None, *, row_bytes: float = RESULT_ROW_BYTES
) -> None:
    """Refuse a batch of ``runs`` runs of ``steps`` steps whatever their size: a quick first check.

    Needs no model parameters, so a sweep calls it before checking every grid point: the result
    rows must fit in memory, and the work, counting only one person per run, must stay within
    ``max_work``. :func:`check_work` then counts the people.

    Raises:
        ParameterError: ``field="steps"`` when ``runs × (steps + 1)`` result rows of ``row_bytes``
            bytes do not fit in half of the machine's memory; ``field="max_work"`` when
            ``runs × steps`` alone exceeds the work limit.
    """
    limit = check_max_work(max_work)
    runs, steps = int(runs), int(steps)
    _check_rows(runs, steps, row_bytes)
    if runs * steps > limit:
        what = f"{runs:,} runs × {steps:,} steps × 1 person"  # notation: english
        raise _too_much_work(runs * steps, limit, what, exact=False)


def _check_rows(runs: int, steps: int, row_bytes: float) -> None:
    """Raise ParameterError (``field="steps"``) if the result rows do not fit in memory."""
    rows = runs * (steps + 1)
    most = size_limit(row_bytes)
    if rows > most:
        raise ParameterError(
            f"{runs:,} runs × {steps + 1:,} recorded steps = {rows:,} result rows, about "
            f"{rows * row_bytes / 2**30:.1f} GiB; at most {most:,} rows fit in half of this "
            "machine's memory. Use fewer steps, seeds or grid points, or run the replicates in "
            "parts (seeds=[...] re-runs any subset with the same numbers)",
            f"Hasil simulasi tidak muat di memori: {runs} simulasi × {steps + 1} langkah. "
            "Kurangi jumlah langkah atau ulangan.",
            field="steps",
        )


def check_work(
    people: Sequence[int],
    steps: int,
    replicates: int,
    max_work: Any = None,
    *,
    row_bytes: float = RESULT_ROW_BYTES,
) -> int:
    """Refuse a batch of runs that is too large, before any of it starts.

    Args:
        people: People per scenario or grid point (one entry per scenario/point).
        steps: Steps per run.
        replicates: Runs per scenario/point.
        max_work: The work limit in person-steps (None: :data:`DEFAULT_MAX_WORK`).
        row_bytes: Memory one result row needs.

    Returns:
        The work asked for, in person-steps (``sum(people) × steps × replicates``).

    Raises:
        ParameterError: ``field="max_work"`` when the work exceeds ``max_work`` (the message says
            how to ask for more); ``field="steps"`` when the result rows would not fit in half of
            the machine's memory (:func:`check_runs`).
    """
    limit = check_max_work(max_work)
    points = len(people)
    _check_rows(points * int(replicates), int(steps), row_bytes)
    total = sum(int(p) for p in people)
    work = total * int(steps) * int(replicates)
    if work > limit:
        if len(set(people)) == 1:
            who = f"{int(people[0]):,} people"  # notation: english
            if points > 1:
                who += f" in each of {points:,} scenarios/grid points"  # notation: english
        else:
            who = f"{total:,} people summed over {points:,} scenarios/grid points"  # notation: english
        what = f"{who} × {steps:,} steps × {replicates:,} replicates"  # notation: english
        raise _too_much_work(work, limit, what)
    return work
