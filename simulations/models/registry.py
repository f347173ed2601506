"""The one registry of models: every model the experiments API, the CLI, the widgets and the docs run.

``python -m simulations models`` lists :data:`MODELS` with one parameter table each.
:func:`register_model` adds a model (usually one line). Every built-in model is imported and
registered when this module is imported; a model whose import fails is an error, never silently
left out. Every registered model follows the one template of :mod:`simulations.models.base`.
The registry imports only :mod:`simulations.models` (the layer rule); the budget sandbox of
:mod:`simulations.response.policy` is not a model of this registry (it combines a model with
interventions) and runs through :func:`~simulations.analysis.experiments.sweep` as a class.

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

import pandas as pd

from simulations.core.errors import ParameterError, check_known
from simulations.core.network_choice import NetworkChoice, choose_network
from simulations.core.params import ParamTable
from simulations.models.base import shown

__all__ = [
    "MODELS",
    "ModelSpec",
    "default_summary",
    "get_model",
    "register_model",
    "spec_of",
]


# --------------------------------------------------------------------------- summaries
def default_summary(frame: pd.DataFrame) -> dict[str, float]:
    """Summarise one run of a callable that has no ``summarise`` of its own.

    Every model of the package has one (the template's, its family's or its own:
    :meth:`~simulations.models.base.PopulationModel.summarise`), which says what is meaningful
    for it; this generic one, for other callables, gives the final and peak value of every
    ``share_*`` column (or of every numeric column).

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
        summarise: ``frame -> {metric: value}`` for one run; default the model's own
            ``summarise`` (every model of the package has one), else :func:`default_summary`.
        runner: Optional ``runner(model, kwargs, steps, seed) -> DataFrame`` for models whose API
            differs from ``model(**kwargs, seed=seed).run(steps)``.
        label: Short Indonesian name, for the widgets' model menus.
    """

    name: str
    model: Callable[..., Any]
    params: ParamTable
    description: str = ""
    summarise: Callable[[pd.DataFrame], dict[str, float]] = default_summary
    runner: Callable[[Callable[..., Any], dict[str, Any], int, int], pd.DataFrame] | None = None
    label: str = ""

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
        _check_network_arguments(self.model, rest)
        return {**{k: checked[k] for k in table}, **rest}

    def run(self, kwargs: Mapping[str, Any], steps: int, seed: int) -> pd.DataFrame:
        """Run the model once and return its tidy per-step DataFrame."""
        if self.runner is not None:
            return self.runner(self.model, dict(kwargs), steps, seed)
        return self.model(**kwargs, seed=seed).run(steps)


def _check_network_arguments(model: Any, values: Mapping[str, Any]) -> None:
    """Fail early (in the calling process) on a bad network, size or builder parameter."""
    if {"network", "n"} & set(values):
        choose_network(
            values.get("network"),
            values.get("n"),
            default=getattr(model, "default_network", NetworkChoice()),
            bytes_each=getattr(model, "bytes_per_person", 1.0),
            complete_ok=getattr(model, "complete_ok", True),
            only=getattr(model, "only_networks", None),
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
    label: str = "",
    replace: bool = False,
) -> ModelSpec:
    """Register a model for :func:`sweep`, :func:`run_many` and the CLI — usually one line.

    Args:
        name: Registry key, e.g. ``"hk"``.
        model: The model class; ``model(**kwargs, seed=seed).run(steps)`` must return a tidy
            per-step DataFrame. Must be importable (module level) so worker processes can load it.
        params: Its parameter table; defaults to the class attribute ``model.params``.
        description: One English line; defaults to the first line of the class docstring.
        summarise: Per-run summary function; default the model's ``summarise``, else
            :func:`default_summary`.
        runner: See :class:`ModelSpec`.
        label: Short Indonesian name for the widgets (default: the registry key).
        replace: Allow replacing an existing entry.

    Returns:
        The new :class:`ModelSpec`.

    Example:
        >>> from simulations.models.hoax import HoaxModel
        >>> register_model("hoax_copy", HoaxModel).name
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
    spec = spec_of(
        model,
        name,
        table,
        description=description,
        summarise=summarise,
        runner=runner,
        label=label,
    )
    MODELS[name] = spec
    return spec


def spec_of(
    model: Callable[..., Any],
    name: str | None = None,
    params: ParamTable | None = None,
    *,
    description: str = "",
    summarise: Callable[[pd.DataFrame], dict[str, float]] | None = None,
    runner: Callable[..., pd.DataFrame] | None = None,
    label: str = "",
) -> ModelSpec:
    """Return a :class:`ModelSpec` for a model class (or factory) without registering it.

    :func:`~simulations.analysis.experiments.sweep` accepts a model class directly through this,
    e.g. a sandbox that is not a registered model.

    Raises:
        ParameterError: naming ``model`` when it has no parameter table.
    """
    table = params if params is not None else getattr(model, "params", None)
    if not isinstance(table, ParamTable) or not callable(model):
        raise ParameterError(
            f"model={shown(model)} must be a registered model name or a model class with a "
            "ParamTable 'params' (pass params= otherwise)",
            f"Model {shown(model)} tidak dikenal; gunakan nama model yang terdaftar.",
            field="model",
        )
    if not description:
        doc = inspect.getdoc(model) or ""
        description = doc.splitlines()[0] if doc else ""
    summarise = summarise or getattr(model, "summarise", None) or default_summary
    name = name or getattr(model, "__name__", "model")
    return ModelSpec(name, model, table, description, summarise, runner, label or name)


def get_model(name: str | ModelSpec | Callable[..., Any]) -> ModelSpec:
    """Return the registered model ``name``; a :class:`ModelSpec` or a model class is taken as is.

    Raises:
        ParameterError: naming the registered models when ``name`` is unknown (or not a name).
    """
    if isinstance(name, ModelSpec):
        return name
    if isinstance(name, type):
        return spec_of(name)
    return MODELS[check_known(name, sorted(MODELS), "model", "Model")]


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

    builtin = (
        ("hoax", HoaxModel, "Hoaks & pemeriksa fakta (Tambuscio dkk. 2015)"),
        ("hoax_arrays", HoaxArrayModel, "Hoaks untuk jaringan sangat besar (tanpa agen Mesa)"),
        ("rumour", RumourModel, "Desas-desus (Daley–Kendall, Maki–Thompson)"),
        ("deffuant", DeffuantModel, "Deffuant (bertemu berpasangan)"),
        ("algorithmic_bias", AlgorithmicBiasModel, "Bias algoritma (Sîrbu dkk. 2019)"),
        ("hk", HegselmannKrauseModel, "Hegselmann–Krause (rata-rata kelompok)"),
        ("friedkin_johnsen", FriedkinJohnsenModel, "Friedkin–Johnsen (tokoh teguh pendirian)"),
        ("degroot", DeGrootModel, "DeGroot (rata-rata berbobot)"),
        ("echo_chamber", EchoChamberModel, "Radikalisasi & homofili (Baumann dkk. 2020)"),
        ("coevolving", CoevolvingModel, "Unfollow & ikuti yang sependapat (jaringan berubah)"),
    )
    for name, model, label in builtin:
        register_model(name, model, label=label, replace=True)


_register_builtin()
