"""Composable interventions against a hoax, and a runner that compares them on the same seeds.

Each intervention is a small dataclass with a ``start`` step (timing matters) and a cost in budget
units. It acts on the hoax model only through the model's per-person arrays
(:class:`~simulations.models.hoax.HoaxModel`: ``alpha``, ``beta``, ``p_verify``, ``p_forget``, ``active``,
``fixed``, ``state``), so it works with both engines and never changes the model's code. Its
parameters are declared once with their check (``k: int = checked(20, check_integer, "Jumlah akun")``,
:func:`~simulations.core.params.checked`); bad values raise ``ParameterError`` when it is built.

How an intervention is applied: :func:`run_with_interventions` calls ``intervention.apply(model,
t)`` for every intervention before each ``model.step()``, with ``t`` = the number of steps done so
far. Every intervention here acts once, at ``t == start``; its change then persists.

Interventions (with the literature they stand for):

* :class:`FactCheckCapacity` — more verification capacity: raise ``p_verify`` (Tambuscio et al.
  2015: the eradication threshold ``p_verify >= 2·α·p_forget/(1−α)``).
* :class:`FactCheckers` — permanent fact-checkers (``fixed=True``, state = fact-checker) placed at
  random, at the highest-degree people, or on the frontier between communities (Tambuscio & Ruffo
  2019, "Fact-checking strategies to limit urban legends spreading in a segregated society",
  *Appl. Netw. Sci.* 4:116, doi:10.1007/s41109-019-0233-1).
* :class:`Prebunking` — a digital-literacy / inoculation campaign: lower the credibility α for a
  covered share, chosen at random or by group (Roozenbeek & van der Linden; Roozenbeek et al. 2022,
  *Sci. Adv.* 8:eabo6254).
* :class:`Moderation` — silence or remove the top accounts by degree or betweenness, or the same
  number at random (targeted immunisation, Pastor-Satorras & Vespignani 2002, *Phys. Rev. E*
  65:036104).
* :class:`CommunityLeaders` — counter-narratives by community leaders (tokoh masyarakat/agama):
  stubborn moderate agents; in the hoax model, permanent fact-checkers at the best-connected people
  of every community.
* :class:`ModerateVoices` — the same idea for the opinion models of :mod:`simulations.models.opinion`:
  stubborn people holding a moderate opinion (Friedkin & Johnsen 1990).
* :class:`AccuracyNudge` — accuracy prompts lower the sharing probability β by a factor
  (Pennycook et al. 2021, *Nature* 592:590–595).

Costs are *illustrative budget units* (``unit_cost`` × size), for teaching trade-offs, not prices.

Example:
    >>> from simulations.response.interventions import Moderation, compare_interventions
    >>> from simulations.core.networks import scale_free
    >>> cmp = compare_interventions(
    ...     {"Tanpa intervensi": [], "Moderasi 20 hub": [Moderation(k=20)]},
    ...     graph=scale_free(300, seed=1), seeds=3, steps=30)
    >>> sorted(cmp.summary["metric"].unique())
    ['cost', 'ever_reached', 'peak_believers', 'time_to_peak']
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

import networkx as nx
import numpy as np
import pandas as pd

from simulations.analysis.experiments import (
    ComparisonResult,
    check_level,
    check_replicates,
    compare,
)
from simulations.core.errors import ParameterError
from simulations.core.formatting import fmt_id, general_id, pct_id
from simulations.core.limits import check_work
from simulations.core.networks import GROUP_ATTR, check_graph
from simulations.core.params import (
    check_choice,
    check_fields,
    check_flag,
    check_fraction,
    check_integer,
    check_list,
    check_nonnegative,
    check_seed,
    check_size,
    checked,
)
from simulations.models.hoax import HoaxModel, State

__all__ = [
    "PLACEMENTS",
    "AccuracyNudge",
    "CommunityLeaders",
    "Comparison",
    "FactCheckCapacity",
    "FactCheckers",
    "Intervention",
    "METRIC_LABELS_ID",
    "ModerateVoices",
    "Moderation",
    "Prebunking",
    "camp_opinions",
    "compare_interventions",
    "compare_opinion_interventions",
    "run_with_interventions",
    "segregation_experiment",
    "select_nodes",
    "summarise_comparison",
    "summarise_opinion_outcomes",
]

MODERATION_MODES = ("silence", "remove")
"""How :class:`Moderation` acts on an account: silence it, or remove it from the network."""

PLACEMENTS = ("random", "degree", "betweenness", "frontier", "leaders")
"""Ways to choose people: at random, by degree, by betweenness, on the frontier between
communities (most ties to other groups), or the top-degree people of every community."""

PLACEMENT_LABELS_ID = {
    "random": "acak",
    "degree": "paling banyak koneksi",
    "betweenness": "paling sering jadi jembatan (betweenness)",
    "frontier": "di perbatasan antarkelompok",
    "leaders": "tokoh tiap kelompok",
}

METRIC_LABELS_ID = {
    "peak_believers": "Puncak percaya hoaks (porsi penduduk)",
    "time_to_peak": "Waktu menuju puncak (langkah)",
    "ever_reached": "Pernah percaya (porsi penduduk)",
    "cost": "Biaya (unit anggaran)",
}
"""Indonesian names of the comparison metrics."""


# ---------------------------------------------------------------------------------- validation
def _check_group(value: Any) -> int | None:
    """None (everyone) or a community index, a whole number >= 0."""
    if value is None:
        return None
    return check_integer(value, "group", "Kelompok sasaran")


# ---------------------------------------------------------------------------------- placement
_CACHE: weakref.WeakKeyDictionary[nx.Graph, dict[str, np.ndarray]] = weakref.WeakKeyDictionary()


def _cached(graph: nx.Graph, key: str, compute: Any) -> np.ndarray:
    store = _CACHE.setdefault(graph, {})
    if key not in store:
        store[key] = compute()
    return store[key]


def _degree(model: Any) -> np.ndarray:
    adj = model.adjacency
    if adj is None:  # complete mixing: everyone knows everyone
        return np.full(model.num_people, model.num_people - 1, dtype=np.int64)
    return np.diff(adj.indptr).astype(np.int64)


def _betweenness(model: HoaxModel) -> np.ndarray:
    """Betweenness centrality in node order; sampled (Brandes 2008) above 500 people, seeded."""

    def compute() -> np.ndarray:
        n = model.num_people
        k = None if n <= 500 else 256
        bc = nx.betweenness_centrality(model.graph, k=k, seed=0)
        return np.array([bc[v] for v in model.nodes], dtype=np.float64)

    return _cached(model.graph, "betweenness", compute)


def _groups(model: HoaxModel) -> np.ndarray:
    """Community of every person: the ``group`` node attribute, else Louvain communities (seeded).

    A model without a networkx graph (e.g. a layer of the tabletop district, which steps on its
    CSR adjacency only) may carry its communities itself as ``model.groups``, one whole number
    per person; it is used as it is.
    """
    given = getattr(model, "groups", None)
    if given is not None:
        return np.asarray(given, dtype=np.int64)

    def compute() -> np.ndarray:
        attrs = nx.get_node_attributes(model.graph, GROUP_ATTR)
        if len(attrs) == model.num_people:
            return np.array([int(attrs[v]) for v in model.nodes], dtype=np.int64)
        comms = nx.community.louvain_communities(model.graph, seed=0)
        comms = sorted(comms, key=lambda c: (-len(c), min(map(str, c))))
        label = {v: g for g, c in enumerate(comms) for v in c}
        return np.array([label[v] for v in model.nodes], dtype=np.int64)

    return _cached(model.graph, "groups", compute)


def _cross_ties(model: HoaxModel) -> np.ndarray:
    """Number of ties each person has to people of other groups."""
    groups = _groups(model)
    adj = model.adjacency.tocoo()
    cross = groups[adj.row] != groups[adj.col]
    return np.bincount(adj.row[cross], minlength=model.num_people).astype(np.int64)


def _top(score: np.ndarray, k: int, eligible: np.ndarray | None = None) -> np.ndarray:
    """Indices of the ``k`` highest scores; ties go to the lower index (deterministic)."""
    idx = np.arange(len(score)) if eligible is None else np.flatnonzero(eligible)
    order = np.lexsort((idx, -score[idx]))
    return idx[order[:k]]


def select_nodes(
    model: HoaxModel,
    k: int,
    placement: str = "degree",
    rng: np.random.Generator | None = None,
    *,
    group: int | None = None,
) -> np.ndarray:
    """Choose ``k`` people (array indices) by a placement strategy.

    Args:
        model: The hoax model (its graph and CSR adjacency are used).
        k: Number of people, ``0 <= k``; capped at the number of eligible people.
        placement: One of :data:`PLACEMENTS`. ``"leaders"`` takes the top-degree people of every
            community in turn (round-robin over communities, largest first).
        rng: Generator for ``"random"`` (and to break nothing else: all other strategies are
            deterministic, ties to the lower index).
        group: If given, choose only inside this community.

    Returns:
        Sorted-by-priority ``int64`` array of at most ``k`` distinct indices.
    """
    k = check_integer(k, "k", "Jumlah orang")
    check_choice(placement, "placement", "Cara memilih", PLACEMENTS)
    eligible = None
    group = _check_group(group)
    if group is not None:
        eligible = _groups(model) == group
        if not eligible.any():
            raise ParameterError(
                f"group={group!r} has no members",
                f"Kelompok {group!r} tidak punya anggota di jaringan ini.",
                field="group",
            )
    size = model.num_people if eligible is None else int(eligible.sum())
    k = min(k, size)
    if placement == "random":
        rng = rng if rng is not None else np.random.default_rng(0)
        pool = np.arange(model.num_people) if eligible is None else np.flatnonzero(eligible)
        return rng.choice(pool, size=k, replace=False).astype(np.int64)
    if placement == "degree":
        return _top(_degree(model), k, eligible)
    if placement == "betweenness":
        return _top(_betweenness(model), k, eligible)
    if placement == "frontier":
        # most ties across groups first; degree breaks ties between equally bridging people
        score = _cross_ties(model) * (model.num_people + 1.0) + _degree(model)
        return _top(score, k, eligible)
    # leaders: round-robin over communities, best-connected first inside each
    groups = _groups(model)
    degree = _degree(model)
    ranked = []
    for g in np.unique(groups if eligible is None else groups[eligible]):
        ranked.append(list(_top(degree, int((groups == g).sum()), groups == g)))
    ranked.sort(key=lambda r: -len(r))
    chosen: list[int] = []
    depth = 0
    while len(chosen) < k:
        for r in ranked:
            if depth < len(r) and len(chosen) < k:
                chosen.append(r[depth])
        depth += 1
    return np.asarray(chosen, dtype=np.int64)


def _rng_for(model: HoaxModel, salt: int) -> np.random.Generator:
    """A generator for an intervention's own draws, separate from ``model.rng``.

    Keeping placement draws off the model's stream means a scenario and the baseline with the same
    seed share the same initial believers and the same per-step random numbers (common random
    numbers), so differences come from the intervention, not from luck.
    """
    # HoaxModel keeps its seed public; other Mesa models only in Mesa's ``_seed``.
    seed = getattr(model, "seed", None)
    if seed is None:
        seed = getattr(model, "_seed", None)
    if not isinstance(seed, int | np.integer):
        seed = abs(hash(seed)) % (2**32)
    return np.random.default_rng([int(seed) % (2**63), salt])


# ---------------------------------------------------------------------------------- interventions
@dataclass
class Intervention:
    """Base class: a change to the model's arrays made once, at step ``start``.

    Args:
        start: Step at which the intervention acts (0 = before the first step), >= 0.
        unit_cost: Budget units per unit of size (see each subclass), >= 0.
    """

    start: int = 0
    unit_cost: float = 1.0

    label_id: ClassVar[str] = "Intervensi"
    salt: ClassVar[int] = 0

    def __post_init__(self) -> None:
        self.start = check_integer(self.start, "start", "Langkah mulai")
        self.unit_cost = check_nonnegative(self.unit_cost, "unit_cost", "Biaya per unit")
        check_fields(self)  # the subclass's parameters, each declared with its check

    def apply(self, model: HoaxModel, step: int) -> None:
        """Act on ``model`` if ``step == start`` (called before every ``model.step()``)."""
        if step == self.start:
            self._act(model)

    def _act(self, model: HoaxModel) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def size(self, model: HoaxModel) -> float:
        """Size of the intervention in its cost unit (people, percentage points, …)."""
        return 0.0

    def cost(self, model: HoaxModel) -> float:
        """Cost in budget units: ``unit_cost × size(model)``."""
        return self.unit_cost * self.size(model)

    def describe(self) -> str:
        """One Indonesian line describing the intervention."""
        return f"{self.label_id} (mulai langkah {self.start})"


def _set_fact_checkers(model: HoaxModel, idx: np.ndarray) -> None:
    model.state[idx] = State.FACT_CHECKER
    model.fixed[idx] = True
    model.active[idx] = True
    model.counts = np.bincount(model.state, minlength=3)


@dataclass
class FactCheckCapacity(Intervention):
    """Raise everyone's verification probability ``p_verify`` by ``boost``.

    ``p_verify`` is capped at ``1 − p_forget`` so the model's rule stays a probability.

    Args:
        start: Step at which capacity is added.
        boost: Added probability per step, [0, 1].
        unit_cost: Budget units per person per percentage point of ``boost`` / 100
            (default 0.01: +0.05 for 2,000 people costs 100).
    """

    boost: float = checked(0.05, check_fraction, "Tambahan peluang verifikasi")
    unit_cost: float = 0.01
    label_id: ClassVar[str] = "Tambah kapasitas cek fakta"

    def _act(self, model: HoaxModel) -> None:
        model.p_verify[:] = np.minimum(model.p_verify + self.boost, 1.0 - model.p_forget)

    def size(self, model: HoaxModel) -> float:
        return model.num_people * self.boost * 100

    def describe(self) -> str:
        return f"p_verify +{general_id(self.boost)} untuk semua (mulai langkah {self.start})"


@dataclass
class FactCheckers(Intervention):
    """Place ``k`` permanent fact-checkers (state fact-checker, ``fixed=True``).

    Args:
        start: Step at which they start.
        k: Number of fact-checkers.
        placement: ``"random"``, ``"degree"``, ``"betweenness"``, ``"frontier"`` (between
            communities, Tambuscio & Ruffo 2019) or ``"leaders"``.
        unit_cost: Budget units per fact-checker (default 1).
    """

    k: int = checked(20, check_integer, "Jumlah pemeriksa fakta")
    placement: str = checked("degree", check_choice, "Penempatan", PLACEMENTS)
    label_id: ClassVar[str] = "Pemeriksa fakta tetap"
    salt: ClassVar[int] = 11

    def _act(self, model: HoaxModel) -> None:
        idx = select_nodes(model, self.k, self.placement, _rng_for(model, self.salt))
        _set_fact_checkers(model, idx)

    def size(self, model: HoaxModel) -> float:
        return float(min(self.k, model.num_people))

    def describe(self) -> str:
        where = PLACEMENT_LABELS_ID[self.placement]
        return f"{self.k} pemeriksa fakta tetap, {where} (mulai langkah {self.start})"


@dataclass
class Prebunking(Intervention):
    """Prebunking / digital-literacy campaign: lower α by ``efficacy`` for a covered share.

    Covered people get ``α ← α·(1 − efficacy)``: inoculated people find the hoax less credible.

    Args:
        start: Step at which the campaign has reached people (prebunking works *before* the hoax:
            start = 0).
        coverage: Share of people reached, [0, 1].
        efficacy: Relative drop of α for a covered person, [0, 1].
        group: If given, cover only this community (target a group); else at random.
        unit_cost: Budget units per covered person (default 0.05).
    """

    coverage: float = checked(0.3, check_fraction, "Cakupan kampanye")
    efficacy: float = checked(0.5, check_fraction, "Efektivitas prebunking")
    group: int | None = checked(None, check_integer, "Kelompok sasaran", optional=True)
    unit_cost: float = 0.05
    label_id: ClassVar[str] = "Prebunking / literasi digital"
    salt: ClassVar[int] = 23

    def _pool(self, model: HoaxModel) -> np.ndarray:
        """Everyone, or the members of ``group`` (an error if the network has no such group)."""
        if self.group is None:
            return np.arange(model.num_people)
        pool = np.flatnonzero(_groups(model) == self.group)
        if not len(pool):
            groups = sorted(int(g) for g in np.unique(_groups(model)))
            raise ParameterError(
                f"group={self.group!r} has no members; this network's groups are {groups}",
                f"Kelompok {self.group!r} tidak punya anggota di jaringan ini; kelompok yang ada: "
                f"{', '.join(map(str, groups))}.",
                field="group",
            )
        return pool

    def _covered(self, model: HoaxModel) -> np.ndarray:
        rng = _rng_for(model, self.salt)
        pool = self._pool(model)
        count = int(round(self.coverage * len(pool)))
        return rng.choice(pool, size=count, replace=False)

    def _act(self, model: HoaxModel) -> None:
        idx = self._covered(model)
        model.alpha[idx] = model.alpha[idx] * (1.0 - self.efficacy)

    def size(self, model: HoaxModel) -> float:
        return float(round(self.coverage * len(self._pool(model))))

    def describe(self) -> str:
        who = "acak" if self.group is None else f"kelompok {self.group}"
        return (
            f"Prebunking {pct_id(self.coverage, 0)} penduduk ({who}), α turun {pct_id(self.efficacy, 0)} "
            f"(mulai langkah {self.start})"
        )


@dataclass
class Moderation(Intervention):
    """Moderate super-spreaders: silence or remove ``k`` accounts chosen by ``target``.

    ``mode="silence"``: ``active=False`` — their state no longer reaches anyone.
    ``mode="remove"``: silenced and frozen as susceptible (``fixed=True``): the account is gone.

    Args:
        start: Step at which moderation acts (a reactive takedown comes *after* the hoax starts).
        k: Number of accounts.
        target: ``"degree"``, ``"betweenness"`` or ``"random"`` (the control: same number at random).
        mode: ``"silence"`` or ``"remove"``.
        unit_cost: Budget units per account (default 0.5).
    """

    k: int = checked(20, check_integer, "Jumlah akun")
    target: str = checked("degree", check_choice, "Sasaran", ("degree", "betweenness", "random"))
    mode: str = checked("remove", check_choice, "Cara pemutusan akses", MODERATION_MODES)
    unit_cost: float = 0.5
    label_id: ClassVar[str] = "Pemutusan akses akun penyebar utama"
    salt: ClassVar[int] = 37

    def _act(self, model: HoaxModel) -> None:
        idx = select_nodes(model, self.k, self.target, _rng_for(model, self.salt))
        model.active[idx] = False
        if self.mode == "remove":
            model.state[idx] = State.SUSCEPTIBLE
            model.fixed[idx] = True
            model.counts = np.bincount(model.state, minlength=3)

    def size(self, model: HoaxModel) -> float:
        return float(min(self.k, model.num_people))

    def describe(self) -> str:
        how = "dibisukan" if self.mode == "silence" else "dihapus"
        return (
            f"{self.k} akun {how}, {PLACEMENT_LABELS_ID[self.target]} (mulai langkah {self.start})"
        )


@dataclass
class CommunityLeaders(Intervention):
    """Counter-narratives by community leaders: stubborn moderate voices in every community.

    In the hoax model a leader is a permanent fact-checker; leaders are the ``per_group``
    best-connected people of each community (the ``group`` attribute, else Louvain communities).

    Args:
        start: Step at which leaders speak up.
        per_group: Leaders per community.
        unit_cost: Budget units per leader (default 0.5: leaders volunteer, training costs).
    """

    per_group: int = checked(2, check_integer, "Tokoh per kelompok")
    unit_cost: float = 0.5
    label_id: ClassVar[str] = "Kontra-narasi tokoh masyarakat"

    def _leaders(self, model: HoaxModel) -> np.ndarray:
        groups = _groups(model)
        idx = [
            select_nodes(model, self.per_group, "degree", group=int(g)) for g in np.unique(groups)
        ]
        return np.concatenate(idx) if idx else np.empty(0, dtype=np.int64)

    def _act(self, model: HoaxModel) -> None:
        _set_fact_checkers(model, self._leaders(model))

    def size(self, model: HoaxModel) -> float:
        return float(len(self._leaders(model)))

    def describe(self) -> str:
        return f"{self.per_group} tokoh per kelompok menyuarakan klarifikasi (mulai langkah {self.start})"


@dataclass
class ModerateVoices(Intervention):
    """Stubborn moderate voices for the opinion models (and fact-checkers for the hoax model).

    On an opinion model (:mod:`simulations.models.opinion`: Deffuant, Hegselmann–Krause,
    Friedkin–Johnsen, …) the chosen people take the moderate ``opinion`` and keep it
    (``fixed=True``; in Friedkin–Johnsen also susceptibility 0 and prejudice = ``opinion``), so
    they pull their partners towards the middle (Friedkin & Johnsen 1990). On the hoax model they
    become permanent fact-checkers.

    Args:
        start: Step at which they speak up.
        k: Number of moderate voices.
        placement: One of :data:`PLACEMENTS` (``"leaders"`` = best-connected in every community).
        opinion: The opinion they hold, in [0, 1] (0.5 = the middle).
        unit_cost: Budget units per voice (default 0.5).
    """

    k: int = checked(10, check_integer, "Jumlah suara moderat")
    placement: str = checked("leaders", check_choice, "Penempatan", PLACEMENTS)
    opinion: float = checked(0.5, check_fraction, "Pendapat moderat")
    unit_cost: float = 0.5
    label_id: ClassVar[str] = "Suara moderat (tokoh)"
    salt: ClassVar[int] = 71

    def _act(self, model: Any) -> None:
        if getattr(model, "graph", None) is None and self.placement != "random":
            raise ParameterError(
                f"placement={self.placement!r} needs a network; use 'random' under complete mixing",
                "Penempatan selain 'acak' memerlukan jaringan; pada pencampuran penuh pilih 'random'.",
                field="placement",
            )
        idx = select_nodes(model, self.k, self.placement, _rng_for(model, self.salt))
        if isinstance(model, HoaxModel):
            _set_fact_checkers(model, idx)
            return
        model.opinions[idx] = self.opinion
        model.fixed[idx] = True
        if hasattr(model, "initial"):
            model.initial[idx] = self.opinion
        if hasattr(model, "susceptibility"):
            model.susceptibility[idx] = 0.0
            model.stubborn = model.susceptibility == 0.0

    def size(self, model: Any) -> float:
        return float(min(self.k, model.num_people))

    def describe(self) -> str:
        return (
            f"{self.k} suara moderat ({general_id(self.opinion)}), {PLACEMENT_LABELS_ID[self.placement]} "
            f"(mulai langkah {self.start})"
        )


@dataclass
class AccuracyNudge(Intervention):
    """Accuracy prompts: multiply the sharing probability β by ``factor`` for a covered share.

    In this model β is the chance of taking *either* side when exposed, so a nudge slows the
    debunking as well as the hoax — a point worth discussing in class.

    Args:
        start: Step at which the platform shows the prompt.
        factor: New β = ``factor`` × old β, [0, 1] (0.8 = 20 % less sharing).
        coverage: Share of people who see the prompt, [0, 1].
        unit_cost: Budget units per person reached (default 0.01).
    """

    factor: float = checked(0.8, check_fraction, "Faktor berbagi")
    coverage: float = checked(1.0, check_fraction, "Cakupan")
    unit_cost: float = 0.01
    label_id: ClassVar[str] = "Dorongan akurasi (accuracy nudge)"
    salt: ClassVar[int] = 53

    def _act(self, model: HoaxModel) -> None:
        count = int(round(self.coverage * model.num_people))
        if count == model.num_people:
            idx = np.arange(model.num_people)
        else:
            idx = _rng_for(model, self.salt).choice(model.num_people, size=count, replace=False)
        model.beta[idx] = model.beta[idx] * self.factor

    def size(self, model: HoaxModel) -> float:
        return float(round(self.coverage * model.num_people))

    def describe(self) -> str:
        return (
            f"Dorongan akurasi: berbagi ×{general_id(self.factor)} untuk {pct_id(self.coverage, 0)} penduduk "
            f"(mulai langkah {self.start})"
        )


# ---------------------------------------------------------------------------------- runner
def run_with_interventions(
    model: HoaxModel, interventions: Iterable[Intervention], steps: int = 60
) -> pd.DataFrame:
    """Run ``model`` for ``steps`` steps, applying the interventions before each step.

    This is the hook: ``iv.apply(model, t)`` for every intervention, then ``model.step()``, with
    ``t`` = the steps the model has done (``0 … steps-1`` for a fresh model; a model continues,
    so a second call goes on from where the first stopped). Row ``step = 0`` of the result is the
    state before any intervention.

    Args:
        model: A :class:`~simulations.models.hoax.HoaxModel` (fresh, or continued).
        interventions: The interventions to apply (order matters only when two act on the same
            people at the same step: the later one wins).
        steps: Number of steps, >= 0.

    Returns:
        ``model.results()``: step, counts and shares per state.
    """
    steps = check_integer(steps, "steps", "Jumlah langkah")
    if not callable(getattr(model, "step", None)):
        raise ParameterError(
            f"model={model!r} must be a model with a step() method (e.g. HoaxModel)",
            f"model harus model simulasi (misalnya HoaxModel), bukan {model!r}.",
            field="model",
        )
    if isinstance(interventions, Intervention):
        interventions = [interventions]
    interventions = check_list(
        interventions,
        "interventions",
        "Intervention objects",
        "interventions harus daftar intervensi.",
    )
    for iv in interventions:
        if not isinstance(iv, Intervention):
            raise ParameterError(
                f"interventions: {iv!r} is not an Intervention",
                f"{iv!r} bukan intervensi yang dikenal.",
                field="interventions",
            )
    for _ in range(steps):
        t = model.steps  # steps done so far: a continued model keeps its schedule
        for iv in interventions:
            iv.apply(model, t)
        model.step()
    return model.results()


@dataclass
class Comparison(ComparisonResult):
    """Result of :func:`compare_interventions` (a :class:`~simulations.analysis.experiments.ComparisonResult`).

    Attributes:
        runs: One row per (scenario, replicate): ``scenario, replicate, seed``, peak_believers
            (share), time_to_peak (step), ever_reached (share who ever believed), cost (budget
            units).
        curves: One row per (scenario, replicate, step): share_believer, share_fact_checker.
        summary: Tidy table, one row per (scenario, metric): ``n_runs, mean, std, sem, ci_low,
            ci_high`` (SciPy Student-t interval, :func:`simulations.analysis.experiments.mean_ci`).
        config: Scenarios, replicates, root seed, level.
        seconds: Wall-clock time of the whole comparison.
        descriptions: Scenario → Indonesian description of its interventions.
    """

    descriptions: dict[str, str] = field(default_factory=dict)

    def table(self) -> pd.DataFrame:
        """Wide cost/effect table: one row per scenario, ``mean [low, high]`` text per metric.

        The column names are the Indonesian labels of :data:`METRIC_LABELS_ID` (a display table).
        """
        rows = {}
        for (scenario, metric), r in self.summary.set_index(["scenario", "metric"]).iterrows():
            pct = metric in ("peak_believers", "ever_reached")
            fmt = pct_id if pct else (lambda v: fmt_id(float(v), 1))
            text = fmt(r["mean"])
            if r["ci_high"] > r["ci_low"]:
                text += f" [{fmt(r['ci_low'])}; {fmt(r['ci_high'])}]"
            rows.setdefault(scenario, {})[METRIC_LABELS_ID[metric]] = text
        order = list(dict.fromkeys(self.summary["scenario"]))
        return pd.DataFrame.from_dict(rows, orient="index").loc[order]


def _outcomes(df: pd.DataFrame, model: HoaxModel) -> dict[str, float]:
    shares = df["share_believer"].to_numpy()
    peak = int(np.argmax(shares))
    return {
        "peak_believers": float(shares[peak]),
        "time_to_peak": float(df["step"].iloc[peak]),
        "ever_reached": float(model.ever_believed.mean()),
    }


def _check_scenarios(scenarios: Any) -> dict[Any, list[Intervention]]:
    """Return ``{name: [interventions]}`` or raise ParameterError naming ``scenarios``."""
    if not isinstance(scenarios, Mapping) or not scenarios:
        raise ParameterError(
            "scenarios must name at least one intervention set ({name: [interventions]})",
            "Pilih minimal satu skenario intervensi.",
            field="scenarios",
        )
    out = {}
    for name, ivs in scenarios.items():
        if isinstance(ivs, Intervention):
            ivs = [ivs]
        if isinstance(ivs, str | bytes | Mapping) or not isinstance(ivs, Iterable):
            ivs = [ivs]
        ivs = list(ivs)
        bad = [iv for iv in ivs if not isinstance(iv, Intervention)]
        if bad:
            raise ParameterError(
                f"scenarios[{name!r}]: {bad[0]!r} is not an Intervention",
                f"Skenario {name!r}: {bad[0]!r} bukan intervensi yang dikenal.",
                field="scenarios",
            )
        out[name] = ivs
    return out


def compare_interventions(
    scenarios: Mapping[str, Sequence[Intervention]],
    *,
    seeds: int | Iterable[int] = 30,
    root_seed: int = 0,
    steps: int = 60,
    graph: nx.Graph | None = None,
    network: str = "scale_free",
    n: int = 2000,
    network_params: dict[str, Any] | None = None,
    graph_seed: int = 0,
    level: float = 0.95,
    reuse_models: bool = True,
    max_work: float | None = None,
    **model_kwargs: Any,
) -> Comparison:
    """Play several intervention sets against the SAME seeds and summarise the outcomes.

    Runs through :func:`simulations.analysis.experiments.compare`: replicate ``r`` uses the seed
    ``run_seed(root_seed, r)`` in every scenario (common random numbers: the same initial believers
    and the same per-step random numbers), so differences come from the interventions. One network
    is used for all runs (``graph``, or built once from ``network``, ``n`` and ``graph_seed``), so
    centralities are computed once.

    Args:
        scenarios: Name → list of interventions (an empty list is the baseline).
        seeds: Number of replicates (or a list of replicate indices), as in
            :func:`~simulations.analysis.experiments.sweep`.
        root_seed: Root seed of the replicates' seeds.
        steps: Steps per run, >= 1.
        graph: The network; built from ``network``/``n`` if None.
        network: Network kind when ``graph`` is None.
        n: Number of people when ``graph`` is None.
        network_params: Builder parameters when ``graph`` is None.
        graph_seed: Seed of the network when ``graph`` is None.
        level: Confidence level of the intervals, in (0, 1).
        reuse_models: Build one model per replicate and restore its initial state for every
            scenario instead of building a new one (same results, about twice as fast; the tests
            check that both give the same table).
        max_work: Most person-steps (people × steps × scenarios × replicates) the comparison may
            do; None means 10^10 (:data:`simulations.core.limits.DEFAULT_MAX_WORK`). Pass more, or
            ``math.inf``, to run a bigger comparison on purpose.
        **model_kwargs: Passed to :class:`~simulations.models.hoax.HoaxModel` (beta, alpha, p_verify,
            p_forget, initial_believers, …).

    Returns:
        A :class:`Comparison`.

    Raises:
        ParameterError: for empty or malformed scenarios, bad seeds, steps, level, flags or
            ``graph_seed``, more work than ``max_work`` — before any run.
        NetworkError: for a bad ``graph``, network kind or parameters, or an ``n`` beyond what fits
            in memory — before the network is built.
    """
    scenarios = _check_scenarios(scenarios)
    steps = check_integer(steps, "steps", "Jumlah langkah", minimum=1)
    level = check_level(level)
    reuse_models = check_flag(reuse_models, "reuse_models", "Pakai ulang model")
    reps = check_replicates(seeds)
    if graph is None:
        from simulations.core.network_choice import check_network_arguments

        # sizes and builder parameters first: n=10**12 fails here, before anything is built
        check_network_arguments(
            None, network, n, network_params, bytes_each=HoaxModel.bytes_per_person,
            complete_ok=False,  # build_network makes graphs; complete mixing has none
        )  # fmt: skip
        graph_seed = check_seed(graph_seed, "graph_seed")
        people = int(n)
    else:
        people = check_graph(graph).number_of_nodes()
    check_work([people] * len(scenarios), steps, len(reps), max_work)
    if graph is None:
        from simulations.core.network_choice import check_network_arguments
        from simulations.core.networks import build_network

        # sizes and builder parameters first: n=10**12 fails here, before anything is built
        check_network_arguments(
            None, network, n, network_params, bytes_each=HoaxModel.bytes_per_person
        )
        graph = build_network(network, n=n, seed=graph_seed, **(network_params or {}))

    def prepare(seed: int) -> tuple[HoaxModel, dict[str, Any]] | None:
        if not reuse_models:
            return None
        # Building a HoaxModel (Mesa agents and network space) costs more than a 60-step run on
        # 2,000 people, so build one per replicate and restore it for every scenario.
        model = HoaxModel(graph, seed=seed, **model_kwargs)
        return model, model.snapshot()

    def run(ivs: list[Intervention], seed: int, shared: Any) -> tuple[dict, pd.DataFrame]:
        if shared is None:
            model = HoaxModel(graph, seed=seed, **model_kwargs)
        else:
            model, snap = shared
            model.restore(snap)
        df = run_with_interventions(model, ivs, steps)
        out = _outcomes(df, model)
        # an intervention that would start after the last step never acts and costs nothing
        out["cost"] = float(sum(iv.cost(model) for iv in ivs if iv.start < steps))
        return out, df[["step", "share_believer", "share_fact_checker"]]

    res = compare(
        scenarios,
        run,
        seeds=reps,
        root_seed=root_seed,
        level=level,
        prepare=prepare,
        metrics=list(METRIC_LABELS_ID),
    )
    descriptions = {
        name: "; ".join(iv.describe() for iv in ivs) or "Tanpa intervensi"
        for name, ivs in scenarios.items()
    }
    return Comparison(
        runs=res.runs,
        curves=res.curves,
        summary=res.summary,
        config=res.config,
        seconds=res.seconds,
        descriptions=descriptions,
    )


def summarise_comparison(cmp: Comparison, baseline: str | None = None) -> str:
    """Summarise a comparison in Indonesian: best scenario, effect against the baseline, cost.

    Args:
        cmp: Output of :func:`compare_interventions`.
        baseline: Name of the reference scenario; default the first scenario without cost, else
            the first scenario.

    Returns:
        A short paragraph (for the text next to the figure).
    """
    s = cmp.summary.set_index(["scenario", "metric"])["mean"]
    names = list(dict.fromkeys(cmp.summary["scenario"]))
    if baseline is None:
        free = [n for n in names if s[(n, "cost")] == 0]
        baseline = free[0] if free else names[0]
    n_seeds = int(cmp.runs["replicate"].nunique())
    base_reach = s[(baseline, "ever_reached")]
    parts = [
        f"{len(names)} skenario, masing-masing {n_seeds} seed yang sama. "
        f"Acuan '{baseline}': puncak {pct_id(s[(baseline, 'peak_believers')])} penduduk percaya "
        f"hoaks, {pct_id(base_reach)} pernah percaya."
    ]
    others = [n for n in names if n != baseline]
    if others:
        best = min(others, key=lambda n: (s[(n, "ever_reached")], s[(n, "cost")]))
        drop = base_reach - s[(best, "ever_reached")]
        parts.append(
            f"Paling efektif: '{best}' — pernah percaya {pct_id(s[(best, 'ever_reached')])} "
            f"({'turun' if drop >= 0 else 'naik'} {pct_id(abs(drop))} poin), puncak "
            f"{pct_id(s[(best, 'peak_believers')])}, biaya {fmt_id(float(s[(best, 'cost')]), 1)} unit."
        )
        per_cost = [
            (n, (base_reach - s[(n, "ever_reached")]) / s[(n, "cost")])
            for n in others
            if s[(n, "cost")] > 0
        ]
        if per_cost:
            thrifty, value = max(per_cost, key=lambda t: t[1])
            parts.append(
                f"Paling hemat: '{thrifty}' ({fmt_id(100 * value, 2)} poin persen lebih sedikit "
                "orang pernah percaya per unit biaya)."
            )
    level = cmp.config.get("level", 0.95)
    parts.append(
        f"Angka dalam kurung tabel = selang kepercayaan {fmt_id(100 * level, 0)}% antar-seed."
    )
    return " ".join(parts)


# ---------------------------------------------------------------------------------- experiments
def segregation_experiment(
    homophily: Sequence[float] = (0.5, 0.7, 0.9, 0.98),
    *,
    seeds: int | Iterable[int] = 10,
    root_seed: int = 0,
    n: int = 1000,
    gullible_share: float = 0.5,
    alpha_gullible: float = 0.8,
    alpha_sceptic: float = 0.3,
    steps: int = 100,
    tail: int = 20,
    max_work: float | None = None,
    **model_kwargs: Any,
) -> pd.DataFrame:
    """Does segregation help a hoax persist? (Tambuscio, Oliveira, Ciampaglia & Ruffo 2018).

    The paper (*J. Comput. Soc. Sci.* 1:261–275) finds that a more segregated network helps the
    hoax only at low forgetting rates; try ``p_forget`` 0.02 against 0.2.

    Two groups on a stochastic block model: gullible people (credibility ``alpha_gullible``) and
    sceptics (``alpha_sceptic``); the hoax starts among the gullible. ``homophily`` is the share of
    ties inside groups (0.5 = no segregation with two equal groups, 1 = two separate worlds). Runs
    through :func:`simulations.analysis.experiments.compare`: replicate ``r`` uses the seed
    ``run_seed(root_seed, r)`` (network and dynamics) at every homophily value.

    Args:
        homophily: Values of the share of ties inside groups, each in [0, 1].
        seeds: Number of replicates (or a list of replicate indices).
        root_seed: Root seed of the replicates' seeds.
        n: Number of people, >= 2.
        gullible_share: Share of people in the gullible group (group 0), in [0, 1].
        alpha_gullible: α of the gullible group, in [0, 1].
        alpha_sceptic: α of the sceptic group, in [0, 1].
        steps: Steps per run, >= ``tail``.
        tail: The last ``tail`` steps are averaged for the "persisting" share, >= 1.
        max_work: Most person-steps (n × steps × homophily values × replicates); None means
            10^10 (:data:`simulations.core.limits.DEFAULT_MAX_WORK`).
        **model_kwargs: Other hoax parameters (beta, p_verify, p_forget, initial_believers).

    Returns:
        One row per (homophily, replicate): ``homophily, replicate, seed``, ``believers_end``
        (share of everyone believing, mean over the tail), ``believers_end_gullible`` /
        ``believers_end_sceptic`` (share of each group), ``ever_reached``.
    """
    from simulations.core.networks import community_network

    gullible_share = check_fraction(
        gullible_share, "gullible_share", "Porsi kelompok mudah percaya"
    )
    alpha_gullible = check_fraction(
        alpha_gullible, "alpha_gullible", "Kredibilitas kelompok mudah percaya"
    )
    alpha_sceptic = check_fraction(alpha_sceptic, "alpha_sceptic", "Kredibilitas kelompok skeptis")
    n = check_size(n, "n", "Jumlah orang", minimum=2, bytes_each=HoaxModel.bytes_per_person)
    tail = check_integer(tail, "tail", "Langkah akhir", 1)
    steps = check_integer(steps, "steps", "Jumlah langkah", tail)
    if isinstance(homophily, str | bytes) or not isinstance(homophily, Iterable):
        homophily = [homophily]
    values = [check_fraction(h, "homophily", "Homofili") for h in homophily]
    if not values:
        raise ParameterError(
            "homophily must hold at least one value",
            "Berikan minimal satu nilai homofili.",
            field="homophily",
        )
    size_g = int(round(gullible_share * n))
    sizes = [size_g, n - size_g]
    if min(sizes) < 1:
        raise ParameterError(
            f"gullible_share={gullible_share:g} leaves one group empty with n={n}",
            f"Porsi kelompok mudah percaya {general_id(gullible_share)} membuat satu kelompok kosong.",
            field="gullible_share",
        )
    n_start = check_integer(
        model_kwargs.pop("initial_believers", 10), "initial_believers", "Jumlah penganut awal"
    )
    reps = check_replicates(seeds)
    check_work([n] * len(values), steps, len(reps), max_work)

    def run(h: float, seed: int) -> tuple[dict[str, float], None]:
        g = community_network(sizes, homophily=h, seed=seed)
        groups = np.array([g.nodes[v][GROUP_ATTR] for v in g.nodes])
        alpha = np.where(groups == 0, alpha_gullible, alpha_sceptic)
        start = np.random.default_rng([seed, 99]).choice(
            size_g, size=min(n_start, size_g), replace=False
        )
        model = HoaxModel(
            g, alpha_by_node=alpha, believer_nodes=list(start), seed=seed, **model_kwargs
        )
        hist = []
        for _ in range(steps):
            model.step()
            hist.append(model.state == State.BELIEVER)
        last = np.mean(hist[-tail:], axis=0)
        return {
            "believers_end": float(last.mean()),
            "believers_end_gullible": float(last[groups == 0].mean()),
            "believers_end_sceptic": float(last[groups == 1].mean()),
            "ever_reached": float(model.ever_believed.mean()),
        }, None

    res = compare(
        dict(zip(values, values, strict=True)),
        run,
        seeds=reps,
        root_seed=root_seed,
        scenario_column="homophily",
    )
    return res.runs


OPINION_METRICS = ("std", "clusters", "bimodality", "extreme_share", "cost")
"""Outcomes of :func:`compare_opinion_interventions`, one per run."""


def compare_opinion_interventions(
    model_class: type,
    scenarios: Mapping[str, Sequence[Intervention]],
    *,
    graph: nx.Graph,
    seeds: int | Iterable[int] = 5,
    root_seed: int = 0,
    steps: int = 50,
    max_work: float | None = None,
    **model_kwargs: Any,
) -> pd.DataFrame:
    """Run an opinion model (:mod:`simulations.models.opinion`) under several intervention sets.

    Runs through :func:`simulations.analysis.experiments.compare` (replicate ``r`` uses the seed
    ``run_seed(root_seed, r)`` in every scenario).

    Args:
        model_class: e.g. :class:`~simulations.models.opinion.DeffuantModel`.
        scenarios: Name → interventions (typically :class:`ModerateVoices`).
        graph: The network (the same for all runs).
        seeds: Number of replicates (or a list of replicate indices).
        root_seed: Root seed of the replicates' seeds.
        steps: Steps per run, >= 0.
        max_work: Most person-steps (people × steps × scenarios × replicates); None means 10^10
            (:data:`simulations.core.limits.DEFAULT_MAX_WORK`).
        **model_kwargs: Model parameters (``epsilon``, ``mu``, …).

    Returns:
        One row per (scenario, replicate): ``scenario, replicate, seed`` and the final opinions'
        ``std`` (spread), ``clusters`` (major opinion clusters,
        :func:`simulations.analysis.metrics.count_clusters`), ``bimodality`` (Sarle's coefficient;
        > 0.555 suggests two camps), ``extreme_share`` (share with opinion below 0.15 or above
        0.85) and ``cost``.
    """
    from simulations.analysis import metrics

    if not isinstance(model_class, type):
        raise ParameterError(
            f"model_class={model_class!r} must be a model class (e.g. DeffuantModel)",
            f"model_class harus kelas model opini (misalnya DeffuantModel), bukan {model_class!r}.",
            field="model_class",
        )
    scenarios = _check_scenarios(scenarios)
    steps = check_integer(steps, "steps", "Jumlah langkah")
    reps = check_replicates(seeds)
    # without a graph the model builds its default network (n = 1000 people in every model)
    people = check_graph(graph).number_of_nodes() if graph is not None else 1000
    check_work([people] * len(scenarios), steps, len(reps), max_work)

    def run(ivs: list[Intervention], seed: int) -> tuple[dict[str, float], None]:
        model = model_class(graph, seed=seed, **model_kwargs)
        run_with_interventions(model, ivs, steps)
        x = model.opinions
        return {
            "std": float(x.std()),
            "clusters": metrics.count_clusters(x, gap=0.05),
            "bimodality": float(metrics.bimodality_coefficient(x)),
            "extreme_share": float(np.mean((x < 0.15) | (x > 0.85))),
            "cost": float(sum(iv.cost(model) for iv in ivs)),
        }, None

    res = compare(scenarios, run, seeds=reps, root_seed=root_seed, metrics=OPINION_METRICS)
    return res.runs


def camp_opinions(
    graph: nx.Graph,
    *,
    low: tuple[float, float] = (0.05, 0.4),
    high: tuple[float, float] = (0.6, 0.95),
    seed: int | None = 0,
) -> np.ndarray:
    """Initial opinions in two camps: even-numbered communities low, odd-numbered high.

    Uses the ``group`` node attribute (else Louvain communities). A polarised start for the
    opinion models, to ask whether tolerance and moderate voices can bring the camps together.

    Args:
        graph: The network.
        low: Range of opinions in even-numbered communities.
        high: Range of opinions in odd-numbered communities.
        seed: Seed of the draws.

    Returns:
        Opinions in node order.
    """
    holder = type("G", (), {})()
    holder.graph, holder.nodes = graph, list(graph.nodes)
    holder.num_people = len(holder.nodes)
    groups = _groups(holder)  # type: ignore[arg-type]
    rng = np.random.default_rng(seed)
    lo = rng.uniform(*low, size=len(groups))
    hi = rng.uniform(*high, size=len(groups))
    return np.where(groups % 2 == 0, lo, hi)


def summarise_opinion_outcomes(df: pd.DataFrame, by: str = "scenario") -> str:
    """Summarise :func:`compare_opinion_interventions` in Indonesian: spread and camps per scenario."""
    parts = []
    for name in dict.fromkeys(df[by]):
        sub = df[df[by] == name]
        camps = sub["clusters"].mean()
        merged = float((sub["std"] < 0.05).mean())
        parts.append(
            f"'{name}': sebaran opini {fmt_id(float(sub['std'].mean()), 3)}, rata-rata "
            f"{fmt_id(float(camps), 1)} kubu; kubu-kubu bersatu pada {pct_id(merged, 0)} ulangan."
        )
    return " ".join(parts)
