"""Module 6: a SYNTHETIC stakeholder network and coordinated vs uncoordinated hoax responses.

Two layers:

1. **Stakeholders** (:func:`stakeholder_network`): a small, *synthetic* (illustrative, not
   measured) coordination network of a regency — Kesbangpol, other OPD, FKDM, FKUB, police,
   Kemenag, local media, platforms, fact-checkers (Mafindo, the CekFakta newsroom collaboration),
   a university, ormas, religious and adat leaders. :func:`centrality_table` gives degree and
   betweenness centrality (Freeman 1977), Burt's (1992) effective size, the number of stakeholder
   pairs each one brokers (neighbours not tied to each other, split by sector), and how much of the
   network falls apart without it; :func:`critical_links` lists ties whose loss splits the network
   (bridges).
2. **Population** (:func:`population_network`): a community network (stochastic block model,
   :func:`simulations.core.networks.community_network`) of six communities. Each stakeholder monitors and
   reaches some of them (``reach``). A hoax starts in one community and spreads with
   :class:`~simulations.models.hoax.HoaxModel`.

The response rule (:class:`StakeholderResponse`, applied before every model step like the
interventions of :mod:`simulations.response.interventions`):

* A stakeholder *detects* the hoax when the share of believers in one of the communities it
  monitors reaches ``detect_share``.
* It is *alerted* when it detects, or ``hop_delay`` steps per link after a stakeholder it is
  connected to (through the coordination network) detected. ``hop_delay=None`` means no
  coordination (each acts on its own detection only); ``hop_delay=0`` is shared monitoring
  (everyone alerted at the first detection).
* ``lag`` steps after the alert it sends the counter-message through its channels: in each
  community it reaches, its ``messengers`` best-connected people become permanent fact-checkers
  (``fixed``). Coordinated and uncoordinated responses use the same messengers; only *when* and
  *whether* each stakeholder acts differs.

Everything here is a teaching model with synthetic data: it shows mechanisms (timing, coverage,
brokers), not forecasts for a real regency.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from simulations.core.errors import ParameterError, check_known
from simulations.core.formatting import fmt_id, pct_id
from simulations.core.networks import GROUP_ATTR, community_network
from simulations.core.params import check_fraction, check_integer
from simulations.models.hoax import HoaxModel, State
from simulations.response.stakeholders import default_actors, default_ties

__all__ = [
    "COMMUNITIES",
    "SECTORS",
    "STAKEHOLDERS",
    "StakeholderResponse",
    "centrality_table",
    "compare_responses",
    "critical_links",
    "population_network",
    "run_response",
    "stakeholder_network",
    "summarise_centrality",
    "summarise_comparison",
]

COMMUNITIES = (
    "Warga perkotaan",
    "Warga perdesaan",
    "Komunitas keagamaan",
    "Pemuda & pelajar daring",
    "Masyarakat adat",
    "ASN & pekerja formal",
)
"""The six synthetic communities of the population network (group index = position)."""

SECTORS = {
    "pemerintah": "Pemerintah daerah",
    "keamanan": "Keamanan",
    "forum": "Forum masyarakat (FKDM/FKUB)",
    "media": "Media & platform",
    "cek_fakta": "Pemeriksa fakta",
    "akademik": "Akademisi",
    "masyarakat": "Ormas & tokoh",
}
"""Sector codes → Indonesian labels."""

# (id, label, sector, communities reached). SYNTHETIC: chosen to illustrate, not measured. The same
# actors as the default map of Module 6 (:func:`simulations.response.stakeholders.default_actors`).
STAKEHOLDERS: tuple[tuple[str, str, str, tuple[int, ...]], ...] = tuple(
    (str(sid), str(label), str(sector), tuple(int(c) for c in str(reach).split(";")))
    for sid, label, sector, reach in default_actors().itertuples(index=False, name=None)
)

# Coordination ties (who regularly exchanges information with whom). SYNTHETIC, and the same as
# the default map of Module 6 (:func:`simulations.response.stakeholders.default_ties`): several
# brokers and redundant paths, so no single institution (Kesbangpol or any other) holds the map
# together by construction. Participants replace it with their own region's map
# (:func:`simulations.response.stakeholders.build_map`) and pass it as ``stakeholders=``.
_TIES: tuple[tuple[str, str], ...] = tuple(
    (str(a), str(b)) for a, b in default_ties().itertuples(index=False, name=None)
)


def stakeholder_network(
    extra_ties: Iterable[tuple[str, str]] = (), remove: Iterable[str] = ()
) -> nx.Graph:
    """Return the SYNTHETIC stakeholder coordination network (the default map of Module 6).

    Same actors and ties as :func:`simulations.response.stakeholders.build_map` with no arguments:
    several brokers (FKDM, Kesbangpol, Diskominfo …) and no articulation point, so the exercise
    does not teach that one institution is indispensable.

    Args:
        extra_ties: Additional ties ``(id, id)`` (e.g. a new MoU in an exercise).
        remove: Stakeholder ids to leave out (e.g. "what if the main broker is absent?").

    Returns:
        Undirected graph; nodes are ids with attributes ``label``, ``sector``, ``reach`` (tuple of
        community indices); ``graph.graph["synthetic"] = True``.

    Raises:
        ParameterError: for an unknown id.
    """
    g = nx.Graph(synthetic=True)
    for sid, label, sector, reach in STAKEHOLDERS:
        g.add_node(sid, label=label, sector=sector, reach=reach)
    for a, b in list(_TIES) + list(extra_ties):
        for x in (a, b):
            check_known(x, sorted(g), "stakeholder", "Pemangku kepentingan", field="extra_ties")
        g.add_edge(a, b)
    for x in remove:
        check_known(x, sorted(g), "stakeholder", "Pemangku kepentingan", field="remove")
        g.remove_node(x)
    return g


def _connected_pairs(g: nx.Graph) -> int:
    return sum(len(c) * (len(c) - 1) // 2 for c in nx.connected_components(g))


def centrality_table(g: nx.Graph) -> pd.DataFrame:
    """Return centrality and brokerage per stakeholder, sorted by betweenness.

    Columns: ``label``, ``sektor``, ``derajat`` (number of ties), ``keantaraan`` (betweenness,
    normalised to [0, 1]), ``ukuran_efektif`` (Burt's effective size: ties that are not redundant),
    ``pasangan_dihubungkan`` (pairs of its contacts that are not tied to each other — the pairs it
    can broker), ``lintas_sektor`` (of those, pairs from different sectors), ``putus_jika_absen``
    (share of the other stakeholders' pairs that lose every connection when it is absent).
    """
    bet = nx.betweenness_centrality(g, normalized=True)
    eff = nx.effective_size(g)
    base_pairs = _connected_pairs(g)
    rows = []
    for v, data in g.nodes(data=True):
        nbrs = list(g.neighbors(v))
        open_pairs = cross = 0
        for i, a in enumerate(nbrs):
            for b in nbrs[i + 1 :]:
                if not g.has_edge(a, b):
                    open_pairs += 1
                    cross += g.nodes[a]["sector"] != g.nodes[b]["sector"]
        h = g.copy()
        h.remove_node(v)
        pairs_without_v = base_pairs - (len(nx.node_connected_component(g, v)) - 1)
        lost = 1 - _connected_pairs(h) / pairs_without_v if pairs_without_v else 0.0
        rows.append(
            {
                "id": v,
                "label": data["label"],
                "sektor": SECTORS[data["sector"]],
                "derajat": g.degree(v),
                "keantaraan": bet[v],
                "ukuran_efektif": eff[v],
                "pasangan_dihubungkan": open_pairs,
                "lintas_sektor": cross,
                "putus_jika_absen": lost,
            }
        )
    df = pd.DataFrame(rows).set_index("id")
    return df.sort_values(["keantaraan", "derajat"], ascending=False)


def critical_links(g: nx.Graph) -> list[tuple[str, str]]:
    """Return the ties whose loss splits the network (bridges), as label pairs."""
    return sorted((g.nodes[a]["label"], g.nodes[b]["label"]) for a, b in nx.bridges(g))


def population_network(
    n: int = 1200, *, mean_degree: float = 8.0, homophily: float = 0.95, seed: int | None = 0
) -> nx.Graph:
    """Return the SYNTHETIC population: six communities (:data:`COMMUNITIES`) of equal size."""
    return community_network(
        n=n, k=len(COMMUNITIES), mean_degree=mean_degree, homophily=homophily, seed=seed
    )


@dataclass
class StakeholderResponse:
    """Stakeholders detect the hoax in the communities they monitor and answer through their channels.

    Use with :func:`run_response`; ``apply(model, step)`` is called before every model step (the
    same protocol as :mod:`simulations.response.interventions`).

    Args:
        stakeholders: The coordination network (:func:`stakeholder_network`).
        hop_delay: Steps for an alert to travel one coordination tie; None = no coordination
            (each acts on its own detection), 0 = shared monitoring (all alerted at once).
        detect_share: Share of believers in a monitored community that triggers detection, (0, 1].
        lag: Steps from alert to counter-message, >= 0.
        messengers: People per reached community who carry the message (best-connected first).

    Attributes:
        detected_at, acted_at: ``{stakeholder id: step}`` for those that detected / acted.
    """

    stakeholders: nx.Graph
    hop_delay: int | None = 0
    detect_share: float = 0.05
    lag: int = 2
    messengers: int = 3
    detected_at: dict[str, int] = field(default_factory=dict)
    acted_at: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not isinstance(self.stakeholders, nx.Graph):
            raise ParameterError(
                f"stakeholders={self.stakeholders!r} must be a networkx graph "
                "(see stakeholder_network())",
                "stakeholders harus jaringan pemangku kepentingan (stakeholder_network()).",
                field="stakeholders",
            )
        share = check_fraction(self.detect_share, "detect_share", "Ambang deteksi")
        if share == 0:
            raise ParameterError(
                "detect_share=0 must be in (0, 1]",
                "Ambang deteksi (detect_share) harus lebih dari 0 dan paling besar 1.",
                field="detect_share",
            )
        self.detect_share = share
        self.lag = check_integer(self.lag, "lag", "Jeda respons")
        self.messengers = check_integer(self.messengers, "messengers", "Jumlah penyampai pesan")
        if self.hop_delay is not None:
            self.hop_delay = check_integer(self.hop_delay, "hop_delay", "Jeda per tautan")
        self._dist = dict(nx.all_pairs_shortest_path_length(self.stakeholders))
        self._alerted: dict[str, int] = {}
        self._messengers: dict[str, np.ndarray] = {}

    def _prepare(self, model: HoaxModel) -> None:
        groups = np.array([model.graph.nodes[v].get(GROUP_ATTR, 0) for v in model.nodes])
        degree = np.asarray(model.adjacency.sum(axis=1)).ravel()
        self._groups = groups
        self._members = {g: np.flatnonzero(groups == g) for g in np.unique(groups)}
        for sid, data in self.stakeholders.nodes(data=True):
            picks = []
            for c in data["reach"]:
                members = self._members.get(c, np.empty(0, dtype=np.int64))
                order = members[np.argsort(-degree[members], kind="stable")]
                picks.append(order[: self.messengers])
            self._messengers[sid] = np.concatenate(picks) if picks else np.empty(0, dtype=np.int64)

    def apply(self, model: HoaxModel, step: int) -> None:
        """Detect, propagate alerts, and act (called before ``model.step()``; ``step`` = steps done)."""
        if step == 0 or not hasattr(self, "_groups"):
            self._prepare(model)
        believer = model.state == State.BELIEVER
        share = {g: believer[m].mean() if len(m) else 0.0 for g, m in self._members.items()}
        for sid, data in self.stakeholders.nodes(data=True):
            if sid not in self.detected_at and any(
                share.get(c, 0.0) >= self.detect_share for c in data["reach"]
            ):
                self.detected_at[sid] = step
        for sid in self.stakeholders.nodes:
            if sid in self._alerted:
                continue
            times = [self.detected_at[sid]] if sid in self.detected_at else []
            if self.hop_delay is not None:
                times += [
                    t + self.hop_delay * self._dist[d][sid]
                    for d, t in self.detected_at.items()
                    if sid in self._dist[d]
                ]
            if times and min(times) <= step:
                self._alerted[sid] = min(times)
        for sid, t in self._alerted.items():
            if sid not in self.acted_at and step >= t + self.lag:
                idx = self._messengers[sid]
                model.state[idx] = State.FACT_CHECKER
                model.fixed[idx] = True
                model.active[idx] = True
                self.acted_at[sid] = step
        model.counts = np.bincount(model.state, minlength=3)


MODEL_DEFAULTS = {"alpha": 0.4, "beta": 0.3, "p_verify": 0.05, "p_forget": 0.1}
"""Hoax parameters of the Module 6 experiment (see :class:`~simulations.models.hoax.HoaxModel`)."""

SCENARIOS_ID = {
    "none": "Tanpa respons",
    "uncoordinated": "Tidak terkoordinasi",
    "coordinated": "Terkoordinasi (pemantauan bersama, satu pesan)",
}


def run_response(
    scenario: str = "coordinated",
    *,
    seed: int = 0,
    graph: nx.Graph | None = None,
    stakeholders: nx.Graph | None = None,
    steps: int = 60,
    origin: int = 3,
    initial_believers: int = 3,
    hop_delay: int = 0,
    detect_share: float = 0.05,
    lag: int = 2,
    messengers: int = 10,
    **model_kwargs: Any,
) -> tuple[pd.DataFrame, dict[str, Any]]:
    """Run one scenario for one seed.

    Args:
        scenario: ``"none"``, ``"uncoordinated"`` (hop_delay None) or ``"coordinated"``.
        seed: Model seed. The initial believers depend only on ``seed`` and ``origin``, so every
            scenario with the same seed starts from the same people (common random numbers).
        graph: Population network; :func:`population_network` (seed 0) when None.
        stakeholders: Coordination network; :func:`stakeholder_network` when None.
        steps: Steps to run.
        origin: Community where the hoax starts (index into :data:`COMMUNITIES`).
        initial_believers: Number of initial believers, all in ``origin``.
        hop_delay: Steps per coordination tie in the coordinated scenario.
        detect_share, lag, messengers: See :class:`StakeholderResponse`.
        **model_kwargs: Hoax parameters (beta, alpha, p_verify, p_forget); defaults
            :data:`MODEL_DEFAULTS` (a hoax that persists without response: p_verify below the
            eradication threshold 2·0.4·0.1/0.6 ≈ 0.13).

    Returns:
        ``(curve, outcome)``: the model's results per step with a ``per-community`` believer share
        added, and a dict with ``peak_believers``, ``ever_believed``, ``first_action``,
        ``stakeholders_acted``, ``ever_by_community`` (list).
    """
    check_known(scenario, SCENARIOS_ID, "scenario", "Skenario")
    seed = check_integer(seed, "seed", "Seed")
    steps = check_integer(steps, "steps", "Jumlah langkah")
    origin = check_integer(origin, "origin", "Komunitas asal")
    initial_believers = check_integer(
        initial_believers, "initial_believers", "Jumlah penganut awal"
    )
    graph = graph if graph is not None else population_network()
    stakeholders = stakeholders if stakeholders is not None else stakeholder_network()
    groups = np.array([graph.nodes[v].get(GROUP_ATTR, 0) for v in graph.nodes])
    pool = [v for v, g in zip(graph.nodes, groups, strict=True) if g == origin]
    if not pool:
        raise ParameterError(
            f"origin community {origin} has no members",
            f"Komunitas asal {origin} tidak punya anggota.",
            field="origin",
        )
    start_rng = np.random.default_rng([seed, 7])
    start = list(
        start_rng.choice(
            np.array(pool, dtype=object), size=min(initial_believers, len(pool)), replace=False
        )
    )
    model = HoaxModel(graph, believer_nodes=start, seed=seed, **{**MODEL_DEFAULTS, **model_kwargs})
    response = None
    if scenario != "none":
        response = StakeholderResponse(
            stakeholders,
            hop_delay=None if scenario == "uncoordinated" else hop_delay,
            detect_share=detect_share,
            lag=lag,
            messengers=messengers,
        )
    model_groups = np.array([graph.nodes[v].get(GROUP_ATTR, 0) for v in model.nodes])
    k = int(model_groups.max()) + 1
    per_comm = [np.bincount(model_groups, weights=model.state == State.BELIEVER, minlength=k)]
    for t in range(steps):
        if response is not None:
            response.apply(model, t)
        model.step()
        per_comm.append(
            np.bincount(model_groups, weights=model.state == State.BELIEVER, minlength=k)
        )
    df = model.results()
    sizes = np.bincount(model_groups, minlength=k)
    comm = np.asarray(per_comm) / sizes
    for g in range(k):
        df[f"share_believer_c{g}"] = comm[:, g]
    ever = np.bincount(model_groups, weights=model.ever_believed, minlength=k) / sizes
    acted = response.acted_at if response else {}
    outcome = {
        "peak_believers": float(df["share_believer"].max()),
        "ever_believed": float(model.ever_believed.mean()),
        "first_action": float(min(acted.values())) if acted else float("nan"),
        "stakeholders_acted": len(acted),
        "ever_by_community": ever.tolist(),
    }
    return df, outcome


def compare_responses(
    seeds: int | Iterable[int] = 10,
    *,
    root_seed: int = 0,
    scenarios: Sequence[str] = ("none", "uncoordinated", "coordinated"),
    graph: nx.Graph | None = None,
    stakeholders: nx.Graph | None = None,
    labels: dict[str, str] | None = None,
    **kwargs: Any,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Run every scenario on the same replicate seeds.

    Runs through :func:`simulations.analysis.experiments.compare`: replicate ``r`` uses the seed
    ``run_seed(root_seed, r)`` in every scenario (common random numbers).

    Args:
        seeds: Number of replicates (or a list of replicate indices).
        root_seed: Root seed of the replicates' seeds.
        scenarios: Scenario keys (see :func:`run_response`).
        graph, stakeholders: Shared networks (built once when None).
        labels: Optional display names per scenario key.
        **kwargs: Passed to :func:`run_response`.

    Returns:
        ``(runs, curves)``: one row per (scenario, replicate) with ``scenario`` (display name),
        ``replicate``, ``seed`` and the outcomes (``peak_believers``, ``ever_believed``,
        ``first_action``, ``stakeholders_acted``, ``ever_c0`` …); and one row per (scenario,
        replicate, step) with ``share_believer``.
    """
    from simulations.analysis.experiments import compare

    if isinstance(scenarios, str) or not all(sc in SCENARIOS_ID for sc in scenarios):
        raise ParameterError(
            f"scenarios={scenarios!r} must be a list of {list(SCENARIOS_ID)}",
            f"Skenario {scenarios!r} tidak dikenal; pilih dari {', '.join(SCENARIOS_ID)}.",
            field="scenarios",
        )
    graph = graph if graph is not None else population_network()
    stakeholders = stakeholders if stakeholders is not None else stakeholder_network()
    labels = {**SCENARIOS_ID, **(labels or {})}

    def run(sc: str, seed: int) -> tuple[dict[str, float], pd.DataFrame]:
        df, out = run_response(sc, seed=seed, graph=graph, stakeholders=stakeholders, **kwargs)
        ever = out.pop("ever_by_community")
        return {**out, **{f"ever_c{g}": v for g, v in enumerate(ever)}}, df[
            ["step", "share_believer"]
        ]

    res = compare({labels[sc]: sc for sc in scenarios}, run, seeds=seeds, root_seed=root_seed)
    return res.runs, res.curves


def summarise_comparison(runs: pd.DataFrame) -> str:
    """Return an Indonesian summary: mean [min–max] peak and ever-believed share per scenario."""
    lines = []
    for sc, r in runs.groupby("scenario", sort=False):
        pk, ev = r["peak_believers"], r["ever_believed"]
        act = r["first_action"].dropna()
        when = (
            f"; respons pertama rata-rata langkah {fmt_id(float(act.mean()), 1)}"
            if len(act)
            else "; tidak ada respons"
        )
        lines.append(
            f"{sc}: puncak percaya hoaks rata-rata {pct_id(pk.mean())} "
            f"(rentang {pct_id(pk.min())}–{pct_id(pk.max())}), "
            f"pernah percaya {pct_id(ev.mean())}{when}; pihak yang bertindak rata-rata "
            f"{fmt_id(float(r['stakeholders_acted'].mean()), 1)} ({len(r)} seed)."
        )
    return "\n".join(lines)


def summarise_centrality(table: pd.DataFrame, top: int = 3) -> str:
    """Return an Indonesian summary of who brokers most and whose absence breaks the network."""
    t = table.head(top)
    brokers = ", ".join(
        f"{r.label} (keantaraan {fmt_id(r.keantaraan, 2)}, menghubungkan {r.pasangan_dihubungkan} pasangan)"
        for r in t.itertuples()
    )
    crit = table[table["putus_jika_absen"] > 0].sort_values("putus_jika_absen", ascending=False)
    if len(crit):
        breaks = "; ".join(
            f"tanpa {r.label}, {pct_id(r.putus_jika_absen, 0)} pasangan pihak lain kehilangan jalur"
            for r in crit.itertuples()
        )
    else:
        breaks = "tidak ada satu pihak pun yang ketidakhadirannya memutus jaringan"
    return f"Penghubung utama: {brokers}. Titik putus: {breaks}."
