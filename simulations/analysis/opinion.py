"""Sweeps of the bounded-confidence opinion models (notebook 02): clusters against one parameter.

:func:`sweep_bounded_confidence` runs a registered bounded-confidence model (Deffuant et al. 2000;
algorithmic bias, Sîrbu et al. 2019; Hegselmann & Krause 2002) once per value of one parameter and
replicate, and measures the final opinions with :func:`simulations.analysis.metrics.opinion_metrics`.
Its replicate loop is :func:`simulations.analysis.experiments.compare`: replicate ``r`` uses the
seed ``run_seed(root_seed, r)`` at every value (common random numbers), so differences between
values come from the values.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from simulations.analysis import metrics as M
from simulations.core.errors import ParameterError, check_known
from simulations.core.params import check_integer, check_list

__all__ = ["BOUNDED_CONFIDENCE_MODELS", "sweep_bounded_confidence"]

BOUNDED_CONFIDENCE_MODELS = ("deffuant", "algorithmic_bias", "hk")
"""Registry keys (:data:`simulations.models.registry.MODELS`) a bounded-confidence sweep accepts."""


def sweep_bounded_confidence(
    parameter: str,
    values: Iterable[float],
    settings: Mapping[str, Any] | None = None,
    *,
    seeds: int | Iterable[int] = 1,
) -> pd.DataFrame:
    """Run a bounded-confidence model for each value of one parameter and count the clusters.

    Args:
        parameter: Name of the swept parameter (``"epsilon"``, ``"gamma"``, ``"mu"``), one of the
            model's parameter table.
        values: Its distinct values.
        settings: ``model`` (one of :data:`BOUNDED_CONFIDENCE_MODELS`, default ``"deffuant"``),
            ``network`` (``"complete"`` or a key of :data:`simulations.core.networks.NETWORKS`,
            default ``"complete"``), ``n`` (default 500), ``steps`` (default 100, the run stops
            early when the opinions have converged), ``seed`` (the root seed of the replicates,
            default 42) and the model's parameters; settings the model does not use are ignored.
        seeds: Number of replicates per value, or a list of replicate indices (default 1).

    Returns:
        One row per (value, replicate): the parameter, ``replicate``, ``seed``, ``clusters``,
        ``effective_clusters``, ``variance``, ``convergence_step`` (NaN when not converged within
        ``steps``) and ``steps``.

    Raises:
        ParameterError: for an unknown model or parameter, bad settings or seeds, before any run.

    Example:
        >>> df = sweep_bounded_confidence("epsilon", [0.1, 0.5], {"n": 60, "steps": 30, "seed": 1})
        >>> df[["epsilon", "replicate"]].values.tolist()
        [[0.1, 0.0], [0.5, 0.0]]
    """
    from simulations.analysis.experiments import compare
    from simulations.models.registry import get_model

    s = dict(settings or {})
    key = s.get("model", "deffuant")
    check_known(key, BOUNDED_CONFIDENCE_MODELS, "model", "Model")
    spec = get_model(key)
    if parameter not in spec.params.names:
        raise ParameterError(
            f"parameter={parameter!r} is not a parameter of {key!r}: {list(spec.params.names)}",
            f"'{parameter}' bukan parameter model '{key}'. Pilihan: "
            f"{', '.join(spec.params.names)}.",
            field="parameter",
        )
    values = check_list(
        values,
        "values",
        "numbers",
        "Nilai yang disapu harus berupa daftar angka, mis. [0.1, 0.2, 0.3].",
    )
    if not values or len(set(values)) != len(values):
        raise ParameterError(
            f"values={values!r} must be a non-empty list of distinct numbers",
            "Nilai yang disapu harus berupa daftar angka yang berbeda-beda dan tidak kosong.",
            field="values",
        )
    steps = check_integer(s.get("steps", 100), "steps", "Jumlah langkah", minimum=1)
    n = check_integer(s.get("n", 500), "n", "Jumlah orang", minimum=2)
    base = {k: s[k] for k in spec.params.names if k in s and k != parameter}

    def run(value: float, seed: int) -> tuple[dict[str, float], None]:
        model = spec.model(
            network=s.get("network", "complete"), n=n, seed=seed, **base, **{parameter: value}
        )
        model.run(steps, until_converged=True)
        metrics = M.opinion_metrics(model.opinions, model.graph)
        step = model.convergence_step
        return {
            "clusters": int(metrics["clusters"]),
            "effective_clusters": float(metrics["effective_clusters"]),
            "variance": float(metrics["variance"]),
            "convergence_step": np.nan if step is None else float(step),
        }, None

    res = compare(
        {v: v for v in values},
        run,
        seeds=seeds,
        root_seed=s.get("seed", 42),
        metrics=["clusters", "effective_clusters", "variance"],
        scenario_column=parameter,
    )
    out = res.runs.assign(steps=steps)
    return out[
        [
            parameter,
            "replicate",
            "seed",
            "clusters",
            "effective_clusters",
            "variance",
            "convergence_step",
            "steps",
        ]
    ]
