"""Seeded builders of social networks, a CSV edge-list loader, and the CSR adjacency the engines use.

Every builder returns an undirected :class:`networkx.Graph` with nodes ``0 … n-1`` and is
deterministic for a given ``seed``. Each has an Indonesian one-line description and a parameter
table (:data:`NETWORKS`) for the widgets.

Builders:
    * :func:`scale_free` — Barabási & Albert (1999), *Science* 286:509, preferential attachment.
    * :func:`scale_free_fast` — the same process with a vectorised generator
      (:func:`scale_free_csr`, Batagelj & Brandes 2005), for millions of people.
    * :func:`small_world` — Watts & Strogatz (1998), *Nature* 393:440.
    * :func:`random_network` — Erdős & Rényi (1959) / Gilbert (1959) G(n, p).
    * :func:`community_network` — stochastic block model (Holland, Laskey & Leinhardt 1983) with
      ``k`` groups and a homophily parameter: the expected fraction of ties inside groups.
    * :func:`load_edgelist_csv` — a user's own edge list.
"""

from __future__ import annotations

import csv
import itertools
import math
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import numpy as np
import scipy.sparse as sp

from simulations.core.errors import DataError, NetworkError
from simulations.core.formatting import format_id
from simulations.core.params import Param, ParamTable, check_seed, size_limit
from simulations.core.tables import keyed

__all__ = [
    "NETWORKS",
    "NetworkSpec",
    "build_network",
    "check_graph",
    "community_network",
    "load_edgelist_csv",
    "random_network",
    "scale_free",
    "scale_free_csr",
    "scale_free_fast",
    "small_world",
    "to_csr",
]

GROUP_ATTR = "group"
"""Node attribute holding the community index (0 … k-1) in :func:`community_network`."""

MAX_GROUPS = 1000
"""Most groups :func:`community_network` builds (networkx's block model takes k × k probabilities)."""


NX_BYTES_PER_PERSON = 512
"""Memory of one person in a networkx graph, without ties (generous; measured below)."""
NX_BYTES_PER_TIE = 160
"""Memory per tie end (per unit of mean degree) in a networkx graph: measured 80-150 bytes
(Barabási–Albert m=4: 890 bytes per person; communities, mean degree 8: 1,216; small world k=30:
2,400), doubled for the builders' temporary copies."""
CSR_BYTES_PER_TIE = 160
"""Peak memory of :func:`scale_free_csr` per tie a newcomer makes: measured 66 bytes (m=4: 265
bytes per person, m=20: 1,335), doubled."""


def _check_size(n: int, name: str = "n", minimum: int = 1, bytes_each: float | None = None) -> int:
    """Return ``n`` as an int if it is a whole number ``>= minimum`` (and fits in memory).

    Args:
        n: The value to check.
        name: Argument name for the messages.
        minimum: Smallest accepted value.
        bytes_each: Memory one unit needs; when given, ``n`` must fit in half of the machine's
            memory (:func:`simulations.core.params.size_limit`), so ``n=10**12`` fails at once.

    Raises:
        NetworkError: naming ``name`` and the accepted range.
    """
    limit = None if bytes_each is None else size_limit(bytes_each)
    whole = not isinstance(n, bool) and isinstance(n, int | np.integer)
    if not whole or n < minimum or (limit is not None and n > limit):
        upper = (
            ""
            if limit is None
            else f" and <= {limit:,} (what fits in half of this machine's memory)"  # notation: english
        )
        atas = (
            ""
            if limit is None
            else f" dan paling banyak {format_id(limit, 0)} (yang muat di setengah memori)"
        )
        raise NetworkError(
            f"{name}={n!r} must be a whole number >= {minimum}{upper}",
            f"Jumlah orang ({name}) = {n!r} harus bilangan bulat minimal {minimum}{atas}.",
            field=name,
        )
    return int(n)


def _nx_bytes(mean_degree: float) -> float:
    """Memory per person of a networkx graph with this mean degree."""
    return NX_BYTES_PER_PERSON + NX_BYTES_PER_TIE * max(float(mean_degree), 0.0)


def _check_growth(n: int, m: int) -> tuple[int, int]:
    """Return ``(n, m)`` of a Barabási–Albert network as ints: whole numbers, ``1 <= m < n``."""
    n = _check_size(n)
    m = _check_size(m, "m")
    if m >= n:
        raise NetworkError(
            f"m={m} must be smaller than n={n}",
            f"Jumlah ikatan per pendatang baru (m={m}) harus lebih kecil dari jumlah orang (n={n}).",
            field="m",
        )
    return n, m


def scale_free(n: int = 1000, m: int = 4, seed: int | None = None) -> nx.Graph:
    """Build a scale-free network by preferential attachment (Barabási–Albert 1999).

    Args:
        n: Number of people (nodes), ``n > m``.
        m: Ties each newcomer makes, ``1 <= m < n``; the mean degree is about ``2m``.
        seed: Random seed.

    Returns:
        An undirected graph with nodes ``0 … n-1``.

    Raises:
        NetworkError: for ``n`` or ``m`` that are not whole numbers, ``m >= n``, or an ``n`` whose
            graph would not fit in half of the machine's memory.
        ParameterError: for a seed that is not None or a whole number >= 0.
    """
    n, m = _check_growth(n, m)
    _check_size(n, bytes_each=_nx_bytes(2 * m))
    return nx.barabasi_albert_graph(n, m, seed=check_seed(seed))


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
        n: Number of people, ``n > m``, at most what fits in half of the machine's memory
            (about ``160·m`` bytes per person at the peak).
        m: Ties each newcomer makes, ``m >= 1``.
        seed: Random seed (``numpy.random.default_rng``): None or a whole number >= 0.

    Returns:
        Symmetric CSR adjacency, ``float32`` ones, ``int32`` indices, no self-loops, shape
        ``(n, n)``; node ``i`` is the ``i``-th person to arrive.

    Example:
        >>> adj = scale_free_csr(1000, m=3, seed=1)
        >>> adj.shape, bool((adj != adj.T).nnz == 0)
        ((1000, 1000), True)

    Raises:
        NetworkError: naming ``n`` or ``m`` (not whole numbers, ``m >= n``, ``n`` beyond memory).
        ParameterError: naming ``seed`` (a fraction, a negative number, text).
    """
    n, m = _check_growth(n, m)
    _check_size(n, bytes_each=CSR_BYTES_PER_TIE * m)
    rng = np.random.default_rng(check_seed(seed))
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


def scale_free_fast(n: int = 1000, m: int = 4, seed: int | None = None) -> nx.Graph:
    """Build a Barabási–Albert network with the fast generator :func:`scale_free_csr`.

    The graph of :func:`scale_free_csr` as a networkx graph (nodes ``0 … n-1``), so a Mesa model
    and the array-only hoax mode (which skips networkx) build the very same network from the same
    ``n``, ``m`` and seed. Use it for very large networks; :func:`scale_free` is networkx's own.
    """
    return nx.from_scipy_sparse_array(scale_free_csr(n, m, seed=seed))


def small_world(n: int = 1000, k: int = 8, p: float = 0.1, seed: int | None = None) -> nx.Graph:
    """Build a small-world network (Watts–Strogatz 1998).

    Args:
        n: Number of people (nodes).
        k: Each person is tied to the ``k`` nearest neighbours on a ring (even, ``2 <= k < n``).
        p: Probability of rewiring each tie, in [0, 1].
        seed: Random seed, None or a whole number >= 0.
    """
    n = _check_size(n)
    k = _check_size(k, "k", minimum=2)
    if k >= n:
        raise NetworkError(
            f"k={k} must be smaller than n={n}",
            f"Jumlah tetangga (k={k}) harus lebih kecil dari jumlah orang (n={n}).",
            field="k",
        )
    _check_probability(p, "p", "peluang penyambungan ulang")
    _check_size(n, bytes_each=_nx_bytes(k))
    return nx.watts_strogatz_graph(n, k, p, seed=check_seed(seed))


def random_network(n: int = 1000, mean_degree: float = 8.0, seed: int | None = None) -> nx.Graph:
    """Build a random network G(n, p) with ``p = mean_degree / (n - 1)`` (Erdős–Rényi 1959).

    Args:
        n: Number of people (nodes).
        mean_degree: Expected number of ties per person, in [0, n-1].
        seed: Random seed, None or a whole number >= 0.
    """
    n = _check_size(n)
    ok = not isinstance(mean_degree, bool) and isinstance(mean_degree, int | float | np.number)
    if not ok or not 0 <= mean_degree <= max(n - 1, 0):  # also refuses NaN
        raise NetworkError(
            f"mean_degree={mean_degree!r} must lie in [0, n-1] = [0, {n - 1}]",
            f"Rata-rata jumlah teman ({mean_degree!r}) harus antara 0 dan {n - 1}.",
            field="mean_degree",
        )
    _check_size(n, bytes_each=_nx_bytes(mean_degree))
    p = mean_degree / (n - 1) if n > 1 else 0.0
    return nx.fast_gnp_random_graph(n, p, seed=check_seed(seed))


def community_network(
    sizes: Sequence[int] | None = None,
    *,
    n: int = 1000,
    k: int = 4,
    mean_degree: float = 8.0,
    homophily: float = 0.9,
    seed: int | None = None,
) -> nx.Graph:
    """Build a network of communities: a stochastic block model with a homophily parameter.

    The expected share of ties that fall inside groups equals ``homophily``; the expected mean
    degree equals ``mean_degree``. With group sizes ``s_g``, ``E = n·mean_degree/2`` expected ties,
    ``P_in = Σ s_g(s_g-1)/2`` pairs inside groups and ``P_out`` pairs across, the block
    probabilities are ``p_in = homophily·E/P_in`` and ``p_out = (1-homophily)·E/P_out``.
    ``homophily = 1 - 1/k`` (for equal groups) is roughly a random network; 1 gives isolated groups.

    Args:
        sizes: Group sizes; if None, ``n`` people split into ``k`` groups as equally as possible.
        n: Number of people when ``sizes`` is None.
        k: Number of groups when ``sizes`` is None (``1 <= k <= n``, at most :data:`MAX_GROUPS`).
        mean_degree: Expected ties per person.
        homophily: Expected fraction of ties inside groups, in [0, 1].
        seed: Random seed, None or a whole number >= 0.

    Returns:
        A graph whose nodes carry the attribute ``"group"`` (0 … k-1).
    """
    seed = check_seed(seed)
    degree_ok = not isinstance(mean_degree, bool) and isinstance(
        mean_degree, int | float | np.number
    )
    if not degree_ok or not 0 <= mean_degree < math.inf:  # also refuses NaN
        raise NetworkError(
            f"mean_degree={mean_degree!r} must be a finite number >= 0",
            "Rata-rata jumlah teman harus angka terhingga, tidak negatif.",
            field="mean_degree",
        )
    bytes_each = _nx_bytes(min(float(mean_degree), 1e6))
    if sizes is None:
        n = _check_size(n, bytes_each=bytes_each)  # before a list of k group sizes is made
        k = _check_size(k, "k")
        if k > n:
            raise NetworkError(
                f"k={k} groups cannot be made from n={n} people",
                f"Jumlah kelompok (k={k}) tidak boleh lebih dari jumlah orang (n={n}).",
                field="k",
            )
        base, extra = divmod(n, k)
        sizes = [base + (1 if g < extra else 0) for g in range(k)]
    if isinstance(sizes, str | bytes) or not isinstance(sizes, Sequence | np.ndarray):
        raise NetworkError(
            f"sizes={sizes!r} must be a list of group sizes", "Ukuran kelompok harus berupa daftar.",
            field="sizes",
        )  # fmt: skip
    if not 1 <= len(sizes) <= MAX_GROUPS:
        raise NetworkError(
            f"sizes must name 1 to {MAX_GROUPS} groups, not {len(sizes)}",
            f"Jumlah kelompok harus 1 sampai {MAX_GROUPS}, bukan {len(sizes)}.",
            field="k" if len(sizes) > MAX_GROUPS else "sizes",
        )
    sizes = [_check_size(s, f"sizes[{i}]") for i, s in enumerate(sizes)]
    if sum(sizes) > size_limit(bytes_each):  # the whole network must fit in memory
        raise NetworkError(
            f"sizes add up to {sum(sizes):,} people; at most {size_limit(bytes_each):,} fit in half "
            "of this machine's memory",
            f"Jumlah anggota semua kelompok ({sum(sizes)}) terlalu besar untuk memori komputer ini.",
            field="sizes",
        )
    _check_probability(homophily, "homophily", "homofili (bagian ikatan di dalam kelompok)")
    total = sum(sizes)
    expected_edges = total * mean_degree / 2
    pairs_in = sum(s * (s - 1) / 2 for s in sizes)
    pairs_out = total * (total - 1) / 2 - pairs_in
    p_in = homophily * expected_edges / pairs_in if pairs_in else 0.0
    p_out = (1 - homophily) * expected_edges / pairs_out if pairs_out else 0.0
    if (pairs_out == 0 and homophily < 1 and expected_edges > 0) or p_in > 1 or p_out > 1:
        raise NetworkError(
            f"mean_degree={mean_degree} with homophily={homophily} is impossible for group sizes {sizes} "
            f"(needs p_in={p_in:.3g}, p_out={p_out:.3g} <= 1)",
            f"Kombinasi rata-rata teman ({mean_degree}) dan homofili ({homophily}) tidak mungkin untuk "
            f"ukuran kelompok {sizes}; kecilkan rata-rata teman atau ubah homofili.",
            field="mean_degree",
        )
    k = len(sizes)
    probs = [[p_in if a == b else p_out for b in range(k)] for a in range(k)]
    g = nx.stochastic_block_model(sizes, probs, seed=seed, sparse=True)
    groups = np.repeat(np.arange(k), sizes)
    nx.set_node_attributes(g, {i: int(groups[i]) for i in range(total)}, GROUP_ATTR)
    for _, data in g.nodes(data=True):
        data.pop("block", None)
    g.graph.pop("partition", None)
    return g


def _check_probability(value: float, name: str, label: str) -> float:
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float | np.floating)
        or not 0 <= value <= 1
    ):
        raise NetworkError(
            f"{name}={value!r} must be a probability in [0, 1]",
            f"Nilai {label} ({name}) = {value!r} harus antara 0 dan 1.",
            field=name,
        )
    return float(value)


def load_edgelist_csv(
    path: str | os.PathLike[str], source: str = "source", target: str = "target"
) -> nx.Graph:
    """Load an undirected edge list from a CSV file with a header row.

    Every row is one tie between the people named in the ``source`` and ``target`` columns (any
    labels; they are kept as node labels). Other columns are ignored.

    Args:
        path: CSV file, UTF-8, comma-separated, with a header.
        source: Name of the first node column.
        target: Name of the second node column.

    Returns:
        The graph, with nodes in order of first appearance.

    Raises:
        DataError: naming the file, row (1 = first data row after the header) and column for a
            missing column, an empty cell, a self-loop or a duplicate tie; or when the file has no
            ties at all.
    """
    path = Path(path)
    name = path.name
    if not path.is_file():
        raise DataError(f"{name}: file not found", f"Berkas {name} tidak ditemukan.", file=name)
    graph = nx.Graph()
    seen: dict[frozenset[str], int] = {}
    with path.open(newline="", encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh)
        header = reader.fieldnames or []
        for col in (source, target):
            if col not in header:
                raise DataError(
                    f"{name}: column '{col}' is missing (columns found: {header})",
                    f"Berkas {name}: kolom '{col}' tidak ada. Kolom yang ditemukan: {', '.join(header) or '(kosong)'}.",
                    file=name,
                    column=col,
                )
        for row_no, row in enumerate(reader, start=1):
            u, v = (row.get(source) or "").strip(), (row.get(target) or "").strip()
            for col, val in ((source, u), (target, v)):
                if not val:
                    raise DataError(
                        f"{name}: row {row_no}, column '{col}' is empty",
                        f"Berkas {name}: baris {row_no}, kolom '{col}' kosong.",
                        file=name,
                        row=row_no,
                        column=col,
                    )
            if u == v:
                raise DataError(
                    f"{name}: row {row_no}, column '{target}': self-loop ({u} tied to itself)",
                    f"Berkas {name}: baris {row_no}, kolom '{target}': '{u}' terhubung dengan dirinya sendiri.",
                    file=name,
                    row=row_no,
                    column=target,
                )
            key = frozenset((u, v))
            if key in seen:
                raise DataError(
                    f"{name}: row {row_no}, column '{target}': duplicate tie {u}–{v} (first in row {seen[key]})",
                    f"Berkas {name}: baris {row_no}, kolom '{target}': ikatan {u}–{v} ganda (sudah ada di baris {seen[key]}).",
                    file=name,
                    row=row_no,
                    column=target,
                )
            seen[key] = row_no
            graph.add_edge(u, v)
    if graph.number_of_nodes() == 0:
        raise DataError(
            f"{name}: the file holds no ties",
            f"Berkas {name} tidak berisi satu ikatan pun.",
            file=name,
        )
    return graph


def check_graph(graph: object, name: str = "graph") -> nx.Graph | None:
    """Return ``graph`` if it is None or a non-empty undirected networkx graph.

    Edge lists, adjacency arrays, dicts and file names are refused with a message that says how
    to turn them into a graph (``networkx.Graph(edges)``, :func:`load_edgelist_csv`).

    Raises:
        NetworkError: naming ``name``.
    """
    if graph is None:
        return None
    if not isinstance(graph, nx.Graph):
        raise NetworkError(
            f"{name} must be a networkx Graph (or None), not {type(graph).__name__}; build one "
            "from an edge list with networkx.Graph(edges) or load a CSV with load_edgelist_csv()",
            f"{name} harus berupa jaringan networkx (atau kosong), bukan {type(graph).__name__}; "
            "buat dari daftar ikatan dengan networkx.Graph(ikatan) atau muat CSV dengan "
            "load_edgelist_csv().",
            field=name,
        )
    if graph.is_directed():
        raise NetworkError(
            f"{name} must be undirected", "Jaringan harus tidak berarah.", field=name
        )
    if graph.number_of_nodes() == 0:
        raise NetworkError(
            f"{name} is empty (0 nodes)",
            "Jaringan kosong: tidak ada orang di dalamnya.",
            field=name,
        )
    return graph


def to_csr(graph: nx.Graph) -> tuple[sp.csr_array, list]:
    """Return the adjacency of ``graph`` as a CSR array (float32, int32 indices) and the node order.

    Keeping networkx off the hot path: the engines build this once and step on arrays.

    Raises:
        NetworkError: when the graph is empty or directed.
    """
    if graph.number_of_nodes() == 0:
        raise NetworkError(
            "the network is empty (0 nodes)", "Jaringan kosong: tidak ada orang di dalamnya."
        )
    if graph.is_directed():
        raise NetworkError("the network must be undirected", "Jaringan harus tidak berarah.")
    nodes = list(graph.nodes)
    m = graph.number_of_edges()
    if nodes == list(range(len(nodes))):  # the builders' 0 … n-1 labels: no relabelling needed
        flat = np.fromiter(
            itertools.chain.from_iterable(graph.edges()), dtype=np.int32, count=2 * m
        )
    else:
        index = {u: i for i, u in enumerate(nodes)}
        flat = np.fromiter(
            (index[x] for x in itertools.chain.from_iterable(graph.edges())),
            dtype=np.int32,
            count=2 * m,
        )
    pairs = flat.reshape(-1, 2)
    rows = np.concatenate([pairs[:, 0], pairs[:, 1]])
    cols = np.concatenate([pairs[:, 1], pairs[:, 0]])
    keep = rows != cols  # self-loops carry no influence
    n = len(nodes)
    adj = sp.csr_array(
        (np.ones(int(keep.sum()), dtype=np.float32), (rows[keep], cols[keep])), shape=(n, n)
    )
    adj.sum_duplicates()
    adj.data[:] = 1.0
    adj.indices = adj.indices.astype(np.int32, copy=False)
    adj.indptr = adj.indptr.astype(np.int32, copy=False)
    return adj, nodes


@dataclass(frozen=True)
class NetworkSpec:
    """A network builder with its Indonesian name, description and parameter table."""

    key: str
    label: str
    description: str
    builder: Callable[..., nx.Graph]
    params: ParamTable


_BA_PARAMS = ParamTable(
    (
        Param(
            "m",
            "Ikatan per orang baru",
            "Berapa teman yang dijalin setiap orang baru.",
            4,
            1,
            20,
            1,
            "int",
        ),
    )
)
"""Parameters of both Barabási–Albert builders (``scale_free`` and ``scale_free_fast``)."""

_MEAN_DEGREE = Param(
    "mean_degree", "Rata-rata teman", "Rata-rata jumlah teman per orang.", 8.0, 1.0, 30.0, 1.0
)
"""Mean degree, a parameter of the ``random`` and ``communities`` builders."""

NETWORKS: dict[str, NetworkSpec] = keyed(
    (
        NetworkSpec(
            "scale_free",
            "Bebas skala (Barabási–Albert)",
            "Sedikit akun punya sangat banyak pengikut (seperti media sosial): penyebar super ada.",
            scale_free,
            _BA_PARAMS,
        ),
        NetworkSpec(
            "scale_free_fast",
            "Bebas skala, cepat (untuk jaringan sangat besar)",
            "Sama seperti bebas skala, dibuat dengan pembangkit cepat; cocok untuk jutaan orang.",
            scale_free_fast,
            _BA_PARAMS,
        ),
        NetworkSpec(
            "small_world",
            "Dunia kecil (Watts–Strogatz)",
            "Kebanyakan teman adalah tetangga dekat, sedikit jalan pintas menghubungkan yang jauh.",
            small_world,
            ParamTable(
                (
                    Param(
                        "k",
                        "Tetangga dekat",
                        "Jumlah tetangga dekat setiap orang (genap).",
                        8,
                        2,
                        30,
                        2,
                        "int",
                    ),
                    Param(
                        "p",
                        "Peluang jalan pintas",
                        "Peluang sebuah ikatan disambung ulang ke orang acak.",
                        0.1,
                        0.0,
                        1.0,
                        0.01,
                    ),
                )
            ),
        ),
        NetworkSpec(
            "random",
            "Acak (Erdős–Rényi)",
            "Setiap pasangan berteman secara acak; tidak ada penyebar super dan tidak ada kelompok.",
            random_network,
            ParamTable((_MEAN_DEGREE,)),
        ),
        NetworkSpec(
            "communities",
            "Komunitas (blok stokastik)",
            "Beberapa kelompok (mis. desa atau kelompok pengajian); homofili = bagian ikatan di dalam kelompok.",
            community_network,
            ParamTable(
                (
                    Param(
                        "k",
                        "Jumlah kelompok",
                        "Berapa kelompok dalam masyarakat.",
                        4,
                        1,
                        10,
                        1,
                        "int",
                    ),
                    _MEAN_DEGREE,
                    Param(
                        "homophily",
                        "Homofili",
                        "Bagian ikatan yang berada di dalam kelompok sendiri (0–1).",
                        0.9,
                        0.0,
                        1.0,
                        0.01,
                    ),
                )
            ),
        ),
    )
)
"""Builders by key, with Indonesian labels and parameter tables for widgets and the CLI."""


def build_network(kind: str, n: int = 1000, seed: int | None = None, **params) -> nx.Graph:
    """Build a network by its key in :data:`NETWORKS`, validating ``params`` against its table.

    Args:
        kind: One of ``"scale_free"``, ``"small_world"``, ``"random"``, ``"communities"``.
        n: Number of people.
        seed: Random seed.
        **params: Builder parameters (see each builder).

    Example:
        >>> g = build_network("scale_free", n=100, m=2, seed=1)
        >>> g.number_of_nodes()
        100
    """
    if not isinstance(kind, str) or kind not in NETWORKS:  # a list would raise TypeError
        raise NetworkError(
            f"unknown network kind {kind!r}; choose one of {list(NETWORKS)}",
            f"Jenis jaringan '{kind}' tidak dikenal. Pilihan: {', '.join(NETWORKS)}.",
            field="kind",
        )
    spec = NETWORKS[kind]
    values = spec.params.validate(params)
    return spec.builder(n=_check_size(n), seed=seed, **values)
