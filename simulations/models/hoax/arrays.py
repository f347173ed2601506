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
* :func:`scale_free_csr` builds a Barabási–Albert network as a CSR adjacency directly, with a
  vectorised version of the repeated-nodes algorithm of Batagelj & Brandes (2005): about a second
  for a million people, where ``networkx.barabasi_albert_graph`` plus :func:`~simulations.core.networks.to_csr`
  takes minutes (see ``benchmarks/bench_large.py``).
* :class:`HoaxArrayModel` wraps all this behind ``HoaxModel``'s constructor and ``run(steps)``, so
  the experiments API and the CLI can sweep it (model name ``"hoax_arrays"``).

References:
    V. Batagelj, U. Brandes (2005). *Efficient generation of large random networks.* Phys. Rev. E
    71:036113. doi:10.1103/PhysRevE.71.036113.
    A.-L. Barabási, R. Albert (1999). *Emergence of scaling in random networks.* Science 286:509.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

from simulations.core.errors import NetworkError, ParameterError
from simulations.core.networks import _check_size, build_network, to_csr
from simulations.core.params import check_per_person, check_steps
from simulations.models.hoax.agents import State
from simulations.models.hoax.params import HOAX_PARAMS
from simulations.models.hoax.rule import hoax_step

__all__ = [
    "HoaxArrayModel",
    "hoax_step",
    "run_hoax_arrays",
    "scale_free_csr",
]

_S, _B, _F = int(State.SUSCEPTIBLE), int(State.BELIEVER), int(State.FACT_CHECKER)
_COLUMNS = ["susceptible", "believer", "fact_checker"]


def scale_free_csr(n: int = 1000, m: int = 4, seed: int | None = None) -> sp.csr_array:
    """Build a Barabási–Albert scale-free network directly as a CSR adjacency, fast.

    Same growth process as :func:`networkx.barabasi_albert_graph` (a star of ``m+1`` people, then
    every newcomer ties to ``m`` existing people chosen with probability proportional to their
    degree), but generated with a vectorised form of Batagelj & Brandes' (2005) repeated-nodes
    list: edge ``e`` of a newcomer copies a uniformly chosen endpoint of an earlier edge, and the
    chains "copy the target of an earlier edge" are resolved by pointer jumping over all edges at
    once. Unlike networkx, a newcomer that picks the same person twice keeps one tie (networkx
    redraws), so the mean degree is a little below ``2m`` (about 0.1 % fewer ties at
    ``n = 10**6, m = 4``); the degree distribution is the same ``P(k) ~ k^-3``.

    Args:
        n: Number of people, ``n > m``.
        m: Ties each newcomer makes, ``m >= 1``.
        seed: Random seed (``numpy.random.default_rng``).

    Returns:
        Symmetric CSR adjacency, ``float32`` ones, ``int32`` indices, no self-loops, shape
        ``(n, n)``; node ``i`` is the ``i``-th person to arrive.

    Example:
        >>> adj = scale_free_csr(1000, m=3, seed=1)
        >>> adj.shape, bool((adj != adj.T).nnz == 0)
        ((1000, 1000), True)
    """
    n = _check_size(n)
    m = _check_size(m, "m")
    if m >= n:
        raise NetworkError(
            f"m={m} must be smaller than n={n}",
            f"Jumlah ikatan per pendatang baru (m={m}) harus lebih kecil dari jumlah orang (n={n}).",
            field="m",
        )
    rng = np.random.default_rng(seed)
    n_edges = m + (n - m - 1) * m
    src = np.empty(n_edges, dtype=np.int64)
    tgt = np.empty(n_edges, dtype=np.int64)
    src[:m] = 0  # the initial star: person 0 tied to 1 … m
    tgt[:m] = np.arange(1, m + 1)
    newcomers = np.repeat(np.arange(m + 1, n, dtype=np.int64), m)
    src[m:] = newcomers
    # A newcomer v sees the list of endpoints of the edges made before it arrived:
    # positions 0 … 2·first(v)-1, where first(v) = m + (v-m-1)·m is its first edge.
    # Position 2e holds src[e] (known), position 2e+1 holds tgt[e] (maybe not yet resolved).
    first = m + (newcomers - m - 1) * m
    pos = rng.integers(0, 2 * first)
    del first, newcomers
    edge = pos >> 1
    odd = (pos & 1).astype(bool)
    del pos
    tgt[m:] = np.where(odd, -1, src[edge])
    pointer = np.full(n_edges, -1, dtype=np.int64)
    pointer[m:][odd] = edge[odd]
    del edge, odd
    todo = np.flatnonzero(tgt < 0)
    while todo.size:  # pointer jumping: chains are short (geometric), a few dozen rounds at most
        p = pointer[todo]
        t = tgt[p]
        done = t >= 0
        tgt[todo[done]] = t[done]
        pointer[todo[~done]] = pointer[p[~done]]
        todo = todo[~done]
    del pointer
    return _csr_from_edges(src, tgt, n)


def _csr_from_edges(src: np.ndarray, tgt: np.ndarray, n: int) -> sp.csr_array:
    """Return the symmetric CSR adjacency (float32 ones, int32 indices) of an undirected edge list.

    Self-loops are dropped and repeated ties kept once.
    """
    keep = src != tgt
    lo = np.minimum(src[keep], tgt[keep])
    hi = np.maximum(src[keep], tgt[keep])
    key = lo * n + hi
    del lo, hi
    key.sort()  # np.sort + a mask is several times faster than np.unique here
    distinct = np.empty(key.shape[0], dtype=bool)
    if key.size:
        distinct[0] = True
        np.not_equal(key[1:], key[:-1], out=distinct[1:])
    lo, hi = np.divmod(key[distinct], n)
    del key, distinct
    # Ties sorted by (lo, hi): listing the (hi, lo) half first makes SciPy's stable counting sort
    # by row produce sorted column indices in every row (all lo < row < all hi).
    rows = np.concatenate([hi, lo]).astype(np.int32)
    cols = np.concatenate([lo, hi]).astype(np.int32)
    del lo, hi
    data = np.ones(rows.shape[0], dtype=np.float32)
    adj = sp.csr_array((data, (rows, cols)), shape=(n, n))
    adj.indices = adj.indices.astype(np.int32, copy=False)
    adj.indptr = adj.indptr.astype(np.int32, copy=False)
    return adj


def _per_person(given: Any, default: float, n: int, name: str) -> np.ndarray | float:
    """Return ``default`` (a float, broadcast) or a checked per-person float64 array."""
    if given is None:
        return float(default)
    return check_per_person(given, n, name)


def _mask(given: Any, n: int, name: str) -> np.ndarray | None:
    if given is None:
        return None
    arr = np.asarray(given, dtype=bool)
    if arr.shape != (n,):
        raise ParameterError(
            f"{name} must have one value per person ({n}), got shape {arr.shape}",
            f"{name} harus berisi satu nilai untuk setiap orang ({n}), bukan {arr.shape}.",
            field=name,
        )
    return arr


def _check_adjacency(adjacency: Any) -> sp.csr_array:
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
            "the network is empty (0 nodes)", "Jaringan kosong: tidak ada orang di dalamnya."
        )
    if adjacency.format != "csr":
        adjacency = sp.csr_array(adjacency)
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
    return_state: bool = False,
) -> pd.DataFrame | tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """Run the hoax model on arrays only (no Mesa agents), for networks of millions of people.

    Same rule, same random draws and same output as :class:`~simulations.models.hoax.HoaxModel` with the
    vectorised engine: ``HoaxModel(graph, seed=s, **params).run(steps)`` and
    ``run_hoax_arrays(to_csr(graph)[0], params, steps, seed=s)`` give identical DataFrames.

    Args:
        adjacency: Symmetric CSR adjacency, shape ``(N, N)`` (from
            :func:`~simulations.core.networks.to_csr` or :func:`scale_free_csr`).
        params: Model parameters from :data:`~simulations.models.hoax.HOAX_PARAMS` (``beta``, ``alpha``,
            ``p_verify``, ``p_forget``, ``initial_believers``, ``initial_fact_checkers``); missing
            ones take their defaults; values are checked against the table.
        steps: Number of synchronous steps, >= 0.
        seed: Random seed (``numpy.random.default_rng(seed)``, as Mesa does for ``HoaxModel``).
        believer_nodes: Row indices of people who start as believers (instead of random ones).
        fact_checker_nodes: Row indices of people who start as fact-checkers.
        alpha_by_node: Per-person credibility α, a sequence of N values in [0, 1].
        p_verify_by_node: Per-person verification probability, N values in [0, 1].
        active: N booleans; False silences a person.
        fixed: N booleans; True keeps a person's state.
        return_state: Also return the final ``state`` and ``ever_believed`` arrays.

    Returns:
        The tidy DataFrame of :meth:`HoaxModel.results` (``step``, counts and ``share_*`` per
        state, step 0 = initial state); with ``return_state`` a tuple
        ``(frame, state, ever_believed)``.

    Example:
        >>> adj = scale_free_csr(10_000, m=4, seed=1)
        >>> df = run_hoax_arrays(adj, {"alpha": 0.6}, steps=50, seed=2)
        >>> int(df.iloc[-1][["susceptible", "believer", "fact_checker"]].sum())
        10000
    """
    adjacency = _check_adjacency(adjacency)
    values = HOAX_PARAMS.validate(params or {})
    steps = check_steps(steps)
    n = adjacency.shape[0]
    if adjacency.dtype != np.float64:
        adjacency = adjacency.astype(
            np.float64
        )  # hoax_step's one-product neighbour count needs float64
    rng = np.random.default_rng(seed)
    alpha = _per_person(alpha_by_node, values["alpha"], n, "alpha_by_node")
    p_verify = _per_person(p_verify_by_node, values["p_verify"], n, "p_verify_by_node")
    beta, p_forget = values["beta"], values["p_forget"]
    if np.any(np.asarray(p_verify) + p_forget > 1 + 1e-12):
        HOAX_PARAMS.checks[0]({"p_verify": float(np.max(p_verify)), "p_forget": p_forget})
    active_mask = _mask(active, n, "active")
    if active_mask is not None and active_mask.all():
        active_mask = None
    fixed_mask = _mask(fixed, n, "fixed")

    state = _initial_state(n, values, believer_nodes, fact_checker_nodes, rng)
    ever = state == _B
    history = np.empty((int(steps) + 1, 3), dtype=np.int64)
    history[0] = np.bincount(state, minlength=3)
    for t in range(1, int(steps) + 1):
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
        history[t] = np.bincount(state, minlength=3)
    frame = _results_frame(history, n)
    if return_state:
        return frame, state, ever
    return frame


def _initial_state(
    n: int,
    values: dict[str, Any],
    believers: Sequence[int] | None,
    checkers: Sequence[int] | None,
    rng: np.random.Generator,
) -> np.ndarray:
    """Place the initial spreaders exactly as ``HoaxModel._place_initial`` does (same draws)."""
    b_idx = np.asarray(believers if believers is not None else [], dtype=np.int64)
    f_idx = np.asarray(checkers if checkers is not None else [], dtype=np.int64)
    for name, idx in (("believer_nodes", b_idx), ("fact_checker_nodes", f_idx)):
        if idx.size and (idx.min() < 0 or idx.max() >= n):
            raise ParameterError(
                f"{name}: index out of range [0, {n - 1}]",
                f"{name}: nomor orang di luar rentang [0, {n - 1}].",
                field=name,
            )
    if np.intersect1d(b_idx, f_idx).size:
        raise ParameterError(
            "a node cannot start as both believer and fact-checker",
            "Satu orang tidak bisa sekaligus penyebar awal dan pemeriksa fakta awal.",
            field="fact_checker_nodes",
        )
    n_b = len(b_idx) if believers is not None else values["initial_believers"]
    n_f = len(f_idx) if checkers is not None else values["initial_fact_checkers"]
    if n_b + n_f > n:
        raise ParameterError(
            f"initial_believers + initial_fact_checkers = {n_b + n_f} exceeds the {n} people in the network",
            f"Jumlah penyebar awal + pemeriksa fakta awal ({n_b + n_f}) melebihi jumlah orang di jaringan ({n}).",
            field="initial_believers",
        )
    taken = np.zeros(n, dtype=bool)
    taken[b_idx] = True
    taken[f_idx] = True
    free = np.flatnonzero(~taken)
    draw = rng.choice(free, size=(n_b - len(b_idx)) + (n_f - len(f_idx)), replace=False)
    state = np.zeros(n, dtype=np.int8)
    state[np.concatenate([b_idx, draw[: n_b - len(b_idx)]]).astype(np.int64)] = _B
    state[np.concatenate([f_idx, draw[n_b - len(b_idx) :]]).astype(np.int64)] = _F
    return state


def _results_frame(history: np.ndarray, n: int) -> pd.DataFrame:
    df = pd.DataFrame(history, columns=_COLUMNS)
    df.insert(0, "step", np.arange(len(df)))
    for col in _COLUMNS:
        df[f"share_{col}"] = df[col] / n
    return df


class HoaxArrayModel:
    """The hoax model without Mesa agents, behind ``HoaxModel``'s constructor and ``run``.

    For sweeps and the CLI on very large networks (registered as ``"hoax_arrays"`` in
    :data:`simulations.analysis.experiments.MODELS`). ``network="scale_free"`` uses the fast
    :func:`scale_free_csr` (so the graph for a given seed differs from ``HoaxModel``'s networkx
    graph; the distribution is the same); other kinds are built with
    :func:`~simulations.core.networks.build_network` and converted once with
    :func:`~simulations.core.networks.to_csr`.

    Args:
        graph: A networkx graph, or None to build one from ``network``, ``n``, ``network_params``.
        network: Network kind (see :data:`simulations.core.networks.NETWORKS`).
        n: Number of people.
        network_params: Builder parameters (validated against the builder's table).
        adjacency: A ready CSR adjacency; overrides ``graph`` and ``network``.
        beta, alpha, p_verify, p_forget, initial_believers, initial_fact_checkers: As in
            :class:`~simulations.models.hoax.HoaxModel`.
        seed: Random seed for the network and the dynamics.

    Example:
        >>> HoaxArrayModel(n=5000, seed=3).run(20).shape
        (21, 7)
    """

    params = HOAX_PARAMS

    def __init__(
        self,
        graph: Any = None,
        *,
        network: str = "scale_free",
        n: int = 1000,
        network_params: dict[str, Any] | None = None,
        adjacency: sp.csr_array | None = None,
        beta: float = HOAX_PARAMS["beta"].default,
        alpha: float = HOAX_PARAMS["alpha"].default,
        p_verify: float = HOAX_PARAMS["p_verify"].default,
        p_forget: float = HOAX_PARAMS["p_forget"].default,
        initial_believers: int = HOAX_PARAMS["initial_believers"].default,
        initial_fact_checkers: int = HOAX_PARAMS["initial_fact_checkers"].default,
        seed: int | None = None,
    ) -> None:
        self.parameters = HOAX_PARAMS.validate(
            beta=beta,
            alpha=alpha,
            p_verify=p_verify,
            p_forget=p_forget,
            initial_believers=initial_believers,
            initial_fact_checkers=initial_fact_checkers,
        )
        self.seed = seed
        if adjacency is not None:
            self.adjacency = _check_adjacency(adjacency)
        elif graph is not None:
            self.adjacency = to_csr(graph)[0]
        elif network == "scale_free":
            from simulations.core.networks import NETWORKS

            values = NETWORKS["scale_free"].params.validate(network_params or {})
            self.adjacency = scale_free_csr(n, values["m"], seed=_graph_seed(seed))
        else:
            self.adjacency = to_csr(
                build_network(network, n=n, seed=seed, **(network_params or {}))
            )[0]
        self.num_people = self.adjacency.shape[0]

    def run(self, steps: int = 100) -> pd.DataFrame:
        """Run ``steps`` steps and return the tidy counts and shares per step."""
        return run_hoax_arrays(self.adjacency, self.parameters, steps, seed=self.seed)


def _graph_seed(seed: int | None) -> np.random.SeedSequence | None:
    """Derive the network's seed from the model seed without reusing the dynamics' stream."""
    if seed is None:
        return None
    return np.random.SeedSequence(seed, spawn_key=(0x6E6574,))  # spawn key "net"
