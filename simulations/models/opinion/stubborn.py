"""Stubborn and moderate voices: the Friedkin–Johnsen model and DeGroot averaging.

References:
    N. E. Friedkin, E. C. Johnsen (1990). *Social influence and opinions.* J. Math. Sociol.
    15(3–4):193–206. doi:10.1080/0022250X.1990.9990069.

    M. H. DeGroot (1974). *Reaching a consensus.* J. Am. Stat. Assoc. 69(345):118–121.
    doi:10.1080/01621459.1974.10480137.

Module 4 uses the stubborn agents for *tokoh masyarakat* and moderate influencers: give them
``stubborn_nodes`` and (through ``initial_opinions``) the opinion they keep.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components
from scipy.sparse.linalg import spsolve

from simulations.core.params import Param, ParamTable
from simulations.models.base import PopulationAgent
from simulations.models.opinion.base import OpinionAgent, OpinionModel

__all__ = [
    "DEGROOT_PARAMS",
    "DeGrootModel",
    "FRIEDKIN_JOHNSEN_PARAMS",
    "FriedkinJohnsenAgent",
    "FriedkinJohnsenModel",
]

_SELF_WEIGHT = Param(
    "self_weight",
    "Bobot pendapat sendiri",
    "Seberapa berat seseorang menimbang pendapatnya sendiri, dihitung seperti sejumlah teman "
    "(1 = sama dengan satu teman).",
    1.0,
    0.0,
    100.0,
    0.5,
    unit="ties",
    description="Weight of one's own opinion, counted like that many extra ties "
    "(W = row-normalised A + s·I).",
)

FRIEDKIN_JOHNSEN_PARAMS = ParamTable(
    (
        Param(
            "susceptibility",
            "Keterbukaan (λ)",
            "Seberapa terbuka orang biasa terhadap pendapat teman (1 = sepenuhnya terbuka, "
            "0 = tidak berubah sama sekali).",
            0.8,
            0.0,
            1.0,
            0.05,
            unit="[0, 1]",
            description="Susceptibility λ of ordinary people (stubborn people have λ = 0).",
        ),
        Param(
            "stubborn_fraction",
            "Porsi orang teguh pendirian",
            "Bagian penduduk yang tidak mengubah pendapatnya (misalnya tokoh yang teguh).",
            0.1,
            0.0,
            1.0,
            0.01,
            unit="share of people",
            description="Share of people, chosen at random, who keep their initial opinion "
            "(λ = 0); ignored when stubborn_nodes is given.",
        ),
        _SELF_WEIGHT,
    )
)
"""Parameters of :class:`FriedkinJohnsenModel`."""

DEGROOT_PARAMS = ParamTable((_SELF_WEIGHT,))
"""Parameters of :class:`DeGrootModel`."""


class FriedkinJohnsenAgent(OpinionAgent):
    """A person in the Friedkin–Johnsen model."""

    @property
    def susceptibility(self) -> float:
        """This person's susceptibility λ (0 = stubborn)."""
        return float(self.model.susceptibility[self.index])

    @property
    def prejudice(self) -> float:
        """The opinion this person is anchored to (their initial opinion)."""
        return float(self.model.initial[self.index])

    def decide(self) -> None:
        """Choose ``λ·(weighted mean of own and partners' opinions) + (1 − λ)·prejudice``."""
        s = self.model.self_weight
        partners = self.partners()
        total = s + len(partners)
        if total == 0:  # isolated and no self-weight: only oneself to listen to
            heard = self.opinion
        else:
            heard = (s * self.opinion + sum(p.opinion for p in partners)) / total
        lam = self.susceptibility
        self.next_state = lam * heard + (1.0 - lam) * self.prejudice


class FriedkinJohnsenModel(OpinionModel):
    """Friedkin–Johnsen opinion dynamics with stubborn people; DeGroot when nobody is stubborn.

    Rule (Friedkin & Johnsen 1990), synchronous (a *step* updates everyone from time ``t``):

        x(t+1) = Λ W x(t) + (I − Λ) x(0),

    where ``W`` is the row-normalised influence matrix ``W = D⁻¹(A + s·I)`` (``A`` the adjacency,
    ``s`` the self-weight, ``D`` the row sums; under complete mixing everyone hears everyone) and
    ``Λ = diag(λ_i)`` the susceptibilities: ordinary people have ``λ = susceptibility``, stubborn
    people ``λ = 0`` (they keep their initial opinion, their *prejudice*). Everybody else stays
    anchored to their own initial opinion with weight ``1 − λ``.

    Limit: when every group of connected people contains someone with ``λ < 1``,
    ``x* = (I − ΛW)⁻¹ (I − Λ) x(0)`` (:meth:`limit`). With ``Λ = I`` (DeGroot 1974) a
    connected group with ``s > 0`` reaches consensus at ``π·x(0)``, ``π_i ∝ deg_i + s`` (the
    stationary distribution of ``W``).

    Engines: vectorised = one sparse matrix–vector product per step (O(N) under complete mixing);
    agents = ``decide``/``advance`` per agent. They sum in a different order:
    ``engine_agreement = "rounding"``.

    Convergence (``run(steps, until_converged=True)`` stops there): no opinion moved by more than
    ``tol`` in the last step.

    Args:
        susceptibility: λ of ordinary people, in [0, 1].
        stubborn_fraction: Share of people chosen at random to be stubborn (λ = 0).
        self_weight: Weight ``s`` of one's own opinion, counted as ties, >= 0.
        stubborn_nodes: Nodes that are stubborn (overrides ``stubborn_fraction``).
        susceptibility_by_node: Per-person λ (mapping or sequence in node order); overrides both.
        network, n, initial_opinions, engine, agent_class, seed: See
            :class:`~simulations.models.opinion.base.OpinionModel`.
        record_opinions, tol: See :class:`~simulations.models.opinion.base.OpinionModel`.
        fixed_nodes: As there; fixed people are stubborn too.

    Example:
        >>> from simulations.models.opinion import FriedkinJohnsenModel
        >>> m = FriedkinJohnsenModel(n=300, stubborn_fraction=0.1, seed=3)
        >>> _ = m.run(300, until_converged=True)
        >>> bool(abs(m.opinions - m.limit()).max() < 1e-4)
        True
    """

    params: ClassVar[ParamTable] = FRIEDKIN_JOHNSEN_PARAMS
    agent_class: ClassVar[type[PopulationAgent]] = FriedkinJohnsenAgent
    engine_agreement: ClassVar[str] = "rounding"

    def __init__(
        self,
        network: Any = None,
        *,
        n: int | None = None,
        susceptibility: float = FRIEDKIN_JOHNSEN_PARAMS["susceptibility"].default,
        stubborn_fraction: float = FRIEDKIN_JOHNSEN_PARAMS["stubborn_fraction"].default,
        self_weight: float = FRIEDKIN_JOHNSEN_PARAMS["self_weight"].default,
        stubborn_nodes: Sequence[Any] | None = None,
        susceptibility_by_node: Any = None,
        initial_opinions: Any = None,
        fixed_nodes: Sequence[Any] | None = None,
        engine: str = "vectorized",
        agent_class: type[PopulationAgent] | None = None,
        record_opinions: bool = True,
        tol: float = 1e-6,
        seed: int | None = None,
    ) -> None:
        self.stubborn_nodes, self.susceptibility_by_node = stubborn_nodes, susceptibility_by_node
        values = {
            "susceptibility": susceptibility,
            "stubborn_fraction": stubborn_fraction,
            "self_weight": self_weight,
        }
        super().__init__(
            values, network, n, initial_opinions, fixed_nodes, engine, agent_class,
            record_opinions, tol, seed,
        )  # fmt: skip

    @property
    def self_weight(self) -> float:
        """Weight ``s`` of one's own opinion, counted as ties."""
        return float(self.parameters["self_weight"])

    def initial_state(self) -> np.ndarray:
        """The initial opinions (the prejudices), then who is stubborn and the influence matrix."""
        x = super().initial_state()
        n = self.num_people
        lam = self.parameters.get("susceptibility", 1.0)
        if self.susceptibility_by_node is not None:
            self.susceptibility = self.per_person(
                self.susceptibility_by_node, lam, "susceptibility_by_node", 0.0, 1.0
            )
        else:
            self.susceptibility = np.full(n, lam, dtype=np.float64)
            if self.stubborn_nodes is not None:
                self.susceptibility[self.indices_of(self.stubborn_nodes, "stubborn_nodes")] = 0.0
            else:
                k = int(round(self.parameters.get("stubborn_fraction", 0.0) * n))
                self.susceptibility[self.rng.choice(n, size=k, replace=False)] = 0.0
        self.susceptibility[self.fixed] = 0.0
        self.stubborn = self.susceptibility == 0.0
        self.influence = None
        if not self.complete:
            a = self.adjacency.astype(np.float64)
            rowsum = self.degree + self.self_weight
            isolated = rowsum == 0
            diag = np.where(isolated, 1.0, self.self_weight)
            rowsum = np.where(isolated, 1.0, rowsum)
            inv = sp.diags_array(1.0 / rowsum)
            self.influence = (inv @ (a + sp.diags_array(diag))).tocsr()
        return x

    def _heard(self, x: np.ndarray) -> np.ndarray:
        """Return ``W x``: everyone's weighted mean of their own and their partners' opinions."""
        if self.complete:
            s = self.self_weight
            return (x.sum() - x + s * x) / (self.num_people - 1 + s)
        return self.influence @ x

    def vectorized_step(self) -> None:
        """``x ← ΛWx + (I − Λ)x(0)`` for everyone at once (one sparse product)."""
        lam = self.susceptibility
        new = lam * self._heard(self.opinions) + (1.0 - lam) * self.initial
        # convex combinations stay in [0, 1]; clipping only removes rounding
        np.clip(new, 0.0, 1.0, out=new)
        self.opinions[:] = new

    def limit(self) -> np.ndarray:
        """Return the closed-form limit ``x*`` of the opinions (from the initial opinions).

        For each group of connected people that contains someone with ``λ < 1``:
        ``x* = (I − ΛW)⁻¹ (I − Λ) x(0)`` restricted to the group (a sparse solve). For a group where
        everyone has ``λ = 1`` (DeGroot): the consensus ``Σ π_i x_i(0)`` with ``π_i ∝ deg_i + s``,
        which the dynamics reach when ``s > 0`` or the group is not bipartite.
        """
        lam = self.susceptibility
        x0 = self.initial
        if self.complete:
            return self._complete_limit()
        n = self.num_people
        out = np.empty(n)
        _, label = connected_components(self.adjacency, directed=False)
        system = (sp.identity(n, format="csr") - sp.diags_array(lam) @ self.influence).tocsc()
        rhs = (1.0 - lam) * x0
        for c in np.unique(label):
            members = np.flatnonzero(label == c)
            if np.all(lam[members] == 1.0):
                weight = self.degree[members] + self.self_weight
                if weight.sum() == 0:
                    out[members] = x0[members]
                else:
                    out[members] = np.average(x0[members], weights=weight)
            elif members.size == n:
                out[:] = spsolve(system, rhs)
            else:
                block = system[members][:, members]
                out[members] = spsolve(block.tocsc(), rhs[members])
        return out

    def _complete_limit(self) -> np.ndarray:
        """Closed form under complete mixing by Sherman–Morrison: W = c·11ᵀ + d·I."""
        lam = self.susceptibility
        x0 = self.initial
        n, s = self.num_people, self.self_weight
        c = 1.0 / (n - 1 + s)
        d = (s - 1.0) * c
        if np.all(lam == 1.0):
            return np.full(n, x0.mean())
        diag = 1.0 - d * lam  # I − dΛ
        b = (1.0 - lam) * x0
        y = b / diag
        z = lam / diag
        return y + c * z * y.sum() / (1.0 - c * z.sum())


class DeGrootModel(FriedkinJohnsenModel):
    """DeGroot (1974) averaging: Friedkin–Johnsen with everyone fully susceptible (λ = 1).

    ``x(t+1) = W x(t)``; a connected network with ``self_weight > 0`` reaches consensus at
    ``Σ π_i x_i(0)`` with ``π_i ∝ deg_i + s`` (:meth:`limit`). ``fixed_nodes`` still hold their
    opinion (then it is Friedkin–Johnsen with a few stubborn people).

    Args:
        self_weight: Weight of one's own opinion, counted as ties, >= 0.
        network, n, initial_opinions, fixed_nodes, engine, agent_class, seed: See
            :class:`~simulations.models.opinion.base.OpinionModel`.
        record_opinions, tol: See :class:`~simulations.models.opinion.base.OpinionModel`.
    """

    params: ClassVar[ParamTable] = DEGROOT_PARAMS

    def __init__(
        self,
        network: Any = None,
        *,
        n: int | None = None,
        self_weight: float = DEGROOT_PARAMS["self_weight"].default,
        initial_opinions: Any = None,
        fixed_nodes: Sequence[Any] | None = None,
        engine: str = "vectorized",
        agent_class: type[PopulationAgent] | None = None,
        record_opinions: bool = True,
        tol: float = 1e-6,
        seed: int | None = None,
    ) -> None:
        self.stubborn_nodes = self.susceptibility_by_node = None
        OpinionModel.__init__(
            self, {"self_weight": self_weight}, network, n, initial_opinions, fixed_nodes, engine,
            agent_class, record_opinions, tol, seed,
        )  # fmt: skip
