"""Array-only hoax model for very large networks: the same rule, no per-person Mesa objects.

:class:`~simulations.models.hoax.HoaxModel` creates one Mesa agent per person, which is what teaching and
the readable ``agents`` engine need, but costs about a kilobyte and a few microseconds per person.
For networks of a million people :class:`HoaxArrayModel` runs the *same* model on the same
template without the agents (``uses_agents = False``): the same constructor, the same synchronous
rule (:func:`~simulations.models.hoax.rule.hoax_step`, Tambuscio et al. 2015), the same random draws
(first the initial spreaders, then one uniform number per person per step), the same results and
the same ``run`` (which continues the model). On the same network and seed it reproduces
``HoaxModel``'s trajectory exactly (tested).

``network`` may also be a ready sparse adjacency (:func:`~simulations.core.networks.scale_free_csr`,
:func:`~simulations.core.networks.to_csr`); ``network="scale_free_fast"`` builds one directly without
networkx (about a second for a million people, where ``networkx.barabasi_albert_graph`` takes
minutes; see ``benchmarks/bench_large.py``). Registered as ``"hoax_arrays"``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import numpy as np
import pandas as pd

from simulations.core.errors import ParameterError
from simulations.core.network_choice import check_adjacency
from simulations.core.params import check_flag, check_steps
from simulations.models.hoax.model import HoaxModel

__all__ = [
    "BYTES_PER_PERSON",
    "HoaxArrayModel",
    "run_hoax_arrays",
]

BYTES_PER_PERSON = 512
"""Memory one person needs in the array-only mode (arrays, about eight ties, generator scratch)."""


class HoaxArrayModel(HoaxModel):
    """The hoax model without Mesa agents: ``HoaxModel``'s constructor, rule, ``run`` and results.

    For sweeps and the CLI on very large networks (registered as ``"hoax_arrays"`` in
    :data:`simulations.models.registry.MODELS`). Only the vectorised engine exists (there are no
    agents); ``network`` may be a sparse adjacency, and ``network="scale_free_fast"`` never builds a
    networkx graph.

    Example:
        >>> HoaxArrayModel(n=5000, seed=3).run(20).shape
        (21, 7)
    """

    uses_agents: ClassVar[bool] = False
    engines: ClassVar[tuple[str, ...]] = ("vectorized",)
    bytes_per_person: ClassVar[float] = BYTES_PER_PERSON


def _mask(given: Any, n: int, name: str) -> np.ndarray | None:
    if given is None:
        return None
    arr = np.asarray(given) if not isinstance(given, str | bytes | Mapping) else None
    if arr is None or arr.dtype.kind != "b" or arr.shape != (n,):
        raise ParameterError(
            f"{name} must be {n} booleans (True/False), one per person",
            f"{name} harus berisi {n} nilai True/False, satu untuk setiap orang.",
            field=name,
        )
    return arr


def run_hoax_arrays(
    adjacency: Any,
    params: Mapping[str, Any] | None = None,
    steps: int = 100,
    seed: int | None = None,
    *,
    believer_nodes: Sequence[int] | None = None,
    fact_checker_nodes: Sequence[int] | None = None,
    alpha_by_node: Any = None,
    p_verify_by_node: Any = None,
    active: Any = None,
    fixed: Any = None,
    until_converged: bool = False,
    return_state: bool = False,
) -> pd.DataFrame | tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """Run the hoax model on a sparse adjacency, without Mesa agents (millions of people).

    ``HoaxModel(graph, seed=s, **params).run(steps)`` and
    ``run_hoax_arrays(to_csr(graph)[0], params, steps, seed=s)`` give identical DataFrames.

    Args:
        adjacency: Symmetric SciPy sparse adjacency, shape ``(N, N)``, entries 0 or 1, no
            self-ties (from :func:`~simulations.core.networks.to_csr` or
            :func:`~simulations.core.networks.scale_free_csr`).
        params: Model parameters from :data:`~simulations.models.hoax.HOAX_PARAMS`; missing
            ones take their defaults; values are checked against the table.
        steps: Most synchronous steps, a whole number >= 0.
        seed: Random seed, None or a whole number >= 0.
        believer_nodes: Row indices of people who start as believers (instead of random ones).
        fact_checker_nodes: Row indices of people who start as fact-checkers.
        alpha_by_node: Per-person credibility α, N values in [0, 1].
        p_verify_by_node: Per-person verification probability, N values in [0, 1].
        active: N booleans; False silences a person.
        fixed: N booleans; True keeps a person's state.
        until_converged: Stop early once nobody believes or fact-checks.
        return_state: Also return the final ``state`` and ``ever_believed`` arrays.

    Returns:
        The results of :meth:`HoaxModel.results`; with ``return_state`` a tuple
        ``(frame, state, ever_believed)``.

    Example:
        >>> from simulations.core.networks import scale_free_csr
        >>> adj = scale_free_csr(10_000, m=4, seed=1)
        >>> df = run_hoax_arrays(adj, {"alpha": 0.6}, steps=50, seed=2)
        >>> int(df.iloc[-1][["susceptible", "believer", "fact_checker"]].sum())
        10000
    """
    adjacency = check_adjacency(adjacency)
    if params is not None and not isinstance(params, Mapping):
        raise ParameterError(
            f"params must be a dict of hoax parameters, not {type(params).__name__}",
            "params harus berupa kamus {nama parameter: nilai}.",
            field="params",
        )
    values = HoaxModel.params.validate(params or {})
    steps = check_steps(steps, bytes_each=HoaxArrayModel.bytes_per_step)
    return_state = check_flag(return_state, "return_state")
    n = adjacency.shape[0]
    active_mask = _mask(active, n, "active")
    fixed_mask = _mask(fixed, n, "fixed")
    model = HoaxArrayModel(
        adjacency,
        **values,
        believer_nodes=believer_nodes,
        fact_checker_nodes=fact_checker_nodes,
        alpha_by_node=alpha_by_node,
        p_verify_by_node=p_verify_by_node,
        fixed_nodes=None if fixed_mask is None else np.flatnonzero(fixed_mask),
        seed=seed,
    )
    if active_mask is not None:
        model.active[:] = active_mask
    frame = model.run(steps, until_converged=until_converged)
    if return_state:
        return frame, model.state, model.ever_believed
    return frame
