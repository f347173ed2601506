"""Policy sandbox: split a fixed budget across interventions and compare outcome distributions.

A *fixed* budget (illustrative budget units, not rupiah) is divided by shares among four
interventions from :mod:`simulations.response.interventions` (issue-4), at the unit costs those classes
declare:

* ``share_prebunking`` → :class:`~simulations.response.interventions.Prebunking` (coverage = money /
  (unit cost × population), efficacy 0.5, from step 0: inoculation comes *before* the hoax);
* ``share_fact_checkers`` → :class:`~simulations.response.interventions.FactCheckers` (k permanent
  fact-checkers at the best-connected people, from ``reaction_step``);
* ``share_moderation`` → :class:`~simulations.response.interventions.Moderation` (k top accounts removed,
  from ``reaction_step``: moderation reacts after the hoax appears);
* ``share_leaders`` → :class:`~simulations.response.interventions.CommunityLeaders` (leaders per community
  speaking up, from step 0).

Shares must add up to at most 1; what is left is reported as unspent. Each allocation is a grid
point of :func:`simulations.analysis.experiments.sweep` (issue-5) run on the class
:class:`BudgetPolicyModel` (a sandbox that combines the hoax model with interventions, so it is not
a model of :mod:`simulations.models.registry`; the CLI knows it as ``"kebijakan_anggaran"``): every
allocation is played on the same community network with the same replicate seeds (common random
numbers), and the summary carries 95% confidence intervals.

The hoax dynamics are Tambuscio et al. (2015) (:class:`~simulations.models.hoax.HoaxModel`); the
people are simulated, never real.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from simulations.analysis.experiments import sweep
from simulations.core.errors import ParameterError
from simulations.core.formatting import pct_id
from simulations.core.networks import community_network
from simulations.core.params import (
    Param,
    ParamTable,
    check_flag,
    check_fraction,
    check_integer,
    check_nonnegative,
    check_seed,
)
from simulations.models.hoax import HoaxModel
from simulations.models.hoax.params import HOAX_PARAMS
from simulations.response.interventions import (
    CommunityLeaders,
    FactCheckers,
    Intervention,
    Moderation,
    Prebunking,
    run_with_interventions,
)

__all__ = [
    "ALLOCATION_LABELS",
    "POLICY_PARAMS",
    "BudgetPolicyModel",
    "allocate",
    "compare_allocations",
    "policy_summary",
    "summarise_allocations",
]

SHARES = ("share_prebunking", "share_fact_checkers", "share_moderation", "share_leaders")
ALLOCATION_LABELS = {
    "share_prebunking": "Prebunking / literasi digital",
    "share_fact_checkers": "Pemeriksa fakta",
    "share_moderation": "Pemutusan akses akun",
    "share_leaders": "Tokoh masyarakat",
}

SHARE_DESCRIPTIONS = {
    "share_prebunking": "Share of the budget spent on prebunking.",
    "share_fact_checkers": "Share of the budget spent on fact-checkers.",
    "share_moderation": "Share of the budget spent on access blocking of super-spreader accounts.",
    "share_leaders": "Share of the budget spent on community leaders.",
}

POLICY_PARAMS = ParamTable(
    (
        Param(
            "budget",
            "Anggaran (unit)",
            "Anggaran tetap dalam unit anggaran ilustratif (bukan rupiah).",
            60.0,
            0.0,
            1000.0,
            5.0,
            unit="illustrative budget units",
            description="Fixed budget in illustrative units (not rupiah), split by the four shares.",
        ),
        *(
            Param(
                s,
                ALLOCATION_LABELS[s],
                f"Bagian anggaran untuk {ALLOCATION_LABELS[s].lower()} (0–1).",
                0.25,
                0.0,
                1.0,
                0.05,
                unit="share of the budget, [0, 1]",
                description=SHARE_DESCRIPTIONS[s],
            )
            for s in SHARES
        ),
        Param(
            "n",
            "Jumlah orang",
            "Jumlah orang simulasi dalam jaringan komunitas.",
            600,
            100,
            5000,
            100,
            "int",
            unit="people",
            description="Number of simulated people in the community network.",
        ),
        Param(
            "groups",
            "Jumlah komunitas",
            "Jumlah komunitas dalam jaringan.",
            4,
            1,
            10,
            1,
            "int",
            unit="communities",
            description="Number of communities in the network.",
        ),
        Param(
            "homophily",
            "Homofili",
            "Bagian ikatan di dalam komunitas sendiri (0–1).",
            0.9,
            0.0,
            1.0,
            0.01,
            unit="share of ties, [0, 1]",
            description="Share of each person's ties inside their own community.",
        ),
        Param(
            "reaction_step",
            "Langkah reaksi",
            "Langkah saat pemeriksa fakta dan pemutusan akses mulai bekerja.",
            2,
            0,
            100,
            1,
            "int",
            unit="steps",
            description="Step at which fact-checkers and access blocking start to act.",
        ),
        HOAX_PARAMS["alpha"],
        # Slower spread than the hoax model's default (beta 0.5), so that measures that react
        # after a few steps have time to matter: a teaching choice, stated in the notebook.
        dataclasses.replace(HOAX_PARAMS["beta"], default=0.2),
        HOAX_PARAMS["p_verify"],
        HOAX_PARAMS["p_forget"],
    )
)
"""Parameters of the budget sandbox (validated by :func:`simulations.analysis.experiments.sweep`)."""


def allocate(
    budget: float, shares: Mapping[str, float], n: int, groups: int, reaction_step: int = 5
) -> tuple[list[Intervention], float]:
    """Turn a budget split into interventions sized by their unit costs.

    Args:
        budget: Budget units, >= 0.
        shares: ``{share_name: fraction}`` for the names in :data:`ALLOCATION_LABELS`; sum <= 1.
        n: Population size (for prebunking coverage).
        groups: Number of communities (for leaders per community).
        reaction_step: Step at which fact-checkers and moderation start.

    Returns:
        ``(interventions, unspent budget units)``. Money that cannot buy a whole unit (e.g. half
        a fact-checker) is counted as unspent, never silently rounded up.

    Raises:
        ParameterError: unknown share names, negative shares, or shares adding up to more than 1.
    """
    budget = check_nonnegative(budget, "budget", "Anggaran")
    n = check_integer(n, "n", "Jumlah orang", minimum=1)
    groups = check_integer(groups, "groups", "Jumlah komunitas", minimum=1)
    reaction_step = check_integer(reaction_step, "reaction_step", "Langkah reaksi")
    if not isinstance(shares, Mapping):
        raise ParameterError(
            f"shares={shares!r} must be a mapping {{share_name: fraction}}",
            "Pembagian anggaran harus berupa {nama_pos: bagian}.",
            field="shares",
        )
    unknown = {k for k in shares if not isinstance(k, str) or k not in SHARES}
    if unknown:
        raise ParameterError(
            f"unknown allocation(s) {sorted(map(str, unknown))}; use {list(SHARES)}",
            f"Pos anggaran tidak dikenal: {', '.join(sorted(map(str, unknown)))}.",
            field=str(sorted(map(str, unknown))[0]),
        )
    shares = {k: check_fraction(v, k, ALLOCATION_LABELS[k]) for k, v in shares.items()}
    total = sum(shares.values())
    if total > 1 + 1e-9:
        raise ParameterError(
            f"shares add up to {total:.2f} > 1: the budget is fixed",
            f"Jumlah bagian anggaran {pct_id(total, 0)} melebihi 100%: anggaran tetap, tidak bisa dibelanjakan dua kali.",
            field="shares",
        )
    money = {s: budget * shares.get(s, 0.0) for s in SHARES}
    ivs: list[Intervention] = []
    spent = 0.0
    pre = Prebunking(start=0, coverage=0.0, efficacy=0.5)
    coverage = min(1.0, money["share_prebunking"] / (pre.unit_cost * n)) if n else 0.0
    if coverage > 0:
        ivs.append(Prebunking(start=0, coverage=coverage, efficacy=0.5))
        spent += coverage * n * pre.unit_cost
    fc_cost = FactCheckers(k=0).unit_cost
    k_fc = int(np.floor(money["share_fact_checkers"] / fc_cost + 1e-9))
    if k_fc:
        ivs.append(FactCheckers(start=reaction_step, k=k_fc, placement="degree"))
        spent += k_fc * fc_cost
    mod_cost = Moderation(k=0).unit_cost
    k_mod = int(np.floor(money["share_moderation"] / mod_cost + 1e-9))
    if k_mod:
        ivs.append(Moderation(start=reaction_step, k=k_mod, target="degree", mode="remove"))
        spent += k_mod * mod_cost
    lead_cost = CommunityLeaders(per_group=0).unit_cost
    per_group = int(np.floor(money["share_leaders"] / (lead_cost * groups) + 1e-9))
    if per_group:
        ivs.append(CommunityLeaders(start=0, per_group=per_group))
        spent += per_group * groups * lead_cost
    return ivs, max(0.0, budget - spent)


def policy_summary(frame: pd.DataFrame) -> dict[str, float]:
    """Summarise one sandbox run: mean, peak and final believers, share ever reached, cost, unspent."""
    share_b = frame["share_believer"].to_numpy()
    return {
        "mean_share_believer": float(share_b[1:].mean() if len(share_b) > 1 else share_b.mean()),
        "peak_share_believer": float(share_b.max()),
        "final_share_believer": float(share_b[-1]),
        "ever_reached": float(frame["ever_reached"].iloc[-1]),
        "cost": float(frame["cost"].iloc[-1]),
        "unspent": float(frame["unspent"].iloc[-1]),
    }


class BudgetPolicyModel:
    """One run of the sandbox: a community network, a hoax, and the interventions a budget buys.

    :func:`simulations.analysis.experiments.sweep` runs it as ``BudgetPolicyModel(**params,
    seed=seed).run(steps)`` (pass the class itself as the model). The network is built from
    ``network_seed`` (fixed across runs), so replicates differ only in the hoax dynamics (the seed).
    Like every model, :meth:`run` continues: ``run(20)`` twice is ``run(40)``.

    Args:
        budget, share_prebunking, share_fact_checkers, share_moderation, share_leaders: See
            :data:`POLICY_PARAMS` (every value is checked against it).
        n, groups, homophily, reaction_step, alpha, beta, p_verify, p_forget: See
            :data:`POLICY_PARAMS`.
        seed: Seed of the hoax dynamics, None or a whole number >= 0.
        network_seed: Seed of the community network, a whole number >= 0.
    """

    params = POLICY_PARAMS
    summarise = staticmethod(policy_summary)

    def __init__(
        self,
        *,
        budget: float = POLICY_PARAMS["budget"].default,
        share_prebunking: float = POLICY_PARAMS["share_prebunking"].default,
        share_fact_checkers: float = POLICY_PARAMS["share_fact_checkers"].default,
        share_moderation: float = POLICY_PARAMS["share_moderation"].default,
        share_leaders: float = POLICY_PARAMS["share_leaders"].default,
        n: int = POLICY_PARAMS["n"].default,
        groups: int = POLICY_PARAMS["groups"].default,
        homophily: float = POLICY_PARAMS["homophily"].default,
        reaction_step: int = POLICY_PARAMS["reaction_step"].default,
        alpha: float = POLICY_PARAMS["alpha"].default,
        beta: float = POLICY_PARAMS["beta"].default,
        p_verify: float = POLICY_PARAMS["p_verify"].default,
        p_forget: float = POLICY_PARAMS["p_forget"].default,
        seed: int | None = None,
        network_seed: int = 0,
    ) -> None:
        values = POLICY_PARAMS.validate(
            budget=budget,
            share_prebunking=share_prebunking,
            share_fact_checkers=share_fact_checkers,
            share_moderation=share_moderation,
            share_leaders=share_leaders,
            n=n,
            groups=groups,
            homophily=homophily,
            reaction_step=reaction_step,
            alpha=alpha,
            beta=beta,
            p_verify=p_verify,
            p_forget=p_forget,
        )
        check_integer(network_seed, "network_seed", "Seed jaringan", minimum=0)
        self.values = values
        self.seed = check_seed(seed)
        self.network_seed = int(network_seed)  # checked above: a whole number >= 0
        self.interventions, self.unspent = allocate(
            values["budget"],
            {s: values[s] for s in SHARES},
            values["n"],
            values["groups"],
            values["reaction_step"],
        )
        graph = community_network(
            n=values["n"],
            k=values["groups"],
            mean_degree=8.0,
            homophily=values["homophily"],
            seed=self.network_seed,
        )
        self.model = HoaxModel(
            graph,
            alpha=values["alpha"],
            beta=values["beta"],
            p_verify=values["p_verify"],
            p_forget=values["p_forget"],
            seed=self.seed,
        )

    @property
    def graph(self) -> nx.Graph:
        """The community network."""
        return self.model.graph

    def run(self, steps: int = 60, *, until_converged: bool = False) -> pd.DataFrame:
        """Continue the hoax with the bought interventions and return its results since step 0.

        Args:
            steps: Number of steps (the same contract as every model's ``run``).
            until_converged: Accepted for the common model contract; must be False. The sandbox
                always runs all ``steps``, because interventions start at fixed steps and their
                cost is counted over the whole horizon.

        Returns:
            The hoax results plus constant columns ``cost``, ``unspent`` and ``ever_reached``.
        """
        if check_flag(until_converged, "until_converged"):
            raise ParameterError(
                "until_converged=True is not supported by the budget sandbox (it always runs all steps)",
                "Simulasi anggaran selalu berjalan sampai langkah terakhir; until_converged harus False.",
                field="until_converged",
            )
        model = self.model
        frame = run_with_interventions(model, self.interventions, model.check_run_steps(steps))
        frame["cost"] = float(sum(iv.cost(model) for iv in self.interventions))
        frame["unspent"] = float(self.unspent)
        frame["ever_reached"] = float(model.ever_believed.mean())
        return frame


def compare_allocations(
    allocations: Mapping[str, Mapping[str, float]],
    *,
    budget: float = 60.0,
    seeds: int = 20,
    steps: int = 60,
    root_seed: int = 0,
    max_work: float | None = None,
    **params: Any,
):
    """Play several budget splits on the same network and seeds; summarise with 95% intervals.

    Args:
        allocations: ``{name: {share_name: fraction}}`` (missing shares are 0).
        budget: The fixed budget (units), the same for every allocation.
        seeds: Replicates per allocation.
        steps: Steps per run.
        root_seed: Root seed of :func:`simulations.analysis.experiments.sweep`.
        max_work: Most person-steps of the whole comparison (``sweep``'s ``max_work``; None
            means 10^10).
        **params: Other :data:`POLICY_PARAMS` (``n``, ``alpha``, …).

    Returns:
        The :class:`simulations.analysis.experiments.ExperimentResult` with an extra column ``allocation``
        (allocation name) in ``summary`` and ``points``.
    """
    if not isinstance(allocations, Mapping) or not allocations:
        raise ParameterError(
            "allocations must map at least one name to a budget split {share_name: fraction}",
            "Berikan minimal satu pembagian anggaran.",
            field="allocations",
        )
    names = list(allocations)
    for name in names:  # fail early with a clear message
        allocate(budget, allocations[name], 1, 1)
    grid = [{s: float(allocations[name].get(s, 0.0)) for s in SHARES} for name in names]
    result = sweep(
        BudgetPolicyModel,
        params={"budget": budget, **params},
        grid=grid,
        seeds=seeds,
        steps=steps,
        root_seed=root_seed,
        executor="serial",
        progress=False,
        max_work=max_work,
    )
    for frame in (result.summary, result.points):
        frame.insert(0, "allocation", [names[int(p)] for p in frame["point"]])
    return result


_METRIC_ID = {
    "mean_share_believer": "rata-rata bagian penganut hoaks sepanjang simulasi",
    "peak_share_believer": "puncak bagian penganut hoaks",
    "ever_reached": "bagian orang yang pernah percaya",
}


def summarise_allocations(result, metric: str = "mean_share_believer") -> str:
    """Return an Indonesian summary: best allocation by ``metric`` and whether intervals overlap."""
    pts = result.points[result.points["metric"] == metric].sort_values("mean")
    level_text = pct_id(result.config.get("level", 0.95), 0)
    best, second = pts.iloc[0], pts.iloc[1] if len(pts) > 1 else None
    text = (
        f"Dengan anggaran yang sama, {_METRIC_ID.get(metric, metric)} terendah dicapai oleh '{best['allocation']}': "
        f"{pct_id(best['mean'])} (selang kepercayaan {level_text}: {pct_id(best['ci_low'])}–"
        f"{pct_id(best['ci_high'])}, "
        f"{int(best['n_runs'])} simulasi)."
    )
    if second is not None:
        overlap = best["ci_high"] >= second["ci_low"]
        text += f" Urutan kedua '{second['allocation']}': {pct_id(second['mean'])}. " + (
            "Selang kepercayaannya bertumpang tindih: perbedaannya belum meyakinkan."
            if overlap
            else "Selang kepercayaannya tidak bertumpang tindih."
        )
    return (
        text
        + " Ini simulasi dengan biaya ilustratif, bukan ramalan: gunakan untuk membandingkan logika, bukan angka."
    )
