"""Public communication in the hoax model: official clarifications and a breach of public trust.

Two questions from the Bimtek's strand on *komunikasi publik yang efektif dan beretika* and on
*ancaman keamanan siber*, asked of the hoax / fact-checking model of Tambuscio, Ruffo, Flammini &
Menczer (2015), *Fact-checking effect on viral hoaxes*, WWW '15 Companion, 977–982,
doi:10.1145/2740908.2742572 (:class:`~simulations.models.hoax.HoaxModel`):

1. **When and through whom should a clarification go out?** :class:`Clarification` injects an
   official clarification at step ``start`` (fast vs late), carried by

   * ``"official"`` — the official account: one person, by default the best-connected one
     (a well-followed account);
   * ``"trusted"`` — a few trusted community voices (tokoh): the best-connected person of every
     community in turn (``placement="leaders"``) or the people with most ties across communities
     (``placement="frontier"``, Tambuscio & Ruffo 2019, *Appl. Netw. Sci.* 4:116);
   * ``"local"`` — many local voices: people drawn at random among those with at most the median
     number of ties.

   **Modelling assumption** (not a result of the paper): from step ``start`` on, every carrier
   becomes a permanent fact-checker (it keeps the clarification posted), and everyone who hears a
   carrier — the carriers and their network neighbours — gets a higher verification probability,
   ``p_verify ← min(p_verify + boost, 1 − p_forget)``. Believers in the audience therefore turn
   into fact-checkers faster; susceptible people in the audience are reached by the model's own
   rule, because a carrier is now a fact-checking neighbour (S → F with weight ``n_F(1 − α)``).
   ``boost`` stands for how much the audience trusts and acts on the message; it is the same for
   every carrier unless set otherwise, so the comparison isolates *timing* and *reach*.

2. **How much lost trust tips a hoax from dying out to persisting?** :class:`Breach` models a data
   breach at step ``start`` that makes a share of people more credulous: their credibility of the
   hoax rises, ``α ← min(α + trust_loss, 1)`` — per-person α as in Tambuscio, Oliveira,
   Ciampaglia & Ruffo (2018), *Network segregation in a model of misinformation and
   fact-checking*, J. Comput. Soc. Sci. 1:261–275. In the mean field the hoax is eradicated when
   ``p_verify ≥ 2·α·p_forget/(1−α)`` (:func:`simulations.models.hoax.eradication_threshold`),
   i.e. when ``α ≤ α* = p_verify/(p_verify + 2·p_forget)``; :func:`critical_trust_loss` returns
   ``α* − α``, the trust loss beyond which the hoax persists, and :func:`breach_sweep` checks it
   with the network model on common seeds.

Both interventions act through :func:`simulations.response.interventions.run_with_interventions`
and are compared with :func:`simulations.response.interventions.compare_interventions` (same seeds,
Student-t 95 % confidence intervals), so nothing here has its own simulation loop.

Example:
    >>> from simulations.core.networks import community_network
    >>> g = community_network(n=400, k=4, seed=1)
    >>> cmp = compare_clarifications(graph=g, starts=(2, 15), seeds=3, steps=30)
    >>> sorted(clarification_table(cmp)["carrier"].dropna().unique())
    ['local', 'official', 'trusted']
    >>> round(critical_trust_loss(alpha=0.3, p_verify=0.1, p_forget=0.1), 4)
    0.0333
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

import networkx as nx
import numpy as np
import pandas as pd

from simulations.analysis.experiments import mean_ci
from simulations.core.errors import ParameterError, check_all_known
from simulations.core.formatting import fmt_id, general_id, pct_id
from simulations.core.params import (
    Param,
    ParamTable,
    check_choice,
    check_fraction,
    check_integer,
    checked,
)
from simulations.models.hoax import HoaxModel, State
from simulations.models.hoax.params import HOAX_PARAMS
from simulations.response.interventions import (
    Comparison,
    Intervention,
    compare_interventions,
    select_nodes,
)

__all__ = [
    "CARRIERS",
    "CARRIER_LABELS_ID",
    "CLARIFICATION_PARAMS",
    "Breach",
    "Clarification",
    "breach_sweep",
    "choose_carriers",
    "clarification_scenarios",
    "clarification_table",
    "compare_clarifications",
    "critical_alpha",
    "critical_trust_loss",
    "summarise_breach",
    "summarise_clarifications",
]

CARRIERS = ("official", "trusted", "local")
"""Who carries the clarification: the official account, trusted community voices, local voices."""

CARRIER_LABELS_ID = {
    "official": "akun resmi",
    "trusted": "tokoh tepercaya",
    "local": "banyak suara lokal",
}
"""Indonesian names of the carriers."""

DEFAULT_K = {"official": 1, "trusted": 5, "local": 50}
"""Default number of carriers per kind."""

DEFAULT_BOOST = 0.2
"""Default rise of the audience's verification probability (the same for every carrier)."""


def _fast_before_late(values: dict[str, Any]) -> None:
    if values["start_fast"] >= values["start_late"]:
        raise ParameterError(
            f"start_fast={values['start_fast']} must be before start_late={values['start_late']}",
            "Klarifikasi cepat harus keluar lebih awal daripada klarifikasi lambat.",
            field="start_fast",
        )


CLARIFICATION_PARAMS = ParamTable(
    (
        Param(
            "boost_official",
            "Kepercayaan pada akun resmi",
            "Tambahan peluang verifikasi per langkah bagi yang mendengar akun resmi (0 = pesannya diabaikan).",
            DEFAULT_BOOST,
            0.0,
            1.0,
            0.05,
            unit="probability per step",
            description="Rise of p_verify for the official account's audience (trust in the carrier).",
        ),
        Param(
            "boost_trusted",
            "Kepercayaan pada tokoh tepercaya",
            "Tambahan peluang verifikasi per langkah bagi yang mendengar tokoh (0 = pesannya diabaikan).",
            DEFAULT_BOOST,
            0.0,
            1.0,
            0.05,
            unit="probability per step",
            description="Rise of p_verify for the trusted voices' audience.",
        ),
        Param(
            "boost_local",
            "Kepercayaan pada suara lokal",
            "Tambahan peluang verifikasi per langkah bagi yang mendengar kader dan pengurus RT/RW.",
            DEFAULT_BOOST,
            0.0,
            1.0,
            0.05,
            unit="probability per step",
            description="Rise of p_verify for the local voices' audience.",
        ),
        Param(
            "k_official",
            "Jumlah akun resmi",
            "Berapa akun resmi membawa klarifikasi (yang paling banyak diikuti lebih dulu).",
            DEFAULT_K["official"],
            1,
            20,
            1,
            kind="int",
            description="Number of official accounts (best-connected people).",
        ),
        Param(
            "k_trusted",
            "Jumlah tokoh tepercaya",
            "Berapa tokoh membawa klarifikasi (yang paling banyak koneksi di tiap komunitas, bergiliran).",
            DEFAULT_K["trusted"],
            1,
            50,
            1,
            kind="int",
            description="Number of trusted voices (leaders of each community in turn).",
        ),
        Param(
            "k_local",
            "Jumlah suara lokal",
            "Berapa kader/pengurus RT-RW (orang dengan koneksi tidak lebih dari median) membawa klarifikasi.",
            DEFAULT_K["local"],
            5,
            200,
            5,
            kind="int",
            description="Number of local voices (random people with at most the median degree).",
        ),
        Param(
            "start_fast",
            "Klarifikasi cepat pada langkah",
            "Langkah ketika klarifikasi cepat keluar.",
            2,
            0,
            30,
            1,
            kind="int",
            description="Step of the fast clarification.",
        ),
        Param(
            "start_late",
            "Klarifikasi lambat pada langkah",
            "Langkah ketika klarifikasi lambat keluar (sesudah puncak bila besar).",
            15,
            0,
            60,
            1,
            kind="int",
            description="Step of the late clarification.",
        ),
    ),
    checks=(_fast_before_late,),
)
"""The clarification experiment's settings, one row each (label, help, range) for the explorer."""


# ---------------------------------------------------------------------------------- helpers
def _own_rng(model: HoaxModel, salt: int) -> np.random.Generator:
    """Draws of an intervention kept off ``model.rng`` (common random numbers across scenarios)."""
    seed = model.seed if isinstance(model.seed, int | np.integer) else 0
    return np.random.default_rng([int(seed) % (2**63), salt])


def _degree(model: HoaxModel) -> np.ndarray:
    return np.diff(model.adjacency.indptr).astype(np.int64)


# ---------------------------------------------------------------------------------- carriers
def choose_carriers(
    model: HoaxModel,
    carrier: str,
    k: int | None = None,
    *,
    placement: str = "leaders",
    rng: np.random.Generator | None = None,
) -> np.ndarray:
    """Return the array indices of the people who carry a clarification.

    Args:
        model: The hoax model.
        carrier: ``"official"`` (the ``k`` best-connected people, default one), ``"trusted"``
            (``placement="leaders"``: best-connected person of every community in turn;
            ``"frontier"``: most ties across communities; default five) or ``"local"`` (``k``
            people at random among those with at most the median degree; default fifty).
        k: Number of carriers, >= 1; default :data:`DEFAULT_K`.
        placement: Placement of trusted voices, ``"leaders"`` or ``"frontier"``.
        rng: Generator for ``"local"``; default a fixed one.

    Returns:
        ``int64`` array of at most ``k`` distinct indices.
    """
    check_choice(carrier, "carrier", "Pembawa klarifikasi", CARRIERS)
    k = DEFAULT_K[carrier] if k is None else check_integer(k, "k", "Jumlah pembawa", 1)
    if carrier == "official":
        return select_nodes(model, k, "degree")
    if carrier == "trusted":
        check_choice(placement, "placement", "Penempatan tokoh", ("leaders", "frontier"))
        return select_nodes(model, k, placement)
    degree = _degree(model)
    pool = np.flatnonzero(degree <= np.median(degree))
    rng = rng if rng is not None else np.random.default_rng(0)
    return rng.choice(pool, size=min(k, len(pool)), replace=False).astype(np.int64)


def _audience(model: HoaxModel, carriers: np.ndarray) -> np.ndarray:
    """Carriers and their network neighbours (everyone who hears the clarification)."""
    adj = model.adjacency
    parts = [carriers] + [adj.indices[adj.indptr[i] : adj.indptr[i + 1]] for i in carriers]
    return np.unique(np.concatenate(parts).astype(np.int64))


@dataclass
class Clarification(Intervention):
    """An official clarification published at step ``start`` by the chosen carriers.

    From ``start`` on the carriers are permanent fact-checkers, and their audience (carriers and
    network neighbours) verifies more: ``p_verify ← min(p_verify + boost, 1 − p_forget)``. This is
    a modelling assumption layered on Tambuscio et al. (2015); see the module docstring.

    Args:
        start: Step at which the clarification goes out (0 = before the first step).
        carrier: ``"official"``, ``"trusted"`` or ``"local"`` (see :func:`choose_carriers`).
        k: Number of carriers; default 1, 5 or 50 by carrier.
        boost: Added verification probability per step for the audience, [0, 1].
        placement: Placement of trusted voices (``"leaders"`` or ``"frontier"``).
        unit_cost: Budget units per carrier (illustrative, default 1).
    """

    carrier: str = checked("official", check_choice, "Pembawa klarifikasi", CARRIERS)
    k: int | None = checked(None, check_integer, "Jumlah pembawa", 1, optional=True)
    boost: float = checked(DEFAULT_BOOST, check_fraction, "Tambahan peluang verifikasi")
    placement: str = checked("leaders", check_choice, "Penempatan tokoh", ("leaders", "frontier"))
    unit_cost: float = 1.0
    label_id: ClassVar[str] = "Klarifikasi resmi"
    salt: ClassVar[int] = 101

    def carriers(self, model: HoaxModel) -> np.ndarray:
        """Indices of this clarification's carriers in ``model``."""
        return choose_carriers(
            model, self.carrier, self.k, placement=self.placement, rng=_own_rng(model, self.salt)
        )

    def audience(self, model: HoaxModel) -> np.ndarray:
        """Indices of everyone who hears the clarification (carriers and their neighbours)."""
        return _audience(model, self.carriers(model))

    def _act(self, model: HoaxModel) -> None:
        idx = self.carriers(model)
        heard = _audience(model, idx)
        model.p_verify[heard] = np.minimum(
            model.p_verify[heard] + self.boost, 1.0 - model.p_forget[heard]
        )
        model.state[idx] = State.FACT_CHECKER
        model.fixed[idx] = True
        model.active[idx] = True
        model.counts = np.bincount(model.state, minlength=3)

    def size(self, model: HoaxModel) -> float:
        return float(len(self.carriers(model)))

    def describe(self) -> str:
        k = DEFAULT_K[self.carrier] if self.k is None else self.k
        return (
            f"Klarifikasi oleh {CARRIER_LABELS_ID[self.carrier]} ({k} orang), "
            f"p_verify +{general_id(self.boost)} bagi yang mendengar (mulai langkah {self.start})"
        )


def _boosts(boost: float | Mapping[str, float]) -> dict[str, float]:
    """``{carrier: boost}`` from one number or a mapping, each checked to lie in [0, 1]."""
    if isinstance(boost, Mapping):
        check_all_known(boost, CARRIERS, "carrier", "Pembawa", field="boost")
        return {
            c: check_fraction(b, "boost", "Tambahan peluang verifikasi") for c, b in boost.items()
        }
    value = check_fraction(boost, "boost", "Tambahan peluang verifikasi")
    return dict.fromkeys(CARRIERS, value)


def _scenario_name(start: int, carrier: str, label: str) -> str:
    return f"{label} (langkah {start}) · {CARRIER_LABELS_ID[carrier]}"


def clarification_scenarios(
    starts: Sequence[int] = (2, 15),
    carriers: Sequence[str] = CARRIERS,
    *,
    boost: float | Mapping[str, float] = 0.2,
    k: dict[str, int] | None = None,
    baseline: bool = True,
) -> dict[str, list[Intervention]]:
    """Build the scenarios "timing × carrier" (plus a baseline without clarification).

    Args:
        starts: Steps at which the clarification goes out; the first is labelled *Cepat*, the
            last *Lambat* (others *Langkah t*).
        carriers: Carrier kinds to compare (subset of :data:`CARRIERS`).
        boost: Added verification probability for the audience, [0, 1]: one number for every
            carrier (the comparison then isolates timing and reach), or ``{carrier: boost}`` to
            say that the audience trusts one carrier more (carriers left out keep 0.2).
        k: Optional number of carriers per kind, e.g. ``{"local": 100}``.
        baseline: Include "Tanpa klarifikasi" first.

    Returns:
        Ordered mapping name → list of interventions, for
        :func:`~simulations.response.interventions.compare_interventions`.
    """
    starts = [check_integer(s, "starts", "Langkah klarifikasi", 0) for s in starts]
    if not starts:
        raise ParameterError(
            "starts must not be empty",
            "Pilih minimal satu langkah klarifikasi.",
            field="starts",
        )
    k = dict(k or {})
    boosts = _boosts(boost)
    out: dict[str, list[Intervention]] = {"Tanpa klarifikasi": []} if baseline else {}
    for j, t in enumerate(starts):
        label = (
            "Cepat"
            if j == 0 and len(starts) > 1
            else "Lambat"
            if j == len(starts) - 1 and len(starts) > 1
            else "Langkah"
        )
        for c in carriers:
            iv = Clarification(start=t, carrier=c, k=k.get(c), boost=boosts.get(c, DEFAULT_BOOST))
            out[_scenario_name(t, c, label)] = [iv]
    return out


def compare_clarifications(
    *,
    starts: Sequence[int] = (2, 15),
    carriers: Sequence[str] = CARRIERS,
    boost: float | Mapping[str, float] = 0.2,
    k: dict[str, int] | None = None,
    seeds: int | Iterable[int] = 20,
    root_seed: int = 0,
    steps: int = 60,
    graph: nx.Graph | None = None,
    **kwargs: Any,
) -> Comparison:
    """Compare clarifications by timing and carrier on the same seeds (95 % CIs).

    A thin wrapper: :func:`clarification_scenarios` then
    :func:`~simulations.response.interventions.compare_interventions`.

    Args:
        starts, carriers, boost, k: See :func:`clarification_scenarios`.
        seeds: Number of replicates (or a list of replicate indices); every scenario uses the same
            replicate seeds (common random numbers), as in
            :func:`~simulations.analysis.experiments.compare`.
        root_seed: Root seed from which the replicates' seeds derive.
        steps: Steps per run.
        graph: The network (the same for every run); else built by ``compare_interventions``.
        **kwargs: Passed to ``compare_interventions`` (``network``, ``n``, ``beta``, ``alpha``,
            ``p_verify``, ``p_forget``, ``initial_believers``, …).

    Returns:
        The :class:`~simulations.response.interventions.Comparison`.
    """
    scenarios = clarification_scenarios(starts, carriers, boost=boost, k=k)
    return compare_interventions(
        scenarios, seeds=seeds, root_seed=root_seed, steps=steps, graph=graph, **kwargs
    )


def clarification_table(cmp: Comparison, metric: str = "peak_believers") -> pd.DataFrame:
    """Tidy one metric of :func:`compare_clarifications` by timing and carrier.

    Args:
        cmp: The comparison.
        metric: ``"peak_believers"``, ``"ever_reached"`` or ``"time_to_peak"``.

    Returns:
        One row per scenario with ``scenario``, ``start`` (None for the baseline), ``carrier``
        (None for the baseline), ``mean``, ``ci_low``, ``ci_high``, ``n_runs``.
    """
    check_choice(metric, "metric", "Ukuran", ("peak_believers", "ever_reached", "time_to_peak"))
    sub = cmp.summary[cmp.summary["metric"] == metric].reset_index(drop=True)
    starts, kinds = [], []
    for name in sub["scenario"]:
        start = carrier = None
        for c, lab in CARRIER_LABELS_ID.items():
            if name.endswith("· " + lab):
                carrier = c
                start = int(name.split("(langkah ")[1].split(")")[0])
        starts.append(start)
        kinds.append(carrier)
    out = sub[["scenario", "mean", "ci_low", "ci_high", "n_runs"]].copy()
    out.insert(1, "start", pd.array(starts, dtype="Int64"))
    out.insert(2, "carrier", kinds)
    return out


def summarise_clarifications(cmp: Comparison) -> str:
    """Summarise :func:`compare_clarifications` in Indonesian (peak believers, 95 % CIs).

    Names the lowest-peak scenario and, for each carrier, how much the fast clarification lowers
    the peak against the late one, saying whether the intervals overlap.
    """
    tab = clarification_table(cmp)
    base = tab[tab["carrier"].isna()]
    rows = tab[tab["carrier"].notna()]
    n_seeds = int(tab["n_runs"].iloc[0])
    parts = [f"Puncak percaya hoaks, rata-rata {n_seeds} seed yang sama (SK 95%)."]
    if len(base):
        parts.append(f"Tanpa klarifikasi: {pct_id(float(base['mean'].iloc[0]))}.")
    if len(rows):
        best = rows.loc[rows["mean"].idxmin()]
        parts.append(f"Terendah: {best['scenario']} — {pct_id(float(best['mean']))}.")
        for c in dict.fromkeys(rows["carrier"]):
            sub = rows[rows["carrier"] == c].sort_values("start")
            if len(sub) < 2:
                continue
            fast, late = sub.iloc[0], sub.iloc[-1]
            overlap = fast["ci_high"] >= late["ci_low"]
            parts.append(
                f"{CARRIER_LABELS_ID[c].capitalize()}: cepat {pct_id(float(fast['mean']))} vs "
                f"lambat {pct_id(float(late['mean']))}"
                + (" (selang kepercayaan bertumpang tindih)." if overlap else " (selang terpisah).")
            )
    parts.append("Ini hasil model dengan asumsinya, bukan ukuran dari daerah mana pun.")
    return " ".join(parts)


# ---------------------------------------------------------------------------------- breach
@dataclass
class Breach(Intervention):
    """A data breach at step ``start`` that makes a share of people more credulous.

    Affected people (a random ``share``, drawn off the model's random stream) get
    ``α ← min(α + trust_loss, 1)``: after the breach they weigh believers' messages more and
    fact-checks less (per-person α, Tambuscio et al. 2018).

    Args:
        start: Step of the breach.
        share: Share of people whose trust drops, [0, 1].
        trust_loss: Rise of their credibility α, in α units, [0, 1].
        unit_cost: Not a cost here (a breach is not bought); kept 0.
    """

    share: float = checked(1.0, check_fraction, "Porsi warga terdampak")
    trust_loss: float = checked(0.1, check_fraction, "Penurunan kepercayaan")
    unit_cost: float = 0.0
    label_id: ClassVar[str] = "Kebocoran data"
    salt: ClassVar[int] = 131

    def affected(self, model: HoaxModel) -> np.ndarray:
        """Indices of the people whose trust drops."""
        count = int(round(self.share * model.num_people))
        if count == model.num_people:
            return np.arange(model.num_people, dtype=np.int64)
        return _own_rng(model, self.salt).choice(model.num_people, size=count, replace=False)

    def _act(self, model: HoaxModel) -> None:
        idx = self.affected(model)
        model.alpha[idx] = np.minimum(model.alpha[idx] + self.trust_loss, 1.0)

    def size(self, model: HoaxModel) -> float:
        return float(round(self.share * model.num_people))

    def describe(self) -> str:
        return (
            f"Kebocoran data: α naik {general_id(self.trust_loss)} bagi {pct_id(self.share, 0)} warga "
            f"(langkah {self.start})"
        )


def critical_alpha(p_verify: float, p_forget: float) -> float:
    """Return the largest credibility α at which the hoax is still eradicated (mean field).

    Solves ``p_verify = 2·α·p_forget/(1−α)`` for α (Tambuscio et al. 2015):
    ``α* = p_verify/(p_verify + 2·p_forget)``.

    Args:
        p_verify: Verification probability per step, [0, 1].
        p_forget: Forgetting probability per step, [0, 1].

    Returns:
        α* in [0, 1]; 1 when ``p_forget = 0`` and ``p_verify > 0``; 0 when ``p_verify = 0``.
    """
    v = HOAX_PARAMS.validate(p_verify=p_verify, p_forget=p_forget)
    pv, pf = v["p_verify"], v["p_forget"]
    if pv == 0:
        return 0.0
    return pv / (pv + 2.0 * pf)


def critical_trust_loss(
    alpha: float, p_verify: float, p_forget: float, *, share: float = 1.0
) -> float:
    """Return the trust loss (rise of α) beyond which the hoax is no longer eradicated.

    With everyone affected (``share = 1``) this is exact in the homogeneous mean field:
    ``α* − α`` with ``α* = p_verify/(p_verify + 2·p_forget)`` (:func:`critical_alpha`); a larger
    loss gives ``p_verify < 2·α·p_forget/(1−α)``. With a share ``s < 1`` the population-average
    credibility ``α + s·loss`` is used instead — an approximation (the mean field of two groups
    with different α has no closed form); :func:`breach_sweep` shows how good it is.

    Args:
        alpha: Credibility α before the breach, [0, 1].
        p_verify: Verification probability per step, [0, 1].
        p_forget: Forgetting probability per step, [0, 1].
        share: Share of people affected, (0, 1].

    Returns:
        The critical loss, >= 0: 0 when the hoax already persists at ``alpha``; ``inf`` when no
        loss of at most ``1 − α`` for the affected share can tip it.
    """
    alpha = check_fraction(alpha, "alpha", "Kredibilitas hoaks")
    share = check_fraction(share, "share", "Porsi warga terdampak")
    if share == 0:
        raise ParameterError(
            "share must be > 0",
            "Porsi warga terdampak (share) harus lebih dari 0.",
            field="share",
        )
    gap = critical_alpha(p_verify, p_forget) - alpha
    if gap <= 0:
        return 0.0
    loss = gap / share
    return loss if loss <= 1.0 - alpha + 1e-12 else math.inf


def breach_sweep(
    trust_losses: Sequence[float] = (0.0, 0.05, 0.1, 0.15, 0.2, 0.3),
    *,
    share: float = 1.0,
    start: int = 10,
    seeds: int | Iterable[int] = 10,
    root_seed: int = 0,
    steps: int = 150,
    tail: int = 30,
    graph: nx.Graph | None = None,
    level: float = 0.95,
    **kwargs: Any,
) -> pd.DataFrame:
    """Simulate breaches of increasing size and measure whether the hoax persists.

    Every loss is one scenario of
    :func:`~simulations.response.interventions.compare_interventions` (same seeds for all);
    "persisting" is the share of believers averaged over the last ``tail`` steps of each run.

    Args:
        trust_losses: Rises of α for the affected people, each in [0, 1].
        share: Share of people affected, [0, 1].
        start: Step of the breach.
        seeds: Number of replicates (or a list of replicate indices).
        root_seed: Root seed from which the replicates' seeds derive.
        steps: Steps per run (> ``tail``).
        tail: Steps averaged at the end.
        graph: The network; else built by ``compare_interventions`` (``network``, ``n``).
        level: Confidence level.
        **kwargs: Model parameters (``alpha``, ``p_verify``, ``p_forget``, ``beta``, …) and
            ``compare_interventions`` options.

    Returns:
        One row per loss: ``trust_loss``, ``alpha_mean`` (average α after the breach),
        ``mean``, ``ci_low``, ``ci_high`` (persisting share of believers; Student-t interval clipped
        to [0, 1]), ``n_runs``,
        ``critical_loss`` (mean-field value from :func:`critical_trust_loss`, the same on every
        row).
    """
    tail = check_integer(tail, "tail", "Langkah akhir", 1)
    steps = check_integer(steps, "steps", "Jumlah langkah", tail + 1)
    losses = [check_fraction(x, "trust_losses", "Penurunan kepercayaan") for x in trust_losses]
    if not losses:
        raise ParameterError(
            "trust_losses must not be empty",
            "Isi minimal satu nilai penurunan kepercayaan.",
            field="trust_losses",
        )
    names = {f"α +{general_id(x)}": x for x in losses}
    scenarios = {
        name: [Breach(start=start, share=share, trust_loss=x)] for name, x in names.items()
    }
    cmp = compare_interventions(
        scenarios,
        seeds=seeds,
        root_seed=root_seed,
        steps=steps,
        graph=graph,
        level=level,
        **kwargs,
    )
    alpha0 = float(kwargs.get("alpha", HOAX_PARAMS["alpha"].default))
    p_verify = float(kwargs.get("p_verify", HOAX_PARAMS["p_verify"].default))
    p_forget = float(kwargs.get("p_forget", HOAX_PARAMS["p_forget"].default))
    critical = (
        critical_trust_loss(alpha0, p_verify, p_forget, share=share) if share > 0 else math.inf
    )
    curves = cmp.curves[cmp.curves["step"] > steps - tail]
    persist = curves.groupby(["scenario", "seed"])["share_believer"].mean()
    rows = []
    for name, x in names.items():
        ci = mean_ci(persist.loc[name].to_numpy(), level)
        mean, lo, hi = ci["mean"], ci["ci_low"], ci["ci_high"]
        lo, hi = max(lo, 0.0), min(hi, 1.0)  # a share: the t interval is clipped to [0, 1]
        rows.append(
            {
                "trust_loss": x,
                "alpha_mean": alpha0 + share * (min(alpha0 + x, 1.0) - alpha0),
                "mean": mean,
                "ci_low": lo,
                "ci_high": hi,
                "n_runs": int(persist.loc[name].size),
                "critical_loss": critical,
            }
        )
    return pd.DataFrame(rows)


def summarise_breach(sweep: pd.DataFrame, *, persist_above: float = 0.005) -> str:
    """Summarise :func:`breach_sweep` in Indonesian: mean-field tipping point vs simulation.

    Args:
        sweep: Output of :func:`breach_sweep`.
        persist_above: Share of believers (tail average) above which the hoax counts as
            persisting.
    """
    critical = float(sweep["critical_loss"].iloc[0])
    persisting = sweep[sweep["ci_low"] > persist_above]
    if math.isinf(critical):
        theory = (
            "Menurut teori medan rata-rata, kebocoran sebesar ini tidak membuat hoaks bertahan."
        )
    elif critical == 0:
        theory = "Menurut teori medan rata-rata, hoaks sudah bertahan bahkan sebelum kebocoran."
    else:
        theory = (
            "Menurut teori medan rata-rata, hoaks mulai bertahan bila kredibilitas α naik lebih "
            f"dari {fmt_id(critical, 3)}."
        )
    if len(persisting):
        first = float(persisting["trust_loss"].min())
        sim = (
            f"Dalam simulasi jaringan, hoaks bertahan (> {pct_id(persist_above)} penduduk, "
            f"SK 95% di atasnya) mulai dari kenaikan α sebesar {fmt_id(first, 2)}."
        )
    else:
        sim = "Dalam simulasi jaringan, hoaks tidak bertahan pada semua nilai yang dicoba."
    return (
        f"{theory} {sim} Teori mengandaikan setiap orang bertemu semua orang; jaringan nyata "
        "punya kelompok dan simpul besar, jadi titik baliknya bisa bergeser."
    )
