"""The one registry of models: every model the experiments API, the CLI and the docs can run.

``python -m simulations models`` lists :data:`MODELS` with one parameter table each.
:func:`register_model` adds a model (usually one line). Every built-in model is imported and
registered when this module is imported; a model whose import fails is an error, never silently
left out.

Example:
    >>> from simulations.models.registry import MODELS
    >>> sorted(MODELS)[:3]
    ['algorithmic_bias', 'coevolving', 'degroot']
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from simulations.core.errors import ParameterError
from simulations.core.params import ParamTable

__all__ = [
    "MODELS",
    "ModelSpec",
    "default_summary",
    "get_model",
    "hoax_summary",
    "register_model",
]


# --------------------------------------------------------------------------- summaries
def default_summary(frame: pd.DataFrame) -> dict[str, float]:
    """Summarise one run: final and peak value of every ``share_*`` column (or every column).

    Args:
        frame: The run's tidy per-step DataFrame (a ``step`` column plus outputs).

    Returns:
        ``{"final_<col>": …, "peak_<col>": …}``.
    """
    cols = [c for c in frame.columns if c.startswith("share_")]
    if not cols:
        cols = [c for c in frame.columns if c != "step" and pd.api.types.is_numeric_dtype(frame[c])]
    out: dict[str, float] = {}
    for c in cols:
        out[f"final_{c}"] = float(frame[c].iloc[-1])
        out[f"peak_{c}"] = float(frame[c].max())
    return out


def hoax_summary(frame: pd.DataFrame) -> dict[str, float]:
    """Summarise one hoax-model run.

    Returns:
        ``final_share_*`` for the three states; ``peak_share_believer`` and ``peak_step_believer``
        (first step at the peak); ``mean_share_believer`` (average over steps 1 … T, the
        time-averaged prevalence); ``believers_extinct`` (1.0 when no believer is left at the end,
        so its mean over seeds estimates the probability the hoax dies out).
    """
    share_b = frame["share_believer"].to_numpy()
    tail = share_b[1:] if len(share_b) > 1 else share_b
    return {
        "final_share_susceptible": float(frame["share_susceptible"].iloc[-1]),
        "final_share_believer": float(share_b[-1]),
        "final_share_fact_checker": float(frame["share_fact_checker"].iloc[-1]),
        "peak_share_believer": float(share_b.max()),
        "peak_step_believer": float(frame["step"].iloc[int(np.argmax(share_b))]),
        "mean_share_believer": float(tail.mean()),
        "believers_extinct": float(frame["believer"].iloc[-1] == 0),
    }


# --------------------------------------------------------------------------- registry
@dataclass(frozen=True)
class ModelSpec:
    """A model the experiments API and the CLI can run.

    Args:
        name: Registry key (used in CLI config files).
        model: The model class (or factory). Called as ``model(**kwargs, seed=seed)``; the result
            must have ``run(steps) -> DataFrame`` (a ``step`` column plus outputs), unless
            ``runner`` is given.
        params: The model's :class:`~simulations.core.params.ParamTable`; these keyword arguments are
            checked against their ranges before anything runs.
        description: One English line for ``python -m simulations models``.
        summarise: ``frame -> {metric: value}`` for one run; default :func:`default_summary`.
        runner: Optional ``runner(model, kwargs, steps, seed) -> DataFrame`` for models whose API
            differs from ``model(**kwargs, seed=seed).run(steps)``.
    """

    name: str
    model: Callable[..., Any]
    params: ParamTable
    description: str = ""
    summarise: Callable[[pd.DataFrame], dict[str, float]] = default_summary
    runner: Callable[[Callable[..., Any], dict[str, Any], int, int], pd.DataFrame] | None = None

    def other_arguments(self) -> tuple[str, ...] | None:
        """Keyword arguments the model takes besides its parameter table (None: anything goes)."""
        try:
            sig = inspect.signature(self.model)
        except (TypeError, ValueError):
            return None
        names = []
        for p in sig.parameters.values():
            if p.kind is inspect.Parameter.VAR_KEYWORD:
                return None
            if p.kind in (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY):
                if p.name != "seed" and p.name not in self.params.names:
                    names.append(p.name)
        return tuple(names)

    def validate(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """Check keyword arguments for one run and return them, table parameters coerced.

        Raises:
            ParameterError: for an unknown name, ``seed`` (seeds come from the root seed), a value
                out of range, or an invalid combination.
            NetworkError: for an unknown network kind or bad network parameters.
        """
        values = dict(values)
        if "seed" in values:
            raise ParameterError(
                "'seed' cannot be set per run: seeds are derived from root_seed (see simulations.analysis.experiments)",
                "'seed' tidak bisa diatur per simulasi; seed diturunkan dari root_seed.",
                field="seed",
            )
        others = self.other_arguments()
        table = {k: v for k, v in values.items() if k in self.params.names}
        rest = {k: v for k, v in values.items() if k not in self.params.names}
        if others is not None:
            unknown = sorted(set(rest) - set(others))
            if unknown:
                known = list(self.params.names) + list(others)
                raise ParameterError(
                    f"model {self.name!r}: unknown parameter(s) {unknown}; known parameters: {known}",
                    f"Model '{self.name}': parameter tidak dikenal: {', '.join(unknown)}. "
                    f"Parameter yang tersedia: {', '.join(known)}.",
                    field=unknown[0],
                )
        checked = self.params.validate(table)
        _check_network_arguments(rest, getattr(self.model, "bytes_per_person", 1.0))
        return {**{k: checked[k] for k in table}, **rest}

    def run(self, kwargs: Mapping[str, Any], steps: int, seed: int) -> pd.DataFrame:
        """Run the model once and return its tidy per-step DataFrame."""
        if self.runner is not None:
            return self.runner(self.model, dict(kwargs), steps, seed)
        return self.model(**kwargs, seed=seed).run(steps)


def _check_network_arguments(values: Mapping[str, Any], bytes_each: float) -> None:
    """Fail early (in the calling process) on a bad graph, network kind, size or builder parameter."""
    from simulations.models.base import check_network_arguments

    if {"graph", "network", "n", "network_params"} & set(values):
        check_network_arguments(
            values.get("graph"),
            values.get("network", "scale_free"),
            values.get("n", 1000),
            values.get("network_params"),
            bytes_each=bytes_each,
        )


MODELS: dict[str, ModelSpec] = {}
"""Models by name. Add one with :func:`register_model`."""


def register_model(
    name: str,
    model: Callable[..., Any],
    params: ParamTable | None = None,
    *,
    description: str = "",
    summarise: Callable[[pd.DataFrame], dict[str, float]] | None = None,
    runner: Callable[..., pd.DataFrame] | None = None,
    replace: bool = False,
) -> ModelSpec:
    """Register a model for :func:`sweep`, :func:`run_many` and the CLI — usually one line.

    Args:
        name: Registry key, e.g. ``"hk"``.
        model: The model class; ``model(**kwargs, seed=seed).run(steps)`` must return a tidy
            per-step DataFrame. Must be importable (module level) so worker processes can load it.
        params: Its parameter table; defaults to the class attribute ``model.params``.
        description: One English line; defaults to the first line of the class docstring.
        summarise: Per-run summary function; default :func:`default_summary`.
        runner: See :class:`ModelSpec`.
        replace: Allow replacing an existing entry.

    Returns:
        The new :class:`ModelSpec`.

    Example:
        >>> from simulations.models.hoax import HoaxModel
        >>> register_model("hoax_copy", HoaxModel, summarise=hoax_summary).name
        'hoax_copy'
        >>> del MODELS["hoax_copy"]
    """
    if name in MODELS and not replace:
        raise ValueError(f"model {name!r} is already registered (pass replace=True to replace it)")
    table = params if params is not None else getattr(model, "params", None)
    if not isinstance(table, ParamTable):
        raise TypeError(
            f"{model!r} has no ParamTable: pass params= or set the class attribute 'params'"
        )
    if not description:
        doc = inspect.getdoc(model) or ""
        description = doc.splitlines()[0] if doc else ""
    spec = ModelSpec(name, model, table, description, summarise or default_summary, runner)
    MODELS[name] = spec
    return spec


def get_model(name: str | ModelSpec) -> ModelSpec:
    """Return the registered model ``name`` (or ``name`` itself if it is a :class:`ModelSpec`).

    Raises:
        ParameterError: naming the registered models when ``name`` is unknown.
    """
    if isinstance(name, ModelSpec):
        return name
    if name not in MODELS:
        raise ParameterError(
            f"unknown model {name!r}; registered models: {sorted(MODELS)}",
            f"Model '{name}' tidak dikenal. Model yang tersedia: {', '.join(sorted(MODELS))}.",
            field="model",
        )
    return MODELS[name]


def _register_builtin() -> None:
    """Register every model of the package (imports fail loudly: no model is silently dropped)."""
    from simulations.models.hoax import HoaxModel
    from simulations.models.hoax.arrays import HoaxArrayModel
    from simulations.models.opinion import (
        AlgorithmicBiasModel,
        CoevolvingModel,
        DeffuantModel,
        DeGrootModel,
        EchoChamberModel,
        FriedkinJohnsenModel,
        HegselmannKrauseModel,
    )
    from simulations.models.rumour import RumourModel
    from simulations.response.policy import POLICY_PARAMS, BudgetPolicyModel, policy_summary

    register_model("hoax", HoaxModel, summarise=hoax_summary, replace=True)
    register_model(
        "hoax_arrays",
        HoaxArrayModel,
        description="Hoax model on arrays only (no Mesa agents), for networks of millions of people.",
        summarise=hoax_summary,
        replace=True,
    )
    register_model("rumour", RumourModel, replace=True)
    register_model("deffuant", DeffuantModel, replace=True)
    register_model("algorithmic_bias", AlgorithmicBiasModel, replace=True)
    register_model("hk", HegselmannKrauseModel, replace=True)
    register_model("friedkin_johnsen", FriedkinJohnsenModel, replace=True)
    register_model("degroot", DeGrootModel, replace=True)
    register_model("echo_chamber", EchoChamberModel, replace=True)
    register_model("coevolving", CoevolvingModel, replace=True)
    register_model(
        "kebijakan_anggaran",
        BudgetPolicyModel,
        POLICY_PARAMS,
        description="Budget sandbox: a fixed budget split across prebunking, fact-checkers, access blocking of super-spreader accounts and community leaders.",
        summarise=policy_summary,
        replace=True,
    )


_register_builtin()
