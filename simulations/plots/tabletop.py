"""Figures of the tabletop exercise's debrief (notebook 09, the facilitator console, the HTML export).

Every function takes a :class:`~simulations.response.tabletop.debrief.Debrief` (or its
``to_dict()`` form, as received from a web service), returns a figure built without pyplot and
never calls ``show``. Okabe–Ito colours with a marker per series; dashed lines for the comparison
runs. Pair each figure with the debrief's text summary (``debrief.summary``) or
:func:`summarise_moves`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib.figure import Figure

from simulations.plots.figure import new_figure
from simulations.plots.style import CYCLE, MARKERS, OKABE_ITO, PercentFormatterID
from simulations.response.tabletop.debrief import RUN_LABELS, Debrief
from simulations.response.tabletop.roles import ROLE_ORDER, ROLES

__all__ = ["plot_debrief", "plot_kecamatan", "summarise_moves"]

_RUN_STYLE = {
    "dimainkan": {"color": OKABE_ITO["vermillion"], "ls": "-", "marker": "^", "lw": 2.2},
    "tanpa_respons": {"color": OKABE_ITO["black"], "ls": "--", "marker": "o", "lw": 1.3},
    "hanya_bot": {"color": OKABE_ITO["blue"], "ls": ":", "marker": "s", "lw": 1.5},
    "tanpa_langkah": {"color": OKABE_ITO["grey"], "ls": "-.", "marker": "D", "lw": 1.2},
}


def _as_debrief(debrief: Debrief | dict[str, Any]) -> Debrief:
    return debrief if isinstance(debrief, Debrief) else Debrief.from_dict(debrief)


def _round_axis(ax: Any, info: dict[str, Any], last_step: int) -> None:
    spr = int(info["steps_per_round"])
    played = max(int(info["rounds_played"]), 1)
    for r in range(1, played + 1):
        ax.axvline(r * spr, color=OKABE_ITO["grey"], lw=0.6, alpha=0.6)
    ax.set_xlim(0, max(last_step, spr))


def plot_debrief(
    debrief: Debrief | dict[str, Any], *, figsize: tuple[float, float] | None = None
) -> Figure:
    """Draw the district's timeline with every team's moves marked, beside the comparison runs.

    Top panels, one per narrative: share of the district believing it, step by step, for the
    played game (solid) and each comparison run (dashed, dotted); thin vertical lines separate the
    rounds. Bottom panel: one row per role, a marker at the start of every round in which the role
    acted (the number of actions written beside it); bots' moves hollow.

    Args:
        debrief: The debrief (or its ``to_dict()`` form).
        figsize: Figure size in inches (default grows with the number of narratives).
    """
    d = _as_debrief(debrief)
    keys = list(d.narratives)
    rows = max(len(keys), 1)
    fig = new_figure(figsize or (9.0, 2.4 * rows + 2.6))
    grid = fig.add_gridspec(rows + 1, 1, height_ratios=[2.2] * rows + [2.0])
    axes = [fig.add_subplot(grid[i, 0]) for i in range(rows)]
    moves_ax = fig.add_subplot(grid[rows, 0], sharex=axes[0])
    tl = d.timeline
    last = int(tl["step"].max()) if len(tl) else int(d.info["steps_per_round"])
    for ax, key in zip(axes, keys or [None], strict=True):
        if key is None:
            ax.text(0.5, 0.5, "Belum ada narasi", ha="center", va="center", transform=ax.transAxes)
            continue
        for run in d.info["runs"]:
            sub = tl[(tl["run"] == run) & (tl["narrative"] == key)]
            if sub.empty:
                continue
            style = _RUN_STYLE[run]
            ax.plot(
                sub["step"],
                sub["share_believer"],
                color=style["color"],
                ls=style["ls"],
                lw=style["lw"],
                marker=style["marker"],
                markevery=max(1, len(sub) // 6),
                ms=4,
                label=RUN_LABELS[run],
            )
        ax.set_title(d.narratives[key], fontsize=10, loc="left")
        ax.set_ylabel("Warga percaya")
        ax.yaxis.set_major_formatter(PercentFormatterID(1.0, decimals=0))
        ax.set_ylim(bottom=0)
        _round_axis(ax, d.info, last)
        ax.tick_params(labelbottom=False)
    axes[0].legend(fontsize=8, loc="upper left", frameon=False)
    spr = int(d.info["steps_per_round"])
    for i, role in enumerate(ROLE_ORDER):
        sub = d.moves[d.moves["role"] == role]
        colour, marker = CYCLE[i % len(CYCLE)], MARKERS[i % len(MARKERS)]
        for rnd, group in sub.groupby("round"):
            x = (int(rnd) - 1) * spr + spr / 2
            bot = (group["by"] == "bot").all()
            moves_ax.plot(
                [x],
                [i],
                marker=marker,
                ms=8,
                color=colour,
                markerfacecolor="none" if bot else colour,
                ls="none",
            )
            moves_ax.text(x + spr * 0.18, i, str(len(group)), va="center", fontsize=7)
    moves_ax.set_yticks(range(len(ROLE_ORDER)), [ROLES[r].label for r in ROLE_ORDER], fontsize=8)
    moves_ax.set_ylim(len(ROLE_ORDER) - 0.5, -0.5)
    labels = d.info.get("round_labels", [])
    centres = [(r - 0.5) * spr for r in range(1, int(d.info["rounds_played"]) + 1)]
    moves_ax.set_xticks(centres, labels[: len(centres)], fontsize=8)
    moves_ax.set_title(
        "Langkah tiap peran (isi penuh: pemain; kosong: bot; angka: jumlah tindakan)",
        fontsize=9,
        loc="left",
    )
    _round_axis(moves_ax, d.info, last)
    return fig


def plot_kecamatan(
    debrief: Debrief | dict[str, Any],
    runs: tuple[str, ...] = ("dimainkan", "tanpa_respons"),
    *,
    figsize: tuple[float, float] | None = None,
) -> Figure:
    """Draw the share believing each narrative in every kecamatan at the last step.

    One panel per narrative; grouped bars, one group per kecamatan, one bar per run (the played
    game solid, comparison runs light grey and hatched).

    Args:
        debrief: The debrief (or its ``to_dict()`` form).
        runs: Runs to compare (those present in the debrief are drawn).
        figsize: Figure size in inches (default grows with the number of narratives).
    """
    d = _as_debrief(debrief)
    keys = list(d.narratives) or [None]
    fig = new_figure(figsize or (9.0, 2.6 * len(keys) + 0.6))
    axes = np.atleast_1d(fig.subplots(len(keys), 1, sharex=True))
    table = d.kecamatan.groupby(["run", "narrative", "kecamatan"])["share_believer"].sum()
    present = [r for r in runs if r in d.info["runs"]]
    codes = sorted(d.kecamatan["kecamatan"].unique())
    width = 0.8 / max(len(present), 1)
    x = np.arange(len(codes))
    fills = {"dimainkan": _RUN_STYLE["dimainkan"]["color"]}
    for ax, key in zip(axes, keys, strict=True):
        for j, run in enumerate(present):
            values = [float(table.get((run, key, c), 0.0)) for c in codes]
            ax.bar(
                x + (j - (len(present) - 1) / 2) * width,
                values,
                width,
                color=fills.get(run, "#DDDDDD"),
                hatch="" if run == "dimainkan" else "//",
                edgecolor=_RUN_STYLE[run]["color"] if run != "dimainkan" else "white",
                label=RUN_LABELS[run],
            )
        ax.set_ylabel("Warga percaya")
        ax.yaxis.set_major_formatter(PercentFormatterID(1.0, decimals=0))
        ax.set_title(
            d.narratives.get(key, "Belum ada narasi") + " — akhir permainan",
            fontsize=10,
            loc="left",
        )
    axes[-1].set_xticks(x, codes)
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(
        handles, labels, fontsize=8, frameon=False, loc="outside lower center", ncols=len(present)
    )
    return fig


def summarise_moves(debrief: Debrief | dict[str, Any]) -> str:
    """Return an Indonesian sentence per round: which roles acted and with which levers."""
    d = _as_debrief(debrief)
    if d.moves.empty:
        return "Belum ada langkah yang dijalankan."
    labels = d.info.get("round_labels", [])
    parts = []
    for rnd, group in d.moves.groupby("round"):
        label = labels[int(rnd) - 1] if int(rnd) <= len(labels) else f"Ronde {rnd}"
        per_role = group.groupby("role_label", sort=False)["lever_label"].apply(
            lambda s: ", ".join(dict.fromkeys(s))
        )
        parts.append(
            f"{label}: "
            + "; ".join(f"{role} ({levers})" for role, levers in per_role.items())
            + "."
        )
    return " ".join(parts)
