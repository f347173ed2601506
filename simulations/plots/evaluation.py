"""Figures of the Bimtek evaluation report (:mod:`simulations.course.evaluation`).

Each figure pairs with text in the report (summary, tables) for screen readers; colours are
Okabe–Ito with distinct markers/hatches as well.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from simulations.core.formatting import format_id
from simulations.plots.style import OKABE_ITO

if TYPE_CHECKING:  # pragma: no cover
    from simulations.course.evaluation import EvaluationReport

__all__ = ["figures"]


def figures(report: EvaluationReport) -> dict[str, Figure]:
    """Return the report's figures: pre/post per participant, gain, mastery, items.

    Args:
        report: An :class:`~simulations.course.evaluation.EvaluationReport`.

    Returns:
        ``{"peserta", "ngain", "modul", "butir"}`` → matplotlib Figures (never shown here).
    """
    figs = {}
    p = report.participants.sort_values("pre_persen")
    fig, ax = plt.subplots(figsize=(7, 0.28 * len(p) + 1.2))
    y = np.arange(len(p))
    ax.hlines(y, p["pre_persen"], p["post_persen"], color=OKABE_ITO["grey"])
    ax.scatter(
        p["pre_persen"], y, color=OKABE_ITO["vermillion"], marker="o", label="pre-test", zorder=3
    )
    ax.scatter(
        p["post_persen"], y, color=OKABE_ITO["blue"], marker="s", label="post-test", zorder=3
    )
    ax.set_yticks(y, p.index)
    ax.set_xlim(0, 100)
    ax.set_xlabel("skor (%)")
    ax.set_title("Skor pre-test dan post-test per peserta")
    ax.legend(loc="lower right")
    figs["peserta"] = fig

    fig, ax = plt.subplots(figsize=(6, 3))
    g = report.participants["n_gain"].dropna()
    ax.hist(
        g,
        bins=np.linspace(min(-0.2, g.min() if len(g) else 0), 1, 13),
        color=OKABE_ITO["bluish_green"],
        edgecolor="black",
    )
    for x in (0.3, 0.7):
        ax.axvline(x, color="black", linestyle="--", linewidth=1)
    ax.set_xlabel("N-gain (g)")
    ax.set_ylabel("jumlah peserta")
    ax.set_title("Sebaran N-gain (garis: batas rendah/sedang/tinggi)")
    figs["ngain"] = fig

    m = report.mastery
    fig, ax = plt.subplots(figsize=(6, 3))
    x = np.arange(len(m))
    ax.bar(
        x - 0.2,
        m["rerata_pre"],
        0.4,
        color=OKABE_ITO["vermillion"],
        label="pre",
        hatch="//",
        edgecolor="black",
    )
    ax.bar(x + 0.2, m["rerata_post"], 0.4, color=OKABE_ITO["blue"], label="post", edgecolor="black")
    for shift, key in ((-0.2, "rerata_pre"), (0.2, "rerata_post")):
        if f"{key}_bawah" in m:  # 95 % intervals (Student t over participants)
            low = (m[key] - m[f"{key}_bawah"]).fillna(0).clip(lower=0)
            high = (m[f"{key}_atas"] - m[key]).fillna(0).clip(lower=0)
            ax.errorbar(
                x + shift, m[key], yerr=[low, high], fmt="none", ecolor="black", capsize=3, lw=1
            )
    ax.axhline(report.mastery_threshold, color="black", linestyle=":", linewidth=1)
    ax.set_xticks(x, [f"Modul {c}" for c in m.index])
    ax.set_ylim(0, 100)
    ax.set_ylabel("rerata skor (%)")
    ax.set_title(
        f"Penguasaan per modul (garis titik: ambang tuntas {format_id(report.mastery_threshold, 0)} %; "
        "garis tegak: IK 95 %)",
        fontsize=9,
    )
    ax.legend()
    figs["modul"] = fig

    it = report.items_post
    fig, ax = plt.subplots(figsize=(6, 3.5))
    ax.scatter(it["p"], it["D"], color=OKABE_ITO["blue"], marker="D")
    for name, row in it.iterrows():
        if not math.isnan(row["D"]):
            ax.annotate(
                name, (row["p"], row["D"]), fontsize=7, xytext=(3, 3), textcoords="offset points"
            )
    ax.axhline(0.2, color="black", linestyle="--", linewidth=1)
    ax.set_xlim(-0.05, 1.05)
    ax.set_xlabel("tingkat kesukaran p (post-test)")
    ax.set_ylabel("daya pembeda D")
    ax.set_title(
        "Analisis butir post-test (garis putus-putus: D = 0,20; "
        "perlu direvisi hanya bila seluruh IK 95 % di bawahnya)",
        fontsize=9,
    )
    figs["butir"] = fig
    return figs
