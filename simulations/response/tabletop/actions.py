"""Interventions of the tabletop game that the package does not have yet, built on the package's own.

Each is a :class:`~simulations.response.interventions.Intervention` (same ``apply(model, step)``
protocol, same per-person arrays) and works on a ``HoaxModel`` or a district layer alike:

* :class:`LocalClarification` — :class:`~simulations.response.communication.Clarification` with
  its carriers chosen inside one kecamatan (a village head's announcement, a leader's sermon);
* :class:`AccessCut` — :class:`~simulations.response.interventions.Moderation` restricted to
  accounts that currently spread the narrative (the platform acts on a report about content, not
  on the best-connected people in general);
* :class:`TrustRepair` — the reverse of :class:`~simulations.response.communication.Breach` for the
  people the breach touched: honest notification wins back part of the lost trust (a modelling
  assumption; the legal duty is UU 27/2022 Pasal 46);
* :class:`Seeding`, :class:`Buzzers`, :class:`Framing` — the red team: new believers, permanent
  believer accounts (the mirror image of
  :class:`~simulations.response.interventions.FactCheckers`; cf. Shao et al. 2018, "The spread of
  low-credibility content by social bots", *Nat. Commun.* 9:4787), and framing with emotional or
  scapegoating language that raises the hoax's credibility α for part of a kecamatan
  (manipulation techniques as in Roozenbeek et al. 2022, *Sci. Adv.* 8:eabo6254).

Choices of people inside a kecamatan use ``model.groups`` (the kecamatan of every person).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np

from simulations.core.params import check_choice, check_fraction, check_integer, checked
from simulations.models.hoax import State
from simulations.response.communication import Breach, Clarification
from simulations.response.interventions import (
    MODERATION_MODES,
    Intervention,
    Moderation,
    select_nodes,
)

__all__ = [
    "AccessCut",
    "Buzzers",
    "Framing",
    "LocalClarification",
    "Seeding",
    "TrustRepair",
]


def _rng(model: Any, salt: int) -> np.random.Generator:
    """The intervention's own generator: the model's (action) seed and the class's salt."""
    seed = getattr(model, "seed", None)
    seed = int(seed) if isinstance(seed, int | np.integer) else 0
    return np.random.default_rng([seed % (2**63), salt])


def _members(model: Any, group: int) -> np.ndarray:
    return np.flatnonzero(np.asarray(model.groups) == group)


def _degree(model: Any) -> np.ndarray:
    return np.diff(model.adjacency.indptr).astype(np.int64)


@dataclass
class LocalClarification(Clarification):
    """A clarification carried inside one kecamatan (``group``).

    Carriers: ``"official"`` and ``"trusted"`` — the ``k`` best-connected people of the kecamatan
    (a local official account, the local leaders); ``"local"`` — ``k`` people drawn at random among
    those of the kecamatan with at most its median number of ties. Then exactly as
    :class:`~simulations.response.communication.Clarification`: carriers become permanent
    fact-checkers and their audience verifies more (``p_verify + boost``).

    Args:
        group: Kecamatan index (``model.groups``).
    """

    group: int = checked(0, check_integer, "Kecamatan")
    label_id: ClassVar[str] = "Klarifikasi di kecamatan"
    salt: ClassVar[int] = 211

    def carriers(self, model: Any) -> np.ndarray:
        k = 5 if self.k is None else self.k
        if self.carrier in ("official", "trusted"):
            return select_nodes(model, k, "degree", group=self.group)
        members = _members(model, self.group)
        degree = _degree(model)[members]
        pool = members[degree <= np.median(degree)]
        return _rng(model, self.salt).choice(pool, size=min(k, len(pool)), replace=False)


@dataclass
class AccessCut(Moderation):
    """Access cut ordered on a report: silence the ``k`` best-connected accounts now spreading it.

    Only people who currently believe (and spread) the narrative and are still active are
    eligible, best-connected first (ties to the lower index). They are silenced
    (``active=False``) for this narrative.

    Attributes:
        cut: Indices of the accounts silenced (after :meth:`apply`).
    """

    mode: str = checked("silence", check_choice, "Cara pemutusan akses", MODERATION_MODES)
    label_id: ClassVar[str] = "Pemutusan akses akun penyebar"
    cut: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    def _act(self, model: Any) -> None:
        spreading = np.flatnonzero((model.state == State.BELIEVER) & model.active)
        degree = _degree(model)[spreading]
        self.cut = spreading[np.lexsort((spreading, -degree))[: self.k]]
        model.active[self.cut] = False


@dataclass
class TrustRepair(Intervention):
    """Win back part of the trust a breach cost: ``α ← max(α − repair, 0)`` for the breach's people.

    Args:
        people: Indices of the people the breach touched.
        repair: Drop of their α, [0, 1].
    """

    people: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    repair: float = checked(0.06, check_fraction, "Pemulihan kepercayaan")
    unit_cost: float = 0.0
    label_id: ClassVar[str] = "Pemberitahuan insiden yang jujur"

    def __post_init__(self) -> None:
        super().__post_init__()
        self.people = np.asarray(self.people, dtype=np.int64)

    def _act(self, model: Any) -> None:
        model.alpha[self.people] = np.maximum(model.alpha[self.people] - self.repair, 0.0)

    def size(self, model: Any) -> float:
        return float(len(self.people))


@dataclass
class Seeding(Intervention):
    """The red team plants the narrative: ``k`` susceptible, unfixed people of a kecamatan now believe."""

    group: int = checked(0, check_integer, "Kecamatan")
    k: int = checked(5, check_integer, "Jumlah penyebar")
    unit_cost: float = 0.0
    label_id: ClassVar[str] = "Penyebaran hoaks"
    salt: ClassVar[int] = 223

    def _act(self, model: Any) -> None:
        members = _members(model, self.group)
        pool = members[(model.state[members] == State.SUSCEPTIBLE) & ~model.fixed[members]]
        idx = _rng(model, self.salt).choice(pool, size=min(self.k, len(pool)), replace=False)
        model.state[idx] = State.BELIEVER

    def size(self, model: Any) -> float:
        return float(self.k)


@dataclass
class Buzzers(Intervention):
    """Paid amplifiers: the ``k`` best-connected unfixed people of a kecamatan keep spreading the narrative.

    The mirror image of :class:`~simulations.response.interventions.FactCheckers`: permanent
    believers (``fixed=True``), active. An access cut (:class:`AccessCut`) can silence them.
    """

    group: int = checked(0, check_integer, "Kecamatan")
    k: int = checked(3, check_integer, "Jumlah akun pendengung")
    unit_cost: float = 0.0
    label_id: ClassVar[str] = "Akun pendengung"

    def _act(self, model: Any) -> None:
        members = _members(model, self.group)
        free = members[~model.fixed[members]]
        degree = _degree(model)[free]
        idx = free[np.lexsort((free, -degree))[: self.k]]
        model.state[idx] = State.BELIEVER
        model.fixed[idx] = True

    def size(self, model: Any) -> float:
        return float(self.k)


@dataclass
class Framing(Breach):
    """Emotional or scapegoating framing: α rises by ``trust_loss`` for a ``share`` of one kecamatan.

    :class:`~simulations.response.communication.Breach` restricted to the people of ``group``.
    """

    group: int = checked(0, check_integer, "Kecamatan")
    share: float = checked(0.5, check_fraction, "Porsi warga terdampak")
    trust_loss: float = checked(0.15, check_fraction, "Penurunan kepercayaan")
    label_id: ClassVar[str] = "Pembingkaian provokatif"
    salt: ClassVar[int] = 227

    def affected(self, model: Any) -> np.ndarray:
        members = _members(model, self.group)
        count = int(round(self.share * len(members)))
        return _rng(model, self.salt).choice(members, size=count, replace=False)
