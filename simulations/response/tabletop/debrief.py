"""The debrief: what happened, what would have happened, and an Indonesian summary.

The played game is compared with the same scenario and seed played differently — each a replay
through the public :class:`~simulations.response.tabletop.game.Game` API, so it shares the played
game's network, narratives and random numbers (common random numbers):

* ``"tanpa_respons"`` — the red team's moves as played, every other role idle: the effect of the
  defenders' moves;
* ``"hanya_bot"`` — every role played by its bot: the players against the routine;
* ``"tanpa_langkah"`` — nobody moves: the scenario alone.

:class:`Debrief` is plain data (pandas tables and text) with :meth:`Debrief.to_dict` /
:meth:`Debrief.from_dict` for JSON, so a web service can send it and a widget can draw it. The
figures are in :mod:`simulations.plots.tabletop`, the HTML export in :mod:`simulations.course.tabletop`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

from simulations.core.errors import check_known
from simulations.core.formatting import fmt_id, pct_id
from simulations.response.tabletop.levers import LEVERS
from simulations.response.tabletop.roles import ROLES

if TYPE_CHECKING:
    from simulations.response.tabletop.game import Game

__all__ = [
    "COUNTERFACTUALS",
    "RUN_LABELS",
    "Debrief",
    "counterfactual",
    "make_debrief",
    "summarise_debrief",
]

COUNTERFACTUALS = ("tanpa_respons", "hanya_bot", "tanpa_langkah")
"""The comparison runs of a debrief (see the module docstring)."""

RUN_LABELS = {
    "dimainkan": "Yang dimainkan",
    "tanpa_respons": "Tanpa respons (tim merah sama, peran lain diam)",
    "hanya_bot": "Semua peran dimainkan bot",
    "tanpa_langkah": "Tanpa langkah siapa pun",
}
"""Indonesian names of the runs."""


@dataclass
class Debrief:
    """The played game beside its counterfactuals.

    Attributes:
        info: Scenario key and title, seed, n, rounds played, steps per round, round labels.
        timeline: One row per run, step and narrative (district-wide): ``run``, ``step``,
            ``round``, ``narrative``, ``believer``, ``fact_checker``, ``share_believer``,
            ``share_fact_checker``.
        kecamatan: Final believer share by kecamatan: ``run``, ``narrative``, ``kecamatan``,
            ``share_believer``.
        outcomes: One row per run and narrative: ``peak`` (largest believer share), ``peak_step``,
            ``final`` (share at the last step), ``ever`` (share who ever believed), ``mean``
            (average believer share over the steps since it appeared).
        moves: One row per resolved action: ``round``, ``step`` (the round's first step),
            ``role``, ``role_label``, ``by`` (participant code, ``"bot"``), ``lever``,
            ``lever_label``, ``params``.
        narratives: ``{key: title}``.
        summary: Indonesian summary.
    """

    info: dict[str, Any]
    timeline: pd.DataFrame
    kecamatan: pd.DataFrame
    outcomes: pd.DataFrame
    moves: pd.DataFrame
    narratives: dict[str, str]
    summary: str

    def to_dict(self) -> dict[str, Any]:
        """Return the debrief as JSON data (tables as lists of records)."""
        return {
            "info": dict(self.info),
            "timeline": self.timeline.to_dict("records"),
            "kecamatan": self.kecamatan.to_dict("records"),
            "outcomes": self.outcomes.to_dict("records"),
            "moves": self.moves.to_dict("records"),
            "narratives": dict(self.narratives),
            "summary": self.summary,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Debrief:
        """Rebuild a debrief from :meth:`to_dict` output (e.g. received over HTTP)."""
        return cls(
            info=dict(data["info"]),
            timeline=pd.DataFrame.from_records(data["timeline"], columns=_TIMELINE),
            kecamatan=pd.DataFrame.from_records(data["kecamatan"], columns=_KECAMATAN),
            outcomes=pd.DataFrame.from_records(data["outcomes"], columns=_OUTCOMES),
            moves=pd.DataFrame.from_records(data["moves"], columns=_MOVES),
            narratives=dict(data["narratives"]),
            summary=str(data["summary"]),
        )


_TIMELINE = [
    "run",
    "step",
    "round",
    "narrative",
    "believer",
    "fact_checker",
    "share_believer",
    "share_fact_checker",
]
_KECAMATAN = ["run", "narrative", "kecamatan", "share_believer"]
_OUTCOMES = ["run", "narrative", "peak", "peak_step", "final", "ever", "mean"]
_MOVES = ["round", "step", "role", "role_label", "by", "lever", "lever_label", "params"]


def counterfactual(game: Game, kind: str) -> Game:
    """Play the game's scenario again with the same seed and size, as ``kind`` says, up to its round.

    Args:
        game: The played game.
        kind: One of :data:`COUNTERFACTUALS`.

    Returns:
        The replayed :class:`Game` (same rounds resolved as ``game``).
    """
    check_known(kind, COUNTERFACTUALS, "counterfactual", "Pembanding", field="counterfactuals")
    # the game's own class (no import of game.py here: game.py imports this module for debrief())
    other = type(game)(game.scenario, game.seed, n=game.n, bots=kind == "hanya_bot")
    if kind == "tanpa_respons":
        other.assign("MERAH", "tim_merah")
    for result in game.results:
        other.open_round()
        if kind == "tanpa_respons":
            actions = result["moves"]["tim_merah"]["actions"]
            if actions:
                other.submit("MERAH", "tim_merah", {"actions": actions})
        other.close_round()
    return other


def _outcomes(timeline: pd.DataFrame, game: Game, run: str) -> list[dict[str, Any]]:
    rows = []
    for key, layer in game.district.layers.items():
        sub = timeline[timeline["narrative"] == key]
        share = sub["share_believer"].to_numpy()
        peak = int(share.argmax())
        rows.append(
            {
                "run": run,
                "narrative": key,
                "peak": float(share[peak]),
                "peak_step": int(sub["step"].iloc[peak]),
                "final": float(share[-1]),
                "ever": float(layer.ever_believed.mean()),
                "mean": float(share.mean()),
            }
        )
    return rows


def make_debrief(game: Game, counterfactuals: Sequence[str] = COUNTERFACTUALS) -> Debrief:
    """Build the debrief of a game (played or in progress: compared up to its current round).

    Args:
        game: The game.
        counterfactuals: Which comparison runs to play (subset of :data:`COUNTERFACTUALS`).

    Returns:
        A :class:`Debrief`.
    """
    if isinstance(counterfactuals, str):
        counterfactuals = [counterfactuals]
    runs = {"dimainkan": game}
    for kind in counterfactuals:
        runs[kind] = counterfactual(game, kind)
    lines, kec, outcomes = [], [], []
    for run, g in runs.items():
        tl = g.timeline()
        tl.insert(0, "run", run)
        lines.append(tl)
        outcomes += _outcomes(tl, g, run)
        by = g.timeline(by_kecamatan=True)
        if len(by):
            last = by[by["step"] == by["step"].max()]
            for row in last.itertuples(index=False):
                kec.append(
                    {
                        "run": run,
                        "narrative": row.narrative,
                        "kecamatan": row.kecamatan,
                        "share_believer": float(row.share_believer),
                    }
                )
    timeline = (
        pd.concat(lines, ignore_index=True)[_TIMELINE] if lines else pd.DataFrame(columns=_TIMELINE)
    )
    moves = []
    for result in game.results:
        for role, m in result["moves"].items():
            for action in m["actions"]:
                moves.append(
                    {
                        "round": result["round"],
                        "step": result["steps"][0],
                        "role": role,
                        "role_label": ROLES[role].label,
                        "by": m["by"],
                        "lever": action["lever"],
                        "lever_label": LEVERS[action["lever"]].label,
                        "params": dict(action["params"]),
                    }
                )
    info = {
        "scenario": game.scenario.key,
        "title": game.scenario.title,
        "seed": game.seed,
        "n": game.n,
        "rounds_played": len(game.results),
        "rounds": game.scenario.rounds,
        "steps_per_round": game.scenario.steps_per_round,
        "round_labels": [game.scenario.label(r) for r in range(1, game.scenario.rounds + 1)],
        "runs": list(runs),
    }
    debrief = Debrief(
        info=info,
        timeline=timeline,
        kecamatan=pd.DataFrame(kec, columns=_KECAMATAN),
        outcomes=pd.DataFrame(outcomes, columns=_OUTCOMES),
        moves=pd.DataFrame(moves, columns=_MOVES),
        narratives={key: layer.narrative.title for key, layer in game.district.layers.items()},
        summary="",
    )
    debrief.summary = summarise_debrief(debrief)
    return debrief


def summarise_debrief(debrief: Debrief) -> str:
    """Return a short Indonesian summary: each narrative as played against the comparison runs."""
    info = debrief.info
    parts = [
        f"Skenario “{info['title']}”, {info['rounds_played']} dari {info['rounds']} ronde, seed {info['seed']}, "
        f"{fmt_id(info['n'], 0)} orang simulasi (data sintetis; model, bukan ramalan)."
    ]
    if debrief.outcomes.empty:
        parts.append("Belum ada narasi yang muncul.")
        return " ".join(parts)
    out = debrief.outcomes.set_index(["run", "narrative"])
    for key, title in debrief.narratives.items():
        played = out.loc[("dimainkan", key)]
        text = (
            f"“{title}”: puncak {pct_id(played['peak'])} warga percaya, akhir {pct_id(played['final'])}, "
            f"pernah percaya {pct_id(played['ever'])}"
        )
        compare = [
            f"{RUN_LABELS[run].split(' (')[0].lower()}: puncak {pct_id(out.loc[(run, key)]['peak'])}, "
            f"pernah percaya {pct_id(out.loc[(run, key)]['ever'])}"
            for run in info["runs"]
            if run != "dimainkan" and (run, key) in out.index
        ]
        parts.append(text + (" (" + "; ".join(compare) + ")." if compare else "."))
    if "tanpa_respons" in info["runs"]:
        base = out.xs("tanpa_respons", level="run")["mean"].sum()
        now = out.xs("dimainkan", level="run")["mean"].sum()
        if base > 0:
            change = 1 - now / base
            word = "lebih sedikit" if change >= 0 else "lebih banyak"
            parts.append(
                f"Dibanding tanpa respons, rata-rata warga yang percaya hoaks selama permainan {pct_id(abs(change))} "
                f"{word}."
            )
    if not debrief.moves.empty:
        counts = debrief.moves.groupby("role_label").size().sort_values(ascending=False)
        parts.append(
            "Langkah yang dijalankan: "
            + ", ".join(f"{label} {int(c)}" for label, c in counts.items())
            + "."
        )
    parts.append(
        "Bandingkan dengan seed lain sebelum menyimpulkan: satu permainan adalah satu kemungkinan."
    )
    return " ".join(parts)
