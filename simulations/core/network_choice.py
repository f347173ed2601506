"""One value for the network a model runs on: a builder kind, a ready graph or adjacency, or none.

Every model takes its network as one argument, ``network``, plus an optional ``n`` (the number of
people) for the short calls that notebooks and widgets make::

    HoaxModel(n=500, seed=1)                                  # the model's default kind, 500 people
    HoaxModel(network="small_world", n=500, seed=1)           # a builder kind, its default parameters
    HoaxModel(network=NetworkChoice("small_world", n=500, params={"k": 6}), seed=1)
    HoaxModel({"kind": "small_world", "n": 500, "k": 6}, seed=1)   # the same, as in a config file
    HoaxModel(graph, seed=1)                                  # a ready networkx graph
    HoaxArrayModel(scale_free_csr(10**6), seed=1)             # a ready sparse adjacency
    DeffuantModel(network="complete", n=500, seed=1)          # complete mixing: no network at all

:func:`choose_network` turns any of these into a checked :class:`NetworkChoice` before anything is
built: the kind exists, the builder parameters fit its table (:data:`~simulations.core.networks.NETWORKS`),
``n`` is a whole number that fits in memory, and contradictory values are refused — ``n=500`` with
a graph of 34 people, or ``n=500`` with a choice that says ``n=800``, is an error naming ``n``,
never silently ignored.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import networkx as nx
import numpy as np
import scipy.sparse as sp

from simulations.core.errors import NetworkError, ParameterError
from simulations.core.networks import NETWORKS, build_network, check_graph, scale_free_csr, to_csr
from simulations.core.params import check_size

__all__ = [
    "ADJACENCY",
    "COMPLETE",
    "GRAPH",
    "BuiltNetwork",
    "NetworkChoice",
    "check_adjacency",
    "check_network_arguments",
    "choose_network",
]

COMPLETE = "complete"
"""Complete mixing: everyone may meet everyone, no graph is built."""
GRAPH = "graph"
"""The kind of a choice that holds a ready networkx graph."""
ADJACENCY = "adjacency"
"""The kind of a choice that holds a ready sparse adjacency (people are its rows 0 … N-1)."""


@dataclass(frozen=True)
class NetworkChoice:
    """The network a model runs on, as one value.

    Args:
        kind: A key of :data:`~simulations.core.networks.NETWORKS` (``"scale_free"``,
            ``"small_world"``, …), ``"complete"`` (complete mixing), or ``"graph"`` /
            ``"adjacency"`` for a ready network.
        n: Number of people (None: the model's default, or the size of the ready network).
        params: Builder parameters, checked against the builder's table (e.g. ``{"k": 6}``).
        graph: The ready networkx graph when ``kind="graph"``.
        adjacency: The ready symmetric 0/1 sparse adjacency when ``kind="adjacency"``.

    Example:
        >>> NetworkChoice("small_world", n=500, params={"k": 6}).describe()
        {'kind': 'small_world', 'n': 500, 'k': 6}
    """

    kind: str = "scale_free"
    n: int | None = None
    params: Mapping[str, Any] = field(default_factory=dict)
    graph: nx.Graph | None = field(default=None, repr=False, compare=False)
    adjacency: Any = field(default=None, repr=False, compare=False)

    @property
    def complete(self) -> bool:
        """True for complete mixing (no network)."""
        return self.kind == COMPLETE

    def describe(self) -> dict[str, Any]:
        """Return the choice as a flat dict ``{"kind", "n", **params}`` (config files, results)."""
        return {"kind": self.kind, "n": self.n, **dict(self.params)}

    def build(self, seed: int | None, *, need_graph: bool = True) -> BuiltNetwork:
        """Build the network (with ``seed``) and return its graph, CSR adjacency and node order.

        Args:
            seed: Seed of the builder (the model's seed).
            need_graph: False lets ``"scale_free_fast"`` and ready adjacencies skip networkx
                (models without Mesa agents, for millions of people).
        """
        n = int(self.n or 0)
        if self.complete:
            return BuiltNetwork(None, None, range(n))
        graph = self.graph
        if self.kind == ADJACENCY:
            adjacency = self.adjacency
            if need_graph:
                graph = nx.from_scipy_sparse_array(adjacency)
            return BuiltNetwork(graph, adjacency, range(n))
        if graph is None:
            if self.kind == "scale_free_fast" and not need_graph:
                m = NETWORKS[self.kind].params.validate(dict(self.params))["m"]
                return BuiltNetwork(None, scale_free_csr(n, m, seed=seed), range(n))
            graph = build_network(self.kind, n=n, seed=seed, **dict(self.params))
        adjacency, nodes = to_csr(graph)
        return BuiltNetwork(graph, adjacency, nodes)


@dataclass(frozen=True)
class BuiltNetwork:
    """A built network: the graph (None under complete mixing or without networkx), the CSR
    adjacency (None under complete mixing) and the node labels in array order."""

    graph: nx.Graph | None
    adjacency: sp.csr_array | None
    nodes: list[Any] | range


def _contradiction(n: Any, size: int, what: str) -> NetworkError:
    return NetworkError(
        f"n={n!r} contradicts the {size} people of {what}: leave n out, or make them agree",
        f"Jumlah orang n={n!r} bertentangan dengan {size} orang di jaringan yang diberikan; "
        "kosongkan n atau samakan.",
        field="n",
    )


def choose_network(
    network: Any,
    n: Any = None,
    *,
    default: NetworkChoice,
    bytes_each: float,
    complete_ok: bool = True,
    only: tuple[str, ...] | None = None,
) -> NetworkChoice:
    """Check a model's ``network`` and ``n`` arguments and return one :class:`NetworkChoice`.

    Args:
        network: None (the model's default kind), a kind name, a :class:`NetworkChoice`, a
            mapping ``{"kind": …, "n": …, <builder parameters>}``, a networkx graph or a sparse
            adjacency.
        n: Number of people, or None. With a ready network or a choice that has its own ``n`` it
            must agree with it.
        default: The model's default choice (kind and ``n``).
        bytes_each: Memory one person needs, for the upper limit on ``n``.
        complete_ok: Whether complete mixing is allowed.
        only: The only kinds the model accepts (None: every builder kind and ready networks).

    Returns:
        The choice with ``n`` set and its parameters checked; nothing is built yet.

    Raises:
        NetworkError, ParameterError: naming ``network``, ``n`` or the builder parameter.
    """
    if network is None:
        choice = replace(default, n=None)
    elif isinstance(network, str):
        choice = NetworkChoice(network)
    elif isinstance(network, NetworkChoice):
        choice = network
    elif isinstance(network, Mapping):
        choice = _from_mapping(network)
    elif isinstance(network, nx.Graph):
        graph = check_graph(network, "network")
        choice = NetworkChoice(GRAPH, graph.number_of_nodes(), graph=graph)
    elif sp.issparse(network):
        adjacency = check_adjacency(network, "network")
        choice = NetworkChoice(ADJACENCY, adjacency.shape[0], adjacency=adjacency)
    else:
        raise NetworkError(
            f"network={network!r:.80} must be a network kind such as 'scale_free', a "
            "NetworkChoice, a dict {'kind': …, 'n': …}, a networkx graph or a sparse adjacency",
            "Jaringan harus berupa jenis jaringan (misalnya 'scale_free'), graf networkx, atau "
            "NetworkChoice.",
            field="network",
        )
    if only is not None and choice.kind not in only:
        raise NetworkError(
            f"network={choice.kind!r}: this model runs only on {list(only)} "
            f"(e.g. its contacts are drawn anew every step)",
            f"Model ini hanya berjalan pada jaringan {', '.join(only)}.",
            field="network",
        )
    return _checked(choice, n, default, bytes_each, complete_ok)


def _from_mapping(values: Mapping[str, Any]) -> NetworkChoice:
    values = dict(values)
    if any(not isinstance(k, str) for k in values):
        raise NetworkError(
            "network given as a dict must have text keys: kind, n and builder parameters",
            "Jaringan dalam bentuk kamus harus berkunci teks (kind, n, parameter).",
            field="network",
        )
    kind = values.pop("kind", None)
    if kind is None:
        raise NetworkError(
            "network given as a dict needs a 'kind', e.g. {'kind': 'small_world', 'k': 6}",
            "Jaringan dalam bentuk kamus memerlukan 'kind', misalnya {'kind': 'small_world'}.",
            field="network",
        )
    n = values.pop("n", None)
    return NetworkChoice(kind, n, values)


def _checked(
    choice: NetworkChoice, n: Any, default: NetworkChoice, bytes_each: float, complete_ok: bool
) -> NetworkChoice:
    kinds = [*NETWORKS, COMPLETE] if complete_ok else list(NETWORKS)
    if choice.kind in (GRAPH, ADJACENCY):
        if choice.kind == GRAPH and not isinstance(choice.graph, nx.Graph):
            raise NetworkError(
                'a NetworkChoice of kind "graph" needs graph=<a networkx graph>',
                "Pilihan jaringan jenis 'graph' memerlukan graf networkx.",
                field="network",
            )
        if choice.kind == ADJACENCY:
            check_adjacency(choice.adjacency, "network")
        size = choice.graph.number_of_nodes() if choice.kind == GRAPH else choice.adjacency.shape[0]
        if n is not None and n != size:
            raise _contradiction(n, size, f"the given {choice.kind}")
        if choice.n is not None and choice.n != size:
            raise _contradiction(choice.n, size, f"the given {choice.kind}")
        check_size(size, "network", "Jumlah orang di jaringan", minimum=1, bytes_each=bytes_each)
        return replace(choice, n=size)
    if not isinstance(choice.kind, str) or choice.kind not in kinds:
        raise NetworkError(
            f"unknown network kind {choice.kind!r} (network); choose one of {kinds}",
            f"Jenis jaringan '{choice.kind}' tidak dikenal. Pilihan: {', '.join(kinds)}.",
            field="network",
        )
    if not isinstance(choice.params, Mapping):
        raise ParameterError(
            f"network params={choice.params!r:.60} must be a dict of builder parameters",
            "Parameter jaringan harus berupa kamus {nama: nilai}.",
            field="network",
        )
    if choice.n is not None and n is not None and choice.n != n:
        raise _contradiction(n, choice.n, f"network={choice.describe()}")
    size = choice.n if choice.n is not None else n if n is not None else default.n
    size = check_size(size, "n", "Jumlah orang", minimum=2, bytes_each=bytes_each)
    params = dict(choice.params)
    if choice.kind == COMPLETE:
        if params:
            raise ParameterError(
                'a "complete" network takes no builder parameters (no network is built)',
                "Pencampuran penuh (network='complete') tidak memakai parameter jaringan.",
                field="network",
            )
    else:
        NETWORKS[choice.kind].params.validate(params)
    return replace(choice, n=size, params=params)


def check_adjacency(adjacency: Any, name: str = "adjacency") -> sp.csr_array:
    """Return a clean CSR adjacency: square, symmetric, entries 0 or 1, no self-ties, int32 indices.

    Raises:
        NetworkError: naming ``name`` and what is wrong.
    """
    if (
        not sp.issparse(adjacency)
        or adjacency.ndim != 2
        or adjacency.shape[0] != adjacency.shape[1]
    ):
        raise NetworkError(
            f"{name} must be a square SciPy sparse matrix (CSR), e.g. from to_csr() or scale_free_csr()",
            "Matriks ketetanggaan harus matriks sparse persegi (CSR).",
            field=name,
        )
    if adjacency.shape[0] == 0:
        raise NetworkError(
            f"{name} is empty (0 people)",
            "Jaringan kosong: tidak ada orang di dalamnya.",
            field=name,
        )
    if adjacency.dtype.kind not in "biuf":
        raise NetworkError(
            f"{name} must hold real 0/1 entries, not {adjacency.dtype}",
            "Matriks ketetanggaan harus berisi 0 atau 1 (bukan bilangan kompleks atau teks).",
            field=name,
        )
    adjacency = sp.csr_array(adjacency, dtype=np.float32)
    adjacency.eliminate_zeros()
    if adjacency.nnz and not np.all(adjacency.data == 1.0):
        bad = adjacency.data[adjacency.data != 1.0][0]
        raise NetworkError(
            f"{name} entries must be 0 or 1 (a tie or none), found {bad!r}",
            f"Isi matriks ketetanggaan harus 0 atau 1 (ada ikatan atau tidak), ditemukan {bad!r}.",
            field=name,
        )
    if adjacency.diagonal().any():
        raise NetworkError(
            f"{name} has self-ties (non-zero diagonal): a person is not their own neighbour",
            "Matriks ketetanggaan berisi ikatan ke diri sendiri (diagonal bukan nol).",
            field=name,
        )
    if (adjacency != adjacency.T).nnz:
        raise NetworkError(
            f"{name} must be symmetric (ties are mutual: A[i, j] == A[j, i])",
            "Matriks ketetanggaan harus simetris (ikatan berlaku dua arah).",
            field=name,
        )
    adjacency.sort_indices()
    adjacency.indices = adjacency.indices.astype(np.int32, copy=False)
    adjacency.indptr = adjacency.indptr.astype(np.int32, copy=False)
    return adjacency


def check_network_arguments(
    graph: Any,
    network: Any,
    n: Any,
    network_params: Any,
    *,
    bytes_each: float,
    complete_ok: bool = True,
) -> tuple[nx.Graph | None, int]:
    """Check the network arguments of a function-style API (``run_hoax(network=…, n=…)``).

    The models take one ``network`` value instead (:func:`choose_network`);
    this keeps the older four-argument functions on the same checks.

    Returns:
        ``(graph, number of people)``.

    Raises:
        NetworkError, ParameterError: naming the argument.
    """
    if network_params is not None and not isinstance(network_params, Mapping):
        raise ParameterError(
            f"network_params={network_params!r:.60} must be a dict of builder parameters",
            "Parameter jaringan (network_params) harus berupa kamus {nama: nilai}.",
            field="network_params",
        )
    if graph is not None:
        choice = choose_network(graph, None, default=NetworkChoice(), bytes_each=bytes_each)
        return choice.graph, int(choice.n)
    if not isinstance(network, str):
        raise ParameterError(
            f"network={network!r:.60} must be a network kind such as 'scale_free'",
            "Jenis jaringan harus berupa teks, misalnya 'scale_free'.",
            field="network",
        )
    choice = choose_network(
        NetworkChoice(network, params=dict(network_params or {})),
        n,
        default=NetworkChoice(),
        bytes_each=bytes_each,
        complete_ok=complete_ok,
    )
    return None, int(choice.n)
