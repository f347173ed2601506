"""Pure functions behind the hoax explorer and notebooks: run, repeat over seeds, sweep, summarise.

These functions hold the logic of :class:`simulations.widgets.hoax.HoaxExplorer` so that tests and
researchers can use it without widgets:

* :func:`get_network` — build (or reuse) a seeded network; cached, so changing only the model's
  parameters never rebuilds the graph (nor its drawing layout, see :mod:`simulations.plots.hoax`).
* :func:`run_hoax` — one run, returns the tidy DataFrame and the model.
* :func:`run_hoax_seeds` — the same parameters over several replicates (for bands), one long
  DataFrame.
* :func:`threshold_sweep` — final share of believers over a grid of ``p_verify`` for several β,
  to compare the simulation with the mean-field eradication threshold.

Both replicate loops go through :func:`simulations.analysis.experiments.compare` (one seed scheme,
one meaning of ``seeds``).
* :func:`summarise_hoax` — the Indonesian text summary that accompanies every figure.

Reference: Tambuscio, Ruffo, Flammini & Menczer (2015), doi:10.1145/2740908.2742572.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from simulations.core.formatting import fmt_id, pct_id
from simulations.core.network_choice import check_network_arguments
from simulations.core.networks import build_network
from simulations.core.params import check_integer, check_seed
from simulations.models.base import BYTES_PER_PERSON
from simulations.models.hoax.meanfield import eradication_threshold, mean_field
from simulations.models.hoax.model import HoaxModel
from simulations.models.hoax.params import HOAX_PARAMS

__all__ = [
    "clear_network_cache",
    "get_network",
    "run_hoax",
    "run_hoax_seeds",
    "summarise_hoax",
    "threshold_sweep",
]

_NETWORK_CACHE: OrderedDict[tuple, nx.Graph] = OrderedDict()
_NETWORK_CACHE_SIZE = 8


def _freeze(params: Mapping[str, Any] | None) -> tuple:
    return tuple(sorted((params or {}).items()))


def get_network(
    network: str = "scale_free",
    n: int = 1000,
    seed: int | None = None,
    network_params: Mapping[str, Any] | None = None,
) -> nx.Graph:
    """Return the network ``build_network(network, n, seed, **network_params)``, cached.

    The same arguments return the *same* graph object (the last 8 networks are kept), so an
    explorer that only changes model parameters neither rebuilds the graph nor its layout. Treat
    the returned graph as read-only. ``seed=None`` is never cached (a fresh random graph each time).

    Args:
        network: Network kind, a key of :data:`simulations.core.networks.NETWORKS`.
        n: Number of people.
        seed: Random seed of the builder.
        network_params: Builder parameters (validated against the builder's table).

    Raises:
        NetworkError, ParameterError: for an unknown kind or bad parameters.
    """
    seed = check_seed(seed)
    check_network_arguments(
        None, network, n, network_params, bytes_each=BYTES_PER_PERSON, complete_ok=False
    )
    params = dict(network_params or {})
    if seed is None:
        return build_network(network, n=n, seed=None, **params)
    key = (network, n, seed, _freeze(params))
    graph = _NETWORK_CACHE.get(key)
    if graph is None:
        graph = build_network(network, n=n, seed=seed, **params)
        _NETWORK_CACHE[key] = graph
        while len(_NETWORK_CACHE) > _NETWORK_CACHE_SIZE:
            _NETWORK_CACHE.popitem(last=False)
    else:
        _NETWORK_CACHE.move_to_end(key)
    return graph


def clear_network_cache() -> None:
    """Forget every cached network (e.g. to free memory after large runs)."""
    _NETWORK_CACHE.clear()


def _model_params(params: Mapping[str, Any] | None) -> dict[str, Any]:
    """Validate the hoax parameters in ``params`` (missing ones take their defaults)."""
    return HOAX_PARAMS.validate(dict(params or {}))


def run_hoax(
    params: Mapping[str, Any] | None = None,
    network: str = "scale_free",
    n: int = 1000,
    seed: int | None = 42,
    steps: int = 100,
    network_params: Mapping[str, Any] | None = None,
    *,
    engine: str = "vectorized",
) -> tuple[pd.DataFrame, HoaxModel]:
    """Run the hoax model once and return its results and the model.

    Equivalent to ``HoaxModel(network=network, n=n, network_params=network_params, seed=seed,
    **params).run(steps)``, but the network comes from :func:`get_network` (cached).

    Args:
        params: Hoax parameters (names of :data:`HOAX_PARAMS`); missing ones take their defaults.
        network: Network kind (see :data:`simulations.core.networks.NETWORKS`).
        n: Number of people.
        seed: Seed for the network and the model.
        steps: Number of steps (all of them are run; see :meth:`HoaxModel.run`).
        network_params: Builder parameters of the network.
        engine: ``"vectorized"`` or ``"agents"``.

    Returns:
        ``(df, model)``: the tidy DataFrame of :meth:`HoaxModel.results` and the model (its final
        states in ``model.state``, its graph in ``model.graph``).

    Raises:
        ParameterError, NetworkError: for invalid input, with an Indonesian ``.pesan``.

    Example:
        >>> df, model = run_hoax({"alpha": 0.6}, n=200, seed=1, steps=20)
        >>> int(df.loc[0, ["susceptible", "believer", "fact_checker"]].sum())
        200
    """
    values = _model_params(params)
    graph = get_network(network, n=n, seed=seed, network_params=network_params)
    model = HoaxModel(graph, engine=engine, seed=seed, **values)
    df = model.run(steps)
    return df, model


def run_hoax_seeds(
    params: Mapping[str, Any] | None = None,
    network: str = "scale_free",
    n: int = 1000,
    seeds: int | Iterable[int] = 5,
    steps: int = 100,
    network_params: Mapping[str, Any] | None = None,
    *,
    root_seed: int = 0,
    graph_seed: int | None = 0,
) -> pd.DataFrame:
    """Run the same parameters over several replicates on one network (for bands over seeds).

    The replicates go through :func:`simulations.analysis.experiments.compare`: replicate ``r``
    runs with the seed ``run_seed(root_seed, r)``, the package's one seed scheme.

    Args:
        params: Hoax parameters.
        network, n, network_params: The network (built once with ``graph_seed``).
        seeds: Number of replicates ``k`` (replicates ``0 … k-1``) or a list of distinct replicate
            indices >= 0 (initial spreaders and random draws differ per replicate).
        steps: Steps per run. Runs that end early are padded with their last state, so every
            replicate has ``steps + 1`` rows.
        root_seed: Root of the replicates' seeds, a whole number >= 0.
        graph_seed: Seed of the network, the same for every run.

    Returns:
        Long DataFrame: ``replicate``, ``seed`` and the columns of :meth:`HoaxModel.results`.

    Raises:
        ParameterError: for bad parameters, seeds or root seed, before any run.
    """
    from simulations.analysis.experiments import compare

    values = _model_params(params)
    steps = check_integer(steps, "steps", "Jumlah langkah", minimum=1)
    graph = get_network(network, n=n, seed=graph_seed, network_params=network_params)

    def run(_scenario: None, seed: int) -> tuple[dict[str, float], pd.DataFrame]:
        df = _pad(HoaxModel(graph, seed=seed, **values).run(steps), steps)
        return {"peak_share_believer": float(df["share_believer"].max())}, df

    curves = compare({"hoax": None}, run, seeds=seeds, root_seed=root_seed).curves
    return curves.drop(columns="scenario")


def _pad(df: pd.DataFrame, steps: int) -> pd.DataFrame:
    """Repeat the last row so the frame covers steps 0 … ``steps`` (runs may stop early)."""
    if len(df) >= steps + 1:
        return df
    last = df.iloc[[-1]]
    extra = pd.concat([last] * (steps + 1 - len(df)), ignore_index=True)
    extra["step"] = np.arange(len(df), steps + 1)
    return pd.concat([df, extra], ignore_index=True)


def threshold_sweep(
    p_verify_values: Iterable[float],
    betas: Iterable[float] = (0.3, 0.6, 0.9),
    *,
    params: Mapping[str, Any] | None = None,
    network: str = "scale_free",
    n: int = 1000,
    seeds: int | Iterable[int] = 3,
    steps: int = 200,
    tail: int = 50,
    network_params: Mapping[str, Any] | None = None,
    root_seed: int = 0,
    graph_seed: int | None = 0,
) -> pd.DataFrame:
    """Measure the long-run share of believers over a grid of ``p_verify`` for several β.

    For each (β, p_verify, replicate) the model runs ``steps`` steps on one fixed network; the
    outcome is the mean share of believers over the last ``tail`` steps (0 when the hoax died out).
    The mean-field theory says the hoax dies out when ``p_verify ≥ 2·α·p_forget/(1−α)``, whatever
    β. Every grid point is a scenario of :func:`simulations.analysis.experiments.compare`, so
    replicate ``r`` uses the seed ``run_seed(root_seed, r)`` at every point (common random numbers).

    Args:
        p_verify_values: Values of ``p_verify`` to try (each with ``p_verify + p_forget <= 1``).
        betas: Spreading rates β to compare.
        params: Other hoax parameters (``alpha``, ``p_forget``, initial counts).
        network, n, network_params, graph_seed: The network, built once.
        seeds: Number of replicates per grid point, or a list of replicate indices.
        steps: Steps per run.
        tail: Number of final steps averaged, >= 1 (all steps when larger than the run).
        root_seed: Root of the replicates' seeds.

    Returns:
        DataFrame with columns ``beta``, ``p_verify``, ``replicate``, ``seed``,
        ``final_share_believer``, ``ever_believed_share`` (one row per run),
        ``meanfield_share_believer`` (the mean-field map over the same steps and tail) and the
        mean-field ``threshold`` (same in every row).

    Raises:
        ParameterError: for bad parameters, seeds, steps or tail, before any run.
    """
    from simulations.analysis.experiments import compare

    base = {k: v for k, v in dict(params or {}).items() if k not in ("beta", "p_verify")}
    values = _model_params(base)
    steps = check_integer(steps, "steps", "Jumlah langkah", minimum=1)
    tail = check_integer(tail, "tail", "Jumlah langkah akhir", minimum=1)
    threshold = eradication_threshold(values["alpha"], values["p_forget"])
    graph = get_network(network, n=n, seed=graph_seed, network_params=network_params)
    size = graph.number_of_nodes()
    points: dict[int, dict[str, Any]] = {}
    for beta in betas:
        for pv in p_verify_values:
            run_values = _model_params({**values, "beta": beta, "p_verify": pv})
            # Mean field over the same horizon and tail as the simulation, for a fair comparison.
            mf = mean_field(
                steps,
                **{k: run_values[k] for k in ("beta", "alpha", "p_verify", "p_forget")},
                believers0=run_values["initial_believers"] / size,
                fact_checkers0=run_values["initial_fact_checkers"] / size,
            )
            points[len(points)] = {
                "values": run_values,
                "beta": float(beta),
                "p_verify": float(pv),
                "meanfield_share_believer": float(mf["share_believer"].iloc[-tail:].mean()),
            }

    def run(point: dict[str, Any], seed: int) -> tuple[dict[str, float], None]:
        model = HoaxModel(graph, seed=seed, **point["values"])
        df = _pad(model.run(steps), steps)
        return {
            "final_share_believer": float(df["share_believer"].iloc[-tail:].mean()),
            "ever_believed_share": float(model.ever_believed.mean()),
        }, None

    runs = compare(points, run, seeds=seeds, root_seed=root_seed, scenario_column="point").runs
    grid = pd.DataFrame(
        [{k: v for k, v in p.items() if k != "values"} for p in points.values()],
        index=pd.Index(list(points), name="point"),
    )
    out = runs.join(grid, on="point")[
        [
            "beta",
            "p_verify",
            "replicate",
            "seed",
            "final_share_believer",
            "ever_believed_share",
            "meanfield_share_believer",
        ]
    ]
    out["threshold"] = threshold
    return out.reset_index(drop=True)


# ---------------------------------------------------------------------- Indonesian text
def summarise_hoax(df: pd.DataFrame, params: Mapping[str, Any] | None = None) -> str:
    """Summarise a hoax run in Indonesian: peak, final shares, and the mean-field threshold.

    Args:
        df: Results of :meth:`HoaxModel.run` / :func:`run_hoax` (columns ``step``,
            ``susceptible``, ``believer``, ``fact_checker`` and the ``share_*`` columns).
        params: The hoax parameters used (only ``alpha``, ``p_forget`` and ``p_verify`` are read;
            missing ones take their defaults).

    Returns:
        A few plain Indonesian sentences (no HTML), e.g. for a screen reader next to the figure.

    Example:
        >>> import pandas as pd
        >>> df = pd.DataFrame({"step": [0, 1], "susceptible": [9, 7], "believer": [1, 2],
        ...                    "fact_checker": [0, 1]})
        >>> "langkah 1" in summarise_hoax(df, {"alpha": 0.5, "p_forget": 0.1, "p_verify": 0.3})
        True
    """
    values = _model_params({k: v for k, v in dict(params or {}).items() if k in HOAX_PARAMS.names})
    if df is None or len(df) == 0:
        return "Belum ada hasil simulasi."
    counts = df[["susceptible", "believer", "fact_checker"]].to_numpy()
    total = counts[0].sum()
    believers = df["believer"].to_numpy()
    peak_row = int(np.argmax(believers))
    peak = int(believers[peak_row])
    peak_step = int(df["step"].iloc[peak_row])
    last = df.iloc[-1]
    last_step = int(last["step"])
    s_share, b_share, f_share = (
        last[c] / total for c in ("susceptible", "believer", "fact_checker")
    )

    parts = [
        f"Puncak: {peak} dari {total} orang ({pct_id(peak / total)}) percaya hoaks, "
        f"pada langkah {peak_step}.",
        f"Akhir (langkah {last_step}): belum tahu {pct_id(s_share)}, percaya hoaks "
        f"{pct_id(b_share)}, pemeriksa fakta {pct_id(f_share)}.",
    ]
    if last["believer"] == 0:
        died = df.index[df["believer"].to_numpy() == 0]
        first_zero = int(df.loc[died[0], "step"]) if len(died) else last_step
        parts.append(
            f"Dalam simulasi ini hoaks hilang (tak ada lagi yang percaya) sejak langkah {first_zero}."
        )
    else:
        parts.append("Dalam simulasi ini hoaks masih beredar di akhir.")

    alpha, pf, pv = values["alpha"], values["p_forget"], values["p_verify"]
    threshold = eradication_threshold(alpha, pf)
    rule = (
        f"Ambang teori (medan rata-rata): peluang verifikasi ≥ 2·α·(peluang lupa)/(1−α) = "
        f"2·{fmt_id(alpha)}·{fmt_id(pf)}/(1−{fmt_id(alpha)}) = {fmt_id(threshold, 3)}."
    )
    if math.isinf(threshold):
        verdict = (
            "Dengan kredibilitas α = 1 hoaks tidak bisa diberantas hanya dengan verifikasi "
            "menurut teori."
        )
    elif pv >= threshold:
        verdict = (
            f"Peluang verifikasi {fmt_id(pv)} berada DI ATAS (atau sama dengan) ambang itu: teori "
            "memperkirakan hoaks akhirnya hilang, berapa pun laju penyebaran β."
        )
    else:
        verdict = (
            f"Peluang verifikasi {fmt_id(pv)} berada DI BAWAH ambang itu: teori memperkirakan "
            "hoaks bertahan, berapa pun laju penyebaran β."
        )
    parts.extend([rule, verdict])
    return " ".join(parts)
