"""Array-only hoax model for very large networks: the same rule, no per-person Mesa objects.

:class:`~simulations.models.hoax.HoaxModel` creates one Mesa agent per person, which is what teaching and
the readable ``agents`` engine need, but costs about a kilobyte and a few microseconds per person.
For networks of a million people this module runs the *same* synchronous rule (Tambuscio et al.
2015, see :mod:`simulations.models.hoax.model`) on NumPy arrays and a CSR adjacency only.

* :func:`hoax_step` (re-exported from :mod:`simulations.models.hoax.rule`) is the one-step rule as a
  pure function — the very function ``HoaxModel``'s vectorised engine calls, so for the same
  uniform numbers ``u`` both return the same next state, bit for bit.
* :func:`run_hoax_arrays` runs it for many steps. It draws its random numbers like ``HoaxModel``
  (``numpy.random.default_rng(seed)``: first the initial spreaders, then one uniform number per
  person per step), so on the *same* graph and seed it reproduces ``HoaxModel``'s trajectory.
* The initial placement (:func:`~simulations.models.base.place_initial`) and the results table
  (:func:`~simulations.models.base.state_frame`) are the very functions ``HoaxModel`` uses.
* :class:`HoaxArrayModel` wraps all this behind ``HoaxModel``'s constructor and
  ``run(steps, until_converged=...)``, so the experiments API and the CLI can sweep it (model name
  ``"hoax_arrays"``). From the same ``network``, ``n``, ``network_params`` and seed it builds the
  same network as ``HoaxModel``; for millions of people use ``network="scale_free_fast"``
  (:func:`~simulations.core.networks.scale_free_csr`, about a second for a million people, where
  ``networkx.barabasi_albert_graph`` takes minutes; see ``benchmarks/bench_large.py``), which
  never builds a networkx graph here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

from simulations.core.errors import NetworkError, ParameterError
from simulations.core.networks import NETWORKS, build_network, scale_free_csr, to_csr
from simulations.core.params import (
    as_float_array,
    check_flag,
    check_per_person,
    check_seed,
    check_steps,
)
from simulations.models.base import (
    check_network_arguments,
    check_node_indices,
    node_index,
    place_initial,
    state_frame,
)
from simulations.models.hoax.agents import State
from simulations.models.hoax.params import HOAX_PARAMS, STATE_COLUMNS, check_p_sum
from simulations.models.hoax.rule import hoax_step

__all__ = [
    "BYTES_PER_PERSON",
    "HoaxArrayModel",
    "run_hoax_arrays",
]

_S, _B, _F = int(State.SUSCEPTIBLE), int(State.BELIEVER), int(State.FACT_CHECKER)

BYTES_PER_PERSON = 512
"""Memory one person needs in the array-only mode (arrays, about eight ties, generator scratch)."""

_BYTES_PER_STEP = 3 * 8
"""Memory of one recorded step (three int64 counts)."""


def _per_person(given: Any, default: float, n: int, name: str) -> np.ndarray | float:
    """Return ``default`` (a float, broadcast) or a checked per-person float64 array."""
    if given is None:
        return float(default)
    return check_per_person(given, n, name)


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


def _check_adjacency(adjacency: Any) -> sp.csr_array:
    """Return a clean CSR adjacency: square, symmetric, entries 0 or 1, no self-ties."""
    if (
        not sp.issparse(adjacency)
        or adjacency.ndim != 2
        or adjacency.shape[0] != adjacency.shape[1]
    ):
        raise NetworkError(
            "adjacency must be a square SciPy sparse matrix (CSR), e.g. from to_csr() or scale_free_csr()",
            "Matriks ketetanggaan harus matriks sparse persegi (CSR).",
            field="adjacency",
        )
    if adjacency.shape[0] == 0:
        raise NetworkError(
            "adjacency is empty (0 people)",
            "Jaringan kosong: tidak ada orang di dalamnya.",
            field="adjacency",
        )
    if adjacency.dtype.kind not in "biuf":
        raise NetworkError(
            f"adjacency must hold real 0/1 entries, not {adjacency.dtype}",
            "Matriks ketetanggaan harus berisi 0 atau 1 (bukan bilangan kompleks atau teks).",
            field="adjacency",
        )
    adjacency = sp.csr_array(adjacency, dtype=np.float32)
    adjacency.eliminate_zeros()
    if adjacency.nnz and not np.all(adjacency.data == 1.0):
        bad = adjacency.data[adjacency.data != 1.0][0]
        raise NetworkError(
            f"adjacency entries must be 0 or 1 (a tie or none), found {bad!r}",
            f"Isi matriks ketetanggaan harus 0 atau 1 (ada ikatan atau tidak), ditemukan {bad!r}.",
            field="adjacency",
        )
    if adjacency.diagonal().any():
        raise NetworkError(
            "adjacency has self-ties (non-zero diagonal): a person is not their own neighbour",
            "Matriks ketetanggaan berisi ikatan ke diri sendiri (diagonal bukan nol).",
            field="adjacency",
        )
    if (adjacency != adjacency.T).nnz:
        raise NetworkError(
            "adjacency must be symmetric (ties are mutual: A[i, j] == A[j, i])",
            "Matriks ketetanggaan harus simetris (ikatan berlaku dua arah).",
            field="adjacency",
        )
    adjacency.sort_indices()
    adjacency.indices = adjacency.indices.astype(np.int32, copy=False)
    adjacency.indptr = adjacency.indptr.astype(np.int32, copy=False)
    return adjacency


def run_hoax_arrays(
    adjacency: sp.csr_array,
    params: dict[str, Any] | None = None,
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
    """Run the hoax model on arrays only (no Mesa agents), for networks of millions of people.

    Same rule, same random draws and same output as :class:`~simulations.models.hoax.HoaxModel` with the
    vectorised engine: ``HoaxModel(graph, seed=s, **params).run(steps)`` and
    ``run_hoax_arrays(to_csr(graph)[0], params, steps, seed=s)`` give identical DataFrames.

    Args:
        adjacency: Symmetric SciPy sparse adjacency, shape ``(N, N)``, entries 0 or 1, no
            self-ties (from :func:`~simulations.core.networks.to_csr` or
            :func:`~simulations.core.networks.scale_free_csr`).
        params: Model parameters from :data:`~simulations.models.hoax.HOAX_PARAMS` (``beta``, ``alpha``,
            ``p_verify``, ``p_forget``, ``initial_believers``, ``initial_fact_checkers``); missing
            ones take their defaults; values are checked against the table.
        steps: Most synchronous steps, a whole number >= 0.
        seed: Random seed, None or a whole number >= 0 (``numpy.random.default_rng(seed)``, as
            Mesa does for ``HoaxModel``).
        believer_nodes: Row indices of people who start as believers (instead of random ones).
        fact_checker_nodes: Row indices of people who start as fact-checkers.
        alpha_by_node: Per-person credibility α, a sequence of N values in [0, 1].
        p_verify_by_node: Per-person verification probability, N values in [0, 1].
        active: N booleans; False silences a person.
        fixed: N booleans; True keeps a person's state.
        until_converged: Stop early once nobody believes or fact-checks (the absorbing state,
            as ``HoaxModel.run(until_converged=True)``).
        return_state: Also return the final ``state`` and ``ever_believed`` arrays.

    Returns:
        The tidy DataFrame of :meth:`HoaxModel.results` (``step``, counts and ``share_*`` per
        state, step 0 = initial state); with ``return_state`` a tuple
        ``(frame, state, ever_believed)``.

    Example:
        >>> from simulations.core.networks import scale_free_csr
        >>> adj = scale_free_csr(10_000, m=4, seed=1)
        >>> df = run_hoax_arrays(adj, {"alpha": 0.6}, steps=50, seed=2)
        >>> int(df.iloc[-1][["susceptible", "believer", "fact_checker"]].sum())
        10000
    """
    adjacency = _check_adjacency(adjacency)
    if params is not None and not isinstance(params, Mapping):
        raise ParameterError(
            f"params must be a dict of hoax parameters, not {type(params).__name__}",
            "params harus berupa kamus {nama parameter: nilai}.",
            field="params",
        )
    values = HOAX_PARAMS.validate(params or {})
    steps = check_steps(steps, bytes_each=_BYTES_PER_STEP)
    seed = check_seed(seed)
    until_converged = check_flag(until_converged, "until_converged")
    return_state = check_flag(return_state, "return_state")
    n = adjacency.shape[0]
    # hoax_step's one-product neighbour count needs float64
    adjacency = adjacency.astype(np.float64)
    rng = np.random.default_rng(seed)
    alpha = _per_person(alpha_by_node, values["alpha"], n, "alpha_by_node")
    p_verify = _per_person(p_verify_by_node, values["p_verify"], n, "p_verify_by_node")
    beta, p_forget = values["beta"], values["p_forget"]
    check_p_sum(p_verify, p_forget)
    active_mask = _mask(active, n, "active")
    if active_mask is not None and active_mask.all():
        active_mask = None
    fixed_mask = _mask(fixed, n, "fixed")

    state = initial_state(n, values, believer_nodes, fact_checker_nodes, rng)
    ever = state == _B
    history = [np.bincount(state, minlength=3)]
    for _ in range(steps):
        if until_converged and history[-1][_B] == 0 and history[-1][_F] == 0:
            break  # absorbing: nobody is left to spread anything (HoaxModel.converged)
        u = rng.random(n)
        state = hoax_step(
            state,
            adjacency,
            u,
            alpha=alpha,
            beta=beta,
            p_verify=p_verify,
            p_forget=p_forget,
            active=active_mask,
            fixed=fixed_mask,
        )
        ever |= state == _B
        history.append(np.bincount(state, minlength=3))
    frame = state_frame(np.asarray(history, dtype=np.int64), STATE_COLUMNS, n)
    if return_state:
        return frame, state, ever
    return frame


def initial_state(
    n: int,
    values: Mapping[str, Any],
    believers: Any,
    checkers: Any,
    rng: np.random.Generator,
) -> np.ndarray:
    """Place the initial spreaders with :func:`~simulations.models.base.place_initial`, as ``HoaxModel``.

    ``believers`` and ``checkers`` are row indices (or None: ``initial_believers`` /
    ``initial_fact_checkers`` people drawn at random), so the same seed places the same people
    as ``HoaxModel`` on the same network.
    """
    b_idx = None if believers is None else check_node_indices(believers, n, "believer_nodes")
    f_idx = None if checkers is None else check_node_indices(checkers, n, "fact_checker_nodes")
    return place_initial(
        rng,
        n,
        [
            (_B, b_idx, values["initial_believers"], "believer_nodes", "initial_believers"),
            (
                _F,
                f_idx,
                values["initial_fact_checkers"],
                "fact_checker_nodes",
                "initial_fact_checkers",
            ),
        ],
    )


class HoaxArrayModel:
    """The hoax model without Mesa agents, behind ``HoaxModel``'s constructor and ``run``.

    For sweeps and the CLI on very large networks (registered as ``"hoax_arrays"`` in
    :data:`simulations.models.registry.MODELS`). From the same ``network``, ``n``,
    ``network_params`` and ``seed`` it builds the same network as
    :class:`~simulations.models.hoax.HoaxModel` (tested), and :meth:`run` gives the same table.
    ``network="scale_free_fast"`` builds the adjacency with
    :func:`~simulations.core.networks.scale_free_csr` directly (no networkx graph), the way to go
    for millions of people.

    Args:
        graph: A networkx graph, or None to build one from ``network``, ``n``, ``network_params``.
        network: Network kind (see :data:`simulations.core.networks.NETWORKS`).
        n: Number of people (>= 2, at most what fits in memory).
        network_params: Builder parameters (validated against the builder's table).
        beta, alpha, p_verify, p_forget, initial_believers, initial_fact_checkers,
            believer_nodes, fact_checker_nodes, alpha_by_node, p_verify_by_node, fixed_nodes: As
            in :class:`~simulations.models.hoax.HoaxModel`; nodes are graph labels (row indices
            when ``adjacency`` is given).
        adjacency: A ready sparse adjacency; used instead of ``graph`` and ``network``.
        seed: Random seed for the network and the dynamics, None or a whole number >= 0.

    Example:
        >>> HoaxArrayModel(n=5000, seed=3).run(20).shape
        (21, 7)
    """

    params = HOAX_PARAMS
    bytes_per_person = BYTES_PER_PERSON

    def __init__(
        self,
        graph: Any = None,
        *,
        network: str = "scale_free",
        n: int = 1000,
        network_params: Mapping[str, Any] | None = None,
        beta: float = HOAX_PARAMS["beta"].default,
        alpha: float = HOAX_PARAMS["alpha"].default,
        p_verify: float = HOAX_PARAMS["p_verify"].default,
        p_forget: float = HOAX_PARAMS["p_forget"].default,
        initial_believers: int = HOAX_PARAMS["initial_believers"].default,
        initial_fact_checkers: int = HOAX_PARAMS["initial_fact_checkers"].default,
        believer_nodes: Sequence[Any] | None = None,
        fact_checker_nodes: Sequence[Any] | None = None,
        alpha_by_node: Any = None,
        p_verify_by_node: Any = None,
        fixed_nodes: Sequence[Any] | None = None,
        adjacency: sp.csr_array | None = None,
        seed: int | None = None,
    ) -> None:
        self.parameters = HOAX_PARAMS.validate(HOAX_PARAMS.pick(locals()))
        self.seed = check_seed(seed)
        nodes: list[Any] | None = None
        if adjacency is not None:
            self.adjacency = _check_adjacency(adjacency)
        else:
            graph, n = check_network_arguments(
                graph, network, n, network_params, bytes_each=BYTES_PER_PERSON, complete_ok=False
            )
            if graph is not None:
                self.adjacency, nodes = to_csr(graph)
            elif network == "scale_free_fast":
                values = NETWORKS[network].params.validate(network_params or {})
                self.adjacency = scale_free_csr(n, values["m"], seed=self.seed)
            else:
                g = build_network(network, n=n, seed=self.seed, **dict(network_params or {}))
                self.adjacency, nodes = to_csr(g)
        self.num_people = self.adjacency.shape[0]
        index = None if nodes is None else {node: i for i, node in enumerate(nodes)}
        self.believer_nodes = _rows(believer_nodes, index, self.num_people, "believer_nodes")
        self.fact_checker_nodes = _rows(
            fact_checker_nodes, index, self.num_people, "fact_checker_nodes"
        )
        self.alpha_by_node = _by_row(
            alpha_by_node, index, self.num_people, "alpha_by_node", self.parameters["alpha"]
        )
        self.p_verify_by_node = _by_row(
            p_verify_by_node,
            index,
            self.num_people,
            "p_verify_by_node",
            self.parameters["p_verify"],
        )
        fixed_rows = _rows(fixed_nodes, index, self.num_people, "fixed_nodes")
        self.fixed = None
        if fixed_rows is not None:
            self.fixed = np.zeros(self.num_people, dtype=bool)
            self.fixed[fixed_rows] = True
        # fail now, not at run time: the initial placement and the per-person values
        initial_state(
            self.num_people,
            self.parameters,
            self.believer_nodes,
            self.fact_checker_nodes,
            np.random.default_rng(0),
        )
        _per_person(self.alpha_by_node, 0.0, self.num_people, "alpha_by_node")
        check_p_sum(
            _per_person(
                self.p_verify_by_node, self.parameters["p_verify"], self.num_people,
                "p_verify_by_node",
            ),
            self.parameters["p_forget"],
        )  # fmt: skip

    def run(self, steps: int = 100, *, until_converged: bool = False) -> pd.DataFrame:
        """Run up to ``steps`` steps from the initial state and return the counts and shares.

        Every call starts again from step 0 with the model's seed (the array mode keeps no
        state between calls). It runs exactly ``steps`` steps; with ``until_converged=True`` it
        stops before the first step that would start with nobody believing or fact-checking (the
        absorbing state, as :meth:`HoaxModel.run`).
        """
        return run_hoax_arrays(
            self.adjacency,
            self.parameters,
            steps,
            seed=self.seed,
            believer_nodes=self.believer_nodes,
            fact_checker_nodes=self.fact_checker_nodes,
            alpha_by_node=self.alpha_by_node,
            p_verify_by_node=self.p_verify_by_node,
            fixed=self.fixed,
            until_converged=until_converged,
        )


def _rows(nodes: Any, index: dict[Any, int] | None, size: int, name: str) -> np.ndarray | None:
    """Return the row indices of graph labels (or check row indices when there is no graph)."""
    if nodes is None:
        return None
    if index is None or isinstance(nodes, str | bytes | Mapping) or np.ndim(nodes) != 1:
        return check_node_indices(nodes, size, name)
    rows = [node_index(index, node, name) for node in nodes]
    return check_node_indices(np.asarray(rows, dtype=np.int64), size, name)


def _by_row(given: Any, index: dict[Any, int] | None, size: int, name: str, default: float) -> Any:
    """Turn a ``{node: value}`` mapping into a per-row array (other forms are checked later)."""
    if not isinstance(given, Mapping):
        return given
    if index is None:
        index = {i: i for i in range(size)}
    arr = np.full(size, default)
    rows = _rows(list(given), index, size, name)
    arr[rows] = as_float_array(list(given.values()), name)
    return arr
