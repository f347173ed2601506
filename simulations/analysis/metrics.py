"""Measures of opinion spread, fragmentation, polarisation and echo chambers.

Every function takes the opinions as a 1-D array (one value per person, in the order of the
model's arrays) and, for the network measures, the network as a :class:`networkx.Graph` or a
square SciPy sparse / NumPy adjacency matrix in the same order. Each docstring states the formula
and the paper it comes from; :data:`METRIC_DESCRIPTIONS_ID` holds one Indonesian sentence per
measure for the widgets and notebooks, and :func:`summarise_metrics_id` turns a set of values
into a short Indonesian text that accompanies a figure.

Measures:
    * :func:`opinion_variance`, :func:`opinion_range` — spread of opinions.
    * :func:`opinion_clusters`, :func:`count_clusters`, :func:`effective_clusters` — groups of
      nearly equal opinion (Deffuant et al. 2000; Lorenz 2007), and the effective number
      ``(Σ s)² / Σ s²`` (the participation ratio, a Laakso–Taagepera-type count).
    * :func:`bimodality_coefficient` — Sarle's bimodality coefficient (SAS Institute 1990;
      Pfister et al. 2013).
    * :func:`esteban_ray_polarization` — Esteban & Ray (1994).
    * :func:`neighbour_mean_opinion`, :func:`neighbour_opinion_correlation` — the echo-chamber
      measure of Cinelli, De Francisci Morales, Galeazzi, Quattrociocchi & Starnini (2021).
    * :func:`opinion_assortativity` — Newman (2003) numeric assortativity.
    * :func:`group_modularity`, :func:`ei_index`, :func:`community_partition` — network
      segregation (Newman 2006; Krackhardt & Stern 1988; Blondel et al. 2008).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import networkx as nx
import numpy as np
import scipy.sparse as sp

from simulations.core.errors import ParameterError
from simulations.core.formatting import format_id

__all__ = [
    "METRIC_DESCRIPTIONS_ID",
    "METRIC_LABELS_ID",
    "bimodality_coefficient",
    "community_partition",
    "count_clusters",
    "effective_clusters",
    "ei_index",
    "esteban_ray_polarization",
    "group_modularity",
    "is_echo_chamber",
    "neighbour_mean_opinion",
    "neighbour_opinion_correlation",
    "opinion_assortativity",
    "opinion_clusters",
    "opinion_metrics",
    "opinion_range",
    "opinion_variance",
    "summarise_metrics_id",
]

METRIC_LABELS_ID: dict[str, str] = {
    "variance": "Ragam (varians) opini",
    "range": "Rentang opini",
    "clusters": "Jumlah kelompok opini",
    "effective_clusters": "Jumlah efektif kelompok",
    "bimodality": "Koefisien bimodalitas",
    "esteban_ray": "Polarisasi Esteban–Ray",
    "neighbour_correlation": "Korelasi opini dengan tetangga",
    "assortativity": "Asortativitas opini",
    "modularity": "Modularitas (keterpisahan jaringan)",
    "ei_index": "Indeks E–I",
}
"""Short Indonesian labels of the measures (keys as in :func:`opinion_metrics`)."""

METRIC_DESCRIPTIONS_ID: dict[str, str] = {
    "variance": (
        "Ragam mengukur seberapa jauh opini orang-orang tersebar dari rata-ratanya: "
        "0 berarti semua sepakat, makin besar makin beragam atau terbelah."
    ),
    "range": "Rentang adalah jarak antara opini paling ekstrem di satu sisi dan di sisi lain.",
    "clusters": (
        "Jumlah kelompok opini menghitung berapa 'kubu' yang terbentuk, yaitu kumpulan orang "
        "dengan opini hampir sama yang cukup besar (kelompok sangat kecil tidak dihitung)."
    ),
    "effective_clusters": (
        "Jumlah efektif kelompok memperhitungkan ukuran: dua kubu sama besar bernilai 2, "
        "satu kubu besar dan satu kubu kecil bernilai mendekati 1."
    ),
    "bimodality": (
        "Koefisien bimodalitas di atas 0,555 menandakan sebaran opini berpuncak dua atau lebih "
        "(masyarakat terbelah menjadi kubu-kubu); di bawahnya sebaran cenderung berpuncak satu."
    ),
    "esteban_ray": (
        "Polarisasi Esteban–Ray tinggi bila masyarakat terbagi menjadi sedikit kelompok yang "
        "masing-masing kompak di dalam tetapi berjauhan satu sama lain."
    ),
    "neighbour_correlation": (
        "Korelasi opini dengan tetangga (ukuran ruang gema Cinelli dkk. 2021) mendekati 1 bila "
        "setiap orang terutama terhubung dengan orang yang opininya mirip; ukuran ini hanya "
        "bermakna bila opini memang masih berbeda-beda (ada dua kubu atau lebih)."
    ),
    "assortativity": (
        "Asortativitas opini positif berarti ikatan pertemanan lebih sering menghubungkan orang "
        "beropini mirip; nol berarti ikatan tidak bergantung pada opini."
    ),
    "modularity": (
        "Modularitas mengukur seberapa banyak ikatan berada di dalam kelompok dibanding yang "
        "diharapkan secara acak; di atas sekitar 0,3 jaringan tampak terkotak-kotak."
    ),
    "ei_index": (
        "Indeks E–I bernilai −1 bila semua ikatan ada di dalam kelompok sendiri dan +1 bila "
        "semua ikatan menyeberang ke kelompok lain."
    ),
}
"""One Indonesian sentence per measure, for widgets and notebooks."""


# ----------------------------------------------------------------------------- input checks
def _opinions(x: Any, *, minimum: int = 1, name: str = "opinions") -> np.ndarray:
    """Return ``x`` as a finite 1-D float64 array with at least ``minimum`` values."""
    try:
        arr = np.asarray(x, dtype=np.float64)
    except (TypeError, ValueError):
        raise ParameterError(
            f"{name} must be a sequence of numbers",
            "Opini harus berupa deretan angka.",
            field=name,
        ) from None
    if arr.ndim != 1:
        arr = arr.ravel()
    if arr.size < minimum:
        raise ParameterError(
            f"{name} needs at least {minimum} value(s), got {arr.size}",
            f"Ukuran ini memerlukan minimal {minimum} opini, tetapi hanya ada {arr.size}.",
            field=name,
        )
    if not np.all(np.isfinite(arr)):
        raise ParameterError(
            f"{name} contains NaN or infinite values",
            "Ada opini yang kosong (NaN) atau tak terhingga.",
            field=name,
        )
    return arr


def _adjacency(network: Any, size: int) -> sp.csr_matrix:
    """Return a symmetric 0/1 CSR adjacency (float64) for a graph or matrix of ``size`` nodes."""
    if isinstance(network, nx.Graph):
        if network.number_of_nodes() != size:
            raise ParameterError(
                f"the network has {network.number_of_nodes()} nodes but there are {size} opinions",
                f"Jaringan berisi {network.number_of_nodes()} orang, tetapi ada {size} opini.",
                field="network",
            )
        mat = nx.to_scipy_sparse_array(network, nodelist=list(network.nodes), format="csr")
        mat = sp.csr_matrix(mat, dtype=np.float64)
    elif sp.issparse(network) or isinstance(network, np.ndarray):
        mat = sp.csr_matrix(network, dtype=np.float64)
        if mat.shape != (size, size):
            raise ParameterError(
                f"adjacency has shape {mat.shape}, expected ({size}, {size})",
                f"Matriks jaringan berukuran {mat.shape}, seharusnya ({size}, {size}).",
                field="network",
            )
    else:
        raise ParameterError(
            "network must be a networkx Graph or a square adjacency matrix",
            "Jaringan harus berupa graf networkx atau matriks ketetanggaan persegi.",
            field="network",
        )
    mat = mat.maximum(mat.T).tocsr()  # undirected view: a tie in either direction counts
    mat.setdiag(0)
    mat.eliminate_zeros()
    mat.data[:] = 1.0
    return mat


# ----------------------------------------------------------------------------- spread
def opinion_variance(x: Any) -> float:
    """Return the population variance of the opinions.

    ``Var(x) = (1/N) Σ_i (x_i − x̄)²``. For opinions in [0, 1] the maximum is 0.25 (half at 0,
    half at 1); for opinions in [−1, 1] it is 1.

    Args:
        x: Opinions, one per person.
    """
    arr = _opinions(x)
    return float(np.var(arr))


def opinion_range(x: Any) -> float:
    """Return ``max(x) − min(x)``, the distance between the two most extreme opinions.

    Args:
        x: Opinions, one per person.
    """
    arr = _opinions(x)
    return float(arr.max() - arr.min())


# ----------------------------------------------------------------------------- clusters
def opinion_clusters(x: Any, gap: float = 0.01) -> list[np.ndarray]:
    """Split the opinions into clusters of nearly equal opinion.

    The opinions are sorted; a new cluster starts wherever two consecutive sorted opinions are
    more than ``gap`` apart (single-linkage clustering in one dimension). This is how the final
    clusters of bounded-confidence models are usually counted (Deffuant, Neau, Amblard & Weisbuch
    2000, *Adv. Complex Syst.* 3:87; Lorenz 2007, *Int. J. Mod. Phys. C* 18:1819): converged
    clusters are points, far more than ``gap`` apart.

    Args:
        x: Opinions.
        gap: Largest distance between neighbouring opinions of one cluster, > 0 (same unit as the
            opinions).

    Returns:
        The clusters, each an array of the indices of its members, largest cluster first.
    """
    arr = _opinions(x)
    if not gap > 0:
        raise ParameterError(
            f"gap={gap!r} must be > 0",
            "Jarak pemisah kelompok (gap) harus lebih dari 0.",
            field="gap",
        )
    order = np.argsort(arr, kind="stable")
    breaks = np.flatnonzero(np.diff(arr[order]) > gap) + 1
    groups = np.split(order, breaks)
    groups.sort(key=len, reverse=True)
    return groups


def count_clusters(x: Any, gap: float = 0.01, min_share: float = 0.02) -> int:
    """Return the number of opinion clusters holding at least ``min_share`` of the people.

    Clusters as in :func:`opinion_clusters`; tiny clusters (isolated extremists left behind by
    bounded-confidence dynamics) are not counted, following the convention of counting "major"
    clusters (Lorenz 2007).

    Args:
        x: Opinions.
        gap: Cluster gap, see :func:`opinion_clusters`.
        min_share: Smallest share of the population, in [0, 1], for a cluster to count.
    """
    if not 0 <= min_share <= 1:
        raise ParameterError(
            f"min_share={min_share!r} must be in [0, 1]",
            "Ukuran minimal kelompok (min_share) harus antara 0 dan 1.",
            field="min_share",
        )
    groups = opinion_clusters(x, gap)
    n = sum(len(g) for g in groups)
    return int(sum(1 for g in groups if len(g) >= min_share * n and len(g) > 0))


def effective_clusters(x: Any, gap: float = 0.01) -> float:
    """Return the effective number of clusters ``(Σ_c s_c)² / Σ_c s_c²``.

    ``s_c`` is the size of cluster ``c`` (:func:`opinion_clusters`). Equal clusters count fully,
    small ones hardly: two clusters of 50 give 2, one of 90 and one of 10 give 1.22. The same
    participation ratio is used for opinion clusters by Lorenz (2007) and, as the effective
    number of parties, by Laakso & Taagepera (1979).

    Args:
        x: Opinions.
        gap: Cluster gap, see :func:`opinion_clusters`.
    """
    sizes = np.array([len(g) for g in opinion_clusters(x, gap)], dtype=np.float64)
    return float(sizes.sum() ** 2 / np.sum(sizes**2))


# ----------------------------------------------------------------------------- shape
def bimodality_coefficient(x: Any) -> float:
    """Return Sarle's bimodality coefficient of the opinions.

    ``BC = (g² + 1) / (k + 3(n−1)² / ((n−2)(n−3)))`` with ``g`` the sample skewness and ``k``
    the sample excess kurtosis, both bias-corrected (SAS Institute 1990, *SAS/STAT User's Guide*;
    Pfister, Schwarz, Janczyk, Dale & Freeman 2013, *Front. Psychol.* 4:700). ``BC > 5/9 ≈ 0.555``
    (the value of a uniform distribution) suggests a bimodal distribution; a normal distribution
    gives 1/3; two equal point masses give 1 in the large-n limit.

    Args:
        x: Opinions, at least 4 values that are not all equal.

    Returns:
        BC in (0, 1]; ``nan`` when all opinions are equal (no shape to measure).
    """
    arr = _opinions(x, minimum=4)
    n = arr.size
    d = arr - arr.mean()
    m2 = np.mean(d**2)
    if m2 <= 1e-300:
        return math.nan
    m3 = np.mean(d**3)
    m4 = np.mean(d**4)
    g1 = m3 / m2**1.5
    g2 = m4 / m2**2 - 3.0
    skew = g1 * math.sqrt(n * (n - 1)) / (n - 2)
    kurt = (n - 1) / ((n - 2) * (n - 3)) * ((n + 1) * g2 + 6.0)
    return float((skew**2 + 1.0) / (kurt + 3.0 * (n - 1) ** 2 / ((n - 2) * (n - 3))))


def esteban_ray_polarization(
    x: Any,
    alpha: float = 1.0,
    bins: int | Sequence[float] = 10,
    value_range: tuple[float, float] | None = None,
    scale: float = 1.0,
) -> float:
    """Return the Esteban–Ray polarisation of the opinion distribution.

    ``P = K Σ_i Σ_j π_i^{1+α} π_j |y_i − y_j|`` over groups ``i, j`` with population shares
    ``π`` and representative opinions ``y`` (Esteban & Ray 1994, *Econometrica* 62(4):819–851).
    α ∈ [0, 1.6] is the "identification" weight: α = 0 gives half the Gini mean difference; larger
    α rewards internally homogeneous groups. Groups are the histogram bins of the opinions with
    ``y`` the bin's mean opinion. Example: half at −1 and half at +1 with α = 1 gives
    ``2·(0.5²·0.5·2) = 0.5``.

    Args:
        x: Opinions.
        alpha: Identification weight α in [0, 1.6].
        bins: Number of equal-width bins, or the bin edges.
        value_range: (low, high) of the bins; default the range of the data.
        scale: The constant K > 0 (1 by default).
    """
    arr = _opinions(x)
    if not 0 <= alpha <= 1.6:
        raise ParameterError(
            f"alpha={alpha!r} must be in [0, 1.6] (Esteban & Ray 1994)",
            "Parameter α Esteban–Ray harus antara 0 dan 1,6.",
            field="alpha",
        )
    if value_range is None:
        lo, hi = float(arr.min()), float(arr.max())
        if hi <= lo:
            return 0.0
        value_range = (lo, hi)
    counts, edges = np.histogram(arr, bins=bins, range=value_range)
    idx = np.clip(np.searchsorted(edges, arr, side="right") - 1, 0, len(counts) - 1)
    sums = np.bincount(idx, weights=arr, minlength=len(counts))
    keep = counts > 0
    pi = counts[keep] / arr.size
    y = sums[keep] / counts[keep]
    dist = np.abs(y[:, None] - y[None, :])
    return float(scale * np.sum((pi ** (1.0 + alpha))[:, None] * pi[None, :] * dist))


# ----------------------------------------------------------------------------- network measures
def neighbour_mean_opinion(x: Any, network: Any) -> np.ndarray:
    """Return each person's average neighbour opinion ``x_i^N = (1/k_i) Σ_j A_ij x_j``.

    Cinelli et al. (2021) use it to draw the joint distribution of ``(x_i, x_i^N)``; isolated
    people get ``nan``.

    Args:
        x: Opinions, one per node, in node order.
        network: Graph or adjacency matrix (ties are treated as undirected).
    """
    arr = _opinions(x)
    adj = _adjacency(network, arr.size)
    deg = np.asarray(adj.sum(axis=1)).ravel()
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.asarray(adj @ arr).ravel() / deg


def neighbour_opinion_correlation(x: Any, network: Any) -> float:
    """Return the Pearson correlation between opinions and average neighbour opinions.

    ``ρ = corr(x_i, x_i^N)`` over people with at least one tie. This is the echo-chamber
    measure of Cinelli, De Francisci Morales, Galeazzi, Quattrociocchi & Starnini (2021), *The
    echo chamber effect on social media*, PNAS 118(9):e2023301118: in an echo chamber people's
    opinions match those of their neighbours (ρ near 1); on a network with no opinion structure
    ρ is near 0.

    Args:
        x: Opinions.
        network: Graph or adjacency matrix.

    Returns:
        ρ in [−1, 1]; ``nan`` when fewer than 2 people have ties or one side has no variance.
    """
    arr = _opinions(x)
    xn = neighbour_mean_opinion(arr, network)
    ok = np.isfinite(xn)
    if ok.sum() < 2:
        return math.nan
    a, b = arr[ok], xn[ok]
    if np.std(a) == 0 or np.std(b) == 0:
        return math.nan
    return float(np.corrcoef(a, b)[0, 1])


def opinion_assortativity(x: Any, network: Any) -> float:
    """Return the opinion assortativity ``r`` of the network (Newman 2003).

    ``r`` is the Pearson correlation of the opinions at the two ends of a tie, over all ties
    counted in both directions (Newman 2003, *Mixing patterns in networks*, Phys. Rev. E
    67:026126, Eq. 26): ``r = Σ_{ij} A_ij (x_i − μ)(x_j − μ) / Σ_{ij} A_ij (x_i − μ)²`` with
    ``μ = Σ_ij A_ij x_i / Σ_ij A_ij``. It agrees with
    :func:`networkx.numeric_assortativity_coefficient`.

    Args:
        x: Opinions.
        network: Graph or adjacency matrix.

    Returns:
        r in [−1, 1]; ``nan`` when there are no ties or all tie ends have the same opinion.
    """
    arr = _opinions(x)
    adj = _adjacency(network, arr.size).tocoo()
    if adj.nnz == 0:
        return math.nan
    a, b = arr[adj.row], arr[adj.col]
    mu = a.mean()
    den = np.sum((a - mu) ** 2)
    if den == 0:
        return math.nan
    return float(np.sum((a - mu) * (b - mu)) / den)


def _labels(labels: Any, size: int) -> np.ndarray:
    lab = np.asarray(labels)
    if lab.shape != (size,):
        raise ParameterError(
            f"labels must have one entry per person ({size}), got shape {lab.shape}",
            f"Label kelompok harus ada satu untuk setiap orang ({size}).",
            field="labels",
        )
    return lab


def group_modularity(network: Any, labels: Any) -> float:
    """Return Newman's modularity ``Q`` of the partition given by ``labels``.

    ``Q = Σ_c [ L_c / L − (d_c / 2L)² ]`` with ``L`` ties in total, ``L_c`` ties inside group
    ``c`` and ``d_c`` the sum of degrees in ``c`` (Newman & Girvan 2004, Phys. Rev. E 69:026113;
    Newman 2006, PNAS 103:8577). Q = 0 when ties ignore the groups; it approaches ``1 − 1/c``
    for ``c`` equal, completely separated groups. With ``labels = sign(x)`` it measures how far
    the network has split along the two camps.

    Args:
        network: Graph or adjacency matrix (undirected view).
        labels: Group of each person (any hashable values), in node order.
    """
    lab = None
    if isinstance(network, nx.Graph):
        size = network.number_of_nodes()
    else:
        size = network.shape[0]
    lab = _labels(labels, size)
    adj = _adjacency(network, size)
    _, codes = np.unique(lab, return_inverse=True)
    coo = sp.triu(adj, k=1).tocoo()
    total = coo.nnz
    if total == 0:
        return math.nan
    inside = np.bincount(
        codes[coo.row][codes[coo.row] == codes[coo.col]], minlength=codes.max() + 1
    )
    deg = np.asarray(adj.sum(axis=1)).ravel()
    degree_sum = np.bincount(codes, weights=deg, minlength=codes.max() + 1)
    return float(np.sum(inside / total - (degree_sum / (2.0 * total)) ** 2))


def ei_index(network: Any, labels: Any) -> float:
    """Return Krackhardt & Stern's E–I index ``(E − I) / (E + I)``.

    ``E`` counts ties between different groups, ``I`` ties inside groups (Krackhardt & Stern
    1988, *Social Psychology Quarterly* 51(2):123–140). −1 = fully segregated, +1 = every tie
    crosses groups.

    Args:
        network: Graph or adjacency matrix.
        labels: Group of each person, in node order.
    """
    size = network.number_of_nodes() if isinstance(network, nx.Graph) else network.shape[0]
    lab = _labels(labels, size)
    coo = sp.triu(_adjacency(network, size), k=1).tocoo()
    if coo.nnz == 0:
        return math.nan
    same = lab[coo.row] == lab[coo.col]
    internal = int(same.sum())
    external = int(coo.nnz - internal)
    return float((external - internal) / (external + internal))


def community_partition(
    network: Any, seed: int | None = None, resolution: float = 1.0
) -> np.ndarray:
    """Detect communities with the Louvain method and return one community label per node.

    Blondel, Guillaume, Lambiotte & Lefebvre (2008), *J. Stat. Mech.* P10008, via
    :func:`networkx.community.louvain_communities`. Labels are 0 for the largest community, 1 for
    the next, and so on.

    Args:
        network: Graph or adjacency matrix.
        seed: Random seed (Louvain visits nodes in random order).
        resolution: Resolution γ > 0 (larger = smaller communities).
    """
    if isinstance(network, nx.Graph):
        graph = nx.convert_node_labels_to_integers(network, ordering="default")
    else:
        size = network.shape[0]
        graph = nx.from_scipy_sparse_array(_adjacency(network, size))
    comms = nx.community.louvain_communities(graph, seed=seed, resolution=resolution)
    comms = sorted(comms, key=len, reverse=True)
    labels = np.empty(graph.number_of_nodes(), dtype=np.int64)
    for c, members in enumerate(comms):
        labels[list(members)] = c
    return labels


# ----------------------------------------------------------------------------- summaries
def opinion_metrics(
    x: Any,
    network: Any = None,
    *,
    gap: float = 0.01,
    min_share: float = 0.02,
    labels: Any = None,
) -> dict[str, float]:
    """Compute every measure at once (the network measures only when ``network`` is given).

    Args:
        x: Opinions.
        network: Graph or adjacency matrix, or None.
        gap: Cluster gap (:func:`opinion_clusters`), in opinion units.
        min_share: Smallest cluster share counted by :func:`count_clusters`.
        labels: Groups for modularity and the E–I index; default: the sign of ``x − median``
            (two camps).

    Returns:
        A dict with the keys of :data:`METRIC_DESCRIPTIONS_ID` that apply.
    """
    arr = _opinions(x)
    out: dict[str, float] = {
        "variance": opinion_variance(arr),
        "range": opinion_range(arr),
        "clusters": float(count_clusters(arr, gap, min_share)),
        "effective_clusters": effective_clusters(arr, gap),
        "bimodality": bimodality_coefficient(arr) if arr.size >= 4 else math.nan,
        "esteban_ray": esteban_ray_polarization(arr),
    }
    if network is not None:
        if labels is None:
            labels = arr > np.median(arr)
        out["neighbour_correlation"] = neighbour_opinion_correlation(arr, network)
        out["assortativity"] = opinion_assortativity(arr, network)
        out["modularity"] = group_modularity(network, labels)
        out["ei_index"] = ei_index(network, labels)
    return out


_fmt_id = format_id


def is_echo_chamber(values: dict[str, float], threshold: float = 0.5) -> bool:
    """Return True when the measures show echo chambers: >= 2 clusters and ρ > ``threshold``.

    The neighbour-opinion correlation alone is not enough: when (almost) everyone agrees, the
    tiny remaining differences can still correlate along ties, with no camps at all.

    Args:
        values: Output of :func:`opinion_metrics` computed with a network.
        threshold: Smallest neighbour-opinion correlation that counts as an echo chamber.
    """
    rho = values.get("neighbour_correlation", math.nan)
    return bool(values.get("clusters", 0) >= 2 and not math.isnan(rho) and rho > threshold)


def summarise_metrics_id(values: dict[str, float]) -> str:
    """Return a short Indonesian text reading the measures of :func:`opinion_metrics`.

    Args:
        values: Output of :func:`opinion_metrics`.
    """
    parts = []
    if "clusters" in values:
        k = int(values["clusters"])
        kubu = "satu kubu (konsensus)" if k == 1 else f"{k} kubu"
        parts.append(
            f"Opini terbagi menjadi {kubu}; jumlah efektif kelompok "
            f"{_fmt_id(values.get('effective_clusters', math.nan), 1)}."
        )
    if "variance" in values:
        parts.append(
            f"Ragam opini {_fmt_id(values['variance'], 3)}, rentang {_fmt_id(values['range'])}."
        )
    bc = values.get("bimodality", math.nan)
    if not math.isnan(bc):
        if values.get("clusters", 2) < 2:
            # with everyone in one cluster the shape of the tiny leftover spread means nothing
            parts.append(f"Koefisien bimodalitas {_fmt_id(bc)} (tidak bermakna: semua sepakat).")
        else:
            tanda = (
                "berpuncak dua atau lebih (terbelah)" if bc > 5 / 9 else "cenderung berpuncak satu"
            )
            parts.append(f"Koefisien bimodalitas {_fmt_id(bc)}: sebaran {tanda}.")
    if "esteban_ray" in values:
        parts.append(f"Polarisasi Esteban–Ray {_fmt_id(values['esteban_ray'])}.")
    rho = values.get("neighbour_correlation")
    if rho is not None and not math.isnan(rho):
        if values.get("clusters", 2) < 2:
            parts.append(
                f"Korelasi opini dengan tetangga {_fmt_id(rho)}, tetapi hampir semua orang sudah "
                "sepakat, jadi ini bukan ruang gema."
            )
        else:
            kesan = "kuat" if rho > 0.5 else ("sedang" if rho > 0.2 else "lemah")
            parts.append(
                f"Korelasi opini dengan tetangga {_fmt_id(rho)}: tanda ruang gema {kesan}."
            )
    q = values.get("modularity")
    if q is not None and not math.isnan(q):
        parts.append(f"Modularitas menurut kubu {_fmt_id(q)}.")
    return " ".join(parts)
