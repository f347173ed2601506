"""The tabletop exercise in the course: solo mode, the debrief as an HTML page, printable role cards.

* :func:`solo_game` — the exercise in one kernel (Binder, a laptop, nbval): the participant plays
  one role, bots play the others (:mod:`simulations.response.tabletop`).
* :func:`finish` — play the remaining rounds (the participant idle), e.g. before the debrief.
* :func:`debrief_html` / :func:`export_debrief` — the debrief (charts, summary, moves, sources)
  as one self-contained HTML page for the course report.
* :func:`role_cards_html` — one printable card per role (levers, costs, a move form per round)
  for tables without a laptop: the facilitator enters their moves in the console.
"""

from __future__ import annotations

import base64
import html
import io
from pathlib import Path
from typing import Any

from simulations.core.formatting import pct_id
from simulations.response.tabletop import (
    LEVERS,
    ROLE_ORDER,
    ROLES,
    Debrief,
    Game,
    get_scenario,
)
from simulations.response.tabletop.debrief import RUN_LABELS
from simulations.response.tabletop.district import load_kecamatan
from simulations.response.tabletop.scenario import Scenario

__all__ = [
    "SOLO_CODE",
    "debrief_html",
    "export_debrief",
    "export_role_cards",
    "finish",
    "role_cards_html",
    "solo_game",
]

SOLO_CODE = "SOLO"
"""Participant code of the player in solo mode."""

_CSS = """
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.45;color:#222}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:1.6rem}
table{border-collapse:collapse;margin:.5rem 0;font-size:.9rem}
th,td{border:1px solid #bbb;padding:.25rem .5rem;text-align:left;vertical-align:top}
img{max-width:100%}.cap{font-size:.85rem;color:#444}.note{font-size:.85rem;color:#444}
.card{border:2px solid #333;padding:.8rem 1rem;margin:1rem 0;page-break-inside:avoid}
.form td{height:2.6rem}
@media print{.card{page-break-after:always}}
"""


def solo_game(
    role: str = "diskominfo",
    scenario: str | Scenario = "banjir_bansos",
    *,
    seed: int = 2024,
    n: int = 5_000,
    participant: str = SOLO_CODE,
) -> Game:
    """Return a game for one player: ``participant`` plays ``role``, bots play every other role.

    Args:
        role: The player's role (a key of :data:`~simulations.response.tabletop.ROLES`).
        scenario: The scenario or its key.
        seed: The game's seed.
        n: Simulated people (5,000 keeps a round well under a second on a laptop).
        participant: The player's code.
    """
    game = Game(scenario, seed, n=n)
    game.assign(participant, role)
    return game


def finish(game: Game) -> Game:
    """Play the remaining rounds with no move from the players (bots still play their roles)."""
    if game.phase == "terbuka":
        game.close_round()
    while game.phase != "selesai":
        game.open_round()
        game.close_round()
    return game


def _png(fig: Any) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _img(fig: Any, alt: str) -> str:
    return (
        f'<img alt="{html.escape(alt, quote=True)}" src="data:image/png;base64,{_png(fig)}">'
        f'<p class="cap">{html.escape(alt)}</p>'
    )


def debrief_html(
    debrief: Debrief | dict[str, Any], *, title: str | None = None, notes: str = ""
) -> str:
    """Render the debrief as one self-contained HTML page (figures embedded as base64 PNG).

    Args:
        debrief: A :class:`~simulations.response.tabletop.debrief.Debrief` (or its ``to_dict()``).
        title: Page title (default: the scenario's).
        notes: The team's own notes (e.g. one improvement to coordination), printed as text.

    Returns:
        The HTML text (Indonesian).
    """
    from simulations.plots.tabletop import plot_debrief, plot_kecamatan, summarise_moves

    d = debrief if isinstance(debrief, Debrief) else Debrief.from_dict(debrief)
    scenario = get_scenario(d.info["scenario"])
    title = title or f"Pembahasan latihan meja: {d.info['title']}"
    rows = []
    for row in d.outcomes.itertuples(index=False):
        rows.append(
            "<tr>"
            f"<td>{html.escape(d.narratives.get(row.narrative, row.narrative))}</td>"
            f"<td>{html.escape(RUN_LABELS.get(row.run, row.run))}</td>"
            f"<td>{pct_id(row.peak)}</td><td>{pct_id(row.final)}</td><td>{pct_id(row.ever)}</td>"
            "</tr>"
        )
    outcome_table = (
        "<table><thead><tr><th>Narasi</th><th>Jalannya permainan</th><th>Puncak percaya</th>"
        "<th>Akhir</th><th>Pernah percaya</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table>"
    )
    moves = []
    for row in d.moves.itertuples(index=False):
        params = ", ".join(f"{k}: {v}" for k, v in dict(row.params).items()) or "-"
        moves.append(
            f"<tr><td>{int(row.round)}</td><td>{html.escape(row.role_label)}</td>"
            f"<td>{html.escape(str(row.by))}</td><td>{html.escape(row.lever_label)}</td>"
            f"<td>{html.escape(params)}</td></tr>"
        )
    moves_table = (
        "<table><thead><tr><th>Ronde</th><th>Peran</th><th>Oleh</th><th>Tuas</th><th>Pilihan</th></tr></thead>"
        "<tbody>" + "".join(moves) + "</tbody></table>"
        if moves
        else "<p>Tidak ada langkah.</p>"
    )
    sources = "".join(f"<li>{html.escape(s)}</li>" for s in scenario.sources)
    team_notes = (
        "<h2>Catatan tim</h2><p>" + html.escape(notes.strip()).replace("\n", "<br>") + "</p>"
        if notes.strip()
        else ""
    )
    figures = _img(
        plot_debrief(d),
        "Garis waktu: porsi warga yang percaya tiap narasi per langkah, permainan (garis tebal) dan pembandingnya "
        "(garis putus-putus); di bawahnya langkah tiap peran per ronde.",
    ) + _img(
        plot_kecamatan(d),
        "Porsi warga yang percaya tiap narasi di setiap kecamatan pada akhir permainan: permainan dan tanpa respons.",
    )
    return (
        '<!DOCTYPE html>\n<html lang="id"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>{_CSS}</style></head><body>"
        f"<h1>{html.escape(title)}</h1>"
        f"<p>{html.escape(scenario.summary)}</p>"
        f"<h2>Ringkasan</h2><p>{html.escape(d.summary)}</p>"
        f"{figures}"
        f"<h2>Hasil per narasi</h2>{outcome_table}"
        f"<h2>Langkah per ronde</h2><p>{html.escape(summarise_moves(d))}</p>{moves_table}"
        f"{team_notes}"
        '<h2>Catatan</h2><p class="note">Kabupaten Tangguh Jaya dan semua isi skenario fiktif; penduduknya '
        "sintetis. Angka di halaman ini keluaran model hoaks Tambuscio dkk. (2015) dengan asumsi latihan, bukan "
        "ukuran dari daerah mana pun. Pembanding memakai seed yang sama (angka acak yang sama).</p>"
        f"<h2>Sumber jenis insiden</h2><ul>{sources}</ul>"
        "</body></html>\n"
    )


def export_debrief(
    game_or_debrief: Game | Debrief | dict[str, Any], path: str | Path, *, notes: str = ""
) -> Path:
    """Write :func:`debrief_html` of a game (its debrief is computed) or a debrief to ``path``.

    The folder is created if needed.
    """
    debrief = game_or_debrief.debrief() if isinstance(game_or_debrief, Game) else game_or_debrief
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(debrief_html(debrief, notes=notes), encoding="utf-8")
    return path


def _param_text(param: Any, home: tuple[str, ...], codes: tuple[str, ...]) -> str:
    """One lever parameter as a role card shows it: its label and the choices to write down."""
    span = f"{codes[0]}–{codes[-1]}"
    if param.options:
        return f"{param.label}: " + " / ".join(o.label for o in param.options)
    if param.source == "narrative":
        return f"{param.label} (yang sudah Anda ketahui)"
    if param.source == "home" and "semua" not in home:
        return f"{param.label}: " + ", ".join(home)
    if param.source == "kecamatan_semua":
        return f"{param.label}: {span} atau semua"
    return f"{param.label}: {span}"


def role_cards_html(scenario: str | Scenario = "banjir_bansos") -> str:
    """Return printable role cards (one per role, one page each) with a move form per round.

    For tables without a laptop: the table reads its card, writes its move on the form, and the
    facilitator enters it in the console under a table code (e.g. ``MEJA-3``).
    """
    sc = get_scenario(scenario)
    kecamatan = load_kecamatan()
    codes = tuple(k.code for k in kecamatan)
    places = ", ".join(f"{k.code} {k.name}" for k in kecamatan)
    cards = []
    for key in ROLE_ORDER:
        role = ROLES[key]
        levers = []
        for lk in role.levers:
            lever = LEVERS[lk]
            extra = "; ".join(
                f"{name} '{value}' +{points}"
                for name, values in lever.extra.items()
                for value, points in values.items()
            )
            params = "; ".join(_param_text(p, role.home, codes) for p in lever.params) or "-"
            levers.append(
                f"<tr><td><b>{html.escape(lever.label)}</b><br>{html.escape(lever.help)}</td>"
                f"<td>{lever.cost}{' (' + html.escape(extra) + ')' if extra else ''}</td>"
                f"<td>{html.escape(params)}</td></tr>"
            )
        form = "".join(
            f"<tr><td>{html.escape(sc.label(r))}</td><td></td><td></td></tr>"
            for r in range(1, sc.rounds + 1)
        )
        cards.append(
            f'<div class="card"><h2>{html.escape(role.label)}</h2>'
            f"<p>{html.escape(role.description)}</p>"
            f'<p class="note">Dasar: {html.escape(role.basis)}</p>'
            f"<p><b>Anggaran:</b> {role.budget} poin per ronde ({html.escape(role.budget_note)}); sisa poin tidak "
            "dibawa ke ronde berikutnya.</p>"
            f"<p><b>Yang Anda lihat:</b> {html.escape(role.sees)}</p>"
            "<table><thead><tr><th>Tuas</th><th>Poin</th><th>Pilihan yang diisi</th></tr></thead>"
            f"<tbody>{''.join(levers)}</tbody></table>"
            "<p><b>Formulir langkah</b> (tulis tuas dan pilihannya; serahkan ke fasilitator sebelum ronde ditutup)</p>"
            f'<p class="note">Kecamatan: {html.escape(places)}.</p>'
            '<table class="form" style="width:100%"><thead><tr><th style="width:8rem">Ronde</th><th>Tuas dan pilihan</th>'
            '<th style="width:4rem">Poin</th></tr></thead>'
            f"<tbody>{form}</tbody></table></div>"
        )
    return (
        '<!DOCTYPE html>\n<html lang="id"><head><meta charset="utf-8">'
        f"<title>Kartu peran: {html.escape(sc.title)}</title><style>{_CSS}</style></head><body>"
        f"<h1>Kartu peran — {html.escape(sc.title)}</h1><p>{html.escape(sc.summary)}</p>"
        + "".join(cards)
        + "</body></html>\n"
    )


def export_role_cards(scenario: str | Scenario, path: str | Path) -> Path:
    """Write :func:`role_cards_html` to ``path`` (the folder is created if needed)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(role_cards_html(scenario), encoding="utf-8")
    return path
